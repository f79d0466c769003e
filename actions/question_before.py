"""A question of a message read with the question asked before it, as a follow-up is read with the turn
before: 「起業人の対象企業ってどこの会社？ 期間は？」 — 「期間は？」 leaves out what it asks about, and
searched alone finds whatever entry shares 期間. The earlier question (its answer, else its words) is the
conversation this one continues (:func:`faq.search.context.read_message`), searched as a follow-up is
(:func:`actions.context.follow_up_search`).

Only a question that found no confident answer alone is read again, and only the answer found with its
sibling's subject is kept: an entry (never a card — a question that names no place of its own gets no
centre from its sibling's place).
"""

from __future__ import annotations

import logging
from dataclasses import replace

from actions.common import directory, municipality_code, town_names
from actions.context import follow_up_search
from faq.errors import FaqError
from faq.model import Outcome, SearchResult
from faq.places.resolver import Resolution
from faq.search.context import (
    KIKUMIMI,
    ConversationContext,
    answers_in_context,
    read_message,
    subject_of,
)

logger = logging.getLogger(__name__)


def sibling_context(part: str, kind: str, result: SearchResult | None) -> ConversationContext | None:
    """The earlier question (``kind`` and ``result`` of what it got) as a conversation: the entry it was
    answered with (its question and category), else its own words and the category of its best guess; None
    for a card, a damage list or a failure, after which a sibling's ellipsis is not about an entry."""
    if kind != "search" or result is None or not result.hits:
        return None
    top = result.hits[0].entry
    if result.outcome is Outcome.ANSWER:
        return ConversationContext(
            faq_id=top.id,
            question=top.question,
            answer=top.answer,
            topic=top.category,
            subject=subject_of(part),
        )
    return ConversationContext(topic=top.category, subject=subject_of(part))


def search_with_sibling(
    own_place_text: str, where: Resolution, context: ConversationContext, alone: SearchResult | None
) -> SearchResult | None:
    """The search for a question read with its sibling (``context``), when it reads as continuing it and
    that search answers with confidence from the sibling's category; else None. ``where``: the question's
    own place, else the page's; ``alone``: the question's own search."""
    if context.topic == KIKUMIMI:
        return None
    reading = read_message(own_place_text, context, directory())
    follow_up = reading if reading.kind == "follow_up" else reading.in_context
    if follow_up is None:
        return None
    try:
        town = () if where.spans else town_names(where)
        searched = follow_up_search(follow_up, context, municipality_code(where), town)
    except (FaqError, ValueError) as exc:
        logger.error("faq search failed: %s", exc)
        return None
    searched = _not_the_sibling_answer_again(searched, context, alone)
    if not answers_in_context(searched, context):
        return None
    logger.info("question read with its sibling kind=%s", reading.kind)
    return searched


def _not_the_sibling_answer_again(
    searched: SearchResult, context: ConversationContext, alone: SearchResult | None
) -> SearchResult:
    """「起業人の対象企業ってどこの会社？ 期間は？」: with its sibling's subject, 「期間は」 ranks the
    sibling's entry first again, and the same answer twice is one answer, the second question dropped. A
    second question asks something else: the next entry answers it when the question alone ranked that
    one first too (alone it was not sure; the two readings agree)."""
    hits = searched.hits
    if not hits or hits[0].entry.id != context.faq_id or len(hits) < 2:
        return searched
    agreed = alone is not None and bool(alone.hits) and alone.hits[0].entry.id == hits[1].entry.id
    if searched.outcome is not Outcome.ANSWER or not agreed:
        return replace(searched, outcome=Outcome.CLARIFY)
    return replace(searched, hits=hits[1:])
