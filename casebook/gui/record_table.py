"""A table of the records that belong to the open incident or person (its acts,
statements or consents) with Add, Edit and Remove; each opens a RecordDialog."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casebook.domain.errors import CasebookError
from casebook.gui.editor_context import EditorContext
from casebook.gui.errors import show_error
from casebook.gui.record_dialog import RecordDialog
from casebook.services.records import StoredRecord

ID_ROLE = Qt.ItemDataRole.UserRole


class RecordTablePanel(QWidget):
    changed = Signal()  # a record was added, edited or removed

    def __init__(
        self, context: EditorContext, owner: Callable[[], str | None],
        ensure_owner: Callable[[], bool], parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._owner = owner
        self._ensure_owner = ensure_owner
        headers = self.header_labels()
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.itemActivated.connect(lambda _item: self.edit_selected())
        self.add_button = QPushButton(self.add_text())
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.ask_remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.records: list[StoredRecord] = []

    # for subclasses

    def add_text(self) -> str:
        raise NotImplementedError

    def header_labels(self) -> list[str]:
        raise NotImplementedError

    def record_ids(self, owner_id: str) -> list[str]:
        raise NotImplementedError

    def cells(self, record: StoredRecord) -> list[str]:
        raise NotImplementedError

    def make_dialog(self, owner_id: str, record_id: str | None) -> RecordDialog:
        raise NotImplementedError

    # listing

    def refresh(self) -> None:
        owner_id = self._owner()
        ids = self.record_ids(owner_id) if owner_id else []
        self.records = [self.context.records.get(i) for i in ids]
        self.table.setRowCount(len(self.records))
        for row, record in enumerate(self.records):
            for column, text in enumerate(self.cells(record)):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, record.id)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.changed.emit()

    def selected_id(self) -> str | None:
        row = self.table.currentRow()
        return self.records[row].id if 0 <= row < len(self.records) else None

    # actions

    def open_dialog(self, record_id: str | None) -> RecordDialog | None:
        if not self._ensure_owner():
            return None
        owner_id = self._owner()
        assert owner_id is not None
        dialog = self.make_dialog(owner_id, record_id)
        dialog.saved.connect(lambda _stored: self.refresh())
        dialog.open()
        return dialog

    def add(self) -> RecordDialog | None:
        return self.open_dialog(None)

    def edit_selected(self) -> RecordDialog | None:
        record_id = self.selected_id()
        return self.open_dialog(record_id) if record_id else None

    def ask_remove(self) -> QMessageBox | None:
        record_id = self.selected_id()
        if record_id is None:
            return None
        box = QMessageBox(self)
        box.setObjectName("remove_box")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Remove"))
        box.setText(self.tr("Remove this record? Its earlier versions stay in the history."))
        remove = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        remove.setObjectName("confirm_remove")
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(
            lambda _r: self.remove(record_id) if box.clickedButton() is remove else None
        )
        box.open()
        return box

    def remove(self, record_id: str) -> bool:
        record = next((r for r in self.records if r.id == record_id), None)
        if record is None:
            return False
        try:
            self.context.records.delete(record_id, expected_version=record.version)
        except CasebookError as exc:
            show_error(self, exc)
            return False
        self.refresh()
        return True
