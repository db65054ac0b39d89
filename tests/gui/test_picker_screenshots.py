"""Renders the tag chips, the taxonomy and place pickers and the dialogs that use
them, in English and Arabic. With CASEBOOK_SCREENSHOT_DIR set (``make screenshots``)
the PNGs are saved there for a person to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from casebook.domain.records import RecordKind
from casebook.services.records import RecordService
from tests.gui.conftest import AppFactory, start_unlocked, type_into
from tests.gui.test_place_picker import JABLEH
from tests.gui.test_taxonomy_picker import SNIPER, SNIPER_REPLACEMENT, deprecate


def save(qtbot: QtBot, widget: QWidget, name: str) -> None:
    qtbot.waitExposed(widget)
    QCoreApplication.processEvents()  # pending layout requests, as before painting
    pixmap = widget.grab()
    assert not pixmap.isNull() and pixmap.width() > 100 and pixmap.height() > 100
    folder = os.environ.get("CASEBOOK_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        assert pixmap.save(str(Path(folder) / f"{name}.png"))


@pytest.mark.parametrize("language", ["en", "ar"])
def test_picker_screenshots(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path, settings, language: str
) -> None:
    settings.language = language
    app = start_unlocked(qtbot, make_app, existing_vault)
    records = RecordService(app.session)
    incident = records.create(RecordKind.INCIDENT, {
        "title": "إعدام ميداني عند حاجز جبلة", "place": JABLEH,
        "tags": ["act.summary-execution", SNIPER, "perpetrator.army", "site.checkpoint",
                 "legal.wc-8-2-c-i", "date-type.death"],
    })
    victim = records.create(RecordKind.PERSON, {"name": "نزار إسماعيل",
                                                "tags": ["victim.civilian", "victim.child"]})
    records.create(RecordKind.INVOLVEMENT,
                   {"incident": incident.id, "person": victim.id, "role": "victim"})
    deprecate(app.session, SNIPER, SNIPER_REPLACEMENT)
    app.main_window.context.reload_terms()
    main = app.main_window
    main.resize(1100, 720)
    workspace = main.workspace
    editor = workspace.open_incident(incident.id)
    assert editor.isRightToLeft() == (language == "ar")
    save(qtbot, main, f"{language}-incident-tags")

    picker = editor.tags.open_picker()
    type_into(picker.search, "اعدام")
    save(qtbot, picker, f"{language}-taxonomy-picker-filtered")
    picker.search.clear()
    picker.tree.setCurrentIndex(picker.proxy.mapFromSource(picker.model.index_of(SNIPER)))
    save(qtbot, picker, f"{language}-taxonomy-picker-deprecated")
    picker.reject()

    place = editor.place.open_picker()
    save(qtbot, place, f"{language}-place-picker-tree")
    type_into(place.search, "جبلة")
    save(qtbot, place, f"{language}-place-picker-search")
    place.select_place(JABLEH)
    add = place.add_place()
    assert add is not None
    add.latitude.setText("north")
    add.save()
    save(qtbot, add, f"{language}-add-place-error")
    add.reject()
    place.reject()

    act = editor.acts.add()
    act.act_type.set_value("act.summary-execution")
    act.place.set_value(JABLEH)
    act.tags.set_codes(["method.small-arms", "perpetrator.army", "legal.wc-8-2-c-i"])
    save(qtbot, act, f"{language}-act-dialog-tags")
    act_type = act.act_type.open_picker()
    save(qtbot, act_type, f"{language}-act-type-picker")
    act_type.reject()
    act.forget_changes()
    act.reject()

    statement = editor.statements.add()
    statement.tags.set_codes(["source.direct-witness"])
    save(qtbot, statement, f"{language}-statement-dialog-tags")
    statement.forget_changes()
    statement.reject()

    workspace.open_person(victim.id)
    save(qtbot, main, f"{language}-person-tags")
