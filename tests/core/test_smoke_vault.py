from pathlib import Path

from casebook.services.vault_service import VaultSession, unlock_vault
from tests.audit_filters import REFERENCE_ENTRIES
from tests.conftest import PASSPHRASE


def test_create_lock_unlock_round_trip(vault_session: VaultSession, vault_dir: Path) -> None:
    assert vault_session.info().audit_entries == 2 + REFERENCE_ENTRIES
    vault_session.lock()
    reopened = unlock_vault(vault_dir, PASSPHRASE)
    try:
        info = reopened.info()
        assert [u.name for u in info.users] == ["Test Documenter"]
        assert info.audit_entries == 3 + REFERENCE_ENTRIES  # vault-create, user-add, login
        assert reopened.check_audit_chain() is None
    finally:
        reopened.lock()
