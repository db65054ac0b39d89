"""Two vaults that exchange case packages: a documenter's and a supervisor's."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from casebook.domain.users import Role
from casebook.services.contacts import ContactService
from casebook.services.packages import ImportOutcome, PackageService
from casebook.services.vault_service import KdfPolicy, VaultSession, create_vault, unlock_vault

DOCUMENTER = "Dana Documenter"
DOCUMENTER_PASS = "documenter passphrase cedar 72"
SUPERVISOR = "Salma Supervisor"
SUPERVISOR_PASS = "supervisor passphrase amber 71"


@dataclass
class Side:
    folder: Path
    passphrase: str
    policy: KdfPolicy

    @contextmanager
    def session(self) -> Iterator[VaultSession]:
        session = unlock_vault(self.folder, self.passphrase)
        try:
            yield session
        finally:
            session.lock()

    def database_hash(self) -> str:
        """The SHA-256 of the database file (with its WAL folded in by the last lock)."""
        digest = hashlib.sha256()
        for name in ("casebook.db", "casebook.db-wal"):
            path = self.folder / name
            if path.exists():
                digest.update(path.read_bytes())
        return digest.hexdigest()

    def blob_names(self) -> set[str]:
        return {p.name for p in (self.folder / "blobs").glob("*")} \
            if (self.folder / "blobs").exists() else set()


@dataclass
class Pair:
    documenter: Side
    supervisor: Side
    tmp: Path
    counter: int = 0

    def send(self, sender: Side, recipient_name: str, *, since: int | None = None) -> Path:
        self.counter += 1
        out = self.tmp / f"package-{self.counter}.cbpkg"
        with sender.session() as session:
            PackageService(session).export([recipient_name], out, since=since)
        return out

    def receive(self, recipient: Side, package: Path, *, dry_run: bool = False) -> ImportOutcome:
        with recipient.session() as session:
            return PackageService(session).import_package(package, dry_run=dry_run)


def make_pair(tmp: Path, policy: KdfPolicy, *, verify: bool = True) -> Pair:
    documenter = Side(tmp / "documenter", DOCUMENTER_PASS, policy)
    supervisor = Side(tmp / "supervisor", SUPERVISOR_PASS, policy)
    create_vault(documenter.folder, DOCUMENTER, Role.DOCUMENTER, DOCUMENTER_PASS,
                 policy).lock()
    create_vault(supervisor.folder, SUPERVISOR, Role.SUPERVISOR, SUPERVISOR_PASS,
                 policy).lock()
    cards = tmp / "cards"
    cards.mkdir()
    for side, name in ((documenter, "documenter.json"), (supervisor, "supervisor.json")):
        with side.session() as session:
            ContactService(session).export_card(cards / name)
    for side, other in ((documenter, "supervisor.json"), (supervisor, "documenter.json")):
        with side.session() as session:
            contacts = ContactService(session)
            contact = contacts.import_card(cards / other)
            if verify:
                contacts.verify(contact.key_id, contact.fingerprint)
    return Pair(documenter, supervisor, tmp)


def database_digest(session: VaultSession) -> str:
    """A digest of every row of every table, read through the open session: what
    "the vault is unchanged" means (the file itself changes at every unlock, which
    records a login)."""
    from sqlalchemy import text

    digest = hashlib.sha256()
    with session.vault.engine.connect() as connection:
        tables = [row[0] for row in connection.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))]
        for table in tables:
            digest.update(table.encode())
            rows = connection.execute(text(f'SELECT * FROM "{table}"')).fetchall()
            for row in sorted(repr(tuple(r)) for r in rows):
                digest.update(row.encode())
    return digest.hexdigest()
