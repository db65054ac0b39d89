"""A vault made by the first release (``tests/fixtures/vault-v1``) still opens.

The fixture is only ever opened from a copy: unlocking writes a login entry, and the
manifest check below would catch a test that opened it in place.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from casebook.crypto.signing import key_id
from casebook.domain.errors import WrongPassphraseError
from casebook.domain.users import Role
from casebook.services.vault_service import unlock_vault
from casebook.storage import keyfile, migrate
from casebook.storage.models import AuditEntry
from tests.audit_filters import REFERENCE_ENTRIES, without_reference_data

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FIXTURE = FIXTURES / "vault-v1"
MANIFEST = FIXTURES / "vault-v1.sha256"
FIXTURE_SCHEMA = "0001"

USERS = {
    "fixture supervisor v1": ("Fixture Supervisor", Role.SUPERVISOR),
    "fixture passphrase v1": ("Fixture Documenter", Role.DOCUMENTER),
}


def fixture_matches_manifest() -> None:
    expected = {}
    for line in MANIFEST.read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        expected[name] = digest
    actual = {
        path.relative_to(FIXTURE).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in FIXTURE.rglob("*")
        if path.is_file()
    }
    assert actual == expected, "tests/fixtures/vault-v1 was changed (opened in place?)"


@pytest.fixture
def vault_copy(tmp_path: Path) -> Path:
    fixture_matches_manifest()
    target = tmp_path / "vault-v1"
    shutil.copytree(FIXTURE, target)
    return target


def test_fixture_is_at_the_first_schema(
    vault_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy is really old: opened without migrating, its schema is the first one."""

    def no_migration(_engine: Engine, _path: Path) -> None:
        return None

    monkeypatch.setattr(migrate, "upgrade_to_head", no_migration)
    monkeypatch.setattr("casebook.services.vault_service.VaultSession.record_login",
                        lambda _self, _failures=None: None)
    monkeypatch.setattr("casebook.services.reference_data.ensure_reference_data",
                        lambda _session: False)
    session = unlock_vault(vault_copy, "fixture supervisor v1")
    try:
        assert migrate.current_revision(session.vault.engine) == FIXTURE_SCHEMA
    finally:
        session.lock()


@pytest.mark.parametrize("passphrase", sorted(USERS))
def test_fixture_opens_with_each_passphrase(vault_copy: Path, passphrase: str) -> None:
    name, role = USERS[passphrase]
    session = unlock_vault(vault_copy, passphrase)
    try:
        assert session.user.name == name
        assert session.user.role is role
        assert sorted((u.name, u.role) for u in session.vault.users) == sorted(USERS.values())
        assert session.vault.warnings == ()
        info = session.info()
        assert info.database_schema == migrate.head_revision()
        assert info.key_file_format == keyfile.FORMAT_VERSION == 1
        assert session.check_audit_chain() is None
        supervisor = next(u for u in session.vault.users if u.role is Role.SUPERVISOR)
        with Session(session.vault.engine) as db:
            entries = without_reference_data(
                db.exec(select(AuditEntry).order_by(col(AuditEntry.seq))))
        # The reference data arrives at the first unlock after the upgrade.
        assert [e.action for e in entries] == ["vault-create", "user-add", "user-add", "login"]
        assert {e.actor for e in entries[:3]} == {key_id(supervisor.public_key)}
        assert entries[-1].actor == key_id(session.user.public_key)
    finally:
        session.lock()
    # Opened again after migration: still whole, nothing migrated twice.
    again = unlock_vault(vault_copy, passphrase)
    try:
        assert again.check_audit_chain() is None
        assert again.info().audit_entries == 5 + REFERENCE_ENTRIES
    finally:
        again.lock()
    fixture_matches_manifest()


def test_fixture_refuses_other_passphrases(vault_copy: Path) -> None:
    for wrong in ("fixture passphrase v2", "Fixture Supervisor", "fixture supervisor v1 "):
        with pytest.raises(WrongPassphraseError):
            unlock_vault(vault_copy, wrong)
    fixture_matches_manifest()
