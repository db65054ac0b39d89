"""Drafts kept in the vault, and the demo vault."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from casebook.domain.records import RecordKind
from casebook.services.demo import DEMO_PASSPHRASE, create_demo_vault
from casebook.services.drafts import DraftService
from casebook.services.queries import Queries
from casebook.services.vault_service import KdfPolicy, VaultSession, unlock_vault
from casebook.storage.models import AuditEntry
from tests.conftest import PASSPHRASE


def test_draft_survives_lock_and_is_audited(vault_session: VaultSession, vault_dir: Path) -> None:
    drafts = DraftService(vault_session)
    draft_id = drafts.save(RecordKind.INCIDENT, {"title": "Half-written — مسودة"})
    drafts.save(RecordKind.INCIDENT, {"title": "Revised"}, draft_id=draft_id)
    vault_session.lock()
    reopened = unlock_vault(vault_dir, PASSPHRASE)
    try:
        [draft] = DraftService(reopened).mine()
        assert (draft.id, draft.content["title"], draft.record_id) == (draft_id, "Revised", None)
        DraftService(reopened).discard(draft_id)
        assert DraftService(reopened).mine() == []
        with Session(reopened.vault.engine) as db:
            actions = [e.action for e in db.exec(select(AuditEntry)).all()]
        assert actions.count("draft-save") == 2
        assert actions.count("draft-discard") == 1
        assert reopened.check_audit_chain() is None
    finally:
        reopened.lock()


def test_demo_vault(tmp_path: Path, kdf_policy: KdfPolicy) -> None:
    demo = create_demo_vault(tmp_path / "demo", kdf_policy)
    try:
        assert demo.passphrase == DEMO_PASSPHRASE
        queries = Queries(demo.session)
        assert queries.count_incidents() >= 8
        assert queries.search("حمدان")
        assert demo.session.check_audit_chain() is None
    finally:
        demo.session.lock()
