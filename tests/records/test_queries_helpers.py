"""Read-side helpers the GUI uses: filtered counts, places and units for pickers,
records that refer to a record (a person's consents)."""

from __future__ import annotations

from casebook.domain.records import IncidentStatus, RecordKind, Role
from casebook.gazetteer.shipped import shipped_gazetteer
from casebook.services.queries import IncidentFilter, Queries
from casebook.services.records import RecordService
from casebook.services.review import ReviewService
from casebook.services.vault_service import VaultSession


def test_count_matches_the_filtered_ids(vault_session: VaultSession) -> None:
    records = RecordService(vault_session)
    queries = Queries(vault_session)
    person = records.create(RecordKind.PERSON, {"name": "سامي الخطيب"})
    for index in range(5):
        incident = records.create(RecordKind.INCIDENT, {
            "title": f"Shelling {index}", "date_start": f"2025-0{index + 1}",
        })
        if index % 2:  # an incident's status changes only through review
            ReviewService(vault_session).submit(incident.id)
        if index < 2:
            records.create(RecordKind.INVOLVEMENT, {
                "incident": incident.id, "person": person.id, "role": "witness"})
    filters = [
        IncidentFilter(),
        IncidentFilter(status=IncidentStatus.SUBMITTED),
        IncidentFilter(role=Role.WITNESS),
        IncidentFilter(date_from="2025-03-01"),
        IncidentFilter(search="الخطي"),
        IncidentFilter(search="nothing-like-this"),
    ]
    counts = [queries.count_incidents_matching(f) for f in filters]
    assert counts == [5, 2, 2, 3, 2, 0]
    for where, count in zip(filters, counts, strict=True):
        assert len(queries.incident_ids(where)) == count
    assert queries.count_incidents_matching() == queries.count_incidents()


def test_places_and_units_by_name(vault_session: VaultSession) -> None:
    records = RecordService(vault_session)
    queries = Queries(vault_session)
    jableh = records.create(RecordKind.PLACE, {
        "name": "Jableh", "name_ar": "جبلة", "pcode": "SY0601", "level": "district"})
    banias = records.create(RecordKind.PLACE, {"name": "Baniyas", "name_ar": "بانياس"})
    gone = records.create(RecordKind.PLACE, {"name": "Deleted place"})
    records.delete(gone.id, expected_version=1)
    records.update(banias.id, {"name": "Banias", "name_ar": "بانياس"}, expected_version=1)
    unit = records.create(RecordKind.UNIT, {"name": "Checkpoint unit", "affiliation": "x"})

    shipped = {p.id for p in shipped_gazetteer().places}
    places = [p for p in queries.places() if p.id not in shipped]
    assert [(p.id, p.name) for p in places] == [(banias.id, "Banias"), (jableh.id, "Jableh")]
    assert (places[1].name_ar, places[1].pcode, places[1].level) == (
        "جبلة", "SY0601", "district")
    assert [(u.id, u.name, u.affiliation) for u in queries.units()] == [
        (unit.id, "Checkpoint unit", "x")]


def test_referring_records(vault_session: VaultSession) -> None:
    records = RecordService(vault_session)
    queries = Queries(vault_session)
    person = records.create(RecordKind.PERSON, {"name": "Huda"})
    incident = records.create(RecordKind.INCIDENT, {"title": "Raid"})
    first = records.create(RecordKind.CONSENT, {"person": person.id, "scope": "publication"})
    second = records.create(RecordKind.CONSENT, {"person": person.id, "scope": "iiim"})
    link = records.create(RecordKind.INVOLVEMENT, {
        "incident": incident.id, "person": person.id, "role": "victim"})
    records.delete(second.id, expected_version=1)

    consents = queries.referring(person.id, RecordKind.CONSENT)
    assert [(r.record_id, r.kind, r.field) for r in consents] == [
        (first.id, "consent", "person")]
    everything = {(r.record_id, r.field) for r in queries.referring(person.id)}
    assert everything == {(first.id, "person"), (link.id, "person")}
    assert queries.referring("no-such-record") == []
