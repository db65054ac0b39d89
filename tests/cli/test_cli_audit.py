"""``casebook audit`` and ``casebook review``, in-process, on a vault with a
supervisor and a documenter."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from casebook.audit.checkpoint import parse_checkpoint_file
from casebook.cli.main import main
from casebook.domain.records import RecordKind
from casebook.services.records import RecordService
from casebook.services.vault_service import KdfPolicy
from tests.audit.helpers import (
    DOCUMENTER,
    DOCUMENTER_PASS,
    SUPERVISOR,
    SUPERVISOR_PASS,
    TwoUsers,
    head_seq,
    make_two_users,
    seq_of,
)


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def json(self) -> Any:
        return json.loads(self.out)


class Cli:
    def __init__(self, vault: TwoUsers, policy: KdfPolicy) -> None:
        self.vault, self.policy = vault, policy

    def run(self, passphrase: str, *argv: str) -> Result:
        out, err = io.StringIO(), io.StringIO()
        code = main(["--vault", str(self.vault.folder), *argv],
                    environ={"CASEBOOK_PASSPHRASE": passphrase}, stdout=out, stderr=err,
                    kdf_policy=self.policy, interactive=False)
        assert "Traceback" not in err.getvalue()
        assert "internal error" not in err.getvalue()
        return Result(code, out.getvalue(), err.getvalue())

    def documenter(self, *argv: str) -> Result:
        return self.run(DOCUMENTER_PASS, *argv)

    def supervisor(self, *argv: str) -> Result:
        return self.run(SUPERVISOR_PASS, *argv)


@pytest.fixture
def cli(vault_dir: Path, kdf_policy: KdfPolicy) -> Cli:
    return Cli(make_two_users(vault_dir, kdf_policy), kdf_policy)


def _incident(cli: Cli, title: str = "Raid on the clinic") -> str:
    session = cli.vault.documenter()
    try:
        return RecordService(session).create(RecordKind.INCIDENT, {"title": title}).id
    finally:
        session.lock()


def _entry_count(cli: Cli) -> int:
    with cli.vault.raw() as conn:
        return head_seq(conn)


# --------------------------------------------------------------------------- review


def test_review_end_to_end(cli: Cli) -> None:
    incident = _incident(cli)
    assert cli.documenter("review", "comment", incident, "--comment", "Two sources.").code == 0
    submitted = cli.documenter("review", "submit", incident, "--json")
    assert submitted.code == 0, submitted.err
    assert submitted.json() == {"record": incident, "version": 2, "status": "submitted"}
    queue = cli.supervisor("review", "queue", "--json")
    assert [(r["id"], r["status"]) for r in queue.json()] == [(incident, "submitted")]
    assert "Raid on the clinic" in cli.supervisor("review", "queue").out

    refused = cli.documenter("review", "approve", incident)
    assert refused.code == 1
    assert "Only a supervisor can approve" in refused.err
    refused = cli.documenter("review", "request-changes", incident, "--comment", "x")
    assert refused.code == 1 and "Only a supervisor" in refused.err
    no_comment = cli.supervisor("review", "request-changes", incident)
    assert no_comment.code == 1 and "a comment is required" in no_comment.err

    sent_back = cli.supervisor("review", "request-changes", incident, "--comment", "Date?")
    assert sent_back.code == 0
    assert f"Incident {incident} is now needs-changes" in sent_back.out
    waiting = cli.documenter("review", "queue", "--status", "needs-changes", "--json")
    assert [r["id"] for r in waiting.json()] == [incident]
    assert cli.documenter("review", "submit", incident).code == 0
    approved = cli.supervisor("review", "approve", incident, "--comment", "Good.", "--json")
    assert approved.json() == {"record": incident, "version": 5, "status": "approved"}
    again = cli.supervisor("review", "approve", incident)
    assert again.code == 1 and "is approved, not submitted" in again.err

    shown = cli.documenter("review", "show", incident, "--json").json()
    assert shown["approval"] == {"version": 5, "valid": True, "reviewer": SUPERVISOR,
                                 "reason": "approved version, signature verifies"}
    assert [(i["author"], i["decision"], i["text"], i["version"]) for i in shown["thread"]] == [
        (DOCUMENTER, None, "Two sources.", 1),
        (DOCUMENTER, "submit", "", 2),
        (SUPERVISOR, "request-changes", "Date?", 3),
        (DOCUMENTER, "submit", "", 4),
        (SUPERVISOR, "approve", "Good.", 5),
    ]
    assert shown["changes_since_approval"] == []
    text = cli.documenter("review", "show", incident)
    assert text.out.startswith(f"Approval: approved version, signature verifies (version 5, "
                               f"{SUPERVISOR})")
    assert "Changed since version 5: nothing" in text.out
    assert cli.supervisor("audit", "verify").code == 0


def test_review_of_an_unknown_record(cli: Cli) -> None:
    result = cli.documenter("review", "submit", "no-such-record")
    assert result.code == 1
    assert "There is no record with id no-such-record" in result.err


# --------------------------------------------------------------------------- audit log


def test_audit_log_filters(cli: Cli) -> None:
    incident = _incident(cli)
    other = _incident(cli, "Another")
    assert cli.documenter("review", "comment", incident, "--comment", "See photos.").code == 0
    assert cli.documenter("review", "submit", incident).code == 0
    assert cli.supervisor("review", "approve", incident).code == 0

    everything = cli.supervisor("audit", "log", "--json").json()
    assert [e["seq"] for e in everything] == list(range(1, len(everything) + 1))
    assert set(everything[0]) == {"seq", "at", "actor", "actor_name", "action", "object_type",
                                  "object_id", "object_version", "details"}

    reviews = cli.supervisor("audit", "log", "--json", "--action", "review").json()
    assert [(e["details"]["decision"], e["actor_name"]) for e in reviews] == [
        ("submit", DOCUMENTER), ("approve", SUPERVISOR)]

    mine = cli.supervisor("audit", "log", "--json", "--user", DOCUMENTER.upper()).json()
    assert mine and {e["actor_name"] for e in mine} == {DOCUMENTER}
    by_key = cli.supervisor("audit", "log", "--json", "--user", mine[0]["actor"]).json()
    assert by_key == mine
    assert cli.supervisor("audit", "log", "--json", "--user", "nobody").json() == []

    about = cli.supervisor("audit", "log", "--json", "--record", incident).json()
    assert [e["action"] for e in about] == ["create", "comment", "submit", "review",
                                            "approve", "review"]
    assert other not in json.dumps(about)

    today = date.fromisoformat(everything[-1]["at"][:10])
    tomorrow, yesterday = (str(today + timedelta(days=d)) for d in (1, -1))
    assert cli.supervisor("audit", "log", "--json", "--from", tomorrow).json() == []
    assert cli.supervisor("audit", "log", "--json", "--to", yesterday).json() == []
    whole_day = cli.supervisor("audit", "log", "--json", "--from", str(today), "--to",
                               str(today)).json()
    assert len(whole_day) >= len(everything)  # the supervisor's own login came after
    middle = everything[len(everything) // 2]["at"]
    later = cli.supervisor("audit", "log", "--json", "--from", middle).json()
    assert later[0]["at"] == middle

    table = cli.supervisor("audit", "log", "--action", "review", "--limit", "1")
    lines = table.out.splitlines()
    assert lines[0].split() == ["SEQ", "TIME", "(UTC)", "USER", "WHAT"]
    assert len(lines) == 2 and "review review" in lines[1] and DOCUMENTER in lines[1]


def test_audit_report_csv(cli: Cli, tmp_path: Path) -> None:
    incident = _incident(cli)
    assert cli.documenter("review", "submit", incident, "--comment", "نص عربي").code == 0
    out = tmp_path / "report.csv"
    made = cli.supervisor("audit", "report", "--out", str(out), "--record", incident, "--json")
    assert made.code == 0, made.err
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert rows[0] == ["seq", "at", "actor_name", "actor", "action", "object_type",
                       "object_id", "object_version", "details"]
    assert [r[4] for r in rows[1:]] == ["create", "submit", "review"]
    assert made.json() == {"file": str(out), "entries": 3}
    assert rows[1][2] == DOCUMENTER and rows[1][6] == incident and rows[1][7] == "1"
    assert "نص عربي" not in out.read_text(encoding="utf-8")  # the comment is not in the log
    assert json.loads(rows[3][8]) == {"decision": "submit", "record": incident}

    existing = cli.supervisor("audit", "report", "--out", str(out))
    assert existing.code == 2 and "already exists" in existing.err
    assert cli.supervisor("audit", "report", "--out", str(out), "--force").code == 0
    text = cli.supervisor("audit", "report", "--out", str(tmp_path / "report.txt"))
    assert text.code == 2 and ".csv or a .pdf" in text.err
    assert not (tmp_path / "report.txt").exists()


# --------------------------------------------------------------------------- verify


def test_verify_and_checkpoint_files(cli: Cli, tmp_path: Path) -> None:
    _incident(cli)
    clean = cli.supervisor("audit", "verify")
    assert clean.code == 0
    assert clean.out.startswith("The audit trail verifies:")
    report = cli.supervisor("audit", "verify", "--json").json()
    assert report["ok"] is True and report["problems"] == [] and report["against"] is None

    kept = tmp_path / "kept.checkpoint"
    written = cli.supervisor("audit", "checkpoint", "--out", str(kept), "--json")
    assert written.code == 0, written.err
    checkpoint = parse_checkpoint_file(kept.read_bytes())
    assert written.json()["seq"] == checkpoint.seq
    assert written.json()["signer"] == checkpoint.fingerprint
    assert cli.supervisor("audit", "checkpoint", "--out", str(kept)).code == 2
    _incident(cli, "Later")
    against = cli.documenter("audit", "verify", "--against", str(kept))
    assert against.code == 0, against.err
    assert f"It extends the checkpoint of {checkpoint.at} (entry {checkpoint.seq}" in against.out
    as_json = cli.documenter("audit", "verify", "--against", str(kept), "--json").json()
    assert as_json["against"] == {"seq": checkpoint.seq, "signer": checkpoint.fingerprint}
    missing = cli.supervisor("audit", "verify", "--against", str(tmp_path / "absent"))
    assert missing.code == 2 and "There is no file" in missing.err


def test_edited_checkpoint_file_is_refused_before_unlocking(cli: Cli, tmp_path: Path) -> None:
    kept = tmp_path / "kept.checkpoint"
    assert cli.supervisor("audit", "checkpoint", "--out", str(kept)).code == 0
    data = json.loads(kept.read_text())
    kept.write_text(json.dumps({**data, "seq": data["seq"] + 5}))
    entries = _entry_count(cli)
    refused = cli.supervisor("audit", "verify", "--against", str(kept))
    assert refused.code == 4
    assert "the file was altered" in refused.err
    assert _entry_count(cli) == entries  # refused before the vault was opened


@pytest.mark.parametrize("tamper", ["action", "delete", "version"])
def test_tampering_exits_4_naming_the_first_bad_entry(cli: Cli, tamper: str) -> None:
    incident = _incident(cli)
    assert cli.documenter("review", "submit", incident).code == 0
    with cli.vault.raw() as conn:
        seq = seq_of(conn, "create", incident, 1)
        if tamper == "action":
            conn.execute("UPDATE audit_entry SET action = 'import' WHERE seq = ?", (seq,))
        elif tamper == "delete":
            conn.execute("DELETE FROM audit_entry WHERE seq = ?", (seq,))
        else:
            conn.execute("UPDATE record_version SET content = replace(content, 'clinic', "
                         "'school') WHERE record_id = ? AND version = 1", (incident,))
    result = cli.supervisor("audit", "verify")
    assert result.code == 4
    assert f"First problem: entry {seq}:" in result.err
    assert result.out == ""
    as_json = cli.supervisor("audit", "verify", "--json")
    assert as_json.code == 4
    assert as_json.json()["ok"] is False
    assert as_json.json()["problems"][0]["seq"] == seq


def test_rolled_back_trail_fails_against_the_kept_file(cli: Cli, tmp_path: Path) -> None:
    for _ in range(3):  # three logins: entries that can go without leaving traces
        assert cli.documenter("audit", "log").code == 0
    kept = tmp_path / "kept.checkpoint"
    assert cli.supervisor("audit", "checkpoint", "--out", str(kept)).code == 0
    signed = parse_checkpoint_file(kept.read_bytes()).seq
    with cli.vault.raw() as conn:
        conn.execute("DELETE FROM audit_entry WHERE seq > ?", (signed - 3,))
        conn.execute("DELETE FROM audit_checkpoint")
    assert cli.supervisor("audit", "verify").code == 0  # nothing in the vault to compare
    result = cli.supervisor("audit", "verify", "--against", str(kept))
    assert result.code == 4
    assert f"First problem: entry {signed}:" in result.err
    assert "rolled back or truncated" in result.err


def test_bad_options_are_refused_before_unlocking(cli: Cli, tmp_path: Path) -> None:
    entries = _entry_count(cli)
    (tmp_path / "folder.csv").mkdir()
    for argv, words in (
            (("audit", "log", "--from", "last week"), "--from: 'last week' is not a date"),
            (("audit", "log", "--to", "2024-13-01"), "--to: '2024-13-01' is not a date"),
            (("audit", "log", "--limit", "-1"), "--limit must be 0 or more"),
            (("audit", "report", "--out", str(tmp_path / "r.txt")), ".csv or a .pdf"),
            (("audit", "report", "--out", str(tmp_path / "folder.csv")), "is a folder"),
            (("audit", "report", "--out", str(tmp_path / "no" / "r.csv")), "does not exist"),
            (("audit", "checkpoint", "--out", str(tmp_path / "no" / "c")), "does not exist"),
            (("audit", "checkpoint", "--out", str(tmp_path)), "is a folder")):
        result = cli.supervisor(*argv)
        assert (result.code, words in result.err) == (2, True), (argv, result.err)
    unreadable = cli.supervisor("audit", "verify", "--against", str(tmp_path))
    assert unreadable.code == 1 and "Could not read" in unreadable.err
    assert _entry_count(cli) == entries


def test_dates_with_a_zone_are_compared_in_utc(cli: Cli) -> None:
    everything = cli.supervisor("audit", "log", "--json").json()
    last = everything[-1]["at"]  # UTC, e.g. 2026-01-02T10:11:12.123456+00:00
    elsewhere = datetime.fromisoformat(last).astimezone(timezone(timedelta(hours=3)))
    found = cli.supervisor("audit", "log", "--json", "--from", elsewhere.isoformat(),
                           "--to", elsewhere.isoformat()).json()
    assert [e["at"] for e in found] == [last]
