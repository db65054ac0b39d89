"""The first tab of the workspace: the filter bar, the count, *New incident*, and
the lazy incident table (sorted by the database)."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casebook.gui.editor_context import EditorContext
from casebook.gui.filter_bar import FilterBar
from casebook.gui.form_widgets import heading
from casebook.gui.incident_list_model import SORT_ORDERS, Column, IncidentListModel
from casebook.services.queries import IncidentFilter


class IncidentListPage(QWidget):
    """Filter bar, count, New incident, and the lazy incident table."""

    open_requested = Signal(str)  # incident id
    new_requested = Signal()
    export_requested = Signal()  # a dossier of the selection (or the filter)

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incident_list_page")
        self.filter_bar = FilterBar(context.places)
        self.model = IncidentListModel(context.queries, context.places.label, self)
        self.view = QTableView()
        self.view.setObjectName("incident_list")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(Column.UPDATED, Qt.SortOrder.DescendingOrder)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(self._sort_requested)
        self.view.activated.connect(self._activated)
        self.count = QLabel()
        self.count.setObjectName("incident_count")
        self.empty = QLabel(
            self.tr("No incidents yet. Press New incident (Ctrl+N) to record the first one.")
        )
        self.empty.setObjectName("empty_state")
        self.empty.setWordWrap(True)
        self.new_button = QPushButton(self.tr("New incident"))
        self.new_button.setObjectName("new_incident")
        self.new_button.clicked.connect(self.new_requested)
        self.export_button = QPushButton(self.tr("Export dossier…"))
        self.export_button.setObjectName("export_dossier")
        self.export_button.setToolTip(self.tr(
            "A redacted, signed dossier of the selected incidents (or of those the filters "
            "show) for a UN mechanism"))
        self.export_button.clicked.connect(self.export_requested)
        self.model.count_changed.connect(self._show_count)
        self.filter_bar.filter_changed.connect(self.model.set_filter)

        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Incidents")))
        top.addStretch(1)
        top.addWidget(self.count)
        top.addWidget(self.export_button)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        self.model.refresh()
        self._size_columns()

    def _size_columns(self) -> None:
        metrics = self.view.fontMetrics()
        widths = {Column.DATE: "0000-00-00 00", Column.PLACE: "M" * 14,
                  Column.STATUS: "M" * 10, Column.UPDATED: "0000-00-00 00:00 PM"}
        for column, sample in widths.items():
            self.view.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)

    def _sort_requested(self, column: int, order: Qt.SortOrder) -> None:
        if column in SORT_ORDERS:
            self.model.sort(column, order)
            return
        # The place column cannot be sorted: put the indicator back.
        header = self.view.horizontalHeader()
        current, descending = self.model.order
        wanted = next(c for c, o in SORT_ORDERS.items() if o is current)
        header.blockSignals(True)
        header.setSortIndicator(
            wanted, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        )
        header.blockSignals(False)

    def _show_count(self, total: int) -> None:
        if total == 1:
            text = self.tr("1 incident")
        else:
            text = self.tr("{count} incidents").format(count=QLocale().toString(total))
        self.count.setText(text)
        self.empty.setVisible(total == 0 and self.model.filter == IncidentFilter())

    def selected_ids(self) -> list[str]:
        """The selected incidents, in the list's order."""
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        return [i for i in (self.model.id_at(row) for row in rows) if i]

    def _activated(self, index: QModelIndex) -> None:
        record_id = self.model.id_at(index.row())
        if record_id:
            self.open_requested.emit(record_id)
