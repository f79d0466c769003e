"""How long residents' words are kept: conversations (Rasa's tracker store) and the learning loop's
questions are deleted after ``conversation_retention_days``; feedback votes keep their counts but lose
the question text; the hourly question counts (numbers only) are dropped after the same period. Runs
hourly in the web app and on demand with ``python -m faq retention``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import bindparam, create_engine, inspect, text, update

from faq.content.sqlite import durable
from faq.content.store import FaqStore
from faq.residents.feedback import FeedbackRow
from faq.residents.learning import UnansweredRow
from faq.residents.question_counts import delete_counts_before

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetentionReport:
    conversations: int  # whole conversations deleted from the tracker store
    questions: int  # unanswered questions deleted
    votes_cleared: int  # votes whose question text was removed
    counts: int = 0  # hourly question-count rows deleted


def apply_retention(
    store: FaqStore,
    tracker_store_url: str,
    days: int,
    now: datetime | None = None,
    count_days: int | None = None,
) -> RetentionReport:
    """Delete what is older than ``days`` (0 or less: keep everything). The hourly question counts hold
    no resident text; they follow ``days`` too unless ``count_days`` gives them a period of their own."""
    count_days = days if count_days is None else count_days
    now = now or datetime.now(timezone.utc)
    counts = 0
    if count_days > 0:
        with store.session() as session, session.begin():
            counts = delete_counts_before(session, now - timedelta(days=count_days))
    if days <= 0:
        return RetentionReport(0, 0, 0, counts)
    cutoff = now - timedelta(days=days)
    conversations = _expire_conversations(tracker_store_url, cutoff) if tracker_store_url else 0
    with store.session() as session, session.begin():
        questions = (
            session.query(UnansweredRow)
            .filter(UnansweredRow.created_at < cutoff)
            .delete(synchronize_session=False)
        )
        votes = session.execute(
            update(FeedbackRow)
            .where(FeedbackRow.created_at < cutoff, FeedbackRow.question != "")
            .values(question="")
            .execution_options(synchronize_session=False)
        ).rowcount
    report = RetentionReport(conversations, int(questions or 0), int(votes or 0), counts)
    logger.info(
        "retention (%d days): %d conversations, %d questions, %d count rows deleted, %d vote texts cleared",
        days,
        report.conversations,
        report.questions,
        report.counts,
        report.votes_cleared,
    )
    return report


def _expire_conversations(url: str, cutoff: datetime) -> int:
    """Delete every conversation whose newest event is older than ``cutoff`` (Rasa's ``events`` table)."""
    engine = durable(create_engine(url))
    try:
        if not inspect(engine).has_table("events"):
            return 0
        with engine.begin() as connection:
            stale = [
                row[0]
                for row in connection.execute(
                    text("SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff"),
                    {"cutoff": cutoff.timestamp()},
                )
            ]
            for start in range(0, len(stale), 500):
                batch = stale[start : start + 500]
                delete = text("DELETE FROM events WHERE sender_id IN :ids").bindparams(
                    bindparam("ids", expanding=True)
                )
                connection.execute(delete, {"ids": batch})
        return len(stale)
    finally:
        engine.dispose()
