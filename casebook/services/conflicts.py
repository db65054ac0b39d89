"""Conflicts: one record edited in two vaults at once (docs/packages.md).

Their versions wait in the conflict, untouched; the local record is unchanged until
a person resolves it: keep mine, take theirs, or choose field by field. The choice is
audited, and the resolved version takes in their versions, so the same edit never
comes back as a conflict once the resolution has travelled.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from casebook.domain.errors import CasebookError, UsageError, ValidationError
from casebook.domain.records import RecordKind
from casebook.services.package_import import absorb
from casebook.services.records import RecordStore, StoredRecord
from casebook.services.vault_service import VaultSession
from casebook.storage.models import Conflict, Contact, Record, RecordVersion
from casebook.storage.vault import now_utc

CHOICES = ("mine", "theirs", "fields")


class ConflictNotFoundError(CasebookError):
    """No conflict with that id."""


@dataclass(frozen=True, slots=True)
class ConflictInfo:
    id: str
    record_id: str
    kind: str
    title: str
    local_version: int
    their_version: int
    sender: str
    opened_at: str
    resolved: bool
    resolution: str | None

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "record_id": self.record_id, "kind": self.kind,
                "title": self.title, "local_version": self.local_version,
                "their_version": self.their_version, "sender": self.sender,
                "opened_at": self.opened_at, "resolved": self.resolved,
                "resolution": self.resolution}


@dataclass(frozen=True, slots=True)
class FieldDifference:
    field: str
    mine: Any
    theirs: Any


@dataclass(frozen=True, slots=True)
class ConflictDetail:
    info: ConflictInfo
    mine: dict[str, Any]
    theirs: dict[str, Any]
    mine_deleted: bool
    theirs_deleted: bool
    differences: list[FieldDifference]


def _title(kind: str, content: Mapping[str, Any], record_id: str) -> str:
    for key in ("title", "name", "description"):
        value = content.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return f"{kind} {record_id[:8]}"


def _their_head(conflict: Conflict) -> dict[str, Any]:
    versions: list[dict[str, Any]] = json.loads(conflict.their_versions)
    return versions[-1]


def _mine(db: Session, record_id: str) -> tuple[Record, dict[str, Any]]:
    record = db.get(Record, record_id)
    if record is None:
        raise ConflictNotFoundError(f"The record {record_id} of this conflict is missing.")
    row = db.get(RecordVersion, (record_id, record.version))
    assert row is not None
    content: dict[str, Any] = json.loads(row.content)
    return record, content


def differences(mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> list[FieldDifference]:
    return [FieldDifference(key, mine.get(key), theirs.get(key))
            for key in sorted(set(mine) | set(theirs)) if mine.get(key) != theirs.get(key)]


class ConflictService:
    def __init__(self, session: VaultSession) -> None:
        self.session = session

    def _info(self, db: Session, conflict: Conflict, names: Mapping[str, str]) -> ConflictInfo:
        _record, mine = _mine(db, conflict.record_id)
        title = _title(conflict.kind, mine or _their_head(conflict)["content"],
                       conflict.record_id)
        return ConflictInfo(conflict.id, conflict.record_id, conflict.kind, title,
                            conflict.local_version, conflict.their_version,
                            names.get(conflict.sender_key, conflict.sender_key),
                            conflict.opened_at, conflict.resolved_at is not None,
                            conflict.resolution)

    @staticmethod
    def _names(db: Session) -> dict[str, str]:
        return {c.key_id: c.name for c in db.exec(select(Contact)).all()}

    def list(self, *, include_resolved: bool = False) -> list[ConflictInfo]:
        with Session(self.session.vault.engine) as db:
            statement = select(Conflict).order_by(col(Conflict.opened_at))
            if not include_resolved:
                statement = statement.where(col(Conflict.resolved_at).is_(None))
            names = self._names(db)
            return [self._info(db, c, names) for c in db.exec(statement).all()]

    def get(self, conflict_id: str) -> ConflictDetail:
        with Session(self.session.vault.engine) as db:
            conflict = _find(db, conflict_id)
            record, mine = _mine(db, conflict.record_id)
            head = _their_head(conflict)
            theirs: dict[str, Any] = dict(head["content"])
            return ConflictDetail(self._info(db, conflict, self._names(db)), mine, theirs,
                                  bool(record.deleted), bool(head["tombstone"]),
                                  differences(mine, theirs))

    def resolve(self, conflict_id: str, choice: str,
                fields: Mapping[str, str] | None = None) -> StoredRecord:
        if choice not in CHOICES:
            raise UsageError("Choose mine, theirs or fields.")
        detail = self.get(conflict_id)
        if detail.info.resolved:
            raise ValidationError("This conflict is resolved already.")
        content, tombstone, chosen_fields = _chosen(detail, choice, fields)
        record_id = detail.info.record_id
        kind = RecordKind(detail.info.kind)
        details = {"conflict": detail.info.id, "choice": choice, "fields": chosen_fields,
                   "their_version": detail.info.their_version}
        with self.session.unit_of_work() as uow:
            db = uow.session
            conflict = _find(db, detail.info.id)
            record, current = _mine(db, record_id)
            if current != detail.mine or bool(record.deleted) != detail.mine_deleted:
                raise ValidationError("The record changed while you were choosing; open the "
                                      "conflict again.")
            store = RecordStore(uow, uow.user.id, allow_retired_tags=True)
            number = record.version
            if (content, tombstone) != (detail.mine, detail.mine_deleted):
                number += 1
                store.put_version(record_id, kind, number, content, tombstone=tombstone,
                                  saved_at=now_utc(), saved_by=uow.user.id, created=None,
                                  action="resolve-conflict", details=details)
            else:
                uow.audit("resolve-conflict", kind.value, record_id, details=details)
            store.flush_buffer()
            absorb(db, record_id, number, json.loads(conflict.their_absorbs))
            conflict.resolved_at, conflict.resolved_by = now_utc(), uow.actor
            conflict.resolution, conflict.resolved_version = choice, number
            db.add(conflict)
        return StoredRecord(record_id, kind, number, tombstone, content, record.created_at,
                            record.created_by, record.updated_at, record.updated_by,
                            record.external_ref)


def _chosen(detail: ConflictDetail, choice: str, fields: Mapping[str, str] | None
            ) -> tuple[dict[str, Any], bool, dict[str, str]]:
    """The content (and deleted or not) a choice makes, and the per-field choices."""
    if choice == "mine":
        return detail.mine, detail.mine_deleted, {}
    if choice == "theirs":
        return detail.theirs, detail.theirs_deleted, {}
    if detail.mine_deleted or detail.theirs_deleted:
        raise ValidationError("One side deleted this record: keep mine or take theirs; "
                              "there are no fields to merge.")
    chosen = dict(fields or {})
    wanted = {d.field for d in detail.differences}
    if set(chosen) != wanted or any(v not in ("mine", "theirs") for v in chosen.values()):
        missing = ", ".join(sorted(wanted - set(chosen))) or "none"
        raise ValidationError(f"Say mine or theirs for every field that differs "
                              f"({', '.join(sorted(wanted))}); missing: {missing}.",
                              field="fields")
    content = dict(detail.mine)
    for name, side in chosen.items():
        if side == "theirs":
            if name in detail.theirs:
                content[name] = detail.theirs[name]
            else:
                content.pop(name, None)
    return content, False, chosen


def _find(db: Session, conflict_id: str) -> Conflict:
    conflict = db.get(Conflict, conflict_id)
    if conflict is not None:
        return conflict
    matches = [c for c in db.exec(select(Conflict)).all()
               if len(conflict_id) >= 4 and c.id.startswith(conflict_id)]
    if len(matches) == 1:
        return matches[0]
    raise ConflictNotFoundError(f"There is no conflict {conflict_id}. See casebook conflicts "
                                "list.")
