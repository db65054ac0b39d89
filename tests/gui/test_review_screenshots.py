"""Renders the review queue, the review panel (with its thread and the legal
qualification), the editor's review row, the audit viewer after Verify and the PDF
report, in English and Arabic. With CASEBOOK_SCREENSHOT_DIR set (``make
screenshots``), the PNGs and the PDF are saved there for a person to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from casebook.gui.audit_page import ReportFormat
from casebook.services.qualification import QualificationService
from casebook.services.review import ReviewService
from casebook.services.vault_service import KdfPolicy
from tests.gui.conftest import AppFactory
from tests.gui.review_helpers import (
    DOCUMENTER_PASS,
    SUPERVISOR_PASS,
    incident_with_act,
    loaded,
    make_review_vault,
    start_as,
    switch_user,
)


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
def test_review_screenshots(
    qtbot: QtBot, make_app: AppFactory, vault_dir: Path, kdf_policy: KdfPolicy,
    settings, tmp_path: Path, language: str,
) -> None:
    settings.language = language
    make_review_vault(vault_dir, kdf_policy)
    app = start_as(qtbot, make_app, vault_dir, DOCUMENTER_PASS)
    incident, act = incident_with_act(
        app, "اعتقالات عند حاجز جبلة" if language == "ar" else "Arrests at the Jableh checkpoint")
    review = ReviewService(app.session)
    review.comment(incident.id, "Two witnesses; see the statements." if language == "en"
                   else "شاهدان؛ انظر الإفادات.")
    review.submit(incident.id, "Ready for review.")

    main = switch_user(qtbot, app, SUPERVISOR_PASS)
    main.resize(1100, 720)
    review = ReviewService(app.session)
    review.request_changes(incident.id, "Name the unit at the checkpoint." if language == "en"
                           else "اذكر الوحدة المسؤولة عن الحاجز.")
    main = switch_user(qtbot, app, DOCUMENTER_PASS)
    ReviewService(app.session).submit(incident.id, "Unit named.")
    main = switch_user(qtbot, app, SUPERVISOR_PASS)
    main.resize(1100, 720)
    qualification = QualificationService(app.session).qualify(
        act.id, "legal.cah-7-1-a", "proof.reasonable-grounds",
        "Part of a widespread attack on civilians; three statements agree.")

    queue = main.show_review_queue()
    qtbot.waitUntil(lambda: not queue.busy and len(queue.model.rows) == 1)
    save(qtbot, main, f"{language}-review-queue")

    panel = loaded(qtbot, main.workspace.open_review(incident.id))
    save(qtbot, panel, f"{language}-review-panel")
    panel.left.setCurrentWidget(panel.qualifications)
    assert panel.qualifications.select("qualification", qualification.id)
    save(qtbot, panel, f"{language}-review-qualification")
    panel.request_changes_button.click()  # no comment: the error under the box
    assert panel.comment_error.isVisible()
    save(qtbot, panel, f"{language}-review-comment-required")
    panel.close()

    editor = main.workspace.open_incident(incident.id)
    qtbot.waitUntil(lambda: not editor.approval_pending)
    save(qtbot, main, f"{language}-editor-review-row")

    page = main.show_audit()
    qtbot.waitUntil(lambda: not page.model.loading)
    page.verify()
    qtbot.waitUntil(lambda: not page.busy)
    assert page.report is not None and page.report.ok
    save(qtbot, main, f"{language}-audit-viewer")

    folder = os.environ.get("CASEBOOK_SCREENSHOT_DIR")
    target = Path(folder) if folder else tmp_path
    target.mkdir(parents=True, exist_ok=True)
    assert page.export_report(ReportFormat.PDF, target / f"{language}-audit-report.pdf")
    qtbot.waitUntil(lambda: not page.busy)
    assert (target / f"{language}-audit-report.pdf").stat().st_size > 1000
