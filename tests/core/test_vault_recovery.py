"""Recovery paths: unsafe main key file with a good backup, stale staging folders,
folders dropped by copying tools, the user's empty target folder kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from casebook.domain.users import Role
from casebook.services.vault_service import KdfPolicy, create_vault, unlock_vault
from tests.core.helpers import KEY_FILE, build_key_file, split_key_file

PASS = "seven quiet rivers under the bridge"


def test_unsafe_main_key_file_falls_back_to_backup(vault_dir: Path, kdf_policy: KdfPolicy) -> None:
    create_vault(vault_dir, "Amal", Role.DOCUMENTER, PASS, kdf_policy).lock()
    header, directory = split_key_file((vault_dir / KEY_FILE).read_bytes())
    header["slots"][0]["kdf"]["memory_kib"] = 8 * 1024 * 1024
    (vault_dir / KEY_FILE).write_bytes(build_key_file(header, directory))
    session = unlock_vault(vault_dir, PASS)
    try:
        assert any("backup copy" in w for w in session.info().warnings)
    finally:
        session.lock()


def test_stale_staging_folder_is_cleared(tmp_path: Path, kdf_policy: KdfPolicy) -> None:
    stale = tmp_path / ".vault.creating-deadbeef"
    stale.mkdir()
    (stale / KEY_FILE).write_bytes(b"left by a killed init")
    create_vault(tmp_path / "vault", "Amal", Role.DOCUMENTER, PASS, kdf_policy).lock()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vault"]


def test_empty_target_folder_is_kept_if_creation_fails(
    tmp_path: Path, kdf_policy: KdfPolicy, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "usb-stick-folder"
    target.mkdir()
    real = os.replace

    def refuse(src: object, dst: object) -> None:
        if ".creating-" in str(src):
            raise OSError("rename refused")
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="rename refused"):
        create_vault(target, "Amal", Role.DOCUMENTER, PASS, kdf_policy)
    assert target.is_dir()
    assert list(target.iterdir()) == []


def test_folders_dropped_by_a_copy_are_recreated(vault_dir: Path, kdf_policy: KdfPolicy) -> None:
    create_vault(vault_dir, "Amal", Role.DOCUMENTER, PASS, kdf_policy).lock()
    (vault_dir / "blobs").rmdir()
    (vault_dir / "backups").rmdir()
    unlock_vault(vault_dir, PASS).lock()
    assert (vault_dir / "blobs").is_dir()
    assert (vault_dir / "backups").is_dir()
