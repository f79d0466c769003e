"""Thin glue between the tracker's context slots and faq.search.context: what the conversation is about, and
the answer to a follow-up read with it."""

from __future__ import annotations

import logging

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import complaint_line_text, directory, faq_service, kikumimi_card
from faq.content.messages import message
from faq.errors import FaqError, FaqNotFound
from faq.model import SearchResult
from faq.places.directory import Kikumimi
from faq.places.place import Resolution
from faq.search.context import (
    DISASTER,
    KIKUMIMI,
    ConversationContext,
    Reading,
    answers_in_context,
    centre_place,
    choose_follow_up,
)
from faq.search.coverage import asked_facts
from faq.text.analyzer import shared_analyzer

logger = logging.getLogger(__name__)
CONTEXT_SLOTS = ("context_place", "context_topic", "context_need", "context_subject")


def context_from(tracker: Tracker) -> ConversationContext:
    """The context kept in the slots (so any worker reads the same), with the last entry's question."""
    faq_id = tracker.get_slot("faq_id")
    question = answer = ""
    if faq_id:
        try:
            entry = faq_service().store.get(faq_id)
            question, answer = entry.question, entry.answer
        except FaqNotFound:
            faq_id = None
    return ConversationContext(
        faq_id=faq_id,
        question=question,
        answer=answer,
        place=tracker.get_slot("context_place"),
        topic=tracker.get_slot("context_topic"),
        need=tracker.get_slot("context_need"),
        subject=tracker.get_slot("context_subject") or "",
    )


def card_events(centre: Kikumimi) -> list[SlotSet]:
    """A card given: the conversation is now about that centre (:func:`centre_place`)."""
    return [
        SlotSet("context_place", centre_place(centre)),
        SlotSet("context_topic", KIKUMIMI),
        SlotSet("faq_id", None),
    ]


def prefecture_of(place: str | None) -> str | None:
    """The prefecture of a place the context keeps (北海道函館 → 北海道): disaster lists are by prefecture."""
    centre = directory().for_text(place) if place else None
    return centre.prefecture if centre is not None else place


def give_card(dispatcher: CollectingDispatcher, place_text: str) -> list[SlotSet]:
    centre = directory().for_text(place_text)
    if centre is None:
        return []
    kikumimi_card(dispatcher, centre, lead=message("card.lead_asked"), place_text=place_text)
    return card_events(centre)


def follow_up_search(reading: Reading, previous: str | None, municipality: str | None = None) -> SearchResult:
    """Search a follow-up with the conversation's subject and alone, and fuse the two rankings (over what
    the conversation's ``municipality`` may see)."""
    service = faq_service()
    combined = service.search(reading.query, 5, municipality=municipality)
    if not reading.alternative:
        return combined
    alone = service.search(reading.alternative, 5, municipality=municipality)
    return choose_follow_up(combined, alone, previous)


def card_says_what_is_asked(text: str, centre: Kikumimi) -> bool:
    """Whether the きくみみ card carries every kind of fact ``text`` asks (a phone, an address, 平日 9時～
    16時45分 — never an amount: 「霧島のやつはいくら出ると」 asks what no card says)."""
    facts, analyzer = asked_facts(), shared_analyzer()
    asked = facts.asked_in(analyzer.analyze(text))
    if not asked:
        return True
    card = message(
        "card.text",
        lead="",
        name=centre.name,
        address=centre.address,
        phone=centre.phone,
        complaint_line=complaint_line_text(),
        web_form=directory().web_form.url,
    )
    return not facts.uncovered(asked, facts.carried_by(analyzer.analyze(card)))


def read_again_in_context(
    reading: Reading,
    context: ConversationContext,
    text: str,
    where: Resolution,
    municipality: str | None,
) -> Kikumimi | SearchResult | None:
    """A message taken as new that alone found no answer, read once more with the conversation.

    - After a きくみみ card, a place the words name asks for that place's window (「岡山のばあちゃんとこの
      は？」「来月から旭川に引っ越すんだった。そっち教えて」): its centre, unless the message asks a kind of
      fact no card carries;
    - otherwise the message with the conversation's subject (「活動費は一人なんぼ」 after a 協力隊 特交
      entry finds the 特交 entry for 活動費), kept only when that search is confident and its entry of the
      conversation's category (:func:`~faq.search.context.answers_in_context`).
    """
    named = where.place if where.spans and not where.confirm else None
    centre = directory().for_place(named) if named is not None else None
    if context.topic == KIKUMIMI and centre is not None and card_says_what_is_asked(text, centre):
        return centre
    if reading.in_context is None:
        return None
    try:
        searched = follow_up_search(reading.in_context, context.faq_id, municipality)
    except (FaqError, ValueError) as exc:
        logger.error("faq search failed: %s", exc)
        return None
    if not answers_in_context(searched, context):
        return None
    logger.info("context follow-up kind=new_in_context")
    return searched


def answer_in_context(
    dispatcher: CollectingDispatcher, reading: Reading, context: ConversationContext
) -> list | None:
    """The reply for a place, facet or disaster-need follow-up; None when the reading is a search."""
    from actions.damage import utter_summary
    from actions.disaster import local_lines, support_reply

    if reading.kind == "place" and context.topic == DISASTER and context.need and reading.place:
        return support_reply(dispatcher, prefecture_of(reading.place), context.need)
    if reading.kind == "place" and reading.place:
        return give_card(dispatcher, reading.place)
    if reading.kind == "facet" and context.place:
        return give_card(dispatcher, context.place)
    if reading.kind == "disaster_need" and reading.needs:
        if len(reading.needs) == 1:
            return support_reply(dispatcher, prefecture_of(reading.place), reading.needs[0])
        prefecture = prefecture_of(reading.place)
        local = local_lines(prefecture, brief=True) if prefecture else []
        return utter_summary(dispatcher, reading.needs, prefecture, local)
    return None
