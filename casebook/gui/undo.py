"""Editor-level undo and redo: every field edit is a command on the editor's QUndoStack.

Each input of an editor is bound to a field name with a getter, a setter and its
change signal. Whenever the value changes (typing, an input-method commit, picking
in a combo box, ticking a box, adding to a list or a table), a :class:`FieldEdit`
with the old and the new value goes on the stack. Consecutive typing in one text
field merges into one command, and typing a field back to its saved value drops the
command, so the stack's clean state is the editor's "nothing to save".

The widgets' own undo is not used: Ctrl+Z and Ctrl+Shift+Z/Ctrl+Y pressed in a line
edit or a text box are left to the editor's actions (:class:`EditorUndoKeys`), and
text boxes have their own undo switched off. One history per editor covers every
kind of input in the order the person made the changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, SignalInstance
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

REDO_KEYS = ("Ctrl+Shift+Z", "Ctrl+Y")
_MERGE_ID = 1


@dataclass(slots=True)
class Binding:
    label: str
    getter: Callable[[], Any]
    setter: Callable[[Any], None]
    focus: QWidget | None
    merge: bool


class FieldEdit(QUndoCommand):
    """One change of one field. The first redo (when pushed) does nothing: the widget
    already shows the new value, and setting it again would move the text cursor."""

    def __init__(self, form: UndoableForm, name: str, old: Any, new: Any, *,
                 applied: bool = True) -> None:
        super().__init__(form.bindings[name].label)
        self.form = form
        self.name = name
        self.old = old
        self.new = new
        self._pending_first = applied

    def id(self) -> int:
        return _MERGE_ID if self.form.bindings[self.name].merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, FieldEdit) or other.name != self.name:
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True

    def redo(self) -> None:
        if self._pending_first:
            self._pending_first = False
            return
        self.form.apply(self.name, self.new, focus=True)

    def undo(self) -> None:
        self.form.apply(self.name, self.old, focus=True)


class EditorUndoKeys(QObject):
    """Leaves Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y to the editor's actions: a line edit or
    text box would otherwise claim them (through ShortcutOverride) for its own undo."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.matches(QKeySequence.StandardKey.Undo) or event.matches(
                QKeySequence.StandardKey.Redo
            ):
                return True  # left unaccepted: the editor's shortcut fires instead
            pressed = QKeySequence(event.keyCombination())
            if any(pressed == QKeySequence(keys) for keys in ("Ctrl+Z", *REDO_KEYS)):
                return True
        return False


class UndoableForm(QObject):
    """The fields of one editor, their last known values and the undo stack."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self.bindings: dict[str, Binding] = {}
        self._values: dict[str, Any] = {}
        self._applying = False
        self._keys = EditorUndoKeys(self)

    # binding inputs

    def bind(
        self, name: str, label: str, getter: Callable[[], Any], setter: Callable[[Any], None],
        signal: SignalInstance, *, focus: QWidget | None = None, merge: bool = False,
    ) -> None:
        self.bindings[name] = Binding(label, getter, setter, focus, merge)
        self._values[name] = getter()
        signal.connect(lambda *_args: self._changed(name))
        if focus is not None:
            focus.installEventFilter(self._keys)

    def bind_line(self, name: str, label: str, edit: QLineEdit) -> None:
        self.bind(name, label, edit.text, lambda v: edit.setText(str(v or "")),
                  edit.textChanged, focus=edit, merge=True)

    def bind_text(self, name: str, label: str, edit: QPlainTextEdit) -> None:
        edit.setUndoRedoEnabled(False)

        def set_text(value: Any) -> None:
            edit.setPlainText(str(value or ""))
            edit.moveCursor(edit.textCursor().MoveOperation.End)

        self.bind(name, label, edit.toPlainText, set_text, edit.textChanged, focus=edit,
                  merge=True)

    def bind_combo(self, name: str, label: str, combo: QComboBox) -> None:
        def set_data(value: Any) -> None:
            index = combo.findData(value)
            combo.setCurrentIndex(max(index, 0))

        self.bind(name, label, combo.currentData, set_data, combo.currentIndexChanged,
                  focus=combo)

    def bind_check(self, name: str, label: str, box: QCheckBox) -> None:
        self.bind(name, label, box.isChecked, lambda v: box.setChecked(bool(v)), box.toggled,
                  focus=box)

    def watch_keys(self, widget: QWidget) -> None:
        """Also leave the undo keys to the editor in ``widget`` (an inner line edit)."""
        widget.installEventFilter(self._keys)

    # changes

    def _changed(self, name: str) -> None:
        if self._applying:
            return
        binding = self.bindings[name]
        new = binding.getter()
        old = self._values[name]
        if new == old:
            return
        self._values[name] = new
        self.stack.push(FieldEdit(self, name, old, new))

    def apply(self, name: str, value: Any, *, focus: bool = False) -> None:
        """Show ``value`` in the field without recording a command (undo, redo, load)."""
        binding = self.bindings[name]
        self._applying = True
        try:
            binding.setter(value)
        finally:
            self._applying = False
        self._values[name] = binding.getter()
        if focus and binding.focus is not None and binding.focus.isVisible():
            binding.focus.setFocus()

    # whole-form operations

    def values(self) -> dict[str, Any]:
        return {name: binding.getter() for name, binding in self.bindings.items()}

    def load(self, values: dict[str, Any]) -> None:
        """Show saved values: a fresh history, clean."""
        for name, value in values.items():
            if name in self.bindings:
                self.apply(name, value)
        self.stack.clear()
        self.stack.setClean()

    def restore(self, values: dict[str, Any], text: str) -> None:
        """Put back values (a draft) as one undoable step on top of what is shown;
        nothing goes on the stack when they are what is shown already."""
        changes: list[tuple[str, Any, Any]] = []
        for name, value in values.items():
            if name not in self.bindings:
                continue
            old = self._values[name]
            self.apply(name, value)
            if self._values[name] != old:
                changes.append((name, old, self._values[name]))
        if not changes:
            return
        self.stack.beginMacro(text)
        for name, old, new in changes:
            self.stack.push(FieldEdit(self, name, old, new))
        self.stack.endMacro()

    def mark_saved(self) -> None:
        self.stack.setClean()

    @property
    def dirty(self) -> bool:
        return not self.stack.isClean()
