"""Choosing taxonomy terms: a tree of the schemes that apply to a record, filtered as
you type in any language (or by code), with the chosen term's definition beside it.

Records store codes (DESIGN.md section 3); this is where a person sees labels. Terms
a taxonomy update deprecated or removed are never offered for new tags: they appear
only when the record already carries them (greyed, with what replaces them), so they
can be seen and unticked.

Keyboard: type to filter, Down moves into the tree, Space ticks the current term,
Enter accepts, Escape cancels. In single-select mode (an act's type) Enter or a
double click picks the current term.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from casebook.domain.folding import fold
from casebook.gui.form_widgets import details_pane
from casebook.gui.i18n import interface_language
from casebook.taxonomy.model import Scheme, Term, TermIndex, TermStatus

LABEL, CODE = range(2)
CODE_ROLE = Qt.ItemDataRole.UserRole
#: True for a term that may be picked or ticked here.
PICKABLE_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

#: Schemes edited through a field of their own rather than as tags, per record kind
#: (an act's type; a statement's reliability and credibility grades).
DEDICATED = {"act": ("act",), "statement": ("reliability", "credibility")}


#: Each label's language, named in itself (QLocale would say "American English").
_NATIVE_NAMES = {"en": "English", "ar": "العربية", "fr": "Français", "ku": "Kurdî"}


# Translated with the other names of stored codes (labels.py's context).
_TEXTS = {
    "unknown": QT_TRANSLATE_NOOP("Labels", "Not a term of this vault's taxonomy: {code}"),
    "deprecated-use": QT_TRANSLATE_NOOP("Labels", "Deprecated: use {label}"),
    "deprecated": QT_TRANSLATE_NOOP("Labels", "Deprecated: choose another term"),
    "removed-use": QT_TRANSLATE_NOOP("Labels", "Removed from the taxonomy: use {label}"),
    "removed": QT_TRANSLATE_NOOP("Labels", "Removed from the taxonomy"),
    TermStatus.ACTIVE.value: QT_TRANSLATE_NOOP("Labels", "Active"),
    TermStatus.DEPRECATED.value: QT_TRANSLATE_NOOP("Labels", "Deprecated"),
    TermStatus.REMOVED.value: QT_TRANSLATE_NOOP("Labels", "Removed"),
}


def _tr(key: str) -> str:
    return QCoreApplication.translate("Labels", str(_TEXTS[key]))


def schemes_for(index: TermIndex, kind: str, *, exclude: Iterable[str] = ()) -> list[str]:
    """Codes of the schemes whose terms may tag a record of ``kind`` (a scheme that
    names no record kind applies to all), in the taxonomy's order."""
    left_out = set(exclude)
    return [code for code, scheme in index.schemes.items()
            if (not scheme.applies_to or kind in scheme.applies_to) and code not in left_out]


def tag_schemes_for(index: TermIndex, kind: str) -> list[str]:
    """The schemes shown as tag chips in an editor of ``kind``."""
    return schemes_for(index, kind, exclude=DEDICATED.get(kind, ()))


def term_label(index: TermIndex, code: str, language: str | None = None) -> str:
    """A term's label in the interface language; an unknown code as it is."""
    return index.label(code, language or interface_language())


def retired_note(index: TermIndex, code: str, language: str | None = None) -> str | None:
    """Why a code may not be used for new tags ("Deprecated: use …"); None when it may."""
    term = index.get(code)
    if term is None:
        return _tr("unknown").format(code=code)
    if term.usable:
        return None
    replacement = (index.label(term.replaced_by, language or interface_language())
                   if term.replaced_by else None)
    if term.status is TermStatus.DEPRECATED:
        if replacement:
            return _tr("deprecated-use").format(label=replacement)
        return _tr("deprecated")
    if replacement:
        return _tr("removed-use").format(label=replacement)
    return _tr("removed")


def status_text(term: Term) -> str:
    return _tr(term.status.value)


def _folded(texts: Iterable[str]) -> str:
    return " | ".join(fold(text) for text in texts if text)


@dataclass(eq=False)
class _Node:
    code: str
    scheme: Scheme
    term: Term | None  # None: the row of a scheme
    parent: int  # node number; -1 at the top
    row: int
    search: str
    children: list[int] = field(default_factory=list)


class TermTreeModel(QAbstractItemModel):
    """Schemes as top rows, their terms nested by parent; two columns (label in the
    interface language, code). Terms are checkable in multi-select mode."""

    checked_changed = Signal()

    def __init__(
        self, index: TermIndex, schemes: Sequence[str], checked: Iterable[str] = (), *,
        checkable: bool = True, language: str | None = None, parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.index_ = index
        self.language = language or interface_language()
        self.checkable = checkable
        # Codes ticked, in the order they were (codes given first, then as ticked).
        # Codes this tree cannot show (another scheme, unknown) are kept untouched.
        self._checked: dict[str, None] = dict.fromkeys(checked)
        self._kept_retired = set(self._checked)
        self._nodes: list[_Node] = []
        self._top: list[int] = []
        self._by_code: dict[str, int] = {}
        for code in schemes:
            scheme = index.schemes.get(code)
            if scheme is not None:
                self._add_scheme(scheme)

    # building

    def _add_scheme(self, scheme: Scheme) -> None:
        number = self._new_node(_Node(scheme.code, scheme, None, -1, len(self._top),
                                      _folded(scheme.labels.values())))
        self._top.append(number)
        codes = {term.code for term in scheme.terms}
        below: dict[str | None, list[Term]] = {}
        for term in scheme.terms:
            parent = term.parent if term.parent in codes else None
            below.setdefault(parent, []).append(term)
        shown: dict[str, bool] = {}

        def visible(term: Term, seen: frozenset[str] = frozenset()) -> bool:
            if term.code not in shown:
                shown[term.code] = (
                    term.usable or term.code in self._checked
                    or any(visible(child, seen | {term.code})
                           for child in below.get(term.code, ()) if child.code not in seen)
                )
            return shown[term.code]

        def add(terms: list[Term], parent: int, seen: frozenset[str]) -> None:
            for term in terms:
                if term.code in seen or term.code in self._by_code or not visible(term):
                    continue
                node = self._new_node(_Node(
                    term.code, scheme, term, parent, len(self._nodes[parent].children),
                    _folded([*term.labels.values(), term.code]),
                ))
                self._nodes[parent].children.append(node)
                self._by_code[term.code] = node
                add(below.get(term.code, []), node, seen | {term.code})

        add(below.get(None, []), number, frozenset())

    def _new_node(self, node: _Node) -> int:
        self._nodes.append(node)
        return len(self._nodes) - 1

    # reading

    def _node(self, index: AnyIndex) -> _Node | None:
        if not index.isValid():
            return None
        return self._nodes[index.internalId()]

    def term_at(self, index: AnyIndex) -> Term | None:
        node = self._node(index)
        return None if node is None else node.term

    def scheme_at(self, index: AnyIndex) -> Scheme | None:
        node = self._node(index)
        return None if node is None else node.scheme

    def index_of(self, code: str) -> QModelIndex:
        number = self._by_code.get(code)
        if number is None:
            return QModelIndex()
        return self.createIndex(self._nodes[number].row, LABEL, number)

    def pickable(self, index: AnyIndex) -> bool:
        """A term that may be chosen here: active, or retired but already on the record."""
        term = self.term_at(index)
        return term is not None and (term.usable or term.code in self._kept_retired)

    def matches(self, index: AnyIndex, tokens: Sequence[str]) -> bool:
        """Whether every folded token occurs in the row's labels (any language) or
        code, or in the labels of its scheme."""
        node = self._node(index)
        if node is None:
            return False
        texts = [node.search]
        if node.term is not None:
            texts.append(self._nodes[self._top[self._scheme_row(node)]].search)
        return any(all(token in text for token in tokens) for text in texts)

    def _scheme_row(self, node: _Node) -> int:
        while node.parent != -1:
            node = self._nodes[node.parent]
        return node.row

    def checked_codes(self) -> list[str]:
        return list(self._checked)

    def is_checked(self, code: str) -> bool:
        return code in self._checked

    # QAbstractItemModel

    def index(self, row: int, column: int, parent: AnyIndex = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        node = self._node(parent)
        children = self._top if node is None else node.children
        return self.createIndex(row, column, children[row])

    def parent(self, child: AnyIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        node = self._node(child)
        if node is None or node.parent == -1:
            return QModelIndex()
        return self.createIndex(self._nodes[node.parent].row, LABEL, node.parent)

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        if parent.isValid() and parent.column() != LABEL:
            return 0
        node = self._node(parent)
        return len(self._top if node is None else node.children)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 2

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Term") if section == LABEL else self.tr("Code")
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        node = self._node(index)
        if node is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._checkable(index):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def _checkable(self, index: AnyIndex) -> bool:
        return self.checkable and index.column() == LABEL and self.pickable(index)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node(index)
        if node is None:
            return None
        term = node.term
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == CODE:
                return node.code
            return (node.scheme.label(self.language) if term is None
                    else term.label(self.language))
        if role == Qt.ItemDataRole.CheckStateRole and self._checkable(index):
            return (Qt.CheckState.Checked if node.code in self._checked
                    else Qt.CheckState.Unchecked)
        if role == CODE_ROLE:
            return node.code
        if role == PICKABLE_ROLE:
            return self.pickable(index)
        if term is None:
            if role == Qt.ItemDataRole.FontRole:
                font = QFont(QGuiApplication.font())
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            note = retired_note(self.index_, term.code, self.language)
            return note or term.definition(self.language) or None
        if not term.usable:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QGuiApplication.palette().brush(QPalette.ColorGroup.Disabled,
                                                       QPalette.ColorRole.Text)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont(QGuiApplication.font())
                font.setItalic(True)
                return font
        return None

    def setData(self, index: AnyIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not self._checkable(index):
            return False
        node = self._node(index)
        assert node is not None
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        if checked == (node.code in self._checked):
            return True
        if checked:
            self._checked[node.code] = None
        else:
            del self._checked[node.code]
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()
        return True

    def toggle(self, index: QModelIndex) -> bool:
        """Tick or untick the term at ``index`` (any column); False if it cannot be."""
        label = index.siblingAtColumn(LABEL)
        if not self._checkable(label):
            return False
        node = self._node(label)
        assert node is not None
        state = Qt.CheckState.Unchecked if node.code in self._checked else Qt.CheckState.Checked
        return self.setData(label, state, Qt.ItemDataRole.CheckStateRole)


class TermFilterProxy(QSortFilterProxyModel):
    """Rows whose labels (any language, Arabic-normalised, case-insensitive) or code
    contain every typed word; the parents of a match stay, to show where it sits."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.tokens: list[str] = []

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self.tokens = fold(text).split()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self.tokens:
            return True
        model = self.sourceModel()
        assert isinstance(model, TermTreeModel)
        return model.matches(model.index(source_row, LABEL, source_parent), self.tokens)

    def is_match(self, index: AnyIndex) -> bool:
        """Whether the row itself matches (not only shown as the parent of a match)."""
        model = self.sourceModel()
        assert isinstance(model, TermTreeModel)
        source = self.mapToSource(index)
        return not self.tokens or model.matches(source, self.tokens)


class TermTreeView(QTreeView):
    """The tree: Space asks to tick the current term; other typed text goes back to
    the search box (type to filter from anywhere)."""

    toggle_requested = Signal()
    typed = Signal(QKeyEvent)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier
                                          | Qt.KeyboardModifier.KeypadModifier)
        if event.key() == Qt.Key.Key_Space and plain:
            self.toggle_requested.emit()
            event.accept()
            return
        text = event.text()
        if plain and ((text and text.isprintable() and not text.isspace())
                      or event.key() == Qt.Key.Key_Backspace):
            self.typed.emit(event)
            event.accept()
            return
        super().keyPressEvent(event)


class TaxonomyPickerDialog(QDialog):
    """Pick terms of ``schemes``: ticked terms in multi-select mode, one term in
    single-select mode. Window-modal; read :meth:`selected_codes` once accepted."""

    def __init__(
        self, index: TermIndex, schemes: Sequence[str], checked: Iterable[str] = (), *,
        single: bool = False, title: str | None = None, parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("taxonomy_picker")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.single = single
        self._chosen: list[str] | None = None
        self.language = interface_language()
        self.index_ = index
        initial = [code for code in checked if code]
        self.setWindowTitle(title or (self.tr("Choose a term") if single
                                      else self.tr("Choose tags")))
        self.model = TermTreeModel(index, schemes, initial, checkable=not single,
                                   language=self.language, parent=self)
        self.proxy = TermFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setObjectName("term_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("Type to find a term, in Arabic or English, or its code")
        )
        self.search.textChanged.connect(self.apply_filter)
        self.search.installEventFilter(self)
        self.no_match = QLabel()
        self.no_match.setObjectName("term_no_match")
        self.no_match.hide()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_tree())
        splitter.addWidget(self._build_details())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([560, 340])
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.no_match)
        layout.addWidget(splitter, 1)
        layout.addWidget(self._build_hint())
        layout.addWidget(self.buttons)
        self.resize(900, 560)

        self._show_tree_at_rest()
        first = initial[0] if initial else None
        start = self.proxy.mapFromSource(self.model.index_of(first)) if first else QModelIndex()
        for code in initial:
            self._reveal(self.proxy.mapFromSource(self.model.index_of(code)))
        self.tree.setCurrentIndex(start if start.isValid() else self.proxy.index(0, LABEL))
        self.show_details(self.tree.currentIndex())
        self.search.setFocus()
        if single:
            self.tree.selectionModel().currentChanged.connect(
                lambda _c, _p: self._update_ok())
            self._update_ok()

    def _build_tree(self) -> QTreeView:
        self.tree = TermTreeView()
        self.tree.setObjectName("term_tree")
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setExpandsOnDoubleClick(not self.single)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(LABEL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CODE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(CODE, 170)
        self.tree.toggle_requested.connect(self.toggle_current)
        self.tree.typed.connect(self._typed_in_tree)
        self.tree.doubleClicked.connect(self._double_clicked)
        self.tree.selectionModel().currentChanged.connect(
            lambda current, _previous: self.show_details(current))
        return self.tree

    def _build_details(self) -> QScrollArea:
        self.details, scroll = details_pane("term_details", 240)
        return scroll

    def _build_hint(self) -> QLabel:
        hint = QLabel(
            self.tr("Down: to the list · Enter: choose this term · Esc: cancel") if self.single
            else self.tr("Down: to the list · Space: tick or untick · Enter: done · "
                         "Esc: cancel")
        )
        hint.setObjectName("term_hint")
        hint.setEnabled(False)  # drawn in the quieter disabled colour
        hint.setWordWrap(True)
        return hint

    def _build_buttons(self) -> None:
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("term_ok")
        self.ok_button.setText(self.tr("Choose") if self.single else self.tr("Done"))
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    # filtering

    def apply_filter(self, text: str) -> None:
        self.proxy.set_query(text)
        if self.proxy.tokens:
            self.tree.expandAll()
        else:
            self._show_tree_at_rest()
        empty = self.proxy.rowCount() == 0
        self.no_match.setText(self.tr("No term matches “{text}”.").format(text=text.strip()))
        self.no_match.setVisible(empty)
        current = self.tree.currentIndex()
        if not current.isValid() or not self.proxy.is_match(current):
            first = self.first_match()
            self.tree.setCurrentIndex(first)
            if not first.isValid():
                self.show_details(first)

    def _show_tree_at_rest(self) -> None:
        self.tree.collapseAll()
        self.tree.expandToDepth(0)
        current = self.tree.currentIndex()
        if current.isValid():
            self._reveal(current)

    def _reveal(self, index: QModelIndex) -> None:
        parent = index.parent()
        while parent.isValid():
            self.tree.expand(parent)
            parent = parent.parent()
        if index.isValid():
            self.tree.scrollTo(index)

    def first_match(self, parent: QModelIndex | None = None) -> QModelIndex:
        """The first row (depth first) that matches the filter itself and can be
        chosen; failing that, the first row."""
        top = QModelIndex() if parent is None else parent
        for row in range(self.proxy.rowCount(top)):
            index = self.proxy.index(row, LABEL, top)
            if self.proxy.is_match(index) and bool(index.data(PICKABLE_ROLE)):
                return index
            found = self.first_match(index)
            if found.isValid() and bool(found.data(PICKABLE_ROLE)):
                return found
        if parent is None and self.proxy.rowCount() > 0:
            return self.proxy.index(0, LABEL)
        return QModelIndex()

    # keyboard

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.search and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown)):
            self.focus_tree()
            return True
        return super().eventFilter(watched, event)

    def focus_tree(self) -> None:
        current = self.tree.currentIndex()
        if not current.isValid() or not self.proxy.is_match(current):
            self.tree.setCurrentIndex(self.first_match())
        self.tree.setFocus()

    def _typed_in_tree(self, event: QKeyEvent) -> None:
        self.search.setFocus()
        copy = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
        QCoreApplication.sendEvent(self.search, copy)

    def toggle_current(self) -> None:
        if not self.single:
            self.model.toggle(self.proxy.mapToSource(self.tree.currentIndex()))

    def _double_clicked(self, index: QModelIndex) -> None:
        if self.single and bool(index.data(PICKABLE_ROLE)):
            self.accept()

    # result

    def current_code(self) -> str | None:
        index = self.tree.currentIndex()
        if not index.isValid() or not bool(index.data(PICKABLE_ROLE)):
            return None
        return str(index.data(CODE_ROLE))

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(self.current_code() is not None)

    def selected_codes(self) -> list[str]:
        """Multi-select: the ticked codes (those given first, in their order, then
        those ticked here). Single-select: the current term's code, if any."""
        if self._chosen is not None:
            return list(self._chosen)
        if self.single:
            code = self.current_code()
            return [code] if code else []
        return self.model.checked_codes()

    def accept(self) -> None:
        if self.single and self.current_code() is None:
            return  # a scheme row: nothing chosen yet
        super().accept()

    def done(self, result: int) -> None:
        # The answer is kept, and the views let go of their slots here: while the
        # dialog is destroyed its models go first, and a view reporting a new current
        # row to a half-destroyed dialog would crash.
        self._chosen = self.selected_codes()
        self.tree.selectionModel().currentChanged.disconnect()
        super().done(result)

    # the definition pane

    def _p(self, content: str) -> str:
        """A paragraph in the interface's direction (set on each: Qt's rich text
        otherwise lets a paragraph in the other direction sway the next)."""
        rtl = QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        return f'<p dir="{"rtl" if rtl else "ltr"}">{content}</p>'

    def show_details(self, index: QModelIndex) -> None:
        source = self.proxy.mapToSource(index) if index.isValid() else QModelIndex()
        term = self.model.term_at(source)
        scheme = self.model.scheme_at(source)
        if scheme is None:
            self.details.setText("")
            return
        if term is None:
            parts = [f"<h3>{html.escape(scheme.label(self.language))}</h3>"]
            parts += self._other_labels(scheme.labels)
            definition = (scheme.definitions.get(self.language)
                          or scheme.definitions.get("en") or "")
            if definition:
                parts.append(self._p(html.escape(definition)))
            parts.append(self._p(html.escape(self.tr("{count} terms").format(
                count=len(scheme.terms)))))
            self.details.setText("".join(parts))
            return
        parts = [f"<h3>{html.escape(term.label(self.language))}</h3>"]
        parts += self._other_labels(term.labels)
        parts.append(self._p(f"<code>\u2066{html.escape(term.code)}\u2069</code> · "
                             f"{html.escape(scheme.label(self.language))}"))
        definition = term.definition(self.language)
        if definition:
            parts.append(self._p(html.escape(definition)))
        if term.legal_reference:
            parts.append(self._p("<b>" + html.escape(self.tr("Legal reference:")) + "</b> "
                                 + html.escape(term.legal_reference)))
        status = retired_note(self.index_, term.code, self.language) or status_text(term)
        parts.append(self._p("<b>" + html.escape(self.tr("Status:")) + "</b> "
                             + html.escape(status)))
        self.details.setText("".join(parts))

    def _other_labels(self, labels: Any) -> list[str]:
        found = []
        for language, label in labels.items():
            if language == self.language or not label:
                continue
            direction = "rtl" if QLocale(language).textDirection() == \
                Qt.LayoutDirection.RightToLeft else "ltr"
            name = _NATIVE_NAMES.get(language) or QLocale(language).nativeLanguageName() \
                or language
            found.append(f'<p dir="{direction}">{html.escape(label)} '
                         f"<small>({html.escape(name)})</small></p>")
        return found
