"""The dossier export wizard, driven the way a supervisor uses it on the demo vault:
incidents by tag, the Special Procedures profile, the readiness check (Next blocked
until unapproved incidents are confirmed, a double click opens the incident), the
preview, the export, and the written zip checked by ``verify_dossier``; in Arabic
and in English. Each page is grabbed; with CASEBOOK_SCREENSHOT_DIR set (``make
screenshots``) the PNGs are saved there for a person to look at. Also: the act
dialog's "Steps taken to locate the person"."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QWidget, QWizard
from pytestqt.qtbot import QtBot

from casebook.domain.records import RecordKind
from casebook.domain.users import Role
from casebook.export.manifest import verify_dossier
from casebook.gui import dossier_wizard
from casebook.gui.controller import App
from casebook.gui.dossier_wizard import DossierWizard, PageId
from casebook.gui.incident_editor import IncidentEditor
from casebook.services.demo import demo_data_file
from casebook.services.interchange import import_json
from casebook.services.records import RecordService
from casebook.services.vault_service import KdfPolicy, create_vault
from tests.gui.conftest import AppFactory, start_unlocked, type_into
from tests.gui.review_helpers import SUPERVISOR, SUPERVISOR_PASS, incident_with_act, start_as

LEFT = Qt.MouseButton.LeftButton
KILLING = "act.killing"
#: Demo incidents tagged act.killing, and those of them not approved.
KILLINGS = {"inc-01", "inc-02", "inc-05", "inc-08", "inc-09", "inc-10"}
UNAPPROVED = {"inc-02", "inc-08", "inc-09", "inc-10"}


def shot(qtbot: QtBot, widget: QWidget, name: str) -> None:
    qtbot.waitExposed(widget)
    QCoreApplication.processEvents()  # pending layout requests, as before painting
    pixmap = widget.grab()
    assert not pixmap.isNull() and pixmap.width() > 100 and pixmap.height() > 100
    folder = os.environ.get("CASEBOOK_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        assert pixmap.save(str(Path(folder) / f"{name}.png"))


@pytest.fixture
def demo_vault(vault_dir: Path, kdf_policy: KdfPolicy) -> Path:
    """A supervisor's vault holding the demo data set (statuses as the demo gives)."""
    session = create_vault(vault_dir, SUPERVISOR, Role.SUPERVISOR, SUPERVISOR_PASS, kdf_policy)
    try:
        import_json(session, demo_data_file())
    finally:
        session.lock()
    return vault_dir


def next_page(qtbot: QtBot, wizard: DossierWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isVisible() and button.isEnabled()
    before = wizard.currentId()
    qtbot.mouseClick(button, LEFT)
    assert wizard.currentId() == before + 1


@pytest.mark.parametrize("language", ["ar", "en"])
def test_export_by_tag_special_procedures(
    qtbot: QtBot, make_app: AppFactory, demo_vault: Path, settings, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, language: str,
) -> None:
    settings.language = language
    app: App = start_as(qtbot, make_app, demo_vault, SUPERVISOR_PASS)
    main = app.main_window
    assert main is not None
    main.resize(1100, 720)
    if dossier_wizard._renderer() is None:  # the PDF renderer is not there yet
        stub = SimpleNamespace(render_dossier_pdf=lambda data, report: b"%PDF-1.4 stub\n")
        monkeypatch.setattr(dossier_wizard, "_renderer", lambda: None)
        real_renderer = False
    else:
        stub = None
        real_renderer = True

    main.action_export_dossier.trigger()
    wizard = main.dialog("dossier")
    assert isinstance(wizard, DossierWizard) and wizard.isVisible()
    assert wizard.layoutDirection() == (Qt.LayoutDirection.RightToLeft if language == "ar"
                                        else Qt.LayoutDirection.LeftToRight)
    wizard.resize(1000, 700)

    # 1. incidents: nothing selected in the list, so "the filter" (all) is offered
    # first; by tag instead.
    page = wizard.incidents_page
    assert not page.by_selection.isEnabled()
    assert page.by_filter.isChecked() and page.count() == 10
    page.by_tag.setChecked(True)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # no tag yet
    qtbot.keyClicks(page.tag, KILLING)
    assert page.count() == len(KILLINGS)
    assert str(len(KILLINGS)) in page.tag_note.text() or "٦" in page.tag_note.text()
    shot(qtbot, wizard, f"{language}-dossier-1-incidents")
    next_page(qtbot, wizard)

    # 2. profile and language
    profiles = wizard.profile_page
    assert profiles.list.count() == 4
    assert "الإجراءات الخاصة" in profiles.list.item(0).text()
    assert "Special Procedures" in profiles.list.item(0).text()
    profiles.select("public-report", language)
    assert "governorate" in profiles.details.text().lower() or language == "ar"
    profiles.select("special-procedures", language)
    assert wizard.profile_name() == "special-procedures"
    assert wizard.language() == language
    shot(qtbot, wizard, f"{language}-dossier-2-profile")
    next_page(qtbot, wizard)

    # 3. readiness: grouped by incident; Next waits for the explicit confirmation
    ready = wizard.readiness_page
    qtbot.waitUntil(lambda: ready.result is not None and not ready.running)
    assert ready.result is not None
    titles = {row.id: row.title for row in ready.result.rows.values()}
    assert len(ready.result.incident_ids) == len(KILLINGS)
    assert ready.tree.topLevelItemCount() == len(KILLINGS)
    kinds = {item.kind for item in ready.result.items}
    assert {"unapproved", "missing", "consent"} <= kinds
    assert len(ready.result.unapproved) == len(UNAPPROVED)
    assert ready.include_unapproved.isVisible() and not ready.include_unapproved.isChecked()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    shot(qtbot, wizard, f"{language}-dossier-3-readiness")

    # A double click on an item opens that incident's editor in the main window.
    top = next(ready.tree.topLevelItem(i) for i in range(ready.tree.topLevelItemCount())
               if ready.tree.topLevelItem(i).childCount())
    child = top.child(0)
    ready.tree.scrollToItem(child)
    rect = ready.tree.visualItemRect(child)
    assert rect.isValid()
    with qtbot.waitSignal(wizard.open_incident_requested) as opened:
        # A view takes a double click only after the press of its first click.
        qtbot.mouseClick(ready.tree.viewport(), LEFT, pos=rect.center())
        qtbot.mouseDClick(ready.tree.viewport(), LEFT, pos=rect.center())
    incident_id = opened.args[0]
    assert incident_id == top.data(0, dossier_wizard.ID_ROLE)
    editor = main.workspace.editor_for(RecordKind.INCIDENT, incident_id)
    assert isinstance(editor, IncidentEditor) and editor.title.text() == titles[incident_id]

    ready.include_unapproved.setChecked(True)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    next_page(qtbot, wizard)

    # 4. preview: pages (or the not-available message) and what is withheld
    preview = wizard.preview_page
    qtbot.waitUntil(lambda: preview.preview is not None and not preview.running,
                    timeout=30000)
    if real_renderer:
        assert preview.pages.count() > 1 and preview.pages.isVisible()
    else:
        assert preview.not_available.isVisible() and preview.pages.count() == 0
    summary = preview.summary.text()
    if language == "en":
        assert "Victims" in summary and "Evidence" in summary
    report = preview.preview.report
    assert report["profile"] == "special-procedures" and report["people"]
    assert not list(tmp_path.glob("*.zip"))  # nothing written by the preview
    shot(qtbot, wizard, f"{language}-dossier-4-preview")
    next_page(qtbot, wizard)

    # 5. the file, and the confirmation
    output = wizard.output_page
    assert Path(output.path.text()).name == output.default_name()
    assert output.default_name().startswith(f"dossier-special-procedures-{language}-")
    assert str(len(UNAPPROVED)) in output.confirm.text() or language == "ar"
    target = tmp_path / f"sp-{language}.zip"
    target.write_bytes(b"old")
    output.path.setText(str(target))
    assert output.error.isVisible() and not output.isComplete()  # would replace a file
    output.set_file(target, replace=True)  # as when the file dialog asked
    assert output.isComplete() and not output.error.isVisible()
    shot(qtbot, wizard, f"{language}-dossier-5-file")
    if stub is not None:
        monkeypatch.setattr(dossier_wizard, "_renderer", lambda: stub)

    # 6. export: no way out while it runs, then the fingerprint and Open folder
    next_page(qtbot, wizard)
    result = wizard.result_page
    assert wizard.exporting and not wizard.button(QWizard.WizardButton.BackButton).isVisible()
    wizard.reject()  # Escape while it runs: ignored
    assert wizard.isVisible()
    qtbot.waitUntil(lambda: result.summary is not None or result.error.isVisible(),
                    timeout=60000)
    assert result.summary is not None, result.error.text()
    assert not wizard.exporting
    verified = verify_dossier(target)
    assert verified.fingerprint == result.summary.fingerprint
    assert verified.fingerprint in result.fingerprint.text()
    assert verified.public_key == app.session.user.public_key.hex()
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        data = archive.read("dossier.json").decode()
    assert {"dossier.pdf", "dossier.json", "redaction-report.json", "manifest.txt"} <= names
    assert f'"language": "{language}"' in data
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()
    assert result.open_folder_button.isVisible()
    shot(qtbot, wizard, f"{language}-dossier-6-result")

    opened_urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: opened_urls.append(url) or True)
    qtbot.mouseClick(result.open_folder_button, LEFT)
    assert [u.toLocalFile() for u in opened_urls] == [str(tmp_path)]

    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isEnabled()
    with qtbot.waitSignal(wizard.finished):
        qtbot.mouseClick(finish, LEFT)
    assert main.dialog("dossier") is None


def test_selection_opens_the_wizard_and_lock_closes_it(
    qtbot: QtBot, make_app: AppFactory, demo_vault: Path, tmp_path: Path,
) -> None:
    app = start_as(qtbot, make_app, demo_vault, SUPERVISOR_PASS)
    main = app.main_window
    assert main is not None
    page = main.workspace.list_page
    page.view.selectRow(0)
    page.view.selectionModel().select(
        page.model.index(2, 0), page.view.selectionModel().SelectionFlag.Select
        | page.view.selectionModel().SelectionFlag.Rows)
    chosen = page.selected_ids()
    assert len(chosen) == 2
    qtbot.mouseClick(page.export_button, LEFT)
    wizard = main.dialog("dossier")
    assert isinstance(wizard, DossierWizard)
    assert wizard.incidents_page.by_selection.isChecked()
    assert wizard.incidents_page.count() == 2
    assert wizard.choice().ids == tuple(chosen)
    # the same wizard again, not a second one
    main.action_export_dossier.trigger()
    assert main.dialog("dossier") is wizard
    next_page(qtbot, wizard)
    next_page(qtbot, wizard)
    assert wizard.currentId() == PageId.READINESS
    qtbot.waitUntil(lambda: wizard.readiness_page.result is not None)
    assert wizard.incident_ids() == chosen
    if wizard.readiness_page.include_unapproved.isVisible():
        wizard.readiness_page.include_unapproved.setChecked(True)
    next_page(qtbot, wizard)
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=30000)
    next_page(qtbot, wizard)

    # A folder that goes away before Export: the error, nothing written, and a way back.
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    wizard.output_page.path.setText(str(folder / "dossier"))  # .zip is added
    assert wizard.output_page.target() == folder / "dossier.zip"
    assert wizard.output_page.isComplete()
    folder.rmdir()
    next_page(qtbot, wizard)
    result = wizard.result_page
    qtbot.waitUntil(lambda: result.error.isVisible() or result.summary is not None,
                    timeout=30000)
    assert result.summary is None and result.try_again.isVisible()
    assert "does not exist" in result.error.text()
    assert wizard.button(QWizard.WizardButton.BackButton).isVisible()
    assert not wizard.exporting and not folder.exists()

    # Locking closes it with the rest of the vault's windows.
    app.lock()
    qtbot.waitUntil(lambda: app.main_window is None)
    assert not any(isinstance(w, DossierWizard) and w.isVisible()
                   for w in QApplication.topLevelWidgets())


def test_steps_taken_round_trip(qtbot: QtBot, make_app: AppFactory,
                                existing_vault: Path) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    incident, act = incident_with_act(app)
    editor = app.main_window.workspace.open_incident(incident.id)
    dialog = editor.open_part(RecordKind.ACT, act.id)
    assert dialog is not None and dialog.steps_taken.toPlainText() == ""
    assert not dialog.dirty
    steps = "استفسار لدى فرع الأمن العسكري في 2025-03-09؛ شكوى إلى النيابة العامة."
    type_into(dialog.steps_taken, steps)
    assert dialog.dirty
    shot(qtbot, dialog, "en-act-steps-taken")
    assert dialog.save()
    stored = RecordService(app.session).get(act.id).content
    assert stored["steps_taken"] == steps
    assert stored["act_type"] == "act.summary-execution"  # the rest kept

    again = editor.open_part(RecordKind.ACT, act.id)
    assert again is not None and again.steps_taken.toPlainText() == steps
    assert not again.dirty
    again.reject()
