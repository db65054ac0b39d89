"""The place picker: the gazetteer as a tree, a search in Arabic without diacritics
or hamza, adding a site under a community (off the GUI thread, errors inline), and
the place field of the incident editor and act dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from casebook.domain.records import PlaceLevel, RecordKind
from casebook.gazetteer.model import place_id_for
from casebook.gui.controller import App
from casebook.gui.place_picker import (
    NAME,
    AddPlaceDialog,
    PlacePickerDialog,
    PlaceTreeModel,
)
from casebook.services.places import PlaceService
from casebook.services.records import RecordService
from tests.gui.conftest import AppFactory, is_shown, start_unlocked, type_into

JABLEH = place_id_for("jableh-town")  # a community of the shipped gazetteer
JABLEH_PATH = "Jableh › Jablah › Jablah › Lattakia"


def add_site(qtbot: QtBot, picker: PlacePickerDialog, name: str, name_ar: str = "",
             latitude: str = "") -> AddPlaceDialog:
    picker.select_place(JABLEH)
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    dialog = picker.add_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.inside.text().endswith(JABLEH_PATH + "\u2069")
    assert [dialog.level.itemData(i) for i in range(dialog.level.count())] == ["site"]
    type_into(dialog.name, name)
    if name_ar:
        type_into(dialog.name_ar, name_ar)
    if latitude:
        dialog.latitude.setText(latitude)
    return dialog


def test_place_tree_model_passes_the_model_tester(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path, qtmodeltester
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    gazetteer = app.main_window.context.gazetteer
    model = PlaceTreeModel(gazetteer, "en")
    qtmodeltester.check(model)
    jableh = model.index_of(JABLEH)
    assert jableh.data() == "Jableh"
    assert jableh.siblingAtColumn(1).data() == "Community"
    assert [jableh.parent().data(), jableh.parent().parent().data()] == ["Jablah", "Jablah"]
    assert model.index(0, NAME).data() == "Syria"


def test_search_in_arabic_finds_jableh(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    picker = PlacePickerDialog(app.main_window.context, None, app.main_window)
    picker.show()
    assert picker.focusWidget() is picker.search
    assert not picker.ok_button.isEnabled()  # nothing chosen yet
    type_into(picker.search, "جبله")  # taa marbuta typed as haa
    assert picker.pages.currentWidget() is picker.results
    assert JABLEH in picker.result_ids()
    texts = [picker.results.item(i).text() for i in range(picker.results.count())]
    assert f"{JABLEH_PATH} (Community)" in texts
    row = picker.result_ids().index(JABLEH)
    picker.results.setCurrentRow(row)
    assert picker.selected_place() == JABLEH
    details = picker.details.text()
    assert "جبلة" in details and "Community" in details
    # Keyboard: Down goes to the results; Enter chooses.
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    assert picker.focusWidget() is picker.results
    with qtbot.waitSignal(picker.accepted):
        qtbot.keyClick(picker.results, Qt.Key.Key_Return)
    assert picker.selected_place() == JABLEH


def test_adding_a_site_under_a_community_chooses_it(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    editor = app.main_window.workspace.open_incident(None)
    qtbot.keyClicks(editor.title, "Shelling of the school")
    picker = editor.place.open_picker()
    dialog = add_site(qtbot, picker, "Al-Nour school", "مدرسة النور", "35.3612")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.busy  # added off the GUI thread
    qtbot.waitUntil(lambda: not is_shown(dialog))
    new_id = picker.selected_place()
    assert new_id is not None and new_id != JABLEH
    assert picker.tree.currentIndex().data() == "Al-Nour school"
    place = PlaceService(app.session).gazetteer().get(new_id)
    assert place is not None
    assert (place.name_ar, place.level, place.parent, place.latitude) == (
        "مدرسة النور", PlaceLevel.SITE, JABLEH, 35.3612)
    with qtbot.waitSignal(editor.place.changed):
        qtbot.mouseClick(picker.ok_button, Qt.MouseButton.LeftButton)
    assert editor.place.value() == new_id
    assert editor.place.line.text() == f"Al-Nour school › {JABLEH_PATH}"
    assert editor.save()
    assert RecordService(app.session).get(editor.record_id).content["place"] == new_id
    # The new place is known to the rest of the window (the list's place column).
    assert app.main_window.context.places.label(new_id) == "Al-Nour school"
    # Undo takes the place away again; clearing empties it.
    editor.action_undo.trigger()
    assert editor.place.value() is None and editor.place.line.text() == ""
    editor.action_redo.trigger()
    assert editor.place.value() == new_id
    qtbot.mouseClick(editor.place.clear_button, Qt.MouseButton.LeftButton)
    assert editor.place.value() is None and editor.dirty


def test_an_invalid_place_shows_the_error_and_adds_nothing(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    before = len(PlaceService(app.session).gazetteer())
    picker = PlacePickerDialog(app.main_window.context, JABLEH, app.main_window)
    picker.show()
    assert picker.selected_place() == JABLEH  # opened on the current place
    dialog = add_site(qtbot, picker, "")
    dialog.latitude.setText("north")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.rows["latitude"].error.text() == "Not a number, e.g. 35.3612."
    assert not dialog.busy  # nothing sent
    dialog.latitude.setText("٣٥٫٣٦")  # Arabic-Indic digits and separator are fine
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    name_error = dialog.rows["name"].error
    qtbot.waitUntil(name_error.isVisible)
    assert name_error.text() == "This cannot be empty."
    assert not dialog.rows["latitude"].error.isVisible()
    assert is_shown(dialog) and dialog.save_button.isEnabled()
    assert len(PlaceService(app.session).gazetteer()) == before
    dialog.latitude.setText("95")
    type_into(dialog.name, "Hill")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    latitude_error = dialog.rows["latitude"].error
    qtbot.waitUntil(latitude_error.isVisible)
    assert latitude_error.text() == "This number is out of range."
    assert len(PlaceService(app.session).gazetteer()) == before
    dialog.reject()
    assert picker.selected_place() == JABLEH


def test_act_dialog_place_and_text_places(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app: App = start_unlocked(qtbot, make_app, existing_vault)
    records = RecordService(app.session)
    incident = records.create(RecordKind.INCIDENT, {"title": "Raid", "place": "Village 3"})
    victim = records.create(RecordKind.PERSON, {"name": "Sami"})
    records.create(RecordKind.INVOLVEMENT,
                   {"incident": incident.id, "person": victim.id, "role": "victim"})
    editor = app.main_window.workspace.open_incident(incident.id)
    # A place written as text before the gazetteer: still shown, as text.
    assert editor.place.value() == "Village 3"
    assert editor.place.line.text() == "Village 3" and editor.place.line.font().italic()
    dialog = editor.acts.add()
    dialog.act_type.set_value("act.injury")
    picker = dialog.place.open_picker()
    picker.select_place(JABLEH)
    with qtbot.waitSignal(dialog.place.changed):
        qtbot.keyClick(picker.tree, Qt.Key.Key_Return)
    assert dialog.place.line.text() == JABLEH_PATH
    assert dialog.save()
    assert records.get(dialog.record_id).content["place"] == JABLEH
