"""Isolation for every test: no real home, config, data, cache or temp directory,
no passphrase from the environment, and a cheap Argon2 parameter set passed explicitly."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from casebook.crypto.kdf import TEST_ONLY_PARAMS
from casebook.domain.users import Role
from casebook.services.vault_service import KdfPolicy, VaultSession, create_vault

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSPHRASE = "correct horse battery staple 42"
USER_NAME = "Test Documenter"


@pytest.fixture(autouse=True)
def isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point HOME, XDG dirs and the temp dir at a fresh folder for each test."""
    root = tmp_path_factory.mktemp("env")
    for name in ("home", "data", "config", "cache", "state", "runtime", "tmp"):
        (root / name).mkdir(mode=0o700)
    monkeypatch.setenv("HOME", str(root / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(root / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(root / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(root / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(root / "state"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(root / "runtime"))
    monkeypatch.setenv("TMPDIR", str(root / "tmp"))
    monkeypatch.setattr(tempfile, "tempdir", str(root / "tmp"))
    for name in ("CASEBOOK_PASSPHRASE", "CASEBOOK_NEW_PASSPHRASE", "CASEBOOK_VAULT"):
        monkeypatch.delenv(name, raising=False)
    return root


@pytest.fixture
def kdf_policy() -> KdfPolicy:
    """Test-only Argon2 parameters (64 KiB, 1 pass). Never used outside tests."""
    return KdfPolicy(TEST_ONLY_PARAMS, enforce_floor=False)


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def vault_session(vault_dir: Path, kdf_policy: KdfPolicy) -> Iterator[VaultSession]:
    """A fresh vault for this test, with one documenter, unlocked; locked afterwards."""
    session = create_vault(vault_dir, USER_NAME, Role.DOCUMENTER, PASSPHRASE, kdf_policy)
    yield session
    session.lock()
