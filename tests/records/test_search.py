"""Full-text search inside the encrypted database, Arabic and Latin, however typed."""

from __future__ import annotations

import pytest

from casebook.domain.records import RecordKind
from casebook.services.queries import IncidentFilter, Queries
from casebook.services.records import RecordService
from casebook.services.vault_service import VaultSession

STORED_NAME = "مُحَمَّد إبراهيم الحلبي"


@pytest.fixture
def world(vault_session: VaultSession) -> tuple[Queries, str, str]:
    records = RecordService(vault_session)
    incident = records.create(RecordKind.INCIDENT, {
        "title": "إعدام ميداني في قرية المختارية", "narrative": "Men were taken from their homes.",
    })
    person = records.create(RecordKind.PERSON, {
        "name": STORED_NAME,
        "name_parts": {"given": "مُحَمَّد", "father": "إبراهيم", "family": "الحلبي"},
        "alt_names": ["Muḥammad Ibrāhīm al-Ḥalabī", "Mohamed Ibrahim Halabi"],
    })
    records.create(RecordKind.INVOLVEMENT, {"incident": incident.id, "person": person.id,
                                            "role": "victim"})
    other = records.create(RecordKind.PERSON, {"name": "محمود حسين"})
    records.create(RecordKind.STATEMENT, {"incident": incident.id,
                                          "text": "رأيتُ الجنود عند الحاجز الساعة ٧"})
    assert other.id
    return Queries(vault_session), incident.id, person.id


@pytest.mark.parametrize(
    "typed",
    ["محمد ابراهيم", "مُحمّد", "محمـــد الحلبى", "إبراهيم", "muhammad", "MUḤAMMAD",
     "halabi", "Mohamed Halabi", "ﻣﺤﻤﺪ"],
)
def test_name_found_however_typed(world: tuple[Queries, str, str], typed: str) -> None:
    queries, incident_id, person_id = world
    assert person_id in [h.record_id for h in queries.search(typed)]
    assert incident_id in queries.incident_ids(IncidentFilter(search=typed))


@pytest.mark.parametrize("typed", ["محمود ابراهيم", "حسن", "ابراهام", "halab"])
def test_near_names_do_not_match(world: tuple[Queries, str, str], typed: str) -> None:
    queries, _incident_id, person_id = world
    assert person_id not in [h.record_id for h in queries.search(typed)]


def test_statement_text_and_digits(world: tuple[Queries, str, str]) -> None:
    queries, incident_id, _ = world
    assert incident_id in queries.incident_ids(IncidentFilter(search="الحاجز 7"))


def test_prefix_as_you_type(world: tuple[Queries, str, str]) -> None:
    queries, incident_id, _ = world
    assert incident_id in queries.incident_ids(IncidentFilter(search="المختار"))
    assert queries.search("المختار") == []  # whole words outside as-you-type


def test_results_ranked(vault_session: VaultSession) -> None:
    records = RecordService(vault_session)
    weak = records.create(
        RecordKind.INCIDENT, {"title": "Report", "narrative": "a " * 50 + "siege"}
    )
    strong = records.create(
        RecordKind.INCIDENT, {"title": "Siege of the town", "narrative": "siege"}
    )
    hits = Queries(vault_session).search("siege")
    assert [h.record_id for h in hits] == [strong.id, weak.id]


def test_empty_or_punctuation_query(world: tuple[Queries, str, str]) -> None:
    queries, _, _ = world
    assert queries.search("  ،؟!") == []
    assert len(queries.incident_ids(IncidentFilter(search="   "))) == 1


def test_family_name_without_the_article(vault_session: VaultSession) -> None:
    records = RecordService(vault_session)
    person = records.create(RecordKind.PERSON, {"name": "ليلى الحداد"})
    queries = Queries(vault_session)
    assert [h.record_id for h in queries.search("حداد")] == [person.id]
    assert [h.record_id for h in queries.search("الحداد")] == [person.id]
    assert queries.search("حدادين") == []
