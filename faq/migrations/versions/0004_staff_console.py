"""The staff console: entry versions, staff accounts, sessions and API tokens, the learning loop's
unanswered questions, disasters in the database, and inbox status on 相談メモ.

Every existing entry gets version 1 (author ``seed``), so history starts complete.

Revision ID: 0004
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "faq_entry_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("entry_id", sa.String(100), nullable=False, index=True),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("category", sa.String(100), nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("alternates", sa.Text, nullable=False),
        sa.Column("audience", sa.Text, nullable=False),
        sa.Column("source_document", sa.Text, nullable=False),
        sa.Column("source_section", sa.Text, nullable=False),
        sa.Column("source_ref", sa.Text, nullable=False),
        sa.Column("last_checked", sa.Date, nullable=False),
        sa.Column("author", sa.String(100), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("entry_id", "number", name="uq_entry_version_number"),
    )
    op.create_table(
        "staff_users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("failed_logins", sa.Integer, nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "staff_sessions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("staff_users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "staff_tokens",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("staff_users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked", sa.Boolean, nullable=False),
    )
    op.create_table(
        "unanswered_questions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("candidates", sa.Text, nullable=False),
        sa.Column("conversation", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolution", sa.Text, nullable=True),
    )
    with op.batch_alter_table("faq_feedback") as batch:
        batch.add_column(sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("resolution", sa.Text, nullable=True))
    with op.batch_alter_table("handoff_memos") as batch:
        batch.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("updated_by", sa.String(64), nullable=True))
    op.create_table(
        "disasters",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("prefectures", sa.Text, nullable=False),
        sa.Column("municipalities", sa.Text, nullable=False),
        sa.Column("start_date", sa.Date, nullable=True),
        sa.Column("relief_act_applied", sa.String(40), nullable=False),
        sa.Column("guidebook_from", sa.String(40), nullable=False),
        sa.Column("guidebook_url", sa.Text, nullable=False),
        sa.Column("special_consultation", sa.Boolean, nullable=False),
        sa.Column("dial", sa.Text, nullable=False),
        sa.Column("events", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False, index=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(64), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
    )
    _backfill_versions()


def _backfill_versions() -> None:
    bind = op.get_bind()
    entries = bind.execute(sa.text("SELECT * FROM faq_entries ORDER BY id")).mappings().all()
    alternates: dict[str, list[str]] = {}
    for row in bind.execute(sa.text("SELECT entry_id, text FROM faq_alternates ORDER BY entry_id, position")):
        alternates.setdefault(row[0], []).append(row[1])
    now = datetime.now(timezone.utc)
    columns = (
        "entry_id number status category question answer alternates audience source_document source_section "
        "source_ref last_checked author reason created_at"
    ).split()
    versions = sa.table("faq_entry_versions", *(sa.column(name) for name in columns))
    rows = [
        {
            "entry_id": e["id"],
            "number": 1,
            "status": e["status"],
            "category": e["category"],
            "question": e["question"],
            "answer": e["answer"],
            "alternates": json.dumps(alternates.get(e["id"], []), ensure_ascii=False),
            "audience": e["audience"],
            "source_document": e["source_document"],
            "source_section": e["source_section"],
            "source_ref": e["source_ref"],
            "last_checked": e["last_checked"],
            "author": "seed",
            "reason": "初期データ（faq/data/entries の YAML）",
            "created_at": now,
        }
        for e in entries
    ]
    if rows:
        op.bulk_insert(versions, rows)


def downgrade() -> None:
    op.drop_table("disasters")
    with op.batch_alter_table("handoff_memos") as batch:
        batch.drop_column("updated_by")
        batch.drop_column("updated_at")
    with op.batch_alter_table("faq_feedback") as batch:
        batch.drop_column("resolution")
        batch.drop_column("resolved_at")
    op.drop_table("unanswered_questions")
    op.drop_table("staff_tokens")
    op.drop_table("staff_sessions")
    op.drop_table("staff_users")
    op.drop_table("faq_entry_versions")
