"""Vault use cases: create, unlock, lock, users, passphrase change, info."""

from __future__ import annotations

import contextlib
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, func, select

from casebook import __version__
from casebook.audit import chain
from casebook.audit.checkpoint import Checkpoint
from casebook.audit.store import sign_checkpoint
from casebook.crypto import signing
from casebook.crypto.errors import ParametersOutOfBounds
from casebook.crypto.kdf import DEFAULT_PARAMS, MIN_PRODUCTION_MEMORY_KIB, Argon2Params
from casebook.domain.errors import (
    CasebookError,
    DamagedDatabaseError,
    PermissionDeniedError,
    ValidationError,
    WrongPassphraseError,
)
from casebook.domain.notices import FAILED_UNLOCKS, TEST_ONLY_KDF, Notice
from casebook.domain.passphrase import normalise_passphrase
from casebook.domain.users import Role, User, normalise_user_name
from casebook.services.events import EventBus, PassphraseChanged, UserAdded, VaultLocked
from casebook.services.unit_of_work import COMMIT_SALT_KEY, UnitOfWork
from casebook.storage import database, keyfile, migrate
from casebook.storage import vault as vault_store
from casebook.storage.models import AuditEntry, VaultMeta
from casebook.storage.unlock_failures import (
    FailedUnlocks,
    clear_failed_unlocks,
    note_failed_unlock,
    read_failed_unlocks,
)
from casebook.storage.vault import UnlockedVault


@dataclass(frozen=True, slots=True)
class KdfPolicy:
    """Which Argon2id parameters new key slots get.

    The real policy enforces the 64 MiB floor; the test suite passes a policy with
    cheap parameters explicitly. Unlocking always uses the parameters stored in
    the slot, whatever the policy.
    """

    params: Argon2Params
    enforce_floor: bool = True

    def checked_params(self) -> Argon2Params:
        self.params.check_bounds()
        if self.enforce_floor:
            try:
                self.params.check_production_floor()
            except ParametersOutOfBounds as exc:
                raise ValidationError(str(exc), field="kdf") from None
        return self.params


REAL_KDF = KdfPolicy(DEFAULT_PARAMS)


@dataclass(frozen=True, slots=True)
class UserInfo:
    id: str
    name: str
    role: str
    fingerprint: str
    created_at: str
    kdf_memory_kib: int
    kdf_iterations: int
    kdf_lanes: int
    is_current: bool


@dataclass(frozen=True, slots=True)
class VaultInfo:
    path: str
    vault_id: str
    key_file_format: int
    database_schema: str
    app_version: str
    audit_entries: int
    users: tuple[UserInfo, ...]
    warnings: tuple[str, ...]


def _user_payload(user: User) -> dict[str, str]:
    return {
        "id": user.id,
        "name": user.name,
        "role": user.role.value,
        "public_key": user.public_key.hex(),
        "created_at": user.created_at,
    }


class VaultSession:
    """An unlocked vault together with the event bus its changes are reported on."""

    def __init__(self, vault: UnlockedVault, events: EventBus | None = None) -> None:
        self.vault = vault
        self.events = events or EventBus()

    @property
    def user(self) -> User:
        return self.vault.user

    @property
    def is_locked(self) -> bool:
        return self.vault.is_locked

    def unit_of_work(self) -> UnitOfWork:
        return UnitOfWork(self.vault, self.events)

    def lock(self) -> None:
        if self.vault.is_locked:
            return
        vault_id = self.vault.vault_id
        # Locking must never fail: the keys leave memory whatever happens. The next
        # lock signs the head, which covers everything this one would have.
        with contextlib.suppress(CasebookError, SQLAlchemyError):
            self.checkpoint("lock", only_if_new=True)
        self.vault.lock()
        self.events.emit(VaultLocked(vault_id))

    def checkpoint(self, reason: str, *, only_if_new: bool = False) -> Checkpoint | None:
        """Sign the trail's current head with this user's key (docs/audit.md)."""
        return sign_checkpoint(self.vault.engine, self.vault.vault_id, self.user.public_key,
                               self.vault.sign, reason, only_if_new=only_if_new)

    def record_login(self, failures: FailedUnlocks | None = None) -> None:
        with self.unit_of_work() as uow:
            if failures is not None:
                uow.audit("unlock-failed", "vault", self.vault.vault_id,
                          details={"count": failures.count, "last_at": failures.last_at})
            uow.audit("login", "user", self.user.id)

    def add_user(self, name: str, role: Role, passphrase: str, policy: KdfPolicy) -> User:
        """Give a new user a key slot of their own. Only a supervisor may add a supervisor."""
        name = normalise_user_name(name)
        if role is Role.SUPERVISOR and self.user.role is not Role.SUPERVISOR:
            raise PermissionDeniedError(
                "Only a supervisor can add a supervisor. Ask a supervisor to add them."
            )
        if any(u.name.casefold() == name.casefold() for u in self.vault.users):
            raise ValidationError(f"There is already a user called {name!r}.", field="name")
        params = policy.checked_params()
        secret = normalise_passphrase(passphrase)
        seed = signing.new_signing_seed()
        user = User(
            id=str(uuid.uuid4()),
            name=name,
            role=role,
            public_key=signing.public_key_from_seed(seed),
            slot_id=os.urandom(8).hex(),
            created_at=vault_store.now_utc(),
        )
        slot = vault_store.wrap_slot(
            self.vault.vault_id, passphrase=secret, params=params,
            root_key=self.vault.root_key(), signing_seed=seed, user_id=user.id,
            slot_id=user.slot_id,
        )
        users = [*self.vault.users, user]
        new_key_file = self.vault.key_file_with_users(self.vault.key_file.with_slot(slot), users)
        with self.unit_of_work() as uow:
            uow.audit(
                "user-add", "user", user.id, version=1, payload=_user_payload(user),
                details={"role": role.value},
            )
            uow.flush()
            # The key file is replaced inside the transaction: if writing it fails,
            # the audit entry is rolled back with it.
            self.vault.replace_key_file(new_key_file, users)
            uow.emit_after_commit(UserAdded(user.id))
        return user

    def change_passphrase(self, current: str, new: str, policy: KdfPolicy) -> None:
        """Rewrap the acting user's slot under a new passphrase. Nothing else changes."""
        params = policy.checked_params()
        own_slot = next(s for s in self.vault.key_file.slots if s.slot_id == self.user.slot_id)
        single = keyfile.KeyFile(self.vault.vault_id, (own_slot,), b"")
        if vault_store.open_slots(single, normalise_passphrase(current)) is None:
            raise WrongPassphraseError("The current passphrase is not correct.")
        slot = vault_store.wrap_slot(
            self.vault.vault_id,
            passphrase=normalise_passphrase(new),
            params=params,
            root_key=self.vault.root_key(),
            signing_seed=self.vault.signing_seed(),
            user_id=self.user.id,
            slot_id=self.user.slot_id,
        )
        users = list(self.vault.users)
        new_key_file = self.vault.key_file_with_users(self.vault.key_file.with_slot(slot), users)
        with self.unit_of_work() as uow:
            uow.audit(
                "passwd", "user", self.user.id,
                details={"kdf": params.to_json()},
            )
            uow.flush()
            self.vault.replace_key_file(new_key_file, users)
            uow.emit_after_commit(PassphraseChanged(self.user.id))

    def info(self) -> VaultInfo:
        slots = {s.slot_id: s for s in self.vault.key_file.slots}
        users = []
        for user in self.vault.users:
            kdf = slots[user.slot_id].kdf
            users.append(
                UserInfo(
                    id=user.id,
                    name=user.name,
                    role=user.role.value,
                    fingerprint=signing.fingerprint(user.public_key),
                    created_at=user.created_at,
                    kdf_memory_kib=kdf.memory_kib,
                    kdf_iterations=kdf.iterations,
                    kdf_lanes=kdf.lanes,
                    is_current=user.id == self.user.id,
                )
            )
        warnings = list(self.vault.warnings)
        weak = [u.name for u in users if u.kdf_memory_kib < MIN_PRODUCTION_MEMORY_KIB]
        if weak:
            warnings.append(Notice(
                "These users' key slots use test-only key-derivation parameters: "
                + ", ".join(weak) + ". Change their passphrases with 'casebook passwd'.",
                TEST_ONLY_KDF, users=", ".join(weak),
            ))
        with Session(self.vault.engine) as session:
            count = session.exec(select(func.count()).select_from(AuditEntry)).one()
        return VaultInfo(
            path=str(self.vault.paths.root),
            vault_id=self.vault.vault_id,
            key_file_format=keyfile.FORMAT_VERSION,
            database_schema=migrate.current_revision(self.vault.engine) or "",
            app_version=__version__,
            audit_entries=int(count),
            users=tuple(users),
            warnings=tuple(warnings),
        )

    def check_audit_chain(self) -> chain.ChainProblem | None:
        from sqlmodel import col

        with Session(self.vault.engine) as session:
            entries = session.exec(select(AuditEntry).order_by(col(AuditEntry.seq)))
            return chain.first_break(entries)


def looks_like_vault(folder: Path) -> bool:
    """A folder holding a key file (or its backup) is worth offering to unlock; the
    unlock itself tells a damaged vault apart."""
    paths = vault_store.VaultPaths(folder)
    return paths.key_file.is_file() or paths.key_backup.is_file()


def create_vault(
    directory: Path,
    user_name: str,
    role: Role,
    passphrase: str,
    policy: KdfPolicy = REAL_KDF,
    *,
    events: EventBus | None = None,
) -> VaultSession:
    name = normalise_user_name(user_name)
    params = policy.checked_params()
    secret = normalise_passphrase(passphrase)
    bus = events or EventBus()

    def initialise(vault: UnlockedVault) -> None:
        with UnitOfWork(vault, bus) as uow:
            uow.session.add(VaultMeta(key=COMMIT_SALT_KEY, value=os.urandom(32).hex()))
            uow.session.add(VaultMeta(key="vault_id", value=vault.vault_id))
            uow.session.add(VaultMeta(key="created_by_version", value=__version__))
            uow.session.flush()
            uow.audit(
                "vault-create", "vault", vault.vault_id,
                details={"key_file_format": keyfile.FORMAT_VERSION},
            )
            uow.audit(
                "user-add", "user", vault.user.id, version=1,
                payload=_user_payload(vault.user), details={"role": vault.user.role.value},
            )
            # Imported here: the record services are built on this module.
            from casebook.services.reference_data import install_reference_data

            install_reference_data(uow, vault.user.id)

    vault = vault_store.create(
        directory, user_name=name, role=role, passphrase=secret, params=params,
        initialise=initialise,
    )
    return VaultSession(vault, bus)


def unlock_vault(
    directory: Path, passphrase: str, events: EventBus | None = None
) -> VaultSession:
    try:
        vault = vault_store.unlock(directory, normalise_passphrase(passphrase))
    except WrongPassphraseError:
        note_failed_unlock(directory)
        raise
    session = VaultSession(vault, events)
    try:
        with database.damage_reported(vault.paths.database):
            _check_vault_matches_database(vault)
            failures = read_failed_unlocks(directory)
            session.record_login(failures)
            if failures is not None:
                clear_failed_unlocks(directory)
                vault.warnings = (*vault.warnings, _failed_unlocks_notice(failures))
            from casebook.services.reference_data import ensure_reference_data

            ensure_reference_data(session)
    except BaseException:
        vault.lock()
        raise
    return session


def _failed_unlocks_notice(failures: FailedUnlocks) -> Notice:
    when = f", the last at {failures.last_at}" if failures.last_at else ""
    return Notice(
        f"{failures.count} failed unlock attempt(s) since this vault was last opened{when}. "
        "If that was not you, someone may have tried to open it.",
        FAILED_UNLOCKS, count=failures.count, last_at=failures.last_at,
    )


def _check_vault_matches_database(vault: UnlockedVault) -> None:
    with Session(vault.engine) as session:
        meta = session.get(VaultMeta, "vault_id")
    if meta is None or meta.value != vault.vault_id:
        raise DamagedDatabaseError(
            f"The database {vault.paths.database} does not belong to this vault's key file. "
            "Restore casebook.db from a backup of this vault.",
            path=vault.paths.database,
        )
