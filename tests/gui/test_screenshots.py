"""Renders the main windows in English and Arabic. With CASEBOOK_SCREENSHOT_DIR set
(``make screenshots``), the PNGs are saved there for a person to look at."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from casebook.gui.controller import State
from tests.conftest import PASSPHRASE
from tests.gui.conftest import AppFactory, type_text, unlock


def save(qtbot: QtBot, widget: QWidget, name: str) -> None:
    qtbot.waitExposed(widget)
    # Let pending layout requests run, as the event loop would before painting.
    QCoreApplication.processEvents()
    pixmap = widget.grab()
    assert not pixmap.isNull()
    assert pixmap.width() > 100 and pixmap.height() > 100
    folder = os.environ.get("CASEBOOK_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        assert pixmap.save(str(Path(folder) / f"{name}.png"))


@pytest.mark.parametrize("language", ["en", "ar"])
def test_screenshots(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path, tmp_path: Path, language: str
) -> None:
    app = make_app()
    app.settings.language = language
    app.start()
    window = app.first_run_window
    save(qtbot, window, f"{language}-first-run")

    qtbot.mouseClick(window.create_choice, Qt.MouseButton.LeftButton)
    window.create_folder.setText(str(tmp_path / "vault"))
    type_text(qtbot, window.user_name, "ليلى حداد" if language == "ar" else "Layla Haddad")
    type_text(qtbot, window.passphrase.passphrase, "password1")
    type_text(qtbot, window.passphrase.repeat, "password1")
    save(qtbot, window, f"{language}-first-run-create")

    window.open_folder.setText(str(existing_vault))
    window.open_existing()
    assert app.state is State.LOCKED
    dialog = app.unlock_dialog
    save(qtbot, dialog, f"{language}-unlock")
    unlock(qtbot, app, "not it")
    save(qtbot, dialog, f"{language}-unlock-wrong-passphrase")

    unlock(qtbot, app, PASSPHRASE)
    main = app.main_window
    save(qtbot, main, f"{language}-main-window")
    info = main.show_vault_info()
    qtbot.waitUntil(lambda: info.users.rowCount() == 1)
    save(qtbot, info, f"{language}-vault-info")
    add = main.show_add_user()
    type_text(qtbot, add.name, "Omar")
    save(qtbot, add, f"{language}-add-user")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_workspace_screenshots(
    qtbot: QtBot, make_app: AppFactory, tmp_path: Path, language: str
) -> None:
    app = make_app()
    app.settings.language = language
    app.start()
    window = app.first_run_window
    save(qtbot, window, f"{language}-first-run-choices")
    window.show_demo_page()
    window.demo_page.folder.setText(str(tmp_path / "demo"))
    save(qtbot, window, f"{language}-first-run-demo")
    qtbot.mouseClick(window.demo_page.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.state is State.UNLOCKED, timeout=20_000)
    app.demo_box.close()
    main = app.main_window
    main.resize(1100, 700)
    workspace = main.workspace
    assert workspace.isRightToLeft() == (language == "ar")
    save(qtbot, main, f"{language}-workspace")

    model = workspace.model
    row = next(r for r in range(model.rowCount())
               if model.data(model.index(r, 0)).startswith("إعدام ميداني"))
    editor = workspace.open_incident(model.id_at(row))
    save(qtbot, main, f"{language}-incident-editor")
    for index, name in enumerate(("people", "acts", "statements"), start=1):
        editor.pages.setCurrentIndex(index)
        save(qtbot, main, f"{language}-incident-{name}")
    editor.pages.setCurrentWidget(editor.evidence)
    image = QImage(640, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("steelblue"))
    image.save(str(tmp_path / "square-photo.png"))
    editor.evidence.attach_files([tmp_path / "square-photo.png"])
    qtbot.waitUntil(lambda: len(editor.evidence.attachments) == 1)
    editor.evidence.table.setCurrentCell(0, 0)
    editor.evidence.preview_selected()
    qtbot.waitUntil(lambda: editor.evidence.preview_image is not None)
    save(qtbot, main, f"{language}-incident-evidence")
    editor.statements.table.setCurrentCell(0, 0)
    statement = editor.statements.edit_selected()
    save(qtbot, statement, f"{language}-statement-dialog")
    statement.reject()
    editor.acts.table.setCurrentCell(0, 0)
    act = editor.acts.edit_selected()
    save(qtbot, act, f"{language}-act-dialog")
    act.reject()

    person_id = next(link.person for link in editor.people.value() if link.role == "victim"
                     and link.name.startswith("نزار"))
    person = workspace.open_person(person_id)
    save(qtbot, main, f"{language}-person-editor")
    person.pages.setCurrentIndex(1)
    save(qtbot, main, f"{language}-person-consent")
    person.pages.setCurrentIndex(0)
    qtbot.keyClicks(person.occupation, "x")
    person.save()
    history = person.show_history()
    save(qtbot, history, f"{language}-history")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_taxonomy_screenshots(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path, tmp_path: Path, language: str
) -> None:
    from tests.gui.conftest import dismiss_warnings
    from tests.gui.taxonomy_helpers import (
        DEPRECATED,
        RELABELLED,
        loaded,
        tag_incidents,
        version_two,
        write_taxonomy,
    )

    app = make_app()
    app.settings.language = language
    app.settings.last_vault_folder = existing_vault
    app.start()
    unlock(qtbot, app, PASSPHRASE)
    dismiss_warnings(app)
    tag_incidents(app)
    main = app.main_window
    main.resize(1100, 700)
    page = loaded(qtbot, main.show_taxonomy())
    page.select_code(RELABELLED)
    page.tree.expand(page.tree.currentIndex())
    qtbot.waitUntil(lambda: page.details.records.text() != "…")
    save(qtbot, main, f"{language}-taxonomy")
    page.search.setText("قتل" if language == "ar" else "kill")
    save(qtbot, main, f"{language}-taxonomy-search")
    page.search.clear()

    dialog = page.open_update(write_taxonomy(tmp_path / "casebook-default-v2.json",
                                             version_two()))
    qtbot.waitUntil(lambda: dialog.check is not None)
    save(qtbot, dialog, f"{language}-taxonomy-update")
    with qtbot.waitSignal(dialog.applied, timeout=20_000):
        dialog.apply()
    loaded(qtbot, page)
    page.show_removed.setChecked(True)
    page.select_code(DEPRECATED)
    qtbot.waitUntil(lambda: page.details.records.text() != "…")
    save(qtbot, main, f"{language}-taxonomy-after-update")

    other = page.open_update(write_taxonomy(tmp_path / "other.json", dataclasses.replace(
        version_two(), id="another-network")))
    qtbot.waitUntil(other.error.isVisible)
    save(qtbot, other, f"{language}-taxonomy-update-refused")
    other.reject()

    csv = page.open_csv_import(tmp_path / "checkpoints.csv")
    csv.name_en.setText("Checkpoints")
    type_text(qtbot, csv.name_ar, "الحواجز")
    save(qtbot, csv, f"{language}-taxonomy-csv")
