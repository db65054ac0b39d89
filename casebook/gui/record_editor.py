"""Base of the incident and person editors: toolbar, undo stack, saving with the
version the editor was opened on, errors next to their field, the close prompt, and
snapshots for drafts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QToolBar, QVBoxLayout, QWidget

from casebook.domain.errors import CasebookError, ValidationError
from casebook.domain.records import RecordKind
from casebook.gui.drafts import EditorSnapshot
from casebook.gui.editor_context import EditorContext
from casebook.gui.errors import show_error
from casebook.gui.field_widgets import FieldRow
from casebook.gui.form_widgets import ErrorLabel
from casebook.gui.history_dialog import HistoryDialog
from casebook.gui.incident_list_model import local_time
from casebook.gui.questions import Answer, UnsavedQuestion
from casebook.gui.undo import REDO_KEYS, UndoableForm
from casebook.gui.validation import ValidationText
from casebook.services.records import StaleVersionError, StoredRecord

EDITOR_SHORTCUTS = Qt.ShortcutContext.WidgetWithChildrenShortcut


class RecordEditor(QWidget):
    """Subclasses build their inputs in ``build()``, bind them to ``self.form`` and
    convert between field values and record content."""

    kind: RecordKind
    saved = Signal(object)  # StoredRecord
    closed = Signal()  # closed by the person (after saving or discarding)
    title_changed = Signal()
    open_record_requested = Signal(str, str)  # kind, record id

    def __init__(
        self, context: EditorContext, record_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.record_id = record_id
        self.version: int | None = None
        self.stored: StoredRecord | None = None
        self.form = UndoableForm(self)
        self.field_rows: dict[str, FieldRow] = {}
        self._closing = False

        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.action_save = self._action(self.tr("Save"), "action_save", self.save, "Ctrl+S")
        self.action_undo = self.form.stack.createUndoAction(self, self.tr("Undo"))
        self.action_undo.setObjectName("action_undo")
        self.action_undo.setShortcut(QKeySequence("Ctrl+Z"))
        self.action_redo = self.form.stack.createRedoAction(self, self.tr("Redo"))
        self.action_redo.setObjectName("action_redo")
        self.action_redo.setShortcuts([QKeySequence(k) for k in REDO_KEYS])
        for action in (self.action_undo, self.action_redo):
            action.setShortcutContext(EDITOR_SHORTCUTS)
            self.addAction(action)
        self.action_history = self._action(
            self.tr("History…"), "action_history", self.show_history
        )
        self.action_close = self._action(
            self.tr("Close"), "action_close", self.request_close, "Ctrl+W"
        )
        for action in (self.action_save, self.action_undo, self.action_redo):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.action_history)
        self.toolbar.addAction(self.action_close)

        self.banner = ErrorLabel()
        self.banner.setObjectName("editor_error")
        self.notice = QLabel()
        self.notice.setObjectName("editor_notice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.banner)
        layout.addWidget(self.notice)
        layout.addLayout(self.body, 1)

        self.build()
        self.load()
        self.form.stack.cleanChanged.connect(self._clean_changed)

    def _clean_changed(self, _clean: bool) -> None:
        self.title_changed.emit()

    def _action(self, text: str, name: str, slot: Any, shortcut: str | None = None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(EDITOR_SHORTCUTS)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    # for subclasses

    def build(self) -> None:
        raise NotImplementedError

    def values_from_content(self, content: Mapping[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def content_from_values(self, values: Mapping[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def display_title(self) -> str:
        raise NotImplementedError

    def write(self, content: dict[str, Any]) -> StoredRecord:
        """Create or update the record (the incident editor also writes its links)."""
        if self.record_id is None:
            return self.context.records.create(self.kind, content)
        assert self.version is not None
        return self.context.records.update(
            self.record_id, content, expected_version=self.version
        )

    def after_save(self, stored: StoredRecord) -> None:
        """Refresh what depends on the saved record."""

    def after_load(self) -> None:
        """Fill what is read from other records (lists of acts, files…)."""

    def draft_values(self) -> dict[str, Any]:
        return self.form.values()

    def drop_content(self) -> None:
        """Forget what is shown (at lock); subclasses drop previews."""

    def field_row(self, name: str, field: Any) -> FieldRow:
        row = FieldRow(field)
        self.field_rows[name] = row
        return row

    # loading and saving

    def load(self) -> None:
        if self.record_id is not None:
            self.stored = self.context.records.get(self.record_id)
            self.version = self.stored.version
            self.form.load(self.values_from_content(self.stored.content))
        else:
            self.form.load(self.values_from_content({}))
        self.action_history.setEnabled(self.record_id is not None)
        self.after_load()

    @property
    def dirty(self) -> bool:
        return self.form.dirty

    def content(self) -> dict[str, Any]:
        """What is saved: the stored content (keeping fields this editor does not
        show, such as those of a newer import) with the edited fields over it."""
        base = dict(self.stored.content) if self.stored is not None else {}
        base.update(self.content_from_values(self.form.values()))
        return base

    def save(self) -> bool:
        self.clear_errors()
        try:
            stored = self.write(self.content())
        except ValidationError as exc:
            self.show_validation(exc)
            return False
        except StaleVersionError:
            self.banner.show_message(
                self.tr(
                    "Someone saved this record after you opened it, so your changes were "
                    "not saved (nothing was overwritten). Copy what you need, close this "
                    "editor and open the record again."
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
        self.action_history.setEnabled(True)
        self.after_save(stored)
        self.form.mark_saved()
        self.notice.hide()
        self.title_changed.emit()
        self.saved.emit(stored)
        return True

    def ensure_saved(self) -> bool:
        """A record that was never saved is saved now (its parts need its id)."""
        return self.record_id is not None or self.save()

    # errors

    def clear_errors(self) -> None:
        self.banner.clear_message()
        for row in self.field_rows.values():
            row.error.clear_message()

    def show_validation(self, exc: ValidationError) -> None:
        text = ValidationText(self)
        name = text.field_for(exc, self.field_rows)
        message = text.message(exc)
        if name is not None:
            row = self.field_rows[name]
            row.error.show_message(message)
            self.reveal_field(name)
        else:
            self.banner.show_message(message)

    def reveal_field(self, name: str) -> None:
        """Bring the page holding ``name`` to the front (tabbed editors override)."""

    # closing

    def request_close(self) -> None:
        if not self.dirty:
            self._finish_close()
            return

        def answered(answer: Answer) -> None:
            if answer is Answer.DISCARD or (answer is Answer.SAVE and self.save()):
                self._finish_close()

        UnsavedQuestion(self).ask(
            self,
            self.tr("Save the changes to “{title}”?").format(title=self.display_title()),
            answered,
        )

    def _finish_close(self) -> None:
        if self._closing:
            return
        self._closing = True
        self.drop_content()
        self.closed.emit()

    def show_history(self) -> HistoryDialog | None:
        if self.record_id is None:
            return None
        dialog = HistoryDialog(self.context, self.record_id, self.display_title(), self)
        dialog.open()
        return dialog

    # drafts

    def snapshot(self) -> EditorSnapshot:
        return EditorSnapshot(self.kind, self.record_id, self.version, self.draft_values())

    def restore_snapshot(self, snapshot: EditorSnapshot, saved_at: str | None = None) -> None:
        if snapshot.version is not None and self.record_id is not None:
            self.version = snapshot.version
        self.form.restore(snapshot.values, self.tr("Restore draft"))
        if saved_at:
            self.notice.setText(
                self.tr("Restored from a draft kept at {when}. Save to keep it.").format(
                    when=local_time(saved_at)
                )
            )
            self.notice.show()
