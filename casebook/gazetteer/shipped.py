"""The gazetteer Casebook ships (``data/syria.json``, format ``casebook-gazetteer/v1``):
Syria, its 14 governorates with ISO 3166-2 codes, their districts, and the places the
demo uses. Installed into every new vault; see docs/taxonomy.md for the sources.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from casebook.domain.errors import ValidationError
from casebook.domain.records import PlaceLevel
from casebook.gazetteer.model import level_rank, place_id_for

FORMAT = "casebook-gazetteer/v1"


@dataclass(frozen=True)
class ShippedPlace:
    key: str
    pcode: str
    iso: str
    name: str
    name_ar: str
    level: PlaceLevel
    parent_key: str | None
    latitude: float | None
    longitude: float | None

    @property
    def id(self) -> str:
        return place_id_for(self.key)

    @property
    def parent_id(self) -> str | None:
        return None if self.parent_key is None else place_id_for(self.parent_key)

    def content(self) -> dict[str, Any]:
        """The content of the place record this entry becomes."""
        data: dict[str, Any] = {"name": self.name, "name_ar": self.name_ar,
                                "level": self.level.value, "parent": self.parent_id,
                                "pcode": self.pcode, "latitude": self.latitude,
                                "longitude": self.longitude}
        if self.iso:
            data["iso"] = self.iso
        return data


@dataclass(frozen=True)
class ShippedGazetteer:
    id: str
    version: int
    places: tuple[ShippedPlace, ...]


def parse_gazetteer(data: Any, *, source: str = "gazetteer file") -> ShippedGazetteer:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError(f"{source}: not a {FORMAT} file.")
    rows = data.get("places")
    if not isinstance(rows, list) or not rows:
        raise ValidationError(f"{source}: places: a list of places is required.")
    places: dict[str, ShippedPlace] = {}
    for index, row in enumerate(rows):
        where = f"{source}: places[{index}]"
        try:
            place = ShippedPlace(
                key=str(row["key"]), pcode=str(row.get("pcode") or ""),
                iso=str(row.get("iso") or ""), name=str(row["name"]),
                name_ar=str(row.get("name_ar") or ""), level=PlaceLevel(row["level"]),
                parent_key=None if row.get("parent") is None else str(row["parent"]),
                latitude=_coordinate(row.get("latitude")),
                longitude=_coordinate(row.get("longitude")),
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise ValidationError(f"{where}: {exc}") from None
        if place.key in places:
            raise ValidationError(f"{where}.key: {place.key} appears twice")
        if (place.latitude is None) != (place.longitude is None):
            raise ValidationError(f"{where}: give both latitude and longitude, or neither")
        places[place.key] = place
    for index, place in enumerate(places.values()):
        if place.parent_key is None:
            continue
        parent = places.get(place.parent_key)
        if parent is None:
            raise ValidationError(f"{source}: places[{index}].parent: "
                                  f"{place.parent_key} is not in the file")
        if level_rank(parent.level) >= level_rank(place.level):
            raise ValidationError(f"{source}: places[{index}].parent: a {place.level} "
                                  f"cannot be inside a {parent.level}")
    return ShippedGazetteer(str(data.get("id", "")), int(data.get("version", 1)),
                            tuple(places.values()))


def _coordinate(value: Any) -> float | None:
    return None if value is None else float(value)


def shipped_gazetteer() -> ShippedGazetteer:
    raw = resources.files("casebook.gazetteer").joinpath("data/syria.json").read_bytes()
    return parse_gazetteer(json.loads(raw), source="syria.json")
