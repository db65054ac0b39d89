"""JSON interchange, format ``casebook/v1`` (DESIGN.md section 9; docs/interchange.md).

Import is all or nothing: the whole file is read, every row validated and every
reference resolved inside one unit of work before anything is written; one bad row
and nothing changes (unless the caller asks to skip invalid rows). Ids in the file
are mapped to record UUIDs (a UUID is used as is; any other string gets a new UUID
and is kept as the record's external reference), so importing the same file again
finds the same records and changes only what differs.

Export is full and unredacted, for backup and migration: the file it writes holds
every field, secrets included, in plain text.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import os
import re
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError as PydanticValidationError
from sqlmodel import Session, col, func, select

from casebook.domain.errors import (
    CasebookError,
    ImportValidationError,
    NewerFormatError,
)
from casebook.domain.records import (
    CONTENT_TYPES,
    REFERENCES,
    RecordKind,
    content_to_json,
)
from casebook.gazetteer.model import Gazetteer
from casebook.services.evidence import EvidenceService, SealedFile
from casebook.services.places import load_gazetteer
from casebook.services.records import RecordStore
from casebook.services.tagging import tag_problems
from casebook.services.unit_of_work import UnitOfWork
from casebook.services.vault_service import VaultSession
from casebook.storage.atomic import atomic_write_bytes
from casebook.storage.models import Attachment, Record, RecordReference, RecordVersion
from casebook.storage.taxonomy_rows import load_term_index
from casebook.taxonomy.model import TermIndex

FORMAT = "casebook/v1"
T = TypeVar("T")

#: Sections of a file, in the order of DESIGN.md section 9 (also the export's order).
SECTIONS: dict[str, RecordKind] = {
    "incidents": RecordKind.INCIDENT,
    "persons": RecordKind.PERSON,
    "involvements": RecordKind.INVOLVEMENT,
    "acts": RecordKind.ACT,
    "places": RecordKind.PLACE,
    "units": RecordKind.UNIT,
    "statements": RecordKind.STATEMENT,
    "consents": RecordKind.CONSENT,
    "evidence": RecordKind.EVIDENCE,
    "qualifications": RecordKind.QUALIFICATION,
}
SECTION_OF: dict[RecordKind, str] = {kind: name for name, kind in SECTIONS.items()}

#: When references leave the order open: parents and targets first.
_RANK: dict[RecordKind, int] = {
    kind: rank for rank, kind in enumerate((
        RecordKind.PLACE, RecordKind.UNIT, RecordKind.INCIDENT, RecordKind.PERSON,
        RecordKind.INVOLVEMENT, RecordKind.ACT, RecordKind.STATEMENT, RecordKind.CONSENT,
        RecordKind.EVIDENCE, RecordKind.QUALIFICATION,
    ))
}

#: Rows of these kinds may come without an id (nothing else can refer to them then).
ID_OPTIONAL = frozenset({RecordKind.INVOLVEMENT, RecordKind.CONSENT})

#: Fields holding a place: a place id from the file is replaced by the place's UUID;
#: else a P-code or an exact name of a place in the vault's gazetteer is replaced by
#: that place's id; anything else is kept as written.
PLACE_FIELDS: dict[RecordKind, tuple[str, ...]] = {
    RecordKind.INCIDENT: ("place",),
    RecordKind.ACT: ("place",),
}

#: Row keys that are about the row, not the record's content.
ROW_KEYS = ("id", "external_ref", "deleted")
EVIDENCE_FILE_KEY = "file"

#: A failed import's message lists at most this many problems (the exception has all).
MAX_LISTED_PROBLEMS = 50
MAX_ID_LENGTH = 200


# --------------------------------------------------------------------------- reports


@dataclass(frozen=True, slots=True)
class ImportedRow:
    where: str  # e.g. "persons[3]"
    kind: str
    file_id: str | None
    record_id: str
    outcome: str  # "created", "updated" or "unchanged"


@dataclass(frozen=True, slots=True)
class SkippedRow:
    where: str
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ImportReport:
    path: str
    dry_run: bool
    rows: tuple[ImportedRow, ...]
    skipped: tuple[SkippedRow, ...]
    files_attached: int
    deleted_rows_ignored: int

    def counts(self, outcome: str) -> dict[str, int]:
        """Rows with ``outcome``, per record kind."""
        return dict(Counter(r.kind for r in self.rows if r.outcome == outcome))

    @property
    def created(self) -> int:
        return sum(1 for r in self.rows if r.outcome == "created")

    @property
    def updated(self) -> int:
        return sum(1 for r in self.rows if r.outcome == "updated")

    @property
    def unchanged(self) -> int:
        return sum(1 for r in self.rows if r.outcome == "unchanged")

    @property
    def changed_anything(self) -> bool:
        return bool(self.created or self.updated or self.files_attached)

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.path,
            "dry_run": self.dry_run,
            "created": self.counts("created"),
            "updated": self.counts("updated"),
            "unchanged": self.counts("unchanged"),
            "files_attached": self.files_attached,
            "deleted_rows_ignored": self.deleted_rows_ignored,
            "skipped": [{"where": s.where, "reasons": list(s.reasons)} for s in self.skipped],
            "records": [
                {"where": r.where, "kind": r.kind, "file_id": r.file_id,
                 "record_id": r.record_id, "outcome": r.outcome}
                for r in self.rows
            ],
        }


@dataclass(frozen=True, slots=True)
class ExportSummary:
    path: str
    records: dict[str, int]  # per section
    evidence_files_not_included: int


# --------------------------------------------------------------------------- reading


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _json_type(value: object) -> str:
    if isinstance(value, list):
        return "a list [...]"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if value is None:
        return "null"
    return "an object"


def read_document(path: Path) -> dict[str, Any]:
    """The parsed file, checked to be a ``casebook/v1`` object. File-level problems
    raise a CasebookError naming the file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CasebookError(f"The file {path} does not exist.", path=path) from None
    except IsADirectoryError:
        raise CasebookError(f"{path} is a folder, not a file.", path=path) from None
    except PermissionError:
        raise CasebookError(f"Casebook may not read {path}.", path=path) from None
    except OSError as exc:
        raise CasebookError(f"Could not read {path}: {exc.strerror}.", path=path) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CasebookError(
            f"{path} is not UTF-8 text (bad byte at offset {exc.start}). "
            "Save it as UTF-8 and try again; nothing was imported.", path=path,
        ) from None
    try:
        document = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise CasebookError(
            f"{path} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}. "
            "Nothing was imported.", path=path,
        ) from None
    except ValueError as exc:
        raise CasebookError(f"{path} is not valid JSON: {exc}. Nothing was imported.",
                            path=path) from None
    except RecursionError:
        raise CasebookError(f"{path} is nested too deeply to be a casebook/v1 file.",
                            path=path) from None
    if not isinstance(document, dict):
        raise CasebookError(
            f"{path} is not a casebook/v1 file: it holds {_json_type(document)}, not an "
            'object {"format": "casebook/v1", ...}. Nothing was imported.', path=path,
        )
    declared = document.get("format")
    if declared is None:
        raise CasebookError(
            f'{path} has no "format" field; a casebook/v1 file is an object starting '
            '{"format": "casebook/v1", ...}. Nothing was imported.', path=path,
        )
    if declared != FORMAT:
        newer = re.fullmatch(r"casebook/v(\d+)", str(declared))
        if newer and int(newer.group(1)) > 1:
            raise NewerFormatError(
                f"{path} is in format {declared}, written by a newer Casebook. "
                "Update Casebook to import it; nothing was imported.", path=path,
            )
        raise CasebookError(
            f'{path} is in format {json.dumps(declared, ensure_ascii=False)}, not '
            f'"{FORMAT}". Nothing was imported.', path=path,
        )
    return document


def _as_uuid(text: str) -> str | None:
    """The canonical form of ``text`` if it is a UUID (any spelling), else None."""
    if len(text) > 45:
        return None
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None


def _a(noun: str) -> str:
    return f"an {noun}" if noun.startswith(("a", "e", "i", "o")) else f"a {noun}"


def _located(where: str, loc: Iterable[int | str]) -> str:
    text = where
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def _content_and_errors(
    kind: RecordKind, data: dict[str, Any], where: str
) -> tuple[dict[str, Any] | None, list[str]]:
    """Validated, normalised content, or every problem located under ``where``."""
    try:
        model = CONTENT_TYPES[kind].model_validate(data)
    except PydanticValidationError as exc:
        problems = []
        for error in exc.errors():
            message = str(error["msg"]).removeprefix("Value error, ")
            problems.append(f"{_located(where, error['loc'])}: {message}")
        return None, problems
    return content_to_json(model), []


# --------------------------------------------------------------------------- import


@dataclass(eq=False)
class _Row:
    position: int  # in the whole file, for a stable order
    section: str
    index: int
    kind: RecordKind
    raw: dict[str, Any]
    file_id: str | None = None
    record_id: str = ""
    external_ref: str | None = None
    existing: bool = False  # a live record of the vault this row updates
    file: Path | None = None
    content: dict[str, Any] | None = None
    errors: list[str] = field(default_factory=list)
    depends: list[_Row] = field(default_factory=list)

    @property
    def where(self) -> str:
        return f"{self.section}[{self.index}]"

    def sort_key(self) -> tuple[int, int]:
        return (_RANK[self.kind], self.position)

    def error(self, suffix: str, message: str) -> None:
        self.errors.append(f"{self.where}{suffix}: {message}")


class _RolledBack(Exception):
    """Leaves a dry run's unit of work so that it rolls back."""


class _Importer:
    def __init__(
        self, session: VaultSession, uow: UnitOfWork, path: Path, *, dry_run: bool,
        skip_invalid: bool,
    ) -> None:
        self.session = session
        self.uow = uow
        self.db: Session = uow.session
        self.path = path
        self.base = path.parent
        self.dry_run = dry_run
        self.skip_invalid = skip_invalid
        self.rows: list[_Row] = []
        self.by_file_id: dict[str, _Row] = {}
        self.by_record_id: dict[str, _Row] = {}
        self.section_problems: list[tuple[str, str]] = []
        self.deleted_ignored = 0
        self.sealed: list[SealedFile] = []
        self.evidence = EvidenceService(session)
        self._pinned: list[Any] = []
        self._by_reference: dict[str, list[Record]] = {}
        self._references_loaded: set[str] = set()
        #: (kind, first reference) -> (content, id) of the records id-less rows may repeat.
        self._idless_index: dict[tuple[RecordKind, str], list[tuple[dict[str, Any], str]]] = (
            defaultdict(list))
        self._term_index: TermIndex | None = None
        self._gazetteer: Gazetteer | None = None

    @property
    def term_index(self) -> TermIndex:
        if self._term_index is None:
            self._term_index = load_term_index(self.db)
        return self._term_index

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer(self.db)
        return self._gazetteer

    # ---- reading rows and ids

    def collect(self, document: Mapping[str, Any]) -> None:
        position = 0
        for name, section in document.items():
            if name == "format":
                continue
            kind = SECTIONS.get(name)
            if kind is None:
                known = ", ".join(SECTIONS)
                self.section_problems.append(
                    (name, f"{name}: unknown section (a {FORMAT} file has: {known})")
                )
                continue
            if not isinstance(section, list):
                self.section_problems.append(
                    (name, f"{name}: must be a list of objects, not {_json_type(section)}")
                )
                continue
            for index, raw in enumerate(section):
                position += 1
                row = _Row(position, name, index, kind, raw if isinstance(raw, dict) else {})
                if not isinstance(raw, dict):
                    row.error("", f"must be an object {{...}}, not {_json_type(raw)}")
                    row.record_id = str(uuid.uuid4())
                    self.rows.append(row)
                    continue
                if raw.get("deleted") is True:
                    self.deleted_ignored += 1
                    continue
                self.rows.append(row)
        self._prefetch()
        for row in self.rows:
            if not row.errors:
                self._identify(row)

    def _prefetch(self) -> None:
        """Load, in a few queries, the vault records the file's ids may name (by UUID or
        by external reference), so that matching thousands of rows costs no query each.
        The loaded rows are kept referenced: the session's identity map holds them only
        weakly, and later ``get`` calls are answered from it."""
        keys: set[str] = set()
        for row in self.rows:
            for value in (row.raw.get("id"), row.raw.get("external_ref")):
                if isinstance(value, str | int) and not isinstance(value, bool):
                    keys.add(str(value))
        uuids = {u for u in map(_as_uuid, keys) if u is not None}
        for chunk in _chunks(sorted(uuids)):
            self._pinned += self.db.exec(select(Record).where(col(Record.id).in_(chunk))).all()
        for chunk in _chunks(sorted(keys)):
            for record in self.db.exec(select(Record).where(
                    col(Record.external_ref).in_(chunk), col(Record.deleted).is_(False))).all():
                self._pinned.append(record)
                assert record.external_ref is not None
                self._by_reference.setdefault(record.external_ref, []).append(record)
        self._references_loaded = keys
        found: list[Record] = [r for r in self._pinned if not r.deleted]
        for records in _chunks(found):
            self._pinned += self.db.exec(select(RecordVersion).where(
                col(RecordVersion.record_id).in_([r.id for r in records]),
                col(RecordVersion.version).in_({r.version for r in records}),
            )).all()

    def _identify(self, row: _Row) -> None:
        """Give the row its file id and the record UUID it maps to (an existing record's
        when the vault already has it: by UUID, or by external reference)."""
        given_ref = row.raw.get("external_ref")
        if given_ref is not None and not (isinstance(given_ref, str) and given_ref.strip()):
            row.error(".external_ref", "must be a non-empty string")
            given_ref = None
        row.record_id = str(uuid.uuid4())
        file_id = self._file_id(row)
        if file_id is None:
            row.external_ref = given_ref
            return
        row.file_id = file_id
        self.by_file_id[file_id] = row
        canonical = _as_uuid(file_id)
        row.external_ref = given_ref if given_ref is not None else (
            None if canonical == file_id else file_id
        )
        existing = self._existing(row, canonical)
        if existing is not None and not row.errors:
            row.record_id = existing.id
            row.existing = True
        elif canonical is not None:
            row.record_id = canonical
        other = self.by_record_id.get(row.record_id)
        if other is not None:
            row.error(".id", f"{file_id!r} and {other.where} name the same record "
                             f"{row.record_id}")
            row.record_id = str(uuid.uuid4())
            row.existing = False
        else:
            self.by_record_id[row.record_id] = row

    def _file_id(self, row: _Row) -> str | None:
        """The row's id as a string; None (with an error unless it may be missing)."""
        raw_id = row.raw.get("id")
        if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
            if row.kind not in ID_OPTIONAL:
                row.error(".id", f"missing; every {row.kind.value} needs an id unique in "
                                 "the file")
            return None
        if isinstance(raw_id, bool) or not isinstance(raw_id, str | int):
            row.error(".id", f"must be a string, not {_json_type(raw_id)}")
            return None
        file_id = str(raw_id)
        if len(file_id) > MAX_ID_LENGTH:
            row.error(".id", f"longer than {MAX_ID_LENGTH} characters")
            return None
        first = self.by_file_id.get(file_id)
        if first is not None:
            row.error(".id", f"duplicate id {file_id!r} (also {first.where})")
            return None
        return file_id

    def _existing(self, row: _Row, canonical: str | None) -> Record | None:
        """The vault's record this row stands for, if any."""
        if canonical is not None:
            existing = self.db.get(Record, canonical)
            if existing is not None:
                if existing.deleted:
                    row.error(".id", f"record {canonical} was deleted in this vault; a "
                                     "deleted record is not imported again")
                elif existing.kind != row.kind.value:
                    row.error(".id", f"{canonical} is {_a(existing.kind)} in this vault, not "
                                     f"{_a(row.kind.value)}")
                return existing
        if row.external_ref is None:
            return None
        matches = self._live_by_reference(row.external_ref, (row.kind,))
        if len(matches) > 1:
            row.error(".id", f"{len(matches)} {row.kind.value} records in this vault have "
                             f"the external reference {row.external_ref!r}; give the row "
                             "the UUID of the one to update")
            return None
        return matches[0] if matches else None

    def _live_by_reference(self, reference: str, kinds: tuple[RecordKind, ...]) -> list[Record]:
        if reference not in self._references_loaded:
            self._references_loaded.add(reference)
            found = self.db.exec(select(Record).where(
                Record.external_ref == reference, col(Record.deleted).is_(False))).all()
            self._pinned += found
            self._by_reference[reference] = list(found)
        wanted = {k.value for k in kinds}
        return sorted((r for r in self._by_reference.get(reference, ()) if r.kind in wanted),
                      key=lambda r: r.id)

    # ---- references and content

    def resolve(self, row: _Row) -> None:
        if not row.raw and row.errors:
            return  # not an object
        reserved = (*ROW_KEYS, EVIDENCE_FILE_KEY) if row.kind is RecordKind.EVIDENCE else ROW_KEYS
        data = {k: v for k, v in row.raw.items() if k not in reserved}
        self._gazetteer_parent(row, data)
        for name, kinds in REFERENCES[row.kind].items():
            if name in data:
                data[name] = self._reference(row, name, data[name], kinds)
        perpetrators = data.get("perpetrators")
        if row.kind is RecordKind.ACT and isinstance(perpetrators, list):
            resolved: list[Any] = []
            for index, given in enumerate(perpetrators):
                perpetrator = dict(given) if isinstance(given, dict) else given
                if isinstance(perpetrator, dict):
                    for name, kind in (("person", RecordKind.PERSON), ("unit", RecordKind.UNIT)):
                        if name in perpetrator:
                            perpetrator[name] = self._reference(
                                row, f"perpetrators[{index}].{name}", perpetrator[name], (kind,)
                            )
                resolved.append(perpetrator)
            data["perpetrators"] = resolved
        self._places(row, data)
        row.content, problems = _content_and_errors(row.kind, data, row.where)
        row.errors.extend(problems)
        if row.content is not None:
            previous = self._current_content(row.record_id) if row.existing else None
            row.errors.extend(
                f"{field}: {message}" for field, message in tag_problems(
                    self.term_index, row.kind, row.content, previous, row.where,
                    allow_retired=True)
            )
        if row.kind is RecordKind.EVIDENCE:
            self._evidence_file(row)

    def _gazetteer_parent(self, row: _Row, data: dict[str, Any]) -> None:
        """A place's parent given by P-code or name from the vault's gazetteer."""
        parent = data.get("parent")
        if row.kind is not RecordKind.PLACE or not isinstance(parent, str):
            return
        if parent in self.by_file_id:
            return
        known = self.gazetteer.by_pcode(parent) or self.gazetteer.resolve(parent)
        if known is not None:
            data["parent"] = known.id

    def _places(self, row: _Row, data: dict[str, Any]) -> None:
        """Place fields: a place of the file becomes its record id, a P-code or exact
        name of the vault's gazetteer that place's id; anything else stays as written."""
        for name in PLACE_FIELDS.get(row.kind, ()):
            value = data.get(name)
            if not isinstance(value, str | int) or isinstance(value, bool):
                continue
            place = self.by_file_id.get(str(value))
            if place is not None and place.kind is RecordKind.PLACE:
                data[name] = place.record_id
                row.depends.append(place)
            elif place is None and (known := self.gazetteer.resolve(str(value))):
                data[name] = known.id

    def _current_content(self, record_id: str) -> dict[str, Any] | None:
        record = self.db.get(Record, record_id)
        if record is None:
            return None
        version = self.db.get(RecordVersion, (record.id, record.version))
        return None if version is None else dict(json.loads(version.content))

    def _reference(
        self, row: _Row, name: str, value: Any, kinds: tuple[RecordKind, ...]
    ) -> Any:
        if value is None or value == "" or isinstance(value, bool):
            return value
        if not isinstance(value, str | int):
            return value  # content validation reports the type
        key = str(value)
        wanted = " or ".join(k.value for k in kinds) if len(kinds) < len(RecordKind) else "record"
        target = self.by_file_id.get(key) or self.by_record_id.get(_as_uuid(key) or "")
        if target is not None:
            if target.kind not in kinds:
                row.error(f".{name}", f"{key!r} is {_a(target.kind.value)} ({target.where}), "
                                      f"not {_a(wanted)}")
                return key
            row.depends.append(target)
            return target.record_id
        record = self.db.get(Record, key)
        if record is not None and not record.deleted and RecordKind(record.kind) in kinds:
            return record.id
        matches = self._live_by_reference(key, kinds)
        if len(matches) == 1:
            return matches[0].id
        if matches:
            row.error(f".{name}", f"{len(matches)} records in this vault have the external "
                                  f"reference {key!r}; use the UUID of the one meant")
        else:
            row.error(f".{name}", f"no {wanted} with id {key!r} in this file or the vault")
        return key

    def _evidence_file(self, row: _Row) -> None:
        given = row.raw.get(EVIDENCE_FILE_KEY)
        if given is None:
            return
        if not isinstance(given, str) or not given.strip():
            row.error(".file", "must be a path relative to the JSON file")
            return
        source = self.base / given
        if source.is_dir():
            row.error(".file", f"{given!r} is a folder, not a file")
        elif not source.is_file():
            row.error(".file", f"no such file {given!r} (looked for {source})")
        elif not os.access(source, os.R_OK):
            row.error(".file", f"Casebook may not read {given!r}")
        else:
            row.file = source

    # ---- order

    def creation_order(self) -> list[_Row]:
        """Rows in an order where every referenced row comes first. Rows in a reference
        loop get an error and are left out."""
        pending = set(self.rows)
        order: list[_Row] = []
        while pending:
            waiting = {r: {d for d in r.depends if d in pending} for r in pending}
            users: dict[_Row, list[_Row]] = defaultdict(list)
            for r, deps in waiting.items():
                for d in deps:
                    users[d].append(r)
            ready = [(r.sort_key(), r.position, r) for r, deps in waiting.items() if not deps]
            heapq.heapify(ready)
            while ready:
                _, _, row = heapq.heappop(ready)
                order.append(row)
                pending.discard(row)
                for user in users[row]:
                    waiting[user].discard(row)
                    if not waiting[user]:
                        heapq.heappush(ready, (user.sort_key(), user.position, user))
            if not pending:
                break
            # What is left waits on a loop: find one, report it, and go on without it.
            node = min(pending, key=_Row.sort_key)
            path: list[_Row] = []
            seen: dict[_Row, int] = {}
            while node not in seen:
                seen[node] = len(path)
                path.append(node)
                node = min(waiting[node], key=_Row.sort_key)
            loop = path[seen[node]:]
            described = " -> ".join(r.where for r in [*loop, loop[0]])
            for member in loop:
                member.error("", f"references go round in a loop ({described})")
                pending.discard(member)
        return order

    # ---- writing

    def write(self, order: list[_Row], skipped: set[_Row]) -> tuple[list[ImportedRow], int]:
        store = RecordStore(self.uow, self.session.user.id, allow_retired_tags=True)
        self._index_idless()
        imported: list[ImportedRow] = []
        files = 0
        for row in order:
            if row in skipped:
                continue
            outcome = self._write_row(store, row)
            imported.append(
                ImportedRow(row.where, row.kind.value, row.file_id, row.record_id, outcome)
            )
            if row.file is not None and self._attach(store, row, fresh=outcome == "created"):
                files += 1
        return imported, files

    def _write_row(self, store: RecordStore, row: _Row) -> str:
        assert row.content is not None
        if row.existing:
            record = self.db.get(Record, row.record_id)
            assert record is not None
            current = store.current_content(record)
            if store.stamp(row.kind, dict(row.content), current, row.where) == current:
                return "unchanged"
            store.update(row.record_id, row.content, expected_version=record.version,
                         where=row.where, action="import")
            return "updated"
        idless = row.file_id is None
        if idless:
            same = self._record_with_same_content(row)
            if same is not None:
                row.record_id = same
                return "unchanged"
        store.create(row.kind, row.content, external_ref=row.external_ref,
                     record_id=row.record_id, where=row.where, action="import")
        if idless:
            key = (row.kind, str(row.content[next(iter(REFERENCES[row.kind]))]))
            self._idless_index[key].append((row.content, row.record_id))
        return "created"

    def _record_with_same_content(self, row: _Row) -> str | None:
        """A live record equal to an id-less row (re-importing it must not duplicate it)."""
        assert row.content is not None
        key = (row.kind, str(row.content[next(iter(REFERENCES[row.kind]))]))
        same = (rid for content, rid in self._idless_index.get(key, ()) if content == row.content)
        return next(same, None)

    def _index_idless(self) -> None:
        """Current content of the vault's records that id-less rows could repeat: those
        of the same kind pointing at the same record (incident, person)."""
        targets: dict[RecordKind, set[str]] = defaultdict(set)
        for row in self.rows:
            if row.file_id is None and row.content is not None:
                targets[row.kind].add(str(row.content[next(iter(REFERENCES[row.kind]))]))
        for kind, wanted in targets.items():
            name = next(iter(REFERENCES[kind]))
            for chunk in _chunks(sorted(wanted)):
                found = self.db.exec(
                    select(Record.id, RecordReference.to_id, RecordVersion.content)
                    .join(RecordReference, col(RecordReference.from_id) == col(Record.id))
                    .join(RecordVersion, (col(RecordVersion.record_id) == col(Record.id))
                          & (col(RecordVersion.version) == col(Record.version)))
                    .where(RecordReference.field == name, col(RecordReference.to_id).in_(chunk),
                           Record.kind == kind.value, col(Record.deleted).is_(False))
                    .order_by(col(Record.id))
                ).all()
                for record_id, target, content in found:
                    self._idless_index[(kind, target)].append((json.loads(content), record_id))

    def _attach(self, store: RecordStore, row: _Row, *, fresh: bool) -> bool:
        """Attach the row's file unless the evidence record already has it."""
        assert row.file is not None
        if not fresh:
            digest = _sha256_of(row.file)
            known = self.db.exec(
                select(Attachment.sha256).where(Attachment.evidence_id == row.record_id)
            ).all()
            if digest in known:
                return False
        if self.dry_run:
            return True
        sealed = self.evidence.seal_file(row.record_id, row.file)
        self.sealed.append(sealed)
        self.evidence.add_sealed(self.uow, store.get_current(row.record_id), sealed)
        return True


def _chunks(items: Sequence[T], size: int = 500) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _failure_message(path: Path, problems: list[str]) -> str:
    listed = problems[:MAX_LISTED_PROBLEMS]
    lines = [f"{path}: {len(problems)} problem(s) found; nothing was imported."]
    lines += [f"  {p}" for p in listed]
    if len(problems) > len(listed):
        lines.append(f"  ... and {len(problems) - len(listed)} more")
    return "\n".join(lines)


def import_json(
    session: VaultSession, path: Path, *, dry_run: bool = False, skip_invalid: bool = False
) -> ImportReport:
    """Import a ``casebook/v1`` file in one transaction.

    Raises ImportValidationError listing every located problem (and changes nothing)
    when a row is invalid, unless ``skip_invalid``: then the valid rows are imported
    and the others (and the rows referring to them) are reported as skipped. With
    ``dry_run`` everything is checked and reported, and nothing is written.
    """
    return import_document(session, read_document(path), path, dry_run=dry_run,
                           skip_invalid=skip_invalid)


def import_document(
    session: VaultSession, document: Mapping[str, Any], path: Path, *, dry_run: bool = False,
    skip_invalid: bool = False,
) -> ImportReport:
    """:func:`import_json` for a document already read with :func:`read_document`
    from ``path`` (evidence files are looked for next to it)."""
    importer: _Importer | None = None
    report: ImportReport | None = None
    try:
        with session.unit_of_work() as uow:
            importer = _Importer(session, uow, path, dry_run=dry_run,
                                 skip_invalid=skip_invalid)
            importer.collect(document)
            for row in importer.rows:
                importer.resolve(row)
            order = importer.creation_order()
            problems = [p for _, p in importer.section_problems]
            problems += [p for row in importer.rows for p in row.errors]
            if problems and not skip_invalid:
                raise ImportValidationError(
                    _failure_message(path, problems), problems=tuple(problems)
                )
            skipped, skipped_rows = _skipped(importer, order)
            imported, files = importer.write(order, skipped)
            report = ImportReport(
                path=str(path), dry_run=dry_run, rows=tuple(imported),
                skipped=tuple(skipped_rows), files_attached=files,
                deleted_rows_ignored=importer.deleted_ignored,
            )
            if dry_run:
                raise _RolledBack
            if report.changed_anything:
                uow.audit("import", "vault", session.vault.vault_id, details={
                    "format": FORMAT,
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                    "skipped": len(report.skipped),
                    "files": report.files_attached,
                })
    except _RolledBack:
        assert report is not None
        return report
    except BaseException:
        if importer is not None:
            for sealed in importer.sealed:
                importer.evidence.discard(sealed)
        raise
    assert report is not None
    return report


def _skipped(importer: _Importer, order: list[_Row]) -> tuple[set[_Row], list[SkippedRow]]:
    """Invalid rows, and rows that refer to a skipped row (in creation order, so the
    reason names the skipped rows each one needs directly)."""
    skipped = {row for row in importer.rows if row.errors}
    reasons: dict[_Row, tuple[str, ...]] = {row: tuple(row.errors) for row in skipped}
    for row in order:
        if row in skipped:
            continue
        needed = list(dict.fromkeys(d.where for d in row.depends if d in skipped))
        if needed:
            skipped.add(row)
            which = "which is" if len(needed) == 1 else "which are"
            reasons[row] = (f"{row.where}: refers to {' and '.join(needed)}, {which} skipped",)
    listed = [SkippedRow(name, (problem,)) for name, problem in importer.section_problems]
    listed += [
        SkippedRow(row.where, reasons[row])
        for row in sorted(skipped, key=lambda r: r.position)
    ]
    return skipped, listed


# --------------------------------------------------------------------------- export


def _collect(db: Session, include_deleted: bool) -> dict[str, Any]:
    statement = select(Record, RecordVersion).join(
        RecordVersion,
        (col(RecordVersion.record_id) == col(Record.id))
        & (col(RecordVersion.version) == col(Record.version)),
    )
    if not include_deleted:
        statement = statement.where(col(Record.deleted).is_(False))
    sections: dict[str, list[dict[str, Any]]] = {name: [] for name in SECTIONS}
    for record, version in db.exec(statement).all():
        kind = RecordKind(record.kind)
        if record.deleted:
            last_live = db.exec(
                select(RecordVersion)
                .where(RecordVersion.record_id == record.id,
                       col(RecordVersion.tombstone).is_(False))
                .order_by(col(RecordVersion.version).desc())
            ).first()
            content: dict[str, Any] = {} if last_live is None else json.loads(last_live.content)
        else:
            content = json.loads(version.content)
        row: dict[str, Any] = {"id": record.id}
        if record.external_ref is not None:
            row["external_ref"] = record.external_ref
        if record.deleted:
            row["deleted"] = True
        row.update((k, v) for k, v in content.items() if k not in ROW_KEYS)
        sections[SECTION_OF[kind]].append(row)
    document: dict[str, Any] = {"format": FORMAT}
    for name, rows in sections.items():
        document[name] = sorted(rows, key=lambda r: str(r["id"]))
    return document


def _export(
    session: VaultSession, include_deleted: bool, destination: str,
    write: Callable[[Mapping[str, Any]], None] | None = None,
) -> dict[str, Any]:
    with session.unit_of_work() as uow:
        document = _collect(uow.session, include_deleted)
        if write is not None:
            write(document)
        uow.audit("export", "vault", session.vault.vault_id, details={
            "format": FORMAT,
            "destination": destination,
            "include_deleted": include_deleted,
            "records": {name: len(document[name]) for name in SECTIONS},
        })
    # Every export leaves a signed checkpoint of the trail that recorded it.
    session.checkpoint("export")
    return document


def export_json(session: VaultSession, *, include_deleted: bool = False) -> dict[str, Any]:
    """Every live record (and with ``include_deleted`` every deleted one, marked
    ``"deleted": true`` with its last content) as a ``casebook/v1`` document.

    Unredacted: secrets included. Evidence rows carry no files. Audited as ``export``.
    """
    return _export(session, include_deleted, "caller")


def encode_document(document: Mapping[str, Any]) -> bytes:
    """The file form of a document: UTF-8, indented, one final newline."""
    return (json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode()


def check_export_target(out: Path, *, overwrite: bool = False) -> None:
    """Refuse a folder, a missing folder, or (unless ``overwrite``) an existing file."""
    if out.is_dir():
        raise CasebookError(f"{out} is a folder; give a file name to export to.", path=out)
    if out.exists() and not overwrite:
        raise CasebookError(f"{out} already exists; choose another name.", path=out)
    if not out.parent.is_dir():
        raise CasebookError(f"The folder {out.parent} does not exist.", path=out)


def write_export(
    session: VaultSession, out: Path, *, include_deleted: bool = False, overwrite: bool = False
) -> ExportSummary:
    """Export into ``out`` atomically (readable by the owner only). The export's audit
    entry commits only if the file was written."""
    check_export_target(out, overwrite=overwrite)

    def write(document: Mapping[str, Any]) -> None:
        try:
            atomic_write_bytes(out, encode_document(document))
        except OSError as exc:
            raise CasebookError(f"Could not write {out}: {exc.strerror}. Nothing was "
                                "exported.", path=out) from None

    document = _export(session, include_deleted, "file", write)
    return ExportSummary(
        path=str(out), records={name: len(document[name]) for name in SECTIONS},
        evidence_files_not_included=evidence_file_count(session),
    )


def evidence_file_count(session: VaultSession) -> int:
    """How many evidence files the vault holds (an export carries none of them)."""
    with Session(session.vault.engine) as db:
        return int(db.exec(select(func.count()).select_from(Attachment)).one())
