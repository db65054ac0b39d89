"""Changes made behind Casebook's back, through a raw SQLCipher connection with the
append-only triggers dropped, are all caught, and the first bad entry is named."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from casebook.audit import chain
from casebook.audit.checkpoint import message
from casebook.audit.verify import VerifyReport
from casebook.crypto import signing
from casebook.domain.canonical import canonical_json
from casebook.domain.errors import DamagedDataError
from casebook.services.audit import AuditService, AuditVerificationError
from casebook.services.evidence import EvidenceService
from casebook.services.records import RecordService, StoredRecord
from tests.audit.helpers import TwoUsers, head_seq, reviewed_incident, seq_of


def _first(report: VerifyReport) -> tuple[int | None, str]:
    first = report.first_problem
    assert first is not None, "the tampering was not detected"
    return first.seq, first.what


@pytest.fixture
def incident(two_users: TwoUsers) -> StoredRecord:
    return reviewed_incident(two_users)


def test_untouched_vault_verifies(two_users: TwoUsers, incident: StoredRecord) -> None:
    report = two_users.verify()
    assert report.ok, report.problems
    assert report.first_problem is None
    assert report.reviews == 2  # the submission and the approval
    assert report.checkpoints >= 3  # every lock so far signed the head
    session = two_users.supervisor()
    try:
        assert AuditService(session).verify_or_raise().ok
    finally:
        session.lock()


def test_edited_action_is_located(two_users: TwoUsers, incident: StoredRecord) -> None:
    with two_users.raw() as conn:
        seq = seq_of(conn, "create", incident.id)
        conn.execute("UPDATE audit_entry SET action = 'import' WHERE seq = ?", (seq,))
    assert _first(two_users.verify()) == (
        seq, "the chain breaks: its content does not match its hash")


def test_edited_details_that_are_not_json_are_located(two_users: TwoUsers,
                                                      incident: StoredRecord) -> None:
    with two_users.raw() as conn:
        review_seq = seq_of(conn, "submit", incident.id) + 1  # the review row's entry
        conn.execute("UPDATE audit_entry SET details = '{not json' WHERE seq = ?",
                     (review_seq,))
    assert _first(two_users.verify()) == (
        review_seq, "the chain breaks: its details are not valid JSON")


def test_deleted_entry_in_the_middle_is_located(two_users: TwoUsers,
                                                incident: StoredRecord) -> None:
    with two_users.raw() as conn:
        seq = seq_of(conn, "create", incident.id)
        conn.execute("DELETE FROM audit_entry WHERE seq = ?", (seq,))
    seq_found, what = _first(two_users.verify())
    assert seq_found == seq
    assert what == f"the chain breaks: entry {seq} is missing"


def test_swapped_entries_are_located(two_users: TwoUsers, incident: StoredRecord) -> None:
    with two_users.raw() as conn:
        first = seq_of(conn, "create", incident.id)
        second = seq_of(conn, "submit", incident.id)
        conn.execute("UPDATE audit_entry SET seq = -1 WHERE seq = ?", (first,))
        conn.execute("UPDATE audit_entry SET seq = ? WHERE seq = ?", (first, second))
        conn.execute("UPDATE audit_entry SET seq = ? WHERE seq = -1", (second,))
    assert _first(two_users.verify()) == (
        first, "the chain breaks: it does not link to the entry before it")


def test_truncated_trail_is_caught_by_the_lock_checkpoint(two_users: TwoUsers,
                                                          incident: StoredRecord) -> None:
    with two_users.raw() as conn:
        signed = conn.execute("SELECT max(seq) FROM audit_checkpoint").fetchone()[0]
        assert signed == head_seq(conn)  # the last lock signed the head
        conn.execute("DELETE FROM audit_entry WHERE seq > ?", (signed - 3,))
    report = two_users.verify()
    seq, what = _first(report)
    assert seq == signed
    assert "rolled back or truncated" in what
    # The approval's version and review are still there, with no entry claiming them.
    unclaimed = [p.what for p in report.problems if p.seq is None]
    assert any("no audit entry records it" in w for w in unclaimed), report.problems


def _version_row(conn: object, record_id: str, version: int) -> tuple[str, str]:
    row = conn.execute(  # type: ignore[attr-defined]
        "SELECT content, object_commit FROM record_version WHERE record_id = ? AND version = ?",
        (record_id, version)).fetchone()
    assert row is not None
    return str(row[0]), str(row[1])


def test_edited_record_version_is_located_at_its_entry(two_users: TwoUsers,
                                                       incident: StoredRecord) -> None:
    with two_users.raw() as conn:
        content, _commit = _version_row(conn, incident.id, 1)
        forged = content.replace("At noon.", "At dawn.")
        assert forged != content
        conn.execute("UPDATE record_version SET content = ? WHERE record_id = ? AND version = 1",
                     (forged, incident.id))
        seq = seq_of(conn, "create", incident.id, 1)
    seq_found, what = _first(two_users.verify())
    assert seq_found == seq
    assert what == (f"incident {incident.id} version 1 was altered: its content no longer "
                    "matches the audit entry's commit")


def test_edited_record_version_and_its_commit_column_is_located(
        two_users: TwoUsers, incident: StoredRecord) -> None:
    with two_users.raw() as conn:
        salt = bytes.fromhex(conn.execute(
            "SELECT value FROM vault_meta WHERE key = 'audit_commit_salt'").fetchone()[0])
        content, _commit = _version_row(conn, incident.id, 1)
        forged = canonical_json({**json.loads(content), "narrative": "At dawn."})
        conn.execute("UPDATE record_version SET content = ?, object_commit = ? "
                     "WHERE record_id = ? AND version = 1",
                     (forged.decode(), hashlib.sha256(salt + forged).hexdigest(), incident.id))
        seq = seq_of(conn, "create", incident.id, 1)
    seq_found, what = _first(two_users.verify())
    assert seq_found == seq
    assert "its stored commit differs from the audit entry's" in what


def test_version_added_behind_casebooks_back_is_reported(two_users: TwoUsers,
                                                         incident: StoredRecord) -> None:
    with two_users.raw() as conn:
        salt = bytes.fromhex(conn.execute(
            "SELECT value FROM vault_meta WHERE key = 'audit_commit_salt'").fetchone()[0])
        content, _ = _version_row(conn, incident.id, incident.version)
        forged = canonical_json({**json.loads(content), "narrative": "Nothing happened."})
        conn.execute(
            "INSERT INTO record_version (record_id, version, kind, content, tombstone, "
            "saved_at, saved_by, object_commit) VALUES (?, 99, 'incident', ?, 0, "
            "'2024-01-01T00:00:00+00:00', 'x', ?)",
            (incident.id, forged.decode(), hashlib.sha256(salt + forged).hexdigest()))
    report = two_users.verify()
    assert not report.ok
    assert [str(p) for p in report.problems] == [
        f"incident {incident.id} version 99 is stored, but no audit entry records it "
        "(added behind Casebook's back)"]
    assert report.first_problem is not None and report.first_problem.seq is None


@pytest.mark.parametrize(("column", "value"), [("comment", "Looks fine to me."),
                                               ("decision", "approve")])
def test_edited_review_is_located(two_users: TwoUsers, column: str, value: str) -> None:
    incident = reviewed_incident(two_users, approve=False)  # one review: the submission
    with two_users.raw() as conn:
        review_id, record_version = conn.execute(
            "SELECT id, record_version FROM review WHERE record_id = ?", (incident.id,)
        ).fetchone()
        conn.execute(f"UPDATE review SET {column} = ? WHERE id = ?", (value, review_id))
        seq = seq_of(conn, "review", review_id, record_version)
    report = two_users.verify()
    assert report.first_problem is not None and report.first_problem.seq == seq
    located = sorted(p.what for p in report.problems if p.seq == seq)
    assert located == sorted([
        f"review {review_id} of {incident.id} version {record_version} was altered: its "
        "content no longer matches the audit entry's commit",
        f"review {review_id}: the reviewer's signature does not verify",
    ])


def test_deleted_review_is_located(two_users: TwoUsers, incident: StoredRecord) -> None:
    with two_users.raw() as conn:
        review_id, record_version = conn.execute(
            "SELECT id, record_version FROM review WHERE decision = 'approve'").fetchone()
        conn.execute("DELETE FROM review WHERE id = ?", (review_id,))
        seq = seq_of(conn, "review", review_id)
    seq_found, what = _first(two_users.verify())
    assert seq_found == seq
    assert what == (f"the review it records ({review_id} version {record_version}) is "
                    "missing from the database")


def test_edited_comment_is_located(two_users: TwoUsers, incident: StoredRecord) -> None:
    with two_users.raw() as conn:
        comment_id = conn.execute("SELECT id FROM comment WHERE record_id = ?",
                                  (incident.id,)).fetchone()[0]
        conn.execute("UPDATE comment SET text = 'No witnesses.' WHERE id = ?", (comment_id,))
        seq = seq_of(conn, "comment", comment_id)
    seq_found, what = _first(two_users.verify())
    assert seq_found == seq
    assert what == (f"comment {comment_id} was altered: its content no longer matches the "
                    "audit entry's commit")


def test_edited_taxonomy_version_is_located(two_users: TwoUsers) -> None:
    with two_users.raw() as conn:
        taxonomy_id, version, content = conn.execute(
            "SELECT taxonomy_id, version, content FROM taxonomy_version").fetchone()
        forged = content.replace("killing", "kiling", 1)
        assert forged != content
        conn.execute("UPDATE taxonomy_version SET content = ? WHERE taxonomy_id = ? "
                     "AND version = ?", (forged, taxonomy_id, version))
        seq = seq_of(conn, "taxonomy-install", taxonomy_id, version)
    seq_found, what = _first(two_users.verify())
    assert seq_found == seq
    assert what.startswith(f"taxonomy {taxonomy_id} version {version} was altered")


def _forge_checkpoint(conn: object, *, seq: int, head_hash: str, public_key: bytes,
                      signature: bytes) -> None:
    conn.execute(  # type: ignore[attr-defined]
        "INSERT INTO audit_checkpoint (seq, head_hash, at, reason, signer, public_key, "
        "signature) VALUES (?, ?, '2024-01-01T00:00:00+00:00', 'lock', ?, ?, ?)",
        (seq, head_hash, signing.key_id(public_key), public_key.hex(), signature.hex()))


def test_forged_checkpoint_with_a_bad_signature_is_reported(two_users: TwoUsers,
                                                            incident: StoredRecord) -> None:
    with two_users.raw() as conn:
        seq = head_seq(conn)
        head_hash, signer_key = conn.execute(
            "SELECT c.head_hash, c.public_key FROM audit_checkpoint c WHERE c.seq = ?",
            (seq,)).fetchone()
        _forge_checkpoint(conn, seq=seq, head_hash=head_hash,
                          public_key=bytes.fromhex(signer_key), signature=bytes(64))
    seq_found, what = _first(two_users.verify())
    assert seq_found == seq
    assert "has a signature that does not verify" in what


def test_checkpoint_signed_by_a_stranger_is_reported(two_users: TwoUsers,
                                                     incident: StoredRecord) -> None:
    seed = signing.new_signing_seed()
    public_key = signing.public_key_from_seed(seed)
    with two_users.raw() as conn:
        seq = head_seq(conn)
        head_hash = conn.execute("SELECT entry_hash FROM audit_entry WHERE seq = ?",
                                 (seq,)).fetchone()[0]
        vault_id = conn.execute("SELECT value FROM vault_meta WHERE key = 'vault_id'"
                                ).fetchone()[0]
        signature = signing.sign(seed, message(vault_id, seq, head_hash,
                                               "2024-01-01T00:00:00+00:00", "lock"))
        _forge_checkpoint(conn, seq=seq, head_hash=head_hash, public_key=public_key,
                          signature=signature)
    seq_found, what = _first(two_users.verify())
    assert seq_found == seq
    assert "signed by a key that is not a user of this vault" in what


def test_recomputed_chain_still_fails_on_the_commits(two_users: TwoUsers,
                                                     incident: StoredRecord) -> None:
    """Editing a version and its entry's commit, then rehashing every later entry, leaves
    a whole chain; the signed checkpoints (here) and the review signatures catch it."""
    with two_users.raw() as conn:
        salt = bytes.fromhex(conn.execute(
            "SELECT value FROM vault_meta WHERE key = 'audit_commit_salt'").fetchone()[0])
        content, _ = _version_row(conn, incident.id, 1)
        forged = canonical_json({**json.loads(content), "narrative": "At dawn."})
        commit = hashlib.sha256(salt + forged).hexdigest()
        conn.execute("UPDATE record_version SET content = ?, object_commit = ? "
                     "WHERE record_id = ? AND version = 1", (forged.decode(), commit, incident.id))
        seq = seq_of(conn, "create", incident.id, 1)
        columns = [d[1] for d in conn.execute("PRAGMA table_info(audit_entry)").fetchall()]
        rows = [dict(zip(columns, r, strict=True)) for r in
                conn.execute("SELECT * FROM audit_entry WHERE seq >= ? ORDER BY seq", (seq - 1,))]
        previous = chain.Link(**rows[0])
        for row in rows[1:]:
            if row["seq"] == seq:
                row["object_commit"] = commit
            link = chain.next_entry(previous, **{k: row[k] for k in (
                "at", "actor", "action", "object_type", "object_id", "object_version",
                "object_commit")}, details=json.loads(row["details"]))
            conn.execute("UPDATE audit_entry SET object_commit = ?, prev_hash = ?, "
                         "entry_hash = ? WHERE seq = ?",
                         (link.object_commit, link.prev_hash, link.entry_hash, link.seq))
            previous = link
    report = two_users.verify()
    assert not any("chain breaks" in p.what for p in report.problems), report.problems
    first_checkpoint = min(p.seq for p in report.problems if "checkpoint" in p.what
                           and p.seq is not None)
    assert first_checkpoint >= seq
    assert report.first_problem is not None and report.first_problem.seq == first_checkpoint
    session = two_users.supervisor()
    try:
        with pytest.raises(AuditVerificationError, match=rf"First problem: entry "
                           rf"{first_checkpoint}:") as caught:
            AuditService(session).verify_or_raise()
        assert isinstance(caught.value, DamagedDataError)
        assert caught.value.report.problems
    finally:
        session.lock()


def test_rolled_back_record_head_is_reported(two_users: TwoUsers,
                                             incident: StoredRecord) -> None:
    """Pointing a record back at an earlier version hides the versions after it."""
    session = two_users.documenter()
    try:
        records = RecordService(session)
        current = records.get(incident.id)
        edited = records.update(incident.id, {**current.content, "narrative": "At dusk."},
                                expected_version=current.version)
    finally:
        session.lock()
    with two_users.raw() as conn:
        conn.execute("UPDATE record SET version = ? WHERE id = ?",
                     (edited.version - 1, incident.id))
        seq = seq_of(conn, "update", incident.id, edited.version)
    seq_found, what = _first(two_users.verify())
    assert seq_found == seq
    assert "is not its latest version" in what



@pytest.mark.parametrize("tamper", ["hash", "delete"])
def test_altered_evidence_file_row_is_located(two_users: TwoUsers, incident: StoredRecord,
                                              tmp_path: Path, tamper: str) -> None:
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 not really a photo")
    session = two_users.documenter()
    try:
        evidence, info = EvidenceService(session).attach(incident.id, photo)
        assert AuditService(session).verify().ok
    finally:
        session.lock()
    with two_users.raw() as conn:
        if tamper == "hash":
            conn.execute("UPDATE attachment SET sha256 = ? WHERE id = ?", ("0" * 64, info.id))
        else:
            conn.execute("DELETE FROM attachment WHERE id = ?", (info.id,))
        seq = seq_of(conn, "attach", evidence.id)
    report = two_users.verify()
    assert report.first_problem is not None and report.first_problem.seq == seq
    assert report.first_problem.what == (f"the evidence file it records for {evidence.id} is "
                                         "missing from the database or was altered")
    unlocated = [p.what for p in report.problems if p.seq is None]
    assert unlocated == ([f"evidence file {info.id} of {evidence.id} matches no audit entry "
                          "(its hash or size was altered, or it was added behind Casebook's "
                          "back)"] if tamper == "hash" else [])
