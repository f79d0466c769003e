"""The eligibility rules table (issue 27 item 1), versioned and reviewed like the entries
(``eligibility_rule_versions``; `faq load` seeds it from ``faq/data/rules``).

Revision ID: 0013_rule_versions
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_rule_versions"
down_revision = "0012_line"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "eligibility_rule_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("rule_id", sa.String(100), nullable=False, index=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("record", sa.Text, nullable=False),
        sa.Column("author", sa.String(100), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("rule_id", "number", name="uq_rule_version_number"),
    )


def downgrade() -> None:
    op.drop_table("eligibility_rule_versions")
