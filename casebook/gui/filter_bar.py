"""The filter bar over the incident list: search as you type, status, dates, place,
role and tag.

Typing restarts a short timer; the filter is applied when it runs out, so a query
runs once per pause rather than once per key and typing never waits on the
database. The search's last word may be incomplete (``IncidentFilter.search`` is a
prefix search on it).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from casebook.domain.dates import earliest, latest, parse_partial_date
from casebook.domain.records import IncidentStatus, Role
from casebook.gui.field_widgets import PartialDateEdit, code_combo
from casebook.gui.places import PlaceCombo, PlaceNames
from casebook.services.queries import IncidentFilter

DEBOUNCE_MS = 200


def _day(text: str | None, *, end: bool) -> str | None:
    """The first (or last) day a typed partial date can mean; None if it is not one."""
    if not text:
        return None
    try:
        checked = parse_partial_date(text)
    except ValueError:
        return None
    return (latest(checked) if end else earliest(checked)).isoformat()


class FilterBar(QWidget):
    filter_changed = Signal(object)  # IncidentFilter

    def __init__(self, places: PlaceNames, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filter_bar")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.apply)

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(
            self.tr("Search titles, narratives, names, statements… (Ctrl+F)")
        )
        self.search.setClearButtonEnabled(True)
        self.status = code_combo("status", blank=self.tr("Any status"))
        self.status.setObjectName("filter_status")
        self.role = code_combo("involvement", blank=self.tr("Anyone involved"))
        self.role.setObjectName("filter_role")
        self.date_from = PartialDateEdit()
        self.date_from.setObjectName("filter_date_from")
        self.date_to = PartialDateEdit()
        self.date_to.setObjectName("filter_date_to")
        for date_edit in (self.date_from, self.date_to):
            date_edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.place = PlaceCombo(places)
        self.place.setObjectName("filter_place")
        self.tag = QLineEdit()
        self.tag.setObjectName("filter_tag")
        self.tag.setPlaceholderText(self.tr("Tag code"))
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.setObjectName("clear_filters")
        self.clear_button.clicked.connect(self.clear)

        edits: tuple[QLineEdit, ...] = (self.search, self.date_from, self.date_to, self.tag)
        for edit in edits:
            edit.textChanged.connect(self.schedule)
        self.place.currentTextChanged.connect(self.schedule)
        for combo in (self.status, self.role):
            combo.currentIndexChanged.connect(self.apply)
        self._lay_out()

    def _lay_out(self) -> None:
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.clear_button)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(self.tr("Status:")), 0, 0)
        grid.addWidget(self.status, 0, 1)
        grid.addWidget(QLabel(self.tr("From:")), 0, 2)
        grid.addWidget(self.date_from, 0, 3)
        grid.addWidget(QLabel(self.tr("To:")), 0, 4)
        grid.addWidget(self.date_to, 0, 5)
        grid.addWidget(QLabel(self.tr("Role:")), 1, 0)
        grid.addWidget(self.role, 1, 1)
        grid.addWidget(QLabel(self.tr("Place:")), 1, 2)
        grid.addWidget(self.place, 1, 3)
        grid.addWidget(QLabel(self.tr("Tag:")), 1, 4)
        grid.addWidget(self.tag, 1, 5)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(search_row, 0, 0)
        layout.addLayout(grid, 1, 0)

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def schedule(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        """Forget a search still waiting to run (the vault is locking)."""
        self._timer.stop()

    def current(self) -> IncidentFilter:
        status = self.status.currentData()
        role = self.role.currentData()
        return IncidentFilter(
            status=IncidentStatus(status) if status else None,
            role=Role(role) if role else None,
            date_from=_day(self.date_from.value(), end=False),
            date_to=_day(self.date_to.value(), end=True),
            place=self.place.value(),
            tag=self.tag.text().strip() or None,
            search=self.search.text().strip() or None,
        )

    def apply(self) -> None:
        self._timer.stop()
        self.filter_changed.emit(self.current())

    def clear(self) -> None:
        widgets: list[QWidget] = [
            self.search, self.date_from, self.date_to, self.tag, self.status, self.role,
            self.place,
        ]
        for widget in widgets:
            widget.blockSignals(True)
        for line in (self.search, self.date_from, self.date_to, self.tag):
            line.clear()
        self.status.setCurrentIndex(0)
        self.role.setCurrentIndex(0)
        self.place.set_value(None)
        for widget in widgets:
            widget.blockSignals(False)
        self.apply()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

