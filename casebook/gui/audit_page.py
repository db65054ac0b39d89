"""The audit viewer (Vault > Audit trail): the trail newest first with filters (user,
action, record, dates), and the checks a supervisor shows a third party: Verify
(with the result in plain words), Verify against a checkpoint file kept elsewhere,
Save checkpoint, and (supervisors) the report of the filtered trail as CSV or PDF.

Reading, verifying and writing files all run in workers.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casebook.audit.checkpoint import Checkpoint
from casebook.audit.verify import Problem, VerifyReport
from casebook.domain.users import Role
from casebook.gui.audit_model import AuditColumn, AuditTableModel, action_label, action_labels
from casebook.gui.editor_context import EditorContext
from casebook.gui.errors import describe_error
from casebook.gui.field_widgets import western_digits
from casebook.gui.form_widgets import ErrorLabel, busy_bar, heading, read_only_rows
from casebook.gui.incident_list_model import local_time
from casebook.gui.labels import isolate
from casebook.gui.render.audit_report import ReportText, report_cells, write_audit_report
from casebook.gui.workers import Task
from casebook.services.audit import AuditFilter, AuditRow, AuditService, report_csv
from casebook.storage.atomic import atomic_write_bytes

FILTER_DELAY_MS = 300
#: A report names users and record ids: readable by its owner only.
REPORT_MODE = 0o600


class ReportFormat(StrEnum):
    CSV = "csv"
    PDF = "pdf"


class AuditPage(QWidget):
    """The workspace tab of the audit trail."""

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("audit_page")
        self.context = context
        self.service = AuditService(context.session)
        self.supervisor = context.session.user.role is Role.SUPERVISOR
        self.report: VerifyReport | None = None
        self._job: Task | None = None
        self._actions_task: Task | None = None
        self._stale = False
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filters)
        self._build_filters()
        self._build_table()
        self._build_tools()
        self._build_layout()
        self._load_actions()
        self.model.refresh()

    # construction

    def _build_filters(self) -> None:
        self.title = heading(self.tr("Audit trail"))
        self.user = QComboBox()
        self.user.setObjectName("audit_user")
        self.user.addItem(self.tr("Anyone"), "")
        for user in sorted(self.context.session.vault.users, key=lambda u: u.name.casefold()):
            self.user.addItem(user.name, user.name)
        self.action = QComboBox()
        self.action.setObjectName("audit_action")
        self.action.addItem(self.tr("Any action"), "")
        self.record = QLineEdit()
        self.record.setObjectName("audit_record")
        self.record.setPlaceholderText(self.tr("Record id"))
        self.record.setClearButtonEnabled(True)
        self.date_from = QLineEdit()
        self.date_from.setObjectName("audit_from")
        self.date_to = QLineEdit()
        self.date_to.setObjectName("audit_to")
        for edit in (self.date_from, self.date_to):
            edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
            edit.setClearButtonEnabled(True)
            edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("0000-00-00") * 2)
            edit.textChanged.connect(lambda _t: self._filter_timer.start())
        self.record.textChanged.connect(lambda _t: self._filter_timer.start())
        for combo in (self.user, self.action):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("audit_refresh")
        self.refresh_button.clicked.connect(lambda _checked=False: self.refresh())
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.setObjectName("audit_clear")
        self.clear_button.clicked.connect(lambda _checked=False: self.clear_filters())
        self.filter_error = ErrorLabel()
        self.filter_error.setObjectName("audit_filter_error")

    def _build_table(self) -> None:
        self.model = AuditTableModel(self.context.runner, self._fetch, self)
        self.model.loading_changed.connect(lambda _busy: self._set_busy())
        self.model.page_loaded.connect(self._show_count)
        self.model.load_failed.connect(self._show_error)
        self.view = QTableView()
        self.view.setObjectName("audit_view")
        self.view.setModel(self.model)
        read_only_rows(self.view)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        metrics = self.view.fontMetrics()
        widths = {AuditColumn.SEQ: "000000", AuditColumn.TIME: "0000-00-00 00:00  ",
                  AuditColumn.USER: "M" * 12, AuditColumn.ACTION: "M" * 14,
                  AuditColumn.OBJECT: "m" * 34}
        for column, sample in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.view.setColumnWidth(column, metrics.horizontalAdvance(sample))
        self.count = QLabel()
        self.count.setObjectName("audit_count")

    def _build_tools(self) -> None:
        self.verify_button = QPushButton(self.tr("Verify"))
        self.verify_button.setObjectName("verify_button")
        self.verify_button.clicked.connect(lambda _checked=False: self.verify())
        self.verify_against_button = QPushButton(self.tr("Verify against a checkpoint file…"))
        self.verify_against_button.setObjectName("verify_against_button")
        self.verify_against_button.clicked.connect(
            lambda _checked=False: self.choose_checkpoint_file())
        self.checkpoint_button = QPushButton(self.tr("Save checkpoint…"))
        self.checkpoint_button.setObjectName("save_checkpoint_button")
        self.checkpoint_button.clicked.connect(
            lambda _checked=False: self.choose_checkpoint_target())
        self.export_button = QPushButton(self.tr("Export report…"))
        self.export_button.setObjectName("export_report_button")
        self.export_menu = QMenu(self)
        self.export_csv_action = self.export_menu.addAction(
            self.tr("As CSV…"), lambda: self.choose_report_file(ReportFormat.CSV))
        self.export_pdf_action = self.export_menu.addAction(
            self.tr("As PDF…"), lambda: self.choose_report_file(ReportFormat.PDF))
        self.export_button.setMenu(self.export_menu)
        # Reports are for supervisors (docs/audit.md).
        self.export_button.setVisible(self.supervisor)
        self.verify_result = QLabel()
        self.verify_result.setObjectName("verify_result")
        self.verify_result.setWordWrap(True)
        self.verify_result.setTextFormat(Qt.TextFormat.PlainText)
        self.verify_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verify_result.hide()
        self.problems = QListWidget()
        self.problems.setObjectName("verify_problems")
        self.problems.setMaximumHeight(120)
        self.problems.setWordWrap(True)
        self.problems.hide()
        self.message = QLabel()
        self.message.setObjectName("audit_message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        self.error = ErrorLabel()
        self.busy_bar = busy_bar()

    def _build_layout(self) -> None:
        filters = QGridLayout()
        labels = ((self.tr("&User:"), self.user), (self.tr("&Action:"), self.action),
                  (self.tr("&Record:"), self.record), (self.tr("&From:"), self.date_from),
                  (self.tr("&To:"), self.date_to))
        for column, (text, widget) in enumerate(labels):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label, 0, column * 2)
            filters.addWidget(widget, 0, column * 2 + 1)
        filters.setColumnStretch(5, 1)
        filters.addWidget(self.clear_button, 0, len(labels) * 2)
        filters.addWidget(self.refresh_button, 0, len(labels) * 2 + 1)
        tools = QHBoxLayout()
        tools.addWidget(self.verify_button)
        tools.addWidget(self.verify_against_button)
        tools.addWidget(self.checkpoint_button)
        tools.addStretch(1)
        tools.addWidget(self.count)
        tools.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(filters)
        layout.addWidget(self.filter_error)
        layout.addWidget(self.view, 1)
        layout.addLayout(tools)
        layout.addWidget(self.verify_result)
        layout.addWidget(self.problems)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        self._inputs: list[QWidget] = [self.verify_button, self.verify_against_button,
                                       self.checkpoint_button, self.export_button]

    # reading

    def _fetch(self, where: AuditFilter, limit: int, offset: int) -> list[AuditRow]:
        return self.service.log(where, limit=limit, offset=offset, newest_first=True)

    def _load_actions(self) -> None:
        service = self.service

        def loaded(found: Any) -> None:
            self._actions_task = None
            current = self.action.currentData()
            self.action.blockSignals(True)
            while self.action.count() > 1:
                self.action.removeItem(1)
            for code in sorted(found, key=lambda c: action_label(c).casefold()):
                self.action.addItem(action_label(code), code)
                self.action.setItemData(self.action.count() - 1, code,
                                        Qt.ItemDataRole.ToolTipRole)
            index = self.action.findData(current)
            self.action.setCurrentIndex(max(index, 0))
            self.action.blockSignals(False)

        def failed(exc: Any) -> None:
            self._actions_task = None
            self._show_error(exc)

        self._actions_task = self.context.runner.submit(service.actions, loaded, failed)

    def refresh(self) -> None:
        """Read the trail again (new entries were written)."""
        self._stale = False
        self._load_actions()
        self.model.refresh()

    def mark_stale(self) -> None:
        self._stale = True

    def refresh_if_stale(self) -> None:
        if self._stale:
            self.refresh()

    def _show_count(self) -> None:
        shown = QLocale().toString(self.model.rowCount())
        if self.model.exhausted:
            self.count.setText(self.tr("{count} entries").format(count=shown))
        else:
            self.count.setText(self.tr("{count} entries so far (more as you scroll)").format(
                count=shown))

    # filters

    def _date(self, edit: QLineEdit) -> str | None:
        text = western_digits(edit.text()).strip()
        if not text:
            return None
        if not QDate.fromString(text, "yyyy-MM-dd").isValid():
            raise ValueError(text)
        return text

    def current_filter(self) -> AuditFilter | None:
        """The filter the inputs describe; None (with the error shown) for a bad date."""
        self.filter_error.clear_message()
        try:
            date_from, date_to = self._date(self.date_from), self._date(self.date_to)
        except ValueError as exc:
            self.filter_error.show_message(self.tr(
                "Not a date: {text}. Write dates as YYYY-MM-DD, e.g. 2025-03-07.").format(
                    text=isolate(str(exc))))
            return None
        return AuditFilter(user=self.user.currentData() or None,
                           action=self.action.currentData() or None,
                           record=self.record.text().strip() or None,
                           date_from=date_from, date_to=date_to)

    def apply_filters(self) -> None:
        self._filter_timer.stop()
        where = self.current_filter()
        if where is not None and where != self.model.filter:
            self.model.set_filter(where)

    def clear_filters(self) -> None:
        for combo in (self.user, self.action):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for edit in (self.record, self.date_from, self.date_to):
            edit.blockSignals(True)
            edit.clear()
            edit.blockSignals(False)
        self.apply_filters()

    @property
    def pending(self) -> bool:
        """A filter change is waiting for its pause."""
        return self._filter_timer.isActive()

    # jobs

    @property
    def busy(self) -> bool:
        return self._job is not None

    def _set_busy(self) -> None:
        busy = self._job is not None
        for widget in self._inputs:
            widget.setEnabled(not busy)
        self.busy_bar.setVisible(busy or self.model.loading)
        self.setProperty("busy", busy)

    def _run(self, job: Callable[[], Any], on_success: Callable[[Any], None]) -> bool:
        if self._job is not None:
            return False
        self.error.clear_message()
        self.message.hide()

        def done(result: Any) -> None:
            self._job = None
            self._set_busy()
            on_success(result)

        def failed(exc: Any) -> None:
            self._job = None
            self._set_busy()
            self._show_error(exc)

        self._job = self.context.runner.submit(job, done, failed)
        self._set_busy()
        return True

    def stop(self) -> None:
        """Forget running jobs (the tab is closing or the vault is locking)."""
        self._filter_timer.stop()
        self.model.stop()
        for task in (self._job, self._actions_task):
            if task is not None:
                task.cancel()
        self._job = self._actions_task = None

    def _show_error(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        text = describe_error(exc)
        self.error.show_message(f"{text.title}: {text.full_text()}", text.kind)

    def show_message(self, text: str) -> None:
        self.error.clear_message()
        self.message.setText(text)
        self.message.show()

    # verifying

    def verify(self, against: Path | None = None) -> bool:
        """Verify the whole trail (and, with ``against``, that it still passes through
        the checkpoint in that file), in a worker."""
        service = self.service

        def job() -> tuple[VerifyReport, Checkpoint | None]:
            checkpoint = service.read_checkpoint(against) if against is not None else None
            return service.verify(checkpoint), checkpoint

        def done(result: Any) -> None:
            report, checkpoint = result
            self.show_report(report, against, checkpoint)

        self.verify_result.hide()
        self.problems.hide()
        return self._run(job, done)

    def problem_text(self, problem: Problem) -> str:
        if problem.seq is None:
            return problem.what
        return self.tr("entry {seq}: {what}").format(seq=problem.seq, what=problem.what)

    def show_report(self, report: VerifyReport, against: Path | None = None,
                    checkpoint: Checkpoint | None = None) -> None:
        self.report = report
        self.problems.clear()
        first = report.first_problem
        if first is None:
            text = self.tr(
                "The audit trail verifies: {entries} entries, {checkpoints} signed "
                "checkpoints and {reviews} signed review decisions, all intact.").format(
                    entries=QLocale().toString(report.entries),
                    checkpoints=QLocale().toString(report.checkpoints),
                    reviews=QLocale().toString(report.reviews))
            if against is not None and checkpoint is not None:
                text += " " + self.tr(
                    "It still passes through the checkpoint in {file} (entry {seq}, "
                    "signed {when}).").format(file=isolate(against.name), seq=checkpoint.seq,
                                              when=local_time(checkpoint.at))
            self.verify_result.setStyleSheet("color: #1b5e20;")
            self.problems.hide()
        else:
            text = self.tr("The audit trail does NOT verify. First problem: {problem}.").format(
                problem=self.problem_text(first))
            count = len(report.problems)
            text += " " + (self.tr("1 problem in all:") if count == 1 else
                           self.tr("{count} problems in all:").format(
                               count=QLocale().toString(count)))
            text += " " + self.tr("keep this vault as it is and compare it with a backup or a "
                                  "checkpoint kept elsewhere.")
            for problem in report.problems:
                self.problems.addItem(self.problem_text(problem))
            self.verify_result.setStyleSheet("color: #b3261e;")
            self.problems.show()
        self.verify_result.setText(text)
        self.verify_result.show()

    def _file_dialog(self, title: str, name: str, filters: list[str], *, save: bool,
                     on_chosen: Callable[[Path], object], default: str = "") -> QFileDialog:
        dialog = QFileDialog(self, title)
        dialog.setObjectName(name)
        dialog.setNameFilters(filters)
        if save:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.selectFile(default)
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda chosen: on_chosen(Path(chosen)))
        dialog.open()
        return dialog

    def choose_checkpoint_file(self) -> QFileDialog:
        return self._file_dialog(
            self.tr("Choose a checkpoint file"), "choose_checkpoint_file",
            [self.tr("Checkpoint files (*.checkpoint)"), self.tr("All files (*)")],
            save=False, on_chosen=self.verify)

    # checkpoints

    def choose_checkpoint_target(self) -> QFileDialog:
        today = datetime.now(UTC).strftime("%Y-%m-%d")
        return self._file_dialog(
            self.tr("Save a checkpoint"), "choose_checkpoint_target",
            [self.tr("Checkpoint files (*.checkpoint)")], save=True,
            on_chosen=self.save_checkpoint, default=f"{today}.checkpoint")

    def save_checkpoint(self, path: Path) -> bool:
        """Sign the trail's head and write it to ``path`` (the file dialog asked before
        replacing a file)."""
        service = self.service

        def done(result: Any) -> None:
            assert isinstance(result, Checkpoint)
            self.show_message(self.tr(
                "A signed checkpoint of the trail (entry {seq}) was saved to {path}. Keep it "
                "away from this computer; later, “Verify against a checkpoint file…” proves "
                "the trail still passes through it.").format(
                    seq=result.seq, path=isolate(str(path))))

        return self._run(lambda: service.write_checkpoint(path, overwrite=True), done)

    # reports

    def choose_report_file(self, fmt: ReportFormat) -> QFileDialog | None:
        if not self.supervisor:
            return None
        today = datetime.now(UTC).strftime("%Y-%m-%d")
        filters = ([self.tr("CSV files (*.csv)")] if fmt is ReportFormat.CSV
                   else [self.tr("PDF files (*.pdf)")])
        return self._file_dialog(
            self.tr("Export the audit report to"), "choose_report_file", filters, save=True,
            on_chosen=lambda path: self.export_report(fmt, path),
            default=f"audit-trail-{today}.{fmt.value}")

    def report_text(self, where: AuditFilter) -> ReportText:
        """The PDF's words, translated here on the GUI thread."""
        if where.date_from and where.date_to:
            period = self.tr("Period: {start} to {end}").format(
                start=where.date_from, end=where.date_to)
        elif where.date_from:
            period = self.tr("Period: from {start}").format(start=where.date_from)
        elif where.date_to:
            period = self.tr("Period: until {end}").format(end=where.date_to)
        else:
            period = self.tr("Period: the whole trail")
        chosen = []
        if where.user:
            chosen.append(self.tr("user {name}").format(name=where.user))
        if where.action:
            chosen.append(self.tr("action {action}").format(action=action_label(where.action)))
        if where.record:
            chosen.append(self.tr("record {id}").format(id=where.record))
        filters = (self.tr("Filters: {list}").format(list=", ".join(chosen)) if chosen
                   else self.tr("Filters: none"))
        generated = self.tr("Generated: {when} UTC").format(
            when=datetime.now(UTC).strftime("%Y-%m-%d %H:%M"))
        rtl = QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        return ReportText(
            title=self.tr("Audit trail"),
            lines=(self.tr("Vault: {id}").format(id=self.context.session.vault.vault_id),
                   period, filters, generated, self.tr("Times are in UTC.")),
            headers=(self.tr("Entry"), self.tr("Time"), self.tr("User"), self.tr("Action"),
                     self.tr("Object"), self.tr("Details")),
            page=self.tr("Page {page} of {pages}"),
            empty=self.tr("No entries match these filters."),
            rtl=rtl)

    def export_report(self, fmt: ReportFormat, path: Path) -> bool:
        """Write the filtered trail (oldest first) to ``path`` as CSV or PDF."""
        where = self.current_filter()
        if where is None or not self.supervisor:
            return False
        service = self.service
        text = self.report_text(where)
        labels = action_labels()

        def job() -> int:
            rows = service.log(where)
            if fmt is ReportFormat.CSV:
                atomic_write_bytes(path, report_csv(rows).encode("utf-8"), mode=REPORT_MODE)
            else:
                cells = report_cells(rows, lambda code: labels.get(code, code))
                write_audit_report(path, cells, text)
            return len(rows)

        def done(count: Any) -> None:
            self.show_message(self.tr("The report ({count} entries) was saved to {path}.").format(
                count=QLocale().toString(int(count)), path=isolate(str(path))))

        return self._run(job, done)
