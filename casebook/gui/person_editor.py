"""The person editor: names (parts, spellings), sex, birth date or age, occupation,
counting unit (individual or group), sensitivity, notes, contact details kept hidden
until revealed (an audited view), and the person's consents."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from casebook.domain.errors import CasebookError
from casebook.domain.records import RecordKind
from casebook.gui.consent import ConsentPanel
from casebook.gui.drafts import EditorSnapshot
from casebook.gui.errors import show_error
from casebook.gui.field_widgets import (
    OptionalSpinBox,
    PartialDateEdit,
    StringListEdit,
    code_combo,
    western_digits,
)
from casebook.gui.record_editor import RecordEditor
from casebook.gui.tag_chips import TagChips, parse_codes
from casebook.gui.taxonomy_picker import tag_schemes_for
from casebook.services.records import StoredRecord

NAME_PARTS = ("given", "father", "grandfather", "family", "laqab")


class PersonEditor(RecordEditor):
    kind = RecordKind.PERSON

    def build(self) -> None:
        self.setObjectName("person_editor")
        self.contact_revealed = self.record_id is None
        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        self.pages.addTab(self._details_page(), self.tr("Details"))
        self.consents = ConsentPanel(self.context, lambda: self.record_id, self.ensure_saved)
        self.consents.setObjectName("consents")
        self.pages.addTab(self.consents, self.tr("Consent"))
        self.body.addWidget(self.pages)
        self.setFocusProxy(self.name)

    def _line(self, name: str, label: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name.replace(".", "_"))
        edit.setPlaceholderText(placeholder)
        self.form.bind_line(name, label, edit)
        return edit

    def _make_inputs(self) -> None:
        self.name = self._line("name", self.tr("Name"), self.tr("Name as usually written"))
        parts_box = QGroupBox(self.tr("Name parts"))
        parts_form = QFormLayout(parts_box)
        part_labels = (self.tr("Given name:"), self.tr("Father:"), self.tr("Grandfather:"),
                       self.tr("Family name:"), self.tr("Laqab / kunya:"))
        self.parts: dict[str, QLineEdit] = {}
        for part, label in zip(NAME_PARTS, part_labels, strict=True):
            self.parts[part] = self._line(f"name_parts.{part}", label.rstrip(":"))
            parts_form.addRow(label, self.field_row(f"name_parts.{part}", self.parts[part]))
        self.parts_box = parts_box
        self.alt_names = StringListEdit()
        self.alt_names.setObjectName("alt_names")
        self.form.bind("alt_names", self.tr("Other spellings"), self.alt_names.values,
                       self.alt_names.set_values, self.alt_names.changed,
                       focus=self.alt_names.entry)
        self.sex = code_combo("sex")
        self.sex.setObjectName("sex")
        self.form.bind_combo("sex", self.tr("Sex"), self.sex)
        self.birth_date = PartialDateEdit()
        self.birth_date.setObjectName("birth_date")
        self.form.bind_line("birth_date", self.tr("Birth date"), self.birth_date)
        self.age = OptionalSpinBox(130)
        self.age.setObjectName("age")
        self.form.bind("age", self.tr("Age"), self.age.value_or_none, self.age.set_value,
                       self.age.valueChanged, focus=self.age)
        self.age_estimate = QCheckBox(self.tr("Estimate"))
        self.age_estimate.setObjectName("age_is_estimate")
        self.form.bind_check("age_is_estimate", self.tr("Age is an estimate"), self.age_estimate)
        self.occupation = self._line("occupation", self.tr("Occupation"))
        terms = self.context.terms
        self.tags = TagChips(terms, tag_schemes_for(terms, self.kind.value))
        self.tags.setObjectName("tags")
        self.form.bind("tags", self.tr("Tags"), self.tags.codes, self.tags.set_codes,
                       self.tags.changed, focus=self.tags.add_button)
        self.counting = code_combo("counting")
        self.counting.setObjectName("counting_unit")
        self.form.bind_combo("counting_unit", self.tr("Counted as"), self.counting)
        self.group_size = OptionalSpinBox(10_000_000)
        self.group_size.setObjectName("group_size")
        self.form.bind("group_size", self.tr("Group size"), self.group_size.value_or_none,
                       self.group_size.set_value, self.group_size.valueChanged,
                       focus=self.group_size)
        self.group_estimate = QCheckBox(self.tr("Estimate"))
        self.group_estimate.setObjectName("group_size_estimate")
        self.form.bind_check("group_size_estimate", self.tr("Group size is an estimate"),
                             self.group_estimate)
        self.counting.currentIndexChanged.connect(self._counting_changed)
        self.sensitivity = code_combo("sensitivity")
        self.sensitivity.setObjectName("sensitivity")
        self.form.bind_combo("sensitivity", self.tr("Sensitivity"), self.sensitivity)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setMaximumHeight(110)
        self.form.bind_text("notes", self.tr("Notes"), self.notes)

    def _details_page(self) -> QWidget:
        """Names on one side, the other facts on the other (mirrored in Arabic)."""
        self._make_inputs()
        names = QFormLayout()
        names.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        names.addRow(self.tr("Name:"), self.field_row("name", self.name))
        names.addRow(self.parts_box)
        names.addRow(self.tr("Other spellings:"), self.field_row("alt_names", self.alt_names))
        facts = QFormLayout()
        facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        facts.addRow(self.tr("Sex:"), self.field_row("sex", self.sex))
        facts.addRow(self.tr("Birth date:"), self.field_row("birth_date", self.birth_date))
        age_row = QHBoxLayout()
        age_row.addWidget(self.age)
        age_row.addWidget(self.age_estimate)
        age_row.addStretch(1)
        facts.addRow(self.tr("Age:"), self.field_row("age", age_row))
        facts.addRow(self.tr("Occupation:"), self.field_row("occupation", self.occupation))
        facts.addRow(self.tr("Tags:"), self.field_row("tags", self.tags))
        counting_row = QHBoxLayout()
        counting_row.addWidget(self.counting)
        counting_row.addWidget(QLabel(self.tr("Size:")))
        counting_row.addWidget(self.group_size)
        counting_row.addWidget(self.group_estimate)
        counting_row.addStretch(1)
        row = self.field_row("counting_unit", counting_row)
        self.field_rows["group_size"] = row
        facts.addRow(self.tr("Counted as:"), row)
        facts.addRow(self.tr("Sensitivity:"), self.field_row("sensitivity", self.sensitivity))
        facts.addRow(self.tr("Contact:"), self.field_row("contact", self._contact_box()))
        facts.addRow(self.tr("Notes:"), self.field_row("notes", self.notes))
        inner = QWidget()
        columns = QHBoxLayout(inner)
        for index, form in enumerate((names, facts)):
            column = QVBoxLayout()
            column.addLayout(form)
            column.addStretch(1)
            if index:
                columns.addSpacing(12)
            columns.addLayout(column, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        return scroll

    def _contact_box(self) -> QWidget:
        self.contact = QPlainTextEdit()
        self.contact.setObjectName("contact")
        self.contact.setMaximumHeight(80)
        self.contact.setPlaceholderText(self.tr("Phone, messenger, address… (always secret)"))
        self.form.bind_text("contact", self.tr("Contact"), self.contact)
        hidden = QWidget()
        self.contact_hidden_label = QLabel(
            self.tr("Hidden. Revealing the contact details is recorded in the audit trail.")
        )
        self.contact_hidden_label.setWordWrap(True)
        self.contact_hidden_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.reveal_button = QPushButton(self.tr("Reveal"))
        self.reveal_button.setObjectName("reveal_contact")
        self.reveal_button.clicked.connect(self.reveal_contact)
        row = QHBoxLayout(hidden)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.contact_hidden_label, 1)
        row.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignTop)
        self.contact_stack = QStackedWidget()
        self.contact_stack.addWidget(hidden)
        self.contact_stack.addWidget(self.contact)
        self.contact_stack.setCurrentIndex(1 if self.contact_revealed else 0)
        self.contact_stack.setMaximumHeight(90)
        return self.contact_stack

    def _counting_changed(self) -> None:
        group = self.counting.currentData() == "group"
        self.group_size.setEnabled(group)
        self.group_estimate.setEnabled(group)

    # contact

    def reveal_contact(self) -> bool:
        """Show the contact details (audited as ``view-sensitive``); editable after."""
        if self.contact_revealed or self.record_id is None:
            return True
        try:
            contact = self.context.records.reveal_contact(self.record_id)
        except CasebookError as exc:
            show_error(self, exc)
            return False
        self.form.apply("contact", contact)
        self.contact_revealed = True
        self.contact_stack.setCurrentIndex(1)
        return True

    # content

    def values_from_content(self, content: Mapping[str, Any]) -> dict[str, Any]:
        parts = content.get("name_parts") or {}
        values: dict[str, Any] = {
            "name": content.get("name", ""),
            **{f"name_parts.{p}": parts.get(p, "") for p in NAME_PARTS},
            "alt_names": tuple(content.get("alt_names") or ()),
            "sex": content.get("sex") or "unknown",
            "birth_date": content.get("birth_date") or "",
            "age": content.get("age"),
            "age_is_estimate": bool(content.get("age_is_estimate")),
            "occupation": content.get("occupation", ""),
            "counting_unit": content.get("counting_unit") or "individual",
            "group_size": content.get("group_size"),
            "group_size_estimate": bool(content.get("group_size_estimate")),
            "sensitivity": content.get("sensitivity") or "normal",
            "notes": content.get("notes", ""),
            "tags": parse_codes(content.get("tags")),
            "contact": "",  # shown only once revealed
        }
        return values

    def content_from_values(self, values: Mapping[str, Any]) -> dict[str, Any]:
        group = values["counting_unit"] == "group"
        content: dict[str, Any] = {
            "name": values["name"],
            "name_parts": {p: values[f"name_parts.{p}"] for p in NAME_PARTS},
            "alt_names": list(values["alt_names"]),
            "sex": values["sex"],
            "birth_date": western_digits(values["birth_date"]).strip() or None,
            "age": values["age"],
            "age_is_estimate": values["age_is_estimate"],
            "occupation": values["occupation"],
            "counting_unit": values["counting_unit"],
            "group_size": values["group_size"] if group else None,
            "group_size_estimate": values["group_size_estimate"] if group else False,
            "sensitivity": values["sensitivity"],
            "notes": values["notes"],
            "tags": parse_codes(values["tags"]),
        }
        if self.contact_revealed:
            content["contact"] = values["contact"]
        return content

    def draft_values(self) -> dict[str, Any]:
        values = self.form.values()
        values["alt_names"] = list(values["alt_names"])
        if not self.contact_revealed:
            del values["contact"]
        return values

    def display_title(self) -> str:
        values = self.form.values()
        joined = " ".join(values[f"name_parts.{p}"] for p in NAME_PARTS[:4] if
                          values[f"name_parts.{p}"])
        return values["name"] or joined or values["name_parts.laqab"] or self.tr("New person")

    def after_load(self) -> None:
        self._counting_changed()
        self.consents.refresh()

    def after_save(self, stored: StoredRecord) -> None:
        self.consents.refresh()

    def reveal_field(self, name: str) -> None:
        self.pages.setCurrentIndex(0)

    def restore_snapshot(self, snapshot: EditorSnapshot, saved_at: str | None = None) -> None:
        if "contact" in snapshot.values:  # revealed (and audited) before the lock
            self.contact_revealed = True
            self.contact_stack.setCurrentIndex(1)
        super().restore_snapshot(snapshot, saved_at)

    def drop_content(self) -> None:
        self.contact.clear()

