"""Database tables. Every change to a table needs a migration under ``migrations/``."""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from sqlalchemy import Connection
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


class Record(SQLModel, table=True):
    """A case record's identity and current version. Content lives in versions."""

    __tablename__ = "record"

    id: str = Field(primary_key=True)
    kind: str = Field(index=True)
    version: int
    deleted: bool = False
    created_at: str
    created_by: str
    updated_at: str
    updated_by: str
    external_ref: str | None = Field(default=None, index=True)


class RecordVersion(SQLModel, table=True):
    """One saved version. Never updated or deleted: edits add versions, delete adds a
    tombstone."""

    __tablename__ = "record_version"

    record_id: str = Field(primary_key=True, foreign_key="record.id")
    version: int = Field(primary_key=True)
    kind: str
    content: str  # canonical JSON of the content; "{}" for a tombstone
    tombstone: bool = False
    saved_at: str
    saved_by: str
    object_commit: str


class IncidentView(SQLModel, table=True):
    """The current version of each live incident, flattened for lists and filters."""

    __tablename__ = "incident_view"

    id: str = Field(primary_key=True, foreign_key="record.id")
    title: str
    status: str = Field(index=True)
    date_start: str | None = None
    date_from: str | None = Field(default=None, index=True)  # earliest day meant
    date_to: str | None = Field(default=None, index=True)  # latest day meant
    place: str | None = Field(default=None, index=True)
    sensitivity: str
    updated_at: str = Field(index=True)


class PersonView(SQLModel, table=True):
    __tablename__ = "person_view"

    id: str = Field(primary_key=True, foreign_key="record.id")
    display_name: str = Field(index=True)
    sex: str
    age: int | None = None
    is_child: bool | None = None
    counting_unit: str
    group_size: int | None = None
    updated_at: str = Field(index=True)


class InvolvementView(SQLModel, table=True):
    __tablename__ = "involvement_view"

    id: str = Field(primary_key=True, foreign_key="record.id")
    incident_id: str = Field(index=True)
    person_id: str = Field(index=True)
    role: str = Field(index=True)


class RecordIncident(SQLModel, table=True):
    """Which incident a dependent record (act, statement, evidence...) belongs to."""

    __tablename__ = "record_incident"

    record_id: str = Field(primary_key=True, foreign_key="record.id")
    incident_id: str = Field(index=True)


class RecordReference(SQLModel, table=True):
    """A live record's reference to another (current versions only): what would break
    if the target were deleted."""

    __tablename__ = "record_reference"

    from_id: str = Field(primary_key=True, foreign_key="record.id")
    field: str = Field(primary_key=True)
    to_id: str = Field(index=True)


class RecordTag(SQLModel, table=True):
    __tablename__ = "record_tag"

    record_id: str = Field(primary_key=True, foreign_key="record.id")
    code: str = Field(primary_key=True, index=True)


class Attachment(SQLModel, table=True):
    """An encrypted evidence file. The original is immutable; its SHA-256 is taken at
    ingest. ``wrapped_key`` is the file's own key sealed under the attachment-wrapping
    subkey."""

    __tablename__ = "attachment"

    id: str = Field(primary_key=True)
    evidence_id: str = Field(index=True, foreign_key="record.id")
    blob_name: str = Field(unique=True)
    wrapped_key: str
    sha256: str
    size: int
    media_type: str
    file_name: str
    added_at: str
    added_by: str


class Draft(SQLModel, table=True):
    """Unsaved editor content kept (encrypted, in the vault) when the app locks."""

    __tablename__ = "draft"

    id: str = Field(primary_key=True)
    record_id: str | None = None
    kind: str
    content: str
    saved_at: str
    saved_by: str


class TaxonomyVersion(SQLModel, table=True):
    """One installed version of a taxonomy file, as imported (canonical JSON).
    Never updated or deleted: the history of the vocabulary stays checkable."""

    __tablename__ = "taxonomy_version"

    taxonomy_id: str = Field(primary_key=True)
    version: int = Field(primary_key=True)
    content: str
    installed_at: str
    installed_by: str
    object_commit: str


class TaxonomySchemeRow(SQLModel, table=True):
    """A scheme as it stands now (rebuilt whenever a taxonomy version is installed)."""

    __tablename__ = "taxonomy_scheme"

    code: str = Field(primary_key=True)
    origin: str  # the taxonomy id, or "local:<code>" for a scheme imported from CSV
    position: int
    labels: str  # JSON object, language -> label
    definitions: str
    applies_to: str  # JSON list of record kinds
    sources: str


class TaxonomyTermRow(SQLModel, table=True):
    __tablename__ = "taxonomy_term"

    code: str = Field(primary_key=True)
    scheme: str = Field(index=True)
    position: int
    parent: str | None = Field(default=None, index=True)
    status: str
    replaced_by: str | None = None
    labels: str
    definitions: str
    legal_reference: str


class AuditCheckpoint(SQLModel, table=True):
    """A signed statement "the trail had ``seq`` entries ending in ``head_hash``",
    made at lock and at every export (docs/audit.md). Append-only."""

    __tablename__ = "audit_checkpoint"

    id: int | None = Field(default=None, primary_key=True)
    seq: int = Field(index=True)
    head_hash: str
    at: str
    reason: str  # "lock", "export", "request"
    signer: str  # key id
    public_key: str  # hex
    signature: str  # hex Ed25519 over casebook.audit.checkpoint.message(...)


class Review(SQLModel, table=True):
    """A reviewer's decision on one record version, signed by the reviewer."""

    __tablename__ = "review"

    id: str = Field(primary_key=True)
    record_id: str = Field(index=True, foreign_key="record.id")
    record_version: int
    object_commit: str  # the commit of the version decided on
    decision: str  # "submit", "approve", "request-changes"
    comment: str
    reviewer: str  # key id
    at: str
    public_key: str
    signature: str
    #: None: made in this vault; otherwise the vault it was made in (its id is part of
    #: the signed message), received in a case package.
    origin_vault: str | None = None
    #: Received reviews only: the version here with the content the review signs, when
    #: its number differs from ``record_version`` (the number in the origin vault).
    local_version: int | None = None

    @property
    def version_here(self) -> int:
        return self.record_version if self.local_version is None else self.local_version


class Comment(SQLModel, table=True):
    __tablename__ = "comment"

    id: str = Field(primary_key=True)
    record_id: str = Field(index=True, foreign_key="record.id")
    record_version: int
    author: str  # key id
    at: str
    text: str


class Contact(SQLModel, table=True):
    """A colleague's public key card. ``verified_at`` is set once a person compared
    the fingerprint with the colleague in person (docs/packages.md)."""

    __tablename__ = "contact"

    key_id: str = Field(primary_key=True)
    name: str
    role: str
    signing_key: str  # hex
    age_recipient: str
    card: str  # the card file as imported
    imported_at: str
    imported_by: str
    verified_at: str | None = None
    verified_by: str | None = None


class PeerVault(SQLModel, table=True):
    """A vault packages came from, with its commit salt (so its commits can be checked)."""

    __tablename__ = "peer_vault"

    vault_id: str = Field(primary_key=True)
    commit_salt: str
    first_seen_at: str


class PeerAuditEntry(SQLModel, table=True):
    """The audit trail of a sender's vault, as far as its packages carried it."""

    __tablename__ = "peer_audit_entry"

    vault_id: str = Field(primary_key=True)
    seq: int = Field(primary_key=True)
    at: str
    actor: str
    action: str
    object_type: str
    object_id: str | None = None
    object_version: int | None = None
    object_commit: str | None = None
    details: str = "{}"
    prev_hash: str
    entry_hash: str


class PeerCheckpoint(SQLModel, table=True):
    __tablename__ = "peer_checkpoint"

    id: int | None = Field(default=None, primary_key=True)
    vault_id: str = Field(index=True)
    seq: int
    head_hash: str
    at: str
    reason: str
    signer: str
    public_key: str
    signature: str = Field(unique=True)


class PackageReceived(SQLModel, table=True):
    __tablename__ = "package_received"

    package_id: str = Field(primary_key=True)
    sender_vault: str
    sender_key: str
    created_at: str
    head_seq: int
    imported_at: str
    imported_by: str
    contents: str  # JSON counts


class PackageSent(SQLModel, table=True):
    """One row per recipient: what the next package to them starts after."""

    __tablename__ = "package_sent"

    package_id: str = Field(primary_key=True)
    recipient: str = Field(primary_key=True)  # contact key id
    audit_seq: int  # the sender's audit head the package carried
    at: str


class VersionAbsorbs(SQLModel, table=True):
    """Record version ``version`` here already takes in the version known elsewhere by
    identity ``absorbed`` (a conflict resolved, or a merged line adopted), so that
    version is not a conflict again when it arrives."""

    __tablename__ = "version_absorbs"

    record_id: str = Field(primary_key=True)
    version: int = Field(primary_key=True)
    absorbed: str = Field(primary_key=True)


class Conflict(SQLModel, table=True):
    """A record edited in two vaults at once. Their versions wait here, untouched,
    until a person chooses (docs/packages.md)."""

    __tablename__ = "conflict"

    id: str = Field(primary_key=True)
    record_id: str = Field(index=True)
    kind: str
    local_version: int
    their_version: int
    their_head: str  # identity of their newest version
    their_versions: str  # JSON list of their versions past the common history
    their_absorbs: str  # JSON list of identities their line already takes in
    sender_vault: str
    sender_key: str
    package_id: str
    opened_at: str
    resolved_at: str | None = None
    resolved_by: str | None = None
    resolution: str | None = None
    resolved_version: int | None = None


def insert_many(connection: Connection, table: type[SQLModel], rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts keyed by column name) with one driver-level executemany.

    Bulk writes (imports) spend most of their time in per-row parameter handling
    otherwise; the column names come from the table definition, never from data.
    """
    if not rows:
        return
    columns = [c.name for c in table.__table__.columns]  # type: ignore[attr-defined]
    sql = (
        f"INSERT INTO {table.__tablename__} ({', '.join(columns)}) "  # noqa: S608 - names from the schema
        f"VALUES ({', '.join('?' for _ in columns)})"
    )
    # Every row carries every column (a missing one is a programming error: KeyError).
    values = itemgetter(*columns)
    connection.exec_driver_sql(sql, [values(row) for row in rows])
