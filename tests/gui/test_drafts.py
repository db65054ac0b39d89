"""Unsaved changes at lock become drafts in the vault (no question asked, the lock is
immediate), and the next unlock offers them back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from casebook.domain.records import RecordKind
from casebook.gui.controller import App, State
from casebook.gui.incident_editor import IncidentEditor
from casebook.gui.person_editor import PersonEditor
from casebook.gui.statements import StatementDialog
from casebook.services.drafts import DraftService
from casebook.services.records import RecordService
from casebook.services.vault_service import unlock_vault
from tests.conftest import PASSPHRASE
from tests.gui.conftest import (
    AppFactory,
    dismiss_warnings,
    is_shown,
    start_unlocked,
    type_into,
    unlock,
)


def lock_and_unlock(qtbot: QtBot, app: App) -> None:
    session = app.session
    app.lock()
    qtbot.waitUntil(lambda: session.is_locked)
    assert app.state is State.LOCKED
    unlock(qtbot, app)
    assert app.state is State.UNLOCKED
    dismiss_warnings(app)


def answer_drafts(qtbot: QtBot, app: App, button: str) -> None:
    box = app.drafts_box
    assert box is not None and box.isVisible()
    qtbot.mouseClick(box.findChild(QPushButton, button), Qt.MouseButton.LeftButton)


def test_lock_keeps_drafts_and_unlock_restores_them(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    records = RecordService(app.session)
    stored = records.create(RecordKind.INCIDENT, {"title": "Raid", "narrative": "Before."})
    workspace = app.main_window.workspace
    changed = workspace.open_incident(stored.id)
    changed.narrative.setPlainText("Before. Then the soldiers left.")
    changed.sensitivity.setCurrentIndex(changed.sensitivity.findData("sensitive"))
    statement = changed.statements.add()
    assert isinstance(statement, StatementDialog)
    type_into(statement.text, "شاهدتُ الجنود يغادرون.")
    new = workspace.open_incident(None)
    type_into(new.title, "اعتقال عند الحاجز")
    clean = workspace.open_person(records.create(RecordKind.PERSON, {"name": "Huda"}).id)
    main = app.main_window
    session = app.session

    main.activateWindow()
    qtbot.keyClick(new.title, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    # Everything is hidden at once; the drafts are written before the keys go.
    for widget in (main, changed, new, clean, statement):
        assert not is_shown(widget)
    qtbot.waitUntil(lambda: session.is_locked)

    reopened = unlock_vault(existing_vault, PASSPHRASE)
    try:
        drafts = DraftService(reopened).mine()
    finally:
        reopened.lock()
    assert sorted(d.kind.value for d in drafts) == ["incident", "incident", "statement"]
    assert {d.record_id for d in drafts if d.kind is RecordKind.INCIDENT} == {stored.id, None}

    unlock(qtbot, app)
    dismiss_warnings(app)
    box = app.drafts_box
    assert box is not None and box.isVisible()
    assert box.text().startswith("You have 3 unsaved drafts, the latest from ")
    answer_drafts(qtbot, app, "restore_drafts")

    workspace = app.main_window.workspace
    editors = {e.record_id: e for e in workspace.editors()}
    restored = editors[stored.id]
    assert isinstance(restored, IncidentEditor) and restored.dirty
    assert restored.narrative.toPlainText() == "Before. Then the soldiers left."
    assert restored.sensitivity.currentData() == "sensitive"
    assert restored.notice.isVisible()
    created = editors[None]
    assert isinstance(created, IncidentEditor) and created.title.text() == "اعتقال عند الحاجز"
    dialogs = [d for d in restored.findChildren(StatementDialog) if d.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].text.toPlainText() == "شاهدتُ الجنود يغادرون."
    assert DraftService(app.session).mine() == []
    # Undo takes a restored editor back to the saved record.
    restored.action_undo.trigger()
    assert not restored.dirty
    assert restored.narrative.toPlainText() == "Before."


def test_drafts_can_be_discarded(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    editor = app.main_window.workspace.open_incident(None)
    type_into(editor.title, "Half-written")
    lock_and_unlock(qtbot, app)
    assert app.drafts_box.text().startswith("You have 1 unsaved draft from ")
    answer_drafts(qtbot, app, "discard_drafts")
    assert app.main_window.workspace.editors() == []
    assert DraftService(app.session).mine() == []


def test_decide_later_keeps_the_drafts(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    editor = app.main_window.workspace.open_person(None)
    type_into(editor.name, "سامي")
    editor.contact.setPlainText("+963 900 000 001")
    lock_and_unlock(qtbot, app)
    answer_drafts(qtbot, app, "later_drafts")
    [draft] = DraftService(app.session).mine()
    assert draft.content["values"]["name"] == "سامي"
    lock_and_unlock(qtbot, app)  # asked again
    answer_drafts(qtbot, app, "restore_drafts")
    [person] = app.main_window.workspace.editors()
    assert isinstance(person, PersonEditor)
    assert person.contact.toPlainText() == "+963 900 000 001"


def test_hidden_contact_stays_out_of_drafts(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    stored = RecordService(app.session).create(
        RecordKind.PERSON, {"name": "Huda", "contact": "+963 900 000 002"})
    editor = app.main_window.workspace.open_person(stored.id)
    qtbot.keyClicks(editor.occupation, "teacher")
    lock_and_unlock(qtbot, app)
    [draft] = DraftService(app.session).mine()
    assert "contact" not in draft.content["values"]
    answer_drafts(qtbot, app, "restore_drafts")
    [person] = app.main_window.workspace.editors()
    assert person.occupation.text() == "teacher" and not person.contact_revealed
    assert person.save()
    assert RecordService(app.session).get(stored.id).content["contact"] == "+963 900 000 002"


def test_shutdown_without_a_question_keeps_drafts(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    editor = app.main_window.workspace.open_incident(None)
    type_into(editor.title, "Written when the laptop was shut")
    app.shutdown()  # a session logout or SIGTERM: nobody to ask
    reopened = unlock_vault(existing_vault, PASSPHRASE)
    try:
        [draft] = DraftService(reopened).mine()
    finally:
        reopened.lock()
    assert draft.content["values"]["title"] == "Written when the laptop was shut"


def test_discard_on_quit_keeps_no_draft(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    main = app.main_window
    editor = main.workspace.open_incident(None)
    type_into(editor.title, "Not wanted")
    main.action_quit.trigger()
    box = main.findChild(QPushButton, "answer_discard")
    with qtbot.waitSignal(app.finished):
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    reopened = unlock_vault(existing_vault, PASSPHRASE)
    try:
        assert DraftService(reopened).mine() == []
    finally:
        reopened.lock()


def test_a_failing_snapshot_does_not_stop_the_lock(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path, monkeypatch
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    main = app.main_window
    type_into(main.workspace.open_incident(None).title, "x")

    def broken() -> list:
        raise RuntimeError("bug")

    monkeypatch.setattr(main, "snapshots", broken)
    session = app.session
    app.lock()
    qtbot.waitUntil(lambda: session.is_locked)
    assert not is_shown(main) and app.state is State.LOCKED
