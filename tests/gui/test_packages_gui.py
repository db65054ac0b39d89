"""Case packages in the GUI, between two real vaults each open in an App of its own: a
documenter's (vault A) and a supervisor's with an Arabic name (vault B).

Contacts: a card imported through the page (with its preview), verified in the
fingerprint dialog, your own card exported; the model passes qtmodeltester. Then A
sends a package with the send dialog, B previews it (a dry run) and imports it with
the receive dialog; both edit the same incident, A sends again, and B resolves the
conflict field by field in the conflict view opened from the receive dialog. A
damaged package is refused through show_error and nothing is imported.

Each new window is grabbed in English and Arabic; with CASEBOOK_SCREENSHOT_DIR set
(``make screenshots``) the PNGs are saved there for a person to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from casebook.domain.records import RecordKind
from casebook.domain.users import Role
from casebook.gui.conflict_view import ConflictView
from casebook.gui.contacts_page import (
    CardPreviewDialog,
    ContactColumn,
    ContactsPage,
    OwnCardDialog,
    VerifyContactDialog,
)
from casebook.gui.controller import App, State
from casebook.gui.main_window import MainWindow
from casebook.gui.package_receive_dialog import PackageReceiveDialog
from casebook.gui.package_send_dialog import PackageSendDialog
from casebook.gui.qr_code import QrCodeWidget, qr_matrix
from casebook.services.conflicts import ConflictService
from casebook.services.contacts import ContactService
from casebook.services.evidence import EvidenceService
from casebook.services.records import RecordNotFoundError, RecordService
from casebook.services.vault_service import KdfPolicy, create_vault
from tests.gui.conftest import AppFactory, find_box, make_png, plain, type_text
from tests.gui.review_helpers import start_as

LEFT = Qt.MouseButton.LeftButton
DOCUMENTER = "Dana Documenter"
DOCUMENTER_PASS = "documenter passphrase cedar 72"
SUPERVISOR = "أمل الشامي"
SUPERVISOR_PASS = "supervisor passphrase amber 71"


def shot(qtbot: QtBot, widget: QWidget, name: str) -> None:
    qtbot.waitExposed(widget)
    QCoreApplication.processEvents()  # pending layout requests, as before painting
    pixmap = widget.grab()
    assert not pixmap.isNull() and pixmap.width() > 100 and pixmap.height() > 100
    folder = os.environ.get("CASEBOOK_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        assert pixmap.save(str(Path(folder) / f"{name}.png"))


def make_vaults(tmp: Path, policy: KdfPolicy) -> tuple[Path, Path]:
    a, b = tmp / "vault-a", tmp / "vault-b"
    create_vault(a, DOCUMENTER, Role.DOCUMENTER, DOCUMENTER_PASS, policy).lock()
    create_vault(b, SUPERVISOR, Role.SUPERVISOR, SUPERVISOR_PASS, policy).lock()
    return a, b


def window(app: App) -> MainWindow:
    assert app.main_window is not None
    return app.main_window


def exchange_cards(app_a: App, app_b: App, tmp: Path) -> None:
    """Each side imports the other's card and marks it verified (as after meeting)."""
    cards = tmp / "cards"
    cards.mkdir(exist_ok=True)
    for app, name in ((app_a, "a.card.json"), (app_b, "b.card.json")):
        assert app.session is not None
        ContactService(app.session).export_card(cards / name)
    for app, other in ((app_a, "b.card.json"), (app_b, "a.card.json")):
        assert app.session is not None
        contacts = ContactService(app.session)
        contact = contacts.import_card(cards / other)
        contacts.verify(contact.key_id, contact.fingerprint)


def open_dialog(main: MainWindow, action_name: str, key: str) -> QDialog:
    action = getattr(main, action_name)
    action.trigger()
    dialog = main.dialog(key)
    assert dialog is not None and dialog.isVisible()
    return dialog


def wait_plan(qtbot: QtBot, dialog: PackageSendDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.planning and dialog.plan is not None)


def send(qtbot: QtBot, dialog: PackageSendDialog, target: Path) -> None:
    dialog.set_file(target)
    assert dialog.send_button.isEnabled()
    qtbot.mouseClick(dialog.send_button, LEFT)
    assert dialog.exporting
    assert not dialog.close_button.isEnabled()  # no way out while it is written
    qtbot.waitUntil(lambda: dialog.export_result is not None and not dialog.planning)


def receive(qtbot: QtBot, main: MainWindow, package: Path) -> PackageReceiveDialog:
    dialog = open_dialog(main, "action_receive_package", "receive_package")
    assert isinstance(dialog, PackageReceiveDialog)
    assert not dialog.import_button.isEnabled()
    assert dialog.check(package)
    qtbot.waitUntil(lambda: not dialog.running)
    return dialog


# the QR code


def test_qr_widget_paints_the_matrix(qtbot: QtBot) -> None:
    payload = "CASEBOOK-FP:1:" + "0123456789" * 3
    widget = QrCodeWidget(payload)
    qtbot.addWidget(widget)
    widget.resize(300, 300)
    widget.show()
    qtbot.waitExposed(widget)
    matrix = qr_matrix(payload)
    assert widget.modules() == len(matrix) and matrix == widget.matrix()
    image = widget.grab().toImage()
    rect = widget.code_rect()
    module = rect.width() // widget.modules()
    assert module >= 2
    ratio = widget.devicePixelRatioF()
    # Each module's centre is black exactly where the matrix says so; the quiet zone
    # (the first row) is white.
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            px = int((rect.x() + x * module + module // 2) * ratio)
            py = int((rect.y() + y * module + module // 2) * ratio)
            assert (image.pixelColor(px, py).lightness() < 128) == dark, (x, y)
    assert not any(matrix[0])


# contacts


@pytest.mark.parametrize("language", ["en", "ar"])
def test_contacts_import_verify_export(
    qtbot: QtBot, make_app: AppFactory, kdf_policy: KdfPolicy, settings, tmp_path: Path,
    qtmodeltester, language: str,
) -> None:
    settings.language = language
    folder_a, folder_b = make_vaults(tmp_path, kdf_policy)
    app_a = start_as(qtbot, make_app, folder_a, DOCUMENTER_PASS)
    app_b = start_as(qtbot, make_app, folder_b, SUPERVISOR_PASS)
    assert app_b.session is not None and app_a.session is not None
    card_b = tmp_path / "amal.card.json"
    own_b = ContactService(app_b.session).export_card(card_b)
    main = window(app_a)

    page = open_dialog(main, "action_contacts", "contacts")
    assert isinstance(page, ContactsPage)
    assert page.layoutDirection() == (Qt.LayoutDirection.RightToLeft if language == "ar"
                                      else Qt.LayoutDirection.LeftToRight)
    assert page.model.rowCount() == 0 and page.empty_label.isVisible()
    assert not page.verify_button.isEnabled()

    # Import: the card is shown first; nothing changes until Import.
    assert page.preview_card(card_b)
    qtbot.waitUntil(lambda: not page.busy and page.findChild(CardPreviewDialog) is not None)
    preview = page.findChild(CardPreviewDialog)
    assert preview is not None and preview.isVisible()
    shown = {plain(label.text()) for label in preview.findChildren(type(page.empty_label))}
    assert SUPERVISOR in shown and own_b.fingerprint in shown
    assert ContactService(app_a.session).list() == []
    shot(qtbot, preview, f"{language}-packages-card-preview")
    qtbot.mouseClick(preview.import_button, LEFT)
    qtbot.waitUntil(lambda: not page.busy and page.model.rowCount() == 1)
    # Once, with a row: the tester then keeps watching the resets that follow.
    qtmodeltester.check(page.model, force_py=True)
    index = page.model.index(0, ContactColumn.NAME)
    assert plain(page.model.data(index)) == SUPERVISOR
    assert plain(page.model.data(page.model.index(0, ContactColumn.FINGERPRINT))) \
        == own_b.fingerprint
    assert page.model.data(index, Qt.ItemDataRole.UserRole + 1) is False
    assert page.selected() is not None and page.verify_button.isEnabled()
    assert page.message.isVisible()
    shot(qtbot, page, f"{language}-packages-contacts")

    # "They differ": nothing is marked.
    dialog = page.verify_selected()
    assert isinstance(dialog, VerifyContactDialog) and dialog.isVisible()
    qtbot.mouseClick(dialog.differ_button, LEFT)
    assert not ContactService(app_a.session).list()[0].verified
    assert page.message.isVisible()

    # "They match": verified, through ContactService.verify.
    qtbot.mouseClick(page.verify_button, LEFT)
    dialog = page.findChild(VerifyContactDialog)
    dialogs = [d for d in page.findChildren(VerifyContactDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert dialog.panel.shown_groups() == own_b.fingerprint_groups
    assert dialog.panel.qr.text() == own_b.qr_payload
    assert dialog.panel.groups.font().fixedPitch() or dialog.panel.groups.font().styleHint() \
        == dialog.panel.groups.font().StyleHint.Monospace
    # Digits keep their order in the Arabic interface (a left-to-right isolate).
    assert dialog.panel.groups.text().startswith("\u2066")
    shot(qtbot, dialog, f"{language}-packages-verify")
    qtbot.mouseClick(dialog.match_button, LEFT)
    qtbot.waitUntil(lambda: not page.busy and page.model.contacts[0].verified)
    assert ContactService(app_a.session).get(own_b.key_id).verified
    assert not page.verify_button.isEnabled()  # verified already

    # Export my card: saved, then the fingerprint to show the colleague.
    target = tmp_path / "dana.card.json"
    assert page.export_card(target)
    qtbot.waitUntil(lambda: not page.busy and page.findChild(OwnCardDialog) is not None)
    own_card = page.findChild(OwnCardDialog)
    assert own_card is not None and own_card.isVisible()
    own_a = ContactService(app_a.session).own()
    assert ContactService.read_card(target).fingerprint == own_a.fingerprint
    assert own_card.panel.shown_groups() == own_a.fingerprint_groups
    shot(qtbot, own_card, f"{language}-packages-own-card")
    own_card.close()
    # The same without writing a file.
    qtbot.mouseClick(page.own_button, LEFT)
    shown_own = [d for d in page.findChildren(OwnCardDialog) if d.isVisible()]
    assert len(shown_own) == 1 and shown_own[0].panel.qr.text() == own_a.qr_payload
    shown_own[0].close()

    # A card that is not one: the error under the list, nothing imported.
    bad = tmp_path / "bad.card.json"
    bad.write_text("not a card", encoding="utf-8")
    assert page.preview_card(bad)
    qtbot.waitUntil(lambda: not page.busy)
    assert page.error.isVisible()
    assert page.model.rowCount() == 1


# sending, receiving, conflicts


def seed(app: App, tmp: Path, language: str) -> str:
    """An incident with a victim and a file; returns the incident's id."""
    assert app.session is not None
    records = RecordService(app.session)
    title = "اعتقالات عند حاجز جبلة" if language == "ar" else "Arrests at the Jableh checkpoint"
    incident = records.create(RecordKind.INCIDENT, {"title": title,
                                                    "narrative": "At dawn, six men."})
    person = records.create(RecordKind.PERSON, {"name": "نزار إسماعيل"})
    records.create(RecordKind.INVOLVEMENT, {"incident": incident.id, "person": person.id,
                                            "role": "victim"})
    EvidenceService(app.session).attach(incident.id, make_png(tmp / "photo.png"))
    return incident.id


def edit(app: App, record_id: str, **changes: str) -> None:
    assert app.session is not None
    records = RecordService(app.session)
    current = records.get(record_id)
    records.update(record_id, {**current.content, **changes},
                   expected_version=current.version)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_send_receive_and_resolve_a_conflict(
    qtbot: QtBot, make_app: AppFactory, kdf_policy: KdfPolicy, settings, tmp_path: Path,
    language: str,
) -> None:
    settings.language = language
    folder_a, folder_b = make_vaults(tmp_path, kdf_policy)
    app_a = start_as(qtbot, make_app, folder_a, DOCUMENTER_PASS)
    app_b = start_as(qtbot, make_app, folder_b, SUPERVISOR_PASS)
    main_a, main_b = window(app_a), window(app_b)
    main_a.resize(1100, 720)
    main_b.resize(1100, 720)
    assert app_a.session is not None and app_b.session is not None
    incident_id = seed(app_a, tmp_path, language)

    # An unverified contact is listed but cannot be chosen.
    card_b = tmp_path / "b-first.card.json"
    ContactService(app_b.session).export_card(card_b)
    ContactService(app_a.session).import_card(card_b)
    send_dialog = open_dialog(main_a, "action_send_package", "send_package")
    assert isinstance(send_dialog, PackageSendDialog)
    assert send_dialog.recipients.count() == 1
    assert not send_dialog.recipients.item(0).flags() & Qt.ItemFlag.ItemIsEnabled
    assert not send_dialog.set_recipient(SUPERVISOR)
    assert send_dialog.no_contacts.isVisible() and not send_dialog.send_button.isEnabled()
    send_dialog.reject()
    qtbot.waitUntil(lambda: main_a.dialog("send_package") is None)

    exchange_cards(app_a, app_b, tmp_path)

    # 1. A sends everything new (the default) to B.
    send_dialog = open_dialog(main_a, "action_send_package", "send_package")
    assert isinstance(send_dialog, PackageSendDialog)
    assert send_dialog.since_last.isChecked()
    assert not send_dialog.send_button.isEnabled()  # nobody chosen yet
    assert send_dialog.set_recipient(SUPERVISOR)
    wait_plan(qtbot, send_dialog)
    plan = send_dialog.plan
    assert plan is not None and not plan.empty
    assert plan.contents.by_kind.get("incident") == 1
    assert plan.contents.evidence_files == 1
    # The counts as the interface's locale writes them (Arabic-Indic digits in Arabic).
    _label, first_value = send_dialog.contents.rows[0]
    assert first_value.startswith(QLocale().toString(plan.contents.records))
    assert send_dialog.contents_scroll.isVisible()
    shot(qtbot, send_dialog, f"{language}-packages-send-plan")
    package_1 = tmp_path / "first.casebook-package"
    send(qtbot, send_dialog, package_1)
    assert package_1.exists()
    result = send_dialog.export_result
    assert result is not None and result.size == package_1.stat().st_size
    assert plain(str(package_1)) in plain(send_dialog.result_label.text())
    # Sent: nothing new for B now (only the trail's own entries), so Send is off.
    assert send_dialog.plan is not None and send_dialog.plan.empty
    assert send_dialog.plan.contents.records == 0
    assert not send_dialog.send_button.isEnabled()
    assert send_dialog.plan_note.isVisible()
    shot(qtbot, send_dialog, f"{language}-packages-send-done")
    # "Everything" plans the whole vault again.
    send_dialog.everything.setChecked(True)
    wait_plan(qtbot, send_dialog)
    assert send_dialog.plan is not None and not send_dialog.plan.empty
    assert send_dialog.plan.since_seq == 0
    send_dialog.reject()

    # 2. B previews (nothing changes), then imports.
    receive_dialog = receive(qtbot, main_b, package_1)
    preview = receive_dialog.preview
    assert preview is not None and preview.dry_run and not preview.already_imported
    assert preview.sender.name == DOCUMENTER and preview.sender.verified
    assert preview.new_records >= 3 and not preview.conflicts
    assert DOCUMENTER in plain(receive_dialog.sender_name.text())
    assert plain(receive_dialog.sender_fingerprint.text()) == preview.sender.fingerprint
    assert receive_dialog.import_button.isEnabled()
    records_b = RecordService(app_b.session)
    with pytest.raises(RecordNotFoundError):  # not there before the import
        records_b.get(incident_id)
    shot(qtbot, receive_dialog, f"{language}-packages-receive-preview")
    qtbot.mouseClick(receive_dialog.import_button, LEFT)
    qtbot.waitUntil(lambda: receive_dialog.outcome is not None)
    outcome = receive_dialog.outcome
    assert outcome is not None and not outcome.dry_run
    assert outcome.new_records == preview.new_records
    assert records_b.get(incident_id).content["narrative"] == "At dawn, six men."
    assert EvidenceService(app_b.session).attachments(incident_id)
    assert not receive_dialog.conflicts_button.isVisible()
    assert not receive_dialog.import_button.isVisible()
    shot(qtbot, receive_dialog, f"{language}-packages-receive-done")
    receive_dialog.reject()
    qtbot.waitUntil(lambda: main_b.dialog("receive_package") is None)
    # The incident list of B shows it.
    qtbot.waitUntil(lambda: main_b.workspace.model.rowCount() >= 1)

    # The same package again: nothing to import.
    again = receive(qtbot, main_b, package_1)
    assert again.preview is not None and again.preview.already_imported
    assert not again.import_button.isEnabled()
    again.reject()
    qtbot.waitUntil(lambda: main_b.dialog("receive_package") is None)

    # 3. Both edit the incident; A sends again; B gets a conflict.
    edit(app_b, incident_id, title="Arrests at Jableh (edited by B)",
         narrative="At dawn, six men, one released.")
    edit(app_a, incident_id, title="Arrests at Jableh (edited by A)")
    send_dialog = open_dialog(main_a, "action_send_package", "send_package")
    assert isinstance(send_dialog, PackageSendDialog)
    assert send_dialog.set_recipient(SUPERVISOR)
    wait_plan(qtbot, send_dialog)
    package_2 = tmp_path / "second.casebook-package"
    send(qtbot, send_dialog, package_2)
    send_dialog.reject()

    receive_dialog = receive(qtbot, main_b, package_2)
    assert receive_dialog.preview is not None and len(receive_dialog.preview.conflicts) == 1
    assert receive_dialog.effect_note.isVisible()
    shot(qtbot, receive_dialog, f"{language}-packages-receive-conflict")
    qtbot.mouseClick(receive_dialog.import_button, LEFT)
    qtbot.waitUntil(lambda: receive_dialog.outcome is not None)
    assert receive_dialog.conflicts_button.isVisible()
    # Nothing overwritten: B's record is as B left it.
    assert records_b.get(incident_id).content["title"] == "Arrests at Jableh (edited by B)"
    qtbot.mouseClick(receive_dialog.conflicts_button, LEFT)
    qtbot.waitUntil(lambda: isinstance(main_b.dialog("conflicts"), ConflictView))
    assert main_b.dialog("receive_package") is None
    view = main_b.dialog("conflicts")
    assert isinstance(view, ConflictView) and view.isVisible()

    # 4. Field by field: their title, my narrative.
    assert len(view.conflicts) == 1 and view.detail is not None
    fields = {d.field for d in view.detail.differences}
    assert {"title", "narrative"} <= fields
    assert view.diff.rowCount() == len(view.detail.differences)
    assert view.merge_button.isEnabled()
    row_fields = [view.diff.item(r, 0).data(Qt.ItemDataRole.UserRole)
                  for r in range(view.diff.rowCount())]
    title_row = row_fields.index("title")
    assert plain(view.diff.item(title_row, 1).text()) == "Arrests at Jableh (edited by B)"
    assert plain(view.diff.item(title_row, 2).text()) == "Arrests at Jableh (edited by A)"
    for name in fields:
        assert view.set_choice(name, "theirs" if name == "title" else "mine")
    shot(qtbot, view, f"{language}-packages-conflict")
    qtbot.mouseClick(view.merge_button, LEFT)
    qtbot.waitUntil(lambda: not view.resolving)
    assert not view.error.isVisible(), view.error.text()
    resolved = records_b.get(incident_id).content
    assert resolved["title"] == "Arrests at Jableh (edited by A)"
    assert resolved["narrative"] == "At dawn, six men, one released."
    assert view.conflicts == [] and view.empty.isVisible()
    assert not view.merge_button.isEnabled()
    assert ConflictService(app_b.session).list() == []
    shot(qtbot, view, f"{language}-packages-conflict-resolved")
    view.show_resolved.setChecked(True)
    assert len(view.conflicts) == 1 and view.conflicts[0].resolution == "fields"
    assert not view.keep_mine_button.isEnabled()


def test_damaged_package_is_refused_and_nothing_imported(
    qtbot: QtBot, make_app: AppFactory, kdf_policy: KdfPolicy, settings, tmp_path: Path,
) -> None:
    folder_a, folder_b = make_vaults(tmp_path, kdf_policy)
    app_a = start_as(qtbot, make_app, folder_a, DOCUMENTER_PASS)
    app_b = start_as(qtbot, make_app, folder_b, SUPERVISOR_PASS)
    assert app_a.session is not None and app_b.session is not None
    incident_id = seed(app_a, tmp_path, "en")
    exchange_cards(app_a, app_b, tmp_path)
    send_dialog = open_dialog(window(app_a), "action_send_package", "send_package")
    assert isinstance(send_dialog, PackageSendDialog)
    assert send_dialog.set_recipient(SUPERVISOR)
    wait_plan(qtbot, send_dialog)
    package = tmp_path / "good.casebook-package"
    send(qtbot, send_dialog, package)
    data = package.read_bytes()
    damaged = tmp_path / "damaged.casebook-package"
    damaged.write_bytes(data[: len(data) // 2])

    main_b = window(app_b)
    dialog = receive(qtbot, main_b, damaged)
    box = find_box(dialog, "error_box")
    assert box is not None
    assert box.property("errorKind") == "package-refused"
    assert dialog.preview is None and not dialog.import_button.isEnabled()
    assert "Nothing was imported" in dialog.result_label.text()
    with pytest.raises(RecordNotFoundError):  # nothing arrived
        RecordService(app_b.session).get(incident_id)
    box.close()


def test_conflicts_menu_opens_an_empty_view(
    qtbot: QtBot, make_app: AppFactory, kdf_policy: KdfPolicy, tmp_path: Path,
) -> None:
    folder_a, _folder_b = make_vaults(tmp_path, kdf_policy)
    app = start_as(qtbot, make_app, folder_a, DOCUMENTER_PASS)
    view = open_dialog(window(app), "action_conflicts", "conflicts")
    assert isinstance(view, ConflictView)
    assert view.conflicts == [] and view.empty.isVisible()
    for button in (view.keep_mine_button, view.take_theirs_button, view.merge_button):
        assert not button.isEnabled()
    assert not view.keep_mine()


def test_send_path_must_be_new_unless_chosen(
    qtbot: QtBot, make_app: AppFactory, kdf_policy: KdfPolicy, tmp_path: Path,
) -> None:
    folder_a, folder_b = make_vaults(tmp_path, kdf_policy)
    app_a = start_as(qtbot, make_app, folder_a, DOCUMENTER_PASS)
    app_b = start_as(qtbot, make_app, folder_b, SUPERVISOR_PASS)
    seed(app_a, tmp_path, "en")
    exchange_cards(app_a, app_b, tmp_path)
    dialog = open_dialog(window(app_a), "action_send_package", "send_package")
    assert isinstance(dialog, PackageSendDialog)
    assert dialog.set_recipient(SUPERVISOR)
    wait_plan(qtbot, dialog)
    assert dialog.send_button.isEnabled()
    existing = tmp_path / "exists.casebook-package"
    existing.write_bytes(b"old")
    dialog.path.clear()
    type_text(qtbot, dialog.path, str(existing))
    assert dialog.path_error.isVisible() and not dialog.send_button.isEnabled()
    dialog.set_file(existing, replace=True)  # picked in the save dialog, which asked
    assert not dialog.path_error.isVisible() and dialog.send_button.isEnabled()


def test_lock_closes_the_package_windows_and_a_running_export_finishes(
    qtbot: QtBot, make_app: AppFactory, kdf_policy: KdfPolicy, tmp_path: Path,
) -> None:
    folder_a, folder_b = make_vaults(tmp_path, kdf_policy)
    app_a = start_as(qtbot, make_app, folder_a, DOCUMENTER_PASS)
    app_b = start_as(qtbot, make_app, folder_b, SUPERVISOR_PASS)
    seed(app_a, tmp_path, "en")
    exchange_cards(app_a, app_b, tmp_path)
    main = window(app_a)
    windows = [open_dialog(main, "action_contacts", "contacts")]
    windows[0].close()
    view = open_dialog(main, "action_conflicts", "conflicts")
    dialog = open_dialog(main, "action_send_package", "send_package")
    assert isinstance(dialog, PackageSendDialog)
    assert dialog.set_recipient(SUPERVISOR)
    wait_plan(qtbot, dialog)
    target = tmp_path / "at-lock.casebook-package"
    dialog.set_file(target)
    assert dialog.send()
    dialog.reject()  # ignored while the package is written
    assert dialog.isVisible()
    app_a.lock()
    assert not view.isVisible() and not dialog.isVisible()
    qtbot.waitUntil(lambda: app_a.state is State.LOCKED)
    assert target.exists()  # the export was not cut off
