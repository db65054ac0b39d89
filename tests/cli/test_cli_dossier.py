"""``casebook dossier check`` and ``casebook verify``, in-process. (``dossier export``
paints the PDF with Qt: its CLI tests are in tests/gui/test_dossier_leaks_pdf.py.)"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from casebook.cli.main import main
from casebook.domain.records import RecordKind
from casebook.domain.users import Role
from casebook.gazetteer.model import place_id_for
from casebook.services.records import RecordService
from casebook.services.vault_service import KdfPolicy, create_vault
from tests.dossier.helpers import (
    SUPERVISOR,
    SUPERVISOR_PASS,
    SmallDossier,
    flip,
    read_zip,
    rewrite_zip,
    small_dossier,
)


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def json(self) -> Any:
        return json.loads(self.out)


def run(*argv: str, passphrase: str | None = None, policy: KdfPolicy | None = None) -> Result:
    out, err = io.StringIO(), io.StringIO()
    environ = {} if passphrase is None else {"CASEBOOK_PASSPHRASE": passphrase}
    kwargs: dict[str, Any] = {} if policy is None else {"kdf_policy": policy}
    code = main(list(argv), environ=environ, stdout=out, stderr=err, interactive=False,
                **kwargs)
    assert "Traceback" not in err.getvalue() and "internal error" not in err.getvalue()
    return Result(code, out.getvalue(), err.getvalue())


@pytest.fixture
def dossier(vault_dir: Path, kdf_policy: KdfPolicy, tmp_path: Path) -> SmallDossier:
    (tmp_path / "out").mkdir()
    return small_dossier(vault_dir, kdf_policy, tmp_path / "out" / "dossier.zip")


# --------------------------------------------------------------------------- verify


def test_verify_good(dossier: SmallDossier) -> None:
    result = run("verify", str(dossier.path))  # no vault, no passphrase
    assert result.code == 0, result.err
    assert "dossier.zip verifies: 9 files match the signed manifest" in result.out
    assert f"Signed by {dossier.fingerprint}" in result.out
    as_json = run("verify", str(dossier.path), "--json")
    assert as_json.code == 0
    assert as_json.json()["signer"] == dossier.fingerprint and as_json.json()["ok"] is True
    assert as_json.json()["checkpoint"].startswith("seq=")
    pinned = run("verify", str(dossier.path), "--signer", dossier.fingerprint)
    assert pinned.code == 0


def test_verify_tampered_exits_4(dossier: SmallDossier) -> None:
    files = read_zip(dossier.path)
    for name in files:
        bad = rewrite_zip(dossier.path, dossier.path.parent / "bad.zip",
                          {**files, name: flip(files[name])})
        result = run("verify", str(bad))
        assert result.code == 4, name
        assert result.err.startswith("casebook: error: ")
        assert (name in result.err) or (name == "manifest.txt" and "manifest" in result.err)
        assert result.out == ""
    added = rewrite_zip(dossier.path, dossier.path.parent / "added.zip",
                        {**files, "../evil": b"x"})
    result = run("verify", str(added))
    assert result.code == 4 and "unsafe path" in result.err


def test_verify_missing_file_exits_2(tmp_path: Path) -> None:
    result = run("verify", str(tmp_path / "nothing.zip"))
    assert result.code == 2 and "There is no file" in result.err


def test_verify_signer_mismatch_exits_4(dossier: SmallDossier) -> None:
    other = "0000 1111 2222 3333 4444 5555 6666 7777"
    result = run("verify", str(dossier.path), "--signer", other)
    assert result.code == 4
    assert f"signed by {dossier.fingerprint}, not by the expected {other}" in result.err


def test_verify_not_a_zip_exits_4(tmp_path: Path) -> None:
    path = tmp_path / "x.zip"
    path.write_bytes(b"PK\x03\x04 truncated")
    result = run("verify", str(path))
    assert result.code == 4 and "not a readable zip" in result.err


# --------------------------------------------------------------------------- check


def test_dossier_check_lists_what_is_missing(vault_dir: Path, kdf_policy: KdfPolicy) -> None:
    session = create_vault(vault_dir, SUPERVISOR, Role.SUPERVISOR, SUPERVISOR_PASS, kdf_policy)
    try:
        records = RecordService(session)
        empty = records.create(RecordKind.INCIDENT, {"title": "Something"}).id
        disappearance = records.create(RecordKind.INCIDENT, {
            "title": "Disappearance", "narrative": "Taken.", "date_start": "2024-01-02",
            "place": place_id_for("SY0602"), "tags": ["act.abduction"]}).id
        person = records.create(RecordKind.PERSON, {"name": "Omar"}).id
        records.create(RecordKind.ACT, {"incident": disappearance, "victim": person,
                                        "act_type": "act.enforced-disappearance"})
    finally:
        session.lock()
    vault = ("--vault", str(vault_dir))
    result = run(*vault, "dossier", "check", "--profile", "special-procedures",
                 "--incident", empty, "--incident", disappearance,
                 passphrase=SUPERVISOR_PASS, policy=kdf_policy)
    assert result.code == 0, result.err
    for text in ("no alleged victim is recorded", "no alleged perpetrator",
                 "the date of the incident is missing", "the place of the incident is missing",
                 "there is no description", "not approved (status draft)",
                 "enforced disappearance: the full name", "the steps taken to locate",
                 "the forces believed responsible", "has not consented to special-procedures"):
        assert text in result.out, text
    assert result.out.splitlines()[0].split() == ["INCIDENT", "KIND", "WHAT"]
    as_json = run(*vault, "dossier", "check", "--profile", "iiim", "--incident",
                  disappearance, "--json", passphrase=SUPERVISOR_PASS, policy=kdf_policy)
    items = as_json.json()
    assert {i["incident"] for i in items} == {disappearance}
    assert {"disappearance-name", "disappearance-steps", "disappearance-forces", "unapproved",
            "consent"} <= {i["code"] for i in items}
    assert "iiim" in next(i["message"] for i in items if i["code"] == "consent")
    by_tag = run(*vault, "dossier", "check", "--profile", "iiim", "--tag", "act.abduction",
                 "--json", passphrase=SUPERVISOR_PASS, policy=kdf_policy)
    assert {i["incident"] for i in by_tag.json()} == {disappearance}
    nothing = run(*vault, "dossier", "check", "--profile", "iiim",
                  passphrase=SUPERVISOR_PASS, policy=kdf_policy)
    assert nothing.code == 2 and "--incident" in nothing.err
    bad = run(*vault, "dossier", "check", "--profile", "interpol", "--incident", empty,
              passphrase=SUPERVISOR_PASS, policy=kdf_policy)
    assert bad.code == 2


def test_dossier_check_ready(dossier: SmallDossier, kdf_policy: KdfPolicy) -> None:
    incident = json.loads(read_zip(dossier.path)["dossier.json"])["incidents"][0]
    assert incident["approved"]
    session_vault = ("--vault", str(dossier.vault))
    from casebook.services.audit import AuditFilter, AuditService
    from casebook.services.vault_service import unlock_vault

    session = unlock_vault(dossier.vault, SUPERVISOR_PASS)
    try:
        [entry] = AuditService(session).log(AuditFilter(action="export"))
    finally:
        session.lock()
    [incident_id] = entry.details["incidents"]
    result = run(*session_vault, "dossier", "check", "--profile", "special-procedures",
                 "--incident", incident_id, passphrase=SUPERVISOR_PASS, policy=kdf_policy)
    assert result.code == 0
    # The small dossier's incident has no victim or perpetrator: listed, nothing else.
    assert "not approved" not in result.out
    assert "no alleged victim" in result.out
