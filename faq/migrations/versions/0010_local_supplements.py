"""Municipalities' local supplements to national entries, every version (``local_supplements``).

Revision ID: 0010_local_supplements
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_local_supplements"
down_revision = "0009_organisations"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "local_supplements",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("entry_id", sa.String(100), nullable=False, index=True),
        sa.Column("municipality", sa.String(6), nullable=False, index=True),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("window", sa.Text, nullable=False),
        sa.Column("address", sa.Text, nullable=False),
        sa.Column("phone", sa.Text, nullable=False),
        sa.Column("hours", sa.Text, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("field_refs", sa.Text, nullable=False),
        sa.Column("source_document", sa.Text, nullable=False),
        sa.Column("source_section", sa.Text, nullable=False),
        sa.Column("source_ref", sa.Text, nullable=False),
        sa.Column("last_checked", sa.Date, nullable=False),
        sa.Column("author", sa.String(100), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("entry_id", "municipality", "number", name="uq_local_supplement_version"),
    )


def downgrade() -> None:
    op.drop_table("local_supplements")
