"""The person editor: Arabic names typed by an input method, name parts and
spellings, age or group counts, contact details hidden until an audited reveal,
consents."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlmodel import Session, select

from casebook.domain.records import RecordKind
from casebook.gui.consent import ConsentDialog
from casebook.gui.person_editor import PersonEditor
from casebook.services.records import RecordService
from casebook.storage.models import AuditEntry
from tests.gui.conftest import AppFactory, start_unlocked, type_into

CONTACT = "+963 900 000 017 (Signal)"


def audit(app) -> list[AuditEntry]:
    with Session(app.session.vault.engine) as db:
        return list(db.exec(select(AuditEntry).order_by(AuditEntry.seq)).all())


def test_new_person_with_arabic_name_parts(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    editor = app.main_window.workspace.open_person(None)
    assert isinstance(editor, PersonEditor)
    assert editor.contact_revealed  # a new person has nothing hidden yet
    type_into(editor.parts["given"], "مُحَمَّد")
    type_into(editor.parts["father"], "إبراهيم")
    type_into(editor.parts["family"], "الحلبي")
    type_into(editor.parts["laqab"], "أبو أحمد")
    type_into(editor.alt_names.entry, "Muhammad Ibrahim al-Halabi")
    qtbot.mouseClick(editor.alt_names.add_button, Qt.MouseButton.LeftButton)
    editor.sex.setCurrentIndex(editor.sex.findData("male"))
    editor.age.setValue(34)
    editor.age_estimate.setChecked(True)
    type_into(editor.occupation, "معلّم")
    type_into(editor.contact, CONTACT)
    assert editor.display_title() == "مُحَمَّد إبراهيم الحلبي"
    assert editor.save()
    content = RecordService(app.session).get(editor.record_id).content
    assert content["name_parts"] == {"given": "مُحَمَّد", "father": "إبراهيم",
                                     "grandfather": "", "family": "الحلبي",
                                     "laqab": "أبو أحمد"}
    assert content["alt_names"] == ["Muhammad Ibrahim al-Halabi"]
    assert (content["sex"], content["age"], content["age_is_estimate"]) == ("male", 34, True)
    assert content["contact"] == CONTACT
    tabs = app.main_window.workspace.tabs
    assert tabs.tabText(tabs.indexOf(editor)) == "مُحَمَّد إبراهيم الحلبي"


def test_group_needs_a_size(qtbot: QtBot, make_app: AppFactory, existing_vault: Path) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    editor = app.main_window.workspace.open_person(None)
    type_into(editor.name, "رجال آل حمدان")
    assert not editor.group_size.isEnabled()
    editor.counting.setCurrentIndex(editor.counting.findData("group"))
    assert editor.group_size.isEnabled()
    assert not editor.save()
    error = editor.field_rows["group_size"].error
    assert error.isVisible() and error.text().startswith("Give the size of the group")
    editor.group_size.setValue(14)
    editor.group_estimate.setChecked(True)
    assert editor.save()
    content = RecordService(app.session).get(editor.record_id).content
    assert (content["counting_unit"], content["group_size"], content["group_size_estimate"]) \
        == ("group", 14, True)


def test_contact_is_hidden_until_revealed_and_the_reveal_is_audited(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    records = RecordService(app.session)
    stored = records.create(RecordKind.PERSON, {"name": "Huda Ali", "contact": CONTACT})
    editor = app.main_window.workspace.open_person(stored.id)
    assert not editor.contact_revealed
    assert editor.contact_stack.currentIndex() == 0
    assert editor.contact.toPlainText() == ""  # not even in the hidden widget
    assert not [e for e in audit(app) if e.action == "view-sensitive"]

    # Saving other changes keeps the contact as it is.
    qtbot.keyClicks(editor.occupation, "nurse")
    assert editor.save()
    assert records.get(stored.id).content["contact"] == CONTACT

    qtbot.mouseClick(editor.reveal_button, Qt.MouseButton.LeftButton)
    assert editor.contact_revealed and editor.contact_stack.currentIndex() == 1
    assert editor.contact.toPlainText() == CONTACT
    assert not editor.dirty  # revealing is not an edit
    [entry] = [e for e in audit(app) if e.action == "view-sensitive"]
    assert (entry.object_type, entry.object_id) == ("person", stored.id)
    assert json.loads(entry.details) == {"field": "contact"}

    # Editing is allowed after revealing.
    editor.contact.setPlainText("+963 900 000 018")
    assert editor.save()
    assert records.get(stored.id).content["contact"] == "+963 900 000 018"

    # The history masks contact values.
    history = editor.show_history()
    rows = {history.changes_table.item(r, 0).text():
            (history.changes_table.item(r, 1).text(), history.changes_table.item(r, 2).text())
            for r in range(history.changes_table.rowCount())}
    assert rows["Contact"] == ("••••••", "••••••")
    assert all(CONTACT not in text for pair in rows.values() for text in pair)


def test_consents_of_a_person(qtbot: QtBot, make_app: AppFactory, existing_vault: Path) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    editor = app.main_window.workspace.open_person(None)
    type_into(editor.name, "Maysaa Othman")
    dialog = editor.consents.add()  # saves the new person first
    assert isinstance(dialog, ConsentDialog) and editor.record_id is not None
    dialog.scope.setCurrentIndex(dialog.scope.findData("identity-disclosure"))
    dialog.given_at.setText("2025-03-14")
    qtbot.keyClicks(dialog.method, "oral, recorded")
    dialog.expires.setText("2026")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.method, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    # A button's shortcut clicks it the way a mouse would, a moment later.
    qtbot.waitUntil(lambda: editor.consents.table.rowCount() == 1)
    assert editor.consents.table.item(0, 0).text() == "Disclosure of identity"
    editor.consents.table.selectRow(0)
    dialog = editor.consents.edit_selected()
    dialog.withdrawn_at.setText("2025-04-02")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    consent = RecordService(app.session).get(editor.consents.records[0].id)
    assert consent.version == 2
    assert consent.content["withdrawn_at"] == "2025-04-02"
    assert consent.content["person"] == editor.record_id
    dialog = editor.consents.edit_selected()
    dialog.given_at.setText("14 March")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.field_rows["given_at"].error.isVisible()
    assert dialog.isVisible()
