"""Record services: versions, tombstones, history, diffs, validation, references, audit."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from casebook.domain.errors import ValidationError
from casebook.domain.records import IncidentStatus, RecordKind, Role
from casebook.services.queries import IncidentFilter, Queries
from casebook.services.records import (
    FieldChange,
    RecordNotFoundError,
    RecordService,
    StaleVersionError,
)
from casebook.services.review import ReviewService
from casebook.services.vault_service import VaultSession
from casebook.storage.models import AuditEntry, RecordVersion


@pytest.fixture
def records(vault_session: VaultSession) -> RecordService:
    return RecordService(vault_session)


def _audit_actions(session: VaultSession) -> list[tuple[str, str, int | None]]:
    with Session(session.vault.engine) as db:
        return [
            (e.action, e.object_type, e.object_version)
            for e in db.exec(select(AuditEntry).order_by(AuditEntry.seq)).all()  # type: ignore[arg-type]
        ]


def test_every_save_is_a_new_version_with_its_audit_entry(
    records: RecordService, vault_session: VaultSession
) -> None:
    created = records.create(RecordKind.INCIDENT, {"title": "Shelling of the market"})
    updated = records.update(
        created.id, {**created.content, "narrative": "Three shells at noon."}, expected_version=1
    )
    assert (created.version, updated.version) == (1, 2)
    assert [v.version for v in records.history(created.id)] == [1, 2]
    assert records.diff(created.id, 1, 2) == [FieldChange("narrative", "", "Three shells at noon.")]
    assert records.version_content(created.id, 1)["narrative"] == ""
    assert _audit_actions(vault_session)[-2:] == [
        ("create", "incident", 1),
        ("update", "incident", 2),
    ]
    assert vault_session.check_audit_chain() is None


def test_saving_unchanged_content_adds_no_version(records: RecordService) -> None:
    created = records.create(RecordKind.INCIDENT, {"title": "Same"})
    again = records.update(created.id, dict(created.content), expected_version=1)
    assert again.version == 1
    assert len(records.history(created.id)) == 1


def test_delete_is_a_tombstone_and_history_stays(
    records: RecordService, vault_session: VaultSession
) -> None:
    created = records.create(RecordKind.INCIDENT, {"title": "To be removed"})
    records.delete(created.id, expected_version=1)
    with pytest.raises(RecordNotFoundError):
        records.get(created.id)
    history = records.history(created.id)
    assert [(v.version, v.tombstone) for v in history] == [(1, False), (2, True)]
    assert records.get(created.id, include_deleted=True).deleted
    assert Queries(vault_session).incident_ids() == []


def test_stale_update_overwrites_nothing(records: RecordService) -> None:
    created = records.create(RecordKind.INCIDENT, {"title": "A"})
    records.update(created.id, {"title": "B"}, expected_version=1)
    with pytest.raises(StaleVersionError):
        records.update(created.id, {"title": "C"}, expected_version=1)
    assert records.get(created.id).content["title"] == "B"


@pytest.mark.parametrize(
    ("kind", "data", "field"),
    [
        (RecordKind.INCIDENT, {"title": ""}, "title"),
        (RecordKind.INCIDENT, {"title": "x", "date_start": "2025-02-30"}, "date_start"),
        (RecordKind.INCIDENT, {"title": "x", "date_start": "2025-03", "date_end": "2025-01"}, None),
        (RecordKind.PERSON, {"name": "A", "age": -1}, "age"),
        (RecordKind.PERSON, {"name": "A", "counting_unit": "group"}, None),
        (RecordKind.PERSON, {}, None),
        (RecordKind.STATEMENT, {"incident": "x", "reliability": "Z"}, "reliability"),
    ],
)
def test_validation_errors_are_located(
    records: RecordService, vault_session: VaultSession, kind: RecordKind,
    data: dict[str, object], field: str | None,
) -> None:
    before = _audit_actions(vault_session)
    with pytest.raises(ValidationError) as caught:
        records.create(kind, data)
    if field is not None:
        assert caught.value.field == field
        assert str(caught.value).startswith(f"{field}:")
    assert _audit_actions(vault_session) == before


def test_references_must_exist_and_block_deletion(records: RecordService) -> None:
    incident = records.create(RecordKind.INCIDENT, {"title": "Detention at checkpoint"})
    person = records.create(RecordKind.PERSON, {"name": "Rami"})
    with pytest.raises(ValidationError) as caught:
        records.create(RecordKind.INVOLVEMENT, {"incident": incident.id, "person": incident.id,
                                                "role": "victim"})
    assert caught.value.field == "person"
    link = records.create(RecordKind.INVOLVEMENT, {"incident": incident.id, "person": person.id,
                                                   "role": "victim"})
    with pytest.raises(ValidationError, match="still referred to by 1 involvement"):
        records.delete(person.id, expected_version=1)
    records.delete(link.id, expected_version=1)
    records.delete(person.id, expected_version=1)


def test_act_perpetrators_are_checked(records: RecordService) -> None:
    incident = records.create(RecordKind.INCIDENT, {"title": "Execution"})
    victim = records.create(RecordKind.PERSON, {"name": "Victim"})
    unit = records.create(RecordKind.UNIT, {"name": "Checkpoint unit"})
    act = {"incident": incident.id, "victim": victim.id, "act_type": "act.summary-execution",
           "perpetrators": [{"unit": unit.id, "confidence": "high"}]}
    records.create(RecordKind.ACT, act)
    with pytest.raises(ValidationError) as caught:
        records.create(RecordKind.ACT, {**act, "perpetrators": [{"unit": victim.id}]})
    assert caught.value.field == "perpetrators[0].unit"
    with pytest.raises(ValidationError):
        records.create(RecordKind.ACT, {**act, "perpetrators": [{}]})


def test_unknown_fields_are_kept(records: RecordService) -> None:
    created = records.create(RecordKind.INCIDENT, {"title": "x", "x_field_team": "north"})
    assert records.get(created.id).content["x_field_team"] == "north"


def test_group_victims(records: RecordService) -> None:
    group = records.create(RecordKind.PERSON, {
        "name": "Men of the village", "counting_unit": "group", "group_size": 20,
        "group_size_estimate": True,
    })
    assert group.content["group_size"] == 20
    assert group.content["group_size_estimate"] is True


def test_versions_cannot_be_rewritten(records: RecordService, vault_session: VaultSession) -> None:
    created = records.create(RecordKind.INCIDENT, {"title": "x"})
    with Session(vault_session.vault.engine) as db:
        row = db.get(RecordVersion, (created.id, 1))
        assert row is not None
        row.content = "{}"
        db.add(row)
        with pytest.raises(Exception, match="immutable"):
            db.commit()


def test_filters(records: RecordService, vault_session: VaultSession) -> None:
    march = records.create(RecordKind.INCIDENT, {
        "title": "March", "date_start": "2025-03-07", "tags": ["act.killing"],
        "place": "SY0703",
    })
    ReviewService(vault_session).submit(march.id)  # status changes only through review
    records.create(RecordKind.INCIDENT, {"title": "April", "date_start": "2025-04"})
    records.create(RecordKind.INCIDENT, {"title": "Undated"})
    witness = records.create(RecordKind.PERSON, {"name": "W"})
    records.create(RecordKind.INVOLVEMENT, {"incident": march.id, "person": witness.id,
                                            "role": "witness"})
    q = Queries(vault_session)
    assert q.incident_ids(IncidentFilter(status=IncidentStatus.SUBMITTED)) == [march.id]
    assert q.incident_ids(IncidentFilter(tag="act.killing")) == [march.id]
    assert q.incident_ids(IncidentFilter(place="SY0703")) == [march.id]
    assert q.incident_ids(IncidentFilter(role=Role.WITNESS)) == [march.id]
    in_march = q.incident_ids(IncidentFilter(date_from="2025-03-01", date_to="2025-03-31"))
    assert in_march == [march.id]
    # "2025-04" may be any day of April: it overlaps a range ending on 1 April.
    assert len(q.incident_ids(IncidentFilter(date_from="2025-03-08", date_to="2025-04-01"))) == 1
    assert q.count_incidents() == 3
