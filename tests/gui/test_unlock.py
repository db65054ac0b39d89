from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from casebook.domain.errors import DamagedKeyFileError, WrongPassphraseError
from casebook.gui.controller import State
from casebook.gui.errors import describe_error
from tests.conftest import PASSPHRASE, USER_NAME
from tests.gui.conftest import AppFactory, is_shown, type_text, unlock

WRONG_TEXT = describe_error(WrongPassphraseError("x")).summary
DAMAGED_TEXT = describe_error(DamagedKeyFileError("x")).summary


def flip_header_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[40] ^= 0x01  # inside the checksummed plaintext header
    path.write_bytes(bytes(data))


def test_known_vault_opens_unlock_dialog(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = make_app()
    app.settings.last_vault_folder = existing_vault
    app.start()
    assert app.state is State.LOCKED
    dialog = app.unlock_dialog
    assert is_shown(dialog)
    assert dialog.passphrase.echoMode() == dialog.passphrase.EchoMode.Password
    folder_label = dialog.findChild(QLabel, "vault_folder")
    assert str(existing_vault) in folder_label.text()


def test_wrong_passphrase_shows_message_and_stays(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = make_app()
    app.settings.last_vault_folder = existing_vault
    app.start()
    dialog = app.unlock_dialog
    unlock(qtbot, app, "not the passphrase")

    assert app.state is State.LOCKED
    assert app.unlock_dialog is dialog and is_shown(dialog)
    assert dialog.error.kind == "wrong-passphrase"
    assert dialog.error.text() == WRONG_TEXT
    assert dialog.passphrase.isEnabled() and dialog.unlock_button.isEnabled()
    assert not dialog.busy_bar.isVisible()
    assert app.main_window is None


def test_right_passphrase_opens_main_window(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = make_app()
    app.settings.last_vault_folder = existing_vault
    app.start()
    dialog = app.unlock_dialog
    unlock(qtbot, app, "not the passphrase")
    unlock(qtbot, app, PASSPHRASE)

    assert app.state is State.UNLOCKED
    assert not is_shown(dialog)
    assert is_shown(app.main_window)
    assert USER_NAME in app.main_window.user_label.text()
    assert app.session is not None and not app.session.is_locked


def test_damaged_key_file_is_not_called_a_wrong_passphrase(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    flip_header_byte(existing_vault / "vault.key")
    flip_header_byte(existing_vault / "vault.key.bak")
    app = make_app()
    app.settings.last_vault_folder = existing_vault
    app.start()
    unlock(qtbot, app, PASSPHRASE)

    dialog = app.unlock_dialog
    assert app.state is State.LOCKED
    assert dialog.error.kind == "damaged"
    assert dialog.error.text().startswith(DAMAGED_TEXT)
    assert "vault.key" in dialog.error.text()  # the core's message names the file
    assert WRONG_TEXT not in dialog.error.text()


def test_backup_key_file_warning_is_shown_after_unlock(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    flip_header_byte(existing_vault / "vault.key")
    app = make_app()
    app.settings.last_vault_folder = existing_vault
    app.start()
    unlock(qtbot, app, PASSPHRASE)

    assert app.state is State.UNLOCKED
    box = app.main_window.findChild(QMessageBox, "vault_warnings_box")
    assert box is not None and box.isVisible()
    assert "vault.key.bak" in box.informativeText()


def test_inputs_disabled_and_busy_bar_shown_while_unlocking(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = make_app()
    app.settings.last_vault_folder = existing_vault
    app.start()
    dialog = app.unlock_dialog
    # Occupy the single worker thread so the unlock job waits in the queue.
    release = threading.Event()
    app.runner.submit(lambda: release.wait(10), lambda _r: None, lambda _e: None)
    type_text(qtbot, dialog.passphrase, PASSPHRASE)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)

    assert dialog.busy
    assert dialog.busy_bar.isVisible()
    assert dialog.busy_bar.maximum() == 0  # indeterminate
    assert not dialog.passphrase.isEnabled()
    assert not dialog.unlock_button.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: app.state is State.UNLOCKED)


def test_empty_passphrase_is_not_tried(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = make_app()
    app.settings.last_vault_folder = existing_vault
    app.start()
    dialog = app.unlock_dialog
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible()
    assert not dialog.busy
    assert not app.runner.busy


def test_closing_unlock_dialog_quits(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = make_app()
    app.settings.last_vault_folder = existing_vault
    app.start()
    with qtbot.waitSignal(app.finished, timeout=2000):
        app.unlock_dialog.close()
    assert app.state is State.CLOSED


def test_closing_during_unlock_locks_the_late_session(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = make_app()
    app.settings.last_vault_folder = existing_vault
    app.start()
    dialog = app.unlock_dialog
    release = threading.Event()
    app.runner.submit(lambda: release.wait(10), lambda _r: None, lambda _e: None)
    sessions = []
    type_text(qtbot, dialog.passphrase, PASSPHRASE)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    task = dialog._task
    assert task is not None
    discard = task.on_discard
    task.on_discard = lambda result: (sessions.append(result[0]), discard(result))
    release.set()
    app.quit()
    assert app.state is State.CLOSED
    assert len(sessions) == 1 and sessions[0].is_locked


def test_other_vault_button_returns_to_first_run(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = make_app()
    app.settings.last_vault_folder = existing_vault
    app.start()
    qtbot.mouseClick(app.unlock_dialog.other_button, Qt.MouseButton.LeftButton)
    assert app.state is State.FIRST_RUN
    window = app.first_run_window
    assert is_shown(window) and window.pages.currentIndex() == 2
    assert window.open_folder.text() == str(existing_vault)
