"""The case workspace shown while a vault is unlocked (the case list is still to come)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QLabel,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from casebook import __version__
from casebook.gui.add_user_dialog import AddUserDialog
from casebook.gui.change_passphrase_dialog import ChangePassphraseDialog
from casebook.gui.content_dialog import ContentDialog
from casebook.gui.events import EventBridge
from casebook.gui.form_widgets import heading
from casebook.gui.labels import isolate, role_label
from casebook.gui.preferences_dialog import PreferencesDialog
from casebook.gui.settings import Settings
from casebook.gui.vault_info_dialog import VaultInfoDialog
from casebook.gui.workers import TaskRunner
from casebook.services.vault_service import KdfPolicy, VaultSession

LOCK_SHORTCUT = "Ctrl+L"
STATUS_MESSAGE_MS = 8000


class CaseListPlaceholder(QWidget):
    """Where the case list will go; for now, an empty state that says so."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("case_list_placeholder")
        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        title = heading(self.tr("No cases yet"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            self.tr(
                "Incidents, the people involved and their statements will be listed "
                "here. Recording cases comes in the next version of Casebook."
            )
        )
        text.setObjectName("empty_state")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        inner = QVBoxLayout(box)
        inner.addStretch(1)
        inner.addWidget(title)
        inner.addWidget(text)
        inner.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Cases")))
        layout.addWidget(box, 1)


class MainWindow(QMainWindow):
    lock_requested = Signal()
    quit_requested = Signal()
    preferences_changed = Signal(bool)  # True when the language changed

    def __init__(
        self,
        session: VaultSession,
        runner: TaskRunner,
        bridge: EventBridge,
        settings: Settings,
        policy: KdfPolicy,
    ) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self._session = session
        self._runner = runner
        self._settings = settings
        self._policy = policy
        self._closing_for_lock = False
        self._dialogs: dict[str, QDialog] = {}
        self.setWindowTitle(self.tr("Casebook"))
        self.setCentralWidget(CaseListPlaceholder())
        self._build_menus()
        self._build_status_bar()
        bridge.user_added.connect(self._on_user_added)
        bridge.passphrase_changed.connect(self._on_passphrase_changed)
        self.resize(960, 640)

    # construction

    def _action(
        self, text: str, name: str, slot: Callable[[], object], shortcut: str | None = None
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.action_lock = self._action(
            self.tr("&Lock"), "action_lock", self.lock_requested.emit, LOCK_SHORTCUT
        )
        # Works wherever the focus is in this window; dialogs are covered by the
        # application-wide filter in autolock.py.
        self.action_lock.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.action_quit = self._action(
            self.tr("&Quit"), "action_quit", self.quit_requested.emit, "Ctrl+Q"
        )
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.setObjectName("menu_file")
        file_menu.addAction(self.action_lock)
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)

        self.action_vault_info = self._action(
            self.tr("Vault &information"), "action_vault_info", self.show_vault_info
        )
        self.action_add_user = self._action(
            self.tr("&Add user…"), "action_add_user", self.show_add_user
        )
        self.action_change_passphrase = self._action(
            self.tr("&Change passphrase…"), "action_change_passphrase", self.show_change_passphrase
        )
        vault_menu = bar.addMenu(self.tr("&Vault"))
        vault_menu.setObjectName("menu_vault")
        vault_menu.addAction(self.action_vault_info)
        vault_menu.addSeparator()
        vault_menu.addAction(self.action_add_user)
        vault_menu.addAction(self.action_change_passphrase)

        self.action_preferences = self._action(
            self.tr("&Preferences…"), "action_preferences", self.show_preferences, "Ctrl+,"
        )
        settings_menu = bar.addMenu(self.tr("&Settings"))
        settings_menu.setObjectName("menu_settings")
        settings_menu.addAction(self.action_preferences)

        self.action_about = self._action(
            self.tr("&About Casebook"), "action_about", self.show_about
        )
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.setObjectName("menu_help")
        help_menu.addAction(self.action_about)

    def _build_status_bar(self) -> None:
        user = self._session.user
        self.user_label = QLabel(
            self.tr("Signed in as {name} ({role})").format(
                name=isolate(user.name), role=role_label(user.role)
            )
        )
        self.user_label.setObjectName("status_user")
        self.user_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.user_label)

    # dialogs

    def _open(self, key: str, factory: Callable[[], QDialog]) -> QDialog:
        existing = self._dialogs.get(key)
        if existing is not None:
            existing.raise_()
            existing.activateWindow()
            return existing
        dialog = factory()
        self._dialogs[key] = dialog
        dialog.finished.connect(lambda _result: self._dialogs.pop(key, None))
        dialog.show()
        return dialog

    def show_vault_info(self) -> QDialog:
        def make() -> QDialog:
            dialog = VaultInfoDialog(self._runner, self._session, self)
            dialog.refresh()
            return dialog

        return self._open("vault_info", make)

    def show_add_user(self) -> QDialog:
        def make() -> QDialog:
            dialog = AddUserDialog(self._runner, self._session, self._policy, self)
            dialog.user_added.connect(self._on_user_added_by_dialog)
            return dialog

        return self._open("add_user", make)

    def show_change_passphrase(self) -> QDialog:
        return self._open(
            "change_passphrase",
            lambda: ChangePassphraseDialog(self._runner, self._session, self._policy, self),
        )

    def show_preferences(self) -> QDialog:
        def make() -> QDialog:
            dialog = PreferencesDialog(self._runner, self._settings, self)
            dialog.preferences_changed.connect(self.preferences_changed)
            return dialog

        return self._open("preferences", make)

    def show_about(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setObjectName("about_box")
        box.setWindowTitle(self.tr("About Casebook"))
        box.setText(self.tr("Casebook {version}").format(version=__version__))
        box.setInformativeText(
            self.tr(
                "Encrypted, offline documentation of human-rights violations.\n\n"
                "Free software under the GNU General Public License, version 3 or later. "
                "Arabic text uses Noto Sans Arabic under the SIL Open Font License 1.1."
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def dialog(self, key: str) -> QDialog | None:
        return self._dialogs.get(key)

    # core events (already on the GUI thread, via EventBridge)

    def _on_user_added(self, _user_id: str) -> None:
        info = self._dialogs.get("vault_info")
        if isinstance(info, VaultInfoDialog):
            info.refresh()

    def _on_user_added_by_dialog(self, name: str) -> None:
        self.statusBar().showMessage(
            self.tr("{name} was added to the vault.").format(name=isolate(name)), STATUS_MESSAGE_MS
        )

    def _on_passphrase_changed(self, user_id: str) -> None:
        if user_id == self._session.user.id:
            self.statusBar().showMessage(
                self.tr("Your passphrase was changed."), STATUS_MESSAGE_MS
            )

    # closing

    def close_for_lock(self) -> None:
        """Hide and close this window and everything opened from it."""
        self._closing_for_lock = True
        self.hide()
        for child in self.findChildren(QDialog):
            if isinstance(child, ContentDialog):
                child.close_for_lock()
            else:
                child.hide()
                child.close()
        self._dialogs.clear()
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.accept()
        if not self._closing_for_lock:
            self.quit_requested.emit()
