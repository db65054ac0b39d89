"""Renders the main windows in English and Arabic. With CASEBOOK_SCREENSHOT_DIR set
(``make screenshots``), the PNGs are saved there for a person to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from casebook.gui.controller import State
from tests.conftest import PASSPHRASE
from tests.gui.conftest import AppFactory, type_text, unlock


def save(qtbot: QtBot, widget: QWidget, name: str) -> None:
    qtbot.waitExposed(widget)
    # Let pending layout requests run, as the event loop would before painting.
    QCoreApplication.processEvents()
    pixmap = widget.grab()
    assert not pixmap.isNull()
    assert pixmap.width() > 100 and pixmap.height() > 100
    folder = os.environ.get("CASEBOOK_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        assert pixmap.save(str(Path(folder) / f"{name}.png"))


@pytest.mark.parametrize("language", ["en", "ar"])
def test_screenshots(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path, tmp_path: Path, language: str
) -> None:
    app = make_app()
    app.settings.language = language
    app.start()
    window = app.first_run_window
    save(qtbot, window, f"{language}-first-run")

    qtbot.mouseClick(window.create_choice, Qt.MouseButton.LeftButton)
    window.create_folder.setText(str(tmp_path / "vault"))
    type_text(qtbot, window.user_name, "ليلى حداد" if language == "ar" else "Layla Haddad")
    type_text(qtbot, window.passphrase.passphrase, "password1")
    type_text(qtbot, window.passphrase.repeat, "password1")
    save(qtbot, window, f"{language}-first-run-create")

    window.open_folder.setText(str(existing_vault))
    window.open_existing()
    assert app.state is State.LOCKED
    dialog = app.unlock_dialog
    save(qtbot, dialog, f"{language}-unlock")
    unlock(qtbot, app, "not it")
    save(qtbot, dialog, f"{language}-unlock-wrong-passphrase")

    unlock(qtbot, app, PASSPHRASE)
    main = app.main_window
    save(qtbot, main, f"{language}-main-window")
    info = main.show_vault_info()
    qtbot.waitUntil(lambda: info.users.rowCount() == 1)
    save(qtbot, info, f"{language}-vault-info")
    add = main.show_add_user()
    type_text(qtbot, add.name, "Omar")
    save(qtbot, add, f"{language}-add-user")
