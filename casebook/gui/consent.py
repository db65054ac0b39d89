"""A person's consents: for which use (scope), given when and how, withdrawn or
expiring when. Each consent is a record of its own, listed in the person editor."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from casebook.domain.records import RecordKind
from casebook.gui.field_widgets import PartialDateEdit, code_combo, select_data
from casebook.gui.incident_list_model import local_date
from casebook.gui.labels import code_label
from casebook.gui.record_dialog import RecordDialog
from casebook.gui.record_table import RecordTablePanel
from casebook.services.records import StoredRecord

_DATES = ("given_at", "withdrawn_at", "expires")


class ConsentDialog(RecordDialog):
    kind = RecordKind.CONSENT

    def build(self) -> None:
        self.scope = code_combo("consent")
        self.scope.setObjectName("consent_scope")
        self.given_at = PartialDateEdit()
        self.given_at.setObjectName("consent_given_at")
        self.method = QLineEdit()
        self.method.setObjectName("consent_method")
        self.method.setPlaceholderText(self.tr("Written, oral and recorded, through a relative…"))
        self.withdrawn_at = PartialDateEdit()
        self.expires = PartialDateEdit()
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(90)
        self.add_row(self.tr("Scope:"), "scope", self.scope)
        self.add_row(self.tr("Given on:"), "given_at", self.given_at)
        self.add_row(self.tr("How:"), "method", self.method)
        self.add_row(self.tr("Withdrawn on:"), "withdrawn_at", self.withdrawn_at)
        self.add_row(self.tr("Expires on:"), "expires", self.expires)
        self.add_row(self.tr("Notes:"), "notes", self.notes)

    def values(self) -> dict[str, Any]:
        return {
            "scope": self.scope.currentData(),
            "given_at": self.given_at.value(),
            "method": self.method.text(),
            "withdrawn_at": self.withdrawn_at.value(),
            "expires": self.expires.value(),
            "notes": self.notes.toPlainText(),
        }

    def set_values(self, values: Mapping[str, Any]) -> None:
        select_data(self.scope, values.get("scope"))
        self.given_at.set_value(values.get("given_at"))
        self.method.setText(str(values.get("method") or ""))
        self.withdrawn_at.set_value(values.get("withdrawn_at"))
        self.expires.set_value(values.get("expires"))
        self.notes.setPlainText(str(values.get("notes") or ""))

    def values_from_content(self, content: Mapping[str, Any]) -> dict[str, Any]:
        return {key: content.get(key) for key in ("scope", *_DATES, "method", "notes")}

    def content_from_values(self, values: Mapping[str, Any]) -> dict[str, Any]:
        return {"person": self.parent_id, **values}


class ConsentPanel(RecordTablePanel):
    def add_text(self) -> str:
        return self.tr("Add consent…")

    def header_labels(self) -> list[str]:
        return [self.tr("Scope"), self.tr("Given on"), self.tr("Withdrawn on"),
                self.tr("Expires on"), self.tr("How")]

    def record_ids(self, owner_id: str) -> list[str]:
        rows = self.context.queries.referring(owner_id, RecordKind.CONSENT)
        return [r.record_id for r in rows if r.field == "person"]

    def cells(self, record: StoredRecord) -> list[str]:
        content = record.content
        return [code_label("consent", content.get("scope")),
                *(local_date(content.get(key)) for key in _DATES),
                str(content.get("method") or "")]

    def make_dialog(self, owner_id: str, record_id: str | None) -> RecordDialog:
        return ConsentDialog(self.context, owner_id, record_id, self)
