"""Taxonomy use cases: install and update the shared taxonomy, add schemes from CSV
thesauri, tag records, remap deprecated tags, count records per term.

Every change is one transaction with its audit entry; a taxonomy version is stored
whole (canonical JSON) so the audit entry's commit can be checked against it later.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from sqlmodel import Session, func, select

from casebook.domain.canonical import canonical_json
from casebook.domain.errors import ValidationError
from casebook.domain.records import RecordKind
from casebook.services.records import RecordService, RecordStore, StoredRecord, _actor
from casebook.services.tagging import TAGGABLE, with_codes_replaced
from casebook.services.unit_of_work import UnitOfWork
from casebook.services.vault_service import VaultSession
from casebook.storage.models import TaxonomyVersion
from casebook.storage.taxonomy_rows import (
    installed_taxonomy,
    load_schemes,
    load_term_index,
    replace_schemes,
    set_installed_taxonomy,
)
from casebook.storage.vault import now_utc
from casebook.taxonomy.format import parse_taxonomy_bytes, taxonomy_to_json
from casebook.taxonomy.model import Scheme, Taxonomy, TermIndex, TermStatus
from casebook.taxonomy.update import (
    TaxonomyDiff,
    TaxonomyUpdateRefusedError,
    check_update,
    diff_taxonomies,
    merged_schemes,
)


@dataclass(frozen=True)
class UpdatePreview:
    diff: TaxonomyDiff
    #: Records that carry a term the update deprecates or removes, per code.
    affected: dict[str, int]
    #: Whether applying would change anything (False: this version is installed).
    applicable: bool


@dataclass(frozen=True)
class TermCount:
    code: str
    direct: int  # records tagged with exactly this term
    total: int  # with this term or any term below it


#: The taxonomy id of a scheme imported from a CSV thesaurus is this plus its code.
LOCAL_PREFIX = "local:"
#: Codes per ``IN (...)`` list: well under SQLite's limit on bound parameters.
SQL_CHUNK = 500


def _local_origin(scheme_code: str) -> str:
    return f"{LOCAL_PREFIX}{scheme_code}"


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    size = SQL_CHUNK
    for start in range(0, len(items), size):
        yield items[start:start + size]


def install_taxonomy(uow: UnitOfWork, taxonomy: Taxonomy) -> None:
    """Store ``taxonomy`` as the vault's current version of it (no checks: callers
    decide whether it may replace what is installed)."""
    db = uow.session
    previous = latest_version(db, taxonomy.id)
    old_schemes = load_schemes(db, origin=taxonomy.id)
    schemes = merged_schemes(old_schemes, taxonomy)
    _refuse_scheme_clash(db, taxonomy.id, schemes)
    document = canonical_json(taxonomy_to_json(taxonomy))
    commit = uow.commit_of_canonical(document)
    db.add(TaxonomyVersion(
        taxonomy_id=taxonomy.id, version=taxonomy.version, content=document.decode("utf-8"),
        installed_at=now_utc(), installed_by=uow.actor, object_commit=commit,
    ))
    replace_schemes(db, taxonomy.id, schemes)
    if not taxonomy.id.startswith(LOCAL_PREFIX):
        set_installed_taxonomy(db, taxonomy.id, taxonomy.version)
    uow.audit(
        "taxonomy-install" if previous is None else "taxonomy-update",
        "taxonomy", taxonomy.id, version=taxonomy.version, commit=commit,
        details={"from_version": previous},
    )


def latest_version(db: Session, taxonomy_id: str) -> int | None:
    """The highest version of ``taxonomy_id`` this vault has installed."""
    found = db.exec(select(func.max(TaxonomyVersion.version))
                    .where(TaxonomyVersion.taxonomy_id == taxonomy_id)).one()
    return None if found is None else int(found)


def _refuse_scheme_clash(db: Session, origin: str, schemes: list[Scheme]) -> None:
    others = {s.code: s.origin for s in load_schemes(db) if s.origin != origin}
    for scheme in schemes:
        if scheme.code in others:
            raise TaxonomyUpdateRefusedError(
                f"Scheme \"{scheme.code}\" already exists in this vault (from "
                f"{others[scheme.code]}). Choose another scheme code; nothing was changed."
            )


class TaxonomyService:
    def __init__(self, session: VaultSession) -> None:
        self.session = session

    # ---- reading

    def _read(self) -> Session:
        return Session(self.session.vault.engine)

    def index(self) -> TermIndex:
        with self._read() as db:
            return load_term_index(db)

    def schemes(self) -> list[Scheme]:
        with self._read() as db:
            return load_schemes(db)

    def installed(self) -> tuple[str, int] | None:
        with self._read() as db:
            return installed_taxonomy(db)

    def current_taxonomy(self) -> Taxonomy:
        """The vault's shared taxonomy as a file would hold it (removed terms left
        out), for export."""
        installed = self.installed()
        if installed is None:
            raise ValidationError("This vault has no shared taxonomy installed.")
        with self._read() as db:
            document = db.get(TaxonomyVersion, installed)
            schemes = load_schemes(db, origin=installed[0])
        assert document is not None
        stored = json.loads(document.content)
        return Taxonomy(
            id=installed[0], version=installed[1], published=stored.get("published", ""),
            title=stored.get("title", {}), languages=tuple(stored.get("languages", ("en", "ar"))),
            schemes=tuple(_without_removed(s) for s in schemes),
        )

    def scheme(self, code: str) -> Scheme:
        for scheme in self.schemes():
            if scheme.code == code:
                return _without_removed(scheme)
        raise ValidationError(f"There is no scheme \"{code}\" in this vault's taxonomy. "
                              "`casebook taxonomy list` shows the schemes.")

    # ---- updating the shared taxonomy

    def preview_update(self, taxonomy: Taxonomy) -> UpdatePreview:
        with self._read() as db:
            current = installed_taxonomy(db)
            installed_document = None if current is None else db.get(TaxonomyVersion, current)
            old = load_schemes(db, origin=taxonomy.id)
        installed = None
        if installed_document is not None and current is not None:
            installed = parse_taxonomy_bytes(installed_document.content.encode("utf-8"),
                                             source="installed taxonomy")
        applicable = check_update(installed, taxonomy)
        diff = diff_taxonomies(old, taxonomy, None if current is None else current[1])
        retired = [c.code for c in (*diff.deprecated, *diff.removed)]
        return UpdatePreview(diff, self.usage(retired), applicable)

    def apply_update(self, taxonomy: Taxonomy) -> UpdatePreview:
        """Install a newer version of the vault's taxonomy. Every existing tag stays:
        deprecated terms keep their code and point at their replacement; terms left
        out of the new file are kept as removed."""
        preview = self.preview_update(taxonomy)
        if preview.applicable:
            with self.session.unit_of_work() as uow:
                install_taxonomy(uow, taxonomy)
        return preview

    # ---- local schemes from CSV thesauri

    def import_scheme(self, scheme: Scheme, *, dry_run: bool = False) -> UpdatePreview:
        """Add a scheme read from a CSV thesaurus, or update the one imported before
        under the same code (its terms are compared like a taxonomy update)."""
        origin = _local_origin(scheme.code)
        with self._read() as db:
            others = {s.code: s.origin for s in load_schemes(db)}
            previous = latest_version(db, origin)
            old = load_schemes(db, origin=origin)
        if scheme.code in others and others[scheme.code] != origin:
            raise TaxonomyUpdateRefusedError(
                f"Scheme \"{scheme.code}\" is part of {others[scheme.code]}; a CSV thesaurus "
                "cannot replace it. Import it under another scheme code."
            )
        version = 1 if previous is None else previous + 1
        as_taxonomy = Taxonomy(id=origin, version=version,
                               schemes=(replace(scheme, origin=origin),))
        diff = diff_taxonomies(old, as_taxonomy, previous)
        retired = [c.code for c in (*diff.deprecated, *diff.removed)]
        applicable = not diff.empty
        if applicable and not dry_run:
            with self.session.unit_of_work() as uow:
                install_taxonomy(uow, as_taxonomy)
        return UpdatePreview(diff, self.usage(retired), applicable)

    # ---- tags on records

    def usage(self, codes: Iterable[str]) -> dict[str, int]:
        """How many live records carry each code (exactly that code)."""
        wanted = list(dict.fromkeys(codes))
        found: dict[str, int] = {}
        if not wanted:
            return found
        with self._read() as db:
            for chunk in _chunks(wanted):
                rows = db.connection().exec_driver_sql(
                    "SELECT code, COUNT(*) FROM record_tag WHERE code IN "  # noqa: S608 - placeholders only
                    f"({', '.join('?' for _ in chunk)}) GROUP BY code", tuple(chunk),
                ).all()
                found.update((str(code), int(count)) for code, count in rows)
        return found

    def tag(self, record_id: str, add: Iterable[str] = (), remove: Iterable[str] = ()
            ) -> StoredRecord:
        """Add and remove tags on a record (a new version, audited as ``tag``)."""
        records = RecordService(self.session)
        current = records.get(record_id)
        if current.kind not in TAGGABLE:
            raise ValidationError(f"A {current.kind.value} record has no tags; tag its "
                                  "incident, act, person or statement instead.")
        content = dict(current.content)
        tags = [c for c in content.get("tags", ()) if c not in set(remove)]
        unknown_removals = set(remove) - set(content.get("tags", ()))
        if unknown_removals:
            raise ValidationError(f"Record {current.id} has no tag "
                                  f"{', '.join(sorted(unknown_removals))}; nothing was changed.")
        tags += [c for c in add if c not in tags]
        content["tags"] = tags
        with self.session.unit_of_work() as uow:
            store = RecordStore(uow, _actor(self.session))
            return store.update(current.id, content, expected_version=current.version,
                                action="tag")

    def remap(self, mapping: Mapping[str, str] | None = None) -> dict[str, int]:
        """Replace codes on every record that has them (default: each deprecated term
        by its replacement). One transaction; each record gets a new version audited
        as ``tag``, plus one ``taxonomy-remap`` entry. Returns records changed per code."""
        index = self.index()
        if mapping is None:
            mapping = {t.code: t.replaced_by for t in index.all()
                       if t.status is TermStatus.DEPRECATED and t.replaced_by}
        for old, new in mapping.items():
            term = index.get(new)
            if term is None or not term.usable:
                raise ValidationError(f"{new} is not an active term; {old} cannot be "
                                      "remapped to it.")
            if old not in index:
                raise ValidationError(f"{old} is not a term of this vault's taxonomy.")
        if not mapping:
            return {}
        record_ids: set[str] = set()
        with self._read() as db:
            for chunk in _chunks(list(mapping)):
                record_ids.update(str(r) for (r,) in db.connection().exec_driver_sql(
                    "SELECT DISTINCT record_id FROM record_tag WHERE code IN "  # noqa: S608 - placeholders only
                    f"({', '.join('?' for _ in chunk)})", tuple(chunk),
                ).all())
        changed: dict[str, int] = {}
        with self.session.unit_of_work() as uow:
            store = RecordStore(uow, _actor(self.session))
            for record_id in sorted(record_ids):
                record = store.get_current(record_id)
                content, replaced = with_codes_replaced(record.kind, record.content, mapping)
                if not replaced:
                    continue
                store.update(record.id, content, expected_version=record.version, action="tag")
                for code in replaced:
                    changed[code] = changed.get(code, 0) + 1
            uow.audit("taxonomy-remap", "taxonomy", None,
                      details={"mapping": dict(mapping), "records": sum(changed.values())})
        return changed

    # ---- counting

    def counts(self, scheme: str, kind: RecordKind = RecordKind.INCIDENT) -> list[TermCount]:
        """Records per term of ``scheme``: tagged with the term itself, and with it or a
        narrower term. Incidents count the tags of their acts and statements too.
        (To count several schemes, :meth:`counts_all` reads the tags once.)"""
        found = self.counts_all(kind)
        if scheme not in found:
            raise ValidationError(f"There is no scheme \"{scheme}\". "
                                  "`casebook taxonomy list` shows the schemes.")
        return found[scheme]

    def counts_all(self, kind: RecordKind = RecordKind.INCIDENT) -> dict[str, list[TermCount]]:
        """:meth:`counts` for every scheme (in scheme order), from one scan of the tags."""
        with self._read() as db:
            index = load_term_index(db)
            pairs = _tagged_pairs(db, kind)
        direct: dict[str, set[str]] = {}
        total: dict[str, set[str]] = {}
        for record_id, code in pairs:
            direct.setdefault(code, set()).add(record_id)
            for above in (code, *index.ancestors(code)):
                total.setdefault(above, set()).add(record_id)
        return {
            code: [TermCount(t.code, len(direct.get(t.code, ())), len(total.get(t.code, ())))
                   for t in scheme.terms]
            for code, scheme in index.schemes.items()
        }


def _tagged_pairs(db: Session, kind: RecordKind) -> list[tuple[str, str]]:
    if kind is RecordKind.INCIDENT:
        sql = ("SELECT t.record_id, t.code FROM record_tag t JOIN incident_view i "
               "ON i.id = t.record_id "
               "UNION SELECT l.incident_id, t.code FROM record_tag t JOIN record_incident l "
               "ON l.record_id = t.record_id JOIN incident_view i ON i.id = l.incident_id")
        rows = db.connection().exec_driver_sql(sql).all()
    else:
        rows = db.connection().exec_driver_sql(
            "SELECT t.record_id, t.code FROM record_tag t JOIN record r ON r.id = t.record_id "
            "WHERE r.kind = ? AND r.deleted = 0", (kind.value,),
        ).all()
    return [(str(r), str(c)) for r, c in rows]


def _without_removed(scheme: Scheme) -> Scheme:
    return replace(scheme, terms=tuple(t for t in scheme.terms
                                       if t.status is not TermStatus.REMOVED))
