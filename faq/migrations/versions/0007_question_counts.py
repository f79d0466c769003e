"""Question counts per hour, outcome, category and disaster (numbers only, no resident text).

Revision ID: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "question_counts",
        sa.Column("hour", sa.DateTime(timezone=True), primary_key=True),
        sa.Column("outcome", sa.String(12), primary_key=True),
        sa.Column("category", sa.String(64), primary_key=True),
        sa.Column("disaster", sa.String(100), primary_key=True),
        sa.Column("count", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("question_counts")
