"""The record commands (import, export json, list, show, search, attach), in-process."""

from __future__ import annotations

import copy
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import pytest
from sqlmodel import Session, col, select

from casebook.cli.main import main
from casebook.domain.users import Role
from casebook.services.vault_service import KdfPolicy, create_vault, unlock_vault
from casebook.storage.models import AuditEntry
from tests.interchange.helpers import PHOTO, realistic_document, write_document

PASS = "saffron lantern quietly orbits 1917"


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def json(self) -> Any:
        return json.loads(self.out)


class Runner(Protocol):
    def __call__(self, *argv: str, env: dict[str, str] | None = ...,
                 tty: bool = ...) -> Result: ...


class _TtyStream(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def cli(kdf_policy: KdfPolicy, vault_dir: Path) -> Iterator[Runner]:
    def run(*argv: str, env: dict[str, str] | None = None, tty: bool = False) -> Result:
        out = io.StringIO()
        err = _TtyStream() if tty else io.StringIO()
        code = main(
            ["--vault", str(vault_dir), *argv],
            environ=env if env is not None else {"CASEBOOK_PASSPHRASE": PASS},
            stdout=out, stderr=err, kdf_policy=kdf_policy, interactive=False,
        )
        assert "Traceback" not in err.getvalue()
        return Result(code, out.getvalue(), err.getvalue())

    yield run


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return write_document(tmp_path / "source", realistic_document())


@pytest.fixture
def loaded(cli: Runner, source: Path) -> Path:
    """A vault holding the realistic file."""
    assert cli("init", "--user", "Amal Haddad").code == 0
    result = cli("import", str(source))
    assert result.code == 0, result.err
    return source


def _audit_actions(vault_dir: Path) -> list[str]:
    session = unlock_vault(vault_dir, PASS)
    try:
        with Session(session.vault.engine) as db:
            return [e.action for e in db.exec(select(AuditEntry).order_by(
                col(AuditEntry.seq))).all()]
    finally:
        session.lock()


def _id_of(cli: Runner, reference: str) -> str:
    shown = cli("show", reference, "--json")
    assert shown.code == 0, shown.err
    return str(shown.json()["id"])


# --------------------------------------------------------------------------- import


def test_import_reports_and_reimport_changes_nothing(cli: Runner, source: Path) -> None:
    assert cli("init", "--user", "Amal").code == 0
    first = cli("import", str(source), "--json")
    assert first.code == 0, first.err
    report = first.json()
    assert report["created"]["person"] == 4
    assert report["files_attached"] == 1
    assert report["skipped"] == []
    mapping = {r["file_id"]: r["record_id"] for r in report["records"]}
    assert mapping["2b0c7f64-8f0e-4b8e-9d3a-52b1f6a7c001"] == (
        "2b0c7f64-8f0e-4b8e-9d3a-52b1f6a7c001")

    again = cli("import", str(source))
    assert again.code == 0
    assert "created    nothing" in again.out
    assert "unchanged  2 incidents, 4 persons" in again.out


def test_import_dry_run_writes_nothing(cli: Runner, source: Path) -> None:
    assert cli("init", "--user", "Amal").code == 0
    result = cli("import", str(source), "--dry-run")
    assert result.code == 0, result.err
    assert "nothing was written" in result.out
    assert "would create   2 incidents, 4 persons" in result.out
    assert cli("list", "incidents", "--json").json() == []


def test_import_failures_and_their_exit_codes(
    cli: Runner, source: Path, tmp_path: Path
) -> None:
    assert cli("init", "--user", "Amal").code == 0
    missing = cli("import", str(tmp_path / "absent.json"), env={})  # no passphrase needed
    assert missing.code == 1
    assert f"The file {tmp_path / 'absent.json'} does not exist" in missing.err

    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "casebook/v1",\n  "persons": [\n    {"id": "a",, }]}')
    bad_json = cli("import", str(broken))
    assert bad_json.code == 1
    assert str(broken) in bad_json.err
    assert "line 3, column 16" in bad_json.err

    document = realistic_document()
    document["persons"][3]["birth_date"] = "31/12/1990"
    document["involvements"][0]["role"] = "bystander"
    invalid = cli("import", str(write_document(tmp_path / "bad", document)))
    assert invalid.code == 1
    assert "persons[3].birth_date: not a date" in invalid.err
    assert "involvements[0].role: Input should be" in invalid.err
    assert "nothing was imported" in invalid.err
    assert "--skip-invalid" in invalid.err
    assert cli("list", "persons", "--json").json() == []

    wrong_format = tmp_path / "other.json"
    wrong_format.write_text('{"format": "something/v3"}')
    assert cli("import", str(wrong_format)).code == 1

    assert cli("import", str(source), "--format", "csv").code == 2
    (tmp_path / "table.csv").write_text("id,title\n")
    unsupported = cli("import", str(tmp_path / "table.csv"))
    assert unsupported.code == 2
    assert "not supported yet" in unsupported.err
    assert cli("import", str(source), "--format", "pdf").code == 2


def test_import_skip_invalid(cli: Runner, tmp_path: Path) -> None:
    assert cli("init", "--user", "Amal").code == 0
    document = realistic_document()
    document["persons"][1]["age"] = -3  # the witness, source of S-1
    result = cli("import", str(write_document(tmp_path, document)), "--skip-invalid",
                 "--json")
    assert result.code == 0, result.err
    skipped = {s["where"] for s in result.json()["skipped"]}
    assert {"persons[1]", "involvements[1]", "statements[0]", "consents[0]",
            "evidence[1]"} <= skipped
    assert "persons[1].age: Input should be greater than or equal to 0" in result.err
    assert "statements[0]: refers to persons[1], which is skipped" in result.err


# --------------------------------------------------------------------------- export


def test_export_json_to_stdout_and_file(
    cli: Runner, loaded: Path, tmp_path: Path, vault_dir: Path
) -> None:
    result = cli("export", "json")
    assert result.code == 0, result.err
    assert "NOT encrypted" in result.err
    assert "1 evidence file(s) are not in the export" in result.err
    document = result.json()
    assert document["format"] == "casebook/v1"
    assert len(document["persons"]) == 4
    assert "قصف سوق الهال" in result.out  # printed as UTF-8, not escaped

    out = tmp_path / "backup.json"
    written = cli("export", "json", "--out", str(out), "--json")
    assert written.code == 0, written.err
    assert "NOT encrypted" in written.err
    assert written.json()["records"]["incidents"] == 2
    assert json.loads(out.read_text("utf-8")) == document

    again = cli("export", "json", "--out", str(out))
    assert again.code == 1
    assert "already exists" in again.err
    assert cli("export", "json", "--out", str(out), "--force").code == 0
    assert cli("export", "csv").code == 2
    assert _audit_actions(vault_dir).count("export") == 3


# --------------------------------------------------------------------------- list


def test_list_incidents_with_filters(cli: Runner, loaded: Path) -> None:
    everything = cli("list", "incidents")
    assert everything.code == 0, everything.err
    header, *rows = everything.out.splitlines()
    assert header.split() == ["ID", "DATE", "STATUS", "PLACE", "TITLE"]
    assert len(rows) == 2
    assert any(row.endswith("قصف سوق الهال") and "Souq al-Hal" in row for row in rows)
    status_at = header.index("STATUS")
    assert {row[status_at:].split()[0] for row in rows} == {"submitted", "draft"}  # aligned

    def titles(*options: str) -> list[str]:
        result = cli("list", "incidents", "--json", *options)
        assert result.code == 0, result.err
        return [r["title"] for r in result.json()]

    assert titles("--status", "submitted") == ["قصف سوق الهال"]
    assert titles("--tag", "act.arbitrary-detention") == ["Arrest at checkpoint"]
    assert titles("--place", "SY0203") == ["Arrest at checkpoint"]
    assert titles("--place", "pl-market") == ["قصف سوق الهال"]  # a place record's reference
    assert titles("--place", _id_of(cli, "pl-market")) == ["قصف سوق الهال"]
    assert titles("--from", "2025-01", "--to", "2025-12") == ["قصف سوق الهال"]
    assert titles("--to", "2024") == ["Arrest at checkpoint"]
    assert titles("--role", "alleged-perpetrator") == ["قصف سوق الهال"]
    assert titles("--search", "سوق") == ["قصف سوق الهال"]
    assert titles("--search", "Rami") == ["قصف سوق الهال"]  # through its people
    assert titles("--status", "approved") == []
    limited = cli("list", "incidents", "--limit", "1")
    assert len(limited.out.splitlines()) == 3
    assert "use --limit to see more" in limited.out
    [row] = cli("list", "incidents", "--json", "--status", "submitted").json()
    assert row["place_name"] == "Souq al-Hal"


def test_list_persons(cli: Runner, loaded: Path) -> None:
    result = cli("list", "persons", "--json", "--incident", "INC-2025-001", "--role", "victim")
    assert result.code == 0, result.err
    [victim] = result.json()
    assert victim["display_name"] == "رامي خالد الحداد"
    human = cli("list", "persons")
    assert "(group of 12)" in human.out
    assert "Witness W-17" in human.out
    assert "+963" not in human.out  # contact details never listed


@pytest.mark.parametrize(
    "options",
    [
        ("incidents", "--status", "closed"),
        ("incidents", "--role", "bystander"),
        ("incidents", "--from", "March"),
        ("incidents", "--to", "2025-02-30"),
        ("incidents", "--limit", "0"),
        ("incidents", "--incident", "x"),
        ("persons", "--status", "draft"),
        ("persons", "--tag", "x"),
        ("everything",),
    ],
)
def test_list_usage_errors_exit_2(cli: Runner, loaded: Path, options: tuple[str, ...]) -> None:
    result = cli("list", *options)
    assert result.code == 2
    assert result.out == ""


# --------------------------------------------------------------------------- show


def test_show_incident_with_people_acts_statements_and_files(
    cli: Runner, loaded: Path
) -> None:
    result = cli("show", "INC-2025-001")
    assert result.code == 0, result.err
    out = result.out
    assert out.startswith("incident ")
    assert "(external ref: INC-2025-001)" in out
    assert "قصف سوق الهال" in out
    assert "Souq al-Hal" in out  # the place is named
    assert "x_team.name" in out  # unknown fields are shown too
    for heading in ("People", "Acts", "Statements", "Evidence"):
        assert f"\n{heading}\n" in out
    assert "victim" in out and "رامي خالد الحداد" in out
    assert "alleged-perpetrator" in out and "Captain K." in out
    assert "act.shelling" in out
    assert "source: Witness W-17" in out
    assert "market.png" in out and "image/png" in out
    assert "Photo of the crater" in out

    data = cli("show", "INC-2025-001", "--json").json()
    assert {p["role"] for p in data["people"]} == {"victim", "witness", "alleged-perpetrator"}
    assert [a["act_type"] for a in data["acts"]] == ["act.shelling"]
    assert [s["text"] for s in data["statements"]] == [
        "رأيت القذيفة الأولى تسقط قرب بسطة الخضار."]
    files = [f for e in data["evidence"] for f in e["files"]]
    assert [f["file_name"] for f in files] == ["market.png"]
    assert {e["description"] for e in data["evidence"]} == {
        "Photo of the crater", "Audio of the interview (kept offline)"}
    by_uuid = cli("show", data["id"], "--json").json()
    assert by_uuid["id"] == data["id"]


def test_show_hides_contact_unless_revealed_and_audits_the_reveal(
    cli: Runner, loaded: Path, vault_dir: Path
) -> None:
    hidden = cli("show", "P-1")
    assert hidden.code == 0, hidden.err
    assert "contact" in hidden.out
    assert "(hidden; use --reveal-contact)" in hidden.out
    assert "+963" not in hidden.out
    data = cli("show", "P-1", "--json").json()
    assert "contact" not in data["content"]
    assert data["contact_hidden"] is True
    assert [i["role"] for i in data["involvements"]] == ["victim"]
    assert "view-sensitive" not in _audit_actions(vault_dir)

    shown = cli("show", "P-1", "--reveal-contact")
    assert shown.code == 0, shown.err
    assert "+963 944 000 111 (mother)" in shown.out
    assert _audit_actions(vault_dir).count("view-sensitive") == 1
    revealed = cli("show", "P-1", "--reveal-contact", "--json").json()
    assert revealed["content"]["contact"] == "+963 944 000 111 (mother)"
    assert revealed["contact_hidden"] is False

    assert cli("show", "INC-2025-001", "--reveal-contact").code == 2


def test_show_history_lists_versions_and_diffs(
    cli: Runner, loaded: Path, tmp_path: Path
) -> None:
    changed = copy.deepcopy(realistic_document())
    changed["persons"][0]["occupation"] = "apprentice"
    changed["persons"][0]["contact"] = "+963 944 000 222"
    assert cli("import", str(write_document(tmp_path / "v2", changed))).code == 0
    result = cli("show", "P-1", "--history")
    assert result.code == 0, result.err
    history = result.out.split("\nHistory\n", 1)[1]
    assert "v1  " in history and "Amal Haddad  created" in history
    assert "v2  " in history and "changed" in history
    assert 'occupation: "student" -> "apprentice"' in history
    assert "contact: (hidden) -> (hidden)" in history
    assert "+963" not in result.out
    data = cli("show", "P-1", "--history", "--json").json()
    assert [h["version"] for h in data["history"]] == [1, 2]
    assert {"field": "occupation", "before": "student", "after": "apprentice"} in (
        data["history"][1]["changes"])


def test_show_unknown_record_exits_1(cli: Runner, loaded: Path) -> None:
    result = cli("show", "no-such-record")
    assert result.code == 1
    assert "There is no record with id no-such-record" in result.err


# --------------------------------------------------------------------------- search


def test_search_ranked_hits_with_kind_and_label(cli: Runner, loaded: Path) -> None:
    result = cli("search", "--json", "حلب")
    assert result.code == 0, result.err
    hits = result.json()
    assert hits[0]["kind"] == "place"
    assert {h["label"] for h in hits} >= {"Aleppo"}
    assert [h["position"] for h in hits] == list(range(1, len(hits) + 1))
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)

    # Arabic typed with harakat and a different alef still finds the statement.
    statement = cli("search", "--json", "رَأيت", "القذيفة").json()
    assert [(h["kind"], h["label"]) for h in statement] == [
        ("statement", "statement direct 2025-03-20")]

    human = cli("search", "Rami")
    assert human.code == 0
    assert "person" in human.out and "رامي خالد الحداد" in human.out
    nothing = cli("search", "zzzzqqq")
    assert nothing.code == 0
    assert "No records match." in nothing.out
    assert cli("search", "--json", "--limit", "1", "Aleppo").json()[0]["position"] == 1


# --------------------------------------------------------------------------- attach


def test_attach_a_file(cli: Runner, loaded: Path, tmp_path: Path) -> None:
    file = tmp_path / "شهادة.txt"
    file.write_bytes(PHOTO)
    result = cli("attach", "A-1", str(file), "--json", "--description", "Medical report")
    assert result.code == 0, result.err
    data = result.json()
    assert data["record"] == _id_of(cli, "A-1")
    assert data["record_kind"] == "act"
    assert data["file"]["file_name"] == "شهادة.txt"
    assert data["file"]["size"] == len(PHOTO)
    assert result.err == ""  # no progress when standard error is not a terminal
    shown = cli("show", data["evidence"])
    assert "Medical report" in shown.out
    assert "شهادة.txt" in shown.out

    human = cli("attach", data["evidence"], str(file), tty=True)
    assert human.code == 0, human.err
    assert f"Attached شهادة.txt to evidence {data['evidence']}." in human.out
    assert "Encrypting شهادة.txt: 100%" in human.err
    assert human.err.endswith("\n")


def test_attach_failures(cli: Runner, loaded: Path, tmp_path: Path) -> None:
    file = tmp_path / "note.txt"
    file.write_text("x")
    unknown = cli("attach", "no-such-record", str(file))
    assert unknown.code == 1
    assert "There is no record with id no-such-record" in unknown.err
    missing = cli("attach", "INC-2025-001", str(tmp_path / "absent.txt"))
    assert missing.code == 1
    assert "does not exist" in missing.err
    folder = cli("attach", "INC-2025-001", str(tmp_path))
    assert folder.code == 1
    assert "is a folder" in folder.err
    assert cli("attach", "INC-2025-001").code == 2


def test_arabic_is_printed_as_utf8_whatever_the_locale(
    vault_dir: Path, kdf_policy: KdfPolicy, source: Path
) -> None:
    """The installed command, in a real process with an ASCII-only C locale."""
    create_vault(vault_dir, "Amal", Role.DOCUMENTER, PASS, kdf_policy).lock()
    env = {**os.environ, "CASEBOOK_PASSPHRASE": PASS, "LC_ALL": "C", "LANG": "C",
           "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
    env.pop("PYTHONIOENCODING", None)
    command = [sys.executable, "-m", "casebook.cli", "--vault", str(vault_dir)]
    imported = subprocess.run([*command, "import", str(source)], env=env,
                              capture_output=True, timeout=120, check=False,
                              stdin=subprocess.DEVNULL)
    assert imported.returncode == 0, imported.stderr.decode("utf-8", "replace")
    listed = subprocess.run([*command, "list", "incidents", "--status", "submitted"], env=env,
                            capture_output=True, timeout=120, check=False,
                            stdin=subprocess.DEVNULL)
    assert listed.returncode == 0, listed.stderr.decode("utf-8", "replace")
    assert "قصف سوق الهال" in listed.stdout.decode("utf-8")
