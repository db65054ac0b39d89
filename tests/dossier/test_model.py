"""The redacted dossier model on hand-made snapshots: consent, places, the strictest
rule for a person, birth dates, and free text that names a place or a file."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest

from casebook.domain.records import PlaceLevel
from casebook.export.dossier_model import (
    Attachment,
    Snapshot,
    build_dossier,
    consent_holds,
    spellings,
)
from casebook.export.profiles import parse_profile, shipped_profile
from casebook.gazetteer.model import Gazetteer, Place
from casebook.taxonomy.model import TermIndex
from casebook.taxonomy.shipped import default_taxonomy

TODAY = date(2025, 6, 15)
TERMS = TermIndex(default_taxonomy().schemes)
PLACES = Gazetteer([
    Place("sy", "Syria", "سوريا", PlaceLevel.COUNTRY, None),
    Place("gov", "Lattakia", "اللاذقية", PlaceLevel.GOVERNORATE, "sy"),
    Place("dist", "Jablah", "جبلة", PlaceLevel.DISTRICT, "gov"),
    Place("town", "Jableh", "جبلة", PlaceLevel.COMMUNITY, "dist"),
    Place("site", "Qasr Bakery", "فرن القصر", PlaceLevel.SITE, "town"),
    Place("orphan", "Lonely Farm", "المزرعة", PlaceLevel.SITE, None),
])


@pytest.mark.parametrize(("consent", "holds"), [
    ({"given_at": "2024-01-01"}, True),
    ({"given_at": "2024"}, True),
    ({}, False),
    ({"given_at": "2025-06-16"}, False),  # dated tomorrow
    ({"given_at": "2024-01-01", "withdrawn_at": "2025-06-14"}, False),
    ({"given_at": "2024-01-01", "withdrawn_at": "2025-06-15"}, False),  # today
    ({"given_at": "2024-01-01", "withdrawn_at": "2025-06-16"}, True),  # announced
    ({"given_at": "2024-01-01", "expires": "2025-06-14"}, False),
    ({"given_at": "2024-01-01", "expires": "2025-06-15"}, True),  # valid through today
    ({"given_at": "2024-01-01", "expires": "2025-06"}, True),  # the whole month
    ({"given_at": "2024-01-01", "expires": "2025-05"}, False),
    ({"given_at": "2024-01-01", "scope": "iiim"}, False),
    ({"given_at": "2024-01-01", "person": "someone-else"}, False),
])
def test_consent_holds(consent: dict[str, Any], holds: bool) -> None:
    record = {"person": "p1", "scope": "special-procedures", **consent}
    assert consent_holds([record], "p1", "special-procedures", TODAY) is holds


def test_any_valid_consent_among_several() -> None:
    records = [{"person": "p1", "scope": "iiim", "given_at": "2024-01-01",
                "withdrawn_at": "2024-02-01"},
               {"person": "p1", "scope": "iiim", "given_at": "2024-03-01"}]
    assert consent_holds(records, "p1", "iiim", TODAY)


def test_spellings() -> None:
    person = {"name": "Ahmad al-Halabi", "alt_names": ["أحمد الحلبي"],
              "name_parts": {"given": "Ahmad", "father": "Omar", "family": "al-Halabi",
                             "laqab": "Abu Omar"}}
    found = spellings(person)
    assert found[0] == "Ahmad al-Halabi"
    assert {"Ahmad", "Omar", "al-Halabi", "Abu Omar", "أحمد الحلبي",
            "Ahmad Omar al-Halabi"} <= set(found)
    assert len(found) == len(set(found))


def snapshot(place: str | None = "site", **changes: Any) -> Snapshot:
    persons = {
        "victim": {"name": "Rami Qassem", "birth_date": "1990-04-05", "occupation": "Baker",
                   "notes": "followed by intelligence"},
        "witness": {"name": "Salwa Darwish"},
        "both": {"name": "Karim Nasser"},
    }
    snap = Snapshot(
        incidents=[("inc", {"title": "Raid on Qasr Bakery", "date_start": "2024-03-08",
                            "place": place, "status": "approved",
                            "narrative": "Rami Qassem, Salwa Darwish and Karim Nasser were at "
                                         "Qasr Bakery (فرن القصر) in Jableh, جبلة. See "
                                         "IMG_2024.jpg and IMG_2024.",
                            "latitude": 35.1, "longitude": 35.9})],
        persons=persons,
        involvements=[{"incident": "inc", "person": "victim", "role": "victim"},
                      {"incident": "inc", "person": "witness", "role": "witness"},
                      {"incident": "inc", "person": "both", "role": "victim"},
                      {"incident": "inc", "person": "both", "role": "witness"}],
        acts=[("act", {"incident": "inc", "victim": "victim", "act_type": "act.torture",
                       "place": "town", "status_at_end": "Salwa Darwish saw him released"})],
        statements=[], consents=[
            {"person": p, "scope": "special-procedures", "given_at": "2024-01-01"}
            for p in ("victim", "witness", "both")],
        evidence=[("ev", {"record": "inc", "description": "IMG_2024.jpg"})],
        attachments={"ev": [Attachment("att", "IMG_2024.jpg", "image/jpeg", 10, "ab" * 32)]},
        qualifications=[], units={}, gazetteer=PLACES, terms=TERMS, approved={"inc": True},
    )
    for name, value in changes.items():
        setattr(snap, name, value)
    return snap


def build(snap: Snapshot, profile: Any = None, language: str = "en") -> dict[str, Any]:
    dossier = build_dossier(snap, profile or shipped_profile("special-procedures"), language,
                            b"k" * 32, TODAY, dossier_id="d", generated_at="t")
    return dossier.data


def test_strictest_rule_wins_and_consented_victim_named() -> None:
    data = build(snapshot())
    incident = data["incidents"][0]
    # victim with consent: named, with the birth year only; the victim who is also a
    # witness: dropped (a witness's identity is dropped, consent or not)
    assert [v["name"] for v in incident["victims"]] == ["Rami Qassem"]
    assert incident["victims"][0]["birth_year"] == "1990"
    assert "birth_date" not in incident["victims"][0]
    assert incident["victims"][0]["occupation"] == "Baker"
    text = json.dumps(data, ensure_ascii=False)
    for withheld in ("Salwa", "Darwish", "Karim", "Nasser", "followed", "35.1"):
        assert withheld not in text, withheld
    assert incident["acts"][0]["status_at_end"] == "[name withheld] saw him released"


def test_places_generalised_and_withheld_from_free_text() -> None:
    data = build(snapshot())
    incident = data["incidents"][0]
    assert incident["place"] == "Jablah › Lattakia"
    assert "Qasr" not in json.dumps(data) and "القصر" not in json.dumps(data,
                                                                      ensure_ascii=False)
    # The town is finer than the district: its Latin name is withheld from the text;
    # its Arabic name is also the district's, which is released.
    assert "Jableh" not in incident["narrative"]
    assert "جبلة" in incident["narrative"]
    assert incident["title"] == "Raid on [place withheld]"
    ar = build(snapshot(), language="ar")["incidents"][0]
    assert ar["place"] == "جبلة › اللاذقية"
    assert "[مكان محجوب]" in ar["narrative"]


def test_place_with_nothing_at_the_level_is_withheld() -> None:
    for place in ("orphan", "Somewhere typed by hand"):
        data = build(snapshot(place=place))
        assert data["incidents"][0]["place"] == "[place withheld]", place
        assert data["summary"]["by_place"] == {"[place withheld]": 1}
        assert "Lonely" not in json.dumps(data) and "typed by hand" not in json.dumps(data)
    assert build(snapshot(place=None))["incidents"][0]["place"] is None


def custom(rule: str, value: dict[str, Any], override: bool = False) -> Any:
    profile = shipped_profile("special-procedures")
    data = {"format": "casebook-profile/v1", "name": "custom", "title": {"en": "Custom"},
            "consent_scope": profile.consent_scope.value, "overrides": [],
            "rules": {name: {"action": r.action.value, "requires_consent": r.requires_consent,
                             "otherwise": r.otherwise.value,
                             **({"level": r.level.value} if r.level else {}),
                             **({"media_types": list(r.media_types)} if r.media_types
                                else {})}
                      for name, r in profile.rules.items()}}
    data["rules"][rule] = value
    if override:
        data["overrides"] = [{"rule": rule, "reason": "test"}]
    return parse_profile(copy.deepcopy(data))


def test_place_rules() -> None:
    dropped = build(snapshot(), custom("place", {"action": "drop"}))
    assert dropped["incidents"][0]["place"] == "[place withheld]"
    assert "Jablah" not in json.dumps(dropped)
    # "pseudonymise" protects more than "generalise" on paper: a place has no
    # pseudonym, so it is withheld (never the site itself).
    odd = build(snapshot(), custom("place", {"action": "pseudonymise"}))
    assert odd["incidents"][0]["place"] == "[place withheld]"
    kept = build(snapshot(), custom("place", {"action": "keep"}, override=True))
    assert kept["incidents"][0]["place"] == "Qasr Bakery › Jableh › Jablah › Lattakia"
    governorate = build(snapshot(), custom("place", {"action": "generalise",
                                                     "level": "governorate"}))
    assert governorate["incidents"][0]["place"] == "Lattakia"
    assert "Jableh" not in json.dumps(governorate)


def test_birth_date_rules() -> None:
    dropped = build(snapshot(), custom("person.birth_date", {"action": "drop"}))
    victim = dropped["incidents"][0]["victims"][0]
    assert "birth_year" not in victim and "birth_date" not in victim
    assert "1990" not in json.dumps(dropped)
    kept = build(snapshot(), custom("person.birth_date", {"action": "keep"}))
    assert kept["incidents"][0]["victims"][0]["birth_date"] == "1990-04-05"


def test_file_names_withheld_from_descriptions() -> None:
    data = build(snapshot())
    incident = data["incidents"][0]
    assert incident["evidence"][0]["description"] == "[file name withheld]"
    assert "IMG_2024" not in json.dumps(data)
    assert incident["evidence"][0]["file"] == "evidence/E1.jpg"


def test_children_and_survivors_pseudonymised_even_with_consent() -> None:
    snap = snapshot()
    snap.persons["victim"] = {**snap.persons["victim"], "birth_date": "2010-01-01"}
    data = build(snap)
    assert data["incidents"][0]["victims"][0]["name"].startswith("Victim ")
    assert "Rami" not in json.dumps(data)
    snap = snapshot()
    snap.acts = [("act", {**snap.acts[0][1], "act_type": "act.rape"})]
    data = build(snap)
    assert data["incidents"][0]["victims"][0]["name"].startswith("Victim ")
    # a narrower term of act.sexual-violence on the act's tags counts too
    snap = snapshot()
    snap.acts = [("act", {**snap.acts[0][1], "tags": ["act.rape"]})]
    assert build(snap)["incidents"][0]["victims"][0]["name"].startswith("Victim ")


def test_arabic_labels() -> None:
    snap = snapshot()
    snap.consents = []
    data = build(snap, language="ar")
    assert data["incidents"][0]["victims"][0]["name"] == "الضحية 1"
    assert data["incidents"][0]["ref"] == "الحادثة 1"
