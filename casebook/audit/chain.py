"""Appending to and checking the hash chain.

``entry_hash = SHA-256(canonical JSON of every other field, prev_hash included)``;
``object_commit = SHA-256(commit salt || canonical JSON of the record version)``.
The commit salt is random per vault, so a commit does not reveal a guessable
record (a short name, say) to someone holding only the trail.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from casebook.domain.canonical import canonical_json
from casebook.storage.models import AuditEntry

GENESIS_HASH = "0" * 64


def object_commit(salt: bytes, version: Mapping[str, Any]) -> str:
    return hashlib.sha256(salt + canonical_json(dict(version))).hexdigest()


def _hashed_fields(entry: AuditEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "at": entry.at,
        "actor": entry.actor,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_version": entry.object_version,
        "object_commit": entry.object_commit,
        "details": json.loads(entry.details),
        "prev_hash": entry.prev_hash,
    }


def compute_entry_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(canonical_json(_hashed_fields(entry))).hexdigest()


def head(session: Session) -> AuditEntry | None:
    return session.exec(select(AuditEntry).order_by(col(AuditEntry.seq).desc()).limit(1)).first()


def next_entry(
    previous: AuditEntry | None,
    *,
    at: str,
    actor: str,
    action: str,
    object_type: str,
    object_id: str | None,
    object_version: int | None,
    object_commit: str | None,
    details: Mapping[str, Any],
) -> AuditEntry:
    """The link after ``previous`` (None: the first link), hashed, not yet stored."""
    entry = AuditEntry(
        seq=1 if previous is None else previous.seq + 1,
        at=at,
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_version=object_version,
        object_commit=object_commit,
        details=canonical_json(dict(details)).decode("utf-8"),
        prev_hash=GENESIS_HASH if previous is None else previous.entry_hash,
        entry_hash="",
    )
    entry.entry_hash = compute_entry_hash(entry)
    return entry


def append(session: Session, **fields: Any) -> AuditEntry:
    """Add the next link after the stored head; the caller's transaction commits it."""
    entry = next_entry(head(session), **fields)
    session.add(entry)
    session.flush()
    return entry


def as_row(entry: AuditEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq, "at": entry.at, "actor": entry.actor, "action": entry.action,
        "object_type": entry.object_type, "object_id": entry.object_id,
        "object_version": entry.object_version, "object_commit": entry.object_commit,
        "details": entry.details, "prev_hash": entry.prev_hash, "entry_hash": entry.entry_hash,
    }


@dataclass(frozen=True, slots=True)
class ChainProblem:
    seq: int
    reason: str


def first_break(entries: Iterable[AuditEntry]) -> ChainProblem | None:
    """The first entry whose link or hash does not hold, or None if the chain is whole."""
    previous_hash = GENESIS_HASH
    expected_seq = 1
    for entry in entries:
        if entry.seq != expected_seq:
            return ChainProblem(expected_seq, f"entry {expected_seq} is missing")
        if entry.prev_hash != previous_hash:
            return ChainProblem(entry.seq, "it does not link to the entry before it")
        try:
            recomputed = compute_entry_hash(entry)
        except (ValueError, TypeError):
            return ChainProblem(entry.seq, "its details are not valid JSON")
        if recomputed != entry.entry_hash:
            return ChainProblem(entry.seq, "its content does not match its hash")
        previous_hash = entry.entry_hash
        expected_seq += 1
    return None
