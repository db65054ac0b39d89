"""Shared taxonomy: every installed version of a taxonomy file (immutable), and the
current schemes and terms flattened for lookups.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "taxonomy_version",
        sa.Column("taxonomy_id", sa.String(), primary_key=True),
        sa.Column("version", sa.Integer(), primary_key=True),
        sa.Column("content", sa.String(), nullable=False),
        sa.Column("installed_at", sa.String(), nullable=False),
        sa.Column("installed_by", sa.String(), nullable=False),
        sa.Column("object_commit", sa.String(), nullable=False),
    )
    op.execute(
        "CREATE TRIGGER taxonomy_version_no_update BEFORE UPDATE ON taxonomy_version "
        "BEGIN SELECT RAISE(ABORT, 'installed taxonomy versions are immutable'); END"
    )
    op.execute(
        "CREATE TRIGGER taxonomy_version_no_delete BEFORE DELETE ON taxonomy_version "
        "BEGIN SELECT RAISE(ABORT, 'installed taxonomy versions are immutable'); END"
    )
    op.create_table(
        "taxonomy_scheme",
        sa.Column("code", sa.String(), primary_key=True),
        sa.Column("origin", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("labels", sa.String(), nullable=False),
        sa.Column("definitions", sa.String(), nullable=False),
        sa.Column("applies_to", sa.String(), nullable=False),
        sa.Column("sources", sa.String(), nullable=False),
    )
    op.create_table(
        "taxonomy_term",
        sa.Column("code", sa.String(), primary_key=True),
        sa.Column("scheme", sa.String(), nullable=False, index=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("parent", sa.String(), nullable=True, index=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("replaced_by", sa.String(), nullable=True),
        sa.Column("labels", sa.String(), nullable=False),
        sa.Column("definitions", sa.String(), nullable=False),
        sa.Column("legal_reference", sa.String(), nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("Casebook migrations only go forward")
