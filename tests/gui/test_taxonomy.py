"""The taxonomy page: tree and counts, search, details, updates from a file (with and
without replacing deprecated terms), refusals, CSV schemes, export."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from casebook.domain.records import RecordKind
from casebook.gui.controller import App
from casebook.gui.errors import describe_error
from casebook.gui.taxonomy_model import Column, TaxonomyTreeModel
from casebook.gui.taxonomy_page import ExportFormat, TaxonomyPage
from casebook.gui.taxonomy_update_dialog import TaxonomyUpdateDialog
from casebook.services.records import RecordService
from casebook.services.taxonomy import TaxonomyService
from casebook.taxonomy.format import parse_taxonomy_bytes, taxonomy_to_json
from casebook.taxonomy.shipped import default_taxonomy
from casebook.taxonomy.update import TaxonomyUpdateRefusedError
from tests.gui.conftest import AppFactory, plain, start_unlocked
from tests.gui.taxonomy_helpers import (
    ADDED,
    DEPRECATED,
    DROPPED,
    RELABELLED,
    REPLACEMENT,
    loaded,
    tag_incidents,
    version_two,
    write_taxonomy,
)


@pytest.fixture
def app(qtbot: QtBot, make_app: AppFactory, existing_vault: Path) -> App:
    return start_unlocked(qtbot, make_app, existing_vault)


def open_page(qtbot: QtBot, app: App) -> TaxonomyPage:
    assert app.main_window is not None
    app.main_window.action_taxonomy.trigger()
    page = app.main_window.workspace.taxonomy_page()
    assert page is not None
    return loaded(qtbot, page)


def display(page: TaxonomyPage, code: str, column: Column) -> str:
    index = page.model.index_of(code)
    return str(page.model.data(index.siblingAtColumn(column)) or "")


def checked_dialog(qtbot: QtBot, page: TaxonomyPage, path: Path) -> TaxonomyUpdateDialog:
    dialog = page.open_update(path)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    return dialog


# the page


def test_tree_model_passes_the_model_tester(qtbot: QtBot, qtmodeltester, app: App) -> None:
    tag_incidents(app)
    page = open_page(qtbot, app)
    qtmodeltester.check(page.model)
    page.search.setText("قتل")
    qtmodeltester.check(page.proxy)


def test_page_opens_from_the_menu_once(qtbot: QtBot, app: App) -> None:
    main = app.main_window
    assert main is not None
    assert main.action_taxonomy.shortcut().toString() == "Ctrl+T"
    page = open_page(qtbot, app)
    tabs = main.workspace.tabs
    assert tabs.currentWidget() is page
    count = tabs.count()
    main.show_taxonomy()
    assert tabs.count() == count and tabs.currentWidget() is page
    tabs.tabCloseRequested.emit(tabs.indexOf(page))
    assert main.workspace.taxonomy_page() is None


def test_page_shows_the_installed_taxonomy_and_counts(qtbot: QtBot, app: App) -> None:
    tag_incidents(app)
    page = open_page(qtbot, app)
    assert plain(page.version.text()) == "Taxonomy casebook-default, version 1"
    codes = [n.code for n in page.model.nodes() if n.term is None]
    assert codes[:3] == ["act", "method", "legal"]
    # Two incidents carry act.killing; one more a narrower term of it.
    assert display(page, RELABELLED, Column.INCIDENTS) == "3"
    assert page.model.count(RELABELLED).direct == 2
    assert display(page, DROPPED, Column.INCIDENTS) == "1"
    assert display(page, "act.torture", Column.INCIDENTS) == "0"
    assert display(page, RELABELLED, Column.LABEL) == "Killing"
    assert display(page, RELABELLED, Column.STATUS) == "Active"
    # Nested: the summary execution sits under killing.
    assert page.model.node(page.model.index_of(DROPPED)).parent.code == RELABELLED

    assert page.select_code(RELABELLED)
    details = page.details
    assert details.label_en.text() == "Killing"
    assert details.label_ar.text() == "القتل"
    assert "death" in details.definition_en.text()
    assert details.definition_ar.text()
    assert details.status.text() == "Active"
    assert plain(details.incidents.text()).startswith("3 (with narrower terms), 2")
    qtbot.waitUntil(lambda: details.records.text() == "2 records carry this term")

    page.select_code("legal")
    assert details.status.isHidden() or not details.status.text()
    assert "Act" in details.applies_to.text() and "Incident" in details.applies_to.text()


def test_search_in_both_languages_and_by_code(qtbot: QtBot, app: App) -> None:
    page = open_page(qtbot, app)
    everything = page.visible_codes()
    page.search.setText("إعدام")  # hamza and diacritics do not matter: "اعدام" too
    arabic = page.visible_codes()
    assert DROPPED in arabic and "act" in arabic and len(arabic) < len(everything)
    page.search.setText("اعدام")
    assert page.visible_codes() == arabic
    page.search.setText("EXECUTION")
    assert DROPPED in page.visible_codes()
    page.search.setText("act.summary")
    assert page.visible_codes() == ["act", RELABELLED, DROPPED]
    page.search.setText("")
    assert page.visible_codes() == everything


def test_counts_load_in_a_worker(qtbot: QtBot, app: App) -> None:
    assert app.main_window is not None
    page = app.main_window.show_taxonomy()
    assert page.busy and page.progress.isVisible()
    assert not page.import_button.isEnabled()
    loaded(qtbot, page)
    assert not page.progress.isVisible() and page.import_button.isEnabled()


# updates


@pytest.mark.parametrize("remap", [False, True])
def test_update_flow(qtbot: QtBot, app: App, tmp_path: Path, remap: bool) -> None:
    first, second, _third = tag_incidents(app)
    page = open_page(qtbot, app)
    path = write_taxonomy(tmp_path / "casebook-default-v2.json", version_two())
    dialog = checked_dialog(qtbot, page, path)

    assert plain(dialog.summary.text()) == (
        "Taxonomy casebook-default: from version 1 to version 2.")
    items = dialog.items()
    assert items["added"] == [(ADDED, "", "")]
    assert [plain(c) for c in items["relabelled"][0]] == [
        RELABELLED, "Killing → Killing (any means)", "2 records"]
    assert [plain(c) for c in items["deprecated"][0]] == [
        DEPRECATED, f"Use Injury ({REPLACEMENT})", "1 record keeps this term"]
    assert [plain(c) for c in items["removed"][0]] == [
        DROPPED, "Kept on records as a removed term", "1 record keeps this term"]
    assert "moved" not in items and "reactivated" not in items
    assert dialog.remap.isEnabled() and not dialog.remap.isChecked()
    assert dialog.apply_button.isEnabled()

    dialog.remap.setChecked(remap)
    with qtbot.waitSignal(dialog.applied, timeout=20_000):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        assert dialog.busy and dialog.busy_bar.isVisible()
    loaded(qtbot, page)

    assert app.session is not None
    records = RecordService(app.session)
    assert TaxonomyService(app.session).installed() == ("casebook-default", 2)
    if remap:
        assert records.get(first.id).content["tags"] == [RELABELLED, REPLACEMENT]
        assert page.message.text().endswith("1 record now uses the suggested replacements.")
    else:
        assert records.get(first.id).content["tags"] == [RELABELLED, DEPRECATED]
    # A removed term has no replacement: its tag stays in both cases.
    assert records.get(second.id).content["tags"] == [DROPPED]

    assert plain(page.version.text()) == "Taxonomy casebook-default, version 2"
    assert display(page, DEPRECATED, Column.STATUS) == "Deprecated: use Injury"
    assert display(page, DEPRECATED, Column.INCIDENTS) == ("0" if remap else "1")
    assert display(page, RELABELLED, Column.LABEL) == "Killing (any means)"
    assert ADDED in page.visible_codes()
    # The dropped term is kept as removed, hidden until asked for.
    assert DROPPED not in page.visible_codes()
    page.show_removed.setChecked(True)
    assert DROPPED in page.visible_codes()
    assert display(page, DROPPED, Column.STATUS) == "Removed"
    page.select_code(DEPRECATED)
    assert plain(page.details.status.text()) == f"Deprecated: use Injury ({REPLACEMENT})"


def test_same_version_again_is_already_installed(
    qtbot: QtBot, app: App, tmp_path: Path
) -> None:
    page = open_page(qtbot, app)
    path = write_taxonomy(tmp_path / "default.json", default_taxonomy())
    dialog = checked_dialog(qtbot, page, path)
    assert "already has version 1 of taxonomy" in plain(dialog.summary.text())
    assert not dialog.apply_button.isEnabled() and not dialog.remap.isEnabled()
    assert not dialog.error.isVisible()
    assert dialog.cancel_button.text() == "Close"


def test_unrelated_taxonomy_is_refused(qtbot: QtBot, app: App, tmp_path: Path) -> None:
    tag_incidents(app)
    page = open_page(qtbot, app)
    other = dataclasses.replace(default_taxonomy(), id="another-network", version=7)
    dialog = checked_dialog(qtbot, page, write_taxonomy(tmp_path / "other.json", other))
    assert dialog.error.isVisible() and dialog.error.kind == "refused"
    text = plain(dialog.error.text())
    assert "nothing was changed" in text
    assert '"another-network"' in text and '"casebook-default"' in text
    assert not dialog.apply_button.isEnabled() and not dialog.changes.isVisible()
    dialog.apply()  # does nothing
    assert app.session is not None
    assert TaxonomyService(app.session).installed() == ("casebook-default", 1)


def test_older_version_is_refused(qtbot: QtBot, app: App, tmp_path: Path) -> None:
    page = open_page(qtbot, app)
    dialog = checked_dialog(qtbot, page, write_taxonomy(tmp_path / "v2.json", version_two()))
    with qtbot.waitSignal(dialog.applied, timeout=20_000):
        dialog.apply()
    loaded(qtbot, page)
    dialog = checked_dialog(qtbot, page, write_taxonomy(tmp_path / "v1.json",
                                                        default_taxonomy()))
    assert dialog.error.kind == "refused"
    assert "older than the version 2" in dialog.error.text()


def test_file_with_a_bad_parent_is_refused_with_its_place(
    qtbot: QtBot, app: App, tmp_path: Path
) -> None:
    page = open_page(qtbot, app)
    data = taxonomy_to_json(version_two())
    data["schemes"][0]["terms"][3]["parent"] = "act.no-such-term"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    dialog = checked_dialog(qtbot, page, path)
    assert dialog.error.kind == "invalid"
    assert "schemes[0].terms[3].parent" in dialog.error.text()
    assert "act.no-such-term is not a term of scheme act" in dialog.error.text()
    assert not dialog.apply_button.isEnabled()
    assert app.session is not None
    assert TaxonomyService(app.session).installed() == ("casebook-default", 1)


def test_file_that_is_not_json_is_refused(qtbot: QtBot, app: App, tmp_path: Path) -> None:
    page = open_page(qtbot, app)
    path = tmp_path / "notes.json"
    path.write_text("{ not json", encoding="utf-8")
    dialog = checked_dialog(qtbot, page, path)
    assert dialog.error.kind == "invalid" and "not valid JSON" in dialog.error.text()
    missing = checked_dialog(qtbot, page, tmp_path / "missing.json")
    assert missing.error.kind == "file-system"


def test_refusal_has_its_own_words() -> None:
    text = describe_error(TaxonomyUpdateRefusedError("This file is taxonomy \"x\"."))
    assert text.kind == "refused"
    assert text.title == "Taxonomy not changed"
    assert text.detail == 'This file is taxonomy "x".'


# CSV schemes


UWAZI_CSV = (
    "English,Arabic\n"
    "Checkpoints,حواجز\n"
    "- Fixed checkpoint,- حاجز ثابت\n"
    "- Flying checkpoint,- حاجز طيار\n"
    "Raids,مداهمات\n"
)


def test_scheme_from_uwazi_csv(qtbot: QtBot, app: App, tmp_path: Path) -> None:
    page = open_page(qtbot, app)
    path = tmp_path / "checkpoints.csv"
    path.write_text(UWAZI_CSV, encoding="utf-8")
    dialog = page.open_csv_import(path)
    assert dialog.code.text() == "checkpoints"  # proposed from the file name
    dialog.code.setText("checkpoint")
    dialog.name_en.setText("Checkpoints")
    dialog.name_ar.setText("الحواجز")
    dialog.kinds["act"].setChecked(True)
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    loaded(qtbot, page)
    qtbot.waitUntil(lambda: "checkpoint" in page.visible_codes())
    assert plain(page.message.text()) == "Scheme checkpoint was added with 4 terms."
    child = page.model.node(page.model.index_of("checkpoint.fixed-checkpoint"))
    assert child is not None and child.parent is not None
    assert child.parent.code == "checkpoint.checkpoints"
    assert child.term is not None and child.term.labels["ar"] == "حاجز ثابت"
    assert display(page, "checkpoint", Column.LABEL) == "Checkpoints"
    assert display(page, "checkpoint", Column.STATUS) == "Added from CSV"
    assert page.selected_code() == "checkpoint"
    scheme = page.model.term_index.schemes["checkpoint"]
    assert scheme.applies_to == ("incident", "act")
    assert scheme.labels == {"en": "Checkpoints", "ar": "الحواجز"}


def test_csv_dialog_checks_its_fields_and_reports_bad_files(
    qtbot: QtBot, app: App, tmp_path: Path
) -> None:
    page = open_page(qtbot, app)
    dialog = page.open_csv_import()
    dialog.start()
    assert dialog.error.isVisible() and "CSV file" in dialog.error.text()
    path = tmp_path / "acts.csv"
    path.write_text(UWAZI_CSV, encoding="utf-8")
    dialog.set_file(path)
    dialog.code.setText("act")  # a scheme of the shared taxonomy
    dialog.start()
    assert "English name" in dialog.error.text()
    dialog.name_en.setText("Acts")
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.error.kind == "refused" and "act" in dialog.error.text()
    path.write_bytes("English\nCaf\xe9\n".encode("latin-1"))
    dialog.code.setText("cafes")
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.error.kind == "invalid" and "not UTF-8" in dialog.error.text()


# export


def test_export_taxonomy_and_scheme(qtbot: QtBot, app: App, tmp_path: Path) -> None:
    page = open_page(qtbot, app)
    target = tmp_path / "out.json"
    page.export_to(ExportFormat.TAXONOMY_JSON, target)
    qtbot.waitUntil(lambda: not page.exporting)
    exported = parse_taxonomy_bytes(target.read_bytes())
    assert exported.id == "casebook-default" and exported.version == 1
    assert len(list(exported.terms())) == len(list(default_taxonomy().terms()))
    assert "out.json" in page.message.text()

    page.select_code(RELABELLED)
    page._update_export_actions()
    assert page.export_uwazi_action.isEnabled()
    csv_path = tmp_path / "act.csv"
    page.export_to(ExportFormat.UWAZI_CSV, csv_path, "act")
    qtbot.waitUntil(lambda: not page.exporting)
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "English,Arabic" and lines[1] == "Killing,القتل"
    assert lines[2].startswith("- ")
    page.export_to(ExportFormat.PLAIN_CSV, csv_path, "act")
    qtbot.waitUntil(lambda: not page.exporting)
    assert csv_path.read_text(encoding="utf-8").startswith("code,parent,label_en,label_ar")
    assert not list(tmp_path.glob(".*.tmp"))

    page.export_to(ExportFormat.PLAIN_CSV, tmp_path / "missing" / "x.csv", "act")
    qtbot.waitUntil(lambda: not page.exporting)
    assert page.error.isVisible() and page.error.kind == "file-system"


def test_saving_an_incident_refreshes_counts_when_shown_again(
    qtbot: QtBot, app: App
) -> None:
    assert app.main_window is not None and app.session is not None
    workspace = app.main_window.workspace
    page = open_page(qtbot, app)
    assert display(page, RELABELLED, Column.INCIDENTS) == "0"
    editor = workspace.open_incident(None)
    RecordService(app.session).create(RecordKind.INCIDENT, {"title": "x", "tags": [RELABELLED]})
    page.mark_stale()
    workspace.tabs.setCurrentWidget(page)
    loaded(qtbot, page)
    assert display(page, RELABELLED, Column.INCIDENTS) == "1"
    editor.request_close()


def test_lock_with_the_page_busy(qtbot: QtBot, app: App) -> None:
    assert app.main_window is not None
    page = app.main_window.show_taxonomy()
    assert page.busy
    app.lock()
    qtbot.waitUntil(lambda: app.unlock_dialog is not None, timeout=20_000)


def test_arabic_labels_in_the_arabic_interface(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path
) -> None:
    app = make_app()
    app.settings.language = "ar"
    app.settings.last_vault_folder = existing_vault
    app.start()
    from tests.gui.conftest import dismiss_warnings, unlock

    unlock(qtbot, app)
    dismiss_warnings(app)
    page = open_page(qtbot, app)
    assert page.isRightToLeft()
    assert display(page, RELABELLED, Column.LABEL) == "القتل"
    assert display(page, "act", Column.LABEL) == "أنواع الأفعال"
    assert isinstance(page.model, TaxonomyTreeModel)
