"""Saving an incident with the people linked to it: one transaction."""

from __future__ import annotations

import pytest

from casebook.domain.errors import ValidationError
from casebook.domain.records import RecordKind
from casebook.services.incidents import save_incident
from casebook.services.queries import Queries
from casebook.services.records import RecordService
from casebook.services.vault_service import VaultSession


def test_links_created_changed_and_removed(vault_session: VaultSession) -> None:
    records = RecordService(vault_session)
    queries = Queries(vault_session)
    a = records.create(RecordKind.PERSON, {"name": "A"}).id
    b = records.create(RecordKind.PERSON, {"name": "B"}).id
    c = records.create(RecordKind.PERSON, {"name": "C"}).id
    incident = save_incident(vault_session, {"title": "Raid"}, record_id=None, version=None,
                             links=[(a, "victim"), (b, "witness")], stored_links=[])
    stored = queries.involvements(incident=incident.id)
    assert {(r.person_id, r.role) for r in stored} == {(a, "victim"), (b, "witness")}
    again = save_incident(vault_session, {"title": "Raid at dawn"}, record_id=incident.id,
                          version=incident.version, links=[(a, "victim"), (b, "victim"),
                                                           (c, "source")],
                          stored_links=stored)
    assert again.version == 2
    stored = queries.involvements(incident=incident.id)
    assert {(r.person_id, r.role) for r in stored} == {(a, "victim"), (b, "victim"),
                                                      (c, "source")}
    moved = next(r for r in stored if r.person_id == b)
    assert [v.version for v in records.history(moved.id)] == [1, 2]
    save_incident(vault_session, {"title": "Raid at dawn"}, record_id=incident.id,
                  version=2, links=[(c, "source")], stored_links=stored)
    assert [(r.person_id, r.role) for r in queries.involvements(incident=incident.id)] == [
        (c, "source")
    ]


def test_a_bad_link_saves_nothing(vault_session: VaultSession) -> None:
    queries = Queries(vault_session)
    before = queries.count_incidents()
    with pytest.raises(ValidationError):
        save_incident(vault_session, {"title": "Raid"}, record_id=None, version=None,
                      links=[("no-such-person", "victim")], stored_links=[])
    assert queries.count_incidents() == before
