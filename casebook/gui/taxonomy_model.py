"""The taxonomy as a tree for the taxonomy page: schemes, then their terms nested
under their parents, with the number of incidents per term.

The model only adapts what the page loaded in a worker (schemes and counts); it
never reads the database. Searching and hiding removed terms is done by
:class:`TaxonomyFilterModel` on top of it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from casebook.domain.folding import fold
from casebook.services.taxonomy import TermCount
from casebook.taxonomy.model import Scheme, Term, TermIndex, TermStatus

Index = QModelIndex | QPersistentModelIndex

CODE_ROLE = Qt.ItemDataRole.UserRole
NODE_ROLE = Qt.ItemDataRole.UserRole + 1


def ui_language() -> str:
    """The language taxonomy labels are shown in: Arabic in the Arabic interface,
    English otherwise."""
    return "ar" if QLocale().language() == QLocale.Language.Arabic else "en"


class Column(IntEnum):
    LABEL = 0
    CODE = 1
    INCIDENTS = 2
    STATUS = 3


@dataclass(eq=False)
class Node:
    """A scheme (``term`` is None) or a term, with its place in the tree."""

    scheme: Scheme
    term: Term | None
    parent: Node | None
    row: int
    children: list[Node] = field(default_factory=list)
    haystack: str = ""  # folded code and labels in every language

    @property
    def code(self) -> str:
        return self.term.code if self.term is not None else self.scheme.code

    @property
    def removed(self) -> bool:
        return self.term is not None and self.term.status is TermStatus.REMOVED

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


def _haystack(code: str, labels: Mapping[str, str]) -> str:
    return " | ".join([fold(code), *(fold(label) for label in labels.values())])


def build_tree(schemes: list[Scheme]) -> list[Node]:
    """Scheme nodes with their terms below them, in the order of the file. A term
    whose parent is missing (it cannot pass validation, but a stored row might) is
    shown at the top of its scheme."""
    roots: list[Node] = []
    for scheme in schemes:
        node = Node(scheme, None, None, len(roots),
                    haystack=_haystack(scheme.code, scheme.labels))
        roots.append(node)
        codes = {t.code for t in scheme.terms}
        below: dict[str | None, list[Term]] = {}
        for term in scheme.terms:
            key = term.parent if term.parent in codes and term.parent != term.code else None
            below.setdefault(key, []).append(term)
        placed: set[str] = set()
        pending: list[tuple[Node, str | None]] = [(node, None)]
        while pending:
            parent_node, key = pending.pop()
            for term in below.get(key, ()):
                if term.code in placed:  # a cycle cannot pass validation either
                    continue
                placed.add(term.code)
                child = Node(scheme, term, parent_node, len(parent_node.children),
                             haystack=_haystack(term.code, term.labels))
                parent_node.children.append(child)
                pending.append((child, term.code))
    return roots


class TaxonomyTreeModel(QAbstractItemModel):
    """Schemes > terms, with columns label, code, incidents, status."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._roots: list[Node] = []
        self._counts: dict[str, TermCount] = {}
        self._index = TermIndex([])
        self._language = ui_language()
        self._headers = (self.tr("Label"), self.tr("Code"), self.tr("Incidents"),
                         self.tr("Status"))

    # content

    def set_taxonomy(self, schemes: list[Scheme], counts: Mapping[str, TermCount]) -> None:
        self.beginResetModel()
        self._language = ui_language()
        self._index = TermIndex(schemes)
        self._roots = build_tree(schemes)
        self._counts = dict(counts)
        self.endResetModel()

    @property
    def term_index(self) -> TermIndex:
        return self._index

    @property
    def language(self) -> str:
        return self._language

    def count(self, code: str) -> TermCount | None:
        return self._counts.get(code)

    def nodes(self) -> Iterator[Node]:
        for root in self._roots:
            yield from root.walk()

    def index_of(self, code: str) -> QModelIndex:
        """The index of a scheme or term by code (invalid if it is not shown)."""
        node = next((n for n in self.nodes() if n.code == code), None)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)

    @staticmethod
    def node(index: Index) -> Node | None:
        if not index.isValid():
            return None
        found = index.internalPointer()
        return found if isinstance(found, Node) else None

    def status_text(self, term: Term) -> str:
        if term.status is TermStatus.DEPRECATED:
            if term.replaced_by:
                return self.tr("Deprecated: use {term}").format(
                    term=self._index.label(term.replaced_by, self._language))
            return self.tr("Deprecated")
        if term.status is TermStatus.REMOVED:
            return self.tr("Removed")
        return self.tr("Active")

    # QAbstractItemModel

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(Column) or row < 0:
            return QModelIndex()
        if parent.isValid():
            if parent.column() != 0:
                return QModelIndex()
            owner = self.node(parent)
            siblings = owner.children if owner is not None else []
        else:
            siblings = self._roots
        if row >= len(siblings):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self.node(child)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._roots)
        if parent.column() != 0:
            return 0
        node = self.node(parent)
        return 0 if node is None else len(node.children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(node, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            labels = node.term.labels if node.term is not None else node.scheme.labels
            return "\n".join(dict.fromkeys(v for v in labels.values() if v)) or None
        if role == CODE_ROLE:
            return node.code
        if role == NODE_ROLE:
            return "scheme" if node.term is None else "term"
        if role == Qt.ItemDataRole.FontRole:
            return self._font(node)
        if role == Qt.ItemDataRole.ForegroundRole and node.removed:
            return QGuiApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.INCIDENTS:
            return int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, node: Node, column: int) -> str | None:
        term = node.term
        if column == Column.LABEL:
            return node.scheme.label(self._language) if term is None else term.label(
                self._language)
        if column == Column.CODE:
            # Codes are ASCII: kept left-to-right inside the Arabic interface.
            return f"\u2066{node.code}\u2069"
        if column == Column.INCIDENTS:
            count = self._counts.get(node.code) if term is not None else None
            return None if count is None else QLocale().toString(count.total)
        if column == Column.STATUS:
            if term is None:
                return self.tr("Added from CSV") if node.scheme.origin.startswith(
                    "local:") else None
            return self.status_text(term)
        return None

    @staticmethod
    def _font(node: Node) -> QFont | None:
        if node.term is None:
            font = QFont(QGuiApplication.font())
            font.setBold(True)
            return font
        if node.term.status is not TermStatus.ACTIVE:
            font = QFont(QGuiApplication.font())
            font.setItalic(True)
            return font
        return None


class TaxonomyFilterModel(QSortFilterProxyModel):
    """Hides removed terms (unless asked for) and filters by a search in every
    language: a term is shown when its code or a label (or those of one of its
    broader terms or its scheme) contains every word typed, folded; broader terms of
    a match are kept so it stays in its place."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._query = ""
        self._tokens: list[str] = []
        self._show_removed = False
        self.setRecursiveFilteringEnabled(True)

    @property
    def query(self) -> str:
        return self._query

    @property
    def show_removed(self) -> bool:
        return self._show_removed

    def set_query(self, text: str) -> None:
        folded = fold(text)
        if folded != self._query:
            self.beginFilterChange()
            self._query = folded
            self._tokens = folded.split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_show_removed(self, show: bool) -> None:
        if show != self._show_removed:
            self.beginFilterChange()
            self._show_removed = show
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        source = self.sourceModel()
        node = TaxonomyTreeModel.node(source.index(source_row, 0, source_parent))
        if node is None:
            return False
        if node.removed and not self._show_removed:
            return False
        if not self._tokens:
            return True
        current: Node | None = node
        while current is not None:
            if all(token in current.haystack for token in self._tokens):
                return True
            current = current.parent
        return False
