"""Case-record use cases: create, update, delete (tombstone), read, history, diff.

Every save writes a new immutable version, refreshes the current-state views and
the search index, and appends its audit entry, in one unit of work.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session, SQLModel, col, delete, func, select

from casebook.domain.canonical import canonical_json
from casebook.domain.dates import earliest, latest
from casebook.domain.errors import CasebookError, PermissionDeniedError, ValidationError
from casebook.domain.records import (
    REFERENCES,
    IncidentContent,
    IncidentStatus,
    PersonContent,
    RecordKind,
    content_to_json,
    is_child_at,
    validate_content,
)
from casebook.domain.users import Role
from casebook.search.normalise import index_form
from casebook.services.tagging import TAGGED_UNDER, stamped, tag_codes, tag_problems
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
    insert_many,
)
from casebook.storage.taxonomy_rows import installed_taxonomy, load_term_index
from casebook.storage.vault import now_utc
from casebook.taxonomy.model import TermIndex

#: Insert order for buffered rows: parents before the rows that reference them.
_ROW_ORDER: tuple[type[SQLModel], ...] = (
    Record, RecordVersion, IncidentView, PersonView, InvolvementView, RecordIncident,
    RecordReference, RecordTag,
)

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


@dataclasses.dataclass(slots=True)
class _NewRecord:
    id: str
    kind: str
    version: int
    deleted: bool
    created_at: str
    created_by: str
    updated_at: str
    updated_by: str
    external_ref: str | None


def _as_stored(record: Record | _NewRecord, content: dict[str, Any]) -> StoredRecord:
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
    elif kind is RecordKind.QUALIFICATION:
        parts.append(content.get("rationale", ""))
    return index_form(" ".join(str(p) for p in parts if p))


class RecordStore:
    """Record operations inside one unit of work (several may share one, e.g. an import).

    New records are buffered and written with batched inserts when the unit of work
    flushes (or before anything reads the database), so an import of thousands of
    records costs a handful of statements, not thousands of ORM flushes.
    """

    def __init__(self, uow: UnitOfWork, actor: str, *, allow_retired_tags: bool = False) -> None:
        self.uow = uow
        self.actor = actor
        #: Imports may carry deprecated or removed terms the vault still knows; a
        #: person tagging a record may not pick them.
        self.allow_retired_tags = allow_retired_tags
        self._term_index: TermIndex | None = None
        self._taxonomy_label: str | None = None
        self._known: dict[str, RecordKind] = {}  # created through this store
        self._incident_links: dict[str, str] = {}
        self._rows: dict[type[SQLModel], list[dict[str, Any]]] = {t: [] for t in _ROW_ORDER}
        self._search_rows: list[tuple[str, str, str]] = []
        uow.on_flush(self.flush_buffer)

    @property
    def db(self) -> Session:
        return self.uow.session

    def flush_buffer(self) -> None:
        if not any(self._rows.values()) and not self._search_rows:
            return
        self.uow.note_bulk_change()
        # Pending ORM objects (an attachment row, say) may reference the buffered
        # records: they must not be flushed before them.
        with self.db.no_autoflush:
            connection = self.db.connection()
            for table in _ROW_ORDER:
                rows = self._rows[table]
                insert_many(connection, table, rows)
                rows.clear()
        if self._search_rows:
            self.db.connection().exec_driver_sql(
                "INSERT INTO search_index (record_id, kind, body) VALUES (?, ?, ?)",
                self._search_rows,
            )
            self._search_rows.clear()

    def _kind_of(self, record_id: str) -> RecordKind | None:
        """The live kind of a record (None: no such live record)."""
        if record_id in self._known:
            return self._known[record_id]
        record = self.db.get(Record, record_id)
        if record is None or record.deleted:
            return None
        return RecordKind(record.kind)

    def _check_may_write(self, kind: RecordKind, action: str) -> None:
        """Legal qualification is a supervisor's act (issue 5), whether typed in or
        imported."""
        del action  # every write, imports included
        if kind is RecordKind.QUALIFICATION and self.uow.user.role is not Role.SUPERVISOR:
            raise PermissionDeniedError(
                "Only a supervisor can qualify an act legally. Ask your supervisor."
            )

    @property
    def term_index(self) -> TermIndex:
        if self._term_index is None:
            self._term_index = load_term_index(self.db)
            installed = installed_taxonomy(self.db)
            self._taxonomy_label = None if installed is None else f"{installed[0]}/{installed[1]}"
        return self._term_index

    def stamp(self, kind: RecordKind, content: dict[str, Any],
              previous: Mapping[str, Any] | None, where: str = "") -> dict[str, Any]:
        """Check the taxonomy codes ``content`` adds, and stamp it with the taxonomy
        version its tags were chosen under (services/tagging.py)."""
        if not tag_codes(kind, content):
            # Nothing to check, so no need to read the taxonomy; a record without codes
            # has no stamp either.
            return {k: v for k, v in content.items() if k != TAGGED_UNDER}
        index = self.term_index
        problems = tag_problems(index, kind, content, previous, where,
                                allow_retired=self.allow_retired_tags)
        if problems:
            field, message = problems[0]
            raise ValidationError(f"{field}: {message}", field=field)
        return stamped(kind, content, previous, self._taxonomy_label)

    def check_references(self, kind: RecordKind, content: Mapping[str, Any], where: str) -> None:
        prefix = f"{where}." if where else ""
        for field, target, kinds in _references(kind, content):
            found = self._kind_of(target)
            if found not in kinds:
                wanted = " or ".join(k.value for k in kinds)
                raise ValidationError(
                    f"{prefix}{field}: no {wanted} with id {target}", field=f"{prefix}{field}"
                )

    def create(
        self, kind: RecordKind, data: Mapping[str, Any], *, external_ref: str | None = None,
        record_id: str | None = None, where: str = "", action: str = "create",
    ) -> StoredRecord:
        self._check_may_write(kind, action)
        model = validate_content(kind, dict(data), where)
        content = self.stamp(kind, content_to_json(model), None, where)
        _check_review_status(kind, content, None, action)
        self.check_references(kind, content, where)
        now = now_utc()
        # A plain namespace, not an ORM instance: constructing thousands of those is
        # what made imports slow.
        record = _NewRecord(
            id=record_id or str(uuid.uuid4()), kind=kind.value, version=1, deleted=False,
            created_at=now, created_by=self.actor, updated_at=now, updated_by=self.actor,
            external_ref=external_ref,
        )
        self._rows[Record].append({
            "id": record.id, "kind": record.kind, "version": 1, "deleted": False,
            "created_at": now, "created_by": self.actor, "updated_at": now,
            "updated_by": self.actor, "external_ref": external_ref,
        })
        self._known[record.id] = kind
        self._write_version(
            record, content, tombstone=False, action=action, fresh=True, model=model
        )
        return _as_stored(record, content)

    def update(
        self, record_id: str, data: Mapping[str, Any], *, expected_version: int,
        where: str = "", action: str = "update",
    ) -> StoredRecord:
        record = self._live(record_id)
        if record.version != expected_version:
            raise StaleVersionError(
                f"This record was changed (now version {record.version}) since you opened "
                f"version {expected_version}. Reopen it; nothing was overwritten."
            )
        kind = RecordKind(record.kind)
        self._check_may_write(kind, action)
        model = validate_content(kind, dict(data), where)
        previous = self.current_content(record)
        content = self.stamp(kind, content_to_json(model), previous, where)
        content = _check_review_status(kind, content, previous, action)
        self.check_references(kind, content, where)
        if content == previous:
            return _as_stored(record, content)
        record.version += 1
        record.updated_at = now_utc()
        record.updated_by = self.actor
        self.db.add(record)
        self._write_version(record, content, tombstone=False, action=action, model=model)
        return _as_stored(record, content)

    def delete(self, record_id: str, *, expected_version: int) -> StoredRecord:
        record = self._live(record_id)
        if record.version != expected_version:
            raise StaleVersionError(
                f"This record was changed (now version {record.version}) since you opened "
                f"version {expected_version}. Reopen it; nothing was deleted."
            )
        self._check_may_write(RecordKind(record.kind), "delete")
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
        self._known.pop(record.id, None)
        self._write_version(record, {}, tombstone=True, action="delete")
        return _as_stored(record, {})

    def put_version(
        self, record_id: str, kind: RecordKind, version: int, content: dict[str, Any], *,
        tombstone: bool, saved_at: str, saved_by: str, created: tuple[str, str] | None,
        action: str, details: Mapping[str, Any],
    ) -> None:
        """Store a version as another vault saved it (number, time and author kept), or a
        version adopted from it: case packages (services/packages.py). The content is
        validated; tag, status and reference rules were the saving vault's to apply,
        and the caller checks references once everything has arrived."""
        model = None if tombstone else validate_content(kind, dict(content))
        self.flush_buffer()
        existing = self.db.get(Record, record_id)
        record: Record | _NewRecord
        if existing is None:
            created_at, created_by = created or (saved_at, saved_by)
            record = _NewRecord(id=record_id, kind=kind.value, version=version,
                                deleted=tombstone, created_at=created_at, created_by=created_by,
                                updated_at=saved_at, updated_by=saved_by, external_ref=None)
            self._rows[Record].append(dataclasses.asdict(record))
        else:
            if existing.kind != kind.value:
                raise ValidationError(f"record {record_id} is a {existing.kind} here, not a "
                                      f"{kind.value}")
            record = existing
            record.version, record.deleted = version, tombstone
            record.updated_at, record.updated_by = saved_at, saved_by
            self.db.add(record)
        if tombstone:
            self._known.pop(record_id, None)
        else:
            self._known[record_id] = kind
        canonical = canonical_json(dict(content))
        commit = self.uow.commit_of_canonical(canonical)
        self._rows[RecordVersion].append({
            "record_id": record_id, "version": version, "kind": kind.value,
            "content": canonical.decode("utf-8"), "tombstone": tombstone,
            "saved_at": saved_at, "saved_by": saved_by, "object_commit": commit,
        })
        self._refresh_views(record, kind, None if tombstone else dict(content),
                            fresh=existing is None, model=model)
        self.uow.audit(action, kind.value, record_id, version=version, commit=commit,
                       details=details)

    def get_current(self, record_id: str) -> StoredRecord:
        record = self._live(record_id)
        return _as_stored(record, self.current_content(record))

    def _live(self, record_id: str) -> Record:
        self.flush_buffer()
        record = self.db.get(Record, record_id)
        if record is None or record.deleted:
            raise RecordNotFoundError(f"There is no record with id {record_id}.")
        return record

    def current_content(self, record: Record) -> dict[str, Any]:
        self.flush_buffer()
        row = self.db.get(RecordVersion, (record.id, record.version))
        assert row is not None
        loaded: dict[str, Any] = json.loads(row.content)
        return loaded

    def _write_version(
        self, record: Record | _NewRecord, content: dict[str, Any], *, tombstone: bool, action: str,
        fresh: bool = False, model: BaseModel | None = None,
    ) -> None:
        kind = RecordKind(record.kind)
        canonical = canonical_json(content)
        commit = self.uow.commit_of_canonical(canonical)
        self._rows[RecordVersion].append({
            "record_id": record.id, "version": record.version, "kind": kind.value,
            "content": canonical.decode("utf-8"), "tombstone": tombstone,
            "saved_at": record.updated_at, "saved_by": self.actor, "object_commit": commit,
        })
        self._refresh_views(
            record, kind, None if tombstone else content, fresh=fresh, model=model
        )
        self.uow.audit(action, kind.value, record.id, version=record.version, commit=commit)

    def _refresh_views(
        self, record: Record | _NewRecord, kind: RecordKind, content: dict[str, Any] | None,
        *, fresh: bool = False, model: BaseModel | None = None,
    ) -> None:
        """Bring the current-state views and the search index in line with the version
        just written (``None``: a tombstone, so the record leaves them). A ``fresh``
        record has nothing to clear."""
        if not fresh:
            self.flush_buffer()
            self._clear_views(record.id)
        if content is None:
            return
        text = _search_text(kind, content)
        if text:
            self._search_rows.append((record.id, kind.value, text))
        for code in dict.fromkeys(code for _field, code in tag_codes(kind, content)):
            self._rows[RecordTag].append({"record_id": record.id, "code": code})
        for field, target, _kinds in _references(kind, content):
            self._rows[RecordReference].append(
                {"from_id": record.id, "field": field, "to_id": target}
            )
        view = _view_row(record, kind, content, model)
        if view is not None:
            self._rows[view[0]].append(view[1])
        incident_id = self._incident_of(kind, content)
        if incident_id is not None:
            self._incident_links[record.id] = incident_id
            self._rows[RecordIncident].append(
                {"record_id": record.id, "incident_id": incident_id}
            )

    def _clear_views(self, record_id: str) -> None:
        self.db.connection().exec_driver_sql(
            "DELETE FROM search_index WHERE record_id = ?", (record_id,)
        )
        for table, column in (
            (RecordTag, RecordTag.record_id),
            (RecordReference, RecordReference.from_id),
            (IncidentView, IncidentView.id),
            (PersonView, PersonView.id),
            (InvolvementView, InvolvementView.id),
            (RecordIncident, RecordIncident.record_id),
        ):
            self.db.exec(delete(table).where(col(column) == record_id))
        self._incident_links.pop(record_id, None)

    def _incident_of(self, kind: RecordKind, content: Mapping[str, Any]) -> str | None:
        if kind in _INCIDENT_FIELD:
            return str(content[_INCIDENT_FIELD[kind]])
        if kind is RecordKind.QUALIFICATION:
            owner = str(content["act"])
        elif kind is RecordKind.EVIDENCE:
            owner = str(content["record"])
        else:
            return None
        if self._kind_of(owner) is RecordKind.INCIDENT:
            return owner
        if owner in self._incident_links:
            return self._incident_links[owner]
        linked = self.db.get(RecordIncident, owner)
        return None if linked is None else linked.incident_id


#: Actions that may change an incident's review status (services/review.py); imports
#: take the status the file gives.
STATUS_ACTIONS = frozenset({"submit", "approve", "request-changes", "import",
                            "resolve-conflict"})


def _check_review_status(kind: RecordKind, content: dict[str, Any],
                         previous: Mapping[str, Any] | None, action: str) -> dict[str, Any]:
    """An incident's status moves only through review. An edit of an approved incident
    sends it back to draft: the approval covered the version before."""
    if kind is not RecordKind.INCIDENT or action in STATUS_ACTIONS:
        return content
    draft = IncidentStatus.DRAFT.value
    status = content.get("status", draft)
    before = draft if previous is None else previous.get("status", draft)
    if status != before:
        raise ValidationError(
            f"status: an incident's status changes through review (submit, approve, request "
            f"changes), not by editing it; it is {before}.", field="status")
    if before == IncidentStatus.APPROVED.value and previous is not None and content != previous:
        return {**content, "status": draft}
    return content


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
    record: Record | _NewRecord, kind: RecordKind, content: dict[str, Any],
    model: BaseModel | None = None,
) -> tuple[type[SQLModel], dict[str, Any]] | None:
    """The current-state view row for a record, if its kind has one."""
    if kind is RecordKind.INCIDENT:
        incident = (model if isinstance(model, IncidentContent)
                    else IncidentContent.model_validate(content))
        start = incident.date_start
        end = incident.date_end or start
        return IncidentView, {
            "id": record.id, "title": incident.title, "status": incident.status.value,
            "date_start": start,
            "date_from": earliest(start).isoformat() if start else None,
            "date_to": latest(end).isoformat() if end else None,
            "place": incident.place, "sensitivity": incident.sensitivity.value,
            "updated_at": record.updated_at,
        }
    if kind is RecordKind.PERSON:
        person = (model if isinstance(model, PersonContent)
                  else PersonContent.model_validate(content))
        return PersonView, {
            "id": record.id, "display_name": person.display_name, "sex": person.sex.value,
            "age": person.age, "is_child": is_child_at(person, None),
            "counting_unit": person.counting_unit.value, "group_size": person.group_size,
            "updated_at": record.updated_at,
        }
    if kind is RecordKind.INVOLVEMENT:
        return InvolvementView, {
            "id": record.id, "incident_id": content["incident"],
            "person_id": content["person"], "role": content["role"],
        }
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
                record = db.exec(
                    select(Record).where(Record.external_ref == record_id)
                    .order_by(col(Record.deleted))  # a live record before a deleted one
                ).first()
            if record is None or (record.deleted and not include_deleted):
                raise RecordNotFoundError(f"There is no record with id {record_id}.")
            row = db.get(RecordVersion, (record.id, record.version))
            assert row is not None
            return _as_stored(record, json.loads(row.content))

    def reveal_contact(self, record_id: str) -> str:
        """A person's contact details (always secret). Audited as ``view-sensitive``."""
        with self.session.unit_of_work() as uow:
            store = self._store(uow)
            person = store.get_current(record_id)
            if person.kind is not RecordKind.PERSON:
                raise ValidationError(f"Record {record_id} is a {person.kind.value}, "
                                      "not a person; it has no contact details.")
            uow.audit(
                "view-sensitive", person.kind.value, person.id, version=person.version,
                details={"field": "contact"},
            )
            return str(person.content.get("contact", ""))

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
