"""Receive a case package (Packages > Receive package…): choose the file; Casebook
first checks it without changing anything (a dry run: who sent it, when, what it
holds, what it would add and which conflicts it would open), then imports it on
"Import".

Both steps decrypt and check the whole package, so both run in the worker; the
import reports its progress. A refused package (altered, not from a verified
contact, out of order…) is explained through show_error and nothing is imported:
the import is one transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casebook.gui.contacts_page import fixed_font, role_text
from casebook.gui.content_dialog import ContentDialog
from casebook.gui.errors import show_error
from casebook.gui.form_widgets import busy_bar, heading, paragraph, value_label
from casebook.gui.incident_list_model import local_time
from casebook.gui.labels import isolate, standalone
from casebook.gui.package_send_dialog import (
    PACKAGE_SUFFIX,
    PROGRESS_SCALE,
    ContentsView,
    PackageText,
    number,
    relay_progress,
)
from casebook.gui.workers import ProgressRelay, Task, TaskRunner
from casebook.services.package_types import ImportOutcome
from casebook.services.packages import PackageService
from casebook.services.vault_service import VaultSession


class PackageReceiveDialog(ContentDialog):
    imported = Signal(object)  # ImportOutcome
    conflicts_requested = Signal()

    def __init__(self, runner: TaskRunner, session: VaultSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.setObjectName("package_receive_dialog")
        self.setWindowTitle(self.tr("Receive a package"))
        self.runner = runner
        self.service = PackageService(session)
        self.text = PackageText(self)
        self.package: Path | None = None
        self.preview: ImportOutcome | None = None
        self.outcome: ImportOutcome | None = None
        self.importing = False
        self.last_error: BaseException | None = None
        # Not ContentDialog's task: a check may be cancelled by closing, an import not.
        self._job: Task | None = None
        self._build()
        self._show_state()
        self.resize(780, 720)

    # construction

    def _build(self) -> None:
        title = heading(self.tr("Receive a package"))
        intro = paragraph(self.tr(
            "Choose a package a colleague sent you. Casebook first checks it and shows what "
            "it holds; nothing changes in your vault until you press Import. Nothing is "
            "ever overwritten: a record changed both here and by the sender is kept in both "
            "versions, as a conflict for you to resolve."))
        self.path = QLineEdit()
        self.path.setObjectName("receive_path")
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(self.tr("No package chosen"))
        self.choose_button = QPushButton(self.tr("C&hoose package…"))
        self.choose_button.setObjectName("choose_received_package")
        self.choose_button.clicked.connect(lambda _c=False: self.choose_file())
        path_row = QHBoxLayout()
        path_row.addWidget(QLabel(self.tr("Package:")))
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.choose_button)
        self._build_preview()
        self.busy_text = paragraph("", "receive_busy_text")
        self.busy_bar = busy_bar()
        self.progress = QProgressBar()
        self.progress.setObjectName("receive_progress")
        self.progress.setRange(0, PROGRESS_SCALE)
        self.progress.hide()
        self.result_label = paragraph("", "receive_result")
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = self._build_buttons()
        columns = QHBoxLayout()
        columns.addWidget(self.contents_box, 1)
        columns.addWidget(self.effect_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(path_row)
        layout.addWidget(self.sender_box)
        layout.addLayout(columns)
        layout.addWidget(self.effect_note)
        layout.addWidget(self.busy_text)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.progress)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(self.tr("&Import"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("import_package")
        self.conflicts_button = buttons.addButton(self.tr("Resolve &conflicts…"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.conflicts_button.setObjectName("open_conflicts")
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.import_button.clicked.connect(lambda _c=False: self.import_package())
        self.conflicts_button.clicked.connect(lambda _c=False: self.open_conflicts())
        buttons.rejected.connect(self.reject)
        return buttons

    def _build_preview(self) -> None:
        """The boxes filled by the check: sender, contents, what it would add."""
        self.sender_box = QGroupBox(self.tr("From"))
        self.sender_name = value_label("sender_name")
        self.sender_fingerprint = value_label("sender_fingerprint")
        self.sender_fingerprint.setFont(fixed_font())
        self.sender_verified = value_label("sender_verified")
        self.created = value_label("package_created")
        sender_form = QFormLayout(self.sender_box)
        sender_form.addRow(self.tr("Sender:"), self.sender_name)
        sender_form.addRow(self.tr("Fingerprint:"), self.sender_fingerprint)
        sender_form.addRow(self.tr("Contact:"), self.sender_verified)
        sender_form.addRow(self.tr("Made on:"), self.created)

        self.contents_box = QGroupBox(self.tr("It holds"))
        self.contents = ContentsView()
        self.contents.setObjectName("package_contents")
        QVBoxLayout(self.contents_box).addWidget(self.contents)

        self.effect_box = QGroupBox(self.tr("Importing it would add"))
        self.effect = ContentsView()
        self.effect.setObjectName("package_effect")
        # Under both boxes, full width: inside the box its wrapping squeezed the form.
        self.effect_note = paragraph("", "package_effect_note")
        self.effect_note.hide()
        effect_layout = QVBoxLayout(self.effect_box)
        effect_layout.addWidget(self.effect)
        effect_layout.addStretch(1)

    # state

    @property
    def running(self) -> bool:
        return self._job is not None

    def _show_state(self) -> None:
        shown = self.outcome or self.preview
        for box in (self.sender_box, self.contents_box, self.effect_box):
            box.setVisible(shown is not None)
        if shown is None:
            self.effect_note.hide()
        self.result_label.setVisible(bool(self.result_label.text()))
        done = self.outcome is not None
        self.import_button.setEnabled(
            not self.running and not done and self.preview is not None
            and not self.preview.already_imported)
        self.import_button.setVisible(not done)
        self.conflicts_button.setVisible(done and bool(self.outcome and self.outcome.conflicts))
        self.choose_button.setEnabled(not self.running)
        self.close_button.setEnabled(not self.importing)
        self.setProperty("busy", self.running)

    # choosing and checking

    def choose_file(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Choose a package"))
        dialog.setObjectName("choose_package_to_receive")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([self.tr("Case packages (*.{suffix})").format(
            suffix=PACKAGE_SUFFIX), self.tr("All files (*)")])
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DownloadLocation) or str(Path.home())
        dialog.setDirectory(folder)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda chosen: self.check(Path(chosen)))
        dialog.open()
        return dialog

    def check(self, path: Path) -> bool:
        """Check ``path`` without changing anything, then show what it would do."""
        if self.running:
            return False
        self.package = path
        self.preview = self.outcome = None
        self.last_error = None
        self.path.setText(standalone(str(path)))
        self.result_label.setText("")
        service = self.service

        def done(result: Any) -> None:
            self._finished()
            self.show_preview(result)

        self._start(lambda: service.import_package(path, dry_run=True), done,
                    self.tr("Checking the package: decrypting, checking the signature and "
                            "the sender's audit trail…"))
        return True

    def show_preview(self, outcome: ImportOutcome) -> None:
        self.preview = outcome
        self._show_sender(outcome)
        self.contents.set_rows(self.text.contents_rows(outcome.contents))
        self.effect_box.setTitle(self.tr("Importing it would add"))
        self._show_effect(outcome)
        if outcome.already_imported:
            self.result_label.setText(self.tr(
                "This package was imported before: importing it again would change nothing."))
        else:
            self.result_label.setText(self.tr(
                "The package checks out. Press Import to add it to your vault."))
        self._show_state()

    def _show_sender(self, outcome: ImportOutcome) -> None:
        sender = outcome.sender
        self.sender_name.setText(self.tr("{name} ({role})").format(
            name=isolate(sender.name), role=role_text(sender.role)))
        self.sender_fingerprint.setText(standalone(sender.fingerprint))
        if sender.verified:
            self.sender_verified.setText(self.tr("Verified in person"))
            self.sender_verified.setStyleSheet("color: #1b5e20;")
        else:
            self.sender_verified.setText(self.tr("Not verified"))
            self.sender_verified.setStyleSheet("color: #b3261e;")
        self.created.setText(standalone(local_time(outcome.created_at)))

    def _show_effect(self, outcome: ImportOutcome) -> None:
        rows = [
            (self.tr("New records:"), number(outcome.new_records)),
            (self.tr("New versions:"), number(outcome.new_versions)),
            (self.tr("New reviews:"), number(outcome.new_reviews)),
            (self.tr("New comments:"), number(outcome.new_comments)),
            (self.tr("New evidence files:"), number(outcome.new_evidence_files)),
            (self.tr("Conflicts:"), number(len(outcome.conflicts))),
        ]
        self.effect.set_rows(rows)
        count = len(outcome.conflicts)
        if count == 0:
            self.effect_note.setText("")
        elif outcome.dry_run:
            self.effect_note.setText(self.tr(
                "{count} records were changed both here and by the sender. Both versions "
                "will be kept; you choose afterwards, field by field if you like.").format(
                    count=number(count)))
        else:
            self.effect_note.setText(self.tr(
                "{count} records were changed both here and by the sender. Both versions "
                "were kept: resolve the conflicts to choose.").format(count=number(count)))
        self.effect_note.setVisible(count > 0)

    # importing

    def import_package(self) -> bool:
        if (self.running or self.package is None or self.preview is None
                or self.preview.already_imported or self.outcome is not None):
            return False
        path = self.package
        service = self.service
        relay = ProgressRelay(self.runner)
        relay.progressed.connect(self._show_progress)
        report = relay_progress(relay)
        self.importing = True
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Importing… %p%"))
        self.progress.show()

        def done(result: Any) -> None:
            self._finished()
            self.show_outcome(result)

        self._start(lambda: service.import_package(path, progress=report), done,
                    self.tr("Importing the package…"), relay=relay)
        return True

    def _show_progress(self, value: int) -> None:
        self.progress.setValue(value)

    def show_outcome(self, outcome: ImportOutcome) -> None:
        self.outcome = outcome
        self._show_sender(outcome)
        self.contents.set_rows(self.text.contents_rows(outcome.contents))
        self.effect_box.setTitle(self.tr("Added to your vault"))
        self._show_effect(outcome)
        if outcome.already_imported:
            text = self.tr("This package was imported before: nothing changed.")
        elif outcome.conflicts:
            text = self.tr("The package was imported. {count} conflicts are waiting for "
                           "you: press “Resolve conflicts…”.").format(
                               count=number(len(outcome.conflicts)))
        else:
            text = self.tr("The package was imported. The import is recorded in the audit "
                           "trail.")
        self.result_label.setText(text)
        self._show_state()
        self.imported.emit(outcome)

    def open_conflicts(self) -> None:
        """Close this dialog and ask the main window for the conflict view (this dialog
        is modal on it, so the view could not be used while it is open)."""
        if self.importing:
            return
        self.conflicts_requested.emit()
        if self.isVisible():  # nobody closed it on hearing the request
            self.accept()

    # jobs

    def _start(self, job: Any, done: Any, text: str, relay: ProgressRelay | None = None) -> None:
        def failed(exc: Any) -> None:
            self._finished()
            self.last_error = exc
            self.preview = None
            self.result_label.setText(self.tr("Nothing was imported."))
            self._show_state()
            show_error(self, exc)

        self.busy_text.setText(text)
        self.busy_text.show()
        self.busy_bar.setVisible(relay is None)
        self._job = self.runner.submit(job, done, failed,
                                        on_finished=relay.deleteLater if relay else None)
        self._show_state()

    def _finished(self) -> None:
        self._job = None
        self.importing = False
        self.busy_text.hide()
        self.busy_bar.hide()
        self.progress.hide()
        self._show_state()

    # closing

    def stop(self) -> None:
        """Forget a running job; an import still finishes in the worker (it is one
        transaction either way)."""
        if self._job is not None:
            self._job.cancel()
            self._job = None

    def reject(self) -> None:
        if self.importing and not self._locking:
            return  # closing would hide whether the package was imported
        self.stop()
        super().reject()

    def done(self, result: int) -> None:
        if self.importing and not self._locking:
            return
        self.stop()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.importing and not self._locking and self.isVisible():
            event.ignore()
            return
        super().closeEvent(event)
