"""The printed guidebook's block of a disaster (its name and dial) in a column of its own.

Revision ID: 0005
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("disasters") as batch:
        batch.add_column(sa.Column("guidebook", sa.Text, nullable=False, server_default="{}"))
    # Rows written before this revision kept the block inside ``dial`` under "guidebook".
    bind = op.get_bind()
    for row_id, dial in bind.execute(sa.text("SELECT id, dial FROM disasters")).all():
        values = json.loads(dial or "{}")
        guidebook = values.pop("guidebook", None)
        if guidebook is not None:
            bind.execute(
                sa.text("UPDATE disasters SET dial = :dial, guidebook = :guidebook WHERE id = :id"),
                {
                    "dial": json.dumps(values, ensure_ascii=False),
                    "guidebook": json.dumps(guidebook, ensure_ascii=False),
                    "id": row_id,
                },
            )


def downgrade() -> None:
    with op.batch_alter_table("disasters") as batch:
        batch.drop_column("guidebook")
