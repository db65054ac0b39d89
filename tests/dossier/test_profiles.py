"""Redaction profiles: the shipped ones, the safe-default floor, overrides recorded."""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from casebook.domain.errors import NewerFormatError, ValidationError
from casebook.domain.records import ConsentScope, PlaceLevel
from casebook.export.profiles import (
    RULES,
    SAFE_DEFAULTS,
    SHIPPED,
    Action,
    parse_profile,
    shipped_profile,
)
from casebook.services.audit import AuditFilter, AuditService
from casebook.services.dossier import export_dossier
from tests.dossier.helpers import PROFILES, WITNESS, MarkerVault, fake_renderer, read_zip


def raw(name: str = "special-procedures") -> dict[str, Any]:
    text = resources.files("casebook.export").joinpath(f"profiles/{name}.json").read_text()
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@pytest.mark.parametrize("name", PROFILES)
def test_shipped_profiles_load_and_keep_the_floor(name: str) -> None:
    assert name in SHIPPED
    profile = shipped_profile(name)
    assert profile.name == name and profile.overrides == ()
    assert set(profile.rules) == set(RULES)
    assert profile.label("en") and profile.label("ar") != profile.label("en")
    for rule in ("witness.identity", "source.identity", "interviewer.identity",
                 "person.contact", "person.notes", "incident.notes", "act.notes",
                 "coordinates", "evidence.collected_by", "evidence.source_url"):
        assert profile.rule(rule).action is Action.DROP, rule
    for rule in ("child.identity", "sexual_violence_survivor.identity"):
        assert profile.rule(rule).action is Action.PSEUDONYMISE
    victim = profile.rule("victim.identity")
    assert victim.requires_consent and victim.effective(False) is Action.PSEUDONYMISE
    assert profile.rule("place").action is Action.GENERALISE
    expected_scope = "publication" if name == "public-report" else name
    assert profile.consent_scope is ConsentScope(expected_scope)
    assert profile.rule("place").level is (
        PlaceLevel.GOVERNORATE if name == "public-report" else PlaceLevel.DISTRICT)


def test_unknown_profile() -> None:
    with pytest.raises(ValidationError, match="no profile"):
        shipped_profile("interpol")


@pytest.mark.parametrize(("rule", "weaker"), [
    ("witness.identity", {"action": "keep"}),
    ("witness.identity", {"action": "pseudonymise"}),
    ("source.identity", {"action": "generalise"}),
    ("interviewer.identity", {"action": "keep"}),
    ("person.contact", {"action": "keep"}),
    ("person.notes", {"action": "keep"}),
    ("incident.notes", {"action": "pseudonymise"}),
    ("act.notes", {"action": "keep"}),
    ("child.identity", {"action": "keep"}),
    ("child.identity", {"action": "keep", "requires_consent": True,
                        "otherwise": "pseudonymise"}),
    ("sexual_violence_survivor.identity", {"action": "generalise"}),
    ("victim.identity", {"action": "keep"}),
    ("victim.identity", {"action": "keep", "requires_consent": True, "otherwise": "keep"}),
    ("place", {"action": "keep"}),
    ("place", {"action": "generalise", "level": "community"}),
    ("place", {"action": "generalise"}),
    ("coordinates", {"action": "generalise"}),
])
def test_weakening_a_safe_default_is_refused_without_override(rule: str,
                                                              weaker: dict[str, Any]) -> None:
    data = raw()
    data["rules"][rule] = weaker
    with pytest.raises(ValidationError, match=rf"rules\.{rule} protects less") as info:
        parse_profile(data, source="custom.json")
    assert "override" in str(info.value)
    data["overrides"] = [{"rule": rule, "reason": "The mechanism asked for it in writing."}]
    profile = parse_profile(data, source="custom.json")
    assert profile.overrides[0].rule == rule


@pytest.mark.parametrize(("rule", "stronger"), [
    ("victim.identity", {"action": "pseudonymise"}),
    ("victim.identity", {"action": "keep", "requires_consent": True, "otherwise": "drop"}),
    ("place", {"action": "generalise", "level": "governorate"}),
    ("place", {"action": "drop"}),
    ("perpetrator.identity", {"action": "drop"}),
    ("child.identity", {"action": "drop"}),
])
def test_protecting_more_needs_no_override(rule: str, stronger: dict[str, Any]) -> None:
    data = raw()
    data["rules"][rule] = stronger
    assert parse_profile(data).rules[rule].action is Action(stronger["action"])


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.pop("format"), "format"),
    (lambda d: d.update(format="casebook-profile/v9"), None),
    (lambda d: d.update(consent_scope="everyone"), "consent_scope"),
    (lambda d: d["rules"].pop("place"), r"rules\.place: missing"),
    (lambda d: d["rules"].update(gps={"action": "drop"}), r"rules\.gps"),
    (lambda d: d["rules"].update(place={"action": "blur"}), r"rules\.place"),
    (lambda d: d["rules"].update(place="drop"), r"rules\.place"),
    (lambda d: d.update(rules=[]), "rules"),
    (lambda d: d.update(overrides=[{"rule": "place"}]), "reason"),
    (lambda d: d.update(overrides=[{"rule": "place", "reason": "  "}]), "reason"),
    (lambda d: d.update(overrides=[{"rule": "statement.text", "reason": "x"}]),
     "not a safe default"),
    (lambda d: d.update(overrides="place"), "overrides"),
    (lambda d: d.update(title="Special"), "title"),
])
def test_malformed_profiles(change: Any, message: str | None) -> None:
    data = raw()
    change(data)
    if message is None:
        with pytest.raises(NewerFormatError):
            parse_profile(data)
        return
    with pytest.raises(ValidationError, match=message):
        parse_profile(data)
    with pytest.raises(ValidationError):
        parse_profile([data])


def test_safe_defaults_are_a_subset_of_the_rules() -> None:
    assert set(SAFE_DEFAULTS) <= set(RULES)


def test_override_is_recorded_in_the_report_and_the_audit_trail(
        marker_vault: MarkerVault, tmp_path: Path) -> None:
    data = copy.deepcopy(raw())
    data["name"] = "special-procedures-named-witnesses"
    data["rules"]["witness.identity"] = {"action": "keep"}
    data["rules"]["source.identity"] = {"action": "keep"}
    reason = "The witnesses asked to be named (signed statements on file)."
    overrides = [{"rule": "witness.identity", "reason": reason},
                 {"rule": "source.identity", "reason": reason}]
    data["overrides"] = overrides
    custom = parse_profile(data, source="custom.json")
    out = tmp_path / "custom.zip"
    session = marker_vault.supervisor()
    try:
        summary = export_dossier(session, "special-procedures", out, fake_renderer,
                                 incident_ids=marker_vault.incidents, profile=custom)
        [entry] = AuditService(session).log(AuditFilter(action="export"))
    finally:
        session.lock()
    files = read_zip(out)
    report = json.loads(files["redaction-report.json"])
    assert report["overrides"] == overrides
    assert report["profile"] == "special-procedures-named-witnesses"
    assert report["rules"]["witness.identity"]["action"] == "keep"
    assert entry.object_type == "dossier" and entry.object_id == summary.dossier_id
    assert entry.details["overrides"] == overrides
    assert entry.details["profile"] == "special-procedures-named-witnesses"
    # And the override does what it says: the witness is named, as a source and in
    # the narrative; nothing else is loosened (contacts, children).
    data_out = json.loads(files["dossier.json"])
    first = data_out["incidents"][0]
    assert WITNESS["name"] in [s["source"] for s in first["sources"]]
    assert f"{WITNESS['name']} saw it" in first["narrative"]
    assert "944 000 111" not in files["dossier.json"].decode()
    assert "Zqxchild" not in files["dossier.json"].decode()
