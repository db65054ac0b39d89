"""The key derivation (Argon2id) never runs on the GUI thread."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from casebook.crypto import kdf
from casebook.gui.controller import State
from tests.conftest import PASSPHRASE
from tests.gui.conftest import AppFactory, is_shown, type_text, unlock

OTHER = "lantern harbour seventeen olive window"


@pytest.fixture
def kdf_threads(monkeypatch: pytest.MonkeyPatch) -> list[threading.Thread]:
    """Record the thread of every derive_kek call, wherever the core imported it."""
    original = kdf.derive_kek
    threads: list[threading.Thread] = []

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return original(*args, **kwargs)

    for name, module in list(sys.modules.items()):
        if name.startswith("casebook") and getattr(module, "derive_kek", None) is original:
            monkeypatch.setattr(module, "derive_kek", recording)
    return threads


def test_kdf_runs_only_on_worker_threads(
    qtbot: QtBot, make_app: AppFactory, tmp_path: Path, kdf_threads: list[threading.Thread]
) -> None:
    app = make_app()
    app.start()
    window = app.first_run_window
    qtbot.mouseClick(window.create_choice, Qt.MouseButton.LeftButton)
    window.create_folder.setText(str(tmp_path / "v"))
    type_text(qtbot, window.user_name, "Sam")
    type_text(qtbot, window.passphrase.passphrase, PASSPHRASE)
    type_text(qtbot, window.passphrase.repeat, PASSPHRASE)
    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.state is State.UNLOCKED)

    dialog = app.main_window.show_change_passphrase()
    type_text(qtbot, dialog.current, PASSPHRASE)
    type_text(qtbot, dialog.passphrase.passphrase, OTHER)
    type_text(qtbot, dialog.passphrase.repeat, OTHER)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not is_shown(dialog))

    session = app.session
    app.lock()
    qtbot.waitUntil(lambda: session.is_locked and app.state is State.LOCKED)
    unlock(qtbot, app, OTHER)
    assert app.state is State.UNLOCKED

    assert len(kdf_threads) >= 4  # create, check current, rewrap, unlock
    assert all(t is not threading.main_thread() for t in kdf_threads)
