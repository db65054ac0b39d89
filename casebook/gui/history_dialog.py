"""A record's history: every version (number, when, who, what was done: an edit, a
submission, an approval with its comment…) and, for the chosen one, what changed
from the version before, field by field. Contact details are masked."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casebook.gui.audit_model import action_label
from casebook.gui.content_dialog import ContentDialog
from casebook.gui.editor_context import EditorContext
from casebook.gui.form_widgets import read_only_rows
from casebook.gui.incident_list_model import local_time
from casebook.gui.labels import field_label, field_value_label, standalone
from casebook.services.audit import AuditFilter, AuditService
from casebook.services.records import FieldChange, VersionInfo, diff_contents
from casebook.services.review import ReviewService

MASK = "••••••"
SECRET_FIELDS = frozenset({"contact"})


def shown_value(field: str, value: Any) -> str:
    if value is None or value in ("", [], {}):
        return ""
    if field.split(".", maxsplit=1)[0] in SECRET_FIELDS:
        return MASK
    if isinstance(value, str):
        return field_value_label(field, value)
    return json.dumps(value, ensure_ascii=False)


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    read_only_rows(table)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class HistoryDialog(ContentDialog):
    def __init__(
        self, context: EditorContext, record_id: str, title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context.runner, parent)
        self.setObjectName("history_dialog")
        self.context = context
        self.record_id = record_id
        self.setWindowTitle(self.tr("History of “{title}”").format(title=title))
        self.versions_table = _table([self.tr("Version"), self.tr("Saved"), self.tr("By"),
                                      self.tr("What")])
        self.versions_table.setObjectName("versions")
        self.versions_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.changes_table = _table([self.tr("Field"), self.tr("Before"), self.tr("After")])
        self.changes_table.setObjectName("changes")
        self.changes_table.setWordWrap(True)
        header = self.changes_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.changes_label = QLabel()
        self.changes_label.setWordWrap(True)
        self.versions_table.currentCellChanged.connect(
            lambda row, *_rest: self.show_changes(row)
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.changes_label)
        lower_layout.addWidget(self.changes_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.versions_table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(760, 560)
        self.versions: list[VersionInfo] = []
        self.changes: list[FieldChange] = []
        self.refresh()

    def steps(self) -> dict[int, str]:
        """What made each version: the audited action, with a review decision's comment."""
        session = self.context.session
        actions = {row.object_version: row.action for row in
                   AuditService(session).log(AuditFilter(record=self.record_id))
                   if row.object_version is not None and row.object_id == self.record_id}
        comments = {item.record_version: item.text
                    for item in ReviewService(session).thread(self.record_id)
                    if item.decision is not None and item.text}
        found: dict[int, str] = {}
        for version, action in actions.items():
            text = action_label(action)
            if version in comments:
                text = self.tr("{action}: “{comment}”").format(action=text,
                                                              comment=comments[version])
            found[version] = text
        return found

    def refresh(self) -> None:
        self.versions = list(reversed(self.context.records.history(self.record_id)))
        steps = self.steps()
        self.versions_table.setRowCount(len(self.versions))
        for row, info in enumerate(self.versions):
            number = str(info.version)
            if info.tombstone:
                number = self.tr("{version} (deleted)").format(version=info.version)
            cells = [number, standalone(local_time(info.saved_at)),
                     self.context.user_name(info.saved_by), steps.get(info.version, "")]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.versions_table.setItem(row, column, item)
        if self.versions:
            self.versions_table.selectRow(0)
            self.show_changes(0)

    def show_changes(self, row: int) -> None:
        self.changes = []
        if not 0 <= row < len(self.versions):
            self.changes_table.setRowCount(0)
            return
        version = self.versions[row].version
        if version == 1:
            before: dict[str, Any] = {}
            after = self.context.records.version_content(self.record_id, 1)
            self.changes = diff_contents(before, after)
            self.changes_label.setText(self.tr("Version 1: the record as first saved."))
        else:
            self.changes = self.context.records.diff(self.record_id, version - 1, version)
            self.changes_label.setText(
                self.tr("Changes from version {older} to version {newer}:").format(
                    older=version - 1, newer=version)
            )
        self.changes_table.setRowCount(len(self.changes))
        for index, change in enumerate(self.changes):
            cells = [field_label(change.field), shown_value(change.field, change.before),
                     shown_value(change.field, change.after)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.changes_table.setItem(index, column, item)
        self.changes_table.resizeRowsToContents()
