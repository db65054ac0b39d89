"""The audit trail as a lazy table: entries newest first, read a page at a time
(offset and limit) in a worker as the view scrolls, for the filter chosen."""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from casebook.gui.incident_list_model import local_time
from casebook.gui.render.audit_report import object_text
from casebook.gui.workers import Task, TaskRunner
from casebook.services.audit import AuditFilter, AuditRow

PAGE_SIZE = 200

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
SEQ_ROLE = Qt.ItemDataRole.UserRole

Fetch = Callable[[AuditFilter, int, int], list[AuditRow]]  # filter, limit, offset

_ACTIONS: dict[str, object] = {
    "vault-create": QT_TRANSLATE_NOOP("Audit", "Vault created"),
    "user-add": QT_TRANSLATE_NOOP("Audit", "User added"),
    "passwd": QT_TRANSLATE_NOOP("Audit", "Passphrase changed"),
    "login": QT_TRANSLATE_NOOP("Audit", "Unlocked"),
    "unlock-failed": QT_TRANSLATE_NOOP("Audit", "Failed unlock attempts"),
    "create": QT_TRANSLATE_NOOP("Audit", "Created"),
    "update": QT_TRANSLATE_NOOP("Audit", "Edited"),
    "delete": QT_TRANSLATE_NOOP("Audit", "Deleted"),
    "tag": QT_TRANSLATE_NOOP("Audit", "Tags changed"),
    "attach": QT_TRANSLATE_NOOP("Audit", "File attached"),
    "export-file": QT_TRANSLATE_NOOP("Audit", "File exported"),
    "import": QT_TRANSLATE_NOOP("Audit", "Imported"),
    "export": QT_TRANSLATE_NOOP("Audit", "Exported"),
    "taxonomy-install": QT_TRANSLATE_NOOP("Audit", "Taxonomy installed"),
    "taxonomy-update": QT_TRANSLATE_NOOP("Audit", "Taxonomy updated"),
    "taxonomy-remap": QT_TRANSLATE_NOOP("Audit", "Terms replaced"),
    "places-import": QT_TRANSLATE_NOOP("Audit", "Places imported"),
    "submit": QT_TRANSLATE_NOOP("Audit", "Submitted for review"),
    "approve": QT_TRANSLATE_NOOP("Audit", "Approved"),
    "request-changes": QT_TRANSLATE_NOOP("Audit", "Changes requested"),
    "review": QT_TRANSLATE_NOOP("Audit", "Review signed"),
    "comment": QT_TRANSLATE_NOOP("Audit", "Comment"),
    "view-sensitive": QT_TRANSLATE_NOOP("Audit", "Hidden field shown"),
    "draft-save": QT_TRANSLATE_NOOP("Audit", "Draft kept"),
    "draft-discard": QT_TRANSLATE_NOOP("Audit", "Draft discarded"),
    # Case packages (docs/packages.md, "Audit entries").
    "package-export": QT_TRANSLATE_NOOP("Audit", "Package sent"),
    "package-import": QT_TRANSLATE_NOOP("Audit", "Package received"),
    "merge": QT_TRANSLATE_NOOP("Audit", "Version received"),
    "conflict-open": QT_TRANSLATE_NOOP("Audit", "Conflict opened"),
    "conflict-update": QT_TRANSLATE_NOOP("Audit", "Conflict updated"),
    "resolve-conflict": QT_TRANSLATE_NOOP("Audit", "Conflict resolved"),
    "contact-import": QT_TRANSLATE_NOOP("Audit", "Contact card imported"),
    "contact-update": QT_TRANSLATE_NOOP("Audit", "Contact card replaced"),
    "contact-verify": QT_TRANSLATE_NOOP("Audit", "Contact verified"),
}


def action_label(action: str) -> str:
    """An audit action in words (an action Casebook does not know is shown as is)."""
    source = _ACTIONS.get(action)
    return QCoreApplication.translate("Audit", str(source)) if source else action


def action_labels() -> dict[str, str]:
    """Every known action's words, translated now (for a worker to use)."""
    return {code: action_label(code) for code in _ACTIONS}


def details_text(row: AuditRow) -> str:
    if not row.details:
        return ""
    return json.dumps(row.details, ensure_ascii=False, sort_keys=True)


class AuditColumn(IntEnum):
    SEQ = 0
    TIME = 1
    USER = 2
    ACTION = 3
    OBJECT = 4
    DETAILS = 5


class AuditTableModel(QAbstractTableModel):
    """Holds the entries read so far; ``fetchMore`` reads the next page in a worker."""

    loading_changed = Signal(bool)
    load_failed = Signal(object)  # the exception
    page_loaded = Signal()

    def __init__(self, runner: TaskRunner, fetch: Fetch, parent: Any = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._fetch = fetch
        self._filter = AuditFilter()
        self._rows: list[AuditRow] = []
        self._exhausted = False
        self._task: Task | None = None
        self._generation = 0
        self.pages_read = 0  # tests check the laziness
        self._headers = (self.tr("Entry"), self.tr("Time"), self.tr("User"),
                         self.tr("Action"), self.tr("Object"), self.tr("Details"))

    @property
    def filter(self) -> AuditFilter:
        return self._filter

    @property
    def loading(self) -> bool:
        return self._task is not None

    @property
    def exhausted(self) -> bool:
        return self._exhausted

    def rows(self) -> list[AuditRow]:
        return list(self._rows)

    def row_at(self, row: int) -> AuditRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def set_filter(self, where: AuditFilter) -> None:
        self._filter = where
        self.refresh()

    def refresh(self) -> None:
        """Forget what was read and read the first page again."""
        self.stop()
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._exhausted = False
        self.endResetModel()
        self.fetchMore(_ROOT)

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
            self.loading_changed.emit(False)

    # lazy pages

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return not (parent.isValid() or self._exhausted or self._task is not None)

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        fetch, where, offset = self._fetch, self._filter, len(self._rows)
        generation = self._generation

        def done(page: Any) -> None:
            self._task = None
            if generation == self._generation:
                self._append(list(page))
            self.loading_changed.emit(False)

        def failed(exc: Any) -> None:
            self._task = None
            self._exhausted = True  # no endless retries from the view
            self.loading_changed.emit(False)
            self.load_failed.emit(exc)

        self._task = self._runner.submit(lambda: fetch(where, PAGE_SIZE, offset), done, failed)
        self.loading_changed.emit(True)

    def _append(self, page: list[AuditRow]) -> None:
        self.pages_read += 1
        if len(page) < PAGE_SIZE:
            self._exhausted = True
        if page:
            first = len(self._rows)
            self.beginInsertRows(_ROOT, first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        self.page_loaded.emit()

    # the table

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(AuditColumn)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == SEQ_ROLE:
            return row.seq
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == AuditColumn.ACTION:
                return row.action
            if column == AuditColumn.USER:
                return row.actor
            if column == AuditColumn.TIME:
                return row.at
            return self.data(index)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == AuditColumn.SEQ:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        texts = {
            AuditColumn.SEQ: lambda: str(row.seq),
            AuditColumn.TIME: lambda: local_time(row.at),
            AuditColumn.USER: lambda: row.actor_name,
            AuditColumn.ACTION: lambda: action_label(row.action),
            AuditColumn.OBJECT: lambda: object_text(row),
            AuditColumn.DETAILS: lambda: details_text(row),
        }
        text = texts.get(AuditColumn(column)) if 0 <= column < len(AuditColumn) else None
        return text() if text is not None else None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None
