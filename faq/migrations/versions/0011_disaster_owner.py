"""The organisation that owns each disaster (issue 23): ``national`` or ``municipality:<団体コード>``.

Its owner decides who may edit, end or reopen it and which residents it reaches: a municipality's disaster
only that municipality's residents. Existing rows — the seed and every disaster declared so far — become
national: their stored area cannot tell a municipality's declaration from a national one (a national
disaster edited by a municipality has that municipality's area), so none is handed to a municipality here.

Revision ID: 0011_disaster_owner
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_disaster_owner"
down_revision = "0010_local_supplements"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("disasters") as batch:
        batch.add_column(sa.Column("owner", sa.String(64), nullable=False, server_default="national"))


def downgrade() -> None:
    with op.batch_alter_table("disasters") as batch:
        batch.drop_column("owner")
