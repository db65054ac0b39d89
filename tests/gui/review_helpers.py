"""A vault with a supervisor (an Arabic name) and a documenter, and switching between
them in one App the way two people share a computer: lock, then unlock with the
other passphrase (each unlock is a session of its own)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from casebook.domain.records import RecordKind
from casebook.domain.users import Role
from casebook.gui.controller import App, State
from casebook.gui.main_window import MainWindow
from casebook.gui.review_panel import ReviewPanel
from casebook.services.records import RecordService, StoredRecord
from casebook.services.vault_service import KdfPolicy, create_vault
from tests.conftest import PASSPHRASE, USER_NAME
from tests.gui.conftest import AppFactory, dismiss_warnings, unlock

SUPERVISOR = "أمل الشامي"
SUPERVISOR_PASS = "supervisor passphrase olive lantern 73"
DOCUMENTER = USER_NAME
DOCUMENTER_PASS = PASSPHRASE


def make_review_vault(folder: Path, policy: KdfPolicy) -> Path:
    """A locked vault: the supervisor created it and added the documenter."""
    session = create_vault(folder, SUPERVISOR, Role.SUPERVISOR, SUPERVISOR_PASS, policy)
    try:
        session.add_user(DOCUMENTER, Role.DOCUMENTER, DOCUMENTER_PASS, policy)
    finally:
        session.lock()
    return folder


def start_as(qtbot: QtBot, make_app: AppFactory, folder: Path, passphrase: str) -> App:
    app = make_app()
    app.settings.last_vault_folder = folder
    app.start()
    unlock(qtbot, app, passphrase)
    assert app.state is State.UNLOCKED
    dismiss_warnings(app)
    return app


def switch_user(qtbot: QtBot, app: App, passphrase: str) -> MainWindow:
    """Lock, and unlock as the user of ``passphrase``."""
    app.lock()
    qtbot.waitUntil(lambda: app.state is State.LOCKED)
    unlock(qtbot, app, passphrase)
    assert app.state is State.UNLOCKED
    dismiss_warnings(app)
    assert app.main_window is not None
    return app.main_window


def loaded(qtbot: QtBot, panel: ReviewPanel) -> ReviewPanel:
    qtbot.waitUntil(lambda: panel.snapshot is not None and not panel.busy)
    return panel


def incident_with_act(app: App, title: str = "Arrests at the Jableh checkpoint"
                      ) -> tuple[StoredRecord, StoredRecord]:
    """An incident with a victim and one act (a summary execution)."""
    records = RecordService(app.session)
    incident = records.create(RecordKind.INCIDENT, {"title": title, "narrative": "At dawn."})
    victim = records.create(RecordKind.PERSON, {"name": "نزار إسماعيل"})
    records.create(RecordKind.INVOLVEMENT,
                   {"incident": incident.id, "person": victim.id, "role": "victim"})
    act = records.create(RecordKind.ACT, {"incident": incident.id, "victim": victim.id,
                                          "act_type": "act.summary-execution",
                                          "date": "2025-03-07"})
    return incident, act
