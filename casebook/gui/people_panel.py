"""The people linked to an incident, with their role, and how a person is added:
picked from the vault through a search, or created in the person editor.

The table's content is one field of the incident editor (a tuple of links): adding
or removing a link, or changing a role, is an undoable edit like any other, and
saving the incident writes the involvement records.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casebook.domain.records import RecordKind
from casebook.gui.content_dialog import ContentDialog
from casebook.gui.editor_context import EditorContext
from casebook.gui.field_widgets import code_combo, select_data
from casebook.gui.filter_bar import DEBOUNCE_MS
from casebook.gui.labels import code_choices
from casebook.gui.person_editor import PersonEditor
from casebook.services.records import StoredRecord

ID_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Link:
    """A person in the incident in one role; ``name`` is only for display."""

    person: str
    role: str
    name: str = field(default="", compare=False)

    def as_json(self) -> dict[str, str]:
        return {"person": self.person, "role": self.role, "name": self.name}

    @classmethod
    def from_json(cls, data: Any) -> Link:
        if isinstance(data, Link):
            return data
        return cls(str(data["person"]), str(data["role"]), str(data.get("name", "")))


class PeoplePanel(QWidget):
    changed = Signal()
    add_requested = Signal()
    open_person_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._links: list[Link] = []
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("people_table")
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemActivated.connect(lambda _item: self.open_selected())
        self.add_button = QPushButton(self.tr("Add person…"))
        self.add_button.setObjectName("add_person")
        self.remove_button = QPushButton(self.tr("Remove link"))
        self.remove_button.setObjectName("remove_link")
        self.open_button = QPushButton(self.tr("Open person"))
        self.add_button.clicked.connect(self.add_requested)
        self.remove_button.clicked.connect(self.remove_selected)
        self.open_button.clicked.connect(self.open_selected)
        hint = QLabel(self.tr("Links are saved with the incident."))
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addLayout(buttons)

    # the value

    def value(self) -> tuple[Link, ...]:
        return tuple(self._links)

    def set_value(self, links: Any) -> None:
        self._links = [Link.from_json(link) for link in links or ()]
        self.table.setRowCount(len(self._links))
        for row, link in enumerate(self._links):
            item = QTableWidgetItem(link.name or link.person)
            item.setData(ID_ROLE, link.person)
            self.table.setItem(row, 0, item)
            combo = QComboBox()
            for code, label in code_choices("involvement"):
                combo.addItem(label, code)
            select_data(combo, link.role)
            combo.currentIndexChanged.connect(
                lambda _i, r=row, c=combo: self._role_changed(r, str(c.currentData()))
            )
            self.table.setCellWidget(row, 1, combo)

    def roles_of(self, role: str) -> list[Link]:
        return [link for link in self._links if link.role == role]

    # edits (each one is one undoable change of the value)

    def add_link(self, link: Link) -> bool:
        if link in self._links:
            return False
        self.set_value([*self._links, link])
        self.changed.emit()
        return True

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._links):
            self.set_value(self._links[:row] + self._links[row + 1:])
            self.changed.emit()

    def _role_changed(self, row: int, role: str) -> None:
        if row >= len(self._links) or self._links[row].role == role:
            return
        links = list(self._links)
        links[row] = replace(links[row], role=role)
        if links[row] in self._links:  # already linked in that role
            self.set_value(self._links)
            return
        self._links = links
        self.changed.emit()

    def open_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._links):
            self.open_person_requested.emit(self._links[row].person)

    def rename(self, person_id: str, name: str) -> None:
        """Show a person's new name (after the person editor saved it)."""
        for row, link in enumerate(self._links):
            if link.person == person_id:
                self._links[row] = replace(link, name=name)
                item = self.table.item(row, 0)
                if item is not None:
                    item.setText(name)


class AddPersonDialog(ContentDialog):
    """Pick a person already in the vault (search as you type) or create one."""

    existing_chosen = Signal(object)  # Link
    new_requested = Signal(str)  # role

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context.runner, parent)
        self.setObjectName("add_person_dialog")
        self._context = context
        self.setWindowTitle(self.tr("Add a person to the incident"))
        self.role = code_combo("involvement")
        self.role.setObjectName("link_role")
        self.search = QLineEdit()
        self.search.setObjectName("person_search")
        self.search.setPlaceholderText(self.tr("Type a name, in any spelling"))
        self.results = QListWidget()
        self.results.setObjectName("person_results")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.results.itemActivated.connect(lambda _item: self.link_selected())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.link_button = QPushButton(self.tr("Link this person"))
        self.link_button.setObjectName("link_person")
        self.link_button.setEnabled(False)
        self.new_button = QPushButton(self.tr("New person…"))
        self.new_button.setObjectName("new_person")
        buttons.addButton(self.link_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.link_button.clicked.connect(self.link_selected)
        self.new_button.clicked.connect(self.new_person)
        self.results.currentRowChanged.connect(
            lambda row: self.link_button.setEnabled(row >= 0)
        )
        form = QFormLayout()
        form.addRow(self.tr("Role in the incident:"), self.role)
        form.addRow(self.tr("Find a person:"), self.search)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.results, 1)
        layout.addWidget(buttons)
        self.resize(520, 420)

    def run_search(self) -> None:
        self._timer.stop()
        self.results.clear()
        hits = self._context.queries.search(
            self.search.text(), kinds=(RecordKind.PERSON,), prefix_last=True, limit=50
        )
        for hit in hits:
            item = QListWidgetItem(hit.label)
            item.setData(ID_ROLE, hit.record_id)
            self.results.addItem(item)

    def done(self, result: int) -> None:
        self._timer.stop()  # no search after the dialog closed (at lock, say)
        super().done(result)

    def link_selected(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        self.existing_chosen.emit(
            Link(str(item.data(ID_ROLE)), str(self.role.currentData()), item.text())
        )
        self.accept()

    def new_person(self) -> None:
        role = str(self.role.currentData())
        self.accept()
        self.new_requested.emit(role)


class NewPersonDialog(ContentDialog):
    """The person editor in a dialog, for a person added from an incident."""

    person_created = Signal(object)  # StoredRecord

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(context.runner, parent)
        self.setObjectName("new_person_dialog")
        self.setWindowTitle(self.tr("New person"))
        self._finished = False
        self.editor = PersonEditor(context, None, self)
        self.editor.saved.connect(self._saved)
        self.editor.closed.connect(self._closed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor)
        self.resize(640, 640)

    def _saved(self, stored: StoredRecord) -> None:
        self.person_created.emit(stored)
        self._closed()

    def _closed(self) -> None:
        self._finished = True
        self.accept()

    def reject(self) -> None:
        if self._finished or self._locking:
            super().reject()
        else:
            self.editor.request_close()
