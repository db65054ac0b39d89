"""Failed unlocks are counted beside the vault and shown, and audited, at the next
successful unlock."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casebook.domain.errors import WrongPassphraseError
from casebook.domain.notices import FAILED_UNLOCKS, Notice
from casebook.services.audit import AuditFilter, AuditService
from casebook.services.vault_service import unlock_vault
from casebook.storage.unlock_failures import (
    FILE_NAME,
    FailedUnlocks,
    clear_failed_unlocks,
    note_failed_unlock,
    read_failed_unlocks,
)
from tests.audit.helpers import DOCUMENTER_PASS, TwoUsers


def test_failed_unlocks_are_shown_and_audited_once(two_users: TwoUsers) -> None:
    counter = two_users.folder / FILE_NAME
    for attempt in ("wrong passphrase one", "wrong passphrase two"):
        with pytest.raises(WrongPassphraseError):
            unlock_vault(two_users.folder, attempt)
    stored = json.loads(counter.read_text(encoding="utf-8"))
    assert set(stored) == {"count", "last_at"}  # a number and a time, nothing else
    assert stored["count"] == 2

    session = two_users.documenter()
    try:
        notices = [w for w in session.vault.warnings
                   if isinstance(w, Notice) and w.code == FAILED_UNLOCKS]
        assert len(notices) == 1
        assert notices[0].params["count"] == 2
        assert notices[0].params["last_at"] == stored["last_at"]
        assert "2 failed unlock attempt(s)" in notices[0]
        assert notices[0] in session.info().warnings
        entries = AuditService(session).log(AuditFilter(action="unlock-failed"))
        assert [(e.object_type, e.details) for e in entries] == [
            ("vault", {"count": 2, "last_at": stored["last_at"]})]
        after = AuditService(session).log(AuditFilter())[-1]
        assert after.action == "login" and after.seq == entries[0].seq + 1
        assert AuditService(session).verify().ok
    finally:
        session.lock()
    assert not counter.exists()

    session = unlock_vault(two_users.folder, DOCUMENTER_PASS)
    try:
        assert not [w for w in session.vault.warnings
                    if getattr(w, "code", None) == FAILED_UNLOCKS]
        assert len(AuditService(session).log(AuditFilter(action="unlock-failed"))) == 1
    finally:
        session.lock()


def test_counter_file(tmp_path: Path) -> None:
    assert read_failed_unlocks(tmp_path) is None
    note_failed_unlock(tmp_path)
    note_failed_unlock(tmp_path)
    found = read_failed_unlocks(tmp_path)
    assert found is not None and found.count == 2 and found.last_at.endswith("+00:00")
    (tmp_path / FILE_NAME).write_text("not json")
    assert read_failed_unlocks(tmp_path) == FailedUnlocks(1, "")  # damaged: something failed
    (tmp_path / FILE_NAME).write_text(json.dumps({"count": 0, "last_at": ""}))
    assert read_failed_unlocks(tmp_path) is None
    (tmp_path / FILE_NAME).write_text(json.dumps({"count": 10**12, "last_at": "x" * 100}))
    assert read_failed_unlocks(tmp_path) == FailedUnlocks(1_000_000, "x" * 40)
    clear_failed_unlocks(tmp_path)
    clear_failed_unlocks(tmp_path)  # nothing to clear is fine
    assert read_failed_unlocks(tmp_path) is None
    note_failed_unlock(tmp_path / "missing")  # no folder: nothing is created
    assert not (tmp_path / "missing").exists()
