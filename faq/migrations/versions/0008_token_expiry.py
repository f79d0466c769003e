"""API tokens expire: ``staff_tokens.expires_at`` (NULL for tokens issued before, which never expire
until revoked — revoke them with ``python -m faq staff revoke-token ID``).

Revision ID: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff_tokens") as batch:
        batch.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("staff_tokens") as batch:
        batch.drop_column("expires_at")
