"""Thin glue between the tracker's context slots and faq.search.context: what the conversation is about, and
the answer to a follow-up read with it."""

from __future__ import annotations

import logging

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import directory, faq_service, kikumimi_card
from faq.content.messages import message
from faq.errors import FaqNotFound
from faq.model import SearchResult
from faq.places.directory import Kikumimi
from faq.search.context import (
    DISASTER,
    KIKUMIMI,
    ConversationContext,
    Reading,
    centre_place,
    choose_follow_up,
)

logger = logging.getLogger(__name__)
CONTEXT_SLOTS = ("context_place", "context_topic", "context_need", "context_subject")


def context_from(tracker: Tracker) -> ConversationContext:
    """The context kept in the slots (so any worker reads the same), with the last entry's question."""
    faq_id = tracker.get_slot("faq_id")
    question = ""
    if faq_id:
        try:
            question = faq_service().store.get(faq_id).question
        except FaqNotFound:
            faq_id = None
    return ConversationContext(
        faq_id=faq_id,
        question=question,
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
