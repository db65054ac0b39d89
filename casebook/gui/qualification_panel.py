"""Legal qualification of an incident's acts (supervisors only, docs/audit.md): each
act with the qualifications given to it (violation term x standard of proof x
rationale x reviewer), "Qualify…" to add one and "Withdraw" to take one back.

Kept apart from the facts: it lives in the review panel, which shows it to
supervisors only, and the services refuse it from anyone else anyway.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casebook.domain.errors import ValidationError
from casebook.domain.records import RecordKind
from casebook.gui.content_dialog import ContentDialog
from casebook.gui.editor_context import EditorContext
from casebook.gui.errors import show_error
from casebook.gui.field_widgets import FieldRow
from casebook.gui.form_widgets import ErrorLabel, busy_bar
from casebook.gui.i18n import interface_language
from casebook.gui.tag_chips import TermField
from casebook.services.qualification import (
    LEGAL_SCHEME,
    PROOF_SCHEME,
    Qualification,
    QualificationService,
)

ID_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class ActItem:
    """An act of the incident, read in a worker, with its qualifications."""

    id: str
    victim: str  # the victim's name
    act_type: str  # a term code
    date: str
    qualifications: tuple[Qualification, ...]


def load_acts(context: EditorContext, incident_id: str) -> list[ActItem]:
    """The incident's live acts with their qualifications (reads the database)."""
    service = QualificationService(context.session)
    found: list[ActItem] = []
    for record_id, kind in context.queries.linked_to_incident(incident_id):
        if kind != RecordKind.ACT.value:
            continue
        content = context.records.get(record_id).content
        victim = str(content.get("victim") or "")
        found.append(ActItem(
            record_id, context.person_name(victim) if victim else "",
            str(content.get("act_type") or ""), str(content.get("date") or ""),
            tuple(service.for_act(record_id))))
    return found


class QualifyDialog(ContentDialog):
    """A new qualification of one act: violation term (scheme ``legal``), standard of
    proof (scheme ``proof``) and the rationale."""

    qualified = Signal(object)  # StoredRecord

    def __init__(self, context: EditorContext, act_id: str, act_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(context.runner, parent)
        self.setObjectName("qualify_dialog")
        self.context = context
        self.act_id = act_id
        self.setWindowTitle(self.tr("Qualify an act"))
        terms = context.terms
        self.term = TermField(terms, LEGAL_SCHEME, self.tr("Choose the violation"))
        self.term.setObjectName("qualify_term")
        self.proof = TermField(terms, PROOF_SCHEME, self.tr("Choose the standard of proof"))
        self.proof.setObjectName("qualify_proof")
        self.rationale = QPlainTextEdit()
        self.rationale.setObjectName("qualify_rationale")
        self.rationale.setPlaceholderText(
            self.tr("Why the facts meet this qualification, and on what sources"))
        self.rows = {"term": FieldRow(self.term), "proof": FieldRow(self.proof),
                     "rationale": FieldRow(self.rationale)}
        act = QLabel(act_text)
        act.setTextFormat(Qt.TextFormat.PlainText)
        act.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Act:"), act)
        form.addRow(self.tr("Violation:"), self.rows["term"])
        form.addRow(self.tr("Standard of proof:"), self.rows["proof"])
        form.addRow(self.tr("Rationale:"), self.rows["rationale"])
        self.error = ErrorLabel()
        self.busy_bar = busy_bar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("qualify_save")
        self.save_button.setShortcut(QKeySequence("Ctrl+S"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.buttons)
        self.resize(640, 420)

    def set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        for widget in (self.term, self.proof, self.rationale, self.save_button):
            widget.setEnabled(not busy)

    def save(self) -> None:
        if self.busy:
            return
        self.error.clear_message()
        for row in self.rows.values():
            row.error.clear_message()
        term, proof = self.term.value(), self.proof.value()
        rationale = self.rationale.toPlainText()
        missing = False
        for name, value in (("term", term), ("proof", proof), ("rationale", rationale.strip())):
            if not value:
                self.rows[name].error.show_message(self.tr("This cannot be empty."))
                missing = True
        if missing:
            return
        assert term is not None and proof is not None
        service = QualificationService(self.context.session)
        act_id = self.act_id
        self.run_job(lambda: service.qualify(act_id, term, proof, rationale),
                     self._saved, self._failed)

    def _saved(self, stored: object) -> None:
        self.qualified.emit(stored)
        self.accept()

    def _failed(self, exc: object) -> None:
        if isinstance(exc, ValidationError):
            row = self.rows.get(exc.field or "")
            if row is not None:
                row.error.show_message(exc.message)
            else:
                self.error.show_message(exc.message)
        elif isinstance(exc, BaseException):
            show_error(self, exc)


class QualificationsPanel(QWidget):
    """The acts of one incident and their qualifications."""

    changed = Signal()  # a qualification was added or withdrawn

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qualifications")
        self.context = context
        self.acts: list[ActItem] = []
        self.dialog: QualifyDialog | None = None
        self.tree = QTreeWidget()
        self.tree.setObjectName("qualification_tree")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("Act or violation"), self.tr("Standard of proof"),
                                   self.tr("Rationale"), self.tr("Reviewer")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column, mode in ((0, QHeaderView.ResizeMode.Interactive),
                             (1, QHeaderView.ResizeMode.Interactive),
                             (2, QHeaderView.ResizeMode.Stretch),
                             (3, QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        metrics = self.tree.fontMetrics()
        self.tree.setColumnWidth(0, metrics.horizontalAdvance("M" * 16))
        self.tree.setColumnWidth(1, metrics.horizontalAdvance("M" * 11))
        self.tree.currentItemChanged.connect(lambda *_args: self._selection_changed())
        self.details = QLabel()
        self.details.setObjectName("qualification_details")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty = QLabel(self.tr("This incident has no acts to qualify yet."))
        self.empty.setObjectName("qualifications_empty")
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.qualify_button = QPushButton(self.tr("Qualify…"))
        self.qualify_button.setObjectName("qualify_button")
        self.qualify_button.clicked.connect(lambda _checked=False: self.qualify_selected())
        self.withdraw_button = QPushButton(self.tr("Withdraw"))
        self.withdraw_button.setObjectName("withdraw_button")
        self.withdraw_button.clicked.connect(lambda _checked=False: self.ask_withdraw())
        self.error = ErrorLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.qualify_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        note = QLabel(self.tr("Legal qualification is a supervisor's reasoned act, kept "
                              "apart from the facts the documenters record."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._busy = False
        self._update_buttons()

    def act_text(self, act: ActItem) -> str:
        language = interface_language()
        kind = self.context.terms.label(act.act_type, language) if act.act_type else ""
        parts = [p for p in (act.victim, kind, act.date) if p]
        return " — ".join(parts) or act.id

    def set_acts(self, acts: list[ActItem]) -> None:
        selected = self.selected()
        self.acts = acts
        self.tree.clear()
        language = interface_language()
        terms = self.context.terms
        for act in acts:
            top = QTreeWidgetItem([self.act_text(act)])
            top.setData(0, ID_ROLE, ("act", act.id))
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for q in act.qualifications:
                child = QTreeWidgetItem([terms.label(q.term, language),
                                         terms.label(q.proof, language),
                                         q.rationale, self.context.user_name(q.reviewer)])
                child.setData(0, ID_ROLE, ("qualification", q.id))
                for column in range(4):
                    child.setToolTip(column, child.text(column))
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)  # the act's own line, across the columns
            top.setExpanded(True)
        self.empty.setVisible(not acts)
        self.tree.setVisible(bool(acts))
        if selected is not None:
            self.select(*selected)
        elif acts and (first := self.tree.topLevelItem(0)) is not None:
            self.tree.setCurrentItem(first)
        self._update_buttons()

    def select(self, kind: str, record_id: str) -> bool:
        for top_index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(top_index)
            if top is None:
                continue
            for item in (top, *(top.child(i) for i in range(top.childCount()))):
                if item is not None and item.data(0, ID_ROLE) == (kind, record_id):
                    self.tree.setCurrentItem(item)
                    return True
        return False

    def selected(self) -> tuple[str, str] | None:
        item = self.tree.currentItem()
        data = item.data(0, ID_ROLE) if item is not None else None
        return (str(data[0]), str(data[1])) if data else None

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    def _selection_changed(self) -> None:
        self._update_buttons()
        selected = self.selected()
        found = None
        if selected is not None and selected[0] == "qualification":
            found = next((q for act in self.acts for q in act.qualifications
                          if q.id == selected[1]), None)
        if found is None:
            self.details.setText("")
            self.details.hide()
            return
        language = interface_language()
        terms = self.context.terms
        self.details.setText(self.tr(
            "{term} ({code}), {proof}, by {reviewer}:\n{rationale}").format(
                term=terms.label(found.term, language), code=found.term,
                proof=terms.label(found.proof, language),
                reviewer=self.context.user_name(found.reviewer), rationale=found.rationale))
        self.details.show()

    def _update_buttons(self) -> None:
        selected = self.selected()
        self.qualify_button.setEnabled(not self._busy and selected is not None)
        self.withdraw_button.setEnabled(
            not self._busy and selected is not None and selected[0] == "qualification")

    def _act_of(self, selected: tuple[str, str]) -> ActItem | None:
        kind, record_id = selected
        for act in self.acts:
            if (kind == "act" and act.id == record_id) or (
                    kind == "qualification"
                    and any(q.id == record_id for q in act.qualifications)):
                return act
        return None

    def qualify_selected(self) -> QualifyDialog | None:
        selected = self.selected()
        act = self._act_of(selected) if selected is not None else None
        if act is None:
            return None
        dialog = QualifyDialog(self.context, act.id, self.act_text(act), self)
        dialog.qualified.connect(lambda _stored: self.changed.emit())
        self.dialog = dialog
        dialog.open()
        return dialog

    def ask_withdraw(self) -> QMessageBox | None:
        selected = self.selected()
        if selected is None or selected[0] != "qualification":
            return None
        record_id = selected[1]
        box = QMessageBox(self)
        box.setObjectName("withdraw_box")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Withdraw"))
        box.setText(self.tr("Withdraw this qualification? It stays in the history."))
        withdraw = box.addButton(self.tr("Withdraw"), QMessageBox.ButtonRole.DestructiveRole)
        withdraw.setObjectName("confirm_withdraw")
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(
            lambda _r: self.withdraw(record_id) if box.clickedButton() is withdraw else None)
        box.open()
        return box

    def withdraw(self, record_id: str) -> None:
        """Withdraw a qualification (in a worker)."""
        service = QualificationService(self.context.session)
        self.error.clear_message()
        self.set_busy(True)

        def done(_result: object) -> None:
            self.set_busy(False)
            self.changed.emit()

        def failed(exc: object) -> None:
            self.set_busy(False)
            if isinstance(exc, BaseException):
                show_error(self, exc)

        self.context.runner.submit(lambda: service.withdraw(record_id), done, failed)
