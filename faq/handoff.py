"""相談メモ: what a resident asked staff to follow up, stored with personal data redacted."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Column, DateTime, Integer, String, Text

from faq.privacy import redact
from faq.store import Base, FaqStore


class HandoffMemoRow(Base):
    __tablename__ = "handoff_memos"

    id = Column(Integer, primary_key=True, autoincrement=True)
    reference = Column(String(20), nullable=False, unique=True, index=True)
    topic = Column(Text, nullable=False)
    prefecture = Column(String(10), nullable=False, default="")
    kikumimi = Column(String(40), nullable=False, default="")
    contact_method = Column(String(20), nullable=False, default="")
    status = Column(String(20), nullable=False, default="new", index=True)
    created_at = Column(DateTime(timezone=True), nullable=False)
    updated_at = Column(DateTime(timezone=True), nullable=True)  # last status change in the inbox
    updated_by = Column(String(64), nullable=True)


@dataclass(frozen=True)
class HandoffMemo:
    reference: str
    topic: str
    prefecture: str
    kikumimi: str
    contact_method: str
    status: str
    created_at: datetime


def save_memo(
    store: FaqStore, topic: str, prefecture: str, kikumimi: str, contact_method: str
) -> HandoffMemo:
    """Store a memo (every free-text field redacted) and return it with its reference number.

    >>> memo = save_memo(store, "年金で困っています 090-1234-5678", "大阪府", "きくみみ大阪", "電話")
    >>> memo.topic
    '年金で困っています [電話番号]'
    """
    now = datetime.now(timezone.utc)
    reference = f"GS-{now:%y%m%d}-{secrets.token_hex(3).upper()}"
    row = HandoffMemoRow(
        reference=reference,
        topic=redact(topic)[:1000],
        prefecture=prefecture[:10],
        kikumimi=kikumimi[:40],
        contact_method=redact(contact_method)[:20],
        status="new",
        created_at=now,
    )
    with store.session() as session, session.begin():
        session.add(row)
    return HandoffMemo(
        reference, row.topic, row.prefecture, row.kikumimi, row.contact_method, row.status, now
    )


def list_memos(store: FaqStore) -> list[HandoffMemo]:
    with store.session() as session:
        rows = session.query(HandoffMemoRow).order_by(HandoffMemoRow.id).all()
        return [
            HandoffMemo(
                r.reference, r.topic, r.prefecture, r.kikumimi, r.contact_method, r.status, r.created_at
            )
            for r in rows
        ]
