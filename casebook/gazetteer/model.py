"""The gazetteer in memory: places in a hierarchy (country > governorate > district >
sub-district > community > site), found by any of their names, and generalised to a
coarser level for exports.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from casebook.domain.folding import fold
from casebook.domain.records import PlaceLevel

LEVELS: tuple[PlaceLevel, ...] = tuple(PlaceLevel)
#: Namespace of the ids of places that have a P-code or a shipped key, so that every
#: vault gives the same place the same id (packages between vaults rely on it).
PLACE_NAMESPACE = uuid.UUID("6f1d3c8e-5b7a-4c52-9e0f-3a1b2c4d5e6f")


def level_rank(level: PlaceLevel | str) -> int:
    return LEVELS.index(PlaceLevel(level))


def place_id_for(key: str) -> str:
    """The record id of the place with this P-code (or shipped key)."""
    return str(uuid.uuid5(PLACE_NAMESPACE, f"place:{key.strip().upper()}"))


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    name_ar: str
    level: PlaceLevel
    parent: str | None
    pcode: str = ""
    latitude: float | None = None
    longitude: float | None = None

    def label(self, language: str) -> str:
        return self.name_ar if language == "ar" and self.name_ar else self.name


class Gazetteer:
    def __init__(self, places: Iterable[Place]) -> None:
        self._places = {p.id: p for p in places}
        self._by_pcode = {p.pcode.upper(): p for p in self._places.values() if p.pcode}
        self._children: dict[str | None, list[Place]] = {}
        for place in self._places.values():
            parent = place.parent if place.parent in self._places else None
            self._children.setdefault(parent, []).append(place)
        for children in self._children.values():
            children.sort(key=lambda p: (level_rank(p.level), p.name.casefold()))
        self._folded = {
            p.id: " | ".join(fold(n) for n in (p.name, p.name_ar) if n)
            for p in self._places.values()
        }

    def __len__(self) -> int:
        return len(self._places)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._places

    def get(self, place_id: str | None) -> Place | None:
        return None if place_id is None else self._places.get(place_id)

    def by_pcode(self, pcode: str) -> Place | None:
        return self._by_pcode.get(pcode.strip().upper())

    def all(self) -> list[Place]:
        return list(self._places.values())

    def roots(self) -> list[Place]:
        return list(self._children.get(None, ()))

    def children(self, place_id: str) -> list[Place]:
        return list(self._children.get(place_id, ()))

    def ancestors(self, place_id: str) -> list[Place]:
        """Parents of the place, nearest first."""
        chain: list[Place] = []
        place = self._places.get(place_id)
        while place is not None and place.parent is not None:
            parent = self._places.get(place.parent)
            if parent is None or parent in chain:
                break
            chain.append(parent)
            place = parent
        return chain

    def path(self, place_id: str, language: str = "en") -> str:
        """``Jableh › Jableh District › Lattakia`` style: the place, then its parents
        up to (not including) the country."""
        place = self._places.get(place_id)
        if place is None:
            return place_id
        chain = [place, *self.ancestors(place_id)]
        return " › ".join(p.label(language) for p in chain if p.level is not PlaceLevel.COUNTRY)

    def descendants(self, place_id: str) -> list[str]:
        found: list[str] = []
        pending = [place_id]
        while pending:
            current = pending.pop()
            if current in found:
                continue
            found.append(current)
            pending.extend(p.id for p in self._children.get(current, ()))
        return found

    def generalise(self, place_id: str | None, level: PlaceLevel | str) -> Place | None:
        """The place at ``level`` that contains ``place_id`` (the place itself when it is
        at that level or coarser; None when unknown). Used by exports to release a
        district instead of a village or a house."""
        place = self.get(place_id)
        if place is None:
            return None
        wanted = level_rank(level)
        if level_rank(place.level) <= wanted:
            return place
        for parent in self.ancestors(place.id):
            if level_rank(parent.level) <= wanted:
                return parent
        return None

    def search(self, query: str, *, level: PlaceLevel | None = None,
               limit: int = 50) -> list[Place]:
        """Places whose English or Arabic name contains ``query`` (Arabic-normalised:
        hamza, taa marbuta, alef maqsura and diacritics do not matter), or whose P-code
        starts with it; closer levels first."""
        folded = fold(query)
        if not folded:
            return []
        pcode = query.strip().upper()
        found = [
            p for p in self._places.values()
            if (level is None or p.level is level)
            and (folded in self._folded[p.id] or (p.pcode and p.pcode.upper().startswith(pcode)))
        ]
        found.sort(key=lambda p: (not self._folded[p.id].startswith(folded),
                                  level_rank(p.level), p.name.casefold()))
        return found[:limit]

    def resolve(self, text: str) -> Place | None:
        """The place a typed id, P-code or exact name (either language) stands for."""
        cleaned = text.strip()
        if not cleaned:
            return None
        if cleaned in self._places:
            return self._places[cleaned]
        if (place := self.by_pcode(cleaned)) is not None:
            return place
        folded = fold(cleaned)
        exact = [p for p in self._places.values()
                 if folded in (fold(p.name), fold(p.name_ar))]
        exact.sort(key=lambda p: level_rank(p.level))
        return exact[0] if exact else None
