"""Read-side queries: incident and person lists with filters, ranked full-text search.

Reads never change anything and need no unit of work.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import text
from sqlmodel import Session, col, func, select
from sqlmodel.sql.expression import Select, SelectOfScalar

from casebook.domain.folding import tokens
from casebook.domain.records import IncidentStatus, RecordKind, Role
from casebook.services.places import load_gazetteer
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
from casebook.storage.taxonomy_rows import load_term_index

MAX_PAGE = 1000

_Statement = TypeVar("_Statement", Select[Any], SelectOfScalar[Any])


class IncidentOrder(StrEnum):
    UPDATED = "updated"
    DATE = "date"
    TITLE = "title"
    STATUS = "status"


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    status: IncidentStatus | None = None
    tag: str | None = None
    place: str | None = None
    date_from: str | None = None  # ISO day: incidents that may have happened on/after it
    date_to: str | None = None
    role: Role | None = None  # incidents with at least one person in this role
    search: str | None = None


@dataclass(frozen=True, slots=True)
class IncidentRow:
    id: str
    title: str
    status: str
    date_start: str | None
    place: str | None
    updated_at: str


@dataclass(frozen=True, slots=True)
class PersonRow:
    id: str
    display_name: str
    sex: str
    age: int | None
    is_child: bool | None
    counting_unit: str
    group_size: int | None


@dataclass(frozen=True, slots=True)
class InvolvementRow:
    id: str
    incident_id: str
    person_id: str
    role: str


@dataclass(frozen=True, slots=True)
class PlaceRow:
    id: str
    name: str
    name_ar: str
    pcode: str
    level: str


@dataclass(frozen=True, slots=True)
class UnitRow:
    id: str
    name: str
    affiliation: str


@dataclass(frozen=True, slots=True)
class ReferenceRow:
    """A live record that points at another one through ``field``."""

    record_id: str
    kind: str
    field: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    record_id: str
    kind: str
    rank: float
    label: str


def fts_query(query: str, *, prefix_last: bool = False) -> str | None:
    """An FTS5 MATCH expression for a folded query: every word must occur.

    With ``prefix_last`` the last word may be incomplete (search as you type).
    """
    words = tokens(query)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    if prefix_last:
        quoted[-1] += "*"
    return " AND ".join(quoted)


class Queries:
    def __init__(self, session: VaultSession) -> None:
        self.session = session

    def _db(self) -> Session:
        return Session(self.session.vault.engine)

    def incident_ids(
        self, where: IncidentFilter = IncidentFilter(), *,
        order: IncidentOrder = IncidentOrder.UPDATED, descending: bool = True,
        limit: int = MAX_PAGE, offset: int = 0,
    ) -> list[str]:
        """Ids of the incidents matching ``where``, in order (the GUI list model holds
        only these and fetches rows lazily)."""
        statement = self._filtered(select(IncidentView.id), where)
        column = {
            IncidentOrder.UPDATED: IncidentView.updated_at,
            IncidentOrder.DATE: IncidentView.date_from,
            IncidentOrder.TITLE: IncidentView.title,
            IncidentOrder.STATUS: IncidentView.status,
        }[order]
        ordering = col(column).desc() if descending else col(column).asc()
        statement = statement.order_by(ordering, col(IncidentView.id)).offset(offset)
        statement = statement.limit(min(limit, MAX_PAGE))
        with self._db() as db:
            return list(db.exec(statement).all())

    def _filtered(self, statement: _Statement, where: IncidentFilter) -> _Statement:
        """``statement`` (a select over ``incident_view``) narrowed by ``where``."""
        if where.status is not None:
            statement = statement.where(IncidentView.status == where.status.value)
        if where.place:
            within = self._places_within(where.place)
            statement = statement.where(col(IncidentView.place).in_(within))
        if where.date_from:
            statement = statement.where(col(IncidentView.date_to) >= where.date_from)
        if where.date_to:
            statement = statement.where(col(IncidentView.date_from) <= where.date_to)
        if where.tag:
            # An incident carries its own tags and those of its acts and statements;
            # a term includes every narrower term.
            codes = self._codes_within(where.tag)
            tagged = select(RecordTag.record_id).where(col(RecordTag.code).in_(codes))
            statement = statement.where(
                col(IncidentView.id).in_(tagged)
                | col(IncidentView.id).in_(
                    select(RecordIncident.incident_id).where(
                        col(RecordIncident.record_id).in_(tagged)))
            )
        if where.role is not None:
            statement = statement.where(
                col(IncidentView.id).in_(select(InvolvementView.incident_id).where(
                    InvolvementView.role == where.role.value))
            )
        if where.search:
            matched = self._incidents_matching(where.search, prefix_last=True)
            if matched is not None:
                statement = statement.where(col(IncidentView.id).in_(matched))
        return statement

    def _codes_within(self, code: str) -> list[str]:
        with self._db() as db:
            index = load_term_index(db)
        return index.descendants(code) if code in index else [code]

    def _places_within(self, place: str) -> list[str]:
        """The place and every place inside it (a governorate finds its villages)."""
        with self._db() as db:
            gazetteer = load_gazetteer(db)
        known = gazetteer.resolve(place)
        if known is None:
            return [place]
        inside = [p for p in map(gazetteer.get, gazetteer.descendants(known.id)) if p]
        # Older records may hold a P-code as written instead of the place's id.
        return [place, *(p.id for p in inside), *(p.pcode for p in inside if p.pcode)]

    def count_incidents_matching(self, where: IncidentFilter = IncidentFilter()) -> int:
        """How many incidents ``where`` matches (the list's "12 incidents")."""
        statement = self._filtered(select(func.count()).select_from(IncidentView), where)
        with self._db() as db:
            return int(db.exec(statement).one())

    def _incidents_matching(self, query: str, *, prefix_last: bool) -> list[str] | None:
        """Incidents whose own text, people or dependent records match ``query``."""
        match = fts_query(query, prefix_last=prefix_last)
        if match is None:
            return None
        sql = text(
            "SELECT record_id, kind FROM search_index WHERE search_index MATCH :q"
        )
        with self._db() as db:
            hits = db.connection().execute(sql, {"q": match}).all()
            incident_ids = {r for r, k in hits if k == RecordKind.INCIDENT.value}
            person_ids = [r for r, k in hits if k == RecordKind.PERSON.value]
            other_ids = [r for r, k in hits if k not in (RecordKind.INCIDENT.value,
                                                         RecordKind.PERSON.value)]
            if person_ids:
                incident_ids.update(db.exec(select(InvolvementView.incident_id).where(
                    col(InvolvementView.person_id).in_(person_ids))).all())
            if other_ids:
                incident_ids.update(db.exec(select(RecordIncident.incident_id).where(
                    col(RecordIncident.record_id).in_(other_ids))).all())
        return sorted(incident_ids)

    def incident_rows(self, ids: list[str]) -> dict[str, IncidentRow]:
        with self._db() as db:
            rows = db.exec(select(IncidentView).where(col(IncidentView.id).in_(ids))).all()
        return {
            r.id: IncidentRow(r.id, r.title, r.status, r.date_start, r.place, r.updated_at)
            for r in rows
        }

    def count_incidents(self) -> int:
        with self._db() as db:
            return int(db.exec(select(func.count()).select_from(IncidentView)).one())

    def persons(
        self, *, incident: str | None = None, role: Role | None = None, search: str | None = None,
        limit: int = MAX_PAGE, offset: int = 0,
    ) -> list[PersonRow]:
        statement = select(PersonView)
        if incident or role:
            involved = select(InvolvementView.person_id)
            if incident:
                involved = involved.where(InvolvementView.incident_id == incident)
            if role:
                involved = involved.where(InvolvementView.role == role.value)
            statement = statement.where(col(PersonView.id).in_(involved))
        if search:
            ids = [h.record_id for h in self.search(search, kinds=(RecordKind.PERSON,))]
            statement = statement.where(col(PersonView.id).in_(ids))
        statement = statement.order_by(col(PersonView.display_name), col(PersonView.id))
        statement = statement.offset(offset).limit(min(limit, MAX_PAGE))
        with self._db() as db:
            return [
                PersonRow(p.id, p.display_name, p.sex, p.age, p.is_child, p.counting_unit,
                          p.group_size)
                for p in db.exec(statement).all()
            ]

    def involvements(
        self, *, incident: str | None = None, person: str | None = None
    ) -> list[InvolvementRow]:
        """Who was involved in an incident, or the incidents a person was involved in."""
        statement = select(InvolvementView)
        if incident is not None:
            statement = statement.where(InvolvementView.incident_id == incident)
        if person is not None:
            statement = statement.where(InvolvementView.person_id == person)
        statement = statement.order_by(col(InvolvementView.role), col(InvolvementView.id))
        with self._db() as db:
            return [InvolvementRow(i.id, i.incident_id, i.person_id, i.role)
                    for i in db.exec(statement).all()]

    def linked_to_incident(self, incident_id: str) -> list[tuple[str, str]]:
        """(record id, kind) of the live records that hang off an incident: involvements,
        acts, statements, and evidence attached to it or to those."""
        statement = (
            select(Record.id, Record.kind)
            .join(RecordIncident, col(RecordIncident.record_id) == col(Record.id))
            .where(RecordIncident.incident_id == incident_id, col(Record.deleted).is_(False))
            .order_by(col(Record.kind), col(Record.created_at), col(Record.id))
        )
        with self._db() as db:
            return [(r, k) for r, k in db.exec(statement).all()]

    def search(
        self, query: str, *, kinds: tuple[RecordKind, ...] | None = None, limit: int = 50,
        prefix_last: bool = False,
    ) -> list[SearchHit]:
        """Ranked hits (best first, by FTS5's bm25) across every kind of record."""
        match = fts_query(query, prefix_last=prefix_last)
        if match is None:
            return []
        params: dict[str, object] = {"q": match, "limit": min(limit, MAX_PAGE)}
        kind_filter = ""
        if kinds:
            names = [f":k{i}" for i in range(len(kinds))]
            kind_filter = f" AND kind IN ({', '.join(names)})"
            params.update({f"k{i}": k.value for i, k in enumerate(kinds)})
        # Rank and cut inside FTS5 first (its `rank` column is bm25), then label only
        # the rows kept: a common name can match tens of thousands of records.
        sql = (  # only bound-parameter names are interpolated below
            "SELECT h.record_id, h.kind, h.rank, COALESCE(i.title, p.display_name, '') "  # noqa: S608
            "FROM (SELECT record_id, kind, rank FROM search_index "
            f"WHERE search_index MATCH :q{kind_filter} ORDER BY rank LIMIT :limit) AS h "
            "LEFT JOIN incident_view i ON i.id = h.record_id "
            "LEFT JOIN person_view p ON p.id = h.record_id "
            "ORDER BY h.rank"
        )
        with self._db() as db:
            rows = db.connection().execute(text(sql), params).all()
        return [SearchHit(r[0], r[1], float(r[2]), r[3]) for r in rows]

    def _current_contents(self, kind: RecordKind) -> list[tuple[str, dict[str, Any]]]:
        statement = (
            select(Record.id, RecordVersion.content)
            .join(RecordVersion, (col(RecordVersion.record_id) == col(Record.id))
                  & (col(RecordVersion.version) == col(Record.version)))
            .where(Record.kind == kind.value, col(Record.deleted).is_(False))
        )
        with self._db() as db:
            return [(record_id, json.loads(content)) for record_id, content in
                    db.exec(statement).all()]

    def places(self) -> list[PlaceRow]:
        """Every place of the gazetteer, by name (for pickers and to label place ids)."""
        rows = [
            PlaceRow(record_id, str(c.get("name", "")), str(c.get("name_ar", "")),
                     str(c.get("pcode", "")), str(c.get("level", "")))
            for record_id, c in self._current_contents(RecordKind.PLACE)
        ]
        return sorted(rows, key=lambda p: (p.name.casefold(), p.id))

    def units(self) -> list[UnitRow]:
        """Every unit (armed actor, organisation), by name."""
        rows = [
            UnitRow(record_id, str(c.get("name", "")), str(c.get("affiliation", "")))
            for record_id, c in self._current_contents(RecordKind.UNIT)
        ]
        return sorted(rows, key=lambda u: (u.name.casefold(), u.id))

    def referring(self, record_id: str, kind: RecordKind | None = None) -> list[ReferenceRow]:
        """Live records (of ``kind``, if given) that refer to ``record_id``, oldest first:
        the consents of a person, the acts naming a victim."""
        statement = (
            select(Record.id, Record.kind, RecordReference.field)
            .join(RecordReference, col(RecordReference.from_id) == col(Record.id))
            .where(RecordReference.to_id == record_id, col(Record.deleted).is_(False))
        )
        if kind is not None:
            statement = statement.where(Record.kind == kind.value)
        statement = statement.order_by(col(Record.created_at), col(Record.id),
                                       col(RecordReference.field))
        with self._db() as db:
            return [ReferenceRow(r, k, f) for r, k, f in db.exec(statement).all()]
