"""Organisations (issue 17): the ``organisations`` table with 総務省 (``national``) and the 50 きくみみ
centres (``centre:<n>``, n = ``number`` in faq/data/kikumimi.yml); the organisation of each staff account,
the owner of each entry and entry version, and the centre a 相談メモ is routed to. Existing accounts and
entries become national; an existing memo goes to the centre whose name it was saved with (its
``kikumimi``), or, naming none, to the national queue (an empty centre).

Municipalities (``municipality:<6-digit 団体コード>``) are added on first use, not here.

Revision ID: 0009_organisations
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa
import yaml
from alembic import op

revision = "0009_organisations"
down_revision = "0008"
branch_labels = None
depends_on = None

DIRECTORY_FILE = Path(__file__).resolve().parents[2] / "data" / "kikumimi.yml"


def _owner_column(name: str) -> sa.Column:
    return sa.Column(name, sa.String(64), nullable=False, server_default="national")


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False, index=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    now = datetime.now(timezone.utc)
    centres = yaml.safe_load(DIRECTORY_FILE.read_text(encoding="utf-8"))["centres"]
    rows = [{"id": "national", "kind": "national", "name": "総務省", "created_at": now}]
    rows += [
        {"id": f"centre:{c['number']}", "kind": "centre", "name": c["name"], "created_at": now}
        for c in centres
    ]
    table = sa.table("organisations", *(sa.column(n) for n in ("id", "kind", "name", "created_at")))
    op.bulk_insert(table, rows)
    with op.batch_alter_table("staff_users") as batch:
        batch.add_column(_owner_column("organisation"))
    with op.batch_alter_table("faq_entries") as batch:
        batch.add_column(_owner_column("owner"))
    with op.batch_alter_table("faq_entry_versions") as batch:
        batch.add_column(_owner_column("owner"))
    with op.batch_alter_table("handoff_memos") as batch:
        batch.add_column(sa.Column("centre", sa.String(64), nullable=False, server_default=""))
        batch.create_index("ix_handoff_memos_centre", ["centre"])
    for centre in centres:
        op.execute(
            sa.text("UPDATE handoff_memos SET centre = :centre WHERE kikumimi = :name").bindparams(
                centre=f"centre:{centre['number']}", name=centre["name"]
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("handoff_memos") as batch:
        batch.drop_index("ix_handoff_memos_centre")
        batch.drop_column("centre")
    with op.batch_alter_table("faq_entry_versions") as batch:
        batch.drop_column("owner")
    with op.batch_alter_table("faq_entries") as batch:
        batch.drop_column("owner")
    with op.batch_alter_table("staff_users") as batch:
        batch.drop_column("organisation")
    op.drop_table("organisations")
