"""An entry's answer in やさしい日本語 (optional): a column on live entries and on their versions.

Revision ID: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("faq_entries", "faq_entry_versions"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("easy_ja", sa.Text, nullable=False, server_default=""))


def downgrade() -> None:
    for table in ("faq_entries", "faq_entry_versions"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("easy_ja")
