from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from casebook.gui.clipboard import ClipboardGuard
from casebook.gui.controller import State
from tests.conftest import PASSPHRASE
from tests.gui.conftest import AppFactory, is_shown, start_unlocked, type_text


def test_idle_timeout_locks_everything(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path, qapp: QApplication
) -> None:
    clipboard = qapp.clipboard()
    app = start_unlocked(qtbot, make_app, existing_vault, auto_lock_interval_ms=60_000)
    session = app.session
    main = app.main_window
    info = main.show_vault_info()
    qtbot.waitUntil(lambda: info.users.rowCount() == 1)
    info.users.selectRow(0)
    qtbot.mouseClick(info.copy_button, Qt.MouseButton.LeftButton)
    fingerprint = clipboard.text()
    assert len(fingerprint) == 39  # 8 groups of 4 hex digits
    assert app.clipboard_guard.holds_our_text()

    app.idle_lock.set_interval_ms(50)
    qtbot.waitUntil(lambda: session.is_locked, timeout=5000)

    assert not is_shown(main)
    assert not is_shown(info)
    assert app.main_window is None
    assert app.state is State.LOCKED
    assert is_shown(app.unlock_dialog)
    assert clipboard.text() == ""
    assert not app.idle_lock.running


def test_lock_leaves_unrelated_clipboard_text(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path, qapp: QApplication
) -> None:
    clipboard = qapp.clipboard()
    clipboard.setText("shopping list: bread, tea")  # copied before Casebook was unlocked
    app = start_unlocked(qtbot, make_app, existing_vault)
    session = app.session
    app.lock()
    qtbot.waitUntil(lambda: session.is_locked)
    assert clipboard.text() == "shopping list: bread, tea"


def test_text_copied_while_another_app_is_active_is_kept(qapp: QApplication) -> None:
    clipboard = qapp.clipboard()
    active = [True]
    guard = ClipboardGuard(clipboard, is_active=lambda: active[0])
    try:
        guard.start_tracking()
        clipboard.setText("copied from Casebook")
        assert guard.holds_our_text()
        active[0] = False
        clipboard.setText("copied from the browser")
        assert not guard.holds_our_text()
        assert not guard.clear_if_ours()
        assert clipboard.text() == "copied from the browser"
    finally:
        guard.close()
        clipboard.clear()


def test_user_input_postpones_auto_lock(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault, auto_lock_interval_ms=60_000)
    main = app.main_window
    app.idle_lock.set_interval_ms(400)
    remaining_before = app.idle_lock.remaining_ms
    qtbot.waitUntil(lambda: app.idle_lock.remaining_ms < remaining_before - 100)
    qtbot.mouseMove(main.centralWidget())
    qtbot.keyClick(main.centralWidget(), Qt.Key.Key_A)
    assert app.idle_lock.remaining_ms > remaining_before - 100
    assert app.state is State.UNLOCKED


def test_ctrl_l_locks(qtbot: QtBot, make_app: AppFactory, existing_vault: Path) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    session = app.session
    main = app.main_window
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.keyClick(main, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: session.is_locked)
    assert not is_shown(main)
    assert is_shown(app.unlock_dialog)


def test_lock_action_has_ctrl_l(qtbot: QtBot, make_app: AppFactory, existing_vault: Path) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    action = app.main_window.action_lock
    assert action.shortcut().toString() == "Ctrl+L"
    session = app.session
    action.trigger()
    qtbot.waitUntil(lambda: session.is_locked)
    assert app.state is State.LOCKED


def test_ctrl_l_locks_from_a_dialog(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    session = app.session
    dialog = app.main_window.show_add_user()
    type_text(qtbot, dialog.name, "Somebody")
    qtbot.keyClick(dialog.name, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: session.is_locked)
    assert not is_shown(dialog)
    assert is_shown(app.unlock_dialog)


def test_unlock_after_lock(qtbot: QtBot, make_app: AppFactory, existing_vault: Path) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    first = app.session
    app.lock()
    qtbot.waitUntil(lambda: app.state is State.LOCKED)
    dialog = app.unlock_dialog
    type_text(qtbot, dialog.passphrase, PASSPHRASE)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.state is State.UNLOCKED)
    assert app.session is not first and first.is_locked
    assert is_shown(app.main_window)


def test_lock_waits_for_running_job_but_closes_windows_at_once(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    session = app.session
    main = app.main_window
    release = threading.Event()
    app.runner.submit(lambda: release.wait(10), lambda _r: None, lambda _e: None)
    app.lock()

    assert not is_shown(main)
    assert app.state is State.LOCKING
    assert not session.is_locked  # the job may still be writing with these keys
    release.set()
    qtbot.waitUntil(lambda: session.is_locked)
    assert app.state is State.LOCKED
    assert is_shown(app.unlock_dialog)


def test_core_lock_event_locks_the_gui(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    main = app.main_window
    app.session.lock()  # emits VaultLocked on the core's event bus
    qtbot.waitUntil(lambda: app.state is State.LOCKED)
    assert not is_shown(main)


def test_quit_locks_the_session(qtbot: QtBot, make_app: AppFactory, existing_vault: Path) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    session = app.session
    with qtbot.waitSignal(app.finished, timeout=2000):
        app.main_window.action_quit.trigger()
    assert session.is_locked
    assert app.state is State.CLOSED


def test_closing_main_window_quits_and_locks(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    session = app.session
    with qtbot.waitSignal(app.finished, timeout=2000):
        app.main_window.close()
    assert session.is_locked
    assert app.state is State.CLOSED
