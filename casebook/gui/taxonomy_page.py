"""The taxonomy page: the vault's schemes and terms as a tree with the number of
incidents per term, a search in English and Arabic, the details of the selected
term, and the coordinator's tools: import an update, add a scheme from a CSV
thesaurus, export.

Everything that reads the database (the taxonomy, the counts, the records per
term) or writes a file runs in a worker; the page shows a progress bar meanwhile.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, QLocale, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from casebook.domain.records import RecordKind
from casebook.gui.editor_context import EditorContext
from casebook.gui.errors import describe_error
from casebook.gui.form_widgets import ErrorLabel, heading, value_label
from casebook.gui.labels import code_label, isolate, standalone
from casebook.gui.scheme_import_dialog import SchemeImportDialog
from casebook.gui.taxonomy_model import (
    Column,
    Node,
    TaxonomyFilterModel,
    TaxonomyTreeModel,
)
from casebook.gui.taxonomy_update_dialog import TaxonomyUpdateDialog, UpdateOutcome
from casebook.gui.workers import Task
from casebook.services.taxonomy import TaxonomyService, TermCount, UpdatePreview
from casebook.storage.atomic import atomic_write_bytes
from casebook.taxonomy.format import taxonomy_to_json
from casebook.taxonomy.model import Scheme, TermStatus
from casebook.taxonomy.thesaurus_csv import write_plain_csv, write_uwazi_csv

#: Exports are meant to be shared (they hold no case data).
EXPORT_MODE = 0o644


class ExportFormat(StrEnum):
    TAXONOMY_JSON = "json"
    UWAZI_CSV = "uwazi"
    PLAIN_CSV = "plain"


@dataclass(frozen=True)
class TaxonomySnapshot:
    installed: tuple[str, int] | None
    schemes: list[Scheme]
    counts: dict[str, TermCount]


def load_snapshot(
    service: TaxonomyService, report: Callable[[int, int], None]
) -> TaxonomySnapshot:
    """The vault's schemes and incidents per term; ``report`` gets the number of
    schemes counted so far and the number of schemes."""
    installed = service.installed()
    schemes = service.schemes()
    report(0, len(schemes))
    # One scan of the tags for every scheme (a scan per scheme was twelve scans).
    counts = {count.code: count
              for per_scheme in service.counts_all(RecordKind.INCIDENT).values()
              for count in per_scheme}
    report(len(schemes), len(schemes))
    return TaxonomySnapshot(installed, schemes, counts)


def export_bytes(service: TaxonomyService, fmt: ExportFormat, scheme: str | None) -> bytes:
    if fmt is ExportFormat.TAXONOMY_JSON:
        document = json.dumps(taxonomy_to_json(service.current_taxonomy()),
                              ensure_ascii=False, indent=2)
        return (document + "\n").encode("utf-8")
    assert scheme is not None
    found = service.scheme(scheme)
    text = write_uwazi_csv(found) if fmt is ExportFormat.UWAZI_CSV else write_plain_csv(found)
    return text.encode("utf-8")


class CountProgress(QObject):
    """Carries (done, total) from the counting job to the GUI thread (queued).
    Owned by the runner until the job ends, like workers.ProgressRelay."""

    progressed = Signal(int, int)

    def report(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)


class TermDetails(QWidget):
    """What the selected scheme or term is: labels and definitions in English and
    Arabic, legal reference, status and replacement, records that carry it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("term_details")
        self.title = heading("")
        self.title.setObjectName("details_title")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.code = value_label("details_code")
        self.label_en = value_label("details_label_en")
        self.label_ar = value_label("details_label_ar")
        self.definition_en = value_label("details_definition_en")
        self.definition_ar = value_label("details_definition_ar")
        self.legal_reference = value_label("details_legal_reference")
        self.status = value_label("details_status")
        self.applies_to = value_label("details_applies_to")
        self.records = value_label("details_records")
        self.incidents = value_label("details_incidents")
        # Each language on its own side, whatever the interface's direction.
        for widget, side in ((self.label_en, Qt.AlignmentFlag.AlignLeft),
                             (self.definition_en, Qt.AlignmentFlag.AlignLeft),
                             (self.label_ar, Qt.AlignmentFlag.AlignRight),
                             (self.definition_ar, Qt.AlignmentFlag.AlignRight)):
            widget.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute
                                | Qt.AlignmentFlag.AlignVCenter)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._rows: list[tuple[str, QLabel]] = [
            (self.tr("Code:"), self.code),
            (self.tr("English:"), self.label_en),
            (self.tr("Arabic:"), self.label_ar),
            (self.tr("Definition:"), self.definition_en),
            (self.tr("Definition (Arabic):"), self.definition_ar),
            (self.tr("Legal reference:"), self.legal_reference),
            (self.tr("Status:"), self.status),
            (self.tr("Applies to:"), self.applies_to),
            (self.tr("Incidents:"), self.incidents),
            (self.tr("Records tagged:"), self.records),
        ]
        for text, widget in self._rows:
            self.form.addRow(text, widget)
        self.empty = QLabel(self.tr("Choose a scheme or a term to see what it means."))
        self.empty.setObjectName("details_empty")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addLayout(self.form)
        layout.addStretch(1)
        self.clear()

    def _show_row(self, widget: QLabel, text: str) -> None:
        widget.setText(text)
        self.form.setRowVisible(widget, bool(text))

    def clear(self) -> None:
        self.title.setText("")
        self.empty.show()
        for _text, widget in self._rows:
            self._show_row(widget, "")

    def show_node(self, node: Node, model: TaxonomyTreeModel) -> None:
        self.empty.hide()
        language = model.language
        term = node.term
        labels = node.scheme.labels if term is None else term.labels
        definitions = node.scheme.definitions if term is None else term.definitions
        self.title.setText(node.scheme.label(language) if term is None else term.label(language))
        self._show_row(self.code, standalone(node.code))
        self._show_row(self.label_en, labels.get("en", ""))
        self._show_row(self.label_ar, labels.get("ar", ""))
        self._show_row(self.definition_en, definitions.get("en", ""))
        self._show_row(self.definition_ar, definitions.get("ar", ""))
        if term is None:
            self._show_row(self.legal_reference, "")
            self._show_row(self.status, self.tr("Added from a CSV file")
                           if node.scheme.origin.startswith("local:") else "")
            self._show_row(self.applies_to, ", ".join(
                code_label("kind", kind) for kind in node.scheme.applies_to))
            self._show_row(self.incidents, "")
            self._show_row(self.records, "")
            return
        self._show_row(self.legal_reference, term.legal_reference)
        status = model.status_text(term)
        if term.status is TermStatus.DEPRECATED and term.replaced_by:
            status = self.tr("Deprecated: use {term} ({code})").format(
                term=isolate(model.term_index.label(term.replaced_by, language)),
                code=isolate(term.replaced_by))
        elif term.status is TermStatus.REMOVED:
            status = self.tr("Removed: no longer in the taxonomy file; records tagged "
                             "with it keep it.")
        self._show_row(self.status, status)
        self._show_row(self.applies_to, "")
        count = model.count(term.code)
        if count is None:
            self._show_row(self.incidents, "")
        else:
            self._show_row(self.incidents, self.tr(
                "{total} (with narrower terms), {direct} with this term itself").format(
                    total=QLocale().toString(count.total),
                    direct=QLocale().toString(count.direct)))
        self._show_row(self.records, "…")

    def show_records(self, count: int) -> None:
        if count == 1:
            text = self.tr("1 record carries this term")
        else:
            text = self.tr("{count} records carry this term").format(
                count=QLocale().toString(count))
        self._show_row(self.records, text)


class TaxonomyPage(QWidget):
    """The workspace tab that shows and manages the vault's taxonomy."""

    #: The installed taxonomy or a scheme changed (pickers may reload their terms).
    taxonomy_changed = Signal()

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taxonomy_page")
        self.context = context
        self.service = TaxonomyService(context.session)
        self.snapshot: TaxonomySnapshot | None = None
        self._task: Task | None = None
        self._records_task: Task | None = None
        self._export_task: Task | None = None
        self._stale = False
        self._select_after_load: str | None = None
        self._build_tools()
        splitter = self._build_browser()
        self._build_layout(splitter)
        self.refresh()

    def _build_tools(self) -> None:
        self.title = heading(self.tr("Taxonomy"))
        self.version = QLabel()
        self.version.setObjectName("taxonomy_version")
        self.version.setTextFormat(Qt.TextFormat.PlainText)

        self.search = QLineEdit()
        self.search.setObjectName("taxonomy_search")
        self.search.setPlaceholderText(self.tr("Search terms in English or Arabic, or by code"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.show_removed = QCheckBox(self.tr("Show removed terms"))
        self.show_removed.setObjectName("show_removed")
        self.show_removed.toggled.connect(self._show_removed_toggled)

        self.import_button = QPushButton(self.tr("Import update…"))
        self.import_button.setObjectName("import_update")
        self.import_button.clicked.connect(self.choose_update_file)
        self.csv_button = QPushButton(self.tr("Add scheme from CSV…"))
        self.csv_button.setObjectName("add_scheme_csv")
        self.csv_button.clicked.connect(self._csv_clicked)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setObjectName("export_taxonomy")
        self.export_menu = QMenu(self)
        self.export_json_action = self.export_menu.addAction(
            self.tr("Whole taxonomy (JSON)…"),
            lambda: self.choose_export_file(ExportFormat.TAXONOMY_JSON))
        self.export_uwazi_action = self.export_menu.addAction(
            self.tr("Selected scheme as Uwazi CSV…"),
            lambda: self.choose_export_file(ExportFormat.UWAZI_CSV))
        self.export_plain_action = self.export_menu.addAction(
            self.tr("Selected scheme as plain CSV…"),
            lambda: self.choose_export_file(ExportFormat.PLAIN_CSV))
        self.export_menu.aboutToShow.connect(self._update_export_actions)
        self.export_button.setMenu(self.export_menu)

    def _build_browser(self) -> QSplitter:
        self.model = TaxonomyTreeModel(self)
        self.proxy = TaxonomyFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView()
        self.tree.setObjectName("taxonomy_tree")
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.LABEL, QHeaderView.ResizeMode.Stretch)
        for column in (Column.CODE, Column.INCIDENTS, Column.STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        metrics = self.tree.fontMetrics()
        self.tree.setColumnWidth(Column.CODE, metrics.horizontalAdvance("m" * 17))
        self.tree.setColumnWidth(Column.INCIDENTS, metrics.horizontalAdvance("0" * 8))
        self.tree.setColumnWidth(Column.STATUS, metrics.horizontalAdvance("M" * 15))
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)

        self.details = TermDetails()
        scroll = QScrollArea()
        scroll.setObjectName("details_scroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.details)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("taxonomy_splitter")
        splitter.addWidget(self.tree)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([700, 350])
        splitter.setChildrenCollapsible(False)
        return splitter

    def _build_layout(self, splitter: QSplitter) -> None:
        self.progress = QProgressBar()
        self.progress.setObjectName("busy")
        self.progress.setMaximumHeight(14)
        self.progress.hide()
        self.message = QLabel()
        self.message.setObjectName("taxonomy_message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.hide()
        self.error = ErrorLabel()

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.version, 1)
        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.show_removed)
        tools.addSpacing(12)
        tools.addWidget(self.import_button)
        tools.addWidget(self.csv_button)
        tools.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(tools)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        self._inputs: list[QWidget] = [self.import_button, self.csv_button, self.export_button]

    # loading

    @property
    def busy(self) -> bool:
        return self._task is not None

    def refresh(self) -> None:
        """Read the taxonomy and count the incidents per term again (in a worker)."""
        if self._task is not None:
            self._stale = True
            return
        self._stale = False
        self.error.clear_message()
        relay = CountProgress(self.context.runner)
        relay.progressed.connect(self._show_progress)
        service = self.service
        self.progress.setRange(0, 0)
        self._task = self.context.runner.submit(
            lambda: load_snapshot(service, relay.report), self._loaded, self._load_failed,
            on_finished=relay.deleteLater,
        )
        self._set_busy()

    def mark_stale(self) -> None:
        """Records changed: count again the next time the page is shown."""
        self._stale = True

    def refresh_if_stale(self) -> None:
        if self._stale:
            self.refresh()

    def _show_progress(self, done: int, total: int) -> None:
        if self._task is None or total <= 0:
            return
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _loaded(self, result: object) -> None:
        self._task = None
        self._set_busy()
        assert isinstance(result, TaxonomySnapshot)
        selected = self._select_after_load or self.selected_code()
        self._select_after_load = None
        self.snapshot = result
        self.model.set_taxonomy(result.schemes, result.counts)
        if result.installed is None:
            self.version.setText(self.tr("No shared taxonomy installed"))
        else:
            self.version.setText(self.tr("Taxonomy {id}, version {version}").format(
                id=isolate(result.installed[0]),
                version=QLocale().toString(result.installed[1])))
        self._filter_changed()
        self.details.clear()
        if selected:
            self.select_code(selected)
        if self._stale:
            self.refresh()

    def _load_failed(self, exc: object) -> None:
        self._task = None
        self._set_busy()
        self._show_error(exc)

    def _set_busy(self) -> None:
        """Buttons off and the progress bar shown while the counts load or a file is
        written."""
        busy = self._task is not None or self._export_task is not None
        for widget in self._inputs:
            widget.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.setProperty("busy", busy)

    def stop(self) -> None:
        """Forget running jobs (the tab is closing, or the vault is locking)."""
        for task in (self._task, self._records_task, self._export_task):
            if task is not None:
                task.cancel()
        self._task = self._records_task = self._export_task = None

    # messages

    def _show_error(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        text = describe_error(exc)
        self.message.hide()
        self.error.show_message(f"{text.title}: {text.full_text()}", text.kind)

    def show_message(self, text: str) -> None:
        self.error.clear_message()
        self.message.setText(text)
        self.message.show()

    # searching and browsing

    def _search_changed(self, text: str) -> None:
        self.proxy.set_query(text)
        self._filter_changed()

    def _show_removed_toggled(self, checked: bool) -> None:
        self.proxy.set_show_removed(checked)
        self._filter_changed()

    def _filter_changed(self) -> None:
        if self.proxy.query:
            self.tree.expandAll()
        else:
            self.tree.collapseAll()
            current = self.tree.currentIndex()
            if current.isValid():
                self.tree.scrollTo(current)

    def selected_node(self) -> Node | None:
        indexes = self.tree.selectionModel().selectedRows(0)
        if not indexes:
            return None
        return TaxonomyTreeModel.node(self.proxy.mapToSource(indexes[0]))

    def selected_code(self) -> str | None:
        node = self.selected_node()
        return None if node is None else node.code

    def select_code(self, code: str) -> bool:
        """Select (and scroll to) a scheme or term by code; False if it is not shown."""
        index = self.proxy.mapFromSource(self.model.index_of(code))
        if not index.isValid():
            return False
        self.tree.scrollTo(index)
        self.tree.setCurrentIndex(index)
        return True

    def visible_codes(self) -> list[str]:
        """Codes the tree shows (whatever is collapsed), in order: for tests."""
        found: list[str] = []

        def walk(parent: QModelIndex) -> None:
            for row in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(row, 0, parent)
                node = TaxonomyTreeModel.node(self.proxy.mapToSource(index))
                if node is not None:
                    found.append(node.code)
                walk(index)

        walk(QModelIndex())
        return found

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._records_task is not None:
            self._records_task.cancel()
            self._records_task = None
        node = self.selected_node()
        if node is None:
            self.details.clear()
            return
        self.details.show_node(node, self.model)
        if node.term is None:
            return
        code = node.term.code
        service = self.service

        def shown(usage: Any) -> None:
            self._records_task = None
            if self.selected_code() == code:
                self.details.show_records(int(usage.get(code, 0)))

        def failed(exc: Any) -> None:
            self._records_task = None
            self._show_error(exc)

        self._records_task = self.context.runner.submit(
            lambda: service.usage([code]), shown, failed)

    # importing an update

    def choose_update_file(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Choose a taxonomy file"))
        dialog.setObjectName("choose_taxonomy_file")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([self.tr("Taxonomy files (*.json)"), self.tr("All files (*)")])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.open_update(Path(name)))
        dialog.open()
        return dialog

    def open_update(self, path: Path) -> TaxonomyUpdateDialog:
        """Show what the taxonomy file at ``path`` would change, and apply it on request."""
        dialog = TaxonomyUpdateDialog(self.context.runner, self.service, path, self)
        dialog.applied.connect(self._update_applied)
        dialog.apply_failed.connect(self._update_failed)
        dialog.show()
        dialog.start()
        return dialog

    def _update_applied(self, outcome: object) -> None:
        assert isinstance(outcome, UpdateOutcome)
        diff = outcome.preview.diff
        text = self.tr("The taxonomy was updated to version {version}.").format(
            version=QLocale().toString(diff.new_version))
        changed = sum(outcome.remapped.values())
        if changed == 1:
            text += " " + self.tr("1 record now uses the suggested replacements.")
        elif changed:
            text += " " + self.tr("{count} records now use the suggested replacements.").format(
                count=QLocale().toString(changed))
        self.show_message(text)
        self.taxonomy_changed.emit()
        self.refresh()

    def _update_failed(self) -> None:
        self.taxonomy_changed.emit()
        self.refresh()

    # adding a scheme from CSV

    def _csv_clicked(self) -> None:
        self.open_csv_import()

    def open_csv_import(self, path: Path | None = None) -> SchemeImportDialog:
        dialog = SchemeImportDialog(self.context.runner, self.service, self, path)
        dialog.imported.connect(self._scheme_imported)
        dialog.show()
        return dialog

    def _scheme_imported(self, code: str, preview: object) -> None:
        assert isinstance(preview, UpdatePreview)
        if not preview.applicable:
            self.show_message(self.tr(
                "Scheme {code} already has exactly these terms; nothing was changed.").format(
                    code=isolate(code)))
        elif preview.diff.old_version is None:
            self.show_message(self.tr("Scheme {code} was added with {count} terms.").format(
                code=isolate(code), count=QLocale().toString(len(preview.diff.added))))
        else:
            self.show_message(self.tr("Scheme {code} was updated from the CSV file.").format(
                code=isolate(code)))
        self.taxonomy_changed.emit()
        self._select_after_load = code
        self.refresh()

    # exporting

    def _update_export_actions(self) -> None:
        has_scheme = self.selected_node() is not None
        self.export_uwazi_action.setEnabled(has_scheme)
        self.export_plain_action.setEnabled(has_scheme)
        self.export_json_action.setEnabled(
            self.snapshot is not None and self.snapshot.installed is not None)

    def choose_export_file(self, fmt: ExportFormat) -> QFileDialog | None:
        node = self.selected_node()
        scheme = None if node is None else node.scheme.code
        if fmt is ExportFormat.TAXONOMY_JSON:
            installed = self.snapshot.installed if self.snapshot is not None else None
            if installed is None:
                return None
            name = f"{installed[0]}-v{installed[1]}.json"
            filters = [self.tr("Taxonomy files (*.json)")]
        else:
            if scheme is None:
                return None
            suffix = "uwazi" if fmt is ExportFormat.UWAZI_CSV else "plain"
            name = f"{scheme}-{suffix}.csv"
            filters = [self.tr("CSV files (*.csv)")]
        dialog = QFileDialog(self, self.tr("Export to"))
        dialog.setObjectName("choose_export_file")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters(filters)
        dialog.selectFile(name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda chosen: self.export_to(fmt, Path(chosen), scheme))
        dialog.open()
        return dialog

    def export_to(self, fmt: ExportFormat, path: Path, scheme: str | None = None) -> None:
        """Write the taxonomy (JSON) or one scheme (CSV) to ``path``, atomically."""
        if self._export_task is not None:
            return
        service = self.service

        def job() -> Path:
            atomic_write_bytes(path, export_bytes(service, fmt, scheme), mode=EXPORT_MODE)
            return path

        def done(_result: object) -> None:
            self._export_task = None
            self._set_busy()
            self.show_message(self.tr("Exported to {path}.").format(path=isolate(str(path))))

        def failed(exc: object) -> None:
            self._export_task = None
            self._set_busy()
            self._show_error(exc)

        if self._task is None:
            self.progress.setRange(0, 0)
        self._export_task = self.context.runner.submit(job, done, failed)
        self._set_busy()

    @property
    def exporting(self) -> bool:
        return self._export_task is not None

