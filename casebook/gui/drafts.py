"""Unsaved editor content kept as drafts in the vault across a lock.

At lock the controller takes an :class:`EditorSnapshot` of every editor with
unsaved changes (at once, before the windows close) and writes them with
``DraftService`` just before the keys are dropped. After the next unlock,
:class:`DraftsQuestion` offers to restore them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from casebook.domain.records import RecordKind
from casebook.gui.incident_list_model import local_time
from casebook.services.drafts import DraftInfo, DraftService
from casebook.services.vault_service import VaultSession

_log = logging.getLogger(__name__)
DRAFT_FORMAT = "casebook-gui/editor-1"


@dataclass(frozen=True)
class EditorSnapshot:
    """What an editor shows: enough to open it again in the same state.

    ``values`` are the editor's field values (JSON types only), ``version`` the
    version the editor was opened on (so a save after restoring still detects a
    change made meanwhile), ``parent_id`` the incident or person a dialog belongs to.
    """

    kind: RecordKind
    record_id: str | None
    version: int | None
    values: dict[str, Any]
    parent_id: str | None = None

    def draft_content(self) -> dict[str, Any]:
        return {"format": DRAFT_FORMAT, "version": self.version, "parent": self.parent_id,
                "values": self.values}

    @classmethod
    def from_draft(cls, draft: DraftInfo) -> EditorSnapshot | None:
        content = draft.content
        if content.get("format") != DRAFT_FORMAT or not isinstance(content.get("values"), dict):
            return None
        version = content.get("version")
        parent = content.get("parent")
        return cls(draft.kind, draft.record_id, version if isinstance(version, int) else None,
                   dict(content["values"]), parent if isinstance(parent, str) else None)


def save_drafts(session: VaultSession, snapshots: list[EditorSnapshot]) -> int:
    """Write the snapshots as drafts; returns how many were kept. A failure is logged
    (by type only) and does not stop the others, nor the lock."""
    service = DraftService(session)
    kept = 0
    for snapshot in snapshots:
        try:
            service.save(snapshot.kind, snapshot.draft_content(), record_id=snapshot.record_id)
        except Exception as exc:  # noqa: BLE001 - the lock must go on
            _log.error("could not keep a draft: %s", type(exc).__name__)
        else:
            kept += 1
    return kept


class DraftChoice(StrEnum):
    RESTORE = "restore"
    DISCARD = "discard"
    LATER = "later"


class DraftsQuestion(QObject):
    """"You have 1 unsaved draft from …: Restore / Discard" (Escape keeps them)."""

    def ask(
        self, parent: QWidget, drafts: list[DraftInfo], on_answer: Callable[[DraftChoice], None]
    ) -> QMessageBox:
        when = local_time(drafts[0].saved_at)  # newest first
        if len(drafts) == 1:
            text = self.tr("You have 1 unsaved draft from {when}.").format(when=when)
        else:
            text = self.tr("You have {count} unsaved drafts, the latest from {when}.").format(
                count=len(drafts), when=when
            )
        box = QMessageBox(parent)
        box.setObjectName("drafts_box")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Unsaved drafts"))
        box.setText(text)
        box.setInformativeText(
            self.tr(
                "They were kept, encrypted in the vault, when Casebook locked. Restore "
                "them to go on editing, or discard them."
            )
        )
        restore = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        restore.setObjectName("restore_drafts")
        discard = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        discard.setObjectName("discard_drafts")
        later = box.addButton(self.tr("Decide later"), QMessageBox.ButtonRole.RejectRole)
        later.setObjectName("later_drafts")
        box.setDefaultButton(restore)
        box.setEscapeButton(later)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(_result: int) -> None:
            clicked = box.clickedButton()
            if clicked is restore:
                on_answer(DraftChoice.RESTORE)
            elif clicked is discard:
                on_answer(DraftChoice.DISCARD)
            else:
                on_answer(DraftChoice.LATER)

        box.finished.connect(answered)
        box.open()
        return box
