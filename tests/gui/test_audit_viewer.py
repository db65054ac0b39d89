"""The audit viewer: the trail newest first, read a page at a time; filters; Verify in
plain words, also after tampering through the raw database and against a checkpoint
file; checkpoints; the CSV and PDF reports."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from casebook.crypto.subkeys import Purpose, derive_subkey
from casebook.gui.audit_model import PAGE_SIZE, AuditColumn
from casebook.gui.audit_page import AuditPage, ReportFormat
from casebook.gui.controller import App, State
from casebook.services.audit import REPORT_COLUMNS, AuditService
from casebook.services.records import StoredRecord
from casebook.services.review import ReviewService
from casebook.services.vault_service import KdfPolicy
from casebook.storage.database import connect_raw
from casebook.storage.vault import DATABASE
from tests.gui.conftest import (
    AppFactory,
    dismiss_warnings,
    import_incidents,
    plain,
    type_into,
    unlock,
)
from tests.gui.review_helpers import (
    DOCUMENTER,
    DOCUMENTER_PASS,
    SUPERVISOR,
    SUPERVISOR_PASS,
    incident_with_act,
    make_review_vault,
    start_as,
)

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def review_vault(vault_dir: Path, kdf_policy: KdfPolicy) -> Path:
    return make_review_vault(vault_dir, kdf_policy)


@pytest.fixture
def app(qtbot: QtBot, make_app: AppFactory, review_vault: Path) -> App:
    return start_as(qtbot, make_app, review_vault, SUPERVISOR_PASS)


def approved_incident(app: App) -> StoredRecord:
    incident, _act = incident_with_act(app)
    ReviewService(app.session).submit(incident.id, "Ready.")
    return ReviewService(app.session).approve(incident.id, "Consistent.")


def open_audit(qtbot: QtBot, app: App) -> AuditPage:
    assert app.main_window is not None
    app.main_window.action_audit.trigger()
    page = app.main_window.workspace.audit_page()
    assert page is not None and app.main_window.workspace.tabs.currentWidget() is page
    return settled(qtbot, page)


def settled(qtbot: QtBot, page: AuditPage) -> AuditPage:
    qtbot.waitUntil(lambda: not page.pending and not page.model.loading and not page.busy)
    return page


def shown(page: AuditPage, column: AuditColumn) -> list[str]:
    model = page.model
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_model_reads_pages_lazily_and_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester, app: App
) -> None:
    import_incidents(app.session, [{"title": f"Incident {i}"} for i in range(PAGE_SIZE + 20)])
    total = len(AuditService(app.session).log())
    assert total > PAGE_SIZE
    page = open_audit(qtbot, app)
    model = page.model
    assert model.rowCount() == PAGE_SIZE and model.pages_read == 1
    assert model.canFetchMore(QModelIndex())
    seqs = [model.data(model.index(r, 0), Qt.ItemDataRole.UserRole)
            for r in range(model.rowCount())]
    assert seqs == sorted(seqs, reverse=True) and seqs[0] == total  # newest first
    assert "more as you scroll" in page.count.text()
    model.fetchMore(QModelIndex())
    qtbot.waitUntil(lambda: not model.loading)
    assert model.rowCount() == total and not model.canFetchMore(QModelIndex())
    assert page.count.text() == f"{total} entries"
    model.refresh()  # back to the first page
    qtbot.waitUntil(lambda: not model.loading)
    assert model.rowCount() == PAGE_SIZE and model.pages_read == 3
    # The tester stays connected, fetching pages as it goes.
    qtmodeltester.check(model, force_py=True)
    qtbot.waitUntil(lambda: not model.loading)


def test_filters(qtbot: QtBot, app: App) -> None:
    incident = approved_incident(app)
    page = open_audit(qtbot, app)
    everything = page.model.rowCount()

    page.action.setCurrentIndex(page.action.findData("approve"))
    settled(qtbot, page)
    assert shown(page, AuditColumn.ACTION) == ["Approved"]
    assert page.model.rows()[0].object_id == incident.id

    page.clear_filters()
    settled(qtbot, page)
    assert page.model.rowCount() == everything
    type_into(page.record, incident.id)
    assert page.pending
    settled(qtbot, page)
    actions = [row.action for row in page.model.rows()]
    assert actions[:4] == ["review", "approve", "review", "submit"]
    assert "create" in actions and "comment" not in actions

    page.record.clear()
    page.user.setCurrentIndex(page.user.findData(DOCUMENTER))
    settled(qtbot, page)
    assert page.model.rowCount() == 0  # the documenter has not acted yet
    assert page.count.text() == "0 entries"
    page.user.setCurrentIndex(page.user.findData(SUPERVISOR))
    settled(qtbot, page)
    assert set(shown(page, AuditColumn.USER)) == {SUPERVISOR}

    page.clear_filters()
    page.date_from.setText("2025-13-40")
    page.apply_filters()
    assert page.filter_error.isVisible() and "YYYY-MM-DD" in page.filter_error.text()
    page.date_from.setText("2999-01-01")
    page.apply_filters()
    settled(qtbot, page)
    assert not page.filter_error.isVisible() and page.model.rowCount() == 0
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    page.date_from.setText(today)
    page.date_to.setText(today)
    page.apply_filters()
    settled(qtbot, page)
    assert page.model.rowCount() == everything


def test_verify_in_words_and_after_tampering(
    qtbot: QtBot, app: App, review_vault: Path, tmp_path: Path
) -> None:
    incident = approved_incident(app)
    page = open_audit(qtbot, app)
    qtbot.mouseClick(page.verify_button, LEFT)
    assert page.busy and not page.verify_button.isEnabled()
    settled(qtbot, page)
    report = AuditService(app.session).verify()
    assert plain(page.verify_result.text()) == (
        f"The audit trail verifies: {report.entries} entries, {report.checkpoints} signed "
        f"checkpoints and {report.reviews} signed review decisions, all intact.")
    assert page.problems.isHidden()

    # A checkpoint kept elsewhere, and verifying against it.
    kept = tmp_path / "elsewhere" / "today.checkpoint"
    kept.parent.mkdir()
    assert page.save_checkpoint(kept)
    settled(qtbot, page)
    assert kept.is_file() and "was saved to" in plain(page.message.text())
    page.verify(kept)
    settled(qtbot, page)
    assert "It still passes through the checkpoint in today.checkpoint" in plain(
        page.verify_result.text())

    # Rewrite one entry's action through the raw database.
    root = app.session.vault.root_key()
    key = derive_subkey(root, Purpose.DATABASE)
    salt = derive_subkey(root, Purpose.DATABASE_SALT, length=16)
    seq = next(r.seq for r in AuditService(app.session).log()
               if r.action == "approve" and r.object_id == incident.id)
    app.lock()
    qtbot.waitUntil(lambda: app.state is State.LOCKED)
    conn = connect_raw(review_vault / DATABASE, key, salt)
    try:
        conn.execute("DROP TRIGGER audit_entry_no_update")
        conn.execute("UPDATE audit_entry SET action = 'update' WHERE seq = ?", (seq,))
        conn.commit()
    finally:
        conn.close()
    unlock(qtbot, app, SUPERVISOR_PASS)
    assert app.state is State.UNLOCKED
    dismiss_warnings(app)
    page = open_audit(qtbot, app)
    qtbot.mouseClick(page.verify_button, LEFT)
    settled(qtbot, page)
    text = plain(page.verify_result.text())
    assert text.startswith(
        f"The audit trail does NOT verify. First problem: entry {seq}: "), text
    assert page.problems.isVisible() and page.problems.count() >= 1
    assert page.problems.item(0).text().startswith(f"entry {seq}:")
    # Against the checkpoint kept elsewhere it fails too.
    page.verify(kept)
    settled(qtbot, page)
    assert plain(page.verify_result.text()).startswith("The audit trail does NOT verify.")
    # A file that is not a checkpoint is an error, not a verdict.
    bogus = tmp_path / "bogus.checkpoint"
    bogus.write_text("not a checkpoint")
    page.verify(bogus)
    settled(qtbot, page)
    assert page.error.isVisible()


def test_reports_as_csv_and_pdf(qtbot: QtBot, app: App, tmp_path: Path) -> None:
    incident = approved_incident(app)
    page = open_audit(qtbot, app)
    assert page.export_button.isVisible()
    out = tmp_path / "reports"
    out.mkdir()
    type_into(page.record, incident.id)
    settled(qtbot, page)

    assert page.export_report(ReportFormat.CSV, out / "trail.csv")
    settled(qtbot, page)
    rows = list(csv.reader(io.StringIO((out / "trail.csv").read_text("utf-8"))))
    assert tuple(rows[0]) == REPORT_COLUMNS
    assert [r[4] for r in rows[1:]][:2] == ["create", "submit"]  # oldest first
    assert all(r[2] == SUPERVISOR for r in rows[1:])
    assert "(" in plain(page.message.text()) and "trail.csv" in page.message.text()

    pdf = out / "trail.pdf"
    assert page.export_report(ReportFormat.PDF, pdf)
    settled(qtbot, page)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in out.iterdir()) == ["trail.csv", "trail.pdf"]  # no temp
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: cannot read the PDF's text")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    # Arabic comes out in presentation forms; NFKC folds them back to letters.
    text = unicodedata.normalize("NFKC", text)
    assert "Audit trail" in text
    assert SUPERVISOR in text
    assert incident.id[:8] in text and "Page 1 of 1" in text
    if shutil.which("pdfinfo") is not None:
        info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                              text=True).stdout
        fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
        assert fields["Title"].strip() == "Audit trail"
        assert fields.get("Author", "").strip() == "" and fields.get("Creator", "").strip() == ""


def test_documenters_see_the_trail_but_export_no_report(
    qtbot: QtBot, make_app: AppFactory, review_vault: Path
) -> None:
    app = start_as(qtbot, make_app, review_vault, DOCUMENTER_PASS)
    page = open_audit(qtbot, app)
    assert page.model.rowCount() > 0
    assert page.export_button.isHidden()
    assert page.choose_report_file(ReportFormat.PDF) is None
    assert page.checkpoint_button.isVisible() and page.verify_button.isVisible()
