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
from typing import Any, Protocol

from sqlalchemy import insert
from sqlmodel import Session, col, select

from casebook.domain.canonical import canonical_json
from casebook.storage.models import AuditEntry

GENESIS_HASH = "0" * 64


def object_commit(salt: bytes, version: Mapping[str, Any]) -> str:
    return hashlib.sha256(salt + canonical_json(dict(version))).hexdigest()


def _hashed_fields(entry: _Entry) -> dict[str, Any]:
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


def compute_entry_hash(entry: _Entry) -> str:
    return hashlib.sha256(canonical_json(_hashed_fields(entry))).hexdigest()


def head(session: Session) -> AuditEntry | None:
    return session.exec(select(AuditEntry).order_by(col(AuditEntry.seq).desc()).limit(1)).first()


@dataclass(frozen=True, slots=True)
class Link:
    """An audit entry computed in memory, before it is stored (same fields as the table)."""

    seq: int
    at: str
    actor: str
    action: str
    object_type: str
    object_id: str | None
    object_version: int | None
    object_commit: str | None
    details: str
    prev_hash: str
    entry_hash: str


class _Entry(Protocol):
    """A stored or computed audit entry (read-only view)."""

    @property
    def seq(self) -> int: ...
    @property
    def at(self) -> str: ...
    @property
    def actor(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def object_type(self) -> str: ...
    @property
    def object_id(self) -> str | None: ...
    @property
    def object_version(self) -> int | None: ...
    @property
    def object_commit(self) -> str | None: ...
    @property
    def details(self) -> str: ...
    @property
    def prev_hash(self) -> str: ...
    @property
    def entry_hash(self) -> str: ...


def next_entry(
    previous: _Entry | None,
    *,
    at: str,
    actor: str,
    action: str,
    object_type: str,
    object_id: str | None,
    object_version: int | None,
    object_commit: str | None,
    details: Mapping[str, Any],
) -> Link:
    """The link after ``previous`` (None: the first link), hashed, not yet stored."""
    fields: dict[str, Any] = {
        "seq": 1 if previous is None else previous.seq + 1,
        "at": at,
        "actor": actor,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "object_version": object_version,
        "object_commit": object_commit,
        "details": dict(details),
        "prev_hash": GENESIS_HASH if previous is None else previous.entry_hash,
    }
    entry_hash = hashlib.sha256(canonical_json(fields)).hexdigest()
    fields["details"] = canonical_json(fields["details"]).decode("utf-8")
    return Link(**fields, entry_hash=entry_hash)


def append(session: Session, **fields: Any) -> Link:
    """Add the next link after the stored head; the caller's transaction commits it."""
    link = next_entry(head(session), **fields)
    session.execute(insert(AuditEntry), [as_row(link)])
    return link


def as_row(entry: _Entry) -> dict[str, Any]:
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
