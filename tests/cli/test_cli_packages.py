"""``casebook contact``, ``package`` and ``conflicts``, in-process, between two vaults."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from casebook.cli.main import main
from casebook.domain.errors import ExitCode
from casebook.domain.users import Role
from casebook.services.records import RecordService
from casebook.services.vault_service import KdfPolicy, create_vault, unlock_vault

DOC_PASS = "documenter passphrase cedar 72"
SUP_PASS = "supervisor passphrase amber 71"


class Vault:
    def __init__(self, folder: Path, passphrase: str, policy: KdfPolicy) -> None:
        self.folder, self.passphrase, self.policy = folder, passphrase, policy

    def run(self, *argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = main(["--vault", str(self.folder), *argv],
                    environ={"CASEBOOK_PASSPHRASE": self.passphrase}, stdout=out, stderr=err,
                    kdf_policy=self.policy, interactive=False)
        assert "Traceback" not in err.getvalue()
        return code, out.getvalue(), err.getvalue()

    def json(self, *argv: str) -> Any:
        code, out, err = self.run(*argv, "--json")
        assert code == 0, err
        return json.loads(out)


@pytest.fixture
def vaults(tmp_path: Path, kdf_policy: KdfPolicy) -> tuple[Vault, Vault]:
    documenter = Vault(tmp_path / "doc", DOC_PASS, kdf_policy)
    supervisor = Vault(tmp_path / "sup", SUP_PASS, kdf_policy)
    create_vault(documenter.folder, "Dana", Role.DOCUMENTER, DOC_PASS, kdf_policy).lock()
    create_vault(supervisor.folder, "Salma", Role.SUPERVISOR, SUP_PASS, kdf_policy).lock()
    return documenter, supervisor


def _retitle(vault: Vault, record_id: str, title: str) -> None:
    session = unlock_vault(vault.folder, vault.passphrase)
    try:
        records = RecordService(session)
        current = records.get(record_id)
        records.update(record_id, {**current.content, "title": title},
                       expected_version=current.version)
    finally:
        session.lock()


def _title(vault: Vault, record_id: str) -> str:
    session = unlock_vault(vault.folder, vault.passphrase)
    try:
        return str(RecordService(session).get(record_id).content["title"])
    finally:
        session.lock()


def _exchange_cards(documenter: Vault, supervisor: Vault, tmp_path: Path) -> None:
    for vault, name in ((documenter, "dana.json"), (supervisor, "salma.json")):
        code, out, _err = vault.run("contact", "export", "--out", str(tmp_path / name))
        assert code == 0 and "fingerprint" in out
    for vault, other in ((documenter, "salma.json"), (supervisor, "dana.json")):
        imported = vault.json("contact", "import", str(tmp_path / other))
        assert imported["verified"] is False
        code, _out, err = vault.run("contact", "verify", imported["key_id"])
        assert code == ExitCode.USAGE and "--fingerprint" in err
        code, _out, err = vault.run("contact", "verify", imported["key_id"],
                                    "--fingerprint", "00000 " * 6)
        assert code == ExitCode.FAILED and "does not match" in err
        verified = vault.json("contact", "verify", imported["name"], "--fingerprint",
                              imported["fingerprint"])
        assert verified["verified"] is True


def test_round_trip_with_review_and_conflict(vaults: tuple[Vault, Vault],
                                             tmp_path: Path) -> None:
    documenter, supervisor = vaults
    _exchange_cards(documenter, supervisor, tmp_path)
    listing = documenter.json("contact", "list")
    assert [c["name"] for c in listing["contacts"]] == ["Salma"]
    incident = tmp_path / "incident.json"
    incident.write_text(json.dumps({"format": "casebook/v1", "incidents": [
        {"id": "i1", "title": "Arrest at the bakery", "date_start": "2025-01-05"}]}))
    assert documenter.run("import", str(incident))[0] == 0
    incident_id = documenter.json("list", "incidents")[0]["id"]
    assert documenter.run("review", "submit", incident_id)[0] == 0

    package = tmp_path / "to-salma.cbpkg"
    code, out, err = documenter.run("package", "export", "--to", "Salma", "--out", str(package))
    assert code == 0, err
    assert "encrypted to them" in out
    preview = supervisor.json("package", "import", str(package), "--dry-run")
    assert preview["dry_run"] and preview["new_records"] == 1
    assert supervisor.json("list", "incidents") == []
    done = supervisor.json("package", "import", str(package))
    assert done["new_records"] == 1 and done["sender"]["name"] == "Dana"
    code, out, _err = supervisor.run("package", "import", str(package))
    assert code == 0 and "imported before; nothing changed" in out

    # Both edit the title (the CLI has no edit command: the services do it).
    for vault, title in ((documenter, "Arrest at the bakery (2 men)"),
                         (supervisor, "Arrest at the Jableh bakery")):
        _retitle(vault, incident_id, title)
    back = tmp_path / "to-dana.cbpkg"
    assert supervisor.run("package", "export", "--to", "Dana", "--out", str(back))[0] == 0
    received = documenter.json("package", "import", str(back))
    assert len(received["conflicts"]) == 1
    [conflict] = documenter.json("conflicts", "list")
    shown = documenter.json("conflicts", "show", conflict["id"][:8])
    assert shown["differences"] == ["title"]
    code, _out, err = documenter.run("conflicts", "resolve", conflict["id"], "--field",
                                     "title=sideways")
    assert code == ExitCode.USAGE and "NAME=mine" in err
    resolved = documenter.json("conflicts", "resolve", conflict["id"], "--field", "title=theirs")
    assert resolved["choice"] == "fields"
    assert documenter.json("conflicts", "list") == []
    assert _title(documenter, incident_id) == "Arrest at the Jableh bakery"
    for vault in vaults:
        assert vault.run("audit", "verify")[0] == 0


def test_refusals_have_distinct_exit_codes(vaults: tuple[Vault, Vault], tmp_path: Path) -> None:
    documenter, supervisor = vaults
    _exchange_cards(documenter, supervisor, tmp_path)
    code, _out, err = documenter.run("package", "export", "--to", "Nobody", "--out",
                                     str(tmp_path / "x.cbpkg"))
    assert code == ExitCode.FAILED and "No contact matches" in err
    package = tmp_path / "p.cbpkg"
    assert documenter.run("package", "export", "--to", "Salma", "--out", str(package))[0] == 0
    code, _out, err = documenter.run("package", "export", "--to", "Salma", "--out",
                                     str(package))
    assert code == ExitCode.USAGE and "already exists" in err
    # The sender cannot open their own package: it is not encrypted to them.
    code, _out, err = documenter.run("package", "import", str(package))
    assert code == ExitCode.FAILED and "not made for you" in err
    data = bytearray(package.read_bytes())
    data[-30] ^= 0xFF
    tampered = tmp_path / "tampered.cbpkg"
    tampered.write_bytes(bytes(data))
    code, _out, err = supervisor.run("package", "import", str(tampered))
    assert code == ExitCode.DAMAGED and "Nothing was imported" in err
    code, _out, err = supervisor.run("package", "import", str(tmp_path / "missing.cbpkg"))
    assert code == ExitCode.USAGE
