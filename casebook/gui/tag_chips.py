"""A record's tags as chips (the term's label, a × to remove it) and an "Add tag…"
button opening the taxonomy picker; and :class:`TermField`, one term chosen with the
picker in single-select mode (an act's type).

Records keep codes. A code the taxonomy has since deprecated or removed stays on the
record and shows as a dashed chip whose tooltip names the replacement; a code the
vault does not know (a tag typed before the taxonomy was installed) shows as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QSizePolicy,
    QStyle,
    QToolButton,
    QWidget,
    QWidgetItem,
)

from casebook.gui.field_widgets import ChooserField
from casebook.gui.i18n import interface_language
from casebook.gui.taxonomy_picker import TaxonomyPickerDialog, retired_note, term_label
from casebook.taxonomy.model import TermIndex

#: The widest a row of chips asks to be; wider rows wrap.
PREFERRED_WIDTH = 460

_STYLE = """
QFrame#tag_chip {
    border: 1px solid palette(mid);
    border-radius: 11px;
    background: palette(base);
}
QFrame#tag_chip[retired="true"] {
    border: 1px dashed palette(dark);
    background: palette(window);
}
QFrame#tag_chip[retired="true"] QLabel { color: palette(dark); font-style: italic; }
QToolButton#remove_tag { border: none; padding: 0 2px; }
QToolButton#remove_tag:hover, QToolButton#remove_tag:focus {
    border-radius: 8px; background: palette(midlight);
}
"""


def parse_codes(value: Any) -> list[str]:
    """Codes from a stored list, or from the comma-separated text older drafts kept."""
    if not value:
        return []
    items = str(value).replace("،", ",").split(",") if isinstance(value, str) else value
    return list(dict.fromkeys(str(code).strip() for code in items if str(code).strip()))


class FlowLayout(QLayout):
    """Items left to right (right to left in Arabic), wrapping to new lines."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def insertWidget(self, position: int, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self._items.insert(position, QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def sizeHint(self) -> QSize:
        visible = [item for item in self._items if not item.isEmpty()]
        one_line = sum(item.sizeHint().width() for item in visible) + self._gap * max(
            len(visible) - 1, 0)
        width = max(min(one_line, PREFERRED_WIDTH), self.minimumSize().width())
        return QSize(width, self.heightForWidth(width))

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        parent = self.parentWidget()
        direction = (parent.layoutDirection() if parent is not None
                     else QGuiApplication.layoutDirection())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x + hint.width() > area.x() + area.width() and x > area.x():
                x, y, line = area.x(), y + line + self._gap, 0
            if apply:
                logical = QRect(QPoint(x, y), hint)
                item.setGeometry(QStyle.visualRect(direction, area, logical))
            x += hint.width() + self._gap
            line = max(line, hint.height())
        return y + line - rect.y() + margins.bottom()


class TagChip(QFrame):
    remove_requested = Signal(str)

    def __init__(self, index: TermIndex, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = code
        self.setObjectName("tag_chip")
        language = interface_language()
        self.text = term_label(index, code, language)
        self.note = retired_note(index, code, language)
        self.retired = self.note is not None
        self.setProperty("retired", self.retired)
        term = index.get(code)
        if self.note is not None:
            tip = self.note
        else:
            assert term is not None
            scheme = index.schemes.get(term.scheme)
            scheme_label = scheme.label(language) if scheme is not None else term.scheme
            definition = term.definition(language)
            tip = f"{scheme_label} · {code}" + (f"\n\n{definition}" if definition else "")
        self.setToolTip(tip)
        self.label = QLabel(self.text)
        self.label.setObjectName("tag_label")
        self.remove_button = QToolButton()
        self.remove_button.setObjectName("remove_tag")
        self.remove_button.setText("×")
        self.remove_button.setAccessibleName(self.tr("Remove the tag {label}").format(
            label=self.text))
        self.remove_button.setToolTip(self.tr("Remove this tag"))
        self.remove_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.remove_button.clicked.connect(lambda _checked=False: self.remove_requested.emit(code))
        row = QHBoxLayout(self)
        row.setContentsMargins(9, 1, 3, 1)
        row.setSpacing(2)
        row.addWidget(self.label)
        row.addWidget(self.remove_button)


class TagChips(QWidget):
    """Tags of a record from ``schemes``: chips that wrap, and "Add tag…"."""

    changed = Signal()

    def __init__(self, index: TermIndex, schemes: Sequence[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index_ = index
        self.schemes = list(schemes)
        self._codes: list[str] = []
        self.chips: list[TagChip] = []
        self.picker: TaxonomyPickerDialog | None = None
        self.setStyleSheet(_STYLE)
        self.add_button = QPushButton(self.tr("Add tag…"))
        self.add_button.setObjectName("add_tag")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda _checked=False: self.open_picker())
        self.add_button.setEnabled(bool(self.schemes))
        self.flow = FlowLayout(self)
        self.flow.addWidget(self.add_button)
        self.setFocusProxy(self.add_button)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def codes(self) -> list[str]:
        return list(self._codes)

    def set_codes(self, codes: Any) -> None:
        """Show ``codes`` (no ``changed``: used to load, undo and restore)."""
        self._codes = parse_codes(codes)
        self._rebuild()

    def remove(self, code: str) -> None:
        if code not in self._codes:
            return
        position = self._codes.index(code)
        had_focus = any(chip.remove_button.hasFocus() for chip in self.chips)
        self._codes.remove(code)
        self._rebuild()
        self.changed.emit()
        if had_focus:  # keyboard removal: stay among the chips
            target = (self.chips[min(position, len(self.chips) - 1)].remove_button
                      if self.chips else self.add_button)
            target.setFocus()

    def choose(self, codes: list[str]) -> None:
        """The person picked ``codes`` (``changed`` if they differ)."""
        codes = parse_codes(codes)
        if codes == self._codes:
            return
        self._codes = codes
        self._rebuild()
        self.changed.emit()

    def open_picker(self) -> TaxonomyPickerDialog:
        dialog = TaxonomyPickerDialog(self.index_, self.schemes, self._codes,
                                      title=self.tr("Choose tags"), parent=self)
        dialog.accepted.connect(lambda: self.choose(dialog.selected_codes()))
        dialog.finished.connect(lambda _result: self._picker_closed(dialog))
        self.picker = dialog
        dialog.open()
        return dialog

    def _picker_closed(self, dialog: TaxonomyPickerDialog) -> None:
        if self.picker is dialog:
            self.picker = None
        self.add_button.setFocus()

    def _rebuild(self) -> None:
        for chip in self.chips:
            self.flow.removeWidget(chip)
            chip.hide()
            chip.deleteLater()
        self.chips = []
        for position, code in enumerate(self._codes):
            chip = TagChip(self.index_, code, self)
            chip.remove_requested.connect(self.remove)
            self.flow.insertWidget(position, chip)
            chip.show()
            self.chips.append(chip)
        self.updateGeometry()
        self._fit_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as the wrapped chips need at this width (forms give a row its
        minimum height when space is short, and know nothing of the wrapping)."""
        needed = self.flow.heightForWidth(max(self.width(), 1))
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)


class TermField(ChooserField):
    """One term of ``scheme``, chosen in the picker (single-select)."""

    def __init__(self, index: TermIndex, scheme: str, title: str,
                 parent: QWidget | None = None) -> None:
        self.index_ = index
        self.scheme = scheme
        self.title = title
        self.picker: TaxonomyPickerDialog | None = None
        super().__init__(clearable=False, parent=parent)
        self.line.setPlaceholderText(self.tr("Not chosen"))

    def describe(self, value: str) -> tuple[str, str, bool]:
        language = interface_language()
        note = retired_note(self.index_, value, language)
        term = self.index_.get(value)
        tip = note or (f"{value}\n\n{term.definition(language)}".strip()
                       if term is not None else value)
        return term_label(self.index_, value, language), tip, note is not None

    def open_picker(self) -> TaxonomyPickerDialog:
        current = [self._value] if self._value else []
        dialog = TaxonomyPickerDialog(self.index_, [self.scheme], current, single=True,
                                      title=self.title, parent=self)
        dialog.accepted.connect(lambda: self._picked(dialog.selected_codes()))
        self.picker = dialog
        dialog.open()
        return dialog

    def _picked(self, codes: list[str]) -> None:
        if codes:
            self.choose(codes[0])
        self.line.setFocus()
