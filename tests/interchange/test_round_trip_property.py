"""Property: any valid casebook/v1 document, imported into a fresh vault and exported,
then imported into another fresh vault and exported, gives the same export."""

from __future__ import annotations

import json
import tempfile
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.crypto.kdf import TEST_ONLY_PARAMS
from casebook.domain.users import Role
from casebook.gazetteer.shipped import shipped_gazetteer
from casebook.services.interchange import SECTIONS, export_json, import_json
from casebook.services.vault_service import KdfPolicy, create_vault
from tests.conftest import PASSPHRASE

ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىة"
HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"
LATIN = "abcdefghijklmnopqrstuvwxyzÀéḤī"

words = st.text(alphabet=ARABIC + HARAKAT + LATIN + "  -'", min_size=1, max_size=24).filter(
    lambda s: s.strip() != ""
)
any_text = st.text(max_size=40)
partial_dates = st.one_of(
    st.none(),
    st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)).flatmap(
        lambda d: st.sampled_from([d.isoformat(), d.isoformat()[:7], d.isoformat()[:4]])
    ),
)
file_ids = st.one_of(
    st.text(alphabet="ABCxyz0123456789-_.:/ ", min_size=1, max_size=12).filter(str.strip),
    st.uuids().map(str),
    st.uuids().map(lambda u: str(u).upper()),
    st.integers(min_value=0, max_value=10_000),
)
extras = st.dictionaries(
    st.sampled_from(["x_team", "x_source_row", "x_flags"]),
    st.one_of(any_text, st.integers(-5, 5), st.lists(words, max_size=2), st.booleans()),
    max_size=2,
)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    n_places = draw(st.integers(0, 4))
    n_incidents = draw(st.integers(1, 4))
    n_persons = draw(st.integers(1, 4))
    total = n_places + n_incidents + n_persons
    ids = draw(st.lists(file_ids, min_size=total, max_size=total,
                        unique_by=lambda i: str(i).strip().lower()))
    place_ids, incident_ids, person_ids = (
        ids[:n_places], ids[n_places:n_places + n_incidents], ids[n_places + n_incidents:]
    )

    places = []
    for index, place_id in enumerate(place_ids):
        parent = draw(st.one_of(st.none(), st.sampled_from(place_ids[:index])) if index
                      else st.none())
        places.append({
            "id": place_id, "name": draw(words), "name_ar": draw(st.text(ARABIC, max_size=8)),
            "level": draw(st.sampled_from(["country", "governorate", "district", "site"])),
            "parent": parent, "pcode": draw(st.sampled_from(["", "SY01", "SY0203"])),
        })
    places = draw(st.permutations(places))  # children may come before parents

    incidents = []
    for incident_id in incident_ids:
        start = draw(partial_dates)
        incidents.append({
            "id": incident_id, "title": draw(words), "narrative": draw(any_text),
            "date_start": start,
            "place": draw(st.one_of(st.none(), st.just("SY0203"),
                                    *([st.sampled_from(place_ids)] if place_ids else []))),
            "status": draw(st.sampled_from(["draft", "submitted", "needs-changes",
                                            "approved"])),
            "tags": draw(st.lists(st.sampled_from(
                ["act.killing", "act.shelling", "act.arbitrary-detention"]),
                                  max_size=2)),
            **draw(extras),
        })

    persons = []
    for person_id in person_ids:
        person: dict[str, Any] = {
            "id": person_id, "sex": draw(st.sampled_from(["female", "male", "unknown"])),
            "alt_names": draw(st.lists(words, max_size=2)),
            "age": draw(st.one_of(st.none(), st.integers(0, 99))),
            "contact": draw(st.one_of(st.just(""), any_text)),
        }
        if draw(st.booleans()):
            person["name"] = draw(words)
        else:
            person["name_parts"] = {"given": draw(words), "family": draw(st.text(ARABIC,
                                                                                 max_size=8))}
        person.update(draw(extras))
        persons.append(person)

    pairs = draw(st.lists(
        st.tuples(st.sampled_from(incident_ids), st.sampled_from(person_ids),
                  st.sampled_from(["victim", "witness", "source", "alleged-perpetrator"])),
        max_size=5, unique=True,
    ))
    involvements = [{"incident": i, "person": p, "role": r} for i, p, r in pairs]
    # Ids are unique across the whole file: draw distinct ones, apart from the others.
    taken = {str(_canonical(str(i))) for i in ids}
    fresh = draw(st.lists(st.integers(1, 2**64), min_size=len(involvements),
                          max_size=len(involvements), unique=True))
    for involvement, number in zip(involvements, fresh, strict=True):
        candidate = str(uuid.UUID(int=number))
        if draw(st.booleans()) and candidate not in taken:
            involvement["id"] = candidate
    return {"format": "casebook/v1", "places": places, "incidents": incidents,
            "persons": persons, "involvements": involvements}


def _import_then_export(folder: Path, document: dict[str, Any]) -> dict[str, Any]:
    policy = KdfPolicy(TEST_ONLY_PARAMS, enforce_floor=False)
    session = create_vault(folder / "vault", "Round Trip", Role.DOCUMENTER, PASSPHRASE, policy)
    try:
        path = folder / "in.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        report = import_json(session, path)
        assert report.skipped == ()
        return export_json(session)
    finally:
        session.lock()


def _by_id(document: dict[str, Any]) -> dict[str, Any]:
    return {name: sorted(document[name], key=lambda r: r["id"]) for name in SECTIONS}


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(document=documents())
def test_export_import_export_is_identical(document: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        first = _import_then_export(root / "a", document)
        second = _import_then_export(root / "b", first)
    assert _by_id(second) == _by_id(first)
    assert len(first["places"]) == len(document["places"]) + len(shipped_gazetteer().places)
    for name in ("incidents", "persons", "involvements"):
        assert len(first[name]) == len(document[name])
    # Ids that were not UUIDs live on as external references.
    references = {r.get("external_ref") for r in first["persons"]}
    for person in document["persons"]:
        text = str(person["id"])
        if text != str(_canonical(text)):
            assert text in references


def _canonical(text: str) -> uuid.UUID | str:
    try:
        return uuid.UUID(text)
    except ValueError:
        return text
