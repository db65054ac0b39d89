"""Reading the trail and storing checkpoints. Checkpoints are written outside a unit
of work on purpose: a checkpoint is a signature *over* the trail, not a change the
trail records (an audit entry for it would move the head it signs)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from casebook.audit.checkpoint import Checkpoint, message
from casebook.crypto import signing
from casebook.storage.models import AuditCheckpoint, AuditEntry
from casebook.storage.vault import now_utc


def as_checkpoint(vault_id: str, row: AuditCheckpoint) -> Checkpoint:
    return Checkpoint(vault_id, row.seq, row.head_hash, row.at, row.reason, row.signer,
                      row.public_key, row.signature)


def stored_checkpoints(db: Session, vault_id: str) -> list[Checkpoint]:
    rows = db.exec(select(AuditCheckpoint).order_by(col(AuditCheckpoint.id))).all()
    return [as_checkpoint(vault_id, row) for row in rows]


def sign_checkpoint(engine: Engine, vault_id: str, public_key: bytes,
                    sign: Callable[[bytes], bytes], reason: str, *,
                    only_if_new: bool = False) -> Checkpoint | None:
    """Sign the current head and store the checkpoint. None when the trail is empty,
    or (``only_if_new``) when the newest checkpoint already covers the head."""
    with Session(engine) as db:
        head = db.exec(select(AuditEntry).order_by(col(AuditEntry.seq).desc()).limit(1)).first()
        if head is None:
            return None
        if only_if_new:
            last = db.exec(select(AuditCheckpoint).order_by(
                col(AuditCheckpoint.id).desc()).limit(1)).first()
            if last is not None and last.seq == head.seq and last.head_hash == head.entry_hash:
                return None
        at = now_utc()
        signature = sign(message(vault_id, head.seq, head.entry_hash, at, reason))
        row = AuditCheckpoint(seq=head.seq, head_hash=head.entry_hash, at=at, reason=reason,
                              signer=signing.key_id(public_key), public_key=public_key.hex(),
                              signature=signature.hex())
        db.add(row)
        db.commit()
        return as_checkpoint(vault_id, row)
