"""Fixtures for the GUI tests: an App wired to the test-only KDF policy, shut down
(and its thread pool drained) after every test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from casebook.domain.users import Role
from casebook.gui.app import configure_application
from casebook.gui.controller import App, State
from casebook.gui.settings import Settings
from casebook.services.vault_service import KdfPolicy, create_vault
from tests.conftest import PASSPHRASE, USER_NAME

AppFactory = Callable[..., App]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session", autouse=True)
def _configured_qapp(qapp: QApplication) -> QApplication:
    configure_application(qapp)
    return qapp


@pytest.fixture
def settings() -> Settings:
    # XDG_CONFIG_HOME points into this test's own folder (tests/conftest.py).
    return Settings()


@pytest.fixture
def make_app(
    qapp: QApplication, settings: Settings, kdf_policy: KdfPolicy, tmp_path: Path
) -> Iterator[AppFactory]:
    apps: list[App] = []

    def factory(**kwargs: Any) -> App:
        kwargs.setdefault("kdf_policy", kdf_policy)
        kwargs.setdefault("default_folder", tmp_path / "default-vault")
        app = App(qapp, kwargs.pop("settings", settings), **kwargs)
        apps.append(app)
        return app

    yield factory
    for app in apps:
        app.shutdown()
        assert not app.runner.busy
    clipboard = qapp.clipboard()
    clipboard.clear()


@pytest.fixture
def existing_vault(vault_dir: Path, kdf_policy: KdfPolicy) -> Path:
    """A vault with one documenter, locked, that the GUI can unlock with PASSPHRASE."""
    create_vault(vault_dir, USER_NAME, Role.DOCUMENTER, PASSPHRASE, kdf_policy).lock()
    return vault_dir


BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u2066\u2067\u2068\u2069"))


def plain(text: str) -> str:
    """Text without the direction marks and isolates the GUI adds around names and paths."""
    return text.translate(BIDI_CONTROLS)


def is_shown(widget: QWidget | None) -> bool:
    return widget is not None and shiboken6.isValid(widget) and widget.isVisible()


def type_text(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Type into a line edit. Non-ASCII goes in as an input-method commit, the way an
    Arabic keyboard delivers it (QTest key clicks cannot carry it)."""
    edit.setFocus()
    if text.isascii():
        qtbot.keyClicks(edit, text)
        return
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QCoreApplication.sendEvent(edit, event)


def unlock(qtbot: QtBot, app: App, passphrase: str = PASSPHRASE) -> None:
    dialog = app.unlock_dialog
    assert dialog is not None
    dialog.passphrase.clear()
    type_text(qtbot, dialog.passphrase, passphrase)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.state is State.UNLOCKED or dialog.error.isVisible())


def start_unlocked(qtbot: QtBot, make_app: AppFactory, folder: Path, **kwargs: Any) -> App:
    app = make_app(**kwargs)
    app.settings.last_vault_folder = folder
    app.start()
    unlock(qtbot, app)
    assert app.state is State.UNLOCKED
    dismiss_warnings(app)
    return app


def dismiss_warnings(app: App) -> None:
    """Close the warning every test vault gets (its key slots use the test-only KDF
    parameters): it is window-modal and would block the main window's shortcuts."""
    from PySide6.QtWidgets import QMessageBox

    assert app.main_window is not None
    box = app.main_window.findChild(QMessageBox, "vault_warnings_box")
    if box is not None and box.isVisible():
        text = box.informativeText()
        assert "test-only" in text or "للاختبار فقط" in text
        box.close()


def type_into(widget: QWidget, text: str) -> None:
    """Type text as an input-method commit into any text input (line edit, text box)."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QCoreApplication.sendEvent(widget, event)


def find_box(parent: QWidget, name: str):
    """The visible message box called ``name`` under ``parent`` (None if there is none)."""
    from PySide6.QtWidgets import QMessageBox

    boxes = [b for b in parent.findChildren(QMessageBox, name) if b.isVisible()]
    return boxes[-1] if boxes else None


def make_png(path: Path, color: str = "darkred") -> Path:
    """A small image file to attach as evidence."""
    from PySide6.QtGui import QColor, QImage

    image = QImage(48, 32, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path), "PNG")
    return path


def import_incidents(session: Any, incidents: list[dict[str, Any]]) -> list[str]:
    """Create incidents through an interchange import, which keeps the status each
    row gives (editing refuses a status change: it moves only through review)."""
    from casebook.services.interchange import import_document

    rows = [{"id": f"seed-{i}", **row} for i, row in enumerate(incidents)]
    report = import_document(session, {"format": "casebook/v1", "incidents": rows},
                             Path("seed.json"))
    by_where = {row.where: row.record_id for row in report.rows}
    return [by_where[f"incidents[{i}]"] for i in range(len(rows))]
