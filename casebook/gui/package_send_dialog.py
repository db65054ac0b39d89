"""Send a case package (Packages > Send package…): choose verified contacts, what to
send (everything since the last package to them, or everything), see what that
holds, choose the file, and write it.

The plan (what would go) and the export both read the whole vault, so both run in
the worker; the export reports its progress through a ProgressRelay. A package is
signed with your key and encrypted to the recipients only (docs/packages.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QObject, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from casebook.gui.contacts_page import role_text
from casebook.gui.content_dialog import ContentDialog
from casebook.gui.errors import describe_error
from casebook.gui.form_widgets import ErrorLabel, busy_bar, heading, paragraph
from casebook.gui.labels import isolate, standalone
from casebook.gui.save_target import SaveTarget
from casebook.gui.workers import ProgressRelay, Task, TaskRunner
from casebook.services.contacts import ContactInfo, ContactService
from casebook.services.package_types import ExportResult, PackageContents, PackagePlan
from casebook.services.packages import PackageService
from casebook.services.vault_service import VaultSession

KEY_ROLE = Qt.ItemDataRole.UserRole
PACKAGE_SUFFIX = "casebook-package"
#: Progress is shown in thousandths: byte counts do not fit a Qt int signal.
PROGRESS_SCALE = 1000


def number(value: int) -> str:
    return QLocale().toString(value)


def data_size(size: int) -> str:
    return QLocale().formattedDataSize(size)


def relay_progress(relay: ProgressRelay) -> Callable[[int, int], None]:
    """A core progress callback (done, total; called on the worker thread) that hands
    the relay thousandths."""
    def report(done: int, total: int) -> None:
        relay.report(min(PROGRESS_SCALE, done * PROGRESS_SCALE // max(total, 1)))
    return report


class PackageText(QObject):
    """The words for what a package holds, shared by the send and receive dialogs
    (a class, so the strings land in a context of their own)."""

    def kind_label(self, kind: str) -> str:
        labels = {
            "incident": self.tr("Incidents"), "person": self.tr("Persons"),
            "involvement": self.tr("Links between incidents and persons"),
            "act": self.tr("Acts"), "statement": self.tr("Statements"),
            "consent": self.tr("Consents"), "evidence": self.tr("Evidence records"),
            "unit": self.tr("Units"), "place": self.tr("Places"),
            "qualification": self.tr("Legal qualifications"),
        }
        return labels.get(kind, kind)

    def contents_rows(self, contents: PackageContents) -> list[tuple[str, str]]:
        """(label, value) rows: the records by kind, then reviews, comments, files."""
        rows = [(self.tr("Records:"), self.tr("{records} ({versions} versions)").format(
            records=number(contents.records), versions=number(contents.versions)))]
        order = ("incident", "person", "involvement", "act", "statement", "consent",
                 "evidence", "unit", "place", "qualification")
        kinds = sorted(contents.by_kind, key=lambda k: (order.index(k) if k in order
                                                        else len(order), k))
        for kind in kinds:
            count = contents.by_kind[kind]
            if count:
                rows.append(("\u2003" + self.kind_label(kind) + ":", number(count)))
        rows += [
            (self.tr("Reviews:"), number(contents.reviews)),
            (self.tr("Comments:"), number(contents.comments)),
            (self.tr("Evidence files:"), self.tr("{files} ({size})").format(
                files=number(contents.evidence_files), size=data_size(contents.evidence_bytes))),
            (self.tr("Audit entries:"), number(contents.audit_entries)),
        ]
        return rows

    def recipients(self, contacts: Sequence[ContactInfo]) -> str:
        return ", ".join(isolate(c.name) for c in contacts)


class ContentsView(QWidget):
    """A form of label: value rows, rebuilt for each plan or package."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.rows: list[tuple[str, str]] = []

    def set_rows(self, rows: list[tuple[str, str]]) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.rows = list(rows)
        for label, value in rows:
            # Led by the interface's direction mark: a bare number has no direction of
            # its own and would sit at the far side of the form in Arabic.
            field = QLabel(standalone(value))
            field.setTextFormat(Qt.TextFormat.PlainText)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setWordWrap(True)
            self.form.addRow(QLabel(label), field)

    def value(self, label: str) -> str | None:
        return next((v for k, v in self.rows if k == label), None)


class PackageSendDialog(ContentDialog):
    sent = Signal(object)  # ExportResult
    contacts_requested = Signal()

    def __init__(self, runner: TaskRunner, session: VaultSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.setObjectName("package_send_dialog")
        self.setWindowTitle(self.tr("Send a package"))
        self.runner = runner
        self.service = PackageService(session)
        self.text = PackageText(self)
        self.contacts = ContactService(session).list()
        self.plan: PackagePlan | None = None
        self.export_result: ExportResult | None = None
        self.exporting = False
        self._plan_task: Task | None = None
        self._export_task: Task | None = None
        self._replan = False
        self._auto_path = True  # the path is still the one Casebook proposed
        self._build()
        self._fill_recipients()
        self._propose_path()
        self.replan()
        self.resize(760, 640)

    # construction

    def _build(self) -> None:
        title = heading(self.tr("Send a package"))
        intro = paragraph(self.tr(
            "A package carries records with all their versions, reviews, comments and "
            "evidence files. It is signed with your key and encrypted so that only the "
            "recipients can open it: carry it on a USB stick or send it any way you like."))
        recipients_box = self._build_recipients()
        what_box = self._build_what()
        path_row = self._build_path()
        self.progress = QProgressBar()
        self.progress.setObjectName("send_progress")
        self.progress.setRange(0, PROGRESS_SCALE)
        self.progress.hide()
        self.result_label = paragraph("", "send_result")
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(recipients_box, 1)
        layout.addWidget(what_box, 2)
        layout.addLayout(path_row)
        layout.addWidget(self.path_error)
        layout.addWidget(self.progress)
        layout.addWidget(self.result_label)
        layout.addWidget(self.error)
        layout.addWidget(self._build_buttons())

    def _build_recipients(self) -> QGroupBox:
        self.recipients = QListWidget()
        self.recipients.setObjectName("package_recipients")
        self.recipients.itemChanged.connect(lambda _item: self.replan())
        self.no_contacts = paragraph(self.tr(
            "You have no verified contacts yet. Import a colleague's card and verify it "
            "with them in person first."), "no_verified_contacts")
        self.contacts_button = QPushButton(self.tr("&Contacts…"))
        self.contacts_button.setObjectName("open_contacts")
        self.contacts_button.clicked.connect(lambda _c=False: self.contacts_requested.emit())
        box = QGroupBox(self.tr("To"))
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.recipients)
        note_row = QHBoxLayout()
        note_row.addWidget(self.no_contacts, 1)
        note_row.addWidget(self.contacts_button)
        box_layout.addLayout(note_row)
        return box

    def _build_what(self) -> QGroupBox:
        self.since_last = QRadioButton(self.tr("Everything new since the last package to them"))
        self.since_last.setObjectName("since_last")
        self.everything = QRadioButton(self.tr("Everything in the vault"))
        self.everything.setObjectName("send_everything")
        self.since_group = QButtonGroup(self)
        self.since_group.addButton(self.since_last)
        self.since_group.addButton(self.everything)
        self.since_last.setChecked(True)
        self.since_group.buttonToggled.connect(
            lambda _b, checked: self.replan() if checked else None)
        self.plan_note = paragraph("", "plan_note")
        # A wrapped label inside a box makes the box as tall as the text is at the box's
        # narrowest; a sensible minimum width keeps that from stretching the dialog.
        self.plan_note.setMinimumWidth(480)
        self.plan_note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        self.contents = ContentsView()
        self.contents.setObjectName("plan_contents")
        # Scrolled: a vault with many kinds of records must not make the dialog grow
        # (a dialog never shrinks back once its layout made it taller).
        self.contents_scroll = QScrollArea()
        self.contents_scroll.setObjectName("plan_contents_scroll")
        self.contents_scroll.setWidget(self.contents)
        self.contents_scroll.setWidgetResizable(True)
        self.contents_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.contents_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.contents_scroll.setMinimumHeight(160)
        self.contents_scroll.hide()
        self.plan_busy = busy_bar()
        box = QGroupBox(self.tr("What"))
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.since_last)
        box_layout.addWidget(self.everything)
        box_layout.addWidget(self.plan_note)
        box_layout.addWidget(self.contents_scroll, 1)
        box_layout.addStretch(0)  # takes the spare height while the contents are hidden
        box_layout.addWidget(self.plan_busy)
        return box

    def _build_path(self) -> QHBoxLayout:
        self.path = QLineEdit()
        self.path.setObjectName("package_path")
        self.path.setPlaceholderText(self.tr("Choose where to save the package"))
        self.path.textEdited.connect(lambda _t: self._path_edited())
        self.save = SaveTarget(self.path, suffix=PACKAGE_SUFFIX, parent=self)
        self.choose_button = QPushButton(self.tr("C&hoose…"))
        self.choose_button.setObjectName("choose_package_file")
        self.choose_button.clicked.connect(lambda _c=False: self.choose_file())
        self.path_error = ErrorLabel()
        self.path_error.setObjectName("package_path_error")
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Save as:")))
        row.addWidget(self.path, 1)
        row.addWidget(self.choose_button)
        return row

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        self.send_button = buttons.addButton(self.tr("&Send"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.send_button.setObjectName("send_package")
        self.open_folder_button = buttons.addButton(self.tr("Open &folder"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.open_folder_button.setObjectName("open_package_folder")
        self.open_folder_button.hide()
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.send_button.clicked.connect(lambda _c=False: self.send())
        self.open_folder_button.clicked.connect(lambda _c=False: self.open_folder())
        buttons.rejected.connect(self.reject)
        return buttons

    def _fill_recipients(self) -> None:
        self.recipients.blockSignals(True)
        self.recipients.clear()
        for contact in self.contacts:
            if contact.own:
                continue
            label = self.tr("{name} ({role})").format(name=isolate(contact.name),
                                                      role=role_text(contact.role))
            item = QListWidgetItem()
            item.setData(KEY_ROLE, contact.key_id)
            if contact.verified:
                item.setText(label)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            else:
                # Shown, so the person knows why a colleague is missing, but not choosable.
                item.setText(self.tr("{contact}: not verified. Verify the card with them "
                                     "in Contacts first.").format(contact=label))
                item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recipients.addItem(item)
        self.recipients.blockSignals(False)
        verified = any(c.verified and not c.own for c in self.contacts)
        self.no_contacts.setVisible(not verified)
        self.contacts_button.setVisible(not verified)

    # recipients and plan

    def item_for(self, ref: str) -> QListWidgetItem | None:
        for row in range(self.recipients.count()):
            item = self.recipients.item(row)
            contact = self._contact(str(item.data(KEY_ROLE)))
            if contact is not None and ref in (contact.key_id, contact.name):
                return item
        return None

    def set_recipient(self, ref: str, checked: bool = True) -> bool:
        """Tick (or untick) a verified contact by key id or name."""
        item = self.item_for(ref)
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            return False
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        return True

    def _contact(self, key_id: str) -> ContactInfo | None:
        return next((c for c in self.contacts if c.key_id == key_id), None)

    def chosen(self) -> list[ContactInfo]:
        found = []
        for row in range(self.recipients.count()):
            item = self.recipients.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                contact = self._contact(str(item.data(KEY_ROLE)))
                if contact is not None:
                    found.append(contact)
        return found

    def since(self) -> int | None:
        """None: since the last package to them; 0: everything."""
        return 0 if self.everything.isChecked() else None

    @property
    def planning(self) -> bool:
        return self._plan_task is not None

    def replan(self) -> None:
        """Work out again what would go (in the worker); a change while a plan is being
        made is planned once that one ends."""
        if self.exporting:
            return
        if self._plan_task is not None:
            self._replan = True
            return
        self.plan = None
        recipients = self.chosen()
        self._update_path_for(recipients)
        if not recipients:
            self.plan_note.setText(self.tr("Choose who the package is for."))
            self.contents.set_rows([])
            self.contents_scroll.hide()
            self._update_send()
            return
        refs = [c.key_id for c in recipients]
        since = self.since()
        service = self.service

        def done(result: Any) -> None:
            self._plan_finished()
            if not self._replan_if_needed():
                self.show_plan(result)

        def failed(exc: Any) -> None:
            self._plan_finished()
            if not self._replan_if_needed():
                self.plan_note.setText("")
                self._show_error(exc)
                self._update_send()

        self.error.clear_message()
        self.plan_note.setText(self.tr("Working out what to send…"))
        self._plan_task = self.runner.submit(lambda: service.plan(refs, since=since),
                                             done, failed)
        self.plan_busy.show()
        self._update_send()

    def _plan_finished(self) -> None:
        self._plan_task = None
        self.plan_busy.hide()

    def _replan_if_needed(self) -> bool:
        if self._replan:
            self._replan = False
            self.replan()
            return True
        return False

    def show_plan(self, plan: PackagePlan) -> None:
        self.plan = plan
        # Empty: nothing but audit entries (the last export's own, unlocking…), which
        # go with the next package that carries something.
        if plan.empty:
            text = self.tr("Nothing new to send: {names} already received everything up to "
                           "now. Choose “Everything in the vault” to send it all again.").format(
                               names=self.text.recipients(plan.recipients))
            if plan.contents.audit_entries:
                text += " " + self.tr(
                    "Newer entries of the audit trail ({count}: unlocking the vault, sending "
                    "a package…) go with the next package.").format(
                        count=number(plan.contents.audit_entries))
            self.plan_note.setText(text)
            self.contents.set_rows([])
            self.contents_scroll.hide()
        else:
            if plan.since_seq:
                note = self.tr("Everything after entry {seq} of the audit trail, the last "
                               "one already sent to them:").format(seq=number(plan.since_seq))
            elif self.since() is None:
                note = self.tr("Nothing was sent to them before, so everything in the vault:")
            else:
                note = self.tr("Everything in the vault:")
            self.plan_note.setText(note)
            rows = self.text.contents_rows(plan.contents)
            rows.append((self.tr("Estimated size:"), data_size(plan.estimated_bytes)))
            self.contents.set_rows(rows)
            self.contents_scroll.show()
        self._update_send()

    # the file

    def _propose_path(self) -> None:
        self.path.setText(str(self.default_path([])))

    def default_path(self, recipients: Sequence[ContactInfo]) -> Path:
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        # A proposal that cannot be used would keep Send off for no visible reason.
        folder = documents if documents and Path(documents).is_dir() else str(Path.home())
        today = datetime.now(UTC).strftime("%Y-%m-%d")
        names = "-".join("".join(ch if ch.isalnum() else "-" for ch in c.name).strip("-")
                         for c in recipients[:3])
        # The date before the names: after an Arabic name, bidi would reorder its digits.
        stem = f"package-{today}-{names}" if names else f"package-{today}"
        return Path(folder) / f"{stem}.{PACKAGE_SUFFIX}"

    def _update_path_for(self, recipients: Sequence[ContactInfo]) -> None:
        if self._auto_path:
            self.path.setText(str(self.default_path(recipients)))
        self._path_changed()

    def _path_edited(self) -> None:
        self._auto_path = False
        self._path_changed()

    def choose_file(self) -> QFileDialog:
        return self.save.choose(
            self, self.tr("Save the package as"),
            self.tr("Case packages (*.{suffix})").format(suffix=PACKAGE_SUFFIX),
            "choose_package_dialog", lambda path: self.set_file(path, replace=True))

    def set_file(self, path: Path, *, replace: bool = False) -> None:
        """Use ``path``; ``replace``: the person agreed to replace an existing file."""
        self._auto_path = False
        self.save.set_file(path, replace=replace)
        self._path_changed()

    def target(self) -> Path | None:
        return self.save.target()

    def path_problem(self) -> str | None:
        return self.save.problem(self.tr("Choose where to save the package."))

    def _path_changed(self) -> None:
        self.save.note_edited()
        problem = self.path_problem() if self.path.text().strip() else None
        if problem and not self._auto_path:
            self.path_error.show_message(problem)
        else:
            self.path_error.clear_message()
        self._update_send()

    # sending

    def can_send(self) -> bool:
        return (not self.exporting and self._plan_task is None and self.plan is not None
                and not self.plan.empty and bool(self.chosen())
                and self.path_problem() is None)

    def _update_send(self) -> None:
        self.send_button.setEnabled(self.can_send())
        busy = self.exporting
        for widget in (self.recipients, self.since_last, self.everything, self.path,
                       self.choose_button):
            widget.setEnabled(not busy)
        self.close_button.setEnabled(not busy)

    def send(self) -> bool:
        if not self.can_send():
            if self.path_problem() is not None:
                self.path_error.show_message(self.path_problem() or "")
            return False
        target = self.target()
        assert target is not None
        refs = [c.key_id for c in self.chosen()]
        since, overwrite = self.since(), self.save.overwrite()
        service = self.service
        relay = ProgressRelay(self.runner)
        relay.progressed.connect(self._show_progress)
        report = relay_progress(relay)
        self.error.clear_message()
        self.result_label.hide()
        self.open_folder_button.hide()
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Writing {file}… %p%").format(
            file=isolate(target.name)))
        self.progress.show()
        self.exporting = True

        def done(result: Any) -> None:
            self._export_finished()
            self.show_result(result)

        def failed(exc: Any) -> None:
            self._export_finished()
            self._show_error(exc)
            self.result_label.setText(self.tr("The package was not written."))
            self.result_label.show()

        self._export_task = self.runner.submit(
            lambda: service.export(refs, target, since=since, overwrite=overwrite,
                                   progress=report),
            done, failed, on_finished=relay.deleteLater)
        self.setProperty("busy", True)
        self._update_send()
        return True

    def _show_progress(self, value: int) -> None:
        self.progress.setValue(value)

    def _export_finished(self) -> None:
        self._export_task = None
        self.exporting = False
        self.progress.hide()
        self.setProperty("busy", False)
        self._update_send()

    def show_result(self, result: ExportResult) -> None:
        self.export_result = result
        self.result_label.setText(
            self.tr("The package was saved as:") + "\n" + standalone(str(result.path))
            + "\n\n" + self.tr("Size: {size}. Only {names} can open it. The sending is "
                               "recorded in the audit trail.").format(
                size=data_size(result.size),
                names=self.text.recipients(result.plan.recipients)))
        self.result_label.show()
        self.open_folder_button.show()
        self.save.forget_replace()
        self._auto_path = True
        self.sent.emit(result)
        # What is new for them starts after this package now.
        self.replan()

    def open_folder(self) -> bool:
        if self.export_result is None:
            return False
        return QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(self.export_result.path.parent)))

    def _show_error(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        text = describe_error(exc)
        self.error.show_message(f"{text.title}: {text.full_text()}", text.kind)

    # closing

    @property
    def busy(self) -> bool:
        return self._plan_task is not None or self._export_task is not None

    def stop(self) -> None:
        """Forget running jobs (the dialog is closing or the vault is locking); an
        export still finishes in the worker (a package is never left half-written)."""
        for task in (self._plan_task, self._export_task):
            if task is not None:
                task.cancel()
        self._plan_task = self._export_task = None

    def reject(self) -> None:
        if self.exporting and not self._locking:
            return  # closing would hide whether the package was written
        super().reject()

    def done(self, result: int) -> None:
        if self.exporting and not self._locking:
            return
        self.stop()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.exporting and not self._locking and self.isVisible():
            event.ignore()
            return
        super().closeEvent(event)
