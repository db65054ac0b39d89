"""Default locations (platformdirs). Tests point XDG_* at a temporary folder."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "casebook"


def default_vault_dir() -> Path:
    return user_data_path(APP_NAME, appauthor=False) / "vault"
