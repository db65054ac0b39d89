"""A vault with a supervisor and a documenter, and raw SQLCipher access to its
database (as someone holding a passphrase but not using Casebook would have)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from casebook.audit.verify import VerifyReport
from casebook.crypto.subkeys import Purpose, derive_subkey
from casebook.domain.records import RecordKind
from casebook.domain.users import Role
from casebook.services.audit import AuditService
from casebook.services.records import RecordService, StoredRecord
from casebook.services.review import ReviewService
from casebook.services.vault_service import KdfPolicy, VaultSession, create_vault, unlock_vault
from casebook.storage.database import connect_raw

SUPERVISOR = "Salma Supervisor"
SUPERVISOR_PASS = "supervisor passphrase amber 71"
DOCUMENTER = "Dana Documenter"
DOCUMENTER_PASS = "documenter passphrase cedar 72"

#: Every table whose rows are append-only, and so has two triggers to drop.
APPEND_ONLY = ("audit_entry", "record_version", "taxonomy_version", "audit_checkpoint",
               "review", "comment", "attachment")


@dataclass
class TwoUsers:
    folder: Path
    key: bytes
    salt: bytes

    def supervisor(self) -> VaultSession:
        return unlock_vault(self.folder, SUPERVISOR_PASS)

    def documenter(self) -> VaultSession:
        return unlock_vault(self.folder, DOCUMENTER_PASS)

    @contextmanager
    def raw(self) -> Iterator[sqlcipher.Connection]:
        """The database opened directly, append-only triggers dropped; committed on
        a clean exit. Use only while every session is locked."""
        conn = connect_raw(self.folder / "casebook.db", self.key, self.salt)
        try:
            for table in APPEND_ONLY:
                for verb in ("update", "delete"):
                    conn.execute(f"DROP TRIGGER IF EXISTS {table}_no_{verb}")
            yield conn
            conn.commit()
        finally:
            conn.close()

    def verify(self, **kwargs: Any) -> VerifyReport:
        """Verify as the supervisor (an unlock adds a login entry after the head)."""
        session = self.supervisor()
        try:
            return AuditService(session).verify(**kwargs)
        finally:
            session.lock()


def make_two_users(folder: Path, policy: KdfPolicy) -> TwoUsers:
    session = create_vault(folder, SUPERVISOR, Role.SUPERVISOR, SUPERVISOR_PASS, policy)
    try:
        session.add_user(DOCUMENTER, Role.DOCUMENTER, DOCUMENTER_PASS, policy)
        root = session.vault.root_key()
        key = derive_subkey(root, Purpose.DATABASE)
        salt = derive_subkey(root, Purpose.DATABASE_SALT, length=16)
    finally:
        session.lock()
    return TwoUsers(folder, key, salt)


def seq_of(conn: sqlcipher.Connection, action: str, object_id: str,
           version: int | None = None) -> int:
    """The seq of the (last) entry with this action about this object."""
    query = "SELECT max(seq) FROM audit_entry WHERE action = ? AND object_id = ?"
    params: tuple[Any, ...] = (action, object_id)
    if version is not None:
        query += " AND object_version = ?"
        params += (version,)
    found = conn.execute(query, params).fetchone()[0]
    assert found is not None, (action, object_id, version)
    return int(found)


def head_seq(conn: sqlcipher.Connection) -> int:
    return int(conn.execute("SELECT max(seq) FROM audit_entry").fetchone()[0])


def reviewed_incident(vault: TwoUsers, *, approve: bool = True) -> StoredRecord:
    """An incident the documenter wrote and commented on, submitted, and (``approve``)
    approved by the supervisor; everything locked afterwards."""
    documenter = vault.documenter()
    try:
        incident = RecordService(documenter).create(
            RecordKind.INCIDENT, {"title": "Shelling of the market", "narrative": "At noon."})
        ReviewService(documenter).comment(incident.id, "Two witnesses, see statements.")
        incident = ReviewService(documenter).submit(incident.id, "Ready.")
    finally:
        documenter.lock()
    if approve:
        supervisor = vault.supervisor()
        try:
            incident = ReviewService(supervisor).approve(incident.id, "Consistent.")
        finally:
            supervisor.lock()
    return incident
