"""The main window shown while a vault is unlocked: menus, status bar, and the case
workspace (incident list and editors) in the middle."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
)

from casebook import __version__
from casebook.gui.add_user_dialog import AddUserDialog
from casebook.gui.audit_page import AuditPage
from casebook.gui.change_passphrase_dialog import ChangePassphraseDialog
from casebook.gui.conflict_view import ConflictView
from casebook.gui.contacts_page import ContactsPage
from casebook.gui.content_dialog import ContentDialog
from casebook.gui.dossier_wizard import DossierWizard
from casebook.gui.drafts import EditorSnapshot
from casebook.gui.editor_context import EditorContext
from casebook.gui.events import EventBridge
from casebook.gui.labels import isolate, role_label
from casebook.gui.package_receive_dialog import PackageReceiveDialog
from casebook.gui.package_send_dialog import PackageSendDialog
from casebook.gui.preferences_dialog import PreferencesDialog
from casebook.gui.questions import Answer, UnsavedQuestion
from casebook.gui.review_queue import ReviewQueuePage
from casebook.gui.settings import Settings
from casebook.gui.taxonomy_page import TaxonomyPage
from casebook.gui.vault_info_dialog import VaultInfoDialog
from casebook.gui.workers import TaskRunner
from casebook.gui.workspace import Workspace
from casebook.services.vault_service import KdfPolicy, VaultSession

LOCK_SHORTCUT = "Ctrl+L"
TAXONOMY_SHORTCUT = "Ctrl+T"
REVIEW_QUEUE_SHORTCUT = "Ctrl+R"
DOSSIER_SHORTCUT = "Ctrl+E"
STATUS_MESSAGE_MS = 8000


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
        self._quitting = False
        self.setWindowTitle(self.tr("Casebook"))
        self.context = EditorContext(session, runner)
        self.workspace = Workspace(self.context)
        self.setCentralWidget(self.workspace)
        self._build_menus()
        self._build_status_bar()
        bridge.user_added.connect(self._on_user_added)
        bridge.audit_appended.connect(self.workspace.audit_appended)
        bridge.passphrase_changed.connect(self._on_passphrase_changed)
        self.workspace.list_page.export_requested.connect(self.show_dossier_wizard)
        self.resize(960, 640)

    # construction

    def _action(
        self, text: str, name: str, slot: Callable[[], object], shortcut: str | None = None
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            self.addAction(action)  # active even where the menu bar is hidden
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.action_new_incident = self._action(
            self.tr("&New incident"), "action_new_incident",
            lambda: self.workspace.open_incident(None), "Ctrl+N",
        )
        self.action_find = self._action(
            self.tr("&Find incidents"), "action_find", self.workspace.focus_search, "Ctrl+F"
        )
        self.action_export_dossier = self._action(
            self.tr("&Export dossier…"), "action_export_dossier", self.show_dossier_wizard,
            DOSSIER_SHORTCUT,
        )
        self.action_lock = self._action(
            self.tr("&Lock"), "action_lock", self.lock_requested.emit, LOCK_SHORTCUT
        )
        # Works wherever the focus is in this window; dialogs are covered by the
        # application-wide filter in autolock.py.
        self.action_lock.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.action_quit = self._action(
            self.tr("&Quit"), "action_quit", self.request_quit, "Ctrl+Q"
        )
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.setObjectName("menu_file")
        file_menu.addAction(self.action_new_incident)
        file_menu.addAction(self.action_find)
        file_menu.addSeparator()
        file_menu.addAction(self.action_export_dossier)
        file_menu.addSeparator()
        file_menu.addAction(self.action_lock)
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)

        self.action_vault_info = self._action(
            self.tr("Vault &information"), "action_vault_info", self.show_vault_info
        )
        self.action_taxonomy = self._action(
            self.tr("&Taxonomy"), "action_taxonomy", self.show_taxonomy, TAXONOMY_SHORTCUT
        )
        self.action_review_queue = self._action(
            self.tr("Review &queue"), "action_review_queue", self.show_review_queue,
            REVIEW_QUEUE_SHORTCUT,
        )
        self.action_audit = self._action(
            self.tr("A&udit trail"), "action_audit", self.show_audit
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
        vault_menu.addAction(self.action_taxonomy)
        vault_menu.addAction(self.action_review_queue)
        vault_menu.addAction(self.action_audit)
        vault_menu.addSeparator()
        vault_menu.addAction(self.action_add_user)
        vault_menu.addAction(self.action_change_passphrase)

        self._build_packages_menu()

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

    def _build_packages_menu(self) -> None:
        bar = self.menuBar()
        # Exchanging with colleagues' vaults has a menu of its own: contacts first (a
        # package needs a verified contact), then sending, receiving and what a
        # received package left to decide.
        self.action_contacts = self._action(
            self.tr("&Contacts…"), "action_contacts", self.show_contacts
        )
        self.action_send_package = self._action(
            self.tr("&Send package…"), "action_send_package", self.show_send_package
        )
        self.action_receive_package = self._action(
            self.tr("&Receive package…"), "action_receive_package", self.show_receive_package
        )
        self.action_conflicts = self._action(
            self.tr("C&onflicts…"), "action_conflicts", self.show_conflicts
        )
        packages_menu = bar.addMenu(self.tr("&Packages"))
        packages_menu.setObjectName("menu_packages")
        packages_menu.addAction(self.action_contacts)
        packages_menu.addSeparator()
        packages_menu.addAction(self.action_send_package)
        packages_menu.addAction(self.action_receive_package)
        packages_menu.addAction(self.action_conflicts)

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

    def show_taxonomy(self) -> TaxonomyPage:
        return self.workspace.open_taxonomy()

    def show_review_queue(self) -> ReviewQueuePage:
        return self.workspace.open_review_queue()

    def show_audit(self) -> AuditPage:
        return self.workspace.open_audit()

    def show_contacts(self) -> QDialog:
        return self._open("contacts", lambda: ContactsPage(self._runner, self._session, self))

    def show_send_package(self) -> QDialog:
        def make() -> QDialog:
            dialog = PackageSendDialog(self._runner, self._session, self)
            dialog.sent.connect(lambda _result: self.statusBar().showMessage(
                self.tr("The package was written."), STATUS_MESSAGE_MS))
            # The send dialog is modal on this window: it closes before Contacts opens.
            dialog.contacts_requested.connect(lambda: self._then(dialog, self.show_contacts))
            return dialog

        return self._open("send_package", make)

    def show_receive_package(self) -> QDialog:
        def make() -> QDialog:
            dialog = PackageReceiveDialog(self._runner, self._session, self)
            dialog.imported.connect(self._on_package_imported)
            dialog.conflicts_requested.connect(
                lambda: self._then(dialog, self.show_conflicts))
            return dialog

        return self._open("receive_package", make)

    def show_conflicts(self) -> QDialog:
        def make() -> QDialog:
            view = ConflictView(self._runner, self._session, self)
            view.resolved.connect(lambda _record_id: self.workspace.model.refresh())
            return view

        return self._open("conflicts", make)

    def _then(self, dialog: QDialog, show: Callable[[], object]) -> None:
        """Close ``dialog`` and then show another one."""
        dialog.finished.connect(lambda _result: show())
        if dialog.isVisible():
            dialog.reject()

    def _on_package_imported(self, outcome: object) -> None:
        # New records from the package: the incident list reads again.
        self.workspace.model.refresh()
        if getattr(outcome, "already_imported", False):
            return
        self.statusBar().showMessage(self.tr("The package was imported."), STATUS_MESSAGE_MS)

    def show_dossier_wizard(self) -> QDialog:
        """The dossier export wizard, starting from the incident list's selection and
        filter (one wizard at a time)."""
        list_page = self.workspace.list_page

        def make() -> QDialog:
            wizard = DossierWizard(self.context, list_page.selected_ids(),
                                   list_page.model.filter, self)
            wizard.open_incident_requested.connect(
                lambda record_id: self.workspace.open_record("incident", record_id))
            return wizard

        return self._open("dossier", make)

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

    # unsaved work

    def snapshots(self) -> list[EditorSnapshot]:
        """Editors and dialogs with unsaved changes (kept as drafts at lock)."""
        return self.workspace.snapshots()

    def request_quit(self) -> QMessageBox | None:
        """Quit, asking first when an editor has unsaved changes."""
        count = self.workspace.dirty_count()
        if count == 0:
            self._quitting = True
            self.quit_requested.emit()
            return None

        def answered(answer: Answer) -> None:
            if answer is Answer.CANCEL or (answer is Answer.SAVE
                                           and not self.workspace.save_all()):
                return
            self.workspace.discard_changes()
            self._quitting = True
            self.quit_requested.emit()

        if count == 1:
            text = self.tr("One editor has unsaved changes. Save them before quitting?")
        else:
            text = self.tr(
                "{count} editors have unsaved changes. Save them before quitting?"
            ).format(count=count)
        return UnsavedQuestion(self).ask(self, text, answered)

    # closing

    def close_for_lock(self) -> None:
        """Hide and close this window and everything opened from it."""
        self._closing_for_lock = True
        self.workspace.drop_content()
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
        if self._closing_for_lock or self._quitting:
            event.accept()
            return
        event.ignore()
        self.request_quit()
