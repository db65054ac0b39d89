"""Signed checkpoints: at lock (when the trail moved), at every export, on request."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session

from casebook.audit.checkpoint import Checkpoint, parse_checkpoint_file
from casebook.audit.store import stored_checkpoints
from casebook.crypto import signing
from casebook.domain.errors import UsageError
from casebook.domain.records import RecordKind
from casebook.services.audit import AuditService
from casebook.services.interchange import export_json, write_export
from casebook.services.records import RecordService
from casebook.services.vault_service import VaultSession
from tests.audit.helpers import TwoUsers


def _checkpoints(session: VaultSession) -> list[Checkpoint]:
    with Session(session.vault.engine) as db:
        return stored_checkpoints(db, session.vault.vault_id)


def _head(session: VaultSession) -> tuple[int, str | None]:
    report = AuditService(session).verify()
    assert report.ok, report.problems
    return report.entries, report.head_hash


def test_lock_signs_the_head_only_when_it_moved(two_users: TwoUsers, tmp_path: Path) -> None:
    session = two_users.documenter()
    before = len(_checkpoints(session))
    RecordService(session).create(RecordKind.PERSON, {"name": "Witness"})
    seq, head = _head(session)
    session.lock()
    session = two_users.documenter()
    try:
        made = _checkpoints(session)
        assert len(made) == before + 1
        last = made[-1]
        assert (last.seq, last.head_hash, last.reason) == (seq, head, "lock")
        assert last.signer == signing.key_id(session.user.public_key)
        assert last.signature_valid()
        # An export signs the head; a lock right after has nothing new to sign.
        write_export(session, tmp_path / "out.json")
        exported = _checkpoints(session)
        assert len(exported) == before + 2
        assert exported[-1].reason == "export"
        assert (exported[-1].seq, exported[-1].head_hash) == _head(session)
    finally:
        session.lock()
        session.lock()  # locking twice signs nothing more
    session = two_users.documenter()
    try:
        assert _checkpoints(session) == exported
        export_json(session)
        assert [c.reason for c in _checkpoints(session)[-2:]] == ["export", "export"]
    finally:
        session.lock()


def test_checkpoint_file_round_trip(two_users: TwoUsers, tmp_path: Path) -> None:
    out = tmp_path / "kept.checkpoint"
    session = two_users.supervisor()
    try:
        service = AuditService(session)
        made = service.write_checkpoint(out)
        assert made.reason == "request"
        assert (made.seq, made.head_hash) == _head(session)
        assert parse_checkpoint_file(out.read_bytes()) == made
        assert _checkpoints(session)[-1] == made  # kept in the vault as well
        assert service.verify(against=service.read_checkpoint(out)).ok
        with pytest.raises(UsageError, match="already exists"):
            service.write_checkpoint(out)
        assert service.write_checkpoint(out, overwrite=True).seq == made.seq
    finally:
        session.lock()
