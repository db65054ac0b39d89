"""Case records: identities, versions, current-state views, tags, links, attachments,
drafts and the full-text index.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "record",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("kind", sa.String(), nullable=False, index=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False),
        sa.Column("updated_by", sa.String(), nullable=False),
        sa.Column("external_ref", sa.String(), nullable=True, index=True),
    )
    op.create_table(
        "record_version",
        sa.Column("record_id", sa.String(), sa.ForeignKey("record.id"), primary_key=True),
        sa.Column("version", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("content", sa.String(), nullable=False),
        sa.Column("tombstone", sa.Boolean(), nullable=False),
        sa.Column("saved_at", sa.String(), nullable=False),
        sa.Column("saved_by", sa.String(), nullable=False),
        sa.Column("object_commit", sa.String(), nullable=False),
    )
    op.execute(
        "CREATE TRIGGER record_version_no_update BEFORE UPDATE ON record_version "
        "BEGIN SELECT RAISE(ABORT, 'record versions are immutable'); END"
    )
    op.execute(
        "CREATE TRIGGER record_version_no_delete BEFORE DELETE ON record_version "
        "BEGIN SELECT RAISE(ABORT, 'record versions are immutable'); END"
    )
    op.create_table(
        "incident_view",
        sa.Column("id", sa.String(), sa.ForeignKey("record.id"), primary_key=True),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False, index=True),
        sa.Column("date_start", sa.String(), nullable=True),
        sa.Column("date_from", sa.String(), nullable=True, index=True),
        sa.Column("date_to", sa.String(), nullable=True, index=True),
        sa.Column("place", sa.String(), nullable=True, index=True),
        sa.Column("sensitivity", sa.String(), nullable=False),
        sa.Column("updated_at", sa.String(), nullable=False, index=True),
    )
    # The list's default order is "last changed first"; these let a filtered list
    # read its first page straight from an index instead of sorting every match.
    op.create_index("ix_incident_view_status_updated", "incident_view", ["status", "updated_at"])
    op.create_index("ix_incident_view_place_updated", "incident_view", ["place", "updated_at"])
    op.create_table(
        "person_view",
        sa.Column("id", sa.String(), sa.ForeignKey("record.id"), primary_key=True),
        sa.Column("display_name", sa.String(), nullable=False, index=True),
        sa.Column("sex", sa.String(), nullable=False),
        sa.Column("age", sa.Integer(), nullable=True),
        sa.Column("is_child", sa.Boolean(), nullable=True),
        sa.Column("counting_unit", sa.String(), nullable=False),
        sa.Column("group_size", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.String(), nullable=False, index=True),
    )
    op.create_table(
        "involvement_view",
        sa.Column("id", sa.String(), sa.ForeignKey("record.id"), primary_key=True),
        sa.Column("incident_id", sa.String(), nullable=False, index=True),
        sa.Column("person_id", sa.String(), nullable=False, index=True),
        sa.Column("role", sa.String(), nullable=False, index=True),
    )
    op.create_table(
        "record_incident",
        sa.Column("record_id", sa.String(), sa.ForeignKey("record.id"), primary_key=True),
        sa.Column("incident_id", sa.String(), nullable=False, index=True),
    )
    op.create_table(
        "record_reference",
        sa.Column("from_id", sa.String(), sa.ForeignKey("record.id"), primary_key=True),
        sa.Column("field", sa.String(), primary_key=True),
        sa.Column("to_id", sa.String(), nullable=False, index=True),
    )
    op.create_table(
        "record_tag",
        sa.Column("record_id", sa.String(), sa.ForeignKey("record.id"), primary_key=True),
        sa.Column("code", sa.String(), primary_key=True, index=True),
    )
    op.create_table(
        "attachment",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("evidence_id", sa.String(), sa.ForeignKey("record.id"), nullable=False,
                  index=True),
        sa.Column("blob_name", sa.String(), nullable=False, unique=True),
        sa.Column("wrapped_key", sa.String(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(), nullable=False),
        sa.Column("file_name", sa.String(), nullable=False),
        sa.Column("added_at", sa.String(), nullable=False),
        sa.Column("added_by", sa.String(), nullable=False),
    )
    op.execute(
        "CREATE TRIGGER attachment_no_update BEFORE UPDATE ON attachment "
        "BEGIN SELECT RAISE(ABORT, 'evidence originals are immutable'); END"
    )
    op.create_table(
        "draft",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("record_id", sa.String(), nullable=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("content", sa.String(), nullable=False),
        sa.Column("saved_at", sa.String(), nullable=False),
        sa.Column("saved_by", sa.String(), nullable=False),
    )
    # Text is folded (casebook.domain.folding) before it reaches the index, so the
    # tokenizer only splits; it must not strip or fold anything itself.
    op.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "record_id UNINDEXED, kind UNINDEXED, body, "
        "tokenize = 'unicode61 remove_diacritics 0')"
    )


def downgrade() -> None:
    raise NotImplementedError("Casebook migrations only go forward")
