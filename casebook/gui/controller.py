"""The application's state machine: first run -> unlock -> main window -> (lock) -> unlock.

``App`` owns every long-lived object (settings, translations, task runner, idle
lock, clipboard guard, the open session) and passes them to the windows it
creates; there are no module-level singletons.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from casebook.gui.autolock import IdleLock, minutes_to_ms
from casebook.gui.clipboard import ClipboardGuard
from casebook.gui.demo_page import DemoPassphraseBox
from casebook.gui.drafts import DraftChoice, DraftsQuestion, EditorSnapshot, save_drafts
from casebook.gui.events import EventBridge
from casebook.gui.first_run import FirstRunWindow
from casebook.gui.i18n import Translations
from casebook.gui.main_window import MainWindow
from casebook.gui.notices import describe_notices
from casebook.gui.settings import Settings, default_vault_folder
from casebook.gui.unlock_dialog import UnlockDialog
from casebook.gui.workers import TaskRunner
from casebook.services.drafts import DraftService
from casebook.services.vault_service import REAL_KDF, KdfPolicy, VaultSession, looks_like_vault

_log = logging.getLogger(__name__)


class State(StrEnum):
    STARTING = "starting"
    FIRST_RUN = "first-run"
    LOCKED = "locked"  # the unlock dialog is showing
    UNLOCKED = "unlocked"
    LOCKING = "locking"  # windows closed; waiting for running jobs before dropping keys
    CLOSED = "closed"


class App(QObject):
    state_changed = Signal(str)
    finished = Signal()  # the person quit; run() then leaves the event loop

    def __init__(
        self,
        qt_app: QApplication,
        settings: Settings,
        *,
        kdf_policy: KdfPolicy = REAL_KDF,
        translations: Translations | None = None,
        runner: TaskRunner | None = None,
        auto_lock_interval_ms: int | None = None,
        default_folder: Path | None = None,
        clipboard_guard: ClipboardGuard | None = None,
    ) -> None:
        super().__init__()
        self._qt_app = qt_app
        self.settings = settings
        self.kdf_policy = kdf_policy
        self.translations = translations or Translations(qt_app)
        self.runner = runner or TaskRunner(parent=self)
        self._auto_lock_override_ms = auto_lock_interval_ms
        self._default_folder = default_folder or default_vault_folder()
        self.idle_lock = IdleLock(qt_app, self._auto_lock_ms(), self)
        self.idle_lock.timed_out.connect(self.lock)
        self.idle_lock.lock_shortcut_pressed.connect(self.lock)
        self.clipboard_guard = clipboard_guard or ClipboardGuard(qt_app.clipboard(), parent=self)

        self.state = State.STARTING
        self.session: VaultSession | None = None
        self.vault_folder: Path | None = None
        self.first_run_window: FirstRunWindow | None = None
        self.unlock_dialog: UnlockDialog | None = None
        self.main_window: MainWindow | None = None
        self._bridge: EventBridge | None = None
        self.drafts_box: QMessageBox | None = None
        self.demo_box: QMessageBox | None = None

    def _set_state(self, state: State) -> None:
        self.state = state
        self.state_changed.emit(state.value)

    def _auto_lock_ms(self) -> int:
        if self._auto_lock_override_ms is not None:
            return self._auto_lock_override_ms
        return minutes_to_ms(self.settings.auto_lock_minutes)

    # start

    def start(self) -> None:
        self.translations.apply(self.settings.language)
        folder = self._known_vault()
        if folder is None:
            self._show_first_run()
        else:
            self._show_unlock(folder)

    def _known_vault(self) -> Path | None:
        for folder in (self.settings.last_vault_folder, self._default_folder):
            if folder is not None and looks_like_vault(folder):
                return folder
        return None

    # pre-unlock windows

    def _dismiss_pre_unlock_windows(self) -> None:
        for window in (self.first_run_window, self.unlock_dialog):
            if window is not None:
                window.dismiss()
                window.deleteLater()
        self.first_run_window = None
        self.unlock_dialog = None

    def _show_first_run(self, open_page: bool = False) -> None:
        self._dismiss_pre_unlock_windows()
        window = FirstRunWindow(
            self.runner, self.kdf_policy, self._default_folder, self.settings.last_vault_folder
        )
        window.vault_created.connect(self._on_vault_created)
        window.demo_opened.connect(self._on_demo_opened)
        window.vault_chosen.connect(self._on_vault_chosen)
        window.closed_by_user.connect(self.quit)
        self.first_run_window = window
        if open_page:
            window.show_open_page()
        window.show()
        self._set_state(State.FIRST_RUN)

    def _show_unlock(self, folder: Path) -> None:
        self._dismiss_pre_unlock_windows()
        self.vault_folder = folder
        dialog = UnlockDialog(self.runner, folder)
        dialog.unlocked.connect(self._on_unlocked)
        dialog.other_vault_requested.connect(lambda: self._show_first_run(open_page=True))
        dialog.closed_by_user.connect(self.quit)
        self.unlock_dialog = dialog
        dialog.show()
        dialog.activateWindow()
        self._set_state(State.LOCKED)

    def _on_vault_chosen(self, folder: Path) -> None:
        self.settings.last_vault_folder = folder
        self._show_unlock(folder)

    def _on_vault_created(self, session: VaultSession, folder: Path) -> None:
        self.settings.last_vault_folder = folder
        self.vault_folder = folder
        self._enter_unlocked(session, ())

    def _on_demo_opened(self, session: VaultSession, folder: Path, passphrase: str) -> None:
        self._on_vault_created(session, folder)
        if self.main_window is not None:
            self.demo_box = DemoPassphraseBox(self.main_window).show_passphrase(
                self.main_window, folder, passphrase
            )

    def _on_unlocked(self, session: VaultSession, warnings: tuple[str, ...]) -> None:
        if self.vault_folder is not None:
            self.settings.last_vault_folder = self.vault_folder
        self._enter_unlocked(session, warnings)

    # unlocked

    def _enter_unlocked(self, session: VaultSession, warnings: tuple[str, ...]) -> None:
        self._dismiss_pre_unlock_windows()
        self.session = session
        self._bridge = EventBridge(session.events, self)
        self._bridge.vault_locked.connect(self._on_vault_locked_elsewhere)
        self._build_main_window()
        self.clipboard_guard.start_tracking()
        self.idle_lock.set_interval_ms(self._auto_lock_ms())
        self.idle_lock.start()
        self._set_state(State.UNLOCKED)
        if warnings and self.main_window is not None:
            self._show_warnings(self.main_window, warnings)
        self._offer_drafts()

    # drafts kept at the last lock

    def _offer_drafts(self) -> QMessageBox | None:
        if self.session is None or self.main_window is None:
            return None
        drafts = DraftService(self.session).mine()
        if not drafts:
            return None
        window = self.main_window

        def answered(choice: DraftChoice) -> None:
            if choice is DraftChoice.LATER or self.session is None or window.isHidden():
                return
            service = DraftService(self.session)
            # Oldest first, so an incident opens before the act that belongs to it.
            for draft in reversed(drafts):
                snapshot = EditorSnapshot.from_draft(draft)
                if choice is DraftChoice.RESTORE and (
                    snapshot is None or not window.workspace.restore(snapshot, draft.saved_at)
                ):
                    continue
                service.discard(draft.id)

        self.drafts_box = DraftsQuestion(window).ask(window, drafts, answered)
        return self.drafts_box

    def _build_main_window(self) -> None:
        assert self.session is not None and self._bridge is not None
        window = MainWindow(
            self.session, self.runner, self._bridge, self.settings, self.kdf_policy
        )
        window.lock_requested.connect(self.lock)
        window.quit_requested.connect(self.quit)
        window.preferences_changed.connect(self._on_preferences_changed)
        self.main_window = window
        window.show()
        window.activateWindow()

    def _show_warnings(self, parent: QWidget, warnings: tuple[str, ...]) -> QMessageBox:
        box = QMessageBox(parent)
        box.setObjectName("vault_warnings_box")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Vault warnings"))
        box.setText(self.tr("Casebook noticed something you should know about this vault:"))
        box.setInformativeText("\n\n".join(describe_notices(warnings)))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def _on_preferences_changed(self, language_changed: bool) -> None:
        self.idle_lock.set_interval_ms(self._auto_lock_ms())
        if language_changed:
            self.translations.apply(self.settings.language)
            # Later, not now: this slot runs inside the closing preferences dialog,
            # a child of the window about to be replaced.
            QTimer.singleShot(0, self._rebuild_main_window)

    def _rebuild_main_window(self) -> None:
        if self.state is not State.UNLOCKED or self.main_window is None:
            return
        old = self.main_window
        # Open editors come back in the new language, unsaved changes included.
        snapshots = old.workspace.open_snapshots()
        old.close_for_lock()
        old.deleteLater()
        self._build_main_window()
        assert self.main_window is not None
        for snapshot in snapshots:
            self.main_window.workspace.restore(snapshot)

    def _on_vault_locked_elsewhere(self, _vault_id: str) -> None:
        self.lock()

    # lock

    def lock(self) -> None:
        """Close every window showing vault content, clear Casebook's clipboard text,
        drop the keys, then ask for the passphrase again."""
        if self.state is not State.UNLOCKED:
            return
        session, bridge, folder = self.session, self._bridge, self.vault_folder
        # Taken before anything closes; written just before the keys are dropped.
        snapshots = self._unsaved_snapshots()
        self.session = None
        self._bridge = None
        self._set_state(State.LOCKING)
        self.idle_lock.stop()
        self.runner.cancel_all()
        self._close_content_windows()
        self.clipboard_guard.clear_if_ours()
        self.clipboard_guard.stop_tracking()

        def finish() -> None:
            try:
                if session is not None:
                    if snapshots:
                        save_drafts(session, snapshots)
                    session.lock()
            finally:
                if bridge is not None:
                    bridge.close()
                    bridge.deleteLater()
                if self.state is State.LOCKING and folder is not None:
                    self._show_unlock(folder)

        # A job still using the session (a passphrase change) finishes first; the
        # windows are already gone meanwhile.
        self.runner.when_idle(finish)

    def _unsaved_snapshots(self) -> list[EditorSnapshot]:
        """What the open editors hold unsaved. Never stands in the way of a lock: a
        failure is logged (by type only) and the lock goes on without drafts."""
        if self.main_window is None:
            return []
        try:
            return self.main_window.snapshots()
        except Exception as exc:  # noqa: BLE001 - locking matters more than a draft
            _log.error("could not take the editors' drafts: %s", type(exc).__name__)
            return []

    def _close_content_windows(self) -> None:
        if self.main_window is not None:
            self.main_window.close_for_lock()
            self.main_window.deleteLater()
            self.main_window = None
        # Anything else still on screen (a message box without a parent) may show
        # vault content too.
        keep = [w for w in (self.first_run_window, self.unlock_dialog) if w is not None]
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and not any(widget is k for k in keep):
                widget.hide()
                widget.close()

    # quit

    def quit(self) -> None:
        self.shutdown()
        self.finished.emit()

    def shutdown(self) -> None:
        """Lock and close everything; wait for running jobs. Safe to call twice."""
        if self.state is State.CLOSED:
            return
        session, bridge = self.session, self._bridge
        snapshots = self._unsaved_snapshots()
        self.session = None
        self._bridge = None
        self._set_state(State.CLOSED)
        self.idle_lock.stop()
        self.runner.cancel_all()
        if self.main_window is not None:
            self.main_window.close_for_lock()
            self.main_window.deleteLater()
            self.main_window = None
        self._dismiss_pre_unlock_windows()
        self.clipboard_guard.clear_if_ours()
        self.clipboard_guard.close()
        # Results of cancelled jobs are delivered here; a session nobody waits for
        # any more is locked by the job's discard callback.
        self.runner.wait()
        try:
            if session is not None:
                if snapshots:  # closed without the prompt (a signal, a logout)
                    save_drafts(session, snapshots)
                session.lock()
        finally:
            if bridge is not None:
                bridge.close()
                bridge.deleteLater()
            self.translations.clear()
