"""相談メモ handed off from the 行政相談 flow.

Revision ID: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "handoff_memos",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("reference", sa.String(20), nullable=False, unique=True, index=True),
        sa.Column("topic", sa.Text, nullable=False),
        sa.Column("prefecture", sa.String(10), nullable=False),
        sa.Column("kikumimi", sa.String(40), nullable=False),
        sa.Column("contact_method", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False, index=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("handoff_memos")
