"""The review panel of one incident (docs/audit.md, "Review workflow"): what changed
since the last approved version, the thread of comments and decisions, a comment
box, and the decisions the person's role allows: Submit for review (anyone, on a
draft or an incident needing changes), Approve and Request changes (supervisors,
on a submitted incident). Supervisors also see the legal qualification of the acts.

Everything is read and written in a worker; the panel shows a busy bar meanwhile
and reads everything again after each decision.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from casebook.domain.errors import ValidationError
from casebook.domain.records import IncidentStatus
from casebook.domain.users import Role
from casebook.gui.content_dialog import ContentDialog
from casebook.gui.editor_context import EditorContext
from casebook.gui.errors import show_error
from casebook.gui.form_widgets import ErrorLabel, busy_bar, heading
from casebook.gui.history_dialog import shown_value
from casebook.gui.incident_list_model import local_time
from casebook.gui.labels import code_label, field_label, isolate
from casebook.gui.qualification_panel import ActItem, QualificationsPanel, load_acts
from casebook.services.records import FieldChange, StoredRecord
from casebook.services.review import ApprovalCheck, Decision, ReviewService, ThreadItem

_CONTEXT = "Review"

_DECISIONS: dict[str | None, object] = {
    None: QT_TRANSLATE_NOOP("Review", "Comment"),
    Decision.SUBMIT: QT_TRANSLATE_NOOP("Review", "Submitted for review"),
    Decision.APPROVE: QT_TRANSLATE_NOOP("Review", "Approved"),
    Decision.REQUEST_CHANGES: QT_TRANSLATE_NOOP("Review", "Changes requested"),
}

# The core's reasons (ReviewService.approval), in words people read.
_APPROVAL_PROBLEMS = (
    ("the approval's signature does not verify",
     QT_TRANSLATE_NOOP("Review", "the approval's signature does NOT verify")),
    ("the approval is not signed by a supervisor",
     QT_TRANSLATE_NOOP("Review", "the approval is not signed by a supervisor of this vault")),
    ("the approved version is not the one stored",
     QT_TRANSLATE_NOOP("Review", "the approved version was altered after approval")),
)

#: Statuses from which an incident can be submitted.
SUBMITTABLE = frozenset({IncidentStatus.DRAFT.value, IncidentStatus.NEEDS_CHANGES.value})


def _t(text: object) -> str:
    return QCoreApplication.translate(_CONTEXT, str(text))


def decision_label(decision: str | None) -> str:
    source = _DECISIONS.get(decision)
    return _t(source) if source is not None else str(decision)


def approval_text(check: ApprovalCheck) -> str:
    """"Approved (version 5, Amal) — signature verifies", "Changed since approval…",
    or "" for a record never approved."""
    if check.approved_version is None:
        return ""
    name = isolate(check.reviewer_name)
    if check.valid:
        return _t(QT_TRANSLATE_NOOP(
            "Review", "Approved (version {version}, {name}) — signature verifies")).format(
                version=check.approved_version, name=name)
    for prefix, words in _APPROVAL_PROBLEMS:
        if check.reason.startswith(prefix):
            return _t(QT_TRANSLATE_NOOP(
                "Review", "Approval of version {version} ({name}) does NOT hold: {problem}")
            ).format(version=check.approved_version, name=name, problem=_t(words))
    return _t(QT_TRANSLATE_NOOP(
        "Review", "Changed since approval (version {version} was approved by {name})")).format(
            version=check.approved_version, name=name)


@dataclass(frozen=True)
class ReviewSnapshot:
    record: StoredRecord
    approval: ApprovalCheck
    approved_version: int | None
    changes: list[FieldChange]
    thread: list[ThreadItem]
    acts: list[ActItem] | None  # None: not read (not a supervisor)


def load_review(context: EditorContext, record_id: str, with_acts: bool) -> ReviewSnapshot:
    """Everything the panel shows (reads the database; run it in a worker)."""
    service = ReviewService(context.session)
    record = context.records.get(record_id)
    approved, changes = service.changes_since_approval(record_id)
    return ReviewSnapshot(record, service.approval(record_id), approved, changes,
                          service.thread(record_id),
                          load_acts(context, record_id) if with_acts else None)


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    for column in range(1, len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return table


class ReviewPanel(ContentDialog):
    """Review one incident. ``decided`` tells the workspace to refresh what shows it."""

    decided = Signal(str)  # record id, after a decision or a comment
    open_record_requested = Signal(str, str)  # kind, record id

    def __init__(self, context: EditorContext, record_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(context.runner, parent)
        self.setObjectName("review_panel")
        self.context = context
        self.record_id = record_id
        self.supervisor = context.session.user.role is Role.SUPERVISOR
        self.snapshot: ReviewSnapshot | None = None
        self._stale = False
        self.setWindowTitle(self.tr("Review"))
        self._build()
        self.resize(1000, 680)
        self.refresh()

    # construction

    def _build(self) -> None:
        self.title = heading("")
        self.title.setObjectName("review_title")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel()
        self.status.setObjectName("review_status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.approval = QLabel()
        self.approval.setObjectName("review_approval")
        self.approval.setTextFormat(Qt.TextFormat.PlainText)
        self.approval.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open the incident"))
        self.open_button.setObjectName("open_incident")
        self.open_button.clicked.connect(self._open_incident)
        self.left = self._build_left()
        right = self._build_right()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self._build_layout(splitter)

    def _build_left(self) -> QTabWidget:
        self.changes_label = QLabel()
        self.changes_label.setObjectName("changes_label")
        self.changes_label.setWordWrap(True)
        self.changes_table = _table([self.tr("Field"), self.tr("Approved version"),
                                     self.tr("Now")])
        self.changes_table.setObjectName("review_changes")
        changes = QWidget()
        changes_layout = QVBoxLayout(changes)
        changes_layout.addWidget(self.changes_label)
        changes_layout.addWidget(self.changes_table, 1)
        tabs = QTabWidget()
        tabs.setObjectName("review_tabs")
        tabs.addTab(changes, self.tr("Changes"))
        self.qualifications = QualificationsPanel(self.context)
        self.qualifications.changed.connect(self.refresh)
        if self.supervisor:
            tabs.addTab(self.qualifications, self.tr("Legal qualification"))
        else:
            self.qualifications.hide()
        return tabs

    def _build_right(self) -> QWidget:
        self.thread_list = QListWidget()
        self.thread_list.setObjectName("thread")
        self.thread_list.setWordWrap(True)
        self.thread_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.thread_list.setAlternatingRowColors(True)
        self.comment_box = QPlainTextEdit()
        self.comment_box.setObjectName("comment_box")
        self.comment_box.setPlaceholderText(self.tr(
            "A comment for the thread; it goes with a decision made now"))
        self.comment_box.setMaximumHeight(110)
        self.comment_error = ErrorLabel()
        self.comment_error.setObjectName("comment_error")
        self.comment_button = self._button(self.tr("Add comment"), "comment_button",
                                           self.add_comment)
        self.submit_button = self._button(self.tr("Submit for review"), "submit_button",
                                          lambda: self.decide(Decision.SUBMIT))
        self.request_changes_button = self._button(
            self.tr("Request changes"), "request_changes_button",
            lambda: self.decide(Decision.REQUEST_CHANGES))
        self.approve_button = self._button(self.tr("Approve"), "approve_button",
                                           lambda: self.decide(Decision.APPROVE))
        for button in (self.request_changes_button, self.approve_button):
            button.setVisible(self.supervisor)
            button.setEnabled(False)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        thread_label = QLabel(self.tr("Comments and decisions"))
        thread_label.setBuddy(self.thread_list)
        right_layout.addWidget(thread_label)
        right_layout.addWidget(self.thread_list, 1)
        right_layout.addWidget(self.comment_box)
        right_layout.addWidget(self.comment_error)
        decisions = QHBoxLayout()
        decisions.addWidget(self.comment_button)
        decisions.addStretch(1)
        decisions.addWidget(self.submit_button)
        decisions.addWidget(self.request_changes_button)
        decisions.addWidget(self.approve_button)
        right_layout.addLayout(decisions)
        return right

    def _build_layout(self, splitter: QSplitter) -> None:
        self.message = QLabel()
        self.message.setObjectName("review_message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.error = ErrorLabel()
        self.busy_bar = busy_bar()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.approval)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(buttons)

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # loading

    def refresh(self) -> None:
        """Read the incident, its changes and thread again (in a worker)."""
        if self.busy:
            self._stale = True
            return
        self._stale = False
        context, record_id, with_acts = self.context, self.record_id, self.supervisor
        self.run_job(lambda: load_review(context, record_id, with_acts), self._loaded,
                     self._load_failed)

    def _loaded(self, result: object) -> None:
        assert isinstance(result, ReviewSnapshot)
        self.snapshot = result
        self.error.clear_message()
        content = result.record.content
        self.title.setText(str(content.get("title") or self.tr("Untitled incident")))
        self.setWindowTitle(self.tr("Review of “{title}”").format(
            title=str(content.get("title") or "")))
        self.status.setText(self.tr("Status: {status} (version {version})").format(
            status=code_label("status", self.status_code()), version=result.record.version))
        approval = approval_text(result.approval)
        self.approval.setText(approval)
        self.approval.setVisible(bool(approval))
        self._show_changes(result)
        self._show_thread(result.thread)
        if result.acts is not None:
            self.qualifications.set_acts(result.acts)
        self._update_buttons()
        if self._stale:
            self.refresh()

    def _load_failed(self, exc: object) -> None:
        if isinstance(exc, BaseException):
            show_error(self, exc)

    def status_code(self) -> str:
        if self.snapshot is None:
            return ""
        return str(self.snapshot.record.content.get("status") or IncidentStatus.DRAFT.value)

    def _show_changes(self, snapshot: ReviewSnapshot) -> None:
        version = snapshot.approved_version
        if version is None:
            self.changes_label.setText(self.tr(
                "Never approved: everything in the record is new to the reviewer."))
            before = self.tr("Before")
        elif snapshot.changes:
            self.changes_label.setText(self.tr(
                "Changes since the approved version {version}:").format(version=version))
            before = self.tr("Approved version {version}").format(version=version)
        else:
            self.changes_label.setText(self.tr(
                "No changes since the approved version {version}.").format(version=version))
            before = self.tr("Approved version {version}").format(version=version)
        self.changes_table.setHorizontalHeaderLabels([self.tr("Field"), before, self.tr("Now")])
        self.changes_table.setRowCount(len(snapshot.changes))
        for row, change in enumerate(snapshot.changes):
            cells = [field_label(change.field), shown_value(change.field, change.before),
                     shown_value(change.field, change.after)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.changes_table.setItem(row, column, item)
        self.changes_table.resizeRowsToContents()

    def _show_thread(self, items: list[ThreadItem]) -> None:
        self.thread_list.clear()
        for entry in items:
            head = self.tr("{when} · {name} · version {version} · {what}").format(
                when=local_time(entry.at), name=isolate(entry.author_name),
                version=entry.record_version, what=decision_label(entry.decision))
            text = f"{head}\n{entry.text}" if entry.text else head
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, entry.decision or "")
            if entry.decision is not None:
                font = QFont(self.thread_list.font())
                font.setBold(True)
                item.setFont(font)
                color = {Decision.APPROVE: "#e3f1e3", Decision.REQUEST_CHANGES: "#fbe9e7"}
                item.setBackground(QBrush(QColor(color.get(entry.decision, "#e8eef7"))))
            self.thread_list.addItem(item)
        if items:
            self.thread_list.scrollToBottom()
        else:
            placeholder = QListWidgetItem(self.tr("No comments yet."))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.thread_list.addItem(placeholder)

    def thread_items(self) -> list[ThreadItem]:
        return list(self.snapshot.thread) if self.snapshot is not None else []

    # the buttons

    def set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.qualifications.set_busy(busy)
        self._update_buttons(busy)

    def _update_buttons(self, busy: bool | None = None) -> None:
        if busy is None:
            busy = self.busy
        loaded = self.snapshot is not None and not busy
        status = self.status_code()
        submitted = status == IncidentStatus.SUBMITTED.value
        self.comment_button.setEnabled(loaded)
        self.submit_button.setEnabled(loaded and status in SUBMITTABLE)
        self.submit_button.setVisible(status in SUBMITTABLE or not self.supervisor)
        for button in (self.approve_button, self.request_changes_button):
            button.setVisible(self.supervisor)
            button.setEnabled(self.supervisor and loaded and submitted)
        self.open_button.setEnabled(not busy)

    def _open_incident(self) -> None:
        self.open_record_requested.emit("incident", self.record_id)

    # decisions and comments

    def decide(self, decision: str) -> None:
        """Submit, approve or request changes, with the comment typed (if any)."""
        if self.busy or self.snapshot is None:
            return
        self.comment_error.clear_message()
        self.message.hide()
        comment = self.comment_box.toPlainText().strip()
        if decision == Decision.REQUEST_CHANGES and not comment:
            self.comment_error.show_message(self.tr(
                "Say what needs to change: a comment is required when asking for changes."))
            self.comment_box.setFocus()
            return
        service = ReviewService(self.context.session)
        record_id = self.record_id
        calls: dict[str, Callable[[], Any]] = {
            Decision.SUBMIT: lambda: service.submit(record_id, comment),
            Decision.APPROVE: lambda: service.approve(record_id, comment),
            Decision.REQUEST_CHANGES: lambda: service.request_changes(record_id, comment),
        }
        done = {
            Decision.SUBMIT: self.tr("The incident was submitted for review."),
            Decision.APPROVE: self.tr("The incident was approved."),
            Decision.REQUEST_CHANGES: self.tr("Changes were requested."),
        }[decision]
        self.run_job(calls[decision], lambda _stored: self._changed(done), self._failed)

    def add_comment(self) -> None:
        if self.busy:
            return
        self.comment_error.clear_message()
        self.message.hide()
        text = self.comment_box.toPlainText().strip()
        if not text:
            self.comment_error.show_message(self.tr("Write the comment first."))
            self.comment_box.setFocus()
            return
        service = ReviewService(self.context.session)
        record_id = self.record_id
        self.run_job(lambda: service.comment(record_id, text),
                     lambda _item: self._changed(self.tr("Your comment was added.")),
                     self._failed)

    def _changed(self, message: str) -> None:
        self.comment_box.clear()
        self.message.setText(message)
        self.message.show()
        self.decided.emit(self.record_id)
        self.refresh()

    def _failed(self, exc: object) -> None:
        if isinstance(exc, ValidationError):
            self.comment_error.show_message(exc.message)
            self.refresh()  # the incident may have moved on meanwhile
        elif isinstance(exc, BaseException):
            show_error(self, exc)


class RequestChangesDialog(ContentDialog):
    """Asks what needs to change (required) before changes are requested from the
    editor; ``commented`` carries the text."""

    commented = Signal(str)

    def __init__(self, runner: Any, title: str, parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.setObjectName("request_changes_dialog")
        self.setWindowTitle(self.tr("Request changes to “{title}”").format(title=title))
        label = QLabel(self.tr("Say what needs to change. The documenter sees this comment "
                               "in the incident's thread."))
        label.setWordWrap(True)
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("request_changes_comment")
        label.setBuddy(self.comment)
        self.error = ErrorLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton(self.tr("Request changes"),
                                           QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("request_changes_ok")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.comment, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, 300)

    def accept(self) -> None:
        text = self.comment.toPlainText().strip()
        if not text:
            self.error.show_message(self.tr(
                "Say what needs to change: a comment is required when asking for changes."))
            self.comment.setFocus()
            return
        super().accept()
        self.commented.emit(text)
