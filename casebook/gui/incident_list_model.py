"""The incident list: a lazy table model that holds ids and fetches rows on demand.

Ids come from ``Queries.incident_ids`` a page at a time (``canFetchMore`` /
``fetchMore``), in the order and with the filter the person chose; sorting asks the
database again rather than sorting in Python. The rows a view asks for are read
with ``Queries.incident_rows`` a block at a time and kept in a small cache.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from casebook.gui.labels import code_label
from casebook.services.queries import IncidentFilter, IncidentOrder, IncidentRow, Queries

PAGE_SIZE = 200
ROW_BLOCK = 50
CACHE_ROWS = 600

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class Column(IntEnum):
    TITLE = 0
    DATE = 1
    PLACE = 2
    STATUS = 3
    UPDATED = 4


#: Columns the database can order by; the place column cannot be sorted.
SORT_ORDERS = {
    Column.TITLE: IncidentOrder.TITLE,
    Column.DATE: IncidentOrder.DATE,
    Column.STATUS: IncidentOrder.STATUS,
    Column.UPDATED: IncidentOrder.UPDATED,
}

ID_ROLE = Qt.ItemDataRole.UserRole


def local_date(partial: str | None) -> str:
    """A partial date as it is entered (``2025``, ``2025-03``, ``2025-03-07``): the one
    form that shows the precision and reads the same in every language."""
    return partial or ""


def local_time(iso: str) -> str:
    """A moment stored in UTC, in local time, to the minute, written like the dates
    (``2025-03-07 14:05``) and kept left-to-right inside Arabic text."""
    moment = QDateTime.fromString(iso, Qt.DateFormat.ISODateWithMs)
    if not moment.isValid():
        moment = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return iso
    return "\u2066" + moment.toLocalTime().toString("yyyy-MM-dd HH:mm") + "\u2069"


class IncidentListModel(QAbstractTableModel):
    count_changed = Signal(int)  # incidents matching the filter (not only those fetched)

    def __init__(
        self, queries: Queries, place_label: Callable[[str | None], str] = lambda v: v or "",
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._queries = queries
        self._place_label = place_label
        self._filter = IncidentFilter()
        self._order = IncidentOrder.UPDATED
        self._descending = True
        self._ids: list[str] = []
        self._exhausted = False
        self._resetting = False
        self._fetching = False
        self._cache: OrderedDict[str, IncidentRow] = OrderedDict()
        self.total = 0
        self.row_reads = 0  # how many times rows were read (tests check the laziness)
        self._headers = (
            self.tr("Title"), self.tr("Date"), self.tr("Place"), self.tr("Status"),
            self.tr("Last change"),
        )

    # what is listed

    @property
    def filter(self) -> IncidentFilter:
        return self._filter

    @property
    def order(self) -> tuple[IncidentOrder, bool]:
        return self._order, self._descending

    def set_filter(self, where: IncidentFilter) -> None:
        self._filter = where
        self.refresh()

    def refresh(self) -> None:
        """Ask the database again (after a filter change, a sort or a save)."""
        # No fetching while the reset is announced (a view or a model tester may ask).
        self._resetting = True
        self.beginResetModel()
        self._ids = []
        self._exhausted = False
        self._cache.clear()
        self.endResetModel()
        self._resetting = False
        self.total = self._queries.count_incidents_matching(self._filter)
        self.count_changed.emit(self.total)
        # The first page at once, so the count and the list agree without a view.
        self.fetchMore(QModelIndex())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        try:
            wanted = SORT_ORDERS[Column(column)]
        except (KeyError, ValueError):
            return
        self._order = wanted
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    def sort_column(self) -> int:
        return next(c for c, o in SORT_ORDERS.items() if o is self._order)

    def id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: str) -> int:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    # lazy ids

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return not (parent.isValid() or self._exhausted or self._resetting or self._fetching)

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        page = self._queries.incident_ids(
            self._filter, order=self._order, descending=self._descending,
            limit=PAGE_SIZE, offset=len(self._ids),
        )
        if len(page) < PAGE_SIZE:
            self._exhausted = True
        if page:
            first = len(self._ids)
            # Slots of rowsAboutToBeInserted may ask for more: not while inserting.
            self._fetching = True
            try:
                self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
                self._ids.extend(page)
                self.endInsertRows()
            finally:
                self._fetching = False

    # lazy rows

    def _row(self, row: int) -> IncidentRow | None:
        record_id = self._ids[row]
        cached = self._cache.get(record_id)
        if cached is not None:
            self._cache.move_to_end(record_id)
            return cached
        block = [i for i in self._ids[row:row + ROW_BLOCK] if i not in self._cache]
        self.row_reads += 1
        self._cache.update(self._queries.incident_rows(block))
        while len(self._cache) > CACHE_ROWS:
            self._cache.popitem(last=False)
        return self._cache.get(record_id)

    @property
    def cached_rows(self) -> int:
        return len(self._cache)

    # QAbstractTableModel

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemNeverHasChildren)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._row(index.row())
        if row is None:  # deleted since the ids were read
            return None
        column = Column(index.column())
        if column is Column.TITLE:
            return row.title
        if column is Column.DATE:
            return local_date(row.date_start)
        if column is Column.PLACE:
            return self._place_label(row.place)
        if column is Column.STATUS:
            return code_label("status", row.status)
        return local_time(row.updated_at)

    def headerData(
        self, section: int, orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None
