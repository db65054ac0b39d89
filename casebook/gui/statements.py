"""Statements: who said it (a person of the incident), how they know (connection),
when, to whom, in which language, how reliable and credible, and the text."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from casebook.domain.records import RecordKind
from casebook.gui.editor_context import EditorContext
from casebook.gui.field_widgets import PartialDateEdit, code_combo, plain_combo, select_data
from casebook.gui.incident_list_model import local_date
from casebook.gui.labels import code_label
from casebook.gui.people_panel import Link
from casebook.gui.record_dialog import RecordDialog
from casebook.gui.record_table import RecordTablePanel
from casebook.gui.tag_chips import TagChips, parse_codes
from casebook.gui.taxonomy_picker import tag_schemes_for
from casebook.services.records import StoredRecord

EXCERPT = 80


class StatementDialog(RecordDialog):
    kind = RecordKind.STATEMENT

    def __init__(
        self, context: EditorContext, incident_id: str, record_id: str | None,
        people: tuple[Link, ...], parent: QWidget | None = None,
    ) -> None:
        self._people = people
        super().__init__(context, incident_id, record_id, parent)

    def build(self) -> None:
        self.source = QComboBox()
        self.source.setObjectName("statement_source")
        self.source.addItem(self.tr("Not given"), None)
        for link in dict.fromkeys(self._people):
            if self.source.findData(link.person) < 0:
                self.source.addItem(link.name or link.person, link.person)
        self.connection = code_combo("connection")
        self.connection.setObjectName("statement_connection")
        self.date = PartialDateEdit()
        self.date.setObjectName("statement_date")
        self.interviewer = QLineEdit()
        self.interviewer.setObjectName("statement_interviewer")
        self.language = QLineEdit()
        self.language.setObjectName("statement_language")
        self.language.setPlaceholderText(self.tr("e.g. Arabic (Syrian coast)"))
        blank = self.tr("Not graded")
        self.reliability = plain_combo(
            [(blank, "")] + [(grade, grade) for grade in "ABCDEF"]
        )
        self.reliability.setObjectName("statement_reliability")
        self.credibility = plain_combo(
            [(blank, "")] + [(grade, grade) for grade in "123456"]
        )
        self.credibility.setObjectName("statement_credibility")
        terms = self.context.terms
        self.tags = TagChips(terms, tag_schemes_for(terms, self.kind.value))
        self.tags.setObjectName("statement_tags")
        self.text = QPlainTextEdit()
        self.text.setObjectName("statement_text")
        self.add_row(self.tr("Source:"), "source", self.source)
        self.add_row(self.tr("Connection:"), "connection", self.connection)
        self.add_row(self.tr("Date:"), "date", self.date)
        self.add_row(self.tr("Interviewer:"), "interviewer", self.interviewer)
        self.add_row(self.tr("Language:"), "language", self.language)
        self.add_row(self.tr("Reliability (A–F):"), "reliability", self.reliability)
        self.add_row(self.tr("Credibility (1–6):"), "credibility", self.credibility)
        self.add_row(self.tr("Tags:"), "tags", self.tags)
        self.add_row(self.tr("Statement:"), "text", self.text)
        self.resize(700, 660)

    def values(self) -> dict[str, Any]:
        return {
            "source": self.source.currentData(),
            "connection": self.connection.currentData(),
            "date": self.date.value(),
            "interviewer": self.interviewer.text(),
            "language": self.language.text(),
            "reliability": self.reliability.currentData(),
            "credibility": self.credibility.currentData(),
            "tags": self.tags.codes(),
            "text": self.text.toPlainText(),
        }

    def set_values(self, values: Mapping[str, Any]) -> None:
        source = values.get("source")
        if source and self.source.findData(source) < 0:
            self.source.addItem(self.context.person_name(str(source)), source)
        select_data(self.source, source)
        select_data(self.connection, values.get("connection") or "direct")
        self.date.set_value(values.get("date"))
        self.interviewer.setText(str(values.get("interviewer") or ""))
        self.language.setText(str(values.get("language") or ""))
        select_data(self.reliability, values.get("reliability") or "")
        select_data(self.credibility, values.get("credibility") or "")
        self.tags.set_codes(values.get("tags"))
        self.text.setPlainText(str(values.get("text") or ""))

    def values_from_content(self, content: Mapping[str, Any]) -> dict[str, Any]:
        values = {key: content.get(key) for key in (
            "source", "connection", "date", "interviewer", "language", "reliability",
            "credibility", "text")}
        values["tags"] = parse_codes(content.get("tags"))
        return values

    def content_from_values(self, values: Mapping[str, Any]) -> dict[str, Any]:
        return {"incident": self.parent_id, **values, "tags": parse_codes(values.get("tags"))}


class StatementsPanel(RecordTablePanel):
    def __init__(
        self, context: EditorContext, owner: Callable[[], str | None],
        ensure_owner: Callable[[], bool], people: Callable[[], tuple[Link, ...]],
        parent: QWidget | None = None,
    ) -> None:
        self._people = people
        super().__init__(context, owner, ensure_owner, parent)

    def add_text(self) -> str:
        return self.tr("Add statement…")

    def header_labels(self) -> list[str]:
        return [self.tr("Source"), self.tr("Date"), self.tr("Connection"), self.tr("Text")]

    def record_ids(self, owner_id: str) -> list[str]:
        return [record_id for record_id, kind in
                self.context.queries.linked_to_incident(owner_id) if kind == "statement"]

    def cells(self, record: StoredRecord) -> list[str]:
        content = record.content
        source = content.get("source")
        text = " ".join(str(content.get("text") or "").split())
        return [self.context.person_name(str(source)) if source else "",
                local_date(content.get("date")), code_label("connection",
                                                            content.get("connection")),
                text[:EXCERPT] + ("…" if len(text) > EXCERPT else "")]

    def make_dialog(self, owner_id: str, record_id: str | None) -> RecordDialog:
        return StatementDialog(self.context, owner_id, record_id, self._people(), self)
