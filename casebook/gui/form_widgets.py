"""Widgets shared by the windows: headings, paragraphs and form values, the busy bar
and the inline error line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QProgressBar,
    QScrollArea,
    QTableView,
    QWidget,
)


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.4)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def paragraph(text: str = "", name: str = "") -> QLabel:
    """A wrapping label of plain text (never rich text: it may hold a name typed in)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    return label


def value_label(name: str) -> QLabel:
    """A selectable, wrapping plain-text value beside its label in a form."""
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


def read_only_rows(table: QTableView) -> None:
    """A table read row by row: one row selected at a time, nothing edited in place,
    no row numbers."""
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)


def busy_bar(parent: QWidget | None = None) -> QProgressBar:
    """An indeterminate bar shown while a job runs (range 0..0 makes it animate)."""
    bar = QProgressBar(parent)
    bar.setObjectName("busy")
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(10)
    bar.hide()
    return bar


class ErrorLabel(QLabel):
    """An inline, word-wrapped error message; ``kind`` tells tests and screen readers
    which error it is without parsing the text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("error")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet("color: #b3261e;")
        self.kind = ""
        self.hide()

    def show_message(self, text: str, kind: str = "invalid") -> None:
        self.kind = kind
        self.setProperty("errorKind", kind)
        self.setText(text)
        self.setAccessibleDescription(text)
        self.show()

    def clear_message(self) -> None:
        self.kind = ""
        self.setProperty("errorKind", "")
        self.setText("")
        self.hide()


def details_pane(object_name: str, min_width: int) -> tuple[QLabel, QScrollArea]:
    """A selectable rich-text label in a vertical scroll area: the details beside a
    picker's tree."""
    details = QLabel()
    details.setObjectName(object_name)
    details.setWordWrap(True)
    details.setTextFormat(Qt.TextFormat.RichText)
    details.setAlignment(Qt.AlignmentFlag.AlignTop)
    details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    details.setMargin(6)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(details)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setMinimumWidth(min_width)
    return details, scroll
