"""Interface preferences in an INI file under the platform's user config folder.

Only three keys are stored: the interface language, the auto-lock delay and the
last vault folder. Nothing from inside a vault (case data, user names,
passphrases) is ever written here: this file is plaintext on disk.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_config_dir, user_data_dir
from PySide6.QtCore import QLocale, QSettings

APP_DIR_NAME = "casebook"
SETTINGS_FILE = "casebook.ini"
LANGUAGES = ("en", "ar")
DEFAULT_AUTO_LOCK_MINUTES = 5
MIN_AUTO_LOCK_MINUTES = 1
MAX_AUTO_LOCK_MINUTES = 120

KEY_LANGUAGE = "interface/language"
KEY_AUTO_LOCK_MINUTES = "security/auto_lock_minutes"
KEY_LAST_VAULT_FOLDER = "vault/last_folder"


def default_settings_path() -> Path:
    # appauthor=False keeps Windows from nesting "casebook\casebook".
    return Path(user_config_dir(APP_DIR_NAME, appauthor=False)) / SETTINGS_FILE


def default_vault_folder() -> Path:
    return Path(user_data_dir(APP_DIR_NAME, appauthor=False)) / "vault"


def default_demo_folder() -> Path:
    """Where "Open the demo" puts the demo vault unless the person picks a folder."""
    return Path(user_data_dir(APP_DIR_NAME, appauthor=False)) / "demo-vault"


def system_language() -> str:
    return "ar" if QLocale.system().language() == QLocale.Language.Arabic else "en"


class Settings:
    """Typed access to the settings file; every value read is checked and clamped,
    since the file may have been edited by hand."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_settings_path()
        self._store = QSettings(str(self.path), QSettings.Format.IniFormat)

    @property
    def language(self) -> str:
        value = self._store.value(KEY_LANGUAGE)
        if isinstance(value, str) and value in LANGUAGES:
            return value
        return system_language()

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"unsupported language {value!r}")
        self._store.setValue(KEY_LANGUAGE, value)
        self._store.sync()

    @property
    def auto_lock_minutes(self) -> int:
        value = self._store.value(KEY_AUTO_LOCK_MINUTES)
        try:
            minutes = int(str(value))
        except ValueError:
            return DEFAULT_AUTO_LOCK_MINUTES
        return clamp_auto_lock_minutes(minutes)

    @auto_lock_minutes.setter
    def auto_lock_minutes(self, value: int) -> None:
        self._store.setValue(KEY_AUTO_LOCK_MINUTES, clamp_auto_lock_minutes(value))
        self._store.sync()

    @property
    def last_vault_folder(self) -> Path | None:
        value = self._store.value(KEY_LAST_VAULT_FOLDER)
        if isinstance(value, str) and value:
            return Path(value)
        return None

    @last_vault_folder.setter
    def last_vault_folder(self, folder: Path | None) -> None:
        if folder is None:
            self._store.remove(KEY_LAST_VAULT_FOLDER)
        else:
            self._store.setValue(KEY_LAST_VAULT_FOLDER, str(folder.absolute()))
        self._store.sync()


def clamp_auto_lock_minutes(minutes: int) -> int:
    return max(MIN_AUTO_LOCK_MINUTES, min(MAX_AUTO_LOCK_MINUTES, minutes))
