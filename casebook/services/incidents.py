"""Saving an incident together with the people linked to it, in one transaction.

The editor holds the links it wants (person, role); the vault holds involvement
records. Saving compares the two: a link already stored is kept, a person whose
role changed has the involvement updated (its history shows the change), a link
removed is deleted (a tombstone version), and a new one is created. The incident
and every involvement change commit together, with their audit entries, or not
at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from casebook.domain.records import RecordKind
from casebook.services.queries import InvolvementRow
from casebook.services.records import RecordStore, StoredRecord
from casebook.services.vault_service import VaultSession


def save_incident(
    session: VaultSession, content: Mapping[str, Any], *, record_id: str | None,
    version: int | None, links: Iterable[tuple[str, str]], stored_links: list[InvolvementRow],
) -> StoredRecord:
    """Create or update the incident (with ``version`` expected) and bring its
    involvements in line with ``links`` ((person id, role) pairs)."""
    with session.unit_of_work() as uow:
        store = RecordStore(uow, session.user.id)
        if record_id is None:
            incident = store.create(RecordKind.INCIDENT, content)
        else:
            assert version is not None
            incident = store.update(record_id, content, expected_version=version)
        wanted = list(dict.fromkeys(links))
        existing = list(stored_links)
        # Unchanged links stay as they are.
        for row in list(existing):
            if (row.person_id, row.role) in wanted:
                wanted.remove((row.person_id, row.role))
                existing.remove(row)
        # A person still linked in another role: update that involvement.
        for person, role in list(wanted):
            moved = next((r for r in existing if r.person_id == person), None)
            if moved is not None:
                current = store.get_current(moved.id)
                store.update(moved.id, {**current.content, "role": role},
                             expected_version=current.version)
                existing.remove(moved)
                wanted.remove((person, role))
        for row in existing:
            store.delete(row.id, expected_version=store.get_current(row.id).version)
        for person, role in wanted:
            store.create(RecordKind.INVOLVEMENT,
                         {"incident": incident.id, "person": person, "role": role})
        return incident
