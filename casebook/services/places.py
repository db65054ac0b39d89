"""Gazetteer use cases. Places are records (kind ``place``: versioned, audited,
carried by packages); places with a P-code or a shipped key get the same id in
every vault (``gazetteer.model.place_id_for``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session

from casebook.domain.errors import ValidationError
from casebook.domain.records import PlaceLevel, RecordKind
from casebook.gazetteer.admin_table import AdminUnit, read_admin_table
from casebook.gazetteer.model import Gazetteer, Place, level_rank, place_id_for
from casebook.gazetteer.shipped import ShippedGazetteer, shipped_gazetteer
from casebook.services.records import RecordStore, _actor
from casebook.services.vault_service import VaultSession


def load_gazetteer(db: Session) -> Gazetteer:
    rows = db.connection().exec_driver_sql(
        "SELECT r.id, v.content FROM record r JOIN record_version v "
        "ON v.record_id = r.id AND v.version = r.version "
        "WHERE r.kind = 'place' AND r.deleted = 0"
    ).all()
    places = []
    for record_id, content in rows:
        data = json.loads(content)
        places.append(Place(
            id=str(record_id), name=str(data.get("name", "")),
            name_ar=str(data.get("name_ar", "")),
            level=PlaceLevel(data.get("level", PlaceLevel.COMMUNITY.value)),
            parent=data.get("parent"), pcode=str(data.get("pcode", "")),
            latitude=data.get("latitude"), longitude=data.get("longitude"),
        ))
    return Gazetteer(places)


def install_shipped_places(store: RecordStore, shipped: ShippedGazetteer | None = None) -> int:
    """Create the shipped places the vault lacks (by id, then by P-code); returns how
    many were created. Existing places are left as they are."""
    gazetteer = load_gazetteer(store.db)
    created = 0
    ids: dict[str, str] = {}
    for place in (shipped or shipped_gazetteer()).places:
        existing = gazetteer.get(place.id) or (
            gazetteer.by_pcode(place.pcode) if place.pcode else None)
        if existing is not None:
            ids[place.key] = existing.id
            continue
        content = place.content()
        if place.parent_key is not None:
            content["parent"] = ids.get(place.parent_key, place.parent_id)
        store.create(RecordKind.PLACE, content, record_id=place.id, action="import")
        ids[place.key] = place.id
        created += 1
    return created


@dataclass(frozen=True)
class PlaceImportReport:
    created: int
    updated: int
    unchanged: int
    dry_run: bool


class PlaceService:
    def __init__(self, session: VaultSession) -> None:
        self.session = session

    def gazetteer(self) -> Gazetteer:
        with Session(self.session.vault.engine) as db:
            return load_gazetteer(db)

    def add_place(self, name: str, level: PlaceLevel, parent: str | None, *,
                  name_ar: str = "", pcode: str = "", latitude: float | None = None,
                  longitude: float | None = None) -> Place:
        """A user-added place (a community or a site, typically) under a known parent."""
        gazetteer = self.gazetteer()
        parent_place = None
        if parent:
            parent_place = gazetteer.resolve(parent)
            if parent_place is None:
                raise ValidationError(f"parent: no place \"{parent}\" in the gazetteer "
                                      "(give its id, P-code or exact name).", field="parent")
            if level_rank(parent_place.level) >= level_rank(level):
                raise ValidationError(f"parent: a {level.value} cannot be inside a "
                                      f"{parent_place.level.value}.", field="parent")
        if pcode and gazetteer.by_pcode(pcode) is not None:
            raise ValidationError(f"pcode: {pcode} is already in the gazetteer.", field="pcode")
        content: dict[str, Any] = {
            "name": name, "name_ar": name_ar, "level": level.value,
            "parent": None if parent_place is None else parent_place.id, "pcode": pcode,
            "latitude": latitude, "longitude": longitude,
        }
        with self.session.unit_of_work() as uow:
            store = RecordStore(uow, _actor(self.session))
            record = store.create(RecordKind.PLACE, content,
                                  record_id=place_id_for(pcode) if pcode else None)
        return Place(record.id, name, name_ar, level,
                     None if parent_place is None else parent_place.id, pcode, latitude, longitude)

    def import_admin_table(self, path: Path, *, dry_run: bool = False) -> PlaceImportReport:
        """Add the units of an administrative-boundary table; a unit whose P-code is
        already known is updated where its names or coordinates changed. All or
        nothing."""
        units = read_admin_table(path)
        with self.session.unit_of_work() as uow:
            store = RecordStore(uow, _actor(self.session))
            gazetteer = load_gazetteer(uow.session)
            report = _apply_units(store, gazetteer, units, dry_run=dry_run)
            if dry_run:
                return report  # nothing was written
            uow.audit("places-import", "gazetteer", None,
                      details={"file": path.name, "created": report.created,
                               "updated": report.updated})
        return report


def _apply_units(store: RecordStore, gazetteer: Gazetteer, units: list[AdminUnit], *,
                 dry_run: bool) -> PlaceImportReport:
    created = updated = unchanged = 0
    ids: dict[str, str] = {}
    for unit in units:
        existing = gazetteer.by_pcode(unit.pcode)
        parent_id = None if unit.parent_pcode is None else ids.get(unit.parent_pcode)
        if parent_id is None and unit.parent_pcode is not None:
            parent = gazetteer.by_pcode(unit.parent_pcode)
            parent_id = None if parent is None else parent.id
        content: dict[str, Any] = {
            "name": unit.name, "name_ar": unit.name_ar, "level": unit.level.value,
            "parent": parent_id, "pcode": unit.pcode,
            "latitude": unit.latitude, "longitude": unit.longitude,
        }
        if existing is None:
            if not dry_run:
                store.create(RecordKind.PLACE, content, record_id=place_id_for(unit.pcode),
                             action="import")
            ids[unit.pcode] = place_id_for(unit.pcode)
            created += 1
            continue
        ids[unit.pcode] = existing.id
        current = store.get_current(existing.id)
        merged = {**current.content, **{k: v for k, v in content.items()
                                        if v not in (None, "") or k == "parent"}}
        if merged["parent"] is None:
            merged["parent"] = current.content.get("parent")
        if merged == current.content:
            unchanged += 1
            continue
        if not dry_run:
            store.update(existing.id, merged, expected_version=current.version, action="import")
        updated += 1
    return PlaceImportReport(created, updated, unchanged, dry_run)
