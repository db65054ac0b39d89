"""The review queue (Review > Review queue): incidents waiting for a review decision
(supervisors) or for their documenter's changes, oldest change first. Opening one
opens its review panel. The list is read in a worker."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casebook.domain.records import IncidentStatus
from casebook.domain.users import Role
from casebook.gui.editor_context import EditorContext
from casebook.gui.errors import describe_error
from casebook.gui.form_widgets import ErrorLabel, busy_bar, heading, read_only_rows
from casebook.gui.incident_list_model import local_time
from casebook.gui.labels import code_label
from casebook.gui.workers import Task
from casebook.services.review import QueueRow, ReviewService

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
ID_ROLE = Qt.ItemDataRole.UserRole


class QueueColumn(IntEnum):
    TITLE = 0
    STATUS = 1
    UPDATED = 2


class ReviewQueueModel(QAbstractTableModel):
    """The rows of one queue (a short list: everything waiting in one status)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[QueueRow] = []
        self._headers = (self.tr("Title"), self.tr("Status"), self.tr("Last change"))

    def set_rows(self, rows: list[QueueRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def id_at(self, row: int) -> str | None:
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(QueueColumn)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == ID_ROLE:
            return row.id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = index.column()
        if column == QueueColumn.TITLE:
            return row.title
        if column == QueueColumn.STATUS:
            return code_label("status", row.status)
        if column == QueueColumn.UPDATED:
            return local_time(row.updated_at)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None


class ReviewQueuePage(QWidget):
    """The workspace tab of the review queue."""

    open_requested = Signal(str)  # incident id: open its review panel

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review_queue_page")
        self.context = context
        self.service = ReviewService(context.session)
        self._task: Task | None = None
        self._stale = False
        self._build(context.session.user.role is Role.SUPERVISOR)
        self.refresh()

    def _build(self, supervisor: bool) -> None:
        self.title = heading(self.tr("Review queue"))
        self.queue_filter = QComboBox()
        self.queue_filter.setObjectName("queue_filter")
        self.queue_filter.addItem(self.tr("Submitted for review"),
                                  IncidentStatus.SUBMITTED.value)
        self.queue_filter.addItem(self.tr("Needing changes"),
                                  IncidentStatus.NEEDS_CHANGES.value)
        self.queue_filter.addItem(self.tr("Drafts"), IncidentStatus.DRAFT.value)
        default = IncidentStatus.SUBMITTED if supervisor else IncidentStatus.NEEDS_CHANGES
        self.queue_filter.setCurrentIndex(self.queue_filter.findData(default.value))
        self.queue_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.show_label = QLabel(self.tr("&Show:"))
        self.show_label.setBuddy(self.queue_filter)
        self.count = QLabel()
        self.count.setObjectName("queue_count")
        self._build_view()
        self.open_button = QPushButton(self.tr("Open review…"))
        self.open_button.setObjectName("open_review")
        self.open_button.clicked.connect(lambda _checked=False: self.open_selected())
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("refresh_queue")
        self.refresh_button.clicked.connect(lambda _checked=False: self.refresh())
        self.error = ErrorLabel()
        self.busy_bar = busy_bar()
        tools = QHBoxLayout()
        tools.addWidget(self.show_label)
        tools.addWidget(self.queue_filter)
        tools.addWidget(self.count, 1)
        tools.addWidget(self.refresh_button)
        tools.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)

    def _build_view(self) -> None:
        self.model = ReviewQueueModel(self)
        self.view = QTableView()
        self.view.setObjectName("queue_view")
        self.view.setModel(self.model)
        read_only_rows(self.view)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QueueColumn.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(QueueColumn.STATUS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(QueueColumn.UPDATED,
                                    QHeaderView.ResizeMode.ResizeToContents)
        self.view.activated.connect(lambda index: self.open_row(index.row()))
        self.empty = QLabel()
        self.empty.setObjectName("queue_empty")
        self.empty.setWordWrap(True)
        self.empty.hide()

    @property
    def busy(self) -> bool:
        return self._task is not None

    def status(self) -> IncidentStatus:
        return IncidentStatus(self.queue_filter.currentData())

    def refresh(self) -> None:
        """Read the queue again (in a worker)."""
        if self._task is not None:
            self._stale = True
            return
        self._stale = False
        self.error.clear_message()
        service, status = self.service, self.status()
        self._task = self.context.runner.submit(lambda: service.queue(status), self._loaded,
                                                self._failed)
        self._set_busy()

    def mark_stale(self) -> None:
        self._stale = True

    def refresh_if_stale(self) -> None:
        if self._stale:
            self.refresh()

    def _loaded(self, rows: object) -> None:
        self._task = None
        self._set_busy()
        assert isinstance(rows, list)
        selected = self.selected_id()
        self.model.set_rows(rows)
        self.count.setText(self.tr("{count} incidents").format(
            count=QLocale().toString(len(rows))) if len(rows) != 1
            else self.tr("1 incident"))
        empty = {
            IncidentStatus.SUBMITTED.value: self.tr("No incident is waiting for review."),
            IncidentStatus.NEEDS_CHANGES.value: self.tr("No incident needs changes."),
        }.get(self.status().value, self.tr("No incident is in this state."))
        self.empty.setText(empty)
        self.empty.setVisible(not rows)
        row = next((i for i, r in enumerate(rows) if r.id == selected), 0 if rows else -1)
        if row >= 0:
            self.view.selectRow(row)
        if self._stale:
            self.refresh()

    def _failed(self, exc: object) -> None:
        self._task = None
        self._set_busy()
        assert isinstance(exc, BaseException)
        text = describe_error(exc)
        self.error.show_message(f"{text.title}: {text.full_text()}", text.kind)

    def _set_busy(self) -> None:
        busy = self._task is not None
        self.busy_bar.setVisible(busy)
        self.setProperty("busy", busy)

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    def selected_id(self) -> str | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def open_row(self, row: int) -> None:
        record_id = self.model.id_at(row)
        if record_id is not None:
            self.open_requested.emit(record_id)

    def open_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            self.open_requested.emit(record_id)
