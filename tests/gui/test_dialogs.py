from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QStandardItemModel
from pytestqt.qtbot import QtBot

from casebook.domain.users import Role
from casebook.gui.autolock import minutes_to_ms
from casebook.gui.controller import State
from casebook.gui.labels import role_label
from casebook.services.vault_service import unlock_vault
from tests.conftest import PASSPHRASE, USER_NAME
from tests.gui.conftest import (
    AppFactory,
    is_shown,
    plain,
    start_unlocked,
    type_text,
    unlock,
)

NEW_PASSPHRASE = "olive grove window seventeen lantern"
SECOND_PASSPHRASE = "river stone paper umbrella bicycle"


def lock_and_wait(qtbot: QtBot, app) -> None:
    session = app.session
    app.lock()
    qtbot.waitUntil(lambda: session.is_locked and app.state is State.LOCKED)


def test_vault_info_lists_users_with_fingerprints(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    dialog = app.main_window.show_vault_info()
    qtbot.waitUntil(lambda: dialog.users.rowCount() == 1)
    assert USER_NAME in dialog.users.item(0, 0).text()
    assert dialog.users.item(0, 1).text() == role_label(Role.DOCUMENTER)
    fingerprint = dialog.users.item(0, 2).text()
    assert len(fingerprint.split()) == 8
    assert plain(dialog.folder.text()) == str(existing_vault)
    assert int(plain(dialog.audit_entries.text())) >= 3
    # Test-only KDF parameters are reported as a vault warning.
    assert dialog.warnings.isVisible()


def test_add_user_end_to_end(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    main = app.main_window
    info = main.show_vault_info()
    qtbot.waitUntil(lambda: info.users.rowCount() == 1)
    dialog = main.show_add_user()
    type_text(qtbot, dialog.name, "Second Documenter")
    type_text(qtbot, dialog.passphrase.passphrase, SECOND_PASSPHRASE)
    type_text(qtbot, dialog.passphrase.repeat, SECOND_PASSPHRASE)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not is_shown(dialog))

    assert "Second Documenter" in main.statusBar().currentMessage()
    # The UserAdded event reached the GUI thread and refreshed the open info dialog.
    qtbot.waitUntil(lambda: info.users.rowCount() == 2)

    lock_and_wait(qtbot, app)
    unlock(qtbot, app, SECOND_PASSPHRASE)
    assert app.state is State.UNLOCKED
    assert "Second Documenter" in app.main_window.user_label.text()


def test_add_user_refuses_duplicate_name_inline(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    dialog = app.main_window.show_add_user()
    type_text(qtbot, dialog.name, USER_NAME)
    type_text(qtbot, dialog.passphrase.passphrase, SECOND_PASSPHRASE)
    type_text(qtbot, dialog.passphrase.repeat, SECOND_PASSPHRASE)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible)
    assert dialog.error.kind == "invalid"
    assert is_shown(dialog)
    assert dialog.add_button.isEnabled()


def test_documenter_cannot_pick_supervisor(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    dialog = app.main_window.show_add_user()
    model = dialog.role.model()
    assert isinstance(model, QStandardItemModel)
    item = model.item(dialog.role.findData(Role.SUPERVISOR.value))
    assert not item.isEnabled()


def test_change_passphrase_end_to_end(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    main = app.main_window
    dialog = main.show_change_passphrase()

    type_text(qtbot, dialog.current, "not my passphrase")
    type_text(qtbot, dialog.passphrase.passphrase, NEW_PASSPHRASE)
    type_text(qtbot, dialog.passphrase.repeat, NEW_PASSPHRASE)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible)
    assert dialog.error.kind == "wrong-passphrase"
    assert is_shown(dialog)

    dialog.current.clear()
    type_text(qtbot, dialog.current, PASSPHRASE)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not is_shown(dialog))
    qtbot.waitUntil(lambda: main.statusBar().currentMessage() != "")

    lock_and_wait(qtbot, app)
    unlock(qtbot, app, PASSPHRASE)
    assert app.state is State.LOCKED
    assert app.unlock_dialog.error.kind == "wrong-passphrase"
    unlock(qtbot, app, NEW_PASSPHRASE)
    assert app.state is State.UNLOCKED


def test_change_passphrase_needs_matching_repeat(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    dialog = app.main_window.show_change_passphrase()
    type_text(qtbot, dialog.current, PASSPHRASE)
    type_text(qtbot, dialog.passphrase.passphrase, NEW_PASSPHRASE)
    type_text(qtbot, dialog.passphrase.repeat, NEW_PASSPHRASE + "!")
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible()
    assert not app.runner.busy
    app.lock()
    qtbot.waitUntil(lambda: app.state is State.LOCKED)
    unlock_vault(existing_vault, PASSPHRASE).lock()  # unchanged


def test_dialog_cannot_be_cancelled_while_working_but_lock_closes_it(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    import threading

    app = start_unlocked(qtbot, make_app, existing_vault)
    session = app.session
    release = threading.Event()
    app.runner.submit(lambda: release.wait(10), lambda _r: None, lambda _e: None)
    dialog = app.main_window.show_change_passphrase()
    type_text(qtbot, dialog.current, PASSPHRASE)
    type_text(qtbot, dialog.passphrase.passphrase, NEW_PASSPHRASE)
    type_text(qtbot, dialog.passphrase.repeat, NEW_PASSPHRASE)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    assert dialog.busy and dialog.busy_bar.isVisible()
    dialog.reject()
    assert is_shown(dialog)
    app.lock()
    assert not is_shown(dialog)
    release.set()
    qtbot.waitUntil(lambda: session.is_locked and app.state is State.LOCKED)
    # The change itself went through: it was already running when the lock came.
    unlock_vault(existing_vault, NEW_PASSPHRASE).lock()


def test_preferences_change_auto_lock(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    assert app.idle_lock.interval_ms == minutes_to_ms(5)
    dialog = app.main_window.show_preferences()
    dialog.auto_lock.setValue(7)
    dialog.save()
    assert app.settings.auto_lock_minutes == 7
    assert app.idle_lock.interval_ms == minutes_to_ms(7)
    assert not is_shown(dialog)


def test_about_box(qtbot: QtBot, make_app: AppFactory, existing_vault: Path) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    box = app.main_window.show_about()
    assert box.isVisible()
    assert "Casebook" in box.text()
    app.lock()
    qtbot.waitUntil(lambda: app.state is State.LOCKED)
    assert not is_shown(box)


def test_clipboard_is_untouched_without_copying(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    assert QGuiApplication.clipboard().text() == ""
    assert not app.clipboard_guard.holds_our_text()
