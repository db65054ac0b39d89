"""Drafts: an editor's unsaved content, kept encrypted in the vault.

When the app locks (idle or Ctrl+L) or closes with an editor open, the editor's
content is saved here instead of being lost or silently committed. Drafts are not
records: they make no version and are not in the audit trail's object commits,
but saving and discarding them are audited (``draft-save``, ``draft-discard``)
so nothing changes the database unseen.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from casebook.domain.canonical import canonical_json
from casebook.domain.records import RecordKind
from casebook.services.vault_service import VaultSession
from casebook.storage.models import Draft
from casebook.storage.vault import now_utc


@dataclass(frozen=True, slots=True)
class DraftInfo:
    id: str
    record_id: str | None  # None: a record not saved yet
    kind: RecordKind
    content: dict[str, Any]
    saved_at: str


class DraftService:
    def __init__(self, session: VaultSession) -> None:
        self.session = session

    def save(
        self, kind: RecordKind, content: dict[str, Any], *, record_id: str | None = None,
        draft_id: str | None = None,
    ) -> str:
        """Keep (or replace) a draft; returns its id."""
        draft_id = draft_id or str(uuid.uuid4())
        with self.session.unit_of_work() as uow:
            existing = uow.session.get(Draft, draft_id)
            if existing is not None:
                uow.session.delete(existing)
                uow.session.flush()
            uow.session.add(Draft(
                id=draft_id, record_id=record_id, kind=kind.value,
                content=canonical_json(content).decode("utf-8"), saved_at=now_utc(),
                saved_by=self.session.user.id,
            ))
            uow.audit("draft-save", kind.value, record_id, details={"draft": draft_id})
        return draft_id

    def mine(self) -> list[DraftInfo]:
        """The acting user's drafts, newest first."""
        with Session(self.session.vault.engine) as db:
            rows = db.exec(
                select(Draft)
                .where(Draft.saved_by == self.session.user.id)
                .order_by(col(Draft.saved_at).desc())
            ).all()
        return [
            DraftInfo(d.id, d.record_id, RecordKind(d.kind), json.loads(d.content), d.saved_at)
            for d in rows
        ]

    def discard(self, draft_id: str) -> None:
        with self.session.unit_of_work() as uow:
            draft = uow.session.get(Draft, draft_id)
            if draft is None:
                return
            uow.session.delete(draft)
            uow.audit("draft-discard", draft.kind, draft.record_id, details={"draft": draft_id})
