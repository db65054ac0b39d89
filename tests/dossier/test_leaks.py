"""The leak suite: for each shipped profile, in English and Arabic, no protected value
appears in any file of the dossier (names in the listing, JSON, CSV, the report, the
manifest, the stand-in PDF text, image bytes and metadata); and the facts a mechanism
needs are there. The real PDF is checked with pdftotext in tests/gui."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from casebook.export import dossier_model
from casebook.services import dossier as dossier_service
from casebook.services.dossier import export_dossier
from tests.dossier.helpers import (
    CONSENTED,
    DATE,
    DISAPPEARANCE_DATE,
    PERPETRATOR,
    PROFILES,
    UNIT,
    MarkerVault,
    dossier_leaks,
    fake_renderer,
    image_leaks,
    leaks_in_text,
    read_zip,
)

PLACE = {"en": {"district": "Jablah", "governorate": "Lattakia"},
         "ar": {"district": "جبلة", "governorate": "اللاذقية"}}
ACT_TYPES = {"en": ("Torture and ill-treatment", "Enforced disappearance", "Killing", "Rape"),
             "ar": ("التعذيب وسوء المعاملة", "الإخفاء القسري", "القتل", "الاغتصاب")}


def export(vault: MarkerVault, profile: str, language: str, out: Path) -> dict[str, bytes]:
    session = vault.supervisor()
    try:
        export_dossier(session, profile, out, fake_renderer, incident_ids=vault.incidents,
                       language=language)
    finally:
        session.lock()
    return read_zip(out)


def test_the_markers_are_really_in_the_vault(marker_vault: MarkerVault, tmp_path: Path) -> None:
    """The leak suite means something only if the vault holds what it looks for, and
    the scanner finds it."""
    from casebook.services.evidence import EvidenceService
    from casebook.services.records import RecordService

    session = marker_vault.supervisor()
    try:
        witness = RecordService(session).get(marker_vault.people["witness"]).content
        files = EvidenceService(session).attachments(marker_vault.incidents[0])
        jpeg = EvidenceService(session).read_into_memory(files[0].id)
    finally:
        session.lock()
    assert leaks_in_text(json.dumps(witness, ensure_ascii=False))
    assert leaks_in_text("قال وبالزَّقسحلبي")
    assert leaks_in_text("+963 944 000 111") and leaks_in_text("lat 35.123456")
    assert files[0].file_name == "zqx-secret-name.jpg"
    with Image.open(io.BytesIO(jpeg)) as original:
        assert original.getexif()[0x0110] == "ZQXCAMERA 9000"
        assert original.getexif().get_ifd(0x8825)[2] == (35.0, 7.0, 24.44)
    assert image_leaks(jpeg)


@pytest.mark.parametrize("profile", PROFILES)
def test_no_protected_value_in_any_file(marker_vault: MarkerVault, tmp_path: Path,
                                        profile: str) -> None:
    for language in ("en", "ar"):
        files = export(marker_vault, profile, language, tmp_path / f"{profile}-{language}.zip")
        assert dossier_leaks(files) == [], (profile, language)
        released = [n for n in files if n.startswith("evidence/")]
        if profile == "public-report":
            assert released == []
        else:
            assert released == ["evidence/E1.jpg"]  # the JPEG, not the PDF
            with Image.open(io.BytesIO(files["evidence/E1.jpg"])) as image:
                assert image.format == "JPEG" and image.size == (64, 48)
                assert not image.getexif() and "exif" not in image.info
                assert "comment" not in image.info
        report = json.loads(files["redaction-report.json"])
        assert report["free_text_replacements"]["name"] > 20
        assert report["free_text_replacements"]["phone number"] >= 3
        assert report["free_text_replacements"]["e-mail address"] >= 1
        assert report["free_text_replacements"]["identity number"] >= 1
        assert report["free_text_replacements"]["coordinates"] >= 1


@pytest.mark.parametrize("profile", PROFILES)
def test_the_facts_a_mechanism_needs_are_there(marker_vault: MarkerVault, tmp_path: Path,
                                               profile: str) -> None:
    for language in ("en", "ar"):
        files = export(marker_vault, profile, language, tmp_path / f"{profile}-{language}.zip")
        data = json.loads(files["dossier.json"])
        text = {name: files[name].decode() for name in files if name.endswith((".csv",
                                                                               ".json"))}
        first, second = data["incidents"]
        assert first["title"].startswith("Raid on the ") and "house near the market" in (
            first["title"])
        assert second["title"] == "Second raid in the market"
        assert first["date_start"] == DATE and second["date_start"] == "2024-04-02"
        assert "2024-03-08 (08/03/2024)" in first["narrative"]
        assert "2011-2025" in first["narrative"]
        level = "governorate" if profile == "public-report" else "district"
        for incident in (first, second):
            assert incident["place"].split(" › ")[0] == PLACE[language][level]
        if profile == "public-report":
            assert PLACE[language]["district"] not in json.dumps(
                [first["place"], second["place"], data["summary"]], ensure_ascii=False)
        act_types = {a["act_type"] for a in first["acts"]}
        assert set(ACT_TYPES[language]) <= act_types
        for act in first["acts"]:
            assert act["alleged_perpetrators"][0]["name"] == UNIT
            assert act["date"] == (DISAPPEARANCE_DATE if act["act_type_code"] ==
                                   "act.enforced-disappearance" else DATE)
        torture = next(a for a in first["acts"] if a["act_type_code"] == "act.torture")
        [qualification] = torture["legal_qualifications"]
        assert qualification["code"] == "legal.ihrl-torture"
        assert qualification["legal_reference"] == "ICCPR, art. 7; CAT, arts. 1 and 16"
        assert qualification["violation"] == (
            "Torture and other cruel, inhuman or degrading treatment" if language == "en"
            else qualification["violation"])
        assert qualification["standard_of_proof"] and qualification["standard_of_proof"] != (
            "proof.reasonable-grounds")
        if language == "en":
            assert qualification["standard_of_proof"] == "Reasonable grounds to believe"
        disappearance = next(a for a in first["acts"]
                             if a["act_type_code"] == "act.enforced-disappearance")
        assert "Military Police" in disappearance["steps_taken"]
        assert disappearance["status_at_end"] == "whereabouts unknown"
        hashes = {e["sha256_at_ingest"] for e in first["evidence"]}
        assert hashes == set(marker_vault.sha256.values())
        for digest in marker_vault.sha256.values():
            assert digest in text["tables/evidence.csv"]
        assert sum(data["summary"]["by_act_type"].values()) >= 6
        assert data["summary"]["by_month"] == {"2024-03": 1, "2024-04": 1}
        # A victim with valid consent for the scope is named; a named perpetrator too,
        # except in a public report.
        victims = [v["name"] for v in first["victims"]]
        assert CONSENTED in victims
        assert disappearance["victim"] == CONSENTED
        assert "Hanan Consenta was taken" in first["narrative"]
        if profile == "public-report":
            assert PERPETRATOR not in files["dossier.json"].decode()
        else:
            assert [p["name"] for p in first["alleged_perpetrators"]] == [PERPETRATOR]
            assert f"{PERPETRATOR} gave orders" in first["narrative"]
        assert UNIT in text["tables/acts.csv"] and CONSENTED in text["tables/victims.csv"]


def _labels(data: dict[str, Any]) -> dict[str, str]:
    """The label each victim got, found through their act."""
    acts = {a["act_type_code"] + ("/" + a["method"] if a["act_type_code"] ==
                                  "act.arbitrary-detention" else ""): a["victim"]
            for a in data["incidents"][0]["acts"]}
    first = data["incidents"][0]
    sexes = {v["name"]: v["sex"] for v in first["victims"]}
    detained = [v for k, v in acts.items() if k.startswith("act.arbitrary-detention")]
    return {
        "no_consent": acts["act.torture"], "survivor": acts["act.rape"],
        "child": acts["act.killing"], "consented": acts["act.enforced-disappearance"],
        "withdrawn": next(v for v in detained if sexes[v] == "male"),
        "expired": next(v for v in detained if sexes[v] == "female"),
    }


def test_consent_granted_withdrawn_expired(marker_vault: MarkerVault, tmp_path: Path) -> None:
    for profile in PROFILES:
        data = json.loads(export(marker_vault, profile, "en",
                                 tmp_path / f"{profile}.zip")["dossier.json"])
        labels = _labels(data)
        assert labels["consented"] == CONSENTED
        # Withdrawn yesterday, expired yesterday, consent only for another scope or
        # dated tomorrow: all count as none. A child and a survivor stay pseudonymous
        # even with consent.
        for key in ("withdrawn", "expired", "no_consent", "child", "survivor"):
            assert labels[key].startswith("Victim "), (profile, key, labels[key])
        assert len(set(labels.values())) == len(labels)
        named = [v["name"] for v in data["incidents"][0]["victims"]
                 if not v["name"].startswith("Victim ")]
        assert named == [CONSENTED]


def test_pseudonyms_stable_within_and_different_between_dossiers(
        marker_vault: MarkerVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keys: list[bytes] = []
    real = dossier_service.build_dossier

    def spy(*args: Any, **kwargs: Any) -> dossier_model.Dossier:
        keys.append(args[3])
        return real(*args, **kwargs)

    monkeypatch.setattr(dossier_service, "build_dossier", spy)
    exports = [json.loads(export(marker_vault, "special-procedures", "en",
                                 tmp_path / f"d{n}.zip")["dossier.json"]) for n in range(3)]
    assert len(set(keys)) == 3  # a fresh key for every dossier
    people = marker_vault.people
    pseudonymised = ("child", "survivor", "no_consent", "withdrawn", "expired")
    for data, key in zip(exports, keys, strict=True):
        labels = _labels(data)
        # Within one dossier, one label everywhere: victim lists of both incidents,
        # acts, and the free text.
        first, second = data["incidents"]
        label = labels["no_consent"]
        assert label in [v["name"] for v in first["victims"]]
        assert [v["name"] for v in second["victims"]] == [label]
        assert second["acts"][0]["victim"] == label
        assert second["narrative"] == f"{label} was beaten again."
        torture = next(a for a in first["acts"] if a["act_type_code"] == "act.torture")
        assert torture["method"].startswith(f"Beating of {label} with cables")
        # Numbered in the order of HMAC(key, person id): so the order differs between
        # dossiers (their keys differ) and cannot be joined across submissions.
        order = sorted(pseudonymised, key=lambda k: hmac.new(
            key, people[k].encode(), hashlib.sha256).digest())
        assert [labels[k] for k in order] == [f"Victim {n}" for n in range(1, 6)]


def test_pseudonyms_depend_on_the_key(marker_vault: MarkerVault) -> None:
    """Two keys, same records: different labels (deterministic, at the model level)."""
    from datetime import date

    from casebook.export.profiles import shipped_profile

    session = marker_vault.supervisor()
    try:
        snap = dossier_service.snapshot(session, marker_vault.incidents)
    finally:
        session.lock()
    profile = shipped_profile("special-procedures")
    found = []
    for key in (b"\x01" * 32, b"\x02" * 32, b"\x03" * 32):
        built = dossier_model.build_dossier(snap, profile, "en", key, date.today(),
                                            dossier_id="x", generated_at="t")
        again = dossier_model.build_dossier(snap, profile, "en", key, date.today(),
                                            dossier_id="x", generated_at="t")
        assert built.data == again.data  # same key: same labels
        found.append(tuple(sorted(_labels(built.data).items())))
    assert len(set(found)) > 1
