"""The command line, run in-process with test-only KDF parameters."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from casebook.cli.main import main
from casebook.services.vault_service import KdfPolicy
from casebook.storage.migrate import head_revision

PASS = "saffron lantern quietly orbits 1917"
NEW_PASS = "another long passphrase, seven words"


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def json(self) -> object:
        return json.loads(self.out)


Runner = Callable[..., Result]


@pytest.fixture
def cli(kdf_policy: KdfPolicy, vault_dir: Path) -> Iterator[Runner]:
    def run(*argv: str, env: dict[str, str] | None = None, prompts: list[str] | None = None,
            interactive: bool = False) -> Result:
        out, err = io.StringIO(), io.StringIO()
        answers = iter(prompts or [])
        code = main(
            ["--vault", str(vault_dir), *argv],
            environ=env if env is not None else {"CASEBOOK_PASSPHRASE": PASS},
            stdout=out,
            stderr=err,
            kdf_policy=kdf_policy,
            prompter=lambda _prompt: next(answers),
            interactive=interactive,
        )
        assert "Traceback" not in err.getvalue() or "--debug" in argv
        return Result(code, out.getvalue(), err.getvalue())

    yield run


def test_init_then_info_json(cli: Runner, vault_dir: Path) -> None:
    created = cli("init", "--user", "Amal Haddad", "--role", "documenter", "--json")
    assert created.code == 0, created.err
    info = cli("info", "--json")
    assert info.code == 0, info.err
    data = info.json()
    assert isinstance(data, dict)
    assert data["path"] == str(vault_dir)
    assert data["key_file_format"] == 1
    assert data["database_schema"] == head_revision()
    [user] = data["users"]
    assert user["name"] == "Amal Haddad"
    assert user["role"] == "documenter"
    assert len(user["fingerprint"].split()) == 8
    assert user["is_current"] is True


def test_wrong_passphrase_exits_3(cli: Runner) -> None:
    assert cli("init", "--user", "Amal").code == 0
    result = cli("info", env={"CASEBOOK_PASSPHRASE": "not it"})
    assert result.code == 3
    assert "passphrase does not open" in result.err
    assert result.out == ""


def test_damaged_key_file_exits_4_naming_the_file(cli: Runner, vault_dir: Path) -> None:
    assert cli("init", "--user", "Amal").code == 0
    for name in ("vault.key", "vault.key.bak"):
        data = bytearray((vault_dir / name).read_bytes())
        data[40] ^= 0x01
        (vault_dir / name).write_bytes(bytes(data))
    result = cli("info")
    assert result.code == 4
    assert str(vault_dir / "vault.key") in result.err
    assert "backup" in result.err


def test_damaged_main_key_file_uses_backup_with_warning(cli: Runner, vault_dir: Path) -> None:
    assert cli("init", "--user", "Amal").code == 0
    (vault_dir / "vault.key").write_bytes(b"CASEBOOKVAULTKEY garbage")
    result = cli("info", "--json")
    assert result.code == 0
    assert result.err.count("backup copy") == 1
    assert any("backup copy" in w for w in result.json()["warnings"])  # type: ignore[index]


def test_usage_errors_exit_2(cli: Runner) -> None:
    assert cli("frobnicate").code == 2
    assert cli("init").code == 2  # --user missing
    assert cli("init", "--user", "A", "--role", "admin").code == 2


def test_missing_passphrase_without_terminal_is_a_usage_error(cli: Runner) -> None:
    result = cli("init", "--user", "Amal", env={})
    assert result.code == 2
    assert "CASEBOOK_PASSPHRASE" in result.err


def test_no_vault_is_reported(cli: Runner, vault_dir: Path) -> None:
    result = cli("info")
    assert result.code == 1
    assert str(vault_dir) in result.err


def test_init_refuses_existing_vault(cli: Runner, vault_dir: Path) -> None:
    assert cli("init", "--user", "Amal").code == 0
    before = {p.name: p.read_bytes() for p in vault_dir.iterdir() if p.is_file()}
    result = cli("init", "--user", "Someone Else")
    assert result.code == 1
    assert "already holds a vault" in result.err
    assert {p.name: p.read_bytes() for p in vault_dir.iterdir() if p.is_file()} == before


def test_prompted_passphrase_twice_on_create(cli: Runner) -> None:
    mismatch = cli("init", "--user", "Amal", env={}, prompts=[PASS, PASS + "x"], interactive=True)
    assert mismatch.code == 2
    assert "differ" in mismatch.err
    ok = cli("init", "--user", "Amal", env={}, prompts=[PASS, PASS], interactive=True)
    assert ok.code == 0, ok.err
    assert cli("info", env={}, prompts=[PASS], interactive=True).code == 0


def test_weak_passphrase_gets_a_warning(cli: Runner) -> None:
    result = cli("init", "--user", "Amal", env={"CASEBOOK_PASSPHRASE": "password1"})
    assert result.code == 0
    assert "weak" in result.err
    assert "guesses" in result.err


def test_passwd(cli: Runner) -> None:
    assert cli("init", "--user", "Amal").code == 0
    changed = cli("passwd", env={"CASEBOOK_PASSPHRASE": PASS, "CASEBOOK_NEW_PASSPHRASE": NEW_PASS})
    assert changed.code == 0, changed.err
    assert cli("info").code == 3
    assert cli("info", env={"CASEBOOK_PASSPHRASE": NEW_PASS}).code == 0


def test_passwd_with_wrong_current_changes_nothing(cli: Runner, vault_dir: Path) -> None:
    assert cli("init", "--user", "Amal").code == 0
    before = (vault_dir / "vault.key").read_bytes()
    env = {"CASEBOOK_PASSPHRASE": "wrong", "CASEBOOK_NEW_PASSPHRASE": NEW_PASS}
    result = cli("passwd", env=env)
    assert result.code == 3
    assert (vault_dir / "vault.key").read_bytes() == before


def test_user_add_and_list(cli: Runner) -> None:
    assert cli("init", "--user", "Supervisor Salma", "--role", "supervisor").code == 0
    env = {"CASEBOOK_PASSPHRASE": PASS, "CASEBOOK_NEW_PASSPHRASE": NEW_PASS}
    added = cli("user", "add", "رامي الحلبي", "--role", "documenter", "--json", env=env)
    assert added.code == 0, added.err
    assert added.json()["name"] == "رامي الحلبي"  # type: ignore[index]
    listing = cli("user", "list", "--json", env={"CASEBOOK_PASSPHRASE": NEW_PASS})
    users = listing.json()
    assert isinstance(users, list)
    assert [(u["name"], u["role"], u["is_current"]) for u in users] == [
        ("Supervisor Salma", "supervisor", False),
        ("رامي الحلبي", "documenter", True),
    ]


def test_documenter_cannot_add_supervisor(cli: Runner) -> None:
    assert cli("init", "--user", "Amal").code == 0
    env = {"CASEBOOK_PASSPHRASE": PASS, "CASEBOOK_NEW_PASSPHRASE": NEW_PASS}
    result = cli("user", "add", "Boss", "--role", "supervisor", env=env)
    assert result.code == 1
    assert "Only a supervisor" in result.err
    assert len(cli("user", "list", "--json").json()) == 1  # type: ignore[arg-type]


def test_debug_shows_traceback(cli: Runner) -> None:
    result = cli("--debug", "info")
    assert result.code == 1
    assert "Traceback" in result.err


def test_vault_from_environment(kdf_policy: KdfPolicy, tmp_path: Path) -> None:
    target = tmp_path / "from-env"
    out, err = io.StringIO(), io.StringIO()
    code = main(["init", "--user", "Amal"], environ={"CASEBOOK_PASSPHRASE": PASS,
                "CASEBOOK_VAULT": str(target)}, stdout=out, stderr=err, kdf_policy=kdf_policy)
    assert code == 0, err.getvalue()
    assert (target / "vault.key").is_file()


def test_default_vault_is_in_platform_data_dir(
    kdf_policy: KdfPolicy, isolated_environment: Path
) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = main(["init", "--user", "Amal"], environ={"CASEBOOK_PASSPHRASE": PASS},
                stdout=out, stderr=err, kdf_policy=kdf_policy)
    assert code == 0, err.getvalue()
    assert (isolated_environment / "data" / "casebook" / "vault" / "vault.key").is_file()
