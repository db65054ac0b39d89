"""Importing a new version of the vault's taxonomy: what it changes, term by term
and with the records each change concerns, then (on request) applying it.

The file is read, checked and compared with the installed version in a worker;
applying it (and replacing deprecated terms on records, if asked) runs in a
worker too. A file that cannot update this vault is explained in plain words
through gui/errors.py, and nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casebook.gui.content_dialog import ContentDialog
from casebook.gui.errors import describe_error
from casebook.gui.form_widgets import ErrorLabel, busy_bar, heading
from casebook.gui.labels import isolate
from casebook.gui.taxonomy_model import ui_language
from casebook.gui.workers import TaskRunner
from casebook.services.taxonomy import TaxonomyService, UpdatePreview
from casebook.taxonomy.format import parse_taxonomy_bytes
from casebook.taxonomy.model import Taxonomy, Term, TermIndex, TermStatus
from casebook.taxonomy.update import TermChange


@dataclass(frozen=True)
class UpdateCheck:
    """What the worker found out about a taxonomy file."""

    taxonomy: Taxonomy
    preview: UpdatePreview
    #: Records carrying each code the update touches, and each deprecated code.
    usage: dict[str, int]
    #: Labels of terms of the vault and the file, to name replacements.
    index: TermIndex

    @property
    def deprecated_in_use(self) -> int:
        """Records that carry a deprecated term with a replacement (after the update)."""
        return sum(self.usage.get(t.code, 0) for t in self.taxonomy.terms()
                   if t.status is TermStatus.DEPRECATED and t.replaced_by)


@dataclass(frozen=True)
class UpdateOutcome:
    preview: UpdatePreview
    remapped: dict[str, int] = field(default_factory=dict)


def check_update_file(service: TaxonomyService, path: Path) -> UpdateCheck:
    taxonomy = parse_taxonomy_bytes(path.read_bytes(), source=path.name)
    preview = service.preview_update(taxonomy)
    codes = [c.code for _name, changes in preview.diff.sections() for c in changes]
    codes += [t.code for t in taxonomy.terms() if t.status is TermStatus.DEPRECATED]
    index = TermIndex([*service.schemes(), *taxonomy.schemes])
    return UpdateCheck(taxonomy, preview, service.usage(codes), index)


def apply_update_file(service: TaxonomyService, taxonomy: Taxonomy, remap: bool) -> UpdateOutcome:
    preview = service.apply_update(taxonomy)
    remapped = service.remap() if remap else {}
    return UpdateOutcome(preview, remapped)


class TaxonomyUpdateDialog(ContentDialog):
    applied = Signal(object)  # UpdateOutcome
    #: Applying failed part-way (the update may be installed without the remap).
    apply_failed = Signal()

    def __init__(
        self, runner: TaskRunner, service: TaxonomyService, path: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self.setObjectName("taxonomy_update_dialog")
        self.setWindowTitle(self.tr("Update the taxonomy"))
        self._service = service
        self.path = path
        self.check: UpdateCheck | None = None
        self._language = ui_language()

        self.heading = heading(self.tr("Update the taxonomy"))
        self.file_label = QLabel(self.tr("File: {name}").format(name=isolate(path.name)))
        self.file_label.setObjectName("update_file")
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary = QLabel(self.tr("Reading the file…"))
        self.summary.setObjectName("update_summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self._build_changes()
        self._build_notes()
        self.error = ErrorLabel()
        self.busy_bar = busy_bar()
        self.buttons = QDialogButtonBox()
        self.apply_button = QPushButton(self.tr("Apply update"))
        self.apply_button.setObjectName("apply_update")
        self.apply_button.setEnabled(False)
        self.apply_button.setDefault(True)
        self.buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.file_label)
        layout.addWidget(self.summary)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.keep_note)
        layout.addWidget(self.remap)
        layout.addWidget(self.remap_note)
        layout.addWidget(self.error)
        layout.addStretch(0)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self.resize(860, 640)

    def _build_changes(self) -> None:
        self.changes = QTreeWidget()
        self.changes.setObjectName("update_changes")
        self.changes.setColumnCount(4)
        self.changes.setHeaderLabels(
            [self.tr("Term"), self.tr("Code"), self.tr("Change"), self.tr("Records")])
        self.changes.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.changes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes.setWordWrap(True)
        header = self.changes.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column in (1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.changes.hide()

    def _build_notes(self) -> None:
        self.remap = QCheckBox(
            self.tr("Replace deprecated terms on records with their suggested replacements"))
        self.remap.setObjectName("update_remap")
        self.remap.setEnabled(False)
        self.remap.hide()
        self.remap_note = QLabel()
        self.remap_note.setObjectName("update_remap_note")
        self.remap_note.setWordWrap(True)
        self.remap_note.setTextFormat(Qt.TextFormat.PlainText)
        self.remap_note.hide()
        self.keep_note = QLabel(self.tr(
            "Every record keeps its tags. Deprecated and removed terms stay on the records "
            "that carry them, and are no longer offered for new tags."))
        self.keep_note.setObjectName("update_keep_note")
        self.keep_note.setWordWrap(True)
        self.keep_note.hide()

    # reading the file

    def start(self) -> None:
        if self.busy:
            return
        service, path = self._service, self.path
        self.run_job(lambda: check_update_file(service, path), self._checked, self._refused)

    def set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.apply_button.setEnabled(not busy and self._can_apply())
        self.remap.setEnabled(not busy and self._can_remap())
        self.cancel_button.setEnabled(not busy)

    def _can_apply(self) -> bool:
        return self.check is not None and self.check.preview.applicable

    def _can_remap(self) -> bool:
        return self._can_apply() and self.check is not None and (
            self.check.deprecated_in_use > 0)

    def _refused(self, exc: BaseException) -> None:
        self.check = None
        text = describe_error(exc)
        self.summary.setText(text.title)
        self.error.show_message(text.full_text(), text.kind)
        self.changes.hide()
        self.keep_note.hide()
        self.remap.hide()
        self.remap_note.hide()
        self.apply_button.setEnabled(False)
        self.remap.setEnabled(False)
        self.cancel_button.setText(self.tr("Close"))

    def _checked(self, check: UpdateCheck) -> None:
        self.check = check
        diff = check.preview.diff
        locale = QLocale()
        if not check.preview.applicable:
            self.summary.setText(self.tr(
                "This vault already has version {version} of taxonomy {id}. "
                "There is nothing to update.").format(
                    version=locale.toString(diff.new_version), id=isolate(diff.taxonomy_id)))
            self.cancel_button.setText(self.tr("Close"))
        elif diff.old_version is None:
            self.summary.setText(self.tr(
                "This vault has no shared taxonomy yet. Version {version} of {id} "
                "would be installed.").format(
                    version=locale.toString(diff.new_version), id=isolate(diff.taxonomy_id)))
        else:
            self.summary.setText(self.tr(
                "Taxonomy {id}: from version {old} to version {new}.").format(
                    id=isolate(diff.taxonomy_id), old=locale.toString(diff.old_version),
                    new=locale.toString(diff.new_version)))
        if check.preview.applicable:
            self._fill_changes(check)
            self.keep_note.show()
            self.remap.show()
        in_use = check.deprecated_in_use
        if in_use and check.preview.applicable:
            if in_use == 1:
                note = self.tr(
                    "1 record carries a deprecated term. Without this option it keeps it; "
                    "with it, the record gets the replacement (a new version, with history).")
            else:
                note = self.tr(
                    "{count} records carry a deprecated term. Without this option they keep "
                    "it; with it, each gets the replacement (a new version of the record, "
                    "with history).").format(count=locale.toString(in_use))
            self.remap_note.setText(note)
            self.remap_note.show()
        self.set_busy(False)

    # the list of changes

    def section_title(self, name: str, count: int) -> str:
        titles = {
            "added": self.tr("Added ({count})"),
            "relabelled": self.tr("Relabelled ({count})"),
            "moved": self.tr("Moved ({count})"),
            "deprecated": self.tr("Deprecated ({count})"),
            "reactivated": self.tr("Reactivated ({count})"),
            "removed": self.tr("Removed ({count})"),
        }
        return titles[name].format(count=QLocale().toString(count))

    def _fill_changes(self, check: UpdateCheck) -> None:
        self.changes.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        diff = check.preview.diff
        for name, changes in diff.sections():
            if not changes:
                continue
            section = QTreeWidgetItem([self.section_title(name, len(changes))])
            section.setData(0, Qt.ItemDataRole.UserRole, name)
            section.setFirstColumnSpanned(True)
            section.setFont(0, bold)
            self.changes.addTopLevelItem(section)
            for change in changes:
                section.addChild(self._change_item(name, change, check))
            section.setExpanded(True)
        if diff.schemes_added:
            self.changes.addTopLevelItem(QTreeWidgetItem([self.tr(
                "New schemes: {codes}").format(codes=", ".join(diff.schemes_added))]))
        if not self.changes.topLevelItemCount():
            self.changes.addTopLevelItem(QTreeWidgetItem(
                [self.tr("The terms are the same; only the version number changes.")]))
        self.changes.show()

    def _label(self, term: Term | None) -> str:
        return "" if term is None else term.label(self._language)

    def _change_item(self, section: str, change: TermChange, check: UpdateCheck
                     ) -> QTreeWidgetItem:
        term = change.after or change.before
        assert term is not None
        records = check.usage.get(change.code, 0)
        detail = ""
        if section == "relabelled" and change.before is not None and change.after is not None:
            old, new = self._label(change.before), self._label(change.after)
            detail = (self.tr("{old} → {new}").format(old=isolate(old), new=isolate(new))
                      if old != new else self.tr("Definition or other labels changed"))
        elif section == "moved" and change.after is not None:
            if change.after.parent is None:
                detail = self.tr("Now at the top of its scheme")
            else:
                detail = self.tr("Now under {term}").format(
                    term=isolate(check.index.label(change.after.parent, self._language)))
        elif section == "deprecated" and change.after is not None:
            if change.after.replaced_by:
                detail = self.tr("Use {term} ({code})").format(
                    term=isolate(check.index.label(change.after.replaced_by, self._language)),
                    code=isolate(change.after.replaced_by))
            else:
                detail = self.tr("No replacement given")
        elif section == "removed":
            detail = self.tr("Kept on records as a removed term")
        item = QTreeWidgetItem([
            self._label(change.after or change.before), f"\u2066{change.code}\u2069", detail,
            self._records_text(section, records),
        ])
        item.setData(0, Qt.ItemDataRole.UserRole, change.code)
        item.setData(3, Qt.ItemDataRole.UserRole, records)
        item.setToolTip(2, detail)
        return item

    def _records_text(self, section: str, records: int) -> str:
        if section == "added":
            return ""
        locale = QLocale()
        if section in ("deprecated", "removed"):
            if records == 0:
                return self.tr("No records")
            if records == 1:
                return self.tr("1 record keeps this term")
            return self.tr("{count} records keep this term").format(
                count=locale.toString(records))
        if records == 0:
            return self.tr("No records")
        if records == 1:
            return self.tr("1 record")
        return self.tr("{count} records").format(count=locale.toString(records))

    def items(self) -> dict[str, list[tuple[str, str, str]]]:
        """(code, change, records text) per section: what the list shows, for tests."""
        found: dict[str, list[tuple[str, str, str]]] = {}
        for i in range(self.changes.topLevelItemCount()):
            section = self.changes.topLevelItem(i)
            name = None if section is None else section.data(0, Qt.ItemDataRole.UserRole)
            if section is None or not name:
                continue
            rows = [section.child(j) for j in range(section.childCount())]
            found[str(name)] = [
                (str(row.data(0, Qt.ItemDataRole.UserRole)), row.text(2), row.text(3))
                for row in rows if row is not None
            ]
        return found

    # applying

    def apply(self) -> None:
        if self.busy or self.check is None or not self.check.preview.applicable:
            return
        self.error.clear_message()
        service, taxonomy = self._service, self.check.taxonomy
        remap = self.remap.isChecked() and self.remap.isEnabled()
        self.summary.setText(self.tr("Applying the update…"))
        self.run_job(lambda: apply_update_file(service, taxonomy, remap),
                     self._applied, self._apply_failed)

    def _applied(self, outcome: UpdateOutcome) -> None:
        self.applied.emit(outcome)
        self.accept()

    def _apply_failed(self, exc: BaseException) -> None:
        self._refused(exc)
        self.apply_failed.emit()
