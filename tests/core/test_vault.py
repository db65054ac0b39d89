"""The vault folder: create, unlock, lock, users, passphrases, damage, the audit trail."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from sqlmodel import Session, col, select

from casebook.audit import chain
from casebook.crypto.kdf import DEFAULT_PARAMS, MIN_PRODUCTION_MEMORY_KIB, Argon2Params
from casebook.crypto.signing import key_id
from casebook.crypto.subkeys import Purpose, derive_subkey
from casebook.domain.errors import (
    DamagedDatabaseError,
    DamagedKeyFileError,
    ExitCode,
    PermissionDeniedError,
    ValidationError,
    VaultExistsError,
    VaultLockedError,
    VaultNotFoundError,
    WrongPassphraseError,
)
from casebook.domain.users import Role
from casebook.services.events import AuditAppended, Event, VaultLocked
from casebook.services.unit_of_work import UnauditedChangeError, UnitOfWork
from casebook.services.vault_service import (
    REAL_KDF,
    KdfPolicy,
    VaultSession,
    create_vault,
    unlock_vault,
)
from casebook.storage import database, migrate
from casebook.storage import vault as vault_store
from casebook.storage.database import connect_raw
from casebook.storage.keyfile import parse_key_file
from casebook.storage.models import AuditEntry, VaultMeta
from tests.audit_filters import REFERENCE_ENTRIES, without_reference_data
from tests.core.helpers import (
    DATABASE,
    KEY_BACKUP,
    KEY_FILE,
    flip,
    materialise,
    snapshot,
    split_key_file,
)

SUPERVISOR = "Vault Supervisor"
SUPERVISOR_PASS = "supervisor passphrase alpha 1"
DOCUMENTER = "Vault Documenter"
DOCUMENTER_PASS = "documenter passphrase beta 2"
THIRD = "Third User"
THIRD_PASS = "third passphrase gamma 3"


def make_vault(directory: Path, policy: KdfPolicy, *, users: int = 1) -> VaultSession:
    """Supervisor first; then a documenter and a third user as asked. Left unlocked."""
    session = create_vault(directory, SUPERVISOR, Role.SUPERVISOR, SUPERVISOR_PASS, policy)
    if users >= 2:
        session.add_user(DOCUMENTER, Role.DOCUMENTER, DOCUMENTER_PASS, policy)
    if users >= 3:
        session.add_user(THIRD, Role.DOCUMENTER, THIRD_PASS, policy)
    return session


def audit_actions(session: VaultSession) -> list[str]:
    """The audit trail's actions, leaving out the shipped reference data every new
    vault installs (test_reference_data.py checks those entries)."""
    with Session(session.vault.engine) as db:
        entries = db.exec(select(AuditEntry).order_by(col(AuditEntry.seq))).all()
    return [e.action for e in entries
            if not (e.action == "taxonomy-install"
                    or (e.action == "import" and e.object_type == "place"))]


def slot_json(directory: Path, slot_id: str) -> dict[str, object]:
    header, _directory = split_key_file((directory / KEY_FILE).read_bytes())
    return next(s for s in header["slots"] if s["slot_id"] == slot_id)


def opens(directory: Path, passphrase: str) -> bool:
    try:
        session = unlock_vault(directory, passphrase)
    except WrongPassphraseError:
        return False
    session.lock()
    return True


# --------------------------------------------------------------------------- basics


def test_create_unlock_lock(vault_dir: Path, kdf_policy: KdfPolicy) -> None:
    session = make_vault(vault_dir, kdf_policy)
    assert session.user.name == SUPERVISOR
    assert session.user.role is Role.SUPERVISOR
    assert not session.is_locked
    assert {p.name for p in vault_dir.iterdir()} - {f"{DATABASE}-wal", f"{DATABASE}-shm"} == {
        "backups", "blobs", DATABASE, KEY_FILE, KEY_BACKUP
    }
    assert (vault_dir / KEY_FILE).read_bytes() == (vault_dir / KEY_BACKUP).read_bytes()
    info = session.info()
    assert info.vault_id == session.vault.vault_id
    assert info.database_schema == migrate.head_revision()
    assert [u.name for u in info.users] == [SUPERVISOR]
    assert info.users[0].is_current
    assert audit_actions(session) == ["vault-create", "user-add"]
    session.lock()
    assert session.is_locked
    assert sorted(p.name for p in vault_dir.iterdir()) == sorted(
        ["backups", "blobs", DATABASE, KEY_FILE, KEY_BACKUP]
    )

    again = unlock_vault(vault_dir, SUPERVISOR_PASS)
    try:
        assert again.user.name == SUPERVISOR
        assert again.vault.vault_id == info.vault_id
        assert audit_actions(again) == ["vault-create", "user-add", "login"]
        with Session(again.vault.engine) as db:
            login = db.exec(select(AuditEntry).order_by(col(AuditEntry.seq).desc())).first()
        assert login is not None
        assert login.actor == key_id(again.user.public_key)
        assert login.object_id == again.user.id
    finally:
        again.lock()


def test_wrong_passphrase(vault_dir: Path, kdf_policy: KdfPolicy) -> None:
    make_vault(vault_dir, kdf_policy).lock()
    before = snapshot(vault_dir)
    for wrong in ("supervisor passphrase alpha 2", SUPERVISOR_PASS.upper(), " " + SUPERVISOR_PASS):
        with pytest.raises(WrongPassphraseError) as info:
            unlock_vault(vault_dir, wrong)
        assert info.value.exit_code == ExitCode.WRONG_PASSPHRASE
        assert wrong not in str(info.value)
    with pytest.raises(ValidationError):
        unlock_vault(vault_dir, "")
    after = snapshot(vault_dir)
    # Failed attempts change nothing but the plaintext counter beside the vault.
    assert json.loads(after.pop("unlock-failures"))["count"] == 3
    assert after == before
    session = unlock_vault(vault_dir, SUPERVISOR_PASS)
    assert audit_actions(session)[-2:] == ["unlock-failed", "login"]
    assert audit_actions(session).count("login") == 1
    session.lock()


def test_unlock_where_there_is_no_vault(tmp_path: Path) -> None:
    with pytest.raises(VaultNotFoundError):
        unlock_vault(tmp_path / "nowhere", "x")
    (tmp_path / "empty").mkdir()
    with pytest.raises(VaultNotFoundError):
        unlock_vault(tmp_path / "empty", "x")
    assert list((tmp_path / "empty").iterdir()) == []


def test_two_users_each_open_as_themselves(vault_dir: Path, kdf_policy: KdfPolicy) -> None:
    make_vault(vault_dir, kdf_policy, users=2).lock()
    for passphrase, name, role in (
        (SUPERVISOR_PASS, SUPERVISOR, Role.SUPERVISOR),
        (DOCUMENTER_PASS, DOCUMENTER, Role.DOCUMENTER),
    ):
        session = unlock_vault(vault_dir, passphrase)
        try:
            assert session.user.name == name
            assert session.user.role is role
            assert {u.name for u in session.vault.users} == {SUPERVISOR, DOCUMENTER}
            assert [u.name for u in session.info().users if u.is_current] == [name]
        finally:
            session.lock()


@pytest.mark.parametrize(
    ("composed", "decomposed"),
    [
        ("caf\u00e9 au lait passphrase", "cafe\u0301 au lait passphrase"),
        ("كلمة \u0623مان طويلة", "كلمة \u0627\u0654مان طويلة"),
    ],
)
def test_passphrase_is_nfc_normalised(
    tmp_path: Path, kdf_policy: KdfPolicy, composed: str, decomposed: str
) -> None:
    assert composed != decomposed
    first = tmp_path / "composed"
    create_vault(first, SUPERVISOR, Role.SUPERVISOR, composed, kdf_policy).lock()
    session = unlock_vault(first, decomposed)
    assert session.user.name == SUPERVISOR
    # ... and a passphrase changed to the decomposed form opens with the composed one.
    session.change_passphrase(decomposed, decomposed + " 2", kdf_policy)
    session.lock()
    opened = unlock_vault(first, composed + " 2")
    opened.lock()

    second = tmp_path / "decomposed"
    create_vault(second, SUPERVISOR, Role.SUPERVISOR, decomposed, kdf_policy).lock()
    unlock_vault(second, composed).lock()


def test_user_names_are_nfc_normalised_and_trimmed(vault_dir: Path,
                                                    kdf_policy: KdfPolicy) -> None:
    session = create_vault(vault_dir, "  Zoe\u0308 Example  ", Role.DOCUMENTER, "pass one two",
                           kdf_policy)
    try:
        assert session.user.name == "Zo\u00eb Example"
        with pytest.raises(ValidationError):
            session.add_user("zo\u00eb example", Role.DOCUMENTER, "other passphrase", kdf_policy)
        with pytest.raises(ValidationError):
            session.add_user("   ", Role.DOCUMENTER, "other passphrase", kdf_policy)
        with pytest.raises(ValidationError):
            session.add_user("bad\nname", Role.DOCUMENTER, "other passphrase", kdf_policy)
    finally:
        session.lock()


# --------------------------------------------------------------------------- creation


def test_creation_into_non_empty_folder_is_refused(tmp_path: Path, kdf_policy: KdfPolicy) -> None:
    target = tmp_path / "parent" / "folder"
    target.mkdir(parents=True)
    (target / "notes.txt").write_text("someone's notes", encoding="utf-8")
    (target / ".hidden").write_bytes(b"\x00\x01")
    before = snapshot(target)
    with pytest.raises(VaultExistsError, match="other files"):
        create_vault(target, SUPERVISOR, Role.SUPERVISOR, SUPERVISOR_PASS, kdf_policy)
    assert snapshot(target) == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["folder"]  # no staging left

    existing = tmp_path / "vault"
    make_vault(existing, kdf_policy).lock()
    before = snapshot(existing)
    with pytest.raises(VaultExistsError, match="a vault"):
        create_vault(existing, DOCUMENTER, Role.DOCUMENTER, DOCUMENTER_PASS, kdf_policy)
    assert snapshot(existing) == before
    unlock_vault(existing, SUPERVISOR_PASS).lock()

    a_file = tmp_path / "file"
    a_file.write_bytes(b"x")
    with pytest.raises(VaultExistsError):
        create_vault(a_file, SUPERVISOR, Role.SUPERVISOR, SUPERVISOR_PASS, kdf_policy)
    assert a_file.read_bytes() == b"x"


def test_creation_into_an_empty_existing_folder(tmp_path: Path, kdf_policy: KdfPolicy) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    make_vault(target, kdf_policy).lock()
    assert (target / KEY_FILE).is_file()
    unlock_vault(target, SUPERVISOR_PASS).lock()


class Boom(Exception):
    pass


def _fail_in_audit(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_args: object, **_kwargs: object) -> None:
        raise Boom("injected failure while writing the first audit entries")

    monkeypatch.setattr(UnitOfWork, "audit", boom)


def _fail_in_migration(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_args: object, **_kwargs: object) -> None:
        raise Boom("injected failure in the schema migration")

    monkeypatch.setattr(migrate, "upgrade_to_head", boom)


def _fail_writing_key_file(monkeypatch: pytest.MonkeyPatch) -> None:
    real = vault_store.write_key_file

    def boom(paths: vault_store.VaultPaths, key_file: object) -> None:
        real(paths, key_file)  # type: ignore[arg-type]
        raise Boom("injected failure after the key file was written")

    monkeypatch.setattr(vault_store, "write_key_file", boom)


def _fail_in_rename(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.replace

    def replace(src: object, dst: object) -> None:
        if ".creating-" in Path(str(src)).name:
            raise Boom("injected failure renaming the staging folder")
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)


def _interrupt_in_initialise(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(UnitOfWork, "audit", interrupt)


@pytest.mark.parametrize(
    ("inject", "expected"),
    [
        (_fail_in_audit, Boom),
        (_fail_in_migration, Boom),
        (_fail_writing_key_file, Boom),
        (_fail_in_rename, Boom),
        (_interrupt_in_initialise, KeyboardInterrupt),
    ],
)
@pytest.mark.parametrize("target_exists", [False, True])
def test_interrupted_creation_leaves_nothing(
    tmp_path: Path,
    kdf_policy: KdfPolicy,
    monkeypatch: pytest.MonkeyPatch,
    inject: Callable[[pytest.MonkeyPatch], None],
    expected: type[BaseException],
    target_exists: bool,
) -> None:
    parent = tmp_path / "parent"
    parent.mkdir()
    target = parent / "vault"
    if target_exists:
        target.mkdir()
    with monkeypatch.context() as patch:
        inject(patch)
        with pytest.raises(expected):
            create_vault(target, SUPERVISOR, Role.SUPERVISOR, SUPERVISOR_PASS, kdf_policy)
    # No vault and no staging folder. (An empty folder chosen as the target may be
    # gone: creation removes it just before renaming the staging folder into place.)
    assert {p.name for p in parent.iterdir()} <= {"vault"}
    assert not target.exists() or list(target.iterdir()) == []
    if not target_exists:
        assert not target.exists()
    # And the place is still free for a real vault.
    make_vault(target, kdf_policy).lock()
    unlock_vault(target, SUPERVISOR_PASS).lock()


def test_interrupted_creation_through_storage_layer(tmp_path: Path) -> None:
    """``create`` itself: an ``initialise`` that fails takes the staging folder with it."""
    seen: list[Path] = []

    def initialise(vault: vault_store.UnlockedVault) -> None:
        seen.append(vault.paths.root)
        assert (vault.paths.root / KEY_FILE).is_file()
        raise Boom("initialise failed")

    with pytest.raises(Boom):
        vault_store.create(
            tmp_path / "v", user_name="X", role=Role.DOCUMENTER, passphrase=b"p",
            params=Argon2Params(64, 1, 1), initialise=initialise,
        )
    assert len(seen) == 1
    assert seen[0].parent == tmp_path
    assert seen[0].name.startswith(".v.creating-")
    assert not seen[0].exists()
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- KDF policy


def test_policy_floor_refuses_weak_parameters(tmp_path: Path, kdf_policy: KdfPolicy) -> None:
    assert REAL_KDF.params == DEFAULT_PARAMS
    assert REAL_KDF.enforce_floor
    weak = KdfPolicy(Argon2Params(MIN_PRODUCTION_MEMORY_KIB - 1, 3, 4))
    with pytest.raises(ValidationError, match="floor"):
        create_vault(tmp_path / "weak", SUPERVISOR, Role.SUPERVISOR, SUPERVISOR_PASS, weak)
    assert list(tmp_path.iterdir()) == []
    assert KdfPolicy(Argon2Params(MIN_PRODUCTION_MEMORY_KIB, 1, 1)).checked_params()

    session = make_vault(tmp_path / "v", kdf_policy)
    key_before = (tmp_path / "v" / KEY_FILE).read_bytes()
    with pytest.raises(ValidationError):
        session.add_user(DOCUMENTER, Role.DOCUMENTER, DOCUMENTER_PASS, weak)
    with pytest.raises(ValidationError):
        session.change_passphrase(SUPERVISOR_PASS, "new one", weak)
    assert (tmp_path / "v" / KEY_FILE).read_bytes() == key_before
    assert any("test-only" in w for w in session.info().warnings)
    session.lock()


@pytest.mark.slow
def test_real_kdf_parameters(tmp_path: Path) -> None:
    """The only test that runs Argon2id with the real parameters (once)."""
    assert REAL_KDF.params == Argon2Params(memory_kib=256 * 1024, iterations=3, lanes=4)
    assert REAL_KDF.enforce_floor
    floor_minus_one = Argon2Params(64 * 1024 - 1, 3, 4)
    with pytest.raises(ValidationError, match="floor"):
        create_vault(tmp_path / "weak", SUPERVISOR, Role.SUPERVISOR, SUPERVISOR_PASS,
                     KdfPolicy(floor_minus_one))
    assert not (tmp_path / "weak").exists()

    session = create_vault(tmp_path / "real", SUPERVISOR, Role.SUPERVISOR, SUPERVISOR_PASS)
    try:
        info = session.info()
        assert (info.users[0].kdf_memory_kib, info.users[0].kdf_iterations,
                info.users[0].kdf_lanes) == (256 * 1024, 3, 4)
        assert not any("test-only" in w for w in info.warnings)
    finally:
        session.lock()
    slot = parse_key_file((tmp_path / "real" / KEY_FILE).read_bytes(), Path(KEY_FILE)).slots[0]
    assert slot.kdf == DEFAULT_PARAMS


# --------------------------------------------------------------------------- timing


@pytest.mark.parametrize(
    "passphrase", [SUPERVISOR_PASS, DOCUMENTER_PASS, THIRD_PASS, "none of them"]
)
def test_unlock_runs_the_kdf_once_per_slot_whichever_matches(
    vault_dir: Path, kdf_policy: KdfPolicy, monkeypatch: pytest.MonkeyPatch, passphrase: str
) -> None:
    make_vault(vault_dir, kdf_policy, users=3).lock()
    salts: list[bytes] = []
    real = vault_store.derive_kek

    def counting(passphrase: bytes, salt: bytes, params: Argon2Params, **kwargs: object) -> bytes:
        salts.append(salt)
        return real(passphrase, salt, params, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(vault_store, "derive_kek", counting)
    if passphrase == "none of them":
        with pytest.raises(WrongPassphraseError):
            unlock_vault(vault_dir, passphrase)
    else:
        unlock_vault(vault_dir, passphrase).lock()
    key_file = parse_key_file((vault_dir / KEY_FILE).read_bytes(), Path(KEY_FILE))
    assert len(key_file.slots) == 3
    assert sorted(salts) == sorted(s.salt for s in key_file.slots)  # each slot exactly once


# --------------------------------------------------------------------------- users


def test_documenter_cannot_add_a_supervisor(vault_dir: Path, kdf_policy: KdfPolicy) -> None:
    make_vault(vault_dir, kdf_policy, users=2).lock()
    session = unlock_vault(vault_dir, DOCUMENTER_PASS)
    try:
        key_before = (vault_dir / KEY_FILE).read_bytes()
        actions_before = audit_actions(session)
        with pytest.raises(PermissionDeniedError):
            session.add_user("New Boss", Role.SUPERVISOR, "boss passphrase", kdf_policy)
        assert (vault_dir / KEY_FILE).read_bytes() == key_before
        assert audit_actions(session) == actions_before
        added = session.add_user("Field Colleague", Role.DOCUMENTER, "colleague pass", kdf_policy)
        assert added.role is Role.DOCUMENTER
    finally:
        session.lock()
    colleague = unlock_vault(vault_dir, "colleague pass")
    assert colleague.user.name == "Field Colleague"
    assert audit_actions(colleague)[-3:] == ["login", "user-add", "login"]
    colleague.lock()


def test_supervisor_can_add_a_supervisor(vault_dir: Path, kdf_policy: KdfPolicy) -> None:
    session = make_vault(vault_dir, kdf_policy)
    events: list[Event] = []
    session.events.subscribe(events.append)
    user = session.add_user("Second Supervisor", Role.SUPERVISOR, "second sup pass", kdf_policy)
    assert any(getattr(e, "user_id", None) == user.id for e in events)
    session.lock()
    other = unlock_vault(vault_dir, "second sup pass")
    assert other.user.role is Role.SUPERVISOR
    assert other.user.public_key == user.public_key
    other.lock()


def test_duplicate_user_name_refused(vault_dir: Path, kdf_policy: KdfPolicy) -> None:
    session = make_vault(vault_dir, kdf_policy, users=2)
    try:
        key_before = (vault_dir / KEY_FILE).read_bytes()
        for name in (DOCUMENTER, DOCUMENTER.upper(), f"  {SUPERVISOR} "):
            with pytest.raises(ValidationError, match="already"):
                session.add_user(name, Role.DOCUMENTER, "some passphrase", kdf_policy)
        assert (vault_dir / KEY_FILE).read_bytes() == key_before
        assert len(session.vault.users) == 2
    finally:
        session.lock()


# --------------------------------------------------------------------------- passphrase


def test_change_passphrase(vault_dir: Path, kdf_policy: KdfPolicy) -> None:
    make_vault(vault_dir, kdf_policy, users=2).lock()
    session = unlock_vault(vault_dir, DOCUMENTER_PASS)
    me = session.user
    other = next(u for u in session.vault.users if u.id != me.id)
    other_slot_before = slot_json(vault_dir, other.slot_id)
    my_slot_before = slot_json(vault_dir, me.slot_id)

    with pytest.raises(WrongPassphraseError):
        session.change_passphrase("not my passphrase", "whatever new", kdf_policy)
    with pytest.raises(WrongPassphraseError):  # another user's passphrase is not "current"
        session.change_passphrase(SUPERVISOR_PASS, "whatever new", kdf_policy)
    assert slot_json(vault_dir, me.slot_id) == my_slot_before

    session.change_passphrase(DOCUMENTER_PASS, "brand new documenter phrase", kdf_policy)
    assert audit_actions(session)[-1] == "passwd"
    session.lock()

    assert slot_json(vault_dir, other.slot_id) == other_slot_before
    my_slot_after = slot_json(vault_dir, me.slot_id)
    assert my_slot_after["salt"] != my_slot_before["salt"]
    assert my_slot_after["wrapped_keys"] != my_slot_before["wrapped_keys"]
    assert (vault_dir / KEY_FILE).read_bytes() == (vault_dir / KEY_BACKUP).read_bytes()

    with pytest.raises(WrongPassphraseError):
        unlock_vault(vault_dir, DOCUMENTER_PASS)
    again = unlock_vault(vault_dir, "brand new documenter phrase")
    assert again.user.id == me.id
    assert again.user.public_key == me.public_key  # same signing key, only rewrapped
    again.lock()
    supervisor = unlock_vault(vault_dir, SUPERVISOR_PASS)
    assert supervisor.user.name == SUPERVISOR
    supervisor.lock()


# --------------------------------------------------------------------------- key file backup


def _damage(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(flip(data, len(data) // 3))


def test_damaged_main_key_file_uses_backup_with_warning(
    vault_dir: Path, kdf_policy: KdfPolicy
) -> None:
    make_vault(vault_dir, kdf_policy, users=2).lock()
    _damage(vault_dir / KEY_FILE)
    session = unlock_vault(vault_dir, DOCUMENTER_PASS)
    try:
        assert session.user.name == DOCUMENTER
        assert len(session.vault.warnings) == 1
        assert "backup" in session.vault.warnings[0]
        assert "damaged" in session.vault.warnings[0]
        assert session.vault.warnings[0] in session.info().warnings
        # The next change rewrites the main copy from the good state.
        session.change_passphrase(DOCUMENTER_PASS, "documenter after repair", kdf_policy)
    finally:
        session.lock()
    parse_key_file((vault_dir / KEY_FILE).read_bytes(), Path(KEY_FILE))
    repaired = unlock_vault(vault_dir, "documenter after repair")
    assert repaired.vault.warnings == ()
    repaired.lock()


def test_missing_main_key_file_uses_backup(vault_dir: Path, kdf_policy: KdfPolicy) -> None:
    make_vault(vault_dir, kdf_policy).lock()
    (vault_dir / KEY_FILE).unlink()
    session = unlock_vault(vault_dir, SUPERVISOR_PASS)
    try:
        assert "missing" in session.vault.warnings[0]
        assert session.vault.warnings == session.info().warnings[: len(session.vault.warnings)]
    finally:
        session.lock()


def test_damaged_backup_is_refreshed_from_a_good_main_copy(
    vault_dir: Path, kdf_policy: KdfPolicy
) -> None:
    make_vault(vault_dir, kdf_policy).lock()
    _damage(vault_dir / KEY_BACKUP)
    session = unlock_vault(vault_dir, SUPERVISOR_PASS)
    assert session.vault.warnings == ()
    session.lock()
    assert (vault_dir / KEY_BACKUP).read_bytes() == (vault_dir / KEY_FILE).read_bytes()


@pytest.mark.parametrize("main", ["damaged", "missing"])
def test_both_key_file_copies_bad(vault_dir: Path, kdf_policy: KdfPolicy, main: str) -> None:
    make_vault(vault_dir, kdf_policy).lock()
    if main == "damaged":
        _damage(vault_dir / KEY_FILE)
    else:
        (vault_dir / KEY_FILE).unlink()
    _damage(vault_dir / KEY_BACKUP)
    with pytest.raises(DamagedKeyFileError) as info:
        unlock_vault(vault_dir, SUPERVISOR_PASS)
    assert info.value.exit_code == ExitCode.DAMAGED


# --------------------------------------------------------------------------- database damage


@pytest.mark.parametrize("offset", [16, 17, 100, 1024, 2048, 4000, 4095])
def test_damaged_first_page_of_database(
    vault_dir: Path, kdf_policy: KdfPolicy, offset: int
) -> None:
    session = make_vault(vault_dir, kdf_policy)
    root = session.vault.root_key()
    session.lock()
    db_path = vault_dir / DATABASE
    original = db_path.read_bytes()
    assert len(original) > 4096
    db_path.write_bytes(flip(original, offset, 0x5A))
    with pytest.raises(DamagedDatabaseError) as info:
        unlock_vault(vault_dir, SUPERVISOR_PASS)
    assert info.value.exit_code == ExitCode.DAMAGED
    assert info.value.path == db_path
    assert root.hex() not in str(info.value)
    assert "sql" not in str(info.value).lower()  # a message for people, not a driver dump
    # The failed attempt left everything as it was; with the real bytes back it opens.
    db_path.write_bytes(original)
    unlock_vault(vault_dir, SUPERVISOR_PASS).lock()


def test_damage_anywhere_in_the_database_is_reported_as_such(
    tmp_path: Path, kdf_policy: KdfPolicy
) -> None:
    """A damaged page read while unlocking gives DamagedDatabaseError, never a raw
    driver or SQLAlchemy error. (A page that unlocking does not read may be found later.)"""
    make_vault(tmp_path / "v", kdf_policy).lock()
    files = snapshot(tmp_path / "v")
    original = files[DATABASE]
    pages = len(original) // 4096
    assert pages >= 3
    damaged_pages = 0
    for page in range(pages):
        damaged = flip(original, page * 4096 + 200, 0x10)
        directory = materialise({**files, DATABASE: damaged}, tmp_path / f"p{page}")
        try:
            session = unlock_vault(directory, SUPERVISOR_PASS)
        except DamagedDatabaseError as exc:
            assert exc.exit_code == ExitCode.DAMAGED
            damaged_pages += 1
        else:
            session.lock()
    assert damaged_pages >= 1


def test_database_of_another_vault(tmp_path: Path, kdf_policy: KdfPolicy) -> None:
    make_vault(tmp_path / "one", kdf_policy).lock()
    make_vault(tmp_path / "two", kdf_policy).lock()
    own = (tmp_path / "one" / DATABASE).read_bytes()
    (tmp_path / "one" / DATABASE).write_bytes((tmp_path / "two" / DATABASE).read_bytes())
    with pytest.raises(DamagedDatabaseError, match="does not belong"):
        unlock_vault(tmp_path / "one", SUPERVISOR_PASS)
    (tmp_path / "one" / DATABASE).write_bytes(own)
    unlock_vault(tmp_path / "one", SUPERVISOR_PASS).lock()


def test_missing_database_is_reported_and_not_recreated(
    vault_dir: Path, kdf_policy: KdfPolicy
) -> None:
    make_vault(vault_dir, kdf_policy).lock()
    (vault_dir / DATABASE).unlink()
    with pytest.raises(DamagedDatabaseError, match="missing") as info:
        unlock_vault(vault_dir, SUPERVISOR_PASS)
    assert info.value.exit_code == ExitCode.DAMAGED
    assert not (vault_dir / DATABASE).exists()


# --------------------------------------------------------------------------- lock


def test_lock_closes_everything_and_wipes_keys(vault_dir: Path, kdf_policy: KdfPolicy) -> None:
    session = make_vault(vault_dir, kdf_policy, users=2)
    session.change_passphrase(SUPERVISOR_PASS, "supervisor second phrase", kdf_policy)
    events: list[Event] = []
    session.events.subscribe(events.append)
    vault = session.vault
    root, seed = vault._root_key, vault._signing_seed
    assert len(root) == 32
    assert len(seed) == 32
    assert any(root)
    assert any(seed)
    assert (vault_dir / f"{DATABASE}-wal").exists()  # WAL mode while open

    session.lock()

    assert session.is_locked
    assert root == bytearray(32)
    assert seed == bytearray(32)
    assert events == [VaultLocked(vault.vault_id)]
    for access in (
        lambda: vault.engine,
        vault.root_key,
        vault.signing_seed,
        lambda: vault.sign(b"checkpoint"),
        session.info,
        session.check_audit_chain,
        lambda: session.unit_of_work().__enter__(),
    ):
        with pytest.raises(VaultLockedError):
            access()
    wal = vault_dir / f"{DATABASE}-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    shm = vault_dir / f"{DATABASE}-shm"
    assert not shm.exists() or shm.stat().st_size == 0
    session.lock()  # a second lock is harmless and emits nothing
    assert len(events) == 1


def test_file_permissions(vault_dir: Path, kdf_policy: KdfPolicy) -> None:
    session = make_vault(vault_dir, kdf_policy, users=2)
    session.change_passphrase(SUPERVISOR_PASS, "another phrase", kdf_policy)
    session.lock()
    unlock_vault(vault_dir, "another phrase").lock()
    for name in (KEY_FILE, KEY_BACKUP, DATABASE):
        assert stat.S_IMODE((vault_dir / name).stat().st_mode) == 0o600, name
    for name in (".", "blobs", "backups"):
        assert stat.S_IMODE((vault_dir / name).stat().st_mode) == 0o700, name


# --------------------------------------------------------------------------- audit trail


def test_audit_chain_is_whole_after_several_operations(
    vault_dir: Path, kdf_policy: KdfPolicy
) -> None:
    session = make_vault(vault_dir, kdf_policy)
    session.add_user(DOCUMENTER, Role.DOCUMENTER, DOCUMENTER_PASS, kdf_policy)
    session.change_passphrase(SUPERVISOR_PASS, "supervisor second phrase", kdf_policy)
    supervisor_key = key_id(session.user.public_key)
    session.lock()
    other = unlock_vault(vault_dir, DOCUMENTER_PASS)
    other.add_user(THIRD, Role.DOCUMENTER, THIRD_PASS, kdf_policy)
    other.change_passphrase(DOCUMENTER_PASS, "documenter second phrase", kdf_policy)
    documenter_key = key_id(other.user.public_key)
    other.lock()
    session = unlock_vault(vault_dir, THIRD_PASS)
    try:
        assert session.check_audit_chain() is None
        with Session(session.vault.engine) as db:
            all_entries = list(db.exec(select(AuditEntry).order_by(col(AuditEntry.seq))))
        entries = without_reference_data(all_entries)
        assert [e.action for e in entries] == [
            "vault-create", "user-add", "user-add", "passwd",
            "login", "user-add", "passwd", "login",
        ]
        assert [e.seq for e in all_entries] == list(range(1, 9 + REFERENCE_ENTRIES))
        assert entries[0].prev_hash == chain.GENESIS_HASH
        assert {e.actor for e in entries[:4]} == {supervisor_key}
        assert {e.actor for e in entries[4:7]} == {documenter_key}
        assert entries[7].actor == key_id(session.user.public_key)
        assert session.info().audit_entries == 8 + REFERENCE_ENTRIES
        for entry in entries:
            details = json.loads(entry.details)
            assert SUPERVISOR_PASS not in entry.details
            assert isinstance(details, dict)
        # The user-add entries commit to the user record, salted.
        assert entries[1].object_commit is not None
        assert len(entries[1].object_commit) == 64
    finally:
        session.lock()


def test_chain_check_names_the_first_bad_entry(vault_dir: Path, kdf_policy: KdfPolicy) -> None:
    session = make_vault(vault_dir, kdf_policy, users=3)
    try:
        with Session(session.vault.engine) as db:
            entries = [
                AuditEntry.model_validate(e.model_dump())
                for e in db.exec(select(AuditEntry).order_by(col(AuditEntry.seq)))
            ]
    finally:
        session.lock()
    assert len(entries) == 4 + REFERENCE_ENTRIES
    assert chain.first_break(entries) is None

    def copy_of(index: int, **changes: object) -> list[AuditEntry]:
        changed = [AuditEntry.model_validate(e.model_dump()) for e in entries]
        for name, value in changes.items():
            setattr(changed[index], name, value)
        return changed

    problem = chain.first_break(copy_of(2, details='{"role":"supervisor"}'))
    assert problem is not None
    assert problem.seq == 3
    assert "hash" in problem.reason
    problem = chain.first_break(copy_of(1, prev_hash="f" * 64))
    assert problem is not None
    assert problem.seq == 2
    problem = chain.first_break(copy_of(3, details="not json"))
    assert problem is not None
    assert problem.seq == 4
    problem = chain.first_break(entries[:1] + entries[2:])
    assert problem is not None
    assert problem.seq == 2
    assert "missing" in problem.reason
    # Recomputing the hash of an edited entry breaks the link to the next one.
    forged = copy_of(1, action="login")
    forged[1].entry_hash = chain.compute_entry_hash(forged[1])
    problem = chain.first_break(forged)
    assert problem is not None
    assert problem.seq == 3


def test_audit_table_refuses_update_and_delete(vault_dir: Path, kdf_policy: KdfPolicy) -> None:
    session = make_vault(vault_dir, kdf_policy, users=2)
    root = session.vault.root_key()
    session.lock()
    key = derive_subkey(root, Purpose.DATABASE)
    salt = derive_subkey(root, Purpose.DATABASE_SALT, length=16)
    conn = connect_raw(vault_dir / DATABASE, key, salt)
    try:
        before = conn.execute("SELECT * FROM audit_entry ORDER BY seq").fetchall()
        assert len(before) == 3 + REFERENCE_ENTRIES
        for statement in (
            "UPDATE audit_entry SET action = 'forged' WHERE seq = 2",
            "UPDATE audit_entry SET details = '{}'",
            "DELETE FROM audit_entry WHERE seq = 3",
            "DELETE FROM audit_entry",
        ):
            with pytest.raises(sqlcipher.DatabaseError, match="append-only"):
                conn.execute(statement)
            conn.rollback()
        assert conn.execute("SELECT * FROM audit_entry ORDER BY seq").fetchall() == before
    finally:
        conn.close()
    again = unlock_vault(vault_dir, SUPERVISOR_PASS)
    assert again.check_audit_chain() is None
    again.lock()


def test_raw_connection_refuses_wrong_key(vault_dir: Path, kdf_policy: KdfPolicy) -> None:
    make_vault(vault_dir, kdf_policy).lock()
    with pytest.raises(DamagedDatabaseError):
        connect_raw(vault_dir / DATABASE, bytes(32), bytes(16))
    with pytest.raises(ValueError, match="32 bytes"):
        connect_raw(vault_dir / DATABASE, bytes(16), bytes(16))
    assert database.KEY_LENGTH == 32


# --------------------------------------------------------------------------- unit of work


def test_unit_of_work_refuses_unaudited_change(vault_session: VaultSession) -> None:
    events: list[Event] = []
    vault_session.events.subscribe(events.append)
    with pytest.raises(UnauditedChangeError), vault_session.unit_of_work() as uow:
        uow.session.add(VaultMeta(key="sneaky", value="unaudited"))
    with Session(vault_session.vault.engine) as db:
        assert db.get(VaultMeta, "sneaky") is None
    assert events == []
    assert vault_session.info().audit_entries == 2 + REFERENCE_ENTRIES


def test_unit_of_work_commits_audited_change_then_emits(vault_session: VaultSession) -> None:
    events: list[Event] = []
    vault_session.events.subscribe(events.append)
    with vault_session.unit_of_work() as uow:
        uow.session.add(VaultMeta(key="setting", value="1"))
        entry = uow.audit("update", "vault-meta", "setting", version=1, payload={"value": "1"})
        assert events == []  # nothing is announced before the commit
    assert events == [AuditAppended(entry.seq, "update", "vault-meta", "setting")]
    with Session(vault_session.vault.engine) as db:
        meta = db.get(VaultMeta, "setting")
        assert meta is not None
        assert meta.value == "1"
    assert vault_session.check_audit_chain() is None


def test_unit_of_work_rolls_back_on_error(vault_session: VaultSession) -> None:
    events: list[Event] = []
    vault_session.events.subscribe(events.append)
    with pytest.raises(Boom), vault_session.unit_of_work() as uow:
        uow.session.add(VaultMeta(key="half", value="done"))
        uow.audit("update", "vault-meta", "half")
        raise Boom("the use case failed half-way")
    with Session(vault_session.vault.engine) as db:
        assert db.get(VaultMeta, "half") is None
    assert events == []
    assert vault_session.info().audit_entries == 2 + REFERENCE_ENTRIES
    with pytest.raises(RuntimeError):
        _ = uow.session  # the unit of work is spent


def test_key_file_write_failure_rolls_back_the_audit_entry(
    vault_session: VaultSession, vault_dir: Path, kdf_policy: KdfPolicy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    key_before = (vault_dir / KEY_FILE).read_bytes()

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(vault_store, "write_key_file", refuse)
        with pytest.raises(OSError, match="space"):
            vault_session.add_user("Someone", Role.DOCUMENTER, "someone's passphrase", kdf_policy)
    assert (vault_dir / KEY_FILE).read_bytes() == key_before
    assert [u.name for u in vault_session.vault.users] == ["Test Documenter"]
    assert vault_session.info().audit_entries == 2 + REFERENCE_ENTRIES
    # The session is still usable, and the same user can be added once the disk is fine.
    vault_session.add_user("Someone", Role.DOCUMENTER, "someone's passphrase", kdf_policy)
    assert vault_session.info().audit_entries == 3 + REFERENCE_ENTRIES
