"""Conflicts (Packages > Conflicts…, or from the receive dialog): records changed both
here and in a colleague's vault, each kept in both versions until a person chooses.

The list on one side; on the other, the chosen conflict's differing fields as Field |
Mine | Theirs with a choice per row, and Keep mine, Take theirs, Merge field by field
(which uses the per-row choices). Contact details are masked, as in the history: the
choice can be made without showing them, and showing them is audited elsewhere.

The list and a conflict's detail are read on the GUI thread (a few rows); resolving
writes a version and runs in the worker.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casebook.domain.errors import CasebookError
from casebook.gui.content_dialog import ContentDialog
from casebook.gui.errors import describe_error
from casebook.gui.form_widgets import ErrorLabel, busy_bar, heading, paragraph, read_only_rows
from casebook.gui.history_dialog import shown_value
from casebook.gui.incident_list_model import local_time
from casebook.gui.labels import code_label, field_label, isolate, standalone
from casebook.gui.workers import Task, TaskRunner
from casebook.services.conflicts import ConflictDetail, ConflictInfo, ConflictService
from casebook.services.vault_service import VaultSession

ID_ROLE = Qt.ItemDataRole.UserRole
MINE, THEIRS = "mine", "theirs"


class DiffColumn:
    FIELD, MINE, THEIRS, KEEP = range(4)


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    read_only_rows(table)
    return table


class ConflictView(ContentDialog):
    resolved = Signal(str)  # the record id

    def __init__(self, runner: TaskRunner, session: VaultSession,
                 parent: QWidget | None = None, *, select: str | None = None) -> None:
        super().__init__(runner, parent)
        self.setObjectName("conflict_view")
        self.setWindowTitle(self.tr("Conflicts"))
        # Not modal: the person may want to open the record in its editor while
        # choosing (a save there makes the resolution ask again, not overwrite).
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.runner = runner
        self.service = ConflictService(session)
        self.conflicts: list[ConflictInfo] = []
        self.detail: ConflictDetail | None = None
        self._resolving: Task | None = None
        self._build()
        self.refresh(select=select)
        self.resize(1080, 620)

    # construction

    def _build(self) -> None:
        title = heading(self.tr("Conflicts"))
        intro = paragraph(self.tr(
            "These records were changed both here and by a colleague before either had the "
            "other's change. Nothing was overwritten: choose which version to keep, or "
            "take each field from one side."))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_list())
        splitter.addWidget(self._build_detail())
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([420, 640])
        self.message = paragraph("", "conflict_message")
        self.message.hide()
        self.error = ErrorLabel()
        self.busy_bar = busy_bar()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(buttons)

    def _build_list(self) -> QWidget:
        # When it was received is in the detail and the tooltip: a fourth column left
        # the record's title too little room.
        self.list = _table([self.tr("Record"), self.tr("Kind"), self.tr("From")],
                           "conflict_list")
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.list.currentCellChanged.connect(lambda row, *_rest: self.show_row(row))
        self.show_resolved = QCheckBox(self.tr("Show &resolved conflicts"))
        self.show_resolved.setObjectName("show_resolved")
        self.show_resolved.toggled.connect(lambda _on: self.refresh())
        self.empty = paragraph(self.tr(
            "No conflicts. When a package brings a change to a record that was also changed "
            "here, both versions are kept and the record is listed here."), "no_conflicts")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.empty)
        left_layout.addWidget(self.show_resolved)
        return left

    def _build_detail(self) -> QWidget:
        self.summary = paragraph("", "conflict_summary")
        # See package_send_dialog: a wrapped label's narrowest height would set the pane's.
        self.summary.setMinimumWidth(360)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.diff = _table([self.tr("Field"), self.tr("Mine"), self.tr("Theirs"),
                            self.tr("Keep")], "conflict_fields")
        self.diff.setWordWrap(True)
        diff_header = self.diff.horizontalHeader()
        diff_header.setSectionResizeMode(DiffColumn.FIELD, QHeaderView.ResizeMode.ResizeToContents)
        diff_header.setSectionResizeMode(DiffColumn.MINE, QHeaderView.ResizeMode.Stretch)
        diff_header.setSectionResizeMode(DiffColumn.THEIRS, QHeaderView.ResizeMode.Stretch)
        diff_header.setSectionResizeMode(DiffColumn.KEEP, QHeaderView.ResizeMode.ResizeToContents)
        self.keep_mine_button = QPushButton(self.tr("Keep &mine"))
        self.keep_mine_button.setObjectName("keep_mine")
        self.keep_mine_button.setToolTip(self.tr("Keep this vault's version; theirs is set "
                                                 "aside."))
        self.take_theirs_button = QPushButton(self.tr("Take &theirs"))
        self.take_theirs_button.setObjectName("take_theirs")
        self.take_theirs_button.setToolTip(self.tr("Replace this vault's version with theirs "
                                                   "(as a new version: yours stays in the "
                                                   "history)."))
        self.merge_button = QPushButton(self.tr("Merge &field by field"))
        self.merge_button.setObjectName("merge_fields")
        self.merge_button.setToolTip(self.tr("A new version with each field taken from the "
                                             "side chosen in the Keep column."))
        self.keep_mine_button.clicked.connect(lambda _c=False: self.keep_mine())
        self.take_theirs_button.clicked.connect(lambda _c=False: self.take_theirs())
        self.merge_button.clicked.connect(lambda _c=False: self.merge())
        actions = QHBoxLayout()
        actions.addWidget(self.keep_mine_button)
        actions.addWidget(self.take_theirs_button)
        actions.addStretch(1)
        actions.addWidget(self.merge_button)
        right = QWidget()
        right.setObjectName("conflict_detail")
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.diff, 1)
        right_layout.addLayout(actions)
        return right

    # the list

    def refresh(self, select: str | None = None) -> None:
        """Read the conflicts again; ``select`` a conflict or record id afterwards."""
        current = select or (self.detail.info.id if self.detail is not None else None)
        self.error.clear_message()
        try:
            self.conflicts = self.service.list(include_resolved=self.show_resolved.isChecked())
        except CasebookError as exc:
            self.conflicts = []
            self._show_error(exc)
        self.list.blockSignals(True)
        self.list.setRowCount(len(self.conflicts))
        for row, info in enumerate(self.conflicts):
            title = info.title
            if info.resolved:
                title = self.tr("{title} (resolved)").format(title=isolate(info.title))
            cells = [standalone(title), code_label("kind", info.kind), standalone(info.sender)]
            tooltip = self.tr("{title}, received {when} from {sender}").format(
                title=isolate(info.title), when=local_time(info.opened_at),
                sender=isolate(info.sender))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, info.id)
                item.setToolTip(tooltip)
                self.list.setItem(row, column, item)
        self.list.blockSignals(False)
        self.empty.setVisible(not self.conflicts)
        row = self.row_of(current) if current else -1
        if row < 0 and self.conflicts:
            row = 0
        if row >= 0:
            # setCurrentCell, not selectRow, which selects nothing right to left.
            self.list.blockSignals(True)
            self.list.setCurrentCell(row, 0)
            self.list.blockSignals(False)
        self.show_row(row)

    def row_of(self, ref: str) -> int:
        """The row of a conflict, by its id (or a prefix) or its record's id."""
        for row, info in enumerate(self.conflicts):
            if ref in (info.id, info.record_id) or (len(ref) >= 4 and info.id.startswith(ref)):
                return row
        return -1

    def select(self, ref: str) -> bool:
        row = self.row_of(ref)
        if row >= 0:
            self.list.setCurrentCell(row, 0)
        return row >= 0

    # one conflict

    def show_row(self, row: int) -> None:
        if not 0 <= row < len(self.conflicts):
            self.detail = None
            self.summary.setText(self.tr("Choose a conflict in the list.")
                                 if self.conflicts else "")
            self.diff.setRowCount(0)
            self._update_buttons()
            return
        try:
            self.detail = self.service.get(self.conflicts[row].id)
        except CasebookError as exc:  # gone meanwhile (another window): shown
            self.detail = None
            self.diff.setRowCount(0)
            self._show_error(exc)
            self._update_buttons()
            return
        self.show_detail(self.detail)

    def show_detail(self, detail: ConflictDetail) -> None:
        info = detail.info
        lines = [self.tr("“{title}” ({kind}): your version {mine} and {sender}'s version "
                         "{theirs}, received {when}.").format(
                             title=isolate(info.title), kind=code_label("kind", info.kind),
                             mine=info.local_version, sender=isolate(info.sender),
                             theirs=info.their_version, when=local_time(info.opened_at))]
        if detail.mine_deleted:
            lines.append(self.tr("You deleted this record; they changed it."))
        if detail.theirs_deleted:
            lines.append(self.tr("They deleted this record; you changed it."))
        if info.resolved:
            lines.append(self.resolution_text(info.resolution))
        elif not detail.differences:
            lines.append(self.tr("Both versions hold the same fields."))
        else:
            lines.append(self.tr("{count} fields differ:").format(count=len(detail.differences))
                         if len(detail.differences) != 1 else self.tr("1 field differs:"))
        self.summary.setText("\n".join(lines))
        self.diff.setRowCount(len(detail.differences))
        for row, difference in enumerate(detail.differences):
            name = field_label(difference.field)
            # Values led by the interface's direction mark: an English sentence in the
            # Arabic interface keeps its full stop at its end, and lines up with the column.
            cells = [name, standalone(shown_value(difference.field, difference.mine)),
                     standalone(shown_value(difference.field, difference.theirs))]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setData(ID_ROLE, difference.field)
                self.diff.setItem(row, column, item)
            combo = QComboBox()
            combo.setObjectName(f"keep_{difference.field}")
            combo.addItem(self.tr("Mine"), MINE)
            combo.addItem(self.tr("Theirs"), THEIRS)
            combo.setAccessibleName(self.tr("Keep {field} from").format(field=name))
            combo.setEnabled(not info.resolved)
            self.diff.setCellWidget(row, DiffColumn.KEEP, combo)
        self.diff.resizeRowsToContents()
        self._update_buttons()

    def resolution_text(self, resolution: str | None) -> str:
        if resolution == MINE:
            return self.tr("Resolved: your version was kept.")
        if resolution == THEIRS:
            return self.tr("Resolved: their version was taken.")
        if resolution == "fields":
            return self.tr("Resolved: merged field by field.")
        return self.tr("Resolved.")

    def choice_combo(self, field: str) -> QComboBox | None:
        for row in range(self.diff.rowCount()):
            item = self.diff.item(row, DiffColumn.FIELD)
            if item is not None and item.data(ID_ROLE) == field:
                widget = self.diff.cellWidget(row, DiffColumn.KEEP)
                return widget if isinstance(widget, QComboBox) else None
        return None

    def set_choice(self, field: str, side: str) -> bool:
        combo = self.choice_combo(field)
        if combo is None or combo.findData(side) < 0:
            return False
        combo.setCurrentIndex(combo.findData(side))
        return True

    def field_choices(self) -> dict[str, str]:
        if self.detail is None:
            return {}
        found = {}
        for difference in self.detail.differences:
            combo = self.choice_combo(difference.field)
            found[difference.field] = str(combo.currentData()) if combo else MINE
        return found

    def _update_buttons(self) -> None:
        open_conflict = (self.detail is not None and not self.detail.info.resolved
                         and self._resolving is None)
        self.keep_mine_button.setEnabled(open_conflict)
        self.take_theirs_button.setEnabled(open_conflict)
        # Field by field needs both sides' fields (not a deletion) and something to pick.
        mergeable = (self.detail is not None and not self.detail.mine_deleted
                     and not self.detail.theirs_deleted and bool(self.detail.differences))
        self.merge_button.setEnabled(open_conflict and mergeable)
        self.show_resolved.setEnabled(self._resolving is None)

    # resolving

    @property
    def resolving(self) -> bool:
        return self._resolving is not None

    def keep_mine(self) -> bool:
        return self.resolve(MINE)

    def take_theirs(self) -> bool:
        return self.resolve(THEIRS)

    def merge(self) -> bool:
        return self.resolve("fields", self.field_choices())

    def resolve(self, choice: str, fields: Mapping[str, str] | None = None) -> bool:
        detail = self.detail
        if detail is None or detail.info.resolved or self._resolving is not None:
            return False
        info = detail.info
        service = self.service
        chosen = dict(fields) if fields is not None else None

        def done(stored: Any) -> None:
            self._resolving = None
            self.busy_bar.hide()
            self.setProperty("busy", False)
            # Named as it is now: taking their title renames the record.
            content = getattr(stored, "content", None) or {}
            title = str(content.get("title") or content.get("name") or info.title)
            self.show_message(self.tr("“{title}”: {how}").format(
                title=isolate(title), how=self.resolution_text(choice)))
            self.resolved.emit(info.record_id)
            # The resolved one leaves the list (unless resolved ones are shown).
            self.detail = None
            self.refresh(select=info.id if self.show_resolved.isChecked() else None)

        def failed(exc: Any) -> None:
            self._resolving = None
            self.busy_bar.hide()
            self.setProperty("busy", False)
            self._show_error(exc)
            self._update_buttons()

        self.error.clear_message()
        self.message.hide()
        self._resolving = self.runner.submit(lambda: service.resolve(info.id, choice, chosen),
                                             done, failed)
        self.busy_bar.show()
        self.setProperty("busy", True)
        self._update_buttons()
        return True

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _show_error(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        text = describe_error(exc)
        self.error.show_message(f"{text.title}: {text.full_text()}", text.kind)

    # closing

    def stop(self) -> None:
        if self._resolving is not None:
            self._resolving.cancel()
            self._resolving = None

    def done(self, result: int) -> None:
        self.stop()
        super().done(result)
