"""The incident editor, driven through the GUI only: people, statements, files,
search, history, lock; validation and stale versions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from casebook.domain.records import RecordKind
from casebook.gui.controller import App, State
from casebook.gui.incident_editor import IncidentEditor
from casebook.gui.people_panel import AddPersonDialog
from casebook.gui.statements import StatementDialog
from casebook.services.queries import Queries
from casebook.services.records import RecordService
from tests.gui.conftest import AppFactory, is_shown, make_png, start_unlocked, type_into

ARABIC_VICTIM = "مُحَمَّد إبْرَاهِيم الحَلَبِي"
ARABIC_TYPED = "محمد الحلبي"  # the same name without diacritics


def add_new_person(qtbot: QtBot, editor: IncidentEditor, name: str, role: str) -> None:
    dialog = editor.add_person()
    assert isinstance(dialog, AddPersonDialog)
    dialog.role.setCurrentIndex(dialog.role.findData(role))
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    person_dialog = editor.new_person_dialog
    assert person_dialog is not None and person_dialog.isVisible()
    type_into(person_dialog.editor.name, name)
    assert person_dialog.editor.name.text() == name
    before = len(editor.people.value())
    person_dialog.editor.action_save.trigger()
    assert len(editor.people.value()) == before + 1
    assert not is_shown(person_dialog)


def open_new_incident(qtbot: QtBot, app: App) -> IncidentEditor:
    main = app.main_window
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    qtbot.keyClick(main.workspace.list_page.view, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier)
    editor = main.workspace.current_editor()
    assert isinstance(editor, IncidentEditor) and editor.record_id is None
    return editor


def drop_files(widget, paths: list[Path]) -> None:
    """Drag files over ``widget`` and drop them, through Qt's event dispatch (which
    hands drag events to the nearest parent that accepts drops)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QCoreApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QCoreApplication.sendEvent(widget, drop)
    assert drop.isAccepted()


def test_acceptance_path(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path, tmp_path: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    session = app.session
    main = app.main_window
    editor = open_new_incident(qtbot, app)
    qtbot.keyClicks(editor.title, "Raid on the Halabi house")
    type_into(editor.narrative, "دخل مسلحون المنزل فجراً واقتادوا رجلين.")
    editor.date_start.setText("2025-03-07")
    editor.precision.setCurrentIndex(editor.precision.findData("day"))

    add_new_person(qtbot, editor, ARABIC_VICTIM, "victim")
    add_new_person(qtbot, editor, "Layla Haddad", "victim")
    add_new_person(qtbot, editor, "Omar Nasser", "witness")
    assert [link.role for link in editor.people.value()] == ["victim", "victim", "witness"]
    assert editor.people.value()[0].name == ARABIC_VICTIM

    # A statement needs the incident's id: the incident is saved first.
    dialog = editor.statements.add()
    assert isinstance(dialog, StatementDialog)
    assert editor.record_id is not None and not editor.dirty
    witness = editor.people.value()[2].person
    dialog.source.setCurrentIndex(dialog.source.findData(witness))
    dialog.connection.setCurrentIndex(dialog.connection.findData("direct"))
    type_into(dialog.text, "رأيت المسلحين يقتادون الرجلين إلى سيارة بيضاء.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not is_shown(dialog)
    assert len(editor.statements.records) == 1

    editor.pages.setCurrentWidget(editor.evidence)
    photo = make_png(tmp_path / "house.png")
    assert editor.evidence.attach_files([photo])
    assert editor.evidence.progress.isVisible()
    qtbot.waitUntil(lambda: len(editor.evidence.attachments) == 1)
    dropped = make_png(tmp_path / "door.png", "navy")
    drop_files(editor.evidence.table.viewport(), [dropped])  # onto the list
    qtbot.waitUntil(lambda: len(editor.evidence.attachments) == 2)
    assert not editor.evidence.busy
    names = {a.file_name for a in editor.evidence.attachments}
    assert names == {"house.png", "door.png"}
    assert editor.evidence.table.rowCount() == 2
    assert editor.pages.tabText(4) == "Evidence (2)"

    main.activateWindow()
    qtbot.keyClick(editor.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not editor.dirty
    incident_id = editor.record_id
    queries = Queries(session)
    assert len(queries.involvements(incident=incident_id)) == 3
    kinds = sorted(kind for _id, kind in queries.linked_to_incident(incident_id))
    assert kinds == ["evidence", "evidence", "involvement", "involvement", "involvement",
                     "statement"]

    # Found by the victim's name typed without diacritics (among others).
    RecordService(session).create(RecordKind.INCIDENT, {"title": "Shelling of the market"})
    main.workspace.model.refresh()
    assert main.workspace.model.total == 2
    main.workspace.focus_search()
    search = main.workspace.filter_bar.search
    type_into(search, ARABIC_TYPED)
    bar = main.workspace.filter_bar
    assert bar.pending
    qtbot.waitUntil(lambda: not bar.pending)
    model = main.workspace.model
    assert model.filter.search == ARABIC_TYPED
    assert model.total == 1
    assert model.id_at(0) == incident_id
    assert main.workspace.list_page.count.text() == "1 incident"

    # Edit, save: two versions, and the diff. Then submit for review: a third.
    main.workspace.tabs.setCurrentWidget(editor)
    editor.title.selectAll()
    qtbot.keyClicks(editor.title, "Night raid on the Halabi house")
    assert editor.dirty
    assert main.workspace.tabs.tabText(main.workspace.tabs.indexOf(editor)).endswith("•")
    assert editor.save()
    editor.pages.setCurrentIndex(0)  # the details, with the status and review buttons
    assert editor.status_value.text() == "Draft"
    assert editor.submit_button.isVisible()
    assert not editor.approve_button.isVisible()  # a documenter
    assert not editor.request_changes_button.isVisible()
    qtbot.mouseClick(editor.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.reviewing)
    assert editor.status_value.text() == "Submitted"
    assert editor.version == 3 and not editor.dirty
    assert not editor.submit_button.isVisible()
    history = editor.show_history()
    assert history is not None
    assert [v.version for v in history.versions] == [3, 2, 1]
    assert history.versions_table.rowCount() == 3
    assert history.versions_table.item(0, 2).text() == "Test Documenter"
    assert [history.versions_table.item(r, 3).text() for r in range(3)] == [
        "Submitted for review", "Edited", "Created"]
    changes = {(c.field, c.before, c.after) for c in history.changes}
    assert changes == {("status", "draft", "submitted")}
    rows = {history.changes_table.item(r, 0).text(): history.changes_table.item(r, 2).text()
            for r in range(history.changes_table.rowCount())}
    assert rows["Status"] == "Submitted"
    history.versions_table.selectRow(1)
    changes = {(c.field, c.before, c.after) for c in history.changes}
    assert ("title", "Raid on the Halabi house", "Night raid on the Halabi house") in changes
    rows = {history.changes_table.item(r, 0).text(): history.changes_table.item(r, 2).text()
            for r in range(history.changes_table.rowCount())}
    assert rows["Title"] == "Night raid on the Halabi house"

    # Ctrl+L: everything hidden, nothing left to save, the session locked.
    main.activateWindow()
    qtbot.keyClick(history.versions_table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: session.is_locked)
    assert app.state is State.LOCKED
    for widget in (main, editor, history):
        assert not is_shown(widget)
    assert app.main_window is None
    assert is_shown(app.unlock_dialog)


def test_validation_errors_show_next_to_the_field(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    editor = open_new_incident(qtbot, app)
    assert not editor.save()
    title_error = editor.field_rows["title"].error
    assert title_error.isVisible() and title_error.text() == "This cannot be empty."
    qtbot.keyClicks(editor.title, "Shelling")
    editor.date_start.setText("2025-13")
    assert not editor.save()
    assert not title_error.isVisible()
    date_error = editor.field_rows["date_start"].error
    assert date_error.isVisible() and date_error.text().startswith("Not a date")
    editor.date_start.setText("2025-03-09")
    editor.date_end.setText("2025-03-01")
    assert not editor.save()
    assert date_error.text() == "The end date is before the start date."
    editor.date_end.setText("")
    assert editor.save()
    assert not date_error.isVisible()


def test_stale_version_is_explained(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    records = RecordService(app.session)
    stored = records.create(RecordKind.INCIDENT, {"title": "Checkpoint arrests"})
    editor = app.main_window.workspace.open_incident(stored.id)
    records.update(stored.id, {"title": "Checkpoint arrests (edited elsewhere)"},
                   expected_version=1)
    qtbot.keyClicks(editor.title, " at dawn")
    assert not editor.save()
    assert editor.banner.isVisible() and editor.banner.kind == "stale"
    assert "nothing was overwritten" in editor.banner.text()
    assert records.get(stored.id).content["title"] == "Checkpoint arrests (edited elsewhere)"
    assert editor.dirty


def test_links_are_kept_updated_and_removed(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    records = RecordService(app.session)
    queries = Queries(app.session)
    incident = records.create(RecordKind.INCIDENT, {"title": "Detention"})
    people = [records.create(RecordKind.PERSON, {"name": name}).id
              for name in ("Sami Khatib", "Huda Ali")]
    for person in people:
        records.create(RecordKind.INVOLVEMENT,
                       {"incident": incident.id, "person": person, "role": "victim"})
    editor = app.main_window.workspace.open_incident(incident.id)
    assert [link.name for link in editor.people.value()] == ["Huda Ali", "Sami Khatib"]

    # Pick an existing person through the search (typed as you type).
    third = records.create(RecordKind.PERSON, {"name": "Rami Saleh"}).id
    dialog = editor.add_person()
    dialog.role.setCurrentIndex(dialog.role.findData("source"))
    qtbot.keyClicks(dialog.search, "Ram")
    qtbot.waitUntil(lambda: dialog.results.count() == 1)
    dialog.results.setCurrentRow(0)
    qtbot.mouseClick(dialog.link_button, Qt.MouseButton.LeftButton)
    # Change a role in the table, remove a link.
    combo = editor.people.table.cellWidget(0, 1)
    combo.setCurrentIndex(combo.findData("witness"))
    editor.people.table.selectRow(1)
    qtbot.mouseClick(editor.people.remove_button, Qt.MouseButton.LeftButton)
    assert [(link.name, link.role) for link in editor.people.value()] == [
        ("Huda Ali", "witness"), ("Rami Saleh", "source")]
    assert editor.save()
    stored = {(row.person_id, row.role) for row in queries.involvements(incident=incident.id)}
    assert stored == {(people[1], "witness"), (third, "source")}
    assert editor.version == 1  # the incident's own fields did not change


def test_acts_take_victims_of_the_incident(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    records = RecordService(app.session)
    incident = records.create(RecordKind.INCIDENT, {"title": "Summary execution"})
    victim = records.create(RecordKind.PERSON, {"name": "Nizar Ismail"})
    officer = records.create(RecordKind.PERSON, {"name": "The checkpoint officer"})
    unit = records.create(RecordKind.UNIT, {"name": "Checkpoint unit"})
    for person, role in ((victim, "victim"), (officer, "alleged-perpetrator")):
        records.create(RecordKind.INVOLVEMENT,
                       {"incident": incident.id, "person": person.id, "role": role})
    editor = app.main_window.workspace.open_incident(incident.id)
    dialog = editor.acts.add()
    assert [dialog.victim.itemData(i) for i in range(dialog.victim.count())] == [victim.id]
    # The act type comes from the taxonomy: found by typing, picked with the keyboard.
    picker = dialog.act_type.open_picker()
    qtbot.keyClicks(picker.search, "summary")
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    with qtbot.waitSignal(picker.accepted):
        qtbot.keyClick(picker.tree, Qt.Key.Key_Return)
    assert dialog.act_type.value() == "act.summary-execution"
    assert dialog.act_type.line.text() == "Summary execution"
    dialog.date.setText("2025-03-07")
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("killed"))
    dialog.perpetrators.add_row({"unit": unit.id, "confidence": "high"})
    dialog.perpetrators.add_row({"person": officer.id, "involvement": "gave orders"})
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not is_shown(dialog)
    assert editor.acts.table.rowCount() == 1
    assert editor.acts.table.item(0, 0).text() == "Nizar Ismail"
    assert editor.acts.table.item(0, 1).text() == "Summary execution"
    assert editor.acts.table.item(0, 3).text() == "Killed"
    act = editor.acts.records[0].content
    assert [(p["person"], p["unit"], p["involvement"], p["confidence"])
            for p in act["perpetrators"]] == [
        (None, unit.id, "", "high"), (officer.id, None, "gave orders", "medium")]
    assert (act["victim"], act["act_type"], act["status_at_end"]) == (
        victim.id, "act.summary-execution", "killed")
    act_id = editor.acts.records[0].id
    # Remove it again (a tombstone version).
    editor.acts.table.selectRow(0)
    box = editor.acts.ask_remove()
    qtbot.mouseClick(box.findChild(QPushButton, "confirm_remove"), Qt.MouseButton.LeftButton)
    assert editor.acts.table.rowCount() == 0
    assert [v.tombstone for v in records.history(act_id)] == [False, True]
