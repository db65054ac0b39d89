from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from casebook.gui.controller import State
from casebook.gui.settings import (
    DEFAULT_AUTO_LOCK_MINUTES,
    KEY_AUTO_LOCK_MINUTES,
    KEY_LANGUAGE,
    Settings,
)
from tests.conftest import PASSPHRASE
from tests.gui.conftest import AppFactory, type_text

NAME = "Nadia Documenter"


def encodings(text: str) -> list[bytes]:
    """The forms in which QSettings might write text into an INI file."""
    escaped = "".join(ch if ch.isascii() else f"\\x{ord(ch):04x}" for ch in text)
    return [text.encode("utf-8"), text.encode("utf-16-le"), escaped.encode("ascii")]


def test_settings_file_location(settings: Settings) -> None:
    assert settings.path == Path(os.environ["XDG_CONFIG_HOME"]) / "casebook" / "casebook.ini"


def test_settings_file_holds_no_names_or_passphrases(
    qtbot: QtBot, make_app: AppFactory, settings: Settings, tmp_path: Path
) -> None:
    app = make_app()
    app.start()
    window = app.first_run_window
    qtbot.mouseClick(window.create_choice, Qt.MouseButton.LeftButton)
    window.create_folder.setText(str(tmp_path / "v"))
    type_text(qtbot, window.user_name, NAME)
    type_text(qtbot, window.passphrase.passphrase, PASSPHRASE)
    type_text(qtbot, window.passphrase.repeat, PASSPHRASE)
    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.state is State.UNLOCKED)
    preferences = app.main_window.show_preferences()
    preferences.auto_lock.setValue(9)
    preferences.save()
    app.shutdown()

    data = settings.path.read_bytes()
    assert b"last_folder" in data and b"auto_lock_minutes=9" in data
    for secret in (NAME, "Nadia", PASSPHRASE, "horse battery"):
        for form in encodings(secret):
            assert form not in data, secret


def test_values_are_checked_and_clamped(settings: Settings) -> None:
    assert settings.auto_lock_minutes == DEFAULT_AUTO_LOCK_MINUTES
    settings.auto_lock_minutes = 0
    assert settings.auto_lock_minutes == 1
    settings.auto_lock_minutes = 10_000
    assert settings.auto_lock_minutes == 120
    settings._store.setValue(KEY_AUTO_LOCK_MINUTES, "soon")
    assert settings.auto_lock_minutes == DEFAULT_AUTO_LOCK_MINUTES
    settings._store.setValue(KEY_LANGUAGE, "xx")
    assert settings.language in {"en", "ar"}
    settings.language = "ar"
    assert Settings(settings.path).language == "ar"


def test_last_vault_folder_round_trip(settings: Settings, tmp_path: Path) -> None:
    assert settings.last_vault_folder is None
    settings.last_vault_folder = tmp_path / "مجلد"
    assert Settings(settings.path).last_vault_folder == tmp_path / "مجلد"
    settings.last_vault_folder = None
    assert Settings(settings.path).last_vault_folder is None
