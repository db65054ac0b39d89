"""Database tables. Every change to a table needs a migration under ``migrations/``."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class VaultMeta(SQLModel, table=True):
    __tablename__ = "vault_meta"

    key: str = Field(primary_key=True)
    value: str


class AuditEntry(SQLModel, table=True):
    """One link of the append-only, hash-chained audit trail (DESIGN.md section 5)."""

    __tablename__ = "audit_entry"

    seq: int = Field(primary_key=True)
    at: str  # UTC, ISO 8601 with microseconds
    actor: str  # key id of the acting user's signing key
    action: str
    object_type: str
    object_id: str | None = None
    object_version: int | None = None
    object_commit: str | None = None
    details: str = "{}"  # canonical JSON; never passphrases or key material
    prev_hash: str
    entry_hash: str = Field(unique=True)
