"""The installed ``casebook`` command as a user runs it: real process, real exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from casebook.domain.users import Role
from casebook.services.vault_service import KdfPolicy, create_vault

PASS = "olive grove at dawn, nine ravens"


def casebook(*args: str, passphrase: str | None = PASS) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if passphrase is not None:
        env["CASEBOOK_PASSPHRASE"] = passphrase
    executable = shutil.which("casebook", path=str(Path(sys.executable).parent))
    command = [executable] if executable else [sys.executable, "-m", "casebook.cli"]
    return subprocess.run(
        [*command, *args], env=env, capture_output=True, text=True, timeout=120,
        stdin=subprocess.DEVNULL, check=False,
    )


@pytest.fixture
def made_vault(vault_dir: Path, kdf_policy: KdfPolicy) -> Path:
    create_vault(vault_dir, "Amal", Role.DOCUMENTER, PASS, kdf_policy).lock()
    return vault_dir


def test_info_json(made_vault: Path) -> None:
    result = casebook("--vault", str(made_vault), "info", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [u["name"] for u in data["users"]] == ["Amal"]


def test_wrong_passphrase_exit_code(made_vault: Path) -> None:
    result = casebook("--vault", str(made_vault), "info", passphrase="nope")
    assert result.returncode == 3
    assert "Traceback" not in result.stderr


def test_damaged_key_file_exit_code(made_vault: Path) -> None:
    for name in ("vault.key", "vault.key.bak"):
        (made_vault / name).write_bytes((made_vault / name).read_bytes()[:50])
    result = casebook("--vault", str(made_vault), "info")
    assert result.returncode == 4
    assert "vault.key" in result.stderr
    assert "Traceback" not in result.stderr


def test_no_passphrase_and_no_terminal(made_vault: Path) -> None:
    result = casebook("--vault", str(made_vault), "info", passphrase=None)
    assert result.returncode == 2
    assert "CASEBOOK_PASSPHRASE" in result.stderr


@pytest.mark.slow
def test_init_with_real_parameters(vault_dir: Path) -> None:
    """The documented quick start, with the real Argon2id cost (256 MiB, 3 passes)."""
    created = casebook("--vault", str(vault_dir), "init", "--user", "Amal", "--role", "documenter")
    assert created.returncode == 0, created.stderr
    info = casebook("--vault", str(vault_dir), "info", "--json")
    assert info.returncode == 0, info.stderr
    [user] = json.loads(info.stdout)["users"]
    assert (user["kdf_memory_kib"], user["kdf_iterations"], user["kdf_lanes"]) == (262144, 3, 4)
    assert json.loads(info.stdout)["warnings"] == []
