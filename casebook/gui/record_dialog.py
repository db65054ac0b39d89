"""Base of the dialogs for records that belong to an incident or a person (acts,
statements, consents): a form, Save and Cancel, errors next to their field.

Each such record is saved on its own (its own versions and history) when the
dialog's Save is pressed. Text fields keep their own undo; Cancel with changes
asks first, and a lock keeps the changes as a draft.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from casebook.domain.errors import CasebookError, ValidationError
from casebook.domain.records import RecordKind
from casebook.gui.content_dialog import ContentDialog
from casebook.gui.drafts import EditorSnapshot
from casebook.gui.editor_context import EditorContext
from casebook.gui.errors import show_error
from casebook.gui.field_widgets import FieldRow
from casebook.gui.form_widgets import ErrorLabel
from casebook.gui.labels import code_label
from casebook.gui.questions import Answer, UnsavedQuestion
from casebook.gui.validation import ValidationText
from casebook.services.records import StaleVersionError


class RecordDialog(ContentDialog):
    kind: RecordKind
    saved = Signal(object)  # StoredRecord

    def __init__(
        self, context: EditorContext, parent_id: str, record_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context.runner, parent)
        self.context = context
        self.parent_id = parent_id
        self.record_id = record_id
        self.stored = context.records.get(record_id) if record_id else None
        self.version = self.stored.version if self.stored else None
        self.field_rows: dict[str, FieldRow] = {}
        self._discarding = False
        self.setObjectName(f"{self.kind.value}_dialog")
        self.setWindowTitle(code_label("kind", self.kind.value))

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("dialog_save")
        self.save_button.setShortcut(QKeySequence("Ctrl+S"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.resize(620, 480)
        self.build()
        self.set_values(self.values_from_content(self.stored.content if self.stored else {}))
        self._initial = self.values()

    # for subclasses

    def build(self) -> None:
        raise NotImplementedError

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def set_values(self, values: Mapping[str, Any]) -> None:
        raise NotImplementedError

    def values_from_content(self, content: Mapping[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def content_from_values(self, values: Mapping[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def add_row(self, label: str, name: str, field: Any) -> FieldRow:
        row = FieldRow(field)
        self.field_rows[name] = row
        self.form.addRow(label, row)
        return row

    # saving

    @property
    def dirty(self) -> bool:
        return self.values() != self._initial

    def save(self) -> bool:
        self.error.clear_message()
        for row in self.field_rows.values():
            row.error.clear_message()
        content = dict(self.stored.content) if self.stored else {}
        content.update(self.content_from_values(self.values()))
        records = self.context.records
        try:
            if self.record_id is None:
                stored = records.create(self.kind, content)
            else:
                assert self.version is not None
                stored = records.update(self.record_id, content, expected_version=self.version)
        except ValidationError as exc:
            text = ValidationText(self)
            name = text.field_for(exc, self.field_rows)
            target = self.field_rows[name].error if name else self.error
            target.show_message(text.message(exc))
            return False
        except StaleVersionError:
            self.error.show_message(
                self.tr(
                    "Someone saved this record after you opened it, so your changes were "
                    "not saved (nothing was overwritten). Cancel, then open it again."
                ),
                "stale",
            )
            return False
        except CasebookError as exc:
            show_error(self, exc)
            return False
        self.stored = stored
        self.record_id = stored.id
        self.version = stored.version
        self._initial = self.values()
        self.saved.emit(stored)
        self.accept()
        return True

    def reject(self) -> None:
        if self._locking or self._discarding or not self.dirty:
            super().reject()
            return

        def answered(answer: Answer) -> None:
            if answer is Answer.DISCARD:
                self._discarding = True
                super(RecordDialog, self).reject()
            elif answer is Answer.SAVE:
                self.save()

        UnsavedQuestion(self).ask(self, self.tr("Save your changes?"), answered)

    def forget_changes(self) -> None:
        self._initial = self.values()

    # drafts

    def snapshot(self) -> EditorSnapshot:
        return EditorSnapshot(self.kind, self.record_id, self.version, self.values(),
                              self.parent_id)

    def restore_snapshot(self, snapshot: EditorSnapshot) -> None:
        if snapshot.version is not None and self.record_id is not None:
            self.version = snapshot.version
        self.set_values(snapshot.values)

