"""LINE (issue 28): the webhook events already taken (a redelivered event is answered once, across
workers) and the keyed hash of each LINE user with the conversation it stands for; unfollowing deletes the
row. Neither table holds a LINE userId.

Revision ID: 0012_line
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_line"
down_revision = "0011_disaster_owner"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "line_webhook_events",
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False, index=True),
    )
    op.create_table(
        "line_senders",
        sa.Column("user_key", sa.String(64), primary_key=True),
        sa.Column("conversation", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("line_senders")
    op.drop_table("line_webhook_events")
