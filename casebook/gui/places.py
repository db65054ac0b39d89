"""Place names for the lists and pickers.

An incident's place is a place record of the gazetteer (its id), or, until the
gazetteer is complete, free text or a P-code. :class:`PlaceNames` turns a stored
value into what a person reads, in the interface language where the place has a
name in it; :class:`PlaceCombo` picks a known place or takes free text.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from casebook.gazetteer.model import Gazetteer, Place
from casebook.gui.field_widgets import ChoiceCombo
from casebook.gui.i18n import interface_language
from casebook.services.queries import PlaceRow, Queries


class PlaceNames:
    def __init__(self, places: list[PlaceRow]) -> None:
        self._arabic = interface_language() == "ar"
        self.rows: list[PlaceRow] = []
        self._labels: dict[str, str] = {}
        self._by_text: dict[str, str] = {}
        for place in places:
            self._add_row(place)

    def _add_row(self, place: PlaceRow) -> None:
        self.rows.append(place)
        self._labels[place.id] = place.name_ar if self._arabic and place.name_ar else place.name
        for text in (place.name, place.name_ar, place.pcode):
            if text:
                self._by_text[text.casefold()] = place.id

    @classmethod
    def load(cls, queries: Queries) -> PlaceNames:
        return cls(queries.places())

    @classmethod
    def from_gazetteer(cls, gazetteer: Gazetteer) -> PlaceNames:
        rows = [_row(place) for place in gazetteer.all()]
        return cls(sorted(rows, key=lambda p: (p.name.casefold(), p.id)))

    def add(self, place: Place) -> None:
        """A place added since these names were read."""
        self._add_row(_row(place))

    def label(self, value: str | None) -> str:
        if not value:
            return ""
        return self._labels.get(value, value)

    def labels(self) -> list[tuple[str, str]]:
        """(id, label) of every place, by label."""
        return sorted(((p.id, self.label(p.id)) for p in self.rows), key=lambda x: x[1])

    def resolve(self, text: str) -> str:
        """The place id a typed name or P-code stands for; otherwise the text itself."""
        cleaned = text.strip()
        return self._by_text.get(cleaned.casefold(), cleaned)


def _row(place: Place) -> PlaceRow:
    return PlaceRow(place.id, place.name, place.name_ar, place.pcode, place.level.value)


class PlaceCombo(ChoiceCombo):
    """An editable picker: a known place (stored as its id) or free text / a P-code."""

    def __init__(self, names: PlaceNames, parent: QWidget | None = None) -> None:
        super().__init__(names.labels(), parent)
        self._names = names

    def resolve(self, text: str) -> str:
        return self._names.resolve(text)
