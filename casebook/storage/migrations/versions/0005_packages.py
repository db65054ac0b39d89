"""Case packages (issue 7): contacts, what was sent and received, the sender trails
received, merge bookkeeping and conflicts. Reviews learn where they were made.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _append_only(table: str) -> None:
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} rows are append-only'); END"
        )


def _text(name: str, *, nullable: bool = False, **kwargs: object) -> sa.Column[str]:
    return sa.Column(name, sa.String(), nullable=nullable, **kwargs)  # type: ignore[arg-type]


def upgrade() -> None:
    op.create_table(
        "contact",
        _text("key_id", primary_key=True),
        _text("name"), _text("role"), _text("signing_key"), _text("age_recipient"),
        _text("card"), _text("imported_at"), _text("imported_by"),
        _text("verified_at", nullable=True), _text("verified_by", nullable=True),
    )
    op.create_table(
        "peer_vault",
        _text("vault_id", primary_key=True),
        _text("commit_salt"), _text("first_seen_at"),
    )
    _append_only("peer_vault")
    op.create_table(
        "peer_audit_entry",
        _text("vault_id", primary_key=True),
        sa.Column("seq", sa.Integer(), primary_key=True),
        _text("at"), _text("actor"), _text("action"), _text("object_type"),
        _text("object_id", nullable=True),
        sa.Column("object_version", sa.Integer(), nullable=True),
        _text("object_commit", nullable=True),
        _text("details"), _text("prev_hash"), _text("entry_hash"),
    )
    op.create_index("ix_peer_audit_entry_object", "peer_audit_entry",
                    ["vault_id", "object_id", "object_version"])
    _append_only("peer_audit_entry")
    op.create_table(
        "peer_checkpoint",
        sa.Column("id", sa.Integer(), primary_key=True),
        _text("vault_id", index=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        _text("head_hash"), _text("at"), _text("reason"), _text("signer"), _text("public_key"),
        _text("signature", unique=True),
    )
    _append_only("peer_checkpoint")
    op.create_table(
        "package_received",
        _text("package_id", primary_key=True),
        _text("sender_vault"), _text("sender_key"), _text("created_at"),
        sa.Column("head_seq", sa.Integer(), nullable=False),
        _text("imported_at"), _text("imported_by"), _text("contents"),
    )
    _append_only("package_received")
    op.create_table(
        "package_sent",
        _text("package_id", primary_key=True),
        _text("recipient", primary_key=True),
        sa.Column("audit_seq", sa.Integer(), nullable=False),
        _text("at"),
    )
    _append_only("package_sent")
    op.create_table(
        "version_absorbs",
        _text("record_id", primary_key=True),
        sa.Column("version", sa.Integer(), primary_key=True),
        _text("absorbed", primary_key=True),
    )
    _append_only("version_absorbs")
    op.create_table(
        "conflict",
        _text("id", primary_key=True),
        _text("record_id", index=True), _text("kind"),
        sa.Column("local_version", sa.Integer(), nullable=False),
        sa.Column("their_version", sa.Integer(), nullable=False),
        _text("their_head"), _text("their_versions"), _text("their_absorbs"),
        _text("sender_vault"), _text("sender_key"), _text("package_id"), _text("opened_at"),
        _text("resolved_at", nullable=True), _text("resolved_by", nullable=True),
        _text("resolution", nullable=True),
        sa.Column("resolved_version", sa.Integer(), nullable=True),
    )
    # NULL: made in this vault. Otherwise the vault whose id the signature covers.
    op.add_column("review", sa.Column("origin_vault", sa.String(), nullable=True))
    # A received review names the version by its number in the vault it was made in;
    # here the same content may carry another number (after a conflict was resolved).
    op.add_column("review", sa.Column("local_version", sa.Integer(), nullable=True))


def downgrade() -> None:
    raise NotImplementedError("Casebook migrations only go forward")
