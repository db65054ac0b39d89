"""Inputs shared by the record editors: partial dates, optional numbers, lists of
strings, pickers of stored codes, and a field row with its own error line."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from casebook.gui.form_widgets import ErrorLabel
from casebook.gui.labels import code_choices

# Arabic-Indic and extended Arabic-Indic digits, as an Arabic keyboard types them.
_DIGITS = str.maketrans(
    {**{chr(0x0660 + d): str(d) for d in range(10)},
     **{chr(0x06F0 + d): str(d) for d in range(10)}}
)


def western_digits(text: str) -> str:
    return text.translate(_DIGITS)


class PartialDateEdit(QLineEdit):
    """A date that may be partial: ``2025``, ``2025-03`` or ``2025-03-07``. The core
    checks it on save; an error shows under the field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("YYYY-MM-DD, YYYY-MM or YYYY"))
        self.setMaxLength(10)
        self.setClearButtonEnabled(True)

    def value(self) -> str | None:
        text = western_digits(self.text()).strip()
        return text or None

    def set_value(self, value: Any) -> None:
        self.setText(str(value) if value else "")


class OptionalSpinBox(QSpinBox):
    """A whole number that may be unknown (shown as the special text at the minimum)."""

    def __init__(self, maximum: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(-1, maximum)
        self.setSpecialValueText(self.tr("Unknown"))
        self.setValue(-1)

    def value_or_none(self) -> int | None:
        value = self.value()
        return None if value < 0 else value

    def set_value(self, value: Any) -> None:
        self.setValue(-1 if value is None else int(value))


class StringListEdit(QWidget):
    """A short list of strings (alternative spellings): add, edit in place, remove."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setMaximumHeight(96)
        self.entry = QLineEdit()
        self.entry.setPlaceholderText(self.tr("Another spelling"))
        self.add_button = QPushButton(self.tr("Add"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.add_button.clicked.connect(self.add_entry)
        self.entry.returnPressed.connect(self.add_entry)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        row = QHBoxLayout()
        row.addWidget(self.entry, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(row)

    def values(self) -> tuple[str, ...]:
        found = (self.list.item(i).text().strip() for i in range(self.list.count()))
        return tuple(text for text in found if text)

    def set_values(self, values: Any) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for text in values or ():
            self._append(str(text))
        self.list.blockSignals(False)

    def _append(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.addItem(item)

    def add_entry(self) -> None:
        text = self.entry.text().strip()
        if not text:
            return
        self.entry.clear()
        self.list.blockSignals(True)
        self._append(text)
        self.list.blockSignals(False)
        self.changed.emit()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.list.blockSignals(True)
        self.list.takeItem(row)
        self.list.blockSignals(False)
        self.changed.emit()


def code_combo(group: str, *, blank: str | None = None) -> QComboBox:
    """A picker of stored codes showing their translated names; ``blank`` adds a first
    entry meaning "none" (data ``None``)."""
    combo = QComboBox()
    if blank is not None:
        combo.addItem(blank, None)
    for code, label in code_choices(group):
        combo.addItem(label, code)
    return combo


def plain_combo(values: list[tuple[str, Any]]) -> QComboBox:
    combo = QComboBox()
    for label, data in values:
        combo.addItem(label, data)
    return combo


def select_data(combo: QComboBox, value: Any) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))


class ChoiceCombo(QComboBox):
    """An editable picker: one of the listed choices (its data) or free text."""

    def __init__(self, choices: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem("", None)
        for data, label in choices:
            self.addItem(label, data)
        completer = self.completer()
        if completer is not None:
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCurrentIndex(0)

    def resolve(self, text: str) -> str:
        """What typed text stands for (subclasses look names up)."""
        return text

    def value(self) -> str | None:
        text = self.currentText().strip()
        if not text:
            return None
        index = self.findText(self.currentText(), Qt.MatchFlag.MatchExactly)
        if index > 0:
            return str(self.itemData(index))
        return self.resolve(text)

    def set_value(self, value: Any) -> None:
        index = self.findData(value) if value else 0
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setCurrentIndex(-1)
            self.setEditText(str(value))


class ChooserField(QWidget):
    """A value chosen in a dialog: a read-only line showing it, a "Choose…" button
    (also Space, F4 or Alt+Down on the line) and, if ``clearable``, a clear button.
    Subclasses say how a value reads and open their picker."""

    changed = Signal()

    def __init__(self, *, clearable: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value: str | None = None
        self.line = QLineEdit()
        self.line.setReadOnly(True)
        self.line.installEventFilter(self)
        self.choose_button = QPushButton(self.tr("Choose…"))
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(lambda _checked=False: self.open_picker())
        self.clear_button = QToolButton()
        self.clear_button.setText("×")
        self.clear_button.setAutoRaise(True)
        self.clear_button.setAccessibleName(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Clear"))
        self.clear_button.clicked.connect(self.clear)
        self.clear_button.setVisible(clearable)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.line, 1)
        row.addWidget(self.clear_button)
        row.addWidget(self.choose_button)
        self.setFocusProxy(self.line)
        self._show()

    # for subclasses

    def describe(self, value: str) -> tuple[str, str, bool]:
        """(text shown, tooltip, whether it is shown as out of use)."""
        return value, "", False

    def open_picker(self) -> QDialog | None:
        raise NotImplementedError

    # value

    def value(self) -> str | None:
        return self._value

    def set_value(self, value: Any) -> None:
        """Show ``value`` (no ``changed``: used to load, undo and restore)."""
        self._value = str(value) if value else None
        self._show()

    def choose(self, value: str | None) -> None:
        """The person chose ``value`` (``changed`` if it differs)."""
        if (value or None) == self._value:
            return
        self.set_value(value)
        self.changed.emit()

    def clear(self) -> None:
        self.choose(None)

    def _show(self) -> None:
        text, tip, retired = self.describe(self._value) if self._value else ("", "", False)
        self.line.setText(text)
        self.line.setCursorPosition(0)
        self.line.setToolTip(tip)
        font = self.line.font()
        font.setItalic(retired)
        self.line.setFont(font)
        self.clear_button.setEnabled(self._value is not None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and event.type() == QEvent.Type.KeyPress and isinstance(
            event, QKeyEvent
        ):
            key, alt = event.key(), event.modifiers() & Qt.KeyboardModifier.AltModifier
            if key in (Qt.Key.Key_Space, Qt.Key.Key_F4) or (key == Qt.Key.Key_Down and alt):
                self.open_picker()
                return True
        return super().eventFilter(watched, event)


class FieldRow(QWidget):
    """An input with its error line under it (the core's ValidationError.field)."""

    def __init__(self, field: QWidget | QHBoxLayout, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        if isinstance(field, QWidget):
            layout.addWidget(field)
        else:
            layout.addLayout(field)
        layout.addWidget(self.error)
