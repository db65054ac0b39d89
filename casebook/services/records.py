"""Case-record use cases: create, update, delete (tombstone), read, history, diff.

Every save writes a new immutable version, refreshes the current-state views and
the search index, and appends its audit entry, in one unit of work.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, delete, func, select

from casebook.domain.canonical import canonical_json
from casebook.domain.dates import earliest, latest
from casebook.domain.errors import CasebookError, ValidationError
from casebook.domain.records import (
    REFERENCES,
    IncidentContent,
    InvolvementContent,
    PersonContent,
    RecordKind,
    content_to_json,
    is_child_at,
    validate_content,
)
from casebook.search.normalise import fold
from casebook.services.unit_of_work import UnitOfWork
from casebook.services.vault_service import VaultSession
from casebook.storage.models import (
    IncidentView,
    InvolvementView,
    PersonView,
    Record,
    RecordIncident,
    RecordReference,
    RecordTag,
    RecordVersion,
)
from casebook.storage.vault import now_utc

#: Kinds whose records hang off one incident (found through ``record_incident``).
_INCIDENT_FIELD = {
    RecordKind.INVOLVEMENT: "incident",
    RecordKind.ACT: "incident",
    RecordKind.STATEMENT: "incident",
}


class RecordNotFoundError(CasebookError):
    """No live record with that id."""


class StaleVersionError(CasebookError):
    """The record changed since it was opened; nothing was overwritten."""


@dataclass(frozen=True, slots=True)
class StoredRecord:
    id: str
    kind: RecordKind
    version: int
    deleted: bool
    content: dict[str, Any]
    created_at: str
    created_by: str
    updated_at: str
    updated_by: str
    external_ref: str | None


@dataclass(frozen=True, slots=True)
class VersionInfo:
    version: int
    saved_at: str
    saved_by: str
    tombstone: bool
    object_commit: str


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    before: Any
    after: Any


def _as_stored(record: Record, content: dict[str, Any]) -> StoredRecord:
    return StoredRecord(
        id=record.id, kind=RecordKind(record.kind), version=record.version,
        deleted=record.deleted, content=content, created_at=record.created_at,
        created_by=record.created_by, updated_at=record.updated_at,
        updated_by=record.updated_by, external_ref=record.external_ref,
    )


def _actor(session: VaultSession) -> str:
    return session.user.id


def _search_text(kind: RecordKind, content: Mapping[str, Any]) -> str:
    """What a record is found by. Persons: every spelling of every name part."""
    parts: list[str] = []
    if kind is RecordKind.PERSON:
        names = content.get("name_parts") or {}
        parts += [content.get("name", ""), *names.values(), *content.get("alt_names", ())]
        parts.append(content.get("occupation", ""))
    elif kind is RecordKind.INCIDENT:
        parts += [content.get("title", ""), content.get("narrative", "")]
    elif kind is RecordKind.STATEMENT:
        parts.append(content.get("text", ""))
    elif kind is RecordKind.ACT:
        parts += [content.get("method", ""), content.get("consequences", "")]
    elif kind in (RecordKind.UNIT, RecordKind.PLACE):
        parts += [content.get("name", ""), content.get("name_ar", ""),
                  content.get("affiliation", "")]
    elif kind is RecordKind.EVIDENCE:
        parts.append(content.get("description", ""))
    return fold(" ".join(str(p) for p in parts if p))


class RecordStore:
    """Record operations inside one unit of work (several may share one, e.g. an import)."""

    def __init__(self, uow: UnitOfWork, actor: str) -> None:
        self.uow = uow
        self.actor = actor

    @property
    def db(self) -> Session:
        return self.uow.session

    def check_references(self, kind: RecordKind, content: Mapping[str, Any], where: str) -> None:
        prefix = f"{where}." if where else ""
        for field, target, kinds in _references(kind, content):
            record = self.db.get(Record, target)
            if record is None or record.deleted or RecordKind(record.kind) not in kinds:
                wanted = " or ".join(k.value for k in kinds)
                raise ValidationError(
                    f"{prefix}{field}: no {wanted} with id {target}", field=f"{prefix}{field}"
                )

    def create(
        self, kind: RecordKind, data: Mapping[str, Any], *, external_ref: str | None = None,
        record_id: str | None = None, where: str = "", action: str = "create",
    ) -> StoredRecord:
        content = content_to_json(validate_content(kind, dict(data), where))
        self.check_references(kind, content, where)
        now = now_utc()
        record = Record(
            id=record_id or str(uuid.uuid4()), kind=kind.value, version=1, created_at=now,
            created_by=self.actor, updated_at=now, updated_by=self.actor,
            external_ref=external_ref,
        )
        self.db.add(record)
        self._write_version(record, content, tombstone=False, action=action)
        return _as_stored(record, content)

    def update(
        self, record_id: str, data: Mapping[str, Any], *, expected_version: int,
        where: str = "",
    ) -> StoredRecord:
        record = self._live(record_id)
        if record.version != expected_version:
            raise StaleVersionError(
                f"This record was changed (now version {record.version}) since you opened "
                f"version {expected_version}. Reopen it; nothing was overwritten."
            )
        kind = RecordKind(record.kind)
        content = content_to_json(validate_content(kind, dict(data), where))
        self.check_references(kind, content, where)
        if content == self.current_content(record):
            return _as_stored(record, content)
        record.version += 1
        record.updated_at = now_utc()
        record.updated_by = self.actor
        self.db.add(record)
        self._write_version(record, content, tombstone=False, action="update")
        return _as_stored(record, content)

    def delete(self, record_id: str, *, expected_version: int) -> StoredRecord:
        record = self._live(record_id)
        if record.version != expected_version:
            raise StaleVersionError(
                f"This record was changed (now version {record.version}) since you opened "
                f"version {expected_version}. Reopen it; nothing was deleted."
            )
        dependents = self.db.exec(
            select(Record.kind, func.count())
            .join(RecordReference, col(RecordReference.from_id) == col(Record.id))
            .where(RecordReference.to_id == record_id)
            .group_by(Record.kind)
        ).all()
        if dependents:
            listed = ", ".join(f"{count} {kind}" for kind, count in dependents)
            raise ValidationError(
                f"This {record.kind} is still referred to by {listed} record(s). "
                "Remove or re-link those first; nothing was deleted."
            )
        record.version += 1
        record.deleted = True
        record.updated_at = now_utc()
        record.updated_by = self.actor
        self.db.add(record)
        self._write_version(record, {}, tombstone=True, action="delete")
        return _as_stored(record, {})

    def get_current(self, record_id: str) -> StoredRecord:
        record = self._live(record_id)
        return _as_stored(record, self.current_content(record))

    def _live(self, record_id: str) -> Record:
        record = self.db.get(Record, record_id)
        if record is None or record.deleted:
            raise RecordNotFoundError(f"There is no record with id {record_id}.")
        return record

    def current_content(self, record: Record) -> dict[str, Any]:
        row = self.db.get(RecordVersion, (record.id, record.version))
        assert row is not None
        loaded: dict[str, Any] = json.loads(row.content)
        return loaded

    def _write_version(
        self, record: Record, content: dict[str, Any], *, tombstone: bool, action: str
    ) -> None:
        kind = RecordKind(record.kind)
        commit = self.uow.commit_of(content)
        self.db.add(
            RecordVersion(
                record_id=record.id, version=record.version, kind=kind.value,
                content=canonical_json(content).decode("utf-8"), tombstone=tombstone,
                saved_at=record.updated_at, saved_by=self.actor, object_commit=commit,
            )
        )
        self._refresh_views(record, kind, None if tombstone else content)
        self.uow.audit(action, kind.value, record.id, version=record.version, payload=content)

    def _refresh_views(
        self, record: Record, kind: RecordKind, content: dict[str, Any] | None
    ) -> None:
        """Bring the current-state views and the search index in line with the version
        just written (``None``: a tombstone, so the record leaves them)."""
        self._clear_views(record.id)
        if content is None:
            return
        text = _search_text(kind, content)
        if text:
            self.db.connection().exec_driver_sql(
                "INSERT INTO search_index (record_id, kind, body) VALUES (?, ?, ?)",
                (record.id, kind.value, text),
            )
        for code in dict.fromkeys(content.get("tags", ())):
            self.db.add(RecordTag(record_id=record.id, code=code))
        for field, target, _kinds in _references(kind, content):
            self.db.add(RecordReference(from_id=record.id, field=field, to_id=target))
        view = _view_row(record, kind, content)
        if view is not None:
            self.db.add(view)
        incident_id = self._incident_of(kind, content)
        if incident_id is not None:
            self.db.add(RecordIncident(record_id=record.id, incident_id=incident_id))

    def _clear_views(self, record_id: str) -> None:
        self.db.connection().exec_driver_sql(
            "DELETE FROM search_index WHERE record_id = ?", (record_id,)
        )
        self.db.exec(delete(RecordTag).where(col(RecordTag.record_id) == record_id))
        self.db.exec(delete(RecordReference).where(col(RecordReference.from_id) == record_id))
        for table in (IncidentView, PersonView, InvolvementView, RecordIncident):
            existing = self.db.get(table, record_id)
            if existing is not None:
                self.db.delete(existing)
        self.db.flush()

    def _incident_of(self, kind: RecordKind, content: Mapping[str, Any]) -> str | None:
        if kind in _INCIDENT_FIELD:
            return str(content[_INCIDENT_FIELD[kind]])
        if kind is not RecordKind.EVIDENCE:
            return None
        owner = self.db.get(Record, content["record"])
        if owner is not None and owner.kind == RecordKind.INCIDENT.value:
            return owner.id
        linked = self.db.get(RecordIncident, content["record"])
        return None if linked is None else linked.incident_id


def _references(
    kind: RecordKind, content: Mapping[str, Any]
) -> list[tuple[str, str, tuple[RecordKind, ...]]]:
    """(field, target id, kinds the target may be) for every reference in ``content``."""
    found = [(field, content.get(field), kinds) for field, kinds in REFERENCES[kind].items()]
    if kind is RecordKind.ACT:
        for index, perpetrator in enumerate(content.get("perpetrators", ())):
            found.append((f"perpetrators[{index}].person", perpetrator.get("person"),
                          (RecordKind.PERSON,)))
            found.append((f"perpetrators[{index}].unit", perpetrator.get("unit"),
                          (RecordKind.UNIT,)))
    return [(field, str(target), kinds) for field, target, kinds in found if target]


def _view_row(
    record: Record, kind: RecordKind, content: dict[str, Any]
) -> IncidentView | PersonView | InvolvementView | None:
    if kind is RecordKind.INCIDENT:
        incident = IncidentContent.model_validate(content)
        start = incident.date_start
        end = incident.date_end or start
        return IncidentView(
            id=record.id, title=incident.title, status=incident.status.value,
            date_start=start,
            date_from=earliest(start).isoformat() if start else None,
            date_to=latest(end).isoformat() if end else None,
            place=incident.place, sensitivity=incident.sensitivity.value,
            updated_at=record.updated_at,
        )
    if kind is RecordKind.PERSON:
        person = PersonContent.model_validate(content)
        return PersonView(
            id=record.id, display_name=person.display_name, sex=person.sex.value,
            age=person.age, is_child=is_child_at(person, None),
            counting_unit=person.counting_unit.value, group_size=person.group_size,
            updated_at=record.updated_at,
        )
    if kind is RecordKind.INVOLVEMENT:
        involvement = InvolvementContent.model_validate(content)
        return InvolvementView(
            id=record.id, incident_id=involvement.incident, person_id=involvement.person,
            role=involvement.role.value,
        )
    return None


class RecordService:
    """Record use cases for one unlocked vault session."""

    def __init__(self, session: VaultSession) -> None:
        self.session = session

    def _store(self, uow: UnitOfWork) -> RecordStore:
        return RecordStore(uow, _actor(self.session))

    def create(self, kind: RecordKind, data: Mapping[str, Any]) -> StoredRecord:
        with self.session.unit_of_work() as uow:
            return self._store(uow).create(kind, data)

    def update(
        self, record_id: str, data: Mapping[str, Any], *, expected_version: int
    ) -> StoredRecord:
        with self.session.unit_of_work() as uow:
            return self._store(uow).update(record_id, data, expected_version=expected_version)

    def delete(self, record_id: str, *, expected_version: int) -> StoredRecord:
        with self.session.unit_of_work() as uow:
            return self._store(uow).delete(record_id, expected_version=expected_version)

    def get(self, record_id: str, *, include_deleted: bool = False) -> StoredRecord:
        with Session(self.session.vault.engine) as db:
            record = db.get(Record, record_id)
            if record is None and not include_deleted:
                record = db.exec(select(Record).where(Record.external_ref == record_id)).first()
            if record is None or (record.deleted and not include_deleted):
                raise RecordNotFoundError(f"There is no record with id {record_id}.")
            row = db.get(RecordVersion, (record.id, record.version))
            assert row is not None
            return _as_stored(record, json.loads(row.content))

    def history(self, record_id: str) -> list[VersionInfo]:
        with Session(self.session.vault.engine) as db:
            rows = db.exec(
                select(RecordVersion)
                .where(RecordVersion.record_id == record_id)
                .order_by(col(RecordVersion.version))
            ).all()
        if not rows:
            raise RecordNotFoundError(f"There is no record with id {record_id}.")
        return [
            VersionInfo(r.version, r.saved_at, r.saved_by, r.tombstone, r.object_commit)
            for r in rows
        ]

    def version_content(self, record_id: str, version: int) -> dict[str, Any]:
        with Session(self.session.vault.engine) as db:
            row = db.get(RecordVersion, (record_id, version))
        if row is None:
            raise RecordNotFoundError(f"Record {record_id} has no version {version}.")
        loaded: dict[str, Any] = json.loads(row.content)
        return loaded

    def diff(self, record_id: str, older: int, newer: int) -> list[FieldChange]:
        return diff_contents(
            self.version_content(record_id, older), self.version_content(record_id, newer)
        )


def diff_contents(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[FieldChange]:
    """Field-by-field changes; nested objects are compared by dotted path."""
    changes: list[FieldChange] = []

    def walk(prefix: str, a: Any, b: Any) -> None:
        if isinstance(a, Mapping) and isinstance(b, Mapping):
            for key in sorted(set(a) | set(b)):
                walk(f"{prefix}.{key}" if prefix else key, a.get(key), b.get(key))
        elif a != b:
            changes.append(FieldChange(prefix, a, b))

    walk("", before, after)
    return changes
