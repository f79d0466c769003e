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

from actions.common import directory, faq_service, municipality_code, read_back, town_names
from actions.context import follow_up_search
from faq.errors import FaqError
from faq.model import Outcome, SearchResult
from faq.places.resolver import Resolution
from faq.search.context import (
    FUSE_DEPTH,
    KIKUMIMI,
    ConversationContext,
    answers_in_context,
    read_message,
    subject_of,
)
from faq.search.topic import carried_subject

logger = logging.getLogger(__name__)


def sibling_context(
    part: str, kind: str, result: SearchResult | None, before: ConversationContext | None = None
) -> ConversationContext | None:
    """The earlier question (``kind`` and ``result`` of what it got) as a conversation: the entry it was
    answered with (its question and category), else its own words and the category of its best guess; None
    for a card, a damage list or a failure, after which a sibling's ellipsis is not about an entry.

    The subject is carried as a conversation carries it (:func:`~faq.search.topic.carried_subject`): the
    words of the question before (``before``) that the answering entry still speaks of, then the part's
    own — 「輪島の相談会って何分くらい相談できる？熱あったら行ったらだめ？主催はどこ？」: the third part
    is still about 輪島の相談会, which only the first names."""
    if kind != "search" or result is None or not result.hits:
        return None
    top = result.hits[0].entry
    if result.outcome is not Outcome.ANSWER and before is not None:
        return before  # a question not answered names no subject the next leans on: the one before holds
    own = subject_of(part)
    previous = before.subject if before is not None and before.topic == top.category else ""
    if result.outcome is Outcome.ANSWER:
        return ConversationContext(
            faq_id=top.id,
            question=top.question,
            answer=top.answer,
            topic=top.category,
            subject=carried_subject(previous, own, top),
        )
    return ConversationContext(topic=top.category, subject=own)


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
    if not (answers_in_context(searched, context) and _own_words_answered(own_place_text, searched)):
        return None
    logger.info("question read with its sibling kind=%s", reading.kind)
    return searched


def _own_words_answered(own_place_text: str, searched: SearchResult) -> bool:
    """Whether the answer found with the sibling's subject is the question's own: confident (two weak
    readings that agree are still weak) and meeting what the question itself names — 「主催はどこ？」 after
    輪島の相談会 asks the 主催, which the overview entry found by the subject and どこ never mentions
    (:mod:`faq.search.key_terms`, its terms read back as search reads them)."""
    index = faq_service().index
    if searched.confidence < index.calibrator.answer_threshold:
        return False
    terms = index.entry_terms()  # the gate a search applies to its own words, applied to the question's
    outcome, _ = terms.decide(read_back(own_place_text), searched.hits[0].entry, searched.confidence)
    return outcome is Outcome.ANSWER


def _not_the_sibling_answer_again(
    searched: SearchResult, context: ConversationContext, alone: SearchResult | None
) -> SearchResult:
    """「起業人の対象企業ってどこの会社？ 期間は？」: with its sibling's subject, 「期間は」 ranks the
    sibling's entry first again, and the same answer twice is one answer, the second question dropped. A
    second question asks something else: the next entry answers it when the question alone ranked that
    one near its top too (among its first :data:`~faq.search.context.FUSE_DEPTH`, as a follow-up's two
    searches agree: alone it was not sure; the two readings agree)."""
    hits = searched.hits
    if not hits or hits[0].entry.id != context.faq_id or len(hits) < 2:
        return searched
    agreed = alone is not None and any(h.entry.id == hits[1].entry.id for h in alone.hits[:FUSE_DEPTH])
    if searched.outcome is not Outcome.ANSWER or not agreed:
        return replace(searched, outcome=Outcome.CLARIFY)
    return replace(searched, hits=hits[1:])


def told_context(part: str) -> ConversationContext | None:
    """What a part that only tells (「年金証書なくしてしもた」) leaves for the question after it: its words
    as the subject and the category of its best entry as the topic — never an entry, since it asked none.
    「再発行ってどこに言うたらええの？」 after it is about the 年金証書."""
    try:
        result = faq_service().search(part, 3)
    except (FaqError, ValueError) as exc:
        logger.error("faq search failed: %s", exc)
        return None
    subject = subject_of(part)
    if not result.hits or not subject:
        return None
    return ConversationContext(topic=result.hits[0].entry.category, subject=subject)
