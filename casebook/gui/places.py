"""Place names for the lists and pickers.

An incident's place is a place record of the gazetteer (its id), or, until the
gazetteer is complete, free text or a P-code. :class:`PlaceNames` turns a stored
value into what a person reads, in the interface language where the place has a
name in it; :class:`PlaceCombo` picks a known place or takes free text.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QWidget

from casebook.gui.field_widgets import ChoiceCombo
from casebook.services.queries import PlaceRow, Queries


class PlaceNames:
    def __init__(self, places: list[PlaceRow]) -> None:
        arabic = QLocale().language() == QLocale.Language.Arabic
        self.rows = places
        self._labels: dict[str, str] = {}
        for place in places:
            name = place.name_ar if arabic and place.name_ar else place.name
            self._labels[place.id] = name
        self._by_text = {
            text.casefold(): place.id
            for place in places
            for text in (place.name, place.name_ar, place.pcode)
            if text
        }

    @classmethod
    def load(cls, queries: Queries) -> PlaceNames:
        return cls(queries.places())

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


class PlaceCombo(ChoiceCombo):
    """An editable picker: a known place (stored as its id) or free text / a P-code."""

    def __init__(self, names: PlaceNames, parent: QWidget | None = None) -> None:
        super().__init__(names.labels(), parent)
        self._names = names

    def resolve(self, text: str) -> str:
        return self._names.resolve(text)
