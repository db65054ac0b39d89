"""Contacts (Packages > Contacts…): the colleagues whose cards this vault holds, and
your own card.

Packages go only to, and are accepted only from, contacts marked verified. Verifying
is done in person: both people look at the same six groups of digits (and the QR
code) on their own screens and say whether they match; Casebook cannot do it for
them, since a card proves nothing about who holds its keys.

Reading and importing a card and writing your own run in the worker (they touch the
disk); the list is read on the GUI thread (a few rows).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casebook.gui.content_dialog import ContentDialog
from casebook.gui.errors import describe_error
from casebook.gui.form_widgets import ErrorLabel, busy_bar, heading, paragraph, read_only_rows
from casebook.gui.incident_list_model import local_time
from casebook.gui.labels import isolate, role_label, standalone
from casebook.gui.qr_code import QrCodeWidget
from casebook.gui.workers import TaskRunner
from casebook.services.contacts import ContactInfo, ContactService
from casebook.services.vault_service import VaultSession

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
KEY_ROLE = Qt.ItemDataRole.UserRole
VERIFIED_ROLE = Qt.ItemDataRole.UserRole + 1
#: As docs/packages.md names cards (``dana.card.json``).
CARD_SUFFIX = "card.json"
#: The groups shown on one line in the large display (two lines of three).
GROUPS_PER_LINE = 3


class ContactColumn(IntEnum):
    NAME = 0
    ROLE = 1
    FINGERPRINT = 2
    VERIFIED = 3


def ltr(text: str) -> str:
    """Digits and spaces forced left to right: in a right-to-left paragraph the bidi
    algorithm would otherwise put the groups of a fingerprint in reverse order, and
    two people comparing screens in different languages would not see the same."""
    return "\u2066" + text + "\u2069"


def fixed_font(scale: float = 1.0, bold: bool = False) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.Monospace)
    if scale != 1.0:
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * scale)
    font.setBold(bold)
    return font


def role_text(role: str) -> str:
    try:
        return role_label(role)
    except ValueError:  # a role a newer Casebook knows: shown as written
        return role


def fingerprint_lines(info: ContactInfo) -> str:
    groups = info.fingerprint_groups
    lines = [" ".join(groups[i:i + GROUPS_PER_LINE])
             for i in range(0, len(groups), GROUPS_PER_LINE)]
    return "\n".join(ltr(line) for line in lines)


class ContactsModel(QAbstractTableModel):
    """The contacts as rows: name, role, fingerprint, verified (a thin model over the
    list ContactService gives, verified first)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contacts: list[ContactInfo] = []
        self._mono = fixed_font()

    def set_contacts(self, contacts: list[ContactInfo]) -> None:
        self.beginResetModel()
        self.contacts = list(contacts)
        self.endResetModel()

    def contact(self, row: int) -> ContactInfo | None:
        return self.contacts[row] if 0 <= row < len(self.contacts) else None

    def row_of(self, key_id: str) -> int:
        return next((i for i, c in enumerate(self.contacts) if c.key_id == key_id), -1)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.contacts)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(ContactColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(ContactColumn):
            return None
        return (self.tr("Name"), self.tr("Role"), self.tr("Fingerprint"),
                self.tr("Verified"))[section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        contact = self.contact(index.row())
        if contact is None or not 0 <= index.column() < len(ContactColumn):
            return None
        column = ContactColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(contact, column, tooltip=role == Qt.ItemDataRole.ToolTipRole)
        if role == KEY_ROLE:
            return contact.key_id
        if role == VERIFIED_ROLE:
            return contact.verified
        if role == Qt.ItemDataRole.FontRole and column is ContactColumn.FINGERPRINT:
            return self._mono
        if role == Qt.ItemDataRole.ForegroundRole and column is ContactColumn.VERIFIED:
            return QColor("#1b5e20") if contact.verified else QColor("#8a4b00")
        return None

    def _text(self, contact: ContactInfo, column: ContactColumn, *, tooltip: bool) -> str:
        if column is ContactColumn.NAME:
            return standalone(contact.name)
        if column is ContactColumn.ROLE:
            return role_text(contact.role)
        if column is ContactColumn.FINGERPRINT:
            return standalone(contact.fingerprint)
        if not contact.verified:
            return self.tr("Not verified")
        if tooltip and contact.verified_at:
            return self.tr("Verified on {when}").format(when=local_time(contact.verified_at))
        return self.tr("Verified")


class FingerprintPanel(QWidget):
    """A contact's fingerprint as six groups of digits in large monospace type, and
    the same as a QR code, side by side."""

    def __init__(self, info: ContactInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fingerprint_panel")
        self.info = info
        self.who = QLabel(self.tr("{name} ({role})").format(
            name=isolate(info.name), role=role_text(info.role)))
        self.who.setObjectName("fingerprint_who")
        self.who.setTextFormat(Qt.TextFormat.PlainText)
        bold = QFont(self.who.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.2)
        self.who.setFont(bold)
        self.groups = QLabel(fingerprint_lines(info))
        self.groups.setObjectName("fingerprint_groups")
        self.groups.setTextFormat(Qt.TextFormat.PlainText)
        self.groups.setFont(fixed_font(2.2, bold=True))
        self.groups.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.groups.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.groups.setAccessibleName(self.tr("Fingerprint"))
        self.groups.setAccessibleDescription(info.fingerprint)
        self.qr = QrCodeWidget(info.qr_payload)
        self.qr.setMinimumSize(self.qr.minimumSizeHint() * 2)
        digits = QVBoxLayout()
        digits.addWidget(self.who, 0, Qt.AlignmentFlag.AlignHCenter)
        digits.addStretch(1)
        digits.addWidget(self.groups)
        digits.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(digits, 1)
        layout.addSpacing(16)
        layout.addWidget(self.qr)

    def shown_groups(self) -> list[str]:
        return self.groups.text().translate(dict.fromkeys((0x2066, 0x2069))).split()


class VerifyContactDialog(QDialog):
    """Shows a contact's fingerprint to compare in person with the colleague's own
    screen; "They match" accepts, "They differ" rejects."""

    def __init__(self, info: ContactInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verify_contact_dialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.info = info
        self.setWindowTitle(self.tr("Verify {name}").format(name=isolate(info.name)))
        title = heading(self.tr("Is this really {name}'s card?").format(
            name=isolate(info.name)))
        steps = paragraph(self.tr(
            "Meet {name} in person. Ask them to open Packages ▸ Contacts ▸ My fingerprint… "
            "on their own computer, and compare the six groups of digits below with the ones "
            "on their screen, group by group. The QR codes must look the same too.").format(
                name=isolate(info.name)),
            "verify_steps")
        warning = paragraph(self.tr(
            "Do not compare over a message, an e-mail or a call: whoever could swap the card "
            "could swap those too. If a single digit differs, do not use this card: get it "
            "again from them in person."), "verify_warning")
        self.panel = FingerprintPanel(info)
        buttons = QDialogButtonBox()
        self.match_button = buttons.addButton(self.tr("They &match"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.match_button.setObjectName("fingerprints_match")
        self.differ_button = buttons.addButton(self.tr("They &differ"),
                                               QDialogButtonBox.ButtonRole.RejectRole)
        self.differ_button.setObjectName("fingerprints_differ")
        # No default: Enter must not confirm a comparison nobody made.
        self.match_button.setAutoDefault(False)
        self.differ_button.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(steps)
        layout.addSpacing(8)
        layout.addWidget(self.panel, 1)
        layout.addSpacing(8)
        layout.addWidget(warning)
        layout.addWidget(buttons)
        self.resize(720, 480)


class OwnCardDialog(QDialog):
    """Your own fingerprint, for a colleague to compare with what their Casebook shows
    for the card you gave them."""

    def __init__(self, info: ContactInfo, saved_to: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("own_card_dialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.info = info
        self.setWindowTitle(self.tr("Your card"))
        title = heading(self.tr("Your fingerprint"))
        lines = []
        if saved_to is not None:
            lines.append(self.tr("Your card was saved to {path}. It holds only your name, "
                                 "role and public keys: you may hand it over on a USB stick "
                                 "or send it.").format(path=isolate(str(saved_to))))
        lines.append(self.tr(
            "When your colleague verifies your card, show them this screen: they compare "
            "these six groups of digits (and the QR code) with what their Casebook shows "
            "for your card."))
        self.message = paragraph("\n\n".join(lines), "own_card_message")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.panel = FingerprintPanel(info)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.message)
        layout.addSpacing(8)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        self.resize(720, 460)


class CardPreviewDialog(QDialog):
    """A card's name, role and fingerprint before it is imported."""

    def __init__(self, info: ContactInfo, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card_preview_dialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.info = info
        self.path = path
        self.setWindowTitle(self.tr("Import a contact card"))
        title = heading(self.tr("Import this card?"))
        name = QLabel(standalone(info.name))
        name.setObjectName("card_name")
        role = QLabel(role_text(info.role))
        role.setObjectName("card_role")
        fingerprint = QLabel(standalone(info.fingerprint))
        fingerprint.setObjectName("card_fingerprint")
        fingerprint.setFont(fixed_font(1.2))
        fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        file_label = QLabel(standalone(path.name))
        for label in (name, role, fingerprint, file_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        form.addRow(self.tr("Name:"), name)
        form.addRow(self.tr("Role:"), role)
        form.addRow(self.tr("Fingerprint:"), fingerprint)
        form.addRow(self.tr("File:"), file_label)
        note = paragraph(self.tr(
            "Importing does not make this card trusted. Before you exchange packages, "
            "verify it with {name} in person: Verify… shows the fingerprint to compare.")
            .format(name=isolate(info.name)), "card_note")
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(self.tr("&Import"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("confirm_import_card")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(560, 300)


class ContactsPage(ContentDialog):
    """The contacts list with Import card…, Verify… and Export my card…."""

    contacts_changed = Signal()

    def __init__(self, runner: TaskRunner, session: VaultSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(runner, parent)
        self.setObjectName("contacts_page")
        self.setWindowTitle(self.tr("Contacts"))
        self.service = ContactService(session)
        self.own = self.service.own()
        self._build()
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.resize(860, 520)
        self.refresh()

    def _build(self) -> None:
        title = heading(self.tr("Contacts"))
        intro = paragraph(self.tr(
            "Packages go only to contacts you have verified, and are accepted only from "
            "them. Import a colleague's card, then verify it with them in person."))
        self.own_label = paragraph(self.tr("Your card: {name}, fingerprint {fingerprint}")
                                    .format(name=isolate(self.own.name),
                                            fingerprint=ltr(self.own.fingerprint)),
                                    "own_card")
        self.own_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._build_view()
        self.empty_label = paragraph(self.tr(
            "No contacts yet. Ask a colleague for their card (Export my card… on their "
            "computer) and import it here."), "contacts_empty")
        self.message = paragraph("", "contacts_message")
        self.message.hide()
        self.error = ErrorLabel()
        self.busy_bar = busy_bar()

        self.import_button = QPushButton(self.tr("&Import card…"))
        self.import_button.setObjectName("import_card")
        self.import_button.clicked.connect(lambda _c=False: self.choose_card_file())
        self.verify_button = QPushButton(self.tr("&Verify…"))
        self.verify_button.setObjectName("verify_contact")
        self.verify_button.clicked.connect(lambda _c=False: self.verify_selected())
        self.export_button = QPushButton(self.tr("&Export my card…"))
        self.export_button.setObjectName("export_card")
        self.export_button.clicked.connect(lambda _c=False: self.choose_export_file())
        self.own_button = QPushButton(self.tr("&My fingerprint…"))
        self.own_button.setObjectName("show_own_card")
        self.own_button.clicked.connect(lambda _c=False: self.show_own_card())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addWidget(self.verify_button)
        row.addStretch(1)
        row.addWidget(self.own_button)
        row.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.own_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(buttons)
        self._inputs: list[QWidget] = [self.import_button, self.verify_button,
                                       self.export_button]

    def _build_view(self) -> None:
        self.model = ContactsModel(self)
        self.view = QTableView()
        self.view.setObjectName("contacts_view")
        self.view.setModel(self.model)
        read_only_rows(self.view)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ContactColumn.NAME, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _index: self.verify_selected())

    # the list

    def refresh(self, select: str | None = None) -> None:
        """Read the contacts again; ``select`` a key id to select afterwards."""
        current = self.selected()
        self.model.set_contacts(self.service.list())
        key = select or (current.key_id if current is not None else None)
        row = self.model.row_of(key) if key else -1
        if row >= 0:
            self._select_row(row)
        self.empty_label.setVisible(self.model.rowCount() == 0)
        self._update_buttons()

    def selected(self) -> ContactInfo | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.contact(rows[0].row()) if rows else None

    def select(self, key_id: str) -> bool:
        row = self.model.row_of(key_id)
        if row >= 0:
            self._select_row(row)
        return row >= 0

    def _select_row(self, row: int) -> None:
        # Not QTableView.selectRow: right to left, it looks for the column at the
        # viewport's far edge, finds none while the columns are narrower than the view,
        # and selects nothing.
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.view.selectionModel().setCurrentIndex(self.model.index(row, 0), flags)

    def _update_buttons(self) -> None:
        chosen = self.selected()
        busy = self.busy
        self.import_button.setEnabled(not busy)
        self.export_button.setEnabled(not busy)
        self.verify_button.setEnabled(not busy and chosen is not None and not chosen.verified)

    def set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.setProperty("busy", busy)
        if busy:
            for widget in self._inputs:
                widget.setEnabled(False)

    def _job(self, job: Callable[[], Any], done: Callable[[Any], object]) -> bool:
        if self.busy:
            return False
        self.error.clear_message()
        self.message.hide()

        def finished(result: Any) -> None:
            self._update_buttons()
            done(result)

        def failed(exc: Any) -> None:
            self._update_buttons()
            self._show_error(exc)

        self.run_job(job, finished, failed)
        return True

    def _show_error(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        text = describe_error(exc)
        self.error.show_message(f"{text.title}: {text.full_text()}", text.kind)

    def show_message(self, text: str) -> None:
        self.error.clear_message()
        self.message.setText(text)
        self.message.show()

    # importing a card

    def _file_dialog(self, title: str, name: str, *, save: bool,
                     on_chosen: Callable[[Path], object], default: str = "") -> QFileDialog:
        dialog = QFileDialog(self, title)
        dialog.setObjectName(name)
        dialog.setNameFilters([self.tr("Contact cards (*.{suffix})").format(suffix=CARD_SUFFIX),
                               self.tr("All files (*)")])
        if save:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setDefaultSuffix(CARD_SUFFIX)
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
            dialog.setDirectory(folder)
            dialog.selectFile(default)
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda chosen: on_chosen(Path(chosen)))
        dialog.open()
        return dialog

    def choose_card_file(self) -> QFileDialog:
        return self._file_dialog(self.tr("Choose a colleague's card"), "choose_card_file",
                                 save=False, on_chosen=self.preview_card)

    def preview_card(self, path: Path) -> bool:
        """Read the card (in the worker), then ask before importing it."""
        return self._job(lambda: ContactService.read_card(path),
                         lambda info: self._confirm_import(info, path))

    def _confirm_import(self, info: ContactInfo, path: Path) -> CardPreviewDialog:
        dialog = CardPreviewDialog(info, path, self)
        dialog.accepted.connect(lambda: self.import_card(path))
        dialog.open()
        return dialog

    def import_card(self, path: Path) -> bool:
        service = self.service

        def done(info: ContactInfo) -> None:
            self.refresh(select=info.key_id)
            self.contacts_changed.emit()
            if info.verified:
                text = self.tr("{name}'s card is up to date.").format(name=isolate(info.name))
            else:
                text = self.tr("{name}'s card was imported. Verify it with them in person "
                               "before you exchange packages.").format(name=isolate(info.name))
            self.show_message(text)

        return self._job(lambda: service.import_card(path), done)

    # verifying

    def verify_selected(self) -> VerifyContactDialog | None:
        chosen = self.selected()
        if chosen is None or chosen.verified or self.busy:
            return None
        return self.show_verify(chosen)

    def show_verify(self, info: ContactInfo) -> VerifyContactDialog:
        dialog = VerifyContactDialog(info, self)
        dialog.accepted.connect(lambda: self.mark_verified(info))
        # Only an explicit "They differ" warns; Escape just closes.
        dialog.differ_button.clicked.connect(lambda _c=False: self.show_message(self.tr(
            "{name} was not verified. Do not use this card: get it again from them in "
            "person.").format(name=isolate(info.name))))
        dialog.open()
        return dialog

    def mark_verified(self, info: ContactInfo) -> bool:
        service = self.service

        def done(result: ContactInfo) -> None:
            self.refresh(select=result.key_id)
            self.contacts_changed.emit()
            self.show_message(self.tr("{name} is verified: you can now send packages to "
                                      "them and receive theirs.").format(
                                          name=isolate(result.name)))

        # The fingerprint the person saw is passed along, so a card changed meanwhile
        # (imported again with other keys) is not marked verified by mistake.
        return self._job(lambda: service.verify(info.key_id, info.fingerprint), done)

    # your own card

    def default_card_name(self) -> str:
        safe = "".join(c if c.isalnum() else "-" for c in self.own.name).strip("-")
        return f"{safe or 'card'}.{CARD_SUFFIX}"

    def choose_export_file(self) -> QFileDialog:
        return self._file_dialog(self.tr("Save your card as"), "choose_export_card",
                                 save=True, on_chosen=self.export_card,
                                 default=self.default_card_name())

    def export_card(self, path: Path) -> bool:
        """Write your card to ``path`` (the save dialog asked before replacing a file)
        and show your fingerprint for the colleague to compare."""
        service = self.service

        def done(info: ContactInfo) -> None:
            self.show_message(self.tr("Your card was saved to {path}.").format(
                path=isolate(str(path))))
            self.show_own_card(info, path)

        return self._job(lambda: service.export_card(path, overwrite=True), done)

    def show_own_card(self, info: ContactInfo | None = None,
                      saved_to: Path | None = None) -> OwnCardDialog:
        dialog = OwnCardDialog(info or self.own, saved_to, self)
        dialog.open()
        return dialog
