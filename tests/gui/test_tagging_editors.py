"""Tags chosen through the chips and the picker in every editor: saved as codes,
undoable, refused with the reason next to the field, and kept across a lock."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from casebook.domain.records import RecordKind
from casebook.gui.incident_editor import IncidentEditor
from casebook.gui.statements import StatementDialog
from casebook.gui.tag_chips import TagChips
from casebook.services.records import RecordService
from tests.gui.conftest import AppFactory, start_unlocked, type_into
from tests.gui.test_drafts import answer_drafts, lock_and_unlock
from tests.gui.test_place_picker import JABLEH, JABLEH_PATH


def pick_tag(qtbot: QtBot, chips: TagChips, query: str) -> None:
    """Add the first term matching ``query``, with the keyboard only."""
    qtbot.mouseClick(chips.add_button, Qt.MouseButton.LeftButton)
    picker = chips.picker
    assert picker is not None and picker.isVisible()
    qtbot.keyClicks(picker.search, query)
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    qtbot.keyClick(picker.tree, Qt.Key.Key_Space)
    with qtbot.waitSignal(chips.changed):
        qtbot.keyClick(picker.tree, Qt.Key.Key_Return)


def test_incident_tags_chosen_with_the_chips_are_saved(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    editor = app.main_window.workspace.open_incident(None)
    assert isinstance(editor, IncidentEditor)
    qtbot.keyClicks(editor.title, "Execution at the checkpoint")
    assert "victim" not in editor.tags.schemes  # a person's scheme
    pick_tag(qtbot, editor.tags, "summary")
    pick_tag(qtbot, editor.tags, "sniper")
    assert editor.tags.codes() == ["act.summary-execution", "method.sniper"]
    assert [chip.label.text() for chip in editor.tags.chips] == [
        "Summary execution", "Sniper fire"]
    # Each change is a step of the editor's undo.
    editor.action_undo.trigger()
    assert editor.tags.codes() == ["act.summary-execution"]
    editor.action_redo.trigger()
    assert editor.save()
    records = RecordService(app.session)
    assert records.get(editor.record_id).content["tags"] == [
        "act.summary-execution", "method.sniper"]
    qtbot.mouseClick(editor.tags.chips[0].remove_button, Qt.MouseButton.LeftButton)
    assert editor.dirty
    assert editor.save()
    assert records.get(editor.record_id).content["tags"] == ["method.sniper"]


def test_a_refused_tag_is_explained_next_to_the_tags(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    editor = app.main_window.workspace.open_incident(None)
    qtbot.keyClicks(editor.title, "Raid")
    editor.tags.choose(["act.killing", "victim.child"])  # a person's tag on an incident
    assert not editor.save()
    error = editor.field_rows["tags"].error
    assert error.isVisible()
    assert "victim.child" in error.text() and "does not apply to incident" in error.text()
    qtbot.mouseClick(editor.tags.chips[1].remove_button, Qt.MouseButton.LeftButton)
    assert editor.save()
    assert not error.isVisible()


def test_act_statement_and_person_tags_are_saved(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    records = RecordService(app.session)
    incident = records.create(RecordKind.INCIDENT, {"title": "Detention"})
    victim = records.create(RecordKind.PERSON, {"name": "Huda Ali"})
    records.create(RecordKind.INVOLVEMENT,
                   {"incident": incident.id, "person": victim.id, "role": "victim"})
    workspace = app.main_window.workspace
    editor = workspace.open_incident(incident.id)

    act = editor.acts.add()
    assert "act" not in act.tags.schemes and "method" in act.tags.schemes
    picker = act.act_type.open_picker()
    type_into(picker.search, "اعتقال تعسفي")
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    with qtbot.waitSignal(act.act_type.changed):
        qtbot.keyClick(picker.tree, Qt.Key.Key_Return)
    assert act.act_type.value() == "act.arbitrary-detention"
    pick_tag(qtbot, act.tags, "perpetrator.police")
    assert act.save()
    content = records.get(act.record_id).content
    assert (content["act_type"], content["tags"]) == (
        "act.arbitrary-detention", ["perpetrator.police"])
    assert editor.acts.table.item(0, 1).text() == "Arbitrary detention"

    statement = editor.statements.add()
    assert isinstance(statement, StatementDialog)
    assert statement.tags.schemes == ["source"]
    pick_tag(qtbot, statement.tags, "eyewitness")
    assert statement.save()
    assert records.get(statement.record_id).content["tags"] == ["source.direct-witness"]

    person = workspace.open_person(victim.id)
    assert set(person.tags.schemes) >= {"victim"}
    pick_tag(qtbot, person.tags, "child")
    assert person.save()
    assert records.get(victim.id).content["tags"] == ["victim.child"]


def test_tags_and_place_survive_a_draft_round_trip(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    records = RecordService(app.session)
    stored = records.create(RecordKind.INCIDENT, {"title": "Raid", "tags": ["act.killing"]})
    editor = app.main_window.workspace.open_incident(stored.id)
    pick_tag(qtbot, editor.tags, "drone")
    picker = editor.place.open_picker()
    picker.select_place(JABLEH)
    with qtbot.waitSignal(editor.place.changed):
        qtbot.mouseClick(picker.ok_button, Qt.MouseButton.LeftButton)
    person = app.main_window.workspace.open_person(None)
    type_into(person.name, "Rami")
    pick_tag(qtbot, person.tags, "civilian")

    lock_and_unlock(qtbot, app)
    answer_drafts(qtbot, app, "restore_drafts")
    editors = {e.record_id: e for e in app.main_window.workspace.editors()}
    restored = editors[stored.id]
    assert isinstance(restored, IncidentEditor) and restored.dirty
    assert restored.tags.codes() == ["act.killing", "method.drone"]
    assert [chip.label.text() for chip in restored.tags.chips] == ["Killing", "Drones"]
    assert restored.place.line.text() == JABLEH_PATH
    assert editors[None].tags.codes() == ["victim.civilian"]
    assert restored.save()
    content = RecordService(app.session).get(stored.id).content
    assert (content["tags"], content["place"]) == (["act.killing", "method.drone"], JABLEH)
