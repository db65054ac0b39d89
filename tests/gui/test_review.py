"""Review through the GUI: the issue's "Done when" (a documenter submits, a supervisor
requests changes, the documenter edits, the supervisor approves, the history shows
each step, the trail verifies), the review panel by role, the queue, and legal
qualification."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from casebook.domain.records import IncidentStatus, RecordKind
from casebook.gui.controller import App
from casebook.gui.incident_editor import IncidentEditor
from casebook.gui.review_panel import ReviewPanel
from casebook.gui.review_queue import ReviewQueueModel
from casebook.services.audit import AuditService
from casebook.services.qualification import QualificationService
from casebook.services.records import RecordService
from casebook.services.review import Decision, QueueRow, ReviewService
from casebook.services.vault_service import KdfPolicy
from tests.gui.conftest import AppFactory, find_box, is_shown, plain, type_into
from tests.gui.review_helpers import (
    DOCUMENTER,
    DOCUMENTER_PASS,
    SUPERVISOR,
    SUPERVISOR_PASS,
    incident_with_act,
    loaded,
    make_review_vault,
    start_as,
    switch_user,
)

CHANGES_WANTED = "Name the unit at the checkpoint, and add the witness's account."
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def review_vault(vault_dir: Path, kdf_policy: KdfPolicy) -> Path:
    return make_review_vault(vault_dir, kdf_policy)


def status_of(app: App, record_id: str) -> str:
    return str(RecordService(app.session).get(record_id).content["status"])


def panel_for(app: App, record_id: str) -> ReviewPanel:
    assert app.main_window is not None
    panels = [p for p in app.main_window.workspace.review_panels() if p.record_id == record_id]
    assert len(panels) == 1
    return panels[0]


def test_submit_request_changes_edit_approve(
    qtbot: QtBot, make_app: AppFactory, review_vault: Path
) -> None:
    # The documenter writes an incident and submits it from the editor.
    app = start_as(qtbot, make_app, review_vault, DOCUMENTER_PASS)
    main = app.main_window
    editor = main.workspace.open_incident(None)
    qtbot.keyClicks(editor.title, "Arrests at the Jableh checkpoint")
    type_into(editor.narrative, "اعتقل عناصر الحاجز ثلاثة شبان فجراً.")
    assert editor.save()
    assert editor.status_value.text() == "Draft"
    assert not editor.approve_button.isVisible()  # a documenter
    qtbot.mouseClick(editor.submit_button, LEFT)
    assert editor.reviewing and editor.review_busy.isVisible()
    qtbot.waitUntil(lambda: not editor.reviewing)
    incident_id = editor.record_id
    assert editor.status_value.text() == "Submitted" and editor.version == 2
    assert not editor.submit_button.isVisible()

    # The supervisor finds it in the queue and asks for changes.
    main = switch_user(qtbot, app, SUPERVISOR_PASS)
    main.action_review_queue.trigger()
    queue = main.workspace.review_queue_page()
    assert queue is not None and main.workspace.tabs.currentWidget() is queue
    qtbot.waitUntil(lambda: not queue.busy)
    assert queue.status() is IncidentStatus.SUBMITTED
    assert [row.id for row in queue.model.rows] == [incident_id]
    assert queue.count.text() == "1 incident"
    queue.view.selectRow(0)
    qtbot.mouseClick(queue.open_button, LEFT)
    panel = loaded(qtbot, panel_for(app, incident_id))
    assert plain(panel.status.text()) == "Status: Submitted (version 2)"
    assert panel.approve_button.isVisible() and panel.approve_button.isEnabled()
    assert panel.request_changes_button.isEnabled()
    assert panel.changes_label.text().startswith("Never approved")
    fields = {panel.changes_table.item(r, 0).text()
              for r in range(panel.changes_table.rowCount())}
    assert {"Title", "Narrative", "Status"} <= fields

    # Without a comment: the error under the box, and nothing changes.
    qtbot.mouseClick(panel.request_changes_button, LEFT)
    assert panel.comment_error.isVisible()
    assert panel.comment_error.text().startswith("Say what needs to change")
    assert not panel.busy
    assert status_of(app, incident_id) == "submitted"
    assert [i.decision for i in ReviewService(app.session).thread(incident_id)] == ["submit"]

    type_into(panel.comment_box, CHANGES_WANTED)
    qtbot.mouseClick(panel.request_changes_button, LEFT)
    qtbot.waitUntil(lambda: panel.status_code() == "needs-changes" and not panel.busy)
    assert not panel.comment_error.isVisible()
    assert panel.comment_box.toPlainText() == ""
    assert [(i.decision, i.author_name) for i in panel.thread_items()] == [
        ("submit", DOCUMENTER), ("request-changes", SUPERVISOR)]
    last = panel.thread_list.item(panel.thread_list.count() - 1)
    assert last.font().bold() and "Changes requested" in last.text()
    assert CHANGES_WANTED in last.text()
    assert not panel.approve_button.isEnabled()
    qtbot.waitUntil(lambda: not queue.busy and queue.model.rows == [])
    panel.close()

    # The documenter sees it in their queue, reads the comment, edits and resubmits.
    main = switch_user(qtbot, app, DOCUMENTER_PASS)
    queue = main.show_review_queue()
    qtbot.waitUntil(lambda: not queue.busy)
    assert queue.status() is IncidentStatus.NEEDS_CHANGES
    assert [row.id for row in queue.model.rows] == [incident_id]
    queue.open_row(0)
    panel = loaded(qtbot, panel_for(app, incident_id))
    assert panel.approve_button.isHidden() and panel.request_changes_button.isHidden()
    assert panel.left.count() == 1  # no legal qualification for documenters
    assert panel.submit_button.isVisible() and panel.submit_button.isEnabled()
    texts = [panel.thread_list.item(i).text() for i in range(panel.thread_list.count())]
    assert any(CHANGES_WANTED in text for text in texts)
    qtbot.mouseClick(panel.open_button, LEFT)
    assert not is_shown(panel)
    editor = main.workspace.current_editor()
    assert isinstance(editor, IncidentEditor) and editor.record_id == incident_id
    assert editor.status_value.text() == "Needs changes"
    assert editor.submit_button.isVisible()
    editor.narrative.moveCursor(editor.narrative.textCursor().MoveOperation.End)
    type_into(editor.narrative, " The 4th Division unit held them; a witness saw it.")
    assert editor.save()
    assert editor.status_value.text() == "Needs changes" and editor.version == 4
    qtbot.mouseClick(editor.submit_button, LEFT)
    qtbot.waitUntil(lambda: not editor.reviewing)
    assert editor.status_value.text() == "Submitted" and editor.version == 5

    # The supervisor approves: the approval is signed and checks out.
    main = switch_user(qtbot, app, SUPERVISOR_PASS)
    panel = loaded(qtbot, main.workspace.open_review(incident_id))
    assert panel.approve_button.isEnabled()
    type_into(panel.comment_box, "Consistent with the statements.")
    qtbot.mouseClick(panel.approve_button, LEFT)
    qtbot.waitUntil(lambda: panel.status_code() == "approved" and not panel.busy)
    assert plain(panel.approval.text()) == (
        f"Approved (version 6, {SUPERVISOR}) — signature verifies")
    assert not panel.approve_button.isEnabled() and not panel.submit_button.isVisible()
    assert plain(panel.message.text()) == "The incident was approved."
    panel.close()

    editor = main.workspace.open_incident(incident_id)
    qtbot.waitUntil(lambda: not editor.approval_pending)
    assert editor.status_value.text() == "Approved"
    assert plain(editor.approval_value.text()) == (
        f"Approved (version 6, {SUPERVISOR}) — signature verifies")
    history = editor.show_history()
    assert history is not None
    steps = [plain(history.versions_table.item(r, 3).text())
             for r in range(history.versions_table.rowCount())]
    assert steps == [
        "Approved: “Consistent with the statements.”", "Submitted for review", "Edited",
        f"Changes requested: “{CHANGES_WANTED}”", "Submitted for review", "Created"]
    assert [history.versions_table.item(r, 2).text() for r in range(6)] == [
        SUPERVISOR, DOCUMENTER, DOCUMENTER, SUPERVISOR, DOCUMENTER, DOCUMENTER]
    history.close()

    report = AuditService(app.session).verify()
    assert report.ok, [str(p) for p in report.problems]
    assert report.reviews == 4
    # And in words, from the audit viewer.
    main.action_audit.trigger()
    page = main.workspace.audit_page()
    assert page is not None
    qtbot.mouseClick(page.verify_button, LEFT)
    qtbot.waitUntil(lambda: not page.busy)
    assert plain(page.verify_result.text()).startswith(
        f"The audit trail verifies: {report.entries + 0} entries")

    # Editing the approved incident sends it back to draft: changed since approval.
    editor.activateWindow()
    editor.title.setText("Arrests at the Jableh checkpoint (3 men)")
    assert editor.save()
    qtbot.waitUntil(lambda: not editor.approval_pending)
    assert editor.status_value.text() == "Draft"
    assert plain(editor.approval_value.text()) == (
        f"Changed since approval (version 6 was approved by {SUPERVISOR})")


def test_documenter_never_reaches_a_supervisors_decision(
    qtbot: QtBot, make_app: AppFactory, review_vault: Path
) -> None:
    app = start_as(qtbot, make_app, review_vault, DOCUMENTER_PASS)
    incident, _act = incident_with_act(app)
    ReviewService(app.session).submit(incident.id)
    editor = app.main_window.workspace.open_incident(incident.id)
    assert editor.status_value.text() == "Submitted"
    for button in (editor.approve_button, editor.request_changes_button,
                   editor.submit_button):
        assert button.isHidden()
    panel = loaded(qtbot, app.main_window.workspace.open_review(incident.id))
    assert panel.approve_button.isHidden() and not panel.approve_button.isEnabled()
    assert panel.request_changes_button.isHidden()
    assert not panel.submit_button.isEnabled()  # already submitted
    assert panel.left.count() == 1 and panel.qualifications.isHidden()
    assert panel.snapshot is not None and panel.snapshot.acts is None
    # Were it reached anyway, the service refuses and the error has its own words.
    panel.decide(Decision.APPROVE)
    qtbot.waitUntil(lambda: find_box(panel, "error_box") is not None)
    box = find_box(panel, "error_box")
    assert box.property("errorKind") == "not-allowed"
    assert box.text() == "Your role does not allow this."
    assert "Only a supervisor" in box.informativeText()
    assert status_of(app, incident.id) == "submitted"
    box.close()
    # A plain comment is open to everyone.
    type_into(panel.comment_box, "Added the second statement.")
    qtbot.mouseClick(panel.comment_button, LEFT)
    qtbot.waitUntil(lambda: not panel.busy and len(panel.thread_items()) == 2)
    assert panel.thread_items()[-1].decision is None
    assert not panel.thread_list.item(1).font().bold()


def test_request_changes_from_the_editor_needs_a_comment(
    qtbot: QtBot, make_app: AppFactory, review_vault: Path
) -> None:
    app = start_as(qtbot, make_app, review_vault, SUPERVISOR_PASS)
    incident, _act = incident_with_act(app)
    ReviewService(app.session).submit(incident.id)
    editor = app.main_window.workspace.open_incident(incident.id)
    assert not editor.approve_button.isHidden()
    assert not editor.request_changes_button.isHidden()
    dialog = editor.ask_changes()
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert status_of(app, incident.id) == "submitted"
    type_into(dialog.comment, CHANGES_WANTED)
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert not is_shown(dialog)
    qtbot.waitUntil(lambda: not editor.reviewing)
    assert editor.status_value.text() == "Needs changes"
    assert ReviewService(app.session).thread(incident.id)[-1].text == CHANGES_WANTED


def test_queue_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester, make_app: AppFactory, review_vault: Path
) -> None:
    model = ReviewQueueModel()
    qtmodeltester.check(model, force_py=True)
    model.set_rows([QueueRow(f"id-{i}", f"Incident {i}", "submitted",
                             "2025-03-07T10:00:00Z") for i in range(5)])
    assert model.rowCount() == 5 and model.data(model.index(0, 1)) == "Submitted"
    model.set_rows([])
    app = start_as(qtbot, make_app, review_vault, SUPERVISOR_PASS)
    queue = app.main_window.show_review_queue()
    qtbot.waitUntil(lambda: not queue.busy)
    qtmodeltester.check(queue.model, force_py=True)
    assert queue.empty.isVisible() and queue.empty.text() == "No incident is waiting for review."
    queue.queue_filter.setCurrentIndex(queue.queue_filter.findData("draft"))
    qtbot.waitUntil(lambda: not queue.busy)
    assert queue.model.rows == []


def test_supervisor_qualifies_an_act_and_withdraws_it(
    qtbot: QtBot, make_app: AppFactory, review_vault: Path
) -> None:
    app = start_as(qtbot, make_app, review_vault, SUPERVISOR_PASS)
    incident, act = incident_with_act(app)
    panel = loaded(qtbot, app.main_window.workspace.open_review(incident.id))
    assert panel.left.count() == 2
    panel.left.setCurrentWidget(panel.qualifications)
    tree = panel.qualifications.tree
    assert tree.topLevelItemCount() == 1
    assert tree.topLevelItem(0).text(0) == "نزار إسماعيل — Summary execution — 2025-03-07"
    assert panel.qualifications.selected() == ("act", act.id)
    assert not panel.qualifications.withdraw_button.isEnabled()

    dialog = panel.qualifications.qualify_selected()
    assert dialog is not None
    dialog.save()  # nothing chosen: each field says so
    assert all(dialog.rows[n].error.isVisible() for n in ("term", "proof", "rationale"))
    picker = dialog.term.open_picker()  # the legal scheme only
    assert picker.model.rowCount() == 1
    assert picker.model.scheme_at(picker.model.index(0, 0)).code == "legal"
    picker.reject()
    dialog.term.choose("legal.cah-7-1-a")
    dialog.proof.choose("proof.reasonable-grounds")
    type_into(dialog.rationale, "Widespread attack on civilians; three statements agree.")
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(lambda: not is_shown(dialog))
    qtbot.waitUntil(lambda: not panel.busy and tree.topLevelItem(0).childCount() == 1)
    [stored] = QualificationService(app.session).for_act(act.id)
    assert (stored.term, stored.proof) == ("legal.cah-7-1-a", "proof.reasonable-grounds")
    child = tree.topLevelItem(0).child(0)
    assert child.text(1) == "Reasonable grounds to believe" or child.text(1)
    assert child.text(3) == SUPERVISOR

    assert panel.qualifications.select("qualification", stored.id)
    box = panel.qualifications.ask_withdraw()
    assert box is not None
    qtbot.mouseClick(box.findChild(QPushButton, "confirm_withdraw"), LEFT)
    qtbot.waitUntil(lambda: not panel.busy and tree.topLevelItem(0).childCount() == 0)
    assert QualificationService(app.session).for_act(act.id) == []
    assert [v.tombstone for v in RecordService(app.session).history(stored.id)] == [
        False, True]
    assert AuditService(app.session).verify().ok
    assert RecordService(app.session).get(incident.id).kind is RecordKind.INCIDENT
