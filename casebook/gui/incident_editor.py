"""The incident editor: the incident's own fields, the people linked to it with their
role, its acts, statements and evidence files, in pages of one tab.

The incident's fields and its links are edited in place (undoable, saved with
Ctrl+S). Acts, statements and files are records of their own: they are saved when
their dialog is saved (or the file is added); an incident that was never saved is
saved first, since they need its id.

The status is not edited here: it changes through review (docs/audit.md). The
editor shows it with the approval's state, and the decisions the person's role
allows as buttons; each runs in a worker, then the editor reads the incident again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from casebook.domain.errors import ValidationError
from casebook.domain.records import IncidentStatus, RecordKind
from casebook.domain.users import Role
from casebook.gui.acts import ActDialog, ActsPanel
from casebook.gui.drafts import EditorSnapshot
from casebook.gui.errors import show_error
from casebook.gui.evidence_panel import EvidencePanel
from casebook.gui.field_widgets import PartialDateEdit, code_combo, western_digits
from casebook.gui.form_widgets import busy_bar
from casebook.gui.labels import code_choices, code_label
from casebook.gui.people_panel import AddPersonDialog, Link, NewPersonDialog, PeoplePanel
from casebook.gui.place_picker import PlaceField
from casebook.gui.record_dialog import RecordDialog
from casebook.gui.record_editor import RecordEditor
from casebook.gui.review_panel import SUBMITTABLE, RequestChangesDialog, approval_text
from casebook.gui.statements import StatementDialog, StatementsPanel
from casebook.gui.tag_chips import TagChips, parse_codes
from casebook.gui.taxonomy_picker import tag_schemes_for
from casebook.gui.workers import Task
from casebook.services.incidents import save_incident
from casebook.services.records import StoredRecord
from casebook.services.review import ApprovalCheck, Decision, ReviewService

DETAILS, PEOPLE, ACTS, STATEMENTS, EVIDENCE = range(5)


class IncidentEditor(RecordEditor):
    kind = RecordKind.INCIDENT
    review_requested = Signal(str)  # record id: open its review panel
    reviewed = Signal(str)  # record id: a decision was made here

    def build(self) -> None:
        self.setObjectName("incident_editor")
        self._review_task: Task | None = None
        self._approval_task: Task | None = None
        self.request_changes_dialog: RequestChangesDialog | None = None
        self.pages = QTabWidget()
        self.pages.setObjectName("incident_pages")
        self.pages.setDocumentMode(True)
        self.pages.addTab(self._details_page(), self.tr("Details"))
        self.people = PeoplePanel()
        self.people.setObjectName("people")
        self.form.bind("links", self.tr("People"), self.people.value, self.people.set_value,
                       self.people.changed, focus=self.people.table)
        self.people.add_requested.connect(self.add_person)
        self.people.open_person_requested.connect(
            lambda person_id: self.open_record_requested.emit(RecordKind.PERSON.value,
                                                              person_id)
        )
        self.acts = ActsPanel(self.context, lambda: self.record_id, self.ensure_saved,
                              self.people.value)
        self.acts.setObjectName("acts")
        self.statements = StatementsPanel(self.context, lambda: self.record_id,
                                          self.ensure_saved, self.people.value)
        self.statements.setObjectName("statements")
        self.evidence = EvidencePanel(self.context, lambda: self.record_id, self.ensure_saved)
        for page, title in ((self.people, self.tr("People")), (self.acts, self.tr("Acts")),
                            (self.statements, self.tr("Statements")),
                            (self.evidence, self.tr("Evidence"))):
            self.pages.addTab(page, title)
        for signal in (self.people.changed, self.acts.changed, self.statements.changed,
                       self.evidence.files_changed):
            signal.connect(self._update_page_titles)
        self.form.stack.indexChanged.connect(lambda _i: self._update_page_titles())
        self.body.addWidget(self.pages)
        self.setFocusProxy(self.title)
        self.add_person_dialog: AddPersonDialog | None = None
        self.new_person_dialog: NewPersonDialog | None = None

    def _make_inputs(self) -> None:
        self.title = QLineEdit()
        self.title.setObjectName("title")
        self.title.setPlaceholderText(self.tr("A short description of what happened"))
        self.form.bind_line("title", self.tr("Title"), self.title)
        self.date_start = PartialDateEdit()
        self.date_start.setObjectName("date_start")
        self.form.bind_line("date_start", self.tr("Start date"), self.date_start)
        self.date_end = PartialDateEdit()
        self.date_end.setObjectName("date_end")
        self.form.bind_line("date_end", self.tr("End date"), self.date_end)
        self.precision = code_combo("precision", blank=self.tr("Not given"))
        self.precision.setObjectName("date_precision")
        self.form.bind_combo("date_precision", self.tr("Date precision"), self.precision)
        self.place = PlaceField(self.context)
        self.place.setObjectName("place")
        self.form.bind("place", self.tr("Place"), self.place.value, self.place.set_value,
                       self.place.changed, focus=self.place.line)
        self.review_row = self._make_review_row()
        self.sensitivity = code_combo("sensitivity")
        self.sensitivity.setObjectName("sensitivity")
        self.form.bind_combo("sensitivity", self.tr("Sensitivity"), self.sensitivity)
        terms = self.context.terms
        self.tags = TagChips(terms, tag_schemes_for(terms, self.kind.value))
        self.tags.setObjectName("tags")
        self.form.bind("tags", self.tr("Tags"), self.tags.codes, self.tags.set_codes,
                       self.tags.changed, focus=self.tags.add_button)
        self.narrative = QPlainTextEdit()
        self.narrative.setObjectName("narrative")
        self.narrative.setPlaceholderText(
            self.tr("What happened, in order, as the sources tell it")
        )
        self.form.bind_text("narrative", self.tr("Narrative"), self.narrative)

    def _details_page(self) -> QWidget:
        self._make_inputs()
        dates = QHBoxLayout()
        dates.addWidget(self.date_start, 1)
        dates.addWidget(QLabel(self.tr("to")))
        dates.addWidget(self.date_end, 1)
        dates.addWidget(QLabel(self.tr("Precision:")))
        dates.addWidget(self.precision)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Title:"), self.field_row("title", self.title))
        date_row = self.field_row("date_start", dates)
        self.field_rows["date_end"] = date_row
        self.field_rows["date_precision"] = date_row
        form.addRow(self.tr("Date:"), date_row)
        form.addRow(self.tr("Place:"), self.field_row("place", self.place))
        form.addRow(self.tr("Status:"), self.field_row("status", self.review_row))
        form.addRow(self.tr("Sensitivity:"), self.field_row("sensitivity", self.sensitivity))
        form.addRow(self.tr("Tags:"), self.field_row("tags", self.tags))
        form.addRow(self.tr("Narrative:"), self.field_row("narrative", self.narrative))
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addLayout(form, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        return scroll

    # content

    def _stored_links(self) -> tuple[Link, ...]:
        if self.record_id is None:
            return ()
        rows = self.context.queries.involvements(incident=self.record_id)
        links = [Link(r.person_id, r.role, self.context.person_name(r.person_id))
                 for r in rows]
        order = [code for code, _label in code_choices("involvement")]
        return tuple(sorted(links, key=lambda link: (
            order.index(link.role) if link.role in order else len(order),
            link.name.casefold())))

    def values_from_content(self, content: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "title": content.get("title", ""),
            "date_start": content.get("date_start") or "",
            "date_end": content.get("date_end") or "",
            "date_precision": content.get("date_precision"),
            "place": content.get("place"),
            "sensitivity": content.get("sensitivity") or "normal",
            "tags": parse_codes(content.get("tags")),
            "narrative": content.get("narrative", ""),
            "links": self._stored_links(),
        }

    def content_from_values(self, values: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "title": values["title"],
            "date_start": western_digits(values["date_start"]).strip() or None,
            "date_end": western_digits(values["date_end"]).strip() or None,
            "date_precision": values["date_precision"],
            "place": values["place"],
            "sensitivity": values["sensitivity"],
            "tags": parse_codes(values["tags"]),
            "narrative": values["narrative"],
        }

    def write(self, content: dict[str, Any]) -> StoredRecord:
        stored_links = (self.context.queries.involvements(incident=self.record_id)
                        if self.record_id else [])
        links = [(link.person, link.role) for link in self.people.value()]
        return save_incident(self.context.session, content, record_id=self.record_id,
                             version=self.version, links=links, stored_links=stored_links)

    def after_load(self) -> None:
        for panel in (self.acts, self.statements, self.evidence):
            panel.refresh()
        self._update_page_titles()
        self.update_review_state()

    def after_save(self, stored: StoredRecord) -> None:
        # The links as stored now (names refreshed); not an edit, so no undo step.
        self.form.apply("links", self._stored_links())
        self.update_review_state()

    # review

    def _make_review_row(self) -> QWidget:
        self.status_value = QLabel()
        self.status_value.setObjectName("status_value")
        self.status_value.setTextFormat(Qt.TextFormat.PlainText)
        self.approval_value = QLabel()
        self.approval_value.setObjectName("approval_value")
        self.approval_value.setTextFormat(Qt.TextFormat.PlainText)
        self.approval_value.setWordWrap(True)
        self.approval_value.hide()

        def button(text: str, name: str, slot: Callable[[], object]) -> QPushButton:
            made = QPushButton(text)
            made.setObjectName(name)
            made.setAutoDefault(False)
            made.clicked.connect(lambda _checked=False: slot())
            return made

        self.submit_button = button(self.tr("Submit for review"), "submit_for_review",
                                    lambda: self.review(Decision.SUBMIT))
        self.approve_button = button(self.tr("Approve"), "approve",
                                     lambda: self.review(Decision.APPROVE))
        self.request_changes_button = button(self.tr("Request changes…"), "request_changes",
                                             self.ask_changes)
        self.review_button = button(self.tr("Review and comments…"), "open_review",
                                    self._open_review)
        self.review_busy = busy_bar()
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.status_value)
        line.addSpacing(12)
        for made in (self.submit_button, self.approve_button, self.request_changes_button,
                     self.review_button):
            line.addWidget(made)
        line.addStretch(1)
        row = QWidget()
        column = QVBoxLayout(row)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(line)
        column.addWidget(self.approval_value)
        column.addWidget(self.review_busy)
        return row

    @property
    def supervisor(self) -> bool:
        return self.context.session.user.role is Role.SUPERVISOR

    def status_code(self) -> str:
        content = self.stored.content if self.stored is not None else {}
        return str(content.get("status") or IncidentStatus.DRAFT.value)

    @property
    def reviewing(self) -> bool:
        """A review decision is being written."""
        return self._review_task is not None

    def update_review_state(self) -> None:
        """Show the stored status and the buttons it allows; read the approval's state
        (a signature check) in a worker."""
        status = self.status_code()
        self.status_value.setText(code_label("status", status))
        busy = self._review_task is not None
        submitted = status == IncidentStatus.SUBMITTED.value
        self.submit_button.setVisible(status in SUBMITTABLE)
        self.approve_button.setVisible(self.supervisor and submitted)
        self.request_changes_button.setVisible(self.supervisor and submitted)
        for made in (self.submit_button, self.approve_button, self.request_changes_button):
            made.setEnabled(not busy)
        self.review_button.setEnabled(self.record_id is not None and not busy)
        self.action_save.setEnabled(not busy)
        self.review_busy.setVisible(busy)
        self._read_approval()

    def _read_approval(self) -> None:
        if self._approval_task is not None:
            self._approval_task.cancel()
            self._approval_task = None
        if self.record_id is None:
            self.approval_value.hide()
            return
        service, record_id = ReviewService(self.context.session), self.record_id

        def shown(check: Any) -> None:
            self._approval_task = None
            if isinstance(check, ApprovalCheck) and record_id == self.record_id:
                text = approval_text(check)
                self.approval_value.setText(text)
                self.approval_value.setVisible(bool(text))

        def failed(_exc: Any) -> None:  # deleted meanwhile: the next load says so
            self._approval_task = None

        self._approval_task = self.context.runner.submit(
            lambda: service.approval(record_id), shown, failed)

    @property
    def approval_pending(self) -> bool:
        return self._approval_task is not None

    def review(self, decision: str, comment: str = "") -> bool:
        """Make a review decision on the incident (saved first if it has changes), in a
        worker; then read the incident again."""
        if self._review_task is not None:
            return False
        if (self.dirty or self.record_id is None) and not self.save():
            return False
        assert self.record_id is not None
        service, record_id = ReviewService(self.context.session), self.record_id
        calls: dict[str, Callable[[], StoredRecord]] = {
            Decision.SUBMIT: lambda: service.submit(record_id, comment),
            Decision.APPROVE: lambda: service.approve(record_id, comment),
            Decision.REQUEST_CHANGES: lambda: service.request_changes(record_id, comment),
        }

        def done(stored: Any) -> None:
            self._review_task = None
            if record_id != self.record_id:
                return
            self.load()
            self.title_changed.emit()
            self.saved.emit(stored)
            self.reviewed.emit(record_id)

        def failed(exc: Any) -> None:
            self._review_task = None
            self.update_review_state()
            if isinstance(exc, ValidationError):
                self.banner.show_message(exc.message)
            elif isinstance(exc, BaseException):
                show_error(self, exc)

        self.clear_errors()
        self._review_task = self.context.runner.submit(calls[decision], done, failed)
        self.update_review_state()
        return True

    def ask_changes(self) -> RequestChangesDialog:
        dialog = RequestChangesDialog(self.context.runner, self.display_title(), self)
        dialog.commented.connect(lambda text: self.review(Decision.REQUEST_CHANGES, text))
        self.request_changes_dialog = dialog
        dialog.open()
        return dialog

    def _open_review(self) -> None:
        if self.record_id is not None:
            self.review_requested.emit(self.record_id)

    def draft_values(self) -> dict[str, Any]:
        values = self.form.values()
        values["links"] = [link.as_json() for link in values["links"]]
        return values

    def restore_snapshot(self, snapshot: EditorSnapshot, saved_at: str | None = None) -> None:
        values = dict(snapshot.values)
        values["links"] = tuple(Link.from_json(v) for v in values.get("links") or ())
        super().restore_snapshot(
            EditorSnapshot(snapshot.kind, snapshot.record_id, snapshot.version, values,
                           snapshot.parent_id),
            saved_at,
        )

    def display_title(self) -> str:
        return self.title.text().strip() or self.tr("New incident")

    def _update_page_titles(self) -> None:
        counts = {PEOPLE: len(self.people.value()), ACTS: len(self.acts.records),
                  STATEMENTS: len(self.statements.records),
                  EVIDENCE: len(self.evidence.attachments)}
        titles = {PEOPLE: self.tr("People ({count})"), ACTS: self.tr("Acts ({count})"),
                  STATEMENTS: self.tr("Statements ({count})"),
                  EVIDENCE: self.tr("Evidence ({count})")}
        for page, count in counts.items():
            self.pages.setTabText(page, titles[page].format(count=count))

    def reveal_field(self, name: str) -> None:
        self.pages.setCurrentIndex(PEOPLE if name == "links" else DETAILS)

    def drop_content(self) -> None:
        self.evidence.drop_preview()
        for task in (self._review_task, self._approval_task):
            if task is not None:
                task.cancel()
        self._review_task = self._approval_task = None

    # people

    def add_person(self) -> AddPersonDialog:
        dialog = AddPersonDialog(self.context, self)
        dialog.existing_chosen.connect(self.people.add_link)
        dialog.new_requested.connect(self.create_person)
        self.add_person_dialog = dialog
        dialog.open()
        return dialog

    def create_person(self, role: str) -> NewPersonDialog:
        dialog = NewPersonDialog(self.context, self)
        dialog.person_created.connect(
            lambda stored: self.people.add_link(
                Link(stored.id, role, self.context.person_name(stored.id)))
        )
        self.new_person_dialog = dialog
        dialog.open()
        return dialog

    def rename_person(self, person_id: str) -> None:
        self.people.rename(person_id, self.context.person_name(person_id))

    # dialogs of the parts (also used to restore their drafts)

    def open_part(self, kind: RecordKind, record_id: str | None) -> RecordDialog | None:
        if not self.ensure_saved():
            return None
        assert self.record_id is not None
        people = self.people.value()
        dialog: RecordDialog
        if kind is RecordKind.ACT:
            dialog = ActDialog(self.context, self.record_id, record_id, people, self.acts)
            dialog.saved.connect(lambda _s: self.acts.refresh())
        else:
            dialog = StatementDialog(self.context, self.record_id, record_id, people,
                                     self.statements)
            dialog.saved.connect(lambda _s: self.statements.refresh())
        dialog.open()
        return dialog
