"""Counts for supervisors: incidents by taxonomy term and by place level, crossed.

An incident counts under each term it carries (its own tags, its acts' act types and
tags, its statements' tags), once per term; so a table by act type can add up to more
than the number of incidents. Places are generalised along the gazetteer.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import product

from sqlmodel import Session

from casebook.domain.errors import UsageError
from casebook.domain.records import PlaceLevel
from casebook.services.places import load_gazetteer
from casebook.services.queries import IncidentFilter, Queries
from casebook.services.vault_service import VaultSession
from casebook.storage.taxonomy_rows import load_term_index

UNKNOWN = ""  # an incident with no term of the scheme, or no known place at the level


@dataclass(frozen=True)
class CountRow:
    keys: tuple[str, ...]  # a term code or place id per dimension ("" for none)
    incidents: int


def dimension_kind(name: str) -> str:
    """'place' for a place level, 'scheme' otherwise."""
    return "place" if name in {level.value for level in PlaceLevel} else "scheme"


def count_incidents(session: VaultSession, by: list[str],
                    where: IncidentFilter | None = None, *,
                    roll_up: bool = False) -> list[CountRow]:
    """Incidents matching ``where`` counted by each combination of the dimensions in
    ``by`` (scheme codes, or place levels such as ``governorate``). With ``roll_up``
    a term counts under its top-level ancestor."""
    if not by:
        raise UsageError("Say what to count by, e.g. --by act --by governorate.")
    # Listed before the session below opens: every session holds the write lock.
    ids = set(_all_ids(Queries(session), where or IncidentFilter()))
    with Session(session.vault.engine) as db:
        index = load_term_index(db)
        gazetteer = load_gazetteer(db)
        for name in by:
            if dimension_kind(name) == "scheme" and name not in index.schemes:
                raise UsageError(f"\"{name}\" is neither a scheme of the taxonomy nor a place "
                                 "level (country, governorate, district, sub-district, "
                                 "community, site).")
        codes: dict[str, set[str]] = {}
        for incident, code in _incident_codes(db):
            if incident in ids:
                codes.setdefault(incident, set()).add(code)
        places: dict[str, str | None] = {
            str(incident): place for incident, place in db.connection().exec_driver_sql(
                "SELECT id, place FROM incident_view").all()
        }
    counter: Counter[tuple[str, ...]] = Counter()
    for incident in ids:
        axes: list[list[str]] = []
        for name in by:
            if dimension_kind(name) == "place":
                found = gazetteer.generalise(places.get(incident), name)
                axes.append([found.id if found is not None and found.level == name
                             else UNKNOWN])
            else:
                terms = {c for c in codes.get(incident, ()) if (t := index.get(c)) is not None
                         and t.scheme == name}
                if roll_up:
                    terms = {(index.ancestors(c) or [c])[-1] for c in terms}
                axes.append(sorted(terms) or [UNKNOWN])
        for keys in product(*axes):
            counter[keys] += 1
    return [CountRow(keys, n) for keys, n in
            sorted(counter.items(), key=lambda item: (-item[1], item[0]))]


def _all_ids(queries: Queries, where: IncidentFilter) -> list[str]:
    found: list[str] = []
    while True:
        page = queries.incident_ids(where, offset=len(found))
        found += page
        if not page:
            return found


def _incident_codes(db: Session) -> list[tuple[str, str]]:
    rows = db.connection().exec_driver_sql(
        "SELECT t.record_id, t.code FROM record_tag t JOIN incident_view i ON i.id = t.record_id "
        "UNION SELECT l.incident_id, t.code FROM record_tag t JOIN record_incident l "
        "ON l.record_id = t.record_id"
    ).all()
    return [(str(i), str(c)) for i, c in rows]
