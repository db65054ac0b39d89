"""Undo and redo in the editors before saving, and unsaved changes never lost
silently: the close prompt, the quit prompt."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from casebook.domain.records import RecordKind
from casebook.gui.controller import App, State
from casebook.gui.incident_editor import IncidentEditor
from casebook.gui.people_panel import Link
from casebook.services.records import RecordService
from tests.gui.conftest import AppFactory, find_box, is_shown, start_unlocked, type_into

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def active_editor(qtbot: QtBot, app: App, record_id: str | None = None) -> IncidentEditor:
    main = app.main_window
    editor = main.workspace.open_incident(record_id)
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    return editor


def test_undo_and_redo_cover_every_kind_of_input(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    person = RecordService(app.session).create(RecordKind.PERSON, {"name": "Sami"})
    editor = active_editor(qtbot, app)
    qtbot.keyClicks(editor.title, "Shelling")  # one command: typing merges
    editor.sensitivity.setCurrentIndex(editor.sensitivity.findData("secret"))  # a combo box
    type_into(editor.narrative, "قصف على السوق")  # an input-method commit
    editor.people.add_link(Link(person.id, "victim", "Sami"))  # a table edit
    assert editor.form.stack.count() == 4 and editor.dirty

    # Ctrl+Z in the narrative box undoes the editor's last step (the link), not the
    # box's own typing.
    qtbot.keyClick(editor.narrative, Qt.Key.Key_Z, CTRL)
    assert editor.people.value() == ()
    assert editor.narrative.toPlainText() == "قصف على السوق"
    qtbot.keyClick(editor.narrative, Qt.Key.Key_Z, CTRL)
    assert editor.narrative.toPlainText() == ""
    qtbot.keyClick(editor.title, Qt.Key.Key_Z, CTRL)
    assert editor.sensitivity.currentData() == "normal"
    assert editor.title.text() == "Shelling"
    qtbot.keyClick(editor.title, Qt.Key.Key_Z, CTRL)
    assert editor.title.text() == ""
    assert not editor.dirty  # back where it was opened

    qtbot.keyClick(editor.title, Qt.Key.Key_Z, CTRL_SHIFT)
    assert editor.title.text() == "Shelling"
    qtbot.keyClick(editor.title, Qt.Key.Key_Y, CTRL)
    assert editor.sensitivity.currentData() == "secret"
    editor.action_redo.trigger()
    editor.action_redo.trigger()
    assert editor.narrative.toPlainText() == "قصف على السوق"
    assert [link.person for link in editor.people.value()] == [person.id]
    assert editor.action_undo.text() == "Undo People"

    # After a save the history goes on; undoing past it makes the editor dirty again.
    assert editor.save()
    assert not editor.dirty
    editor.action_undo.trigger()
    assert editor.dirty and editor.people.value() == ()


def test_typing_back_to_the_saved_text_is_clean(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    stored = RecordService(app.session).create(RecordKind.INCIDENT, {"title": "Raid"})
    editor = active_editor(qtbot, app, stored.id)
    qtbot.keyClicks(editor.title, "s")
    assert editor.dirty
    qtbot.keyClick(editor.title, Qt.Key.Key_Backspace)
    assert not editor.dirty
    tabs = app.main_window.workspace.tabs
    assert tabs.tabText(tabs.indexOf(editor)) == "Raid"


def test_closing_a_changed_editor_asks(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    records = RecordService(app.session)
    stored = records.create(RecordKind.INCIDENT, {"title": "Raid"})
    editor = active_editor(qtbot, app, stored.id)
    workspace = app.main_window.workspace
    qtbot.keyClicks(editor.title, " at night")
    tabs = workspace.tabs
    assert tabs.tabText(tabs.indexOf(editor)).endswith("•")

    qtbot.keyClick(editor.title, Qt.Key.Key_W, CTRL)
    box = find_box(editor, "unsaved_box")
    assert box is not None and "Raid at night" in box.text()
    qtbot.mouseClick(box.findChild(type(box.buttons()[0]), "answer_cancel"),
                     Qt.MouseButton.LeftButton)
    assert editor in workspace.editors()

    tabs.tabCloseRequested.emit(tabs.indexOf(editor))
    box = find_box(editor, "unsaved_box")
    qtbot.mouseClick(box.findChild(type(box.buttons()[0]), "answer_discard"),
                     Qt.MouseButton.LeftButton)
    assert editor not in workspace.editors()
    assert records.get(stored.id).content["title"] == "Raid"

    editor = active_editor(qtbot, app, stored.id)
    qtbot.keyClicks(editor.title, " at dawn")
    editor.action_close.trigger()
    box = find_box(editor, "unsaved_box")
    qtbot.mouseClick(box.findChild(type(box.buttons()[0]), "answer_save"),
                     Qt.MouseButton.LeftButton)
    assert editor not in workspace.editors()
    assert records.get(stored.id).content["title"] == "Raid at dawn"

    clean = active_editor(qtbot, app, stored.id)
    clean.action_close.trigger()  # nothing changed: no question
    assert clean not in workspace.editors()


def test_a_save_that_fails_keeps_the_editor_open(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    editor = active_editor(qtbot, app)
    editor.date_start.setText("someday")
    editor.action_close.trigger()
    box = find_box(editor, "unsaved_box")
    qtbot.mouseClick(box.findChild(type(box.buttons()[0]), "answer_save"),
                     Qt.MouseButton.LeftButton)
    assert editor in app.main_window.workspace.editors()
    assert editor.field_rows["title"].error.isVisible()


def test_quitting_with_changes_asks(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    main = app.main_window
    editor = active_editor(qtbot, app)
    qtbot.keyClicks(editor.title, "Unsaved incident")
    main.action_quit.trigger()
    box = find_box(main, "unsaved_box")
    assert box is not None and box.text().startswith("One editor has unsaved changes")
    qtbot.mouseClick(box.findChild(type(box.buttons()[0]), "answer_cancel"),
                     Qt.MouseButton.LeftButton)
    assert app.state is State.UNLOCKED and is_shown(main)

    main.close()  # the window's close button asks too
    box = find_box(main, "unsaved_box")
    assert box is not None
    session = app.session
    with qtbot.waitSignal(app.finished):
        qtbot.mouseClick(box.findChild(type(box.buttons()[0]), "answer_save"),
                         Qt.MouseButton.LeftButton)
    assert session.is_locked
    assert app.state is State.CLOSED
