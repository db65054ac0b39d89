from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from casebook.domain.users import Role
from casebook.gui.controller import State
from casebook.gui.labels import role_label
from tests.conftest import PASSPHRASE
from tests.gui.conftest import AppFactory, is_shown, type_text


def fill_create_form(
    qtbot: QtBot, window, folder: Path, name: str, passphrase: str, repeat: str | None = None
) -> None:
    qtbot.mouseClick(window.create_choice, Qt.MouseButton.LeftButton)
    assert window.pages.currentIndex() == 1
    window.create_folder.setText(str(folder))
    type_text(qtbot, window.user_name, name)
    type_text(qtbot, window.passphrase.passphrase, passphrase)
    type_text(qtbot, window.passphrase.repeat, passphrase if repeat is None else repeat)


def test_no_known_vault_shows_first_run(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app()
    app.start()
    assert app.state is State.FIRST_RUN
    assert is_shown(app.first_run_window)


def test_create_vault_reaches_main_window(
    qtbot: QtBot, make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app()
    app.start()
    window = app.first_run_window
    assert window is not None
    folder = tmp_path / "field-vault"
    fill_create_form(qtbot, window, folder, "Layla Haddad", PASSPHRASE)
    window.role.setCurrentIndex(window.role.findData(Role.SUPERVISOR.value))
    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.state is State.UNLOCKED)

    assert (folder / "vault.key").is_file()
    assert not is_shown(window)
    main = app.main_window
    assert is_shown(main)
    status = main.user_label.text()
    assert "Layla Haddad" in status
    assert role_label(Role.SUPERVISOR) in status
    assert app.session is not None and app.session.user.role is Role.SUPERVISOR
    assert app.settings.last_vault_folder == folder


def test_mismatched_passphrases_are_refused_inline(
    qtbot: QtBot, make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app()
    app.start()
    window = app.first_run_window
    fill_create_form(qtbot, window, tmp_path / "v", "Sam", PASSPHRASE, repeat=PASSPHRASE + "x")
    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    assert window.create_error.isVisible()
    assert window.create_error.text() == window.passphrase.tr(
        "The two passphrases are not the same."
    )
    assert not (tmp_path / "v").exists()
    assert app.state is State.FIRST_RUN


def test_weak_passphrase_shows_warning_and_asks(
    qtbot: QtBot, make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app()
    app.start()
    window = app.first_run_window
    folder = tmp_path / "weak"
    fill_create_form(qtbot, window, folder, "Sam", "password1")
    meter = window.passphrase.meter
    assert meter.strength is not None and meter.strength.is_weak
    assert meter.hint_text  # the warning text under the meter
    assert "common password" in meter.hint_text

    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    box = window.findChild(QMessageBox, "weak_passphrase_box")
    assert box is not None and box.isVisible()
    other = next(b for b in box.buttons() if b.objectName() != "use_weak")
    qtbot.mouseClick(other, Qt.MouseButton.LeftButton)
    assert not folder.exists()

    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    box = window.findChild(QMessageBox, "weak_passphrase_box")
    assert box is not None
    use = next(b for b in box.buttons() if b.objectName() == "use_weak")
    qtbot.mouseClick(use, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.state is State.UNLOCKED)
    assert (folder / "vault.key").is_file()


def test_strong_passphrase_has_no_warning(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app()
    app.start()
    window = app.first_run_window
    type_text(qtbot, window.passphrase.passphrase, PASSPHRASE)
    assert window.passphrase.meter.strength is not None
    assert not window.passphrase.meter.strength.is_weak
    assert window.passphrase.meter.hint_text == ""


def test_create_in_folder_with_files_shows_error(
    qtbot: QtBot, make_app: AppFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    app = make_app()
    app.start()
    window = app.first_run_window
    fill_create_form(qtbot, window, folder, "Sam", PASSPHRASE)
    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.create_error.isVisible)
    assert window.create_error.kind == "exists"
    assert app.state is State.FIRST_RUN
    assert window.create_button.isEnabled()


def test_open_existing_vault_goes_to_unlock(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path, tmp_path: Path
) -> None:
    app = make_app()
    app.start()
    window = app.first_run_window
    qtbot.mouseClick(window.open_choice, Qt.MouseButton.LeftButton)

    window.open_folder.setText(str(tmp_path / "nothing-here"))
    qtbot.mouseClick(window.open_button, Qt.MouseButton.LeftButton)
    assert window.open_error.isVisible()
    assert window.open_error.kind == "not-found"

    window.open_folder.setText(str(existing_vault))
    qtbot.mouseClick(window.open_button, Qt.MouseButton.LeftButton)
    assert app.state is State.LOCKED
    assert is_shown(app.unlock_dialog)
    assert app.settings.last_vault_folder == existing_vault
