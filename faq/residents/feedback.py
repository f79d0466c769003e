"""Residents' 役に立った / 役に立たなかった votes on answers, stored for staff with personal data redacted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Integer, func, select

from faq.content.store import FaqStore
from faq.residents.privacy import conversation_key, redact
from faq.tables import FeedbackRow
from faq.text.analyzer import shared_analyzer

MAX_QUESTION_CHARS = 1000


@dataclass(frozen=True)
class FeedbackCount:
    faq_id: str
    helpful: int
    not_helpful: int


def record_vote(store: FaqStore, faq_id: str, helpful: bool, question: str, sender: str) -> bool:
    """Store a vote; a second vote on the same entry in the same conversation replaces the first.

    Returns True when the vote was new, False when it replaced an earlier one.
    """
    key = conversation_key(sender)
    with store.session() as session, session.begin():
        row = session.execute(
            select(FeedbackRow).where(FeedbackRow.conversation == key, FeedbackRow.faq_id == faq_id)
        ).scalar_one_or_none()
        new = row is None
        if row is None:
            row = FeedbackRow(faq_id=faq_id, conversation=key)
            session.add(row)
        if not new and row.helpful != helpful:  # a changed vote is news for staff again
            row.resolved_at = None
            row.resolution = None
        row.helpful = helpful
        row.question = redact(question.strip())[:MAX_QUESTION_CHARS]
        row.created_at = datetime.now(timezone.utc)
    return new


def feedback_counts(store: FaqStore) -> list[FeedbackCount]:
    """Votes per entry, most 役に立たなかった first."""
    not_helpful = func.sum(func.cast(~FeedbackRow.helpful, Integer))
    helpful = func.sum(func.cast(FeedbackRow.helpful, Integer))
    with store.session() as session:
        rows = session.execute(
            select(FeedbackRow.faq_id, helpful, not_helpful)
            .group_by(FeedbackRow.faq_id)
            .order_by(not_helpful.desc(), FeedbackRow.faq_id)
        ).all()
    return [FeedbackCount(faq_id, int(h or 0), int(n or 0)) for faq_id, h, n in rows]


def votes(store: FaqStore, faq_id: str | None = None) -> list[FeedbackRow]:
    """The stored votes (newest first), optionally for one entry."""
    query = select(FeedbackRow).order_by(FeedbackRow.id.desc())
    if faq_id is not None:
        query = query.where(FeedbackRow.faq_id == faq_id)
    with store.session() as session:
        return list(session.execute(query).scalars())


# -- what a resident's next message says about the answer just given ------------------------------------

REASK_OVERLAP = 0.6  # share of content words two messages have in common to be the same question again
# The words of a typed remark on an answer that make it a 役に立たなかった: a negation (なかった, ない), a
# difficulty (分かりにくい), too much (長すぎる), off the mark (違う, 的外れ, ずれる, 期待外れ), stale (古い).
_NEGATIVE_LEMMAS = frozenset(
    {"無い", "ない", "ぬ", "ず", "違う", "難い", "にくい", "過ぎる", "外れる", "ずれる", "古い"}
    | {"的外れ", "期待外れ", "はずれ", "外れ"}
)


def _content_words(text: str) -> set[str]:
    return set(shared_analyzer().analyze(text).words)


def asks_again(previous: str, current: str) -> bool:
    """Whether ``current`` asks ``previous`` again in other words (or the same ones) — the resident's way of
    saying the answer they got was not what they asked: most of the content words (lemmas, so kana and
    kanji forms meet) are the same. 「協力隊の任期は？」 then 「協力隊の給料は？」 is a new question."""
    first, second = _content_words(previous), _content_words(current)
    if not first or not second:
        return False
    return len(first & second) / len(first | second) >= REASK_OVERLAP


def says_not_helpful(text: str) -> bool:
    """Whether a typed remark on an answer is a 役に立たなかった (「全然役に立たない」「わかりにくい」「回答が
    的外れ」) rather than a 役に立った (「分かりやすかった」「便利だね」)."""
    return any(token.lemma in _NEGATIVE_LEMMAS for token in shared_analyzer().tokenize(text))
