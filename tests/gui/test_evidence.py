"""Evidence files: added in a worker with progress, listed with their SHA-256,
previewed from memory only, copied out decrypted only after a warning."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot
from sqlmodel import Session, select

from casebook.domain.records import RecordKind
from casebook.gui.controller import App
from casebook.gui.incident_editor import IncidentEditor
from casebook.services.records import RecordService
from casebook.storage.models import AuditEntry
from tests.gui.conftest import AppFactory, find_box, is_shown, make_png, start_unlocked


def files_under(*roots: Path) -> set[Path]:
    found: set[Path] = set()
    for root in roots:
        for folder, _dirs, names in os.walk(root):
            found.update(Path(folder) / name for name in names)
    return found


def editor_with_photo(qtbot: QtBot, app: App, tmp_path: Path) -> IncidentEditor:
    stored = RecordService(app.session).create(RecordKind.INCIDENT, {"title": "Shelling"})
    editor = app.main_window.workspace.open_incident(stored.id)
    editor.pages.setCurrentWidget(editor.evidence)
    editor.evidence.attach_files([make_png(tmp_path / "market.png", "orange")])
    qtbot.waitUntil(lambda: len(editor.evidence.attachments) == 1)
    return editor


def test_listing_shows_size_and_hash(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path, tmp_path: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    editor = editor_with_photo(qtbot, app, tmp_path)
    digest = hashlib.sha256((tmp_path / "market.png").read_bytes()).hexdigest()
    table = editor.evidence.table
    assert table.item(0, 0).text() == "market.png"
    assert digest in table.item(0, 2).text()
    assert editor.evidence.attachments[0].sha256 == digest
    table.setCurrentCell(0, 0)
    assert digest in editor.evidence.digest.text()
    # Dragging something that is not a file is refused.
    mime = QMimeData()
    mime.setText("not a file")
    event = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    editor.evidence.dragEnterEvent(event)
    assert not event.isAccepted()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "market.png"))])
    event = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    editor.evidence.dragEnterEvent(event)
    assert event.isAccepted()


def test_preview_is_decoded_from_memory_and_dropped_at_lock(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path, tmp_path: Path,
    isolated_environment: Path,
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    editor = editor_with_photo(qtbot, app, tmp_path)
    panel = editor.evidence
    watched = (isolated_environment, Path(tempfile.gettempdir()), tmp_path)
    before = files_under(*watched)
    panel.table.selectRow(0)
    assert panel.preview_selected()
    qtbot.waitUntil(lambda: panel.preview_image is not None)
    image = panel.preview_image
    assert (image.width(), image.height()) == (48, 32)
    assert image.pixelColor(3, 3).name() == "#ffa500"
    assert not panel.preview.pixmap().isNull()
    new_files = files_under(*watched) - before
    # Nothing decrypted reached the disk (the database's own files aside).
    assert not [p for p in new_files if not p.name.startswith("casebook.db")]

    session = app.session
    app.lock()
    qtbot.waitUntil(lambda: session.is_locked)
    assert panel.preview_image is None
    assert panel.preview.pixmap().isNull()


def test_decrypted_copy_needs_a_warning_and_is_audited(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path, tmp_path: Path
) -> None:
    app = start_unlocked(qtbot, make_app, existing_vault)
    editor = editor_with_photo(qtbot, app, tmp_path)
    panel = editor.evidence
    panel.table.selectRow(0)
    box = panel.ask_save_copy()
    assert box is not None and "not be protected" in box.text()
    qtbot.mouseClick(box.button(box.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert panel.findChild(QFileDialog) is None

    box = panel.ask_save_copy()
    qtbot.mouseClick(box.findChild(QPushButton, "copy_anyway"), Qt.MouseButton.LeftButton)
    dialog = next(d for d in panel.findChildren(QFileDialog) if d.isVisible())
    assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    target = tmp_path / "out" / "copy.png"
    target.parent.mkdir()
    dialog.hide()
    panel.save_copy(panel.attachments[0], target)
    qtbot.waitUntil(lambda: not panel.busy)
    assert target.read_bytes() == (tmp_path / "market.png").read_bytes()
    with Session(app.session.vault.engine) as db:
        actions = [e.action for e in db.exec(select(AuditEntry)).all()]
    assert "export-file" in actions
    assert find_box(panel, "error_box") is None
    assert is_shown(editor)


def test_a_file_being_added_at_lock_is_finished_first(
    qtbot: QtBot, make_app: AppFactory, existing_vault: Path, tmp_path: Path, monkeypatch
) -> None:
    import threading

    from casebook.services.evidence import EvidenceService
    from casebook.services.vault_service import unlock_vault
    from tests.conftest import PASSPHRASE

    app = start_unlocked(qtbot, make_app, existing_vault)
    stored = RecordService(app.session).create(RecordKind.INCIDENT, {"title": "Raid"})
    editor = app.main_window.workspace.open_incident(stored.id)
    release = threading.Event()
    original = EvidenceService.attach

    def held(self, record_id, source, **kwargs):
        release.wait(10)
        return original(self, record_id, source, **kwargs)

    monkeypatch.setattr(EvidenceService, "attach", held)
    editor.evidence.attach_files([make_png(tmp_path / "late.png")])
    main, session = app.main_window, app.session
    app.lock()
    assert not is_shown(main) and not is_shown(editor)
    assert not session.is_locked  # the keys wait for the file to be sealed
    release.set()
    qtbot.waitUntil(lambda: session.is_locked)
    reopened = unlock_vault(existing_vault, PASSPHRASE)
    try:
        [info] = EvidenceService(reopened).attachments(stored.id)
    finally:
        reopened.lock()
    assert info.file_name == "late.png"
