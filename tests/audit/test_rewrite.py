"""A rewrite made by someone holding the signing key, re-signed at the new head, still
fails: against the checkpoints kept in the vault, and when those are deleted too,
against a checkpoint file kept elsewhere. So does a rolled-back trail."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from casebook.audit import chain
from casebook.audit.checkpoint import Checkpoint, message, parse_checkpoint_file
from casebook.crypto import signing
from casebook.domain.errors import DamagedDataError, NewerFormatError, UsageError
from casebook.domain.records import RecordKind
from casebook.services.audit import AuditService
from casebook.services.records import RecordService
from casebook.storage.models import AuditEntry
from casebook.storage.vault import now_utc
from tests.audit.helpers import TwoUsers, reviewed_incident, seq_of


def _keep_checkpoint(vault: TwoUsers, out: Path) -> Checkpoint:
    session = vault.supervisor()
    try:
        return AuditService(session).write_checkpoint(out)
    finally:
        session.lock()


def _more_work(vault: TwoUsers) -> None:
    session = vault.documenter()
    try:
        RecordService(session).create(RecordKind.PERSON, {"name": "Later witness"})
    finally:
        session.lock()


def _rewrite(vault: TwoUsers, first_seq: int) -> tuple[list[chain.Link], bytes]:
    """The supervisor's story, rewritten from ``first_seq`` on: every entry from there
    is re-attributed to the supervisor and rehashed. Returns the new links and a
    checkpoint over their head signed with the supervisor's own key."""
    session = vault.supervisor()
    try:
        me = signing.key_id(session.user.public_key)
        with Session(session.vault.engine) as db:
            entries = db.exec(select(AuditEntry).order_by(col(AuditEntry.seq))).all()
        previous: chain.Link | AuditEntry | None = entries[first_seq - 2]
        links = []
        for entry in entries[first_seq - 1:]:
            link = chain.next_entry(
                previous, at=entry.at, actor=me, action=entry.action,
                object_type=entry.object_type, object_id=entry.object_id,
                object_version=entry.object_version, object_commit=entry.object_commit,
                details=json.loads(entry.details))
            links.append(link)
            previous = link
        head = links[-1]
        at = now_utc()
        signature = session.vault.sign(message(session.vault.vault_id, head.seq,
                                               head.entry_hash, at, "lock"))
        resigned = json.dumps([head.seq, head.entry_hash, at, me,
                               session.user.public_key.hex(), signature.hex()]).encode()
    finally:
        session.lock()
    return links, resigned


def _write_rewrite(vault: TwoUsers, links: list[chain.Link], resigned: bytes, *,
                   delete_checkpoints: bool = False) -> None:
    seq, head_hash, at, signer, public_key, signature = json.loads(resigned)
    with vault.raw() as conn:
        for link in links:
            conn.execute("UPDATE audit_entry SET actor = ?, prev_hash = ?, entry_hash = ? "
                         "WHERE seq = ?", (link.actor, link.prev_hash, link.entry_hash,
                                           link.seq))
        conn.execute("DELETE FROM audit_entry WHERE seq > ?", (links[-1].seq,))
        if delete_checkpoints:
            conn.execute("DELETE FROM audit_checkpoint")
        conn.execute("INSERT INTO audit_checkpoint (seq, head_hash, at, reason, signer, "
                     "public_key, signature) VALUES (?, ?, ?, 'lock', ?, ?, ?)",
                     (seq, head_hash, at, signer, public_key, signature))


@pytest.fixture
def kept(two_users: TwoUsers, tmp_path: Path) -> tuple[int, Checkpoint]:
    """A reviewed incident; a checkpoint file written then; more work after it.
    Returns the seq of the documenter's 'create' entry and the kept checkpoint."""
    incident = reviewed_incident(two_users)
    kept = _keep_checkpoint(two_users, tmp_path / "kept.checkpoint")
    _more_work(two_users)
    with two_users.raw() as conn:
        return seq_of(conn, "create", incident.id), kept


def test_resigned_rewrite_fails_against_the_checkpoints_in_the_vault(
        two_users: TwoUsers, kept: tuple[int, Checkpoint]) -> None:
    first_seq, _ = kept
    links, resigned = _rewrite(two_users, first_seq)
    with two_users.raw() as conn:
        signed = sorted(s for (s,) in conn.execute("SELECT seq FROM audit_checkpoint"))
    _write_rewrite(two_users, links, resigned)
    report = two_users.verify()
    assert not any("chain breaks" in p.what for p in report.problems), report.problems
    flagged = sorted(p.seq for p in report.problems if p.seq is not None)
    # Every checkpoint signed at or after the first rewritten entry is flagged, the
    # earliest first; the rewritten chain itself is whole and its new checkpoint holds.
    assert flagged == [s for s in signed if s >= first_seq]
    assert report.first_problem is not None
    assert report.first_problem.seq == min(s for s in signed if s >= first_seq)
    assert "the trail was rewritten" in report.first_problem.what


def test_resigned_rewrite_with_checkpoints_deleted_fails_against_a_kept_file(
        two_users: TwoUsers, kept: tuple[int, Checkpoint], tmp_path: Path) -> None:
    first_seq, checkpoint = kept
    links, resigned = _rewrite(two_users, first_seq)
    _write_rewrite(two_users, links, resigned, delete_checkpoints=True)
    # Inside the vault nothing is left to compare with: this is why checkpoints are
    # also kept elsewhere.
    assert two_users.verify().ok
    against = AuditService.read_checkpoint(tmp_path / "kept.checkpoint")
    assert against == checkpoint
    report = two_users.verify(against=against)
    assert report.first_problem is not None
    assert report.first_problem.seq == checkpoint.seq
    assert "the trail was rewritten since the checkpoint" in report.first_problem.what


def test_untouched_trail_extends_the_kept_file(two_users: TwoUsers,
                                               kept: tuple[int, Checkpoint],
                                               tmp_path: Path) -> None:
    against = AuditService.read_checkpoint(tmp_path / "kept.checkpoint")
    assert two_users.verify(against=against).ok


def test_rolled_back_trail_fails_against_a_kept_file(
        two_users: TwoUsers, kept: tuple[int, Checkpoint], tmp_path: Path) -> None:
    first_seq, checkpoint = kept
    with two_users.raw() as conn:
        # Back to just before the incident: its rows go too, so the vault looks whole.
        for table, column in (("comment", "record_id"), ("review", "record_id"),
                              ("incident_view", "id"), ("person_view", "id"),
                              ("record_incident", "record_id"),
                              ("record_tag", "record_id"), ("record_version", "record_id")):
            conn.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT object_id FROM "
                         f"audit_entry WHERE seq >= ? AND action = 'create')", (first_seq,))
        conn.execute("DELETE FROM search_index WHERE record_id IN (SELECT object_id FROM "
                     "audit_entry WHERE seq >= ? AND action = 'create')", (first_seq,))
        conn.execute("DELETE FROM record WHERE id IN (SELECT object_id FROM audit_entry "
                     "WHERE seq >= ? AND action = 'create')", (first_seq,))
        conn.execute("DELETE FROM audit_entry WHERE seq >= ?", (first_seq,))
        conn.execute("DELETE FROM audit_checkpoint")
    assert two_users.verify().ok
    report = two_users.verify(against=checkpoint)
    assert report.first_problem is not None
    assert report.first_problem.seq == checkpoint.seq
    assert "rolled back or truncated" in report.first_problem.what


def test_edited_checkpoint_file_is_refused(two_users: TwoUsers, kept: tuple[int, Checkpoint],
                                          tmp_path: Path) -> None:
    path = tmp_path / "kept.checkpoint"
    data = json.loads(path.read_text())
    assert set(data) == {"format", "vault_id", "seq", "head_hash", "at", "reason", "signer",
                         "public_key", "signature"}
    for change in ({"seq": data["seq"] - 1}, {"head_hash": "0" * 64}, {"reason": "export"},
                   {"signature": "00" * 64}, {"public_key": "zz"}):
        path.write_text(json.dumps({**data, **change}))
        with pytest.raises(DamagedDataError, match="does not verify; the file was altered"):
            AuditService.read_checkpoint(path)
    for raw, error, words in (
            (b"\xff\xfe", DamagedDataError, "not JSON"),
            (b"[1, 2]", DamagedDataError, "not a Casebook checkpoint"),
            (json.dumps({"format": "casebook/v1"}).encode(), DamagedDataError,
             "not a Casebook checkpoint"),
            (json.dumps({**data, "format": "casebook-checkpoint/v9"}).encode(),
             NewerFormatError, "update Casebook"),
            (json.dumps({k: v for k, v in data.items() if k != "seq"}).encode(),
             DamagedDataError, "missing checkpoint fields"),
            (json.dumps({**data, "seq": "many"}).encode(), DamagedDataError,
             "missing checkpoint fields")):
        with pytest.raises(error, match=words):
            parse_checkpoint_file(raw)
    with pytest.raises(UsageError, match="There is no file"):
        AuditService.read_checkpoint(tmp_path / "missing.checkpoint")


def test_checkpoint_file_of_another_vault_is_reported(
        two_users: TwoUsers, kept: tuple[int, Checkpoint], tmp_path: Path) -> None:
    seed = signing.new_signing_seed()
    public = signing.public_key_from_seed(seed)
    other = replace(kept[1], vault_id="another-vault", signer=signing.key_id(public),
                    public_key=public.hex(), signature="")
    other = replace(other, signature=signing.sign(seed, other.message()).hex())
    assert parse_checkpoint_file(other.to_file()) == other
    report = two_users.verify(against=other)
    assert [str(p) for p in report.problems] == ["the checkpoint file belongs to another vault"]


def test_checkpoint_file_signed_by_a_stranger_proves_nothing(
        two_users: TwoUsers, kept: tuple[int, Checkpoint]) -> None:
    seed = signing.new_signing_seed()
    public = signing.public_key_from_seed(seed)
    forged = replace(kept[1], signer=signing.key_id(public), public_key=public.hex())
    forged = replace(forged, signature=signing.sign(seed, forged.message()).hex())
    report = two_users.verify(against=forged)
    assert [str(p) for p in report.problems] == [
        f"the checkpoint file is signed by {forged.fingerprint}, a key that is not a user "
        "of this vault, so it proves nothing"]
