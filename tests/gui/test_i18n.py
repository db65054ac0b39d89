from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from casebook.domain.errors import WrongPassphraseError
from casebook.gui.controller import State
from casebook.gui.errors import describe_error
from casebook.gui.labels import feedback_text, role_label
from casebook.services.vault_service import unlock_vault
from tests.conftest import PASSPHRASE
from tests.gui.conftest import (
    AppFactory,
    import_incidents,
    is_shown,
    start_unlocked,
    type_text,
    unlock,
)

ARABIC_NAME = "ليلى حداد"
ARABIC_PASSPHRASE = "زيتون نافذة سبعة عشر فانوس قمر"


def menu_titles(window) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_arabic_first_run_is_right_to_left_and_translated(
    qtbot: QtBot, make_app: AppFactory
) -> None:
    app = make_app()
    app.settings.language = "ar"
    app.start()
    assert QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    window = app.first_run_window
    assert window.windowTitle() == "Casebook: البدء"
    assert window.isRightToLeft()
    assert window.create_choice.title_label.text() == "إنشاء خزنة جديدة"
    # Qt's own catalogue is installed too (standard dialog buttons).
    cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    assert cancel != "Cancel" and cancel.strip()


def test_arabic_unlock_dialog_and_main_window(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = make_app()
    app.settings.language = "ar"
    app.settings.last_vault_folder = existing_vault
    app.start()
    dialog = app.unlock_dialog
    assert dialog.windowTitle() == "فتح Casebook"
    assert dialog.isRightToLeft()
    unlock(qtbot, app, "wrong one")
    assert dialog.error.text() == describe_error(WrongPassphraseError("x")).summary
    assert dialog.error.text().startswith("عبارة المرور هذه لا تفتح الخزنة")

    unlock(qtbot, app, PASSPHRASE)
    main = app.main_window
    assert main.isRightToLeft()
    # The Packages menu as the catalogue has it (its Arabic comes with the next
    # translator pass).
    packages = QCoreApplication.translate("MainWindow", "&Packages")
    assert menu_titles(main) == ["&ملف", "ال&خزنة", packages, "الإ&عدادات", "م&ساعدة"]
    assert main.action_lock.text() == "&قفل"
    assert "موثِّق" in main.user_label.text()
    assert role_label("documenter") == "موثِّق"


def test_arabic_user_name_and_passphrase_typed_by_input_method(
    qtbot: QtBot, make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app()
    app.settings.language = "ar"
    app.start()
    window = app.first_run_window
    qtbot.mouseClick(window.create_choice, Qt.MouseButton.LeftButton)
    folder = tmp_path / "arabic-vault"
    window.create_folder.setText(str(folder))
    type_text(qtbot, window.user_name, ARABIC_NAME)
    type_text(qtbot, window.passphrase.passphrase, ARABIC_PASSPHRASE)
    type_text(qtbot, window.passphrase.repeat, ARABIC_PASSPHRASE)
    assert window.user_name.text() == ARABIC_NAME
    assert window.passphrase.value() == ARABIC_PASSPHRASE
    assert not window.passphrase.is_weak()
    qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.state is State.UNLOCKED)

    assert ARABIC_NAME in app.main_window.user_label.text()
    session = app.session
    app.lock()
    qtbot.waitUntil(lambda: session.is_locked)
    unlock_vault(folder, ARABIC_PASSPHRASE).lock()


def test_language_change_applies_at_once(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    old = app.main_window
    assert menu_titles(old)[0] == "&File"
    dialog = old.show_preferences()
    dialog.language.setCurrentIndex(dialog.language.findData("ar"))
    dialog.save()
    qtbot.waitUntil(lambda: app.main_window is not old and is_shown(app.main_window))
    assert app.settings.language == "ar"
    assert QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert menu_titles(app.main_window)[0] == "&ملف"
    assert app.state is State.UNLOCKED
    assert not is_shown(old)
    # Core events still reach the new window, and nothing calls into the old one.
    info = app.main_window.show_vault_info()
    qtbot.waitUntil(lambda: info.users.rowCount() == 1)
    with qtbot.waitSignal(app.main_window.statusBar().messageChanged, timeout=5000):
        app.main_window.show_add_user()
        dialog = app.main_window.dialog("add_user")
        type_text(qtbot, dialog.name, "Second")
        type_text(qtbot, dialog.passphrase.passphrase, ARABIC_PASSPHRASE)
        type_text(qtbot, dialog.passphrase.repeat, ARABIC_PASSPHRASE)
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: info.users.rowCount() == 2)


def test_shutdown_restores_left_to_right(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app()
    app.settings.language = "ar"
    app.start()
    app.shutdown()
    assert QGuiApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert QCoreApplication.translate("Labels", "Documenter") == "Documenter"


def test_passphrase_feedback_is_translated(qtbot: QtBot, make_app: AppFactory) -> None:
    app = make_app()
    app.settings.language = "ar"
    app.start()
    assert feedback_text("This is a very common password.") == "هذه كلمة مرور شائعة جدًا."
    window = app.first_run_window
    type_text(qtbot, window.passphrase.passphrase, "password")
    hint = window.passphrase.meter.hint_text
    assert hint.startswith("ضعيفة")
    assert "password" not in hint


def test_arabic_workspace_is_right_to_left_and_translated(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path, settings
) -> None:
    from PySide6.QtCore import QLocale

    from casebook.gui.incident_list_model import Column
    from casebook.gui.labels import code_label
    from casebook.services.records import RecordService

    settings.language = "ar"
    app = start_unlocked(qtbot, make_app, existing_vault)
    main = app.main_window
    workspace = main.workspace
    assert workspace.isRightToLeft() and workspace.list_page.view.isRightToLeft()
    model = workspace.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers == ["العنوان", "التاريخ", "المكان", "الحالة", "آخر تعديل"]
    assert workspace.tabs.tabText(0) == "الحوادث"
    assert workspace.list_page.count.text() == f"عدد الحوادث: {QLocale().toString(0)}"
    assert workspace.filter_bar.status.itemText(0) == "أي حالة"

    records = RecordService(app.session)
    # Imported: an edit cannot set a status (it moves only through review).
    [stored_id] = import_incidents(app.session, [{"title": "قصف السوق", "status": "approved"}])
    model.refresh()
    assert model.data(model.index(0, Column.STATUS)) == "معتمدة"
    editor = workspace.open_incident(stored_id)
    assert editor.status_value.text() == "معتمدة"
    assert editor.isRightToLeft()
    assert [editor.pages.tabText(i) for i in range(editor.pages.count())] == [
        "التفاصيل", "الأشخاص (0)", "الأفعال (0)", "الإفادات (0)", "الأدلة (0)"]
    assert editor.action_save.text() == "حفظ"
    type_text(qtbot, editor.title, " الشعبي")
    assert editor.title.text() == "قصف السوق الشعبي"
    assert editor.save()
    edited = records.get(stored_id)
    assert edited.content["title"] == "قصف السوق الشعبي"
    # Editing an approved incident sends it back to draft.
    assert edited.content["status"] == "draft"
    assert editor.status_value.text() == code_label("status", "draft")


def test_language_change_keeps_open_editors_and_their_changes(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    from casebook.domain.records import RecordKind
    from casebook.services.records import RecordService

    app = start_unlocked(qtbot, make_app, existing_vault)
    stored = RecordService(app.session).create(RecordKind.INCIDENT, {"title": "Raid"})
    old = app.main_window
    changed = old.workspace.open_incident(stored.id)
    type_text(qtbot, changed.title, " at dawn")
    clean = old.workspace.open_person(
        RecordService(app.session).create(RecordKind.PERSON, {"name": "Huda"}).id)
    dialog = old.show_preferences()
    dialog.language.setCurrentIndex(dialog.language.findData("ar"))
    dialog.save()
    qtbot.waitUntil(lambda: app.main_window is not old and is_shown(app.main_window))
    editors = app.main_window.workspace.editors()
    assert [e.record_id for e in editors] == [stored.id, clean.record_id]
    assert editors[0].title.text() == "Raid at dawn" and editors[0].dirty
    assert not editors[1].dirty
    assert editors[0].action_save.text() == "حفظ"


def test_core_notices_are_translated(qapp: QCoreApplication) -> None:
    """A warning from the core (the backup key file was used) reaches an Arabic user
    in Arabic, with its paths kept."""
    from casebook.domain.notices import KEY_FILE_BACKUP_USED, Notice
    from casebook.gui.i18n import Translations
    from casebook.gui.notices import describe_notice

    notice = Notice("English text", KEY_FILE_BACKUP_USED, key_file="/v/vault.key",
                    backup="/v/vault.key.bak", missing=False)
    translations = Translations(qapp)
    translations.apply("ar")
    try:
        text = describe_notice(notice)
    finally:
        translations.clear()
    assert "تالف" in text
    assert "/v/vault.key.bak" in text
    assert describe_notice("plain text without a code") == "plain text without a code"
