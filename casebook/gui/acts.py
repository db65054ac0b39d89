"""Acts: what was done to one victim of the incident, how, when, with what outcome,
and by whom (persons or units, each with a degree of involvement and a confidence)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from casebook.domain.records import RecordKind
from casebook.gui.editor_context import EditorContext
from casebook.gui.field_widgets import ChoiceCombo, PartialDateEdit, select_data
from casebook.gui.i18n import interface_language
from casebook.gui.incident_list_model import local_date
from casebook.gui.labels import code_choices, code_label
from casebook.gui.people_panel import Link
from casebook.gui.place_picker import PlaceField
from casebook.gui.record_dialog import RecordDialog
from casebook.gui.record_table import RecordTablePanel
from casebook.gui.tag_chips import TagChips, TermField, parse_codes
from casebook.gui.taxonomy_picker import tag_schemes_for
from casebook.services.records import StoredRecord
from casebook.services.tagging import ACT_TYPE_SCHEME

People = Callable[[], tuple[Link, ...]]


class PerpetratorTable(QWidget):
    """Alleged perpetrators of one act: a person of the incident or a unit."""

    def __init__(self, choices: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices  # (data "person:<id>" or "unit:<id>", label)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("perpetrators")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Person or unit"), self.tr("Involvement"), self.tr("Confidence")]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(110)
        add = QPushButton(self.tr("Add perpetrator"))
        add.setObjectName("add_perpetrator")
        remove = QPushButton(self.tr("Remove perpetrator"))
        add.clicked.connect(lambda: self.add_row({}))
        remove.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_row(self, data: Mapping[str, Any]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        who = QComboBox()
        for value, label in self._choices:
            who.addItem(label, value)
        target = f"person:{data['person']}" if data.get("person") else (
            f"unit:{data['unit']}" if data.get("unit") else None)
        if target is not None and who.findData(target) < 0:
            who.addItem(target.split(":", 1)[1], target)
        select_data(who, target)
        involvement = QLineEdit(str(data.get("involvement") or ""))
        involvement.setCursorPosition(0)  # show the start of a long text
        involvement.setPlaceholderText(self.tr("e.g. gave the orders"))
        confidence = QComboBox()
        for code, label in code_choices("confidence"):
            confidence.addItem(label, code)
        select_data(confidence, data.get("confidence") or "medium")
        self.table.setCellWidget(row, 0, who)
        self.table.setCellWidget(row, 1, involvement)
        self.table.setCellWidget(row, 2, confidence)

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def values(self) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for row in range(self.table.rowCount()):
            who = self.table.cellWidget(row, 0)
            involvement = self.table.cellWidget(row, 1)
            confidence = self.table.cellWidget(row, 2)
            assert isinstance(who, QComboBox) and isinstance(involvement, QLineEdit)
            assert isinstance(confidence, QComboBox)
            target = who.currentData()
            if not target:
                continue
            kind, target_id = str(target).split(":", 1)
            found.append({kind: target_id, "involvement": involvement.text().strip(),
                          "confidence": confidence.currentData()})
        return found

    def set_values(self, values: Any) -> None:
        self.table.setRowCount(0)
        for data in values or ():
            self.add_row(data)


class ActDialog(RecordDialog):
    kind = RecordKind.ACT

    def __init__(
        self, context: EditorContext, incident_id: str, record_id: str | None,
        people: tuple[Link, ...], parent: QWidget | None = None,
    ) -> None:
        self._people = people
        super().__init__(context, incident_id, record_id, parent)

    def build(self) -> None:
        self.victim = QComboBox()
        self.victim.setObjectName("act_victim")
        for link in self._people:
            if link.role == "victim":
                self.victim.addItem(link.name or link.person, link.person)
        terms = self.context.terms
        self.act_type = TermField(terms, ACT_TYPE_SCHEME, self.tr("Choose the act type"))
        self.act_type.setObjectName("act_type")
        self.method = QLineEdit()
        self.method.setObjectName("act_method")
        self.method.setPlaceholderText(self.tr("How it was done, in a few words"))
        self.date = PartialDateEdit()
        self.date.setObjectName("act_date")
        self.place = PlaceField(self.context)
        self.place.setObjectName("act_place")
        self.tags = TagChips(terms, tag_schemes_for(terms, self.kind.value))
        self.tags.setObjectName("act_tags")
        self.outcome = ChoiceCombo(code_choices("outcome"))
        self.outcome.setObjectName("act_status_at_end")
        choices = [(f"person:{link.person}", link.name or link.person)
                   for link in dict.fromkeys(self._people) if link.role != "victim"]
        choices += [(f"unit:{unit.id}", unit.name) for unit in self.context.queries.units()]
        self.perpetrators = PerpetratorTable(choices)
        # An enforced disappearance's report asks what was done to find the person
        # (the dossier's readiness check looks for it).
        self.steps_taken = QPlainTextEdit()
        self.steps_taken.setObjectName("act_steps_taken")
        self.steps_taken.setPlaceholderText(self.tr(
            "For a disappearance: enquiries, complaints, visits to detention places, "
            "with dates and answers"))
        self.steps_taken.setTabChangesFocus(True)
        self.steps_taken.setMinimumHeight(70)
        self.add_row(self.tr("Victim:"), "victim", self.victim)
        self.add_row(self.tr("Act type:"), "act_type", self.act_type)
        self.add_row(self.tr("Method:"), "method", self.method)
        self.add_row(self.tr("Date:"), "date", self.date)
        self.add_row(self.tr("Place:"), "place", self.place)
        self.add_row(self.tr("Status at the end:"), "status_at_end", self.outcome)
        self.add_row(self.tr("Tags:"), "tags", self.tags)
        self.add_row(self.tr("Alleged perpetrators:"), "perpetrators", self.perpetrators)
        self.add_row(self.tr("Steps taken to locate the person:"), "steps_taken",
                     self.steps_taken)
        self.resize(780, 760)

    def values(self) -> dict[str, Any]:
        return {
            "victim": self.victim.currentData(),
            "act_type": self.act_type.value() or "",
            "method": self.method.text(),
            "date": self.date.value(),
            "place": self.place.value(),
            "tags": self.tags.codes(),
            "status_at_end": self.outcome.value() or "",
            "perpetrators": self.perpetrators.values(),
            "steps_taken": self.steps_taken.toPlainText(),
        }

    def set_values(self, values: Mapping[str, Any]) -> None:
        victim = values.get("victim")
        if victim and self.victim.findData(victim) < 0:
            self.victim.addItem(self.context.person_name(str(victim)), victim)
        select_data(self.victim, victim)
        self.act_type.set_value(values.get("act_type"))
        self.method.setText(str(values.get("method") or ""))
        self.date.set_value(values.get("date"))
        self.place.set_value(values.get("place"))
        self.tags.set_codes(values.get("tags"))
        self.outcome.set_value(values.get("status_at_end"))
        self.perpetrators.set_values(values.get("perpetrators"))
        self.steps_taken.setPlainText(str(values.get("steps_taken") or ""))

    def values_from_content(self, content: Mapping[str, Any]) -> dict[str, Any]:
        values = {key: content.get(key) for key in
                  ("victim", "act_type", "method", "date", "place", "status_at_end",
                   "perpetrators", "steps_taken")}
        values["tags"] = parse_codes(content.get("tags"))
        return values

    def content_from_values(self, values: Mapping[str, Any]) -> dict[str, Any]:
        return {"incident": self.parent_id, **values, "tags": parse_codes(values.get("tags"))}


class ActsPanel(RecordTablePanel):
    def __init__(
        self, context: EditorContext, owner: Callable[[], str | None],
        ensure_owner: Callable[[], bool], people: People, parent: QWidget | None = None,
    ) -> None:
        self._people = people
        super().__init__(context, owner, ensure_owner, parent)

    def add_text(self) -> str:
        return self.tr("Add act…")

    def header_labels(self) -> list[str]:
        return [self.tr("Victim"), self.tr("Act type"), self.tr("Date"),
                self.tr("Status at the end")]

    def record_ids(self, owner_id: str) -> list[str]:
        return [record_id for record_id, kind in
                self.context.queries.linked_to_incident(owner_id) if kind == "act"]

    def cells(self, record: StoredRecord) -> list[str]:
        content = record.content
        act_type = str(content.get("act_type") or "")
        return [self.context.person_name(str(content.get("victim"))),
                self.context.terms.label(act_type, interface_language()) if act_type else "",
                local_date(content.get("date")),
                code_label("outcome", content.get("status_at_end"))]

    def make_dialog(self, owner_id: str, record_id: str | None) -> RecordDialog:
        return ActDialog(self.context, owner_id, record_id, self._people(), self)
