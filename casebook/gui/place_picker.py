"""Choosing a place of the gazetteer: its hierarchy as a tree (children read when a
branch opens), a search in Arabic or English that lists matches with their path,
the place's names, level, P-code and coordinates, and "Add place…" for a community
or site the gazetteer lacks (added under the place chosen, off the GUI thread).

:class:`PlaceField` shows the chosen place's path in an editor and opens the picker.
Records keep the place id; a place written as text before the gazetteer existed
still shows as that text.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from casebook.domain.errors import ValidationError
from casebook.domain.folding import fold
from casebook.domain.records import PlaceLevel
from casebook.gazetteer.model import Gazetteer, Place, level_rank
from casebook.gui.content_dialog import ContentDialog
from casebook.gui.editor_context import EditorContext
from casebook.gui.errors import show_error
from casebook.gui.field_widgets import ChooserField, FieldRow, western_digits
from casebook.gui.form_widgets import ErrorLabel, busy_bar, details_pane
from casebook.gui.i18n import interface_language
from casebook.gui.labels import standalone
from casebook.gui.validation import ValidationText
from casebook.services.places import PlaceService

NAME, LEVEL, PCODE = range(3)
ID_ROLE = Qt.ItemDataRole.UserRole
AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
SEARCH_LIMIT = 200

# Translated with the other names of stored codes (labels.py's context).
_LEVELS = {
    PlaceLevel.COUNTRY: QT_TRANSLATE_NOOP("Labels", "Country"),
    PlaceLevel.GOVERNORATE: QT_TRANSLATE_NOOP("Labels", "Governorate"),
    PlaceLevel.DISTRICT: QT_TRANSLATE_NOOP("Labels", "District"),
    PlaceLevel.SUB_DISTRICT: QT_TRANSLATE_NOOP("Labels", "Sub-district"),
    PlaceLevel.COMMUNITY: QT_TRANSLATE_NOOP("Labels", "Community"),
    PlaceLevel.SITE: QT_TRANSLATE_NOOP("Labels", "Site"),
}
#: Levels a person may add (the administrative ones come from boundary tables).
ADDABLE = (PlaceLevel.COMMUNITY, PlaceLevel.SITE)


def level_label(level: PlaceLevel | str) -> str:
    return QCoreApplication.translate("Labels", str(_LEVELS[PlaceLevel(level)]))


class PlaceTreeModel(QAbstractItemModel):
    """The gazetteer's hierarchy (name, level, P-code). A place's children are listed
    when the view first asks for them."""

    def __init__(self, gazetteer: Gazetteer, language: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self._set(gazetteer)

    def _set(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._ids: list[str] = []
        self._numbers: dict[str, int] = {}
        self._rows: dict[int, int] = {}
        self._parents: dict[int, int] = {}
        self._kids: dict[int, list[int]] = {}

    def set_gazetteer(self, gazetteer: Gazetteer) -> None:
        self.beginResetModel()
        self._set(gazetteer)
        self.endResetModel()

    def _number(self, place_id: str) -> int:
        number = self._numbers.get(place_id)
        if number is None:
            number = len(self._ids)
            self._ids.append(place_id)
            self._numbers[place_id] = number
        return number

    def _children(self, number: int) -> list[int]:
        """Children of a node (-1: the top), listed on first use."""
        kids = self._kids.get(number)
        if kids is None:
            places = (self.gazetteer.roots() if number == -1
                      else self.gazetteer.children(self._ids[number]))
            places.sort(key=lambda p: (level_rank(p.level), fold(p.label(self.language))))
            kids = [self._number(place.id) for place in places]
            for row, kid in enumerate(kids):
                self._rows[kid] = row
                self._parents[kid] = number
            self._kids[number] = kids
        return kids

    def place_at(self, index: AnyIndex) -> Place | None:
        if not index.isValid():
            return None
        return self.gazetteer.get(self._ids[index.internalId()])

    def index_of(self, place_id: str) -> QModelIndex:
        """The index of a place, listing the branches above it as needed."""
        place = self.gazetteer.get(place_id)
        if place is None:
            return QModelIndex()
        chain = [*reversed(self.gazetteer.ancestors(place_id)), place]
        number = -1
        for step in chain:
            kids = self._children(number)
            found = self._numbers.get(step.id)
            if found is None or found not in kids:
                return QModelIndex()
            number = found
        return self.createIndex(self._rows[number], NAME, number)

    # QAbstractItemModel

    def index(self, row: int, column: int, parent: AnyIndex = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        number = parent.internalId() if parent.isValid() else -1
        return self.createIndex(row, column, self._children(number)[row])

    def parent(self, child: AnyIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not child.isValid():
            return QModelIndex()
        up = self._parents.get(child.internalId(), -1)
        if up == -1:
            return QModelIndex()
        return self.createIndex(self._rows[up], NAME, up)

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        if parent.isValid() and parent.column() != NAME:
            return 0
        return len(self._children(parent.internalId() if parent.isValid() else -1))

    def hasChildren(self, parent: AnyIndex = _ROOT) -> bool:
        if not parent.isValid():
            return bool(self.gazetteer.roots())
        if parent.column() != NAME:
            return False
        number = parent.internalId()
        if number in self._kids:
            return bool(self._kids[number])
        return bool(self.gazetteer.children(self._ids[number]))

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Place"), self.tr("Level"), self.tr("P-code"))[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        place = self.place_at(index)
        if place is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == NAME:
                return place.label(self.language)
            return level_label(place.level) if column == LEVEL else place.pcode
        if role == Qt.ItemDataRole.ToolTipRole:
            other = place.name if self.language == "ar" else place.name_ar
            return other or None
        if role == ID_ROLE:
            return place.id
        return None


class AddPlaceDialog(ContentDialog):
    """A community or a site under ``parent_place``: names, level, coordinates."""

    place_added = Signal(object)  # Place

    def __init__(self, context: EditorContext, parent_place: Place,
                 parent: QWidget | None = None) -> None:
        super().__init__(context.runner, parent)
        self.setObjectName("add_place_dialog")
        self.setWindowTitle(self.tr("Add a place"))
        self.context = context
        self.parent_place = parent_place
        language = interface_language()
        self.inside = QLabel(standalone(context.gazetteer.path(parent_place.id, language)))
        self.inside.setObjectName("new_place_parent")
        self.inside.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setObjectName("new_place_name")
        self.name.setPlaceholderText(self.tr("Name in English or in Latin letters"))
        self.name_ar = QLineEdit()
        self.name_ar.setObjectName("new_place_name_ar")
        self.name_ar.setPlaceholderText(self.tr("Name in Arabic script"))
        self.level = QComboBox()
        self.level.setObjectName("new_place_level")
        for level in ADDABLE:
            if level_rank(level) > level_rank(parent_place.level):
                self.level.addItem(level_label(level), level.value)
        self.latitude = QLineEdit()
        self.latitude.setObjectName("new_place_latitude")
        self.latitude.setPlaceholderText(self.tr("Optional, e.g. 35.3612"))
        self.longitude = QLineEdit()
        self.longitude.setObjectName("new_place_longitude")
        self.longitude.setPlaceholderText(self.tr("Optional, e.g. 35.9256"))
        self.rows: dict[str, FieldRow] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Inside:"), self.inside)
        for label, name, widget in (
            (self.tr("Name:"), "name", self.name),
            (self.tr("Arabic name:"), "name_ar", self.name_ar),
            (self.tr("Level:"), "level", self.level),
            (self.tr("Latitude:"), "latitude", self.latitude),
            (self.tr("Longitude:"), "longitude", self.longitude),
        ):
            self.rows[name] = FieldRow(widget)
            form.addRow(label, self.rows[name])
        self.error = ErrorLabel()
        self.progress = busy_bar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("new_place_save")
        self.save_button.setText(self.tr("Add place"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        if self.level.count() == 0:
            self.error.show_message(self.tr(
                "A place cannot be added inside a site. Choose the community instead."))
            self.save_button.setEnabled(False)
        self.resize(480, 360)
        self.name.setFocus()

    def set_busy(self, busy: bool) -> None:
        for widget in (self.name, self.name_ar, self.level, self.latitude, self.longitude,
                       self.save_button):
            widget.setEnabled(not busy)
        self.progress.setVisible(busy)

    def _number(self, name: str, edit: QLineEdit) -> tuple[bool, float | None]:
        text = western_digits(edit.text()).strip().replace("٫", ".").replace(",", ".")
        if not text:
            return True, None
        try:
            return True, float(text)
        except ValueError:
            self.rows[name].error.show_message(self.tr("Not a number, e.g. 35.3612."))
            return False, None

    def save(self) -> None:
        if self.busy:
            return
        self.error.clear_message()
        for row in self.rows.values():
            row.error.clear_message()
        ok_lat, latitude = self._number("latitude", self.latitude)
        ok_lon, longitude = self._number("longitude", self.longitude)
        if not (ok_lat and ok_lon) or self.level.count() == 0:
            return
        service = PlaceService(self.context.session)
        name, name_ar = self.name.text().strip(), self.name_ar.text().strip()
        level = PlaceLevel(self.level.currentData())
        parent_id = self.parent_place.id
        self.run_job(
            lambda: service.add_place(name, level, parent_id, name_ar=name_ar,
                                      latitude=latitude, longitude=longitude),
            self._added, self._failed,
        )

    def _added(self, place: Place) -> None:
        self.place_added.emit(place)
        self.accept()

    def _failed(self, exc: Any) -> None:
        if isinstance(exc, ValidationError):
            text = ValidationText(self)
            name = text.field_for(exc, self.rows)
            target = self.rows[name].error if name else self.error
            target.show_message(text.message(exc))
        else:
            show_error(self, exc)


class PlacePickerDialog(ContentDialog):
    """Choose a place (or add one); :meth:`selected_place` once accepted."""

    def __init__(self, context: EditorContext, current: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(context.runner, parent)
        self.setObjectName("place_picker")
        self.setWindowTitle(self.tr("Choose a place"))
        self.context = context
        self.language = interface_language()
        self.current_id: str | None = None
        self.add_dialog: AddPlaceDialog | None = None
        self.model = PlaceTreeModel(context.gazetteer, self.language, self)

        self.search = QLineEdit()
        self.search.setObjectName("place_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("Type a place name in Arabic or English, or a P-code"))
        self.search.textChanged.connect(self.run_search)
        self.search.installEventFilter(self)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_tree())
        self.pages.addWidget(self._build_results())
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.pages)
        splitter.addWidget(self._build_details())
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([500, 300])

        self._build_buttons()
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.resize(860, 540)

        root = self.model.index(0, NAME)
        if root.isValid():
            self.tree.expand(root)
        if current and context.gazetteer.get(current) is not None:
            self.select_place(current)
        else:
            self._set_current(None)
        self.search.setFocus()

    def _build_details(self) -> QScrollArea:
        self.details, scroll = details_pane("place_details", 220)
        return scroll

    def _build_buttons(self) -> None:
        self.add_button = QPushButton(self.tr("Add place…"))
        self.add_button.setObjectName("add_place")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda _checked=False: self.add_place())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("place_ok")
        self.ok_button.setText(self.tr("Choose"))
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _build_tree(self) -> QTreeView:
        self.tree = QTreeView()
        self.tree.setObjectName("place_tree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(LEVEL, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PCODE, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.selectionModel().currentChanged.connect(
            lambda current, _previous: self._set_current(current.data(ID_ROLE)))
        self.tree.doubleClicked.connect(lambda _index: self.accept())
        return self.tree

    def _build_results(self) -> QListWidget:
        self.results = QListWidget()
        self.results.setObjectName("place_results")
        self.results.currentItemChanged.connect(
            lambda item, _previous: self._set_current(
                None if item is None else item.data(ID_ROLE)))
        self.results.itemDoubleClicked.connect(lambda _item: self.accept())
        return self.results

    # searching

    def run_search(self, text: str) -> None:
        if not text.strip():
            self.pages.setCurrentWidget(self.tree)
            if self.current_id is not None:
                self.select_place(self.current_id)
            return
        self.pages.setCurrentWidget(self.results)
        self.results.clear()
        gazetteer = self.context.gazetteer
        for place in gazetteer.search(text, limit=SEARCH_LIMIT):
            item = QListWidgetItem(self.tr("{path} ({level})").format(
                path=gazetteer.path(place.id, self.language), level=level_label(place.level)))
            item.setData(ID_ROLE, place.id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        else:
            self._set_current(None)
            self.details.setText(html.escape(
                self.tr("No place matches “{text}”.").format(text=text.strip())))

    def result_ids(self) -> list[str]:
        return [str(self.results.item(row).data(ID_ROLE))
                for row in range(self.results.count())]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.search and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down):
            target = self.pages.currentWidget()
            if target is None:
                return False
            target.setFocus()
            if target is self.results and self.results.currentRow() < 0 and \
                    self.results.count():
                self.results.setCurrentRow(0)
            if target is self.tree and not self.tree.currentIndex().isValid():
                self.tree.setCurrentIndex(self.model.index(0, NAME))
            return True
        return super().eventFilter(watched, event)

    # the chosen place

    def select_place(self, place_id: str) -> None:
        """Show ``place_id`` as chosen: in the results if they list it, else in the
        tree (the search is cleared)."""
        if self.pages.currentWidget() is self.results:
            ids = self.result_ids()
            if place_id in ids:
                self.results.setCurrentRow(ids.index(place_id))
                return
            self.search.clear()  # back to the tree
        index = self.model.index_of(place_id)
        if not index.isValid():
            return
        parent = index.parent()
        while parent.isValid():
            self.tree.expand(parent)
            parent = parent.parent()
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        self._set_current(place_id)

    def _set_current(self, place_id: Any) -> None:
        place = self.context.gazetteer.get(str(place_id)) if place_id else None
        self.current_id = None if place is None else place.id
        self.ok_button.setEnabled(place is not None)
        self.add_button.setEnabled(place is not None and place.level is not PlaceLevel.SITE)
        self.add_button.setToolTip(
            self.tr("Add a community or a site inside the place chosen")
            if place is None or place.level is not PlaceLevel.SITE
            else self.tr("A place cannot be added inside a site"))
        self.details.setText(self._describe(place) if place is not None else "")

    def _describe(self, place: Place) -> str:
        rtl = QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        direction = "rtl" if rtl else "ltr"

        def row(label: str, value: str, value_dir: str | None = None) -> str:
            shown = html.escape(value) if value else "—"
            if value_dir:
                shown = f'<span dir="{value_dir}">{shown}</span>'
            return f'<p dir="{direction}"><b>{html.escape(label)}</b> {shown}</p>'

        gazetteer = self.context.gazetteer
        coordinates = ("" if place.latitude is None or place.longitude is None
                       else f"\u2066{place.latitude:.5f}, {place.longitude:.5f}\u2069")
        parts = [f'<h3 dir="{direction}">{html.escape(place.label(self.language))}</h3>',
                 row(self.tr("Name:"), place.name),
                 row(self.tr("Arabic name:"), place.name_ar),
                 row(self.tr("Level:"), level_label(place.level)),
                 row(self.tr("P-code:"), place.pcode),
                 row(self.tr("Coordinates:"), coordinates),
                 row(self.tr("Inside:"), " › ".join(
                     p.label(self.language) for p in gazetteer.ancestors(place.id)))]
        return "".join(parts)

    def selected_place(self) -> str | None:
        return self.current_id

    def accept(self) -> None:
        if self.current_id is None:
            return
        super().accept()

    def done(self, result: int) -> None:
        # The views let go of their slots: while the dialog is destroyed, a view
        # reporting a new current row to it would crash.
        self.tree.selectionModel().currentChanged.disconnect()
        self.results.currentItemChanged.disconnect()
        super().done(result)

    # adding

    def add_place(self) -> AddPlaceDialog | None:
        place = self.context.gazetteer.get(self.current_id) if self.current_id else None
        if place is None:
            return None
        dialog = AddPlaceDialog(self.context, place, self)
        dialog.place_added.connect(self._place_added)
        self.add_dialog = dialog
        dialog.open()
        return dialog

    def _place_added(self, place: Place) -> None:
        self.context.place_added(place)
        self.model.set_gazetteer(self.context.gazetteer)
        root = self.model.index(0, NAME)
        if root.isValid():
            self.tree.expand(root)
        self.search.clear()
        self.select_place(place.id)


class PlaceField(ChooserField):
    """The place of an incident or act: its path, "Choose…", and clear."""

    def __init__(self, context: EditorContext, parent: QWidget | None = None) -> None:
        self.context = context
        self.picker: PlacePickerDialog | None = None
        super().__init__(clearable=True, parent=parent)
        self.line.setPlaceholderText(self.tr("Not given"))
        self.clear_button.setAccessibleName(self.tr("Clear the place"))
        self.clear_button.setToolTip(self.tr("Clear the place"))

    def describe(self, value: str) -> tuple[str, str, bool]:
        gazetteer = self.context.gazetteer
        place = gazetteer.get(value)
        if place is None:
            return value, self.tr(
                "Written as text before places were chosen from the gazetteer"), True
        language = interface_language()
        other = "en" if language == "ar" else "ar"
        tip = gazetteer.path(value, other)
        if place.pcode:
            tip += f"\n{place.pcode}"
        return gazetteer.path(value, language), tip, False

    def open_picker(self) -> PlacePickerDialog:
        dialog = PlacePickerDialog(self.context, self._value, self)
        dialog.accepted.connect(lambda: self._picked(dialog.selected_place()))
        self.picker = dialog
        dialog.open()
        return dialog

    def _picked(self, place_id: str | None) -> None:
        if place_id:
            self.choose(place_id)
        self.line.setFocus()
