"""One transaction per use case, carrying the audit entries for the change.

::

    with UnitOfWork(vault, events) as uow:
        uow.session.add(record)
        uow.audit("create", "incident", record.id, version=1, payload=record_json)

Audit entries are chained in memory and written in one batch before the commit
(or at :meth:`UnitOfWork.flush`), so a bulk import does not pay a round trip per
link. Commit happens on a clean exit, and only if every change was audited;
events are emitted after the commit, never for a rolled-back change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any

from sqlalchemy import event
from sqlmodel import Session

from casebook.audit import chain
from casebook.crypto.signing import key_id
from casebook.domain.canonical import canonical_json
from casebook.domain.users import User
from casebook.services.events import AuditAppended, Event, EventBus
from casebook.storage.models import AuditEntry, VaultMeta, insert_many
from casebook.storage.vault import UnlockedVault, now_utc

COMMIT_SALT_KEY = "audit_commit_salt"


class UnauditedChangeError(RuntimeError):
    """A programming error: a service changed data without an audit entry."""


class UnitOfWork:
    def __init__(self, vault: UnlockedVault, events: EventBus) -> None:
        self._vault = vault
        self._events = events
        self._pending_events: list[Event] = []
        self._pending_entries: list[chain.Link] = []
        self._before_flush: list[Callable[[], None]] = []
        self._audited = False
        self._changed = False
        self._session: Session | None = None
        self._head: chain.Link | AuditEntry | None = None
        self._head_loaded = False
        self._commit_salt: bytes | None = None
        self._actor = key_id(vault.user.public_key)

    @property
    def user(self) -> User:
        return self._vault.user

    @property
    def actor(self) -> str:
        """The key id of the acting user (what audit entries name)."""
        return self._actor

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("UnitOfWork used outside its 'with' block")
        return self._session

    def __enter__(self) -> UnitOfWork:
        self._session = Session(self._vault.engine, expire_on_commit=False)
        event.listen(self._session, "before_flush", self._note_changes)
        self._session.begin()
        return self

    def _note_changes(self, session: Session, _context: Any, _instances: Any) -> None:
        touched = [*session.new, *session.dirty, *session.deleted]
        if any(not isinstance(obj, AuditEntry) for obj in touched):
            self._changed = True

    def note_bulk_change(self) -> None:
        """Rows written with Core statements (bulk inserts) bypass the ORM's change
        tracking; their writers declare them here so the audit check still applies."""
        self._changed = True

    def on_flush(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` before audit entries are written (buffered record rows)."""
        self._before_flush.append(callback)

    def commit_salt(self) -> bytes:
        if self._commit_salt is None:
            meta = self.session.get(VaultMeta, COMMIT_SALT_KEY)
            if meta is None:
                raise RuntimeError("vault has no audit commit salt")
            self._commit_salt = bytes.fromhex(meta.value)
        return self._commit_salt

    def commit_of(self, payload: Mapping[str, Any]) -> str:
        return self.commit_of_canonical(canonical_json(dict(payload)))

    def commit_of_canonical(self, canonical: bytes) -> str:
        return hashlib.sha256(self.commit_salt() + canonical).hexdigest()

    def audit(
        self,
        action: str,
        object_type: str,
        object_id: str | None = None,
        *,
        version: int | None = None,
        payload: Mapping[str, Any] | None = None,
        commit: str | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> chain.Link:
        """Chain an audit entry for this transaction. ``commit`` may be given instead of
        ``payload`` when the caller already computed the object commit."""
        if payload is not None:
            commit = self.commit_of(payload)
        if not self._head_loaded:
            self._head = chain.head(self.session)
            self._head_loaded = True
        entry = chain.next_entry(
            self._head,
            at=now_utc(),
            actor=self._actor,
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_version=version,
            object_commit=commit,
            details=details or {},
        )
        self._head = entry
        self._pending_entries.append(entry)
        self._audited = True
        self._pending_events.append(
            AuditAppended(entry.seq, entry.action, entry.object_type, entry.object_id)
        )
        return entry

    def emit_after_commit(self, event_: Event) -> None:
        self._pending_events.append(event_)

    def flush(self) -> None:
        """Write buffered rows and audit entries into the open transaction."""
        for callback in self._before_flush:
            callback()
        self.session.flush()
        if self._pending_entries:
            insert_many(
                self.session.connection(), AuditEntry,
                [chain.as_row(e) for e in self._pending_entries],
            )
            self._pending_entries.clear()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        session = self.session
        try:
            if exc_type is not None:
                session.rollback()
                return
            self.flush()
            if self._changed and not self._audited:
                session.rollback()
                raise UnauditedChangeError("a change was made without an audit entry")
            session.commit()
        finally:
            session.close()
            self._session = None
        for pending in self._pending_events:
            self._events.emit(pending)
