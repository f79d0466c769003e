"""The learning loop: residents' questions that got no confident answer, kept (redacted) for staff."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, String, Text

from faq.store import Base


class UnansweredRow(Base):
    __tablename__ = "unanswered_questions"

    id = Column(Integer, primary_key=True, autoincrement=True)
    question = Column(Text, nullable=False)  # redacted
    outcome = Column(String(20), nullable=False)  # clarify | no_answer
    candidates = Column(Text, nullable=False, default="[]")  # JSON list of entry ids offered
    conversation = Column(String(32), nullable=False)  # faq.feedback.conversation_key(sender)
    created_at = Column(DateTime(timezone=True), nullable=False, index=True)
    resolved_at = Column(DateTime(timezone=True), nullable=True)
    resolution = Column(Text, nullable=True)  # e.g. "new entry X" / "alternate of X"
