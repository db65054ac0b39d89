"""Creating, unlocking and locking a vault directory (DESIGN.md section 4).

::

    vault/
      vault.key       key slots + encrypted user directory
      vault.key.bak   backup copy, used with a warning when vault.key is damaged
      casebook.db     SQLCipher 4 database (plus -wal/-shm while open)
      blobs/          encrypted attachments
      backups/        encrypted snapshots
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from casebook.crypto import envelope, signing
from casebook.crypto.errors import AuthenticationFailed, CryptoError, MalformedEnvelope
from casebook.crypto.kdf import SALT_LENGTH, Argon2Params, derive_kek
from casebook.crypto.subkeys import ROOT_KEY_LENGTH, Purpose, derive_subkey, new_root_key
from casebook.domain.errors import (
    CasebookError,
    DamagedDatabaseError,
    DamagedKeyFileError,
    UnsafeParametersError,
    VaultExistsError,
    VaultLockedError,
    VaultNotFoundError,
    WrongPassphraseError,
)
from casebook.domain.notices import KEY_FILE_BACKUP_USED, Notice
from casebook.domain.users import Role, User
from casebook.storage import database, migrate
from casebook.storage.atomic import atomic_write_bytes, fsync_directory, remove_stale_temp_files
from casebook.storage.keyfile import (
    KeyFile,
    KeySlot,
    directory_from_bytes,
    directory_to_bytes,
    parse_key_file,
)

KEY_FILE = "vault.key"
KEY_BACKUP = "vault.key.bak"
DATABASE = "casebook.db"
BLOBS = "blobs"
BACKUPS = "backups"
_SLOT_PAYLOAD_VERSION = 1
_SLOT_PAYLOAD_LENGTH = 1 + ROOT_KEY_LENGTH + signing.SEED_LENGTH + 16


@dataclass(frozen=True, slots=True)
class VaultPaths:
    root: Path

    @property
    def key_file(self) -> Path:
        return self.root / KEY_FILE

    @property
    def key_backup(self) -> Path:
        return self.root / KEY_BACKUP

    @property
    def database(self) -> Path:
        return self.root / DATABASE

    @property
    def blobs(self) -> Path:
        return self.root / BLOBS

    @property
    def backups(self) -> Path:
        return self.root / BACKUPS


@dataclass(frozen=True, slots=True)
class LoadedKeyFile:
    key_file: KeyFile
    warnings: tuple[str, ...]


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def load_key_file(paths: VaultPaths) -> LoadedKeyFile:
    """Read ``vault.key``; fall back to the backup copy, with a warning, if it is damaged.

    A valid main copy whose backup differs (a write was interrupted between the two)
    refreshes the backup, so an old passphrase does not linger in it.
    """
    if not paths.root.is_dir():
        raise VaultNotFoundError(
            f"There is no vault at {paths.root}. Create one with 'casebook init' "
            "or choose the folder that holds vault.key.",
            path=paths.root,
        )
    main_bytes = _read_optional(paths.key_file)
    backup_bytes = _read_optional(paths.key_backup)
    if main_bytes is None and backup_bytes is None:
        raise VaultNotFoundError(
            f"{paths.root} holds no vault.key. Choose the folder of an existing vault "
            "or create one with 'casebook init'.",
            path=paths.root,
        )
    main_error: CasebookError | None = None
    if main_bytes is not None:
        try:
            key_file = parse_key_file(main_bytes, paths.key_file)
        except (DamagedKeyFileError, UnsafeParametersError) as exc:
            main_error = exc
        else:
            if backup_bytes != main_bytes:
                atomic_write_bytes(paths.key_backup, main_bytes)
            return LoadedKeyFile(key_file, ())
    if backup_bytes is None:
        assert main_error is not None
        raise main_error
    try:
        key_file = parse_key_file(backup_bytes, paths.key_backup)
    except UnsafeParametersError:
        if isinstance(main_error, UnsafeParametersError):
            raise main_error from None
        raise
    except DamagedKeyFileError:
        raise DamagedKeyFileError(
            f"Both {paths.key_file} and its backup {paths.key_backup} are damaged. "
            "Restore the vault folder from a backup.",
            path=paths.key_file,
        ) from None
    reason = "is missing" if main_bytes is None else "is damaged"
    warning = Notice(
        f"{paths.key_file} {reason}; the vault was opened with the backup copy "
        f"{paths.key_backup}. The key file will be rewritten from the backup at the next "
        "change; make a copy of the vault folder now.",
        KEY_FILE_BACKUP_USED,
        key_file=str(paths.key_file), backup=str(paths.key_backup),
        missing=main_bytes is None,
    )
    return LoadedKeyFile(key_file, (warning,))


def _read_optional(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def write_key_file(paths: VaultPaths, key_file: KeyFile) -> None:
    """Main copy first, then the backup: an interruption leaves at least one valid copy
    and, on the next open, the main copy refreshes the backup."""
    data = key_file.to_bytes()
    atomic_write_bytes(paths.key_file, data)
    atomic_write_bytes(paths.key_backup, data)


@dataclass(slots=True)
class SlotSecrets:
    root_key: bytearray
    signing_seed: bytearray
    user_id: str


def wrap_slot(
    vault_id: str,
    *,
    passphrase: bytes,
    params: Argon2Params,
    root_key: bytes | bytearray,
    signing_seed: bytes | bytearray,
    user_id: str,
    slot_id: str | None = None,
) -> KeySlot:
    salt = os.urandom(SALT_LENGTH)
    slot_id = slot_id or os.urandom(8).hex()
    unwrapped = KeySlot(slot_id=slot_id, kdf=params, salt=salt, wrapped_keys=b"")
    kek = derive_kek(passphrase, salt, params)
    payload = (
        bytes([_SLOT_PAYLOAD_VERSION])
        + bytes(root_key)
        + bytes(signing_seed)
        + uuid.UUID(user_id).bytes
    )
    wrapped = envelope.seal(kek, payload, unwrapped.associated_data(vault_id))
    return KeySlot(slot_id=slot_id, kdf=params, salt=salt, wrapped_keys=wrapped)


def _try_slot(vault_id: str, slot: KeySlot, passphrase: bytes) -> SlotSecrets | None:
    kek = derive_kek(passphrase, slot.salt, slot.kdf)
    try:
        payload = envelope.open_sealed(kek, slot.wrapped_keys, slot.associated_data(vault_id))
    except (AuthenticationFailed, MalformedEnvelope):
        return None
    if len(payload) != _SLOT_PAYLOAD_LENGTH or payload[0] != _SLOT_PAYLOAD_VERSION:
        return None
    root = bytearray(payload[1 : 1 + ROOT_KEY_LENGTH])
    seed = bytearray(payload[1 + ROOT_KEY_LENGTH : 1 + ROOT_KEY_LENGTH + signing.SEED_LENGTH])
    user_id = str(uuid.UUID(bytes=payload[-16:]))
    return SlotSecrets(root, seed, user_id)


def open_slots(key_file: KeyFile, passphrase: bytes) -> SlotSecrets | None:
    """Try every slot, always all of them, so the time taken does not tell which slot
    (if any) matched."""
    found: SlotSecrets | None = None
    for slot in key_file.slots:
        secrets = _try_slot(key_file.vault_id, slot, passphrase)
        if secrets is not None and found is None:
            found = secrets
    return found


@dataclass
class UnlockedVault:
    """An open vault: keys in memory, database engine open. ``lock()`` ends it."""

    paths: VaultPaths
    key_file: KeyFile
    users: list[User]
    user: User
    warnings: tuple[str, ...] = ()
    _root_key: bytearray = field(default_factory=bytearray, repr=False)
    _signing_seed: bytearray = field(default_factory=bytearray, repr=False)
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def is_locked(self) -> bool:
        return self._engine is None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise VaultLockedError("The vault is locked. Unlock it to continue.")
        return self._engine

    @property
    def vault_id(self) -> str:
        return self.key_file.vault_id

    def root_key(self) -> bytes:
        if self._engine is None:
            raise VaultLockedError("The vault is locked. Unlock it to continue.")
        return bytes(self._root_key)

    def sign(self, message: bytes) -> bytes:
        if self._engine is None:
            raise VaultLockedError("The vault is locked. Unlock it to continue.")
        return signing.sign(bytes(self._signing_seed), message)

    def signing_seed(self) -> bytes:
        if self._engine is None:
            raise VaultLockedError("The vault is locked. Unlock it to continue.")
        return bytes(self._signing_seed)

    def user_by_id(self, user_id: str) -> User | None:
        return next((u for u in self.users if u.id == user_id), None)

    def key_file_with_users(self, key_file: KeyFile, users: list[User]) -> KeyFile:
        """``key_file`` with its directory re-encrypted for ``users`` (header as AD)."""
        directory_key = derive_subkey(self.root_key(), Purpose.KEYFILE_DIRECTORY)
        header = KeyFile(key_file.vault_id, key_file.slots, b"").header_bytes()
        sealed = envelope.seal(directory_key, directory_to_bytes(users), header)
        return KeyFile(key_file.vault_id, key_file.slots, sealed)

    def replace_key_file(self, key_file: KeyFile, users: list[User]) -> None:
        write_key_file(self.paths, key_file)
        self.key_file = key_file
        self.users = list(users)
        self.user = self.user_by_id(self.user.id) or self.user

    def relocate(self, paths: VaultPaths | None) -> None:
        """Close the database; with ``paths``, reopen it there (used once, when a new
        vault is moved from its staging folder into place)."""
        if self._engine is not None:
            database.checkpoint_and_dispose(self._engine)
            self._engine = None
        if paths is not None:
            self.paths = paths
            self._engine = _open_database(paths, bytes(self._root_key))

    def lock(self) -> None:
        """Fold and truncate the WAL, close the database and overwrite keys in memory.

        Python may keep other copies of key bytes (immutable ``bytes`` handed to
        libraries); see docs/security.md for what this does and does not wipe.
        """
        engine, self._engine = self._engine, None
        try:
            if engine is not None:
                database.checkpoint_and_dispose(engine)
        finally:
            for secret in (self._root_key, self._signing_seed):
                secret[:] = bytes(len(secret))
            self._root_key = bytearray()
            self._signing_seed = bytearray()


def _database_keys(root_key: bytes) -> tuple[bytes, bytes]:
    key = derive_subkey(root_key, Purpose.DATABASE)
    salt = derive_subkey(root_key, Purpose.DATABASE_SALT, length=database.SALT_LENGTH)
    return key, salt


def _open_database(paths: VaultPaths, root_key: bytes) -> Engine:
    key, salt = _database_keys(root_key)
    engine = database.open_engine(paths.database, key, salt)
    try:
        with database.damage_reported(paths.database):
            migrate.upgrade_to_head(engine, paths.database)
    except BaseException:
        engine.dispose()
        raise
    return engine


def unlock(directory: Path, passphrase: bytes) -> UnlockedVault:
    """Open a vault with a passphrase (already NFC-normalised, as bytes).

    Raises WrongPassphraseError, DamagedKeyFileError, DamagedDatabaseError...
    """
    paths = VaultPaths(directory)
    loaded = load_key_file(paths)
    key_file = loaded.key_file
    secrets = open_slots(key_file, passphrase)
    if secrets is None:
        raise WrongPassphraseError(
            f"The passphrase does not open the vault at {paths.root}. Check the keyboard "
            "layout and Caps Lock, and try again."
        )
    try:
        return _finish_unlock(paths, loaded, secrets)
    except BaseException:
        for secret in (secrets.root_key, secrets.signing_seed):
            secret[:] = bytes(len(secret))
        raise


def _finish_unlock(paths: VaultPaths, loaded: LoadedKeyFile, secrets: SlotSecrets) -> UnlockedVault:
    key_file = loaded.key_file
    try:
        directory_key = derive_subkey(bytes(secrets.root_key), Purpose.KEYFILE_DIRECTORY)
        header = KeyFile(key_file.vault_id, key_file.slots, b"").header_bytes()
        plain = envelope.open_sealed(directory_key, key_file.directory, header)
        users = directory_from_bytes(plain)
    except (CryptoError, ValueError, KeyError, TypeError):
        raise DamagedKeyFileError(
            f"The key file {paths.key_file} opened with your passphrase but its user "
            "directory is damaged or was altered. Restore vault.key from a backup.",
            path=paths.key_file,
        ) from None
    user = next((u for u in users if u.id == secrets.user_id), None)
    if user is None:
        raise DamagedKeyFileError(
            f"The key file {paths.key_file} has a key slot with no user. "
            "Restore vault.key from a backup.",
            path=paths.key_file,
        )
    # A key-file rewrite killed half-way leaves its temp file, possibly with a slot
    # under a passphrase that has since been changed: remove it now.
    remove_stale_temp_files(paths.key_file)
    remove_stale_temp_files(paths.key_backup)
    if not paths.database.is_file():
        raise DamagedDatabaseError(
            f"The database {paths.database} is missing. Restore the vault folder from a backup.",
            path=paths.database,
        )
    # Folders that copying tools may drop when they are empty.
    paths.blobs.mkdir(mode=0o700, exist_ok=True)
    paths.backups.mkdir(mode=0o700, exist_ok=True)
    engine = _open_database(paths, bytes(secrets.root_key))
    return UnlockedVault(
        paths=paths,
        key_file=key_file,
        users=users,
        user=user,
        warnings=loaded.warnings,
        _root_key=secrets.root_key,
        _signing_seed=secrets.signing_seed,
        _engine=engine,
    )


def _check_target(directory: Path) -> None:
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        what = "a vault" if (directory / KEY_FILE).exists() else "other files"
        raise VaultExistsError(
            f"{directory} already holds {what}. Choose an empty or new folder for a new vault.",
            path=directory,
        )


def create(
    directory: Path,
    *,
    user_name: str,
    role: Role,
    passphrase: bytes,
    params: Argon2Params,
    initialise: Callable[[UnlockedVault], None],
) -> UnlockedVault:
    """Create a vault atomically: built in a hidden sibling folder, then renamed into
    place, so an interrupted creation never leaves a half-made vault under the name.

    ``initialise`` runs on the new, open vault before the rename (the service layer
    writes the first audit entries there).
    """
    directory = directory.absolute()
    _check_target(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    # A creation killed earlier leaves its staging folder (ciphertext only): clear it.
    for stale in directory.parent.glob(f".{directory.name}.creating-*"):
        shutil.rmtree(stale, ignore_errors=True)
    staging = directory.parent / f".{directory.name}.creating-{os.urandom(4).hex()}"
    staging.mkdir(mode=0o700)
    vault: UnlockedVault | None = None
    try:
        vault = _build(staging, user_name, role, passphrase, params)
        initialise(vault)
        vault.relocate(None)
        _check_target(directory)
        # rename(2) replaces an empty folder atomically; the user's folder is never
        # removed first.
        os.replace(staging, directory)
        fsync_directory(directory.parent)
        vault.relocate(VaultPaths(directory))
    except BaseException:
        if vault is not None:
            vault.lock()
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
        raise
    return vault


def _build(
    root: Path, user_name: str, role: Role, passphrase: bytes, params: Argon2Params
) -> UnlockedVault:
    paths = VaultPaths(root)
    paths.blobs.mkdir(mode=0o700)
    paths.backups.mkdir(mode=0o700)
    # Owner-only from the start; SQLite gives the -wal and -shm files the same mode.
    os.close(os.open(paths.database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    vault_id = uuid.uuid4().hex
    root_key = bytearray(new_root_key())
    seed = bytearray(signing.new_signing_seed())
    user = User(
        id=str(uuid.uuid4()),
        name=user_name,
        role=role,
        public_key=signing.public_key_from_seed(bytes(seed)),
        slot_id=os.urandom(8).hex(),
        created_at=now_utc(),
    )
    slot = wrap_slot(
        vault_id, passphrase=passphrase, params=params, root_key=root_key,
        signing_seed=seed, user_id=user.id, slot_id=user.slot_id,
    )
    engine = _open_database(paths, bytes(root_key))
    vault = UnlockedVault(
        paths=paths,
        key_file=KeyFile(vault_id, (slot,), b""),
        users=[user],
        user=user,
        _root_key=root_key,
        _signing_seed=seed,
        _engine=engine,
    )
    vault.replace_key_file(vault.key_file_with_users(vault.key_file, [user]), [user])
    return vault
