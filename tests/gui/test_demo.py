""""Open the demo" on the first-run window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from casebook.gui.controller import State
from casebook.gui.settings import default_demo_folder
from casebook.services.demo import DEMO_PASSPHRASE
from tests.gui.conftest import AppFactory, is_shown, plain


def test_demo_opens_from_the_first_run_window(
    qtbot: QtBot, make_app: AppFactory, isolated_environment: Path
) -> None:
    app = make_app()
    app.start()
    window = app.first_run_window
    qtbot.mouseClick(window.demo_choice, Qt.MouseButton.LeftButton)
    page = window.demo_page
    assert window.pages.currentWidget() is page
    folder = default_demo_folder()
    assert isolated_environment in folder.parents  # under the platform's data folder
    assert page.folder.text() == str(folder)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert page.busy.isVisible() and not page.open_button.isEnabled()  # in a worker
    qtbot.waitUntil(lambda: app.state is State.UNLOCKED, timeout=20_000)

    assert (folder / "vault.key").is_file()
    assert app.settings.last_vault_folder == folder
    assert not is_shown(window)
    box = app.demo_box
    assert box is not None and box.isVisible()
    assert DEMO_PASSPHRASE in plain(box.text())
    model = app.main_window.workspace.model
    assert model.total == 10
    assert app.main_window.workspace.list_page.count.text() == "10 incidents"
    titles = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
    assert "Nurse shot dead on her way to work in Jableh" in titles
    # Place ids of the demo gazetteer are shown by name.
    places = {model.data(model.index(row, 2)) for row in range(model.rowCount())}
    assert "Hmeimim airbase" in places

    # Opening the demo again unlocks the same vault.
    session = app.session
    app.lock()
    qtbot.waitUntil(lambda: session.is_locked)
    app.unlock_dialog.other_vault_requested.emit()
    window = app.first_run_window
    window.show_demo_page()
    qtbot.mouseClick(window.demo_page.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.state is State.UNLOCKED, timeout=20_000)
    assert app.main_window.workspace.model.total == 10


def test_demo_in_a_chosen_folder_that_is_not_empty(
    qtbot: QtBot, make_app: AppFactory, tmp_path: Path
) -> None:
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    app = make_app()
    app.start()
    window = app.first_run_window
    window.show_demo_page()
    window.demo_page.folder.setText(str(busy))
    qtbot.mouseClick(window.demo_page.open_button, Qt.MouseButton.LeftButton)
    error = window.demo_page.error
    qtbot.waitUntil(error.isVisible, timeout=20_000)
    assert error.kind == "exists"
    assert app.state is State.FIRST_RUN
    assert (busy / "notes.txt").read_text() == "mine"
