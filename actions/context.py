"""Thin glue between the tracker's context slots and faq.search.context: what the conversation is about, and
the answer to a follow-up read with it."""

from __future__ import annotations

import logging
from dataclasses import replace

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    complaint_line_text,
    directory,
    faq_service,
    kikumimi_card,
    town_names,
    utter_entry,
)
from faq.content.messages import message
from faq.errors import FaqError, FaqNotFound
from faq.model import Outcome, SearchResult
from faq.places.directory import Kikumimi
from faq.places.place import Resolution
from faq.search.context import (
    DISASTER,
    FUSE_DEPTH,
    KIKUMIMI,
    ConversationContext,
    Reading,
    answers_in_context,
    centre_place,
    choose_follow_up,
    strip_opener,
)
from faq.search.coverage import asked_facts
from faq.search.siblings import (
    asks_only_of_the_entry,
    carried_by_the_entry,
    from_a_sibling,
    from_the_entry,
    lacked_by_the_entry,
)
from faq.search.topic import carried_subject, topic_of_choices
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


def follow_up_search(
    reading: Reading,
    context: ConversationContext,
    municipality: str | None = None,
    town: tuple[str, ...] = (),
    said: str = "",
) -> SearchResult:
    """Search a follow-up with the conversation's subject and alone, and fuse the two rankings (over what
    the conversation's ``municipality`` may see; the page's ``town`` first where its entries fit, as for a
    new question). A fact the entry last answered lacks (「そこって何時まで？」 after the 輪島 相談会's 予約
    entry) is looked for first in that entry's siblings, found with its own question
    (:func:`~faq.search.context.from_a_sibling`); the message alone only names the kind of fact asked.

    The result carries the resident's own words (``said``) as its query: the subject joined to them is
    the conversation's, not a second question — 「そこって何時まで？」 asks one thing and gets one answer,
    never the 予約 entry again beside the time."""
    searched = _searched_with_the_conversation(reading, context, municipality, town, said)
    return replace(searched, query=said) if said else searched


def _searched_with_the_conversation(
    reading: Reading,
    context: ConversationContext,
    municipality: str | None,
    town: tuple[str, ...],
    said: str,
) -> SearchResult:
    service = faq_service()
    if lacked_by_the_entry(reading.query, context):
        with_entry = service.search(
            f"{context.question} {reading.query}", 5, municipality=municipality, town=town
        )
        if with_entry.hits and with_entry.hits[0].entry.id == context.faq_id:
            sibling = from_a_sibling(with_entry, service.index)
            if sibling is not with_entry:
                return sibling
    combined = service.search(reading.query, 5, municipality=municipality, town=town)
    if (
        context.faq_id
        and asks_only_of_the_entry(strip_opener(said)[0], context)
        and carried_by_the_entry(reading.query, context)
    ):
        # The one fact asked is in the entry just given (「何時まで？」 after its phone line,
        # 「上限はいくら？」 after its 上限): that entry answers, if the subject's search still finds it.
        again = from_the_entry(combined, context.faq_id)
        if again is not combined:
            return again
    sibling = from_a_sibling(combined, service.index)
    if not reading.alternative or sibling is not combined:
        return sibling
    alone = service.search(reading.alternative, 5, municipality=municipality, town=town)
    return choose_follow_up(combined, alone, context.faq_id)


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


def centre_fact(dispatcher: CollectingDispatcher, text: str, centre: Kikumimi) -> list | None:
    """「それ何時まで？」 after a きくみみ card asks a fact of the centre the card does not carry (its hours:
    the card's are the national line's). What the sources say of it — an entry naming the centre and
    carrying the fact (きくみみ鹿児島's 平日9:00～16:45) — or that they do not say it; the same card again
    would answer nothing. None when the card has what is asked (its phone, its address)."""
    facts, analyzer = asked_facts(), shared_analyzer()
    asked = facts.asked_in(analyzer.analyze(text))
    own = facts.carried_by(analyzer.analyze(f"{centre.name} {centre.address} {centre.phone}"))
    missing = facts.uncovered(asked, own)
    if not missing:
        return None
    try:
        found = faq_service().search(f"{centre.name} {text}", 5)
    except (FaqError, ValueError) as exc:
        logger.error("faq search failed: %s", exc)
        found = None
    for hit in found.hits[:FUSE_DEPTH] if found is not None else ():
        entry = hit.entry
        names_the_centre = centre.name in " ".join((*entry.phrasings, entry.answer))
        if names_the_centre and not faq_service().index.uncovered(missing, entry):
            utter_entry(dispatcher, entry, [], hit.score)
            return [SlotSet("faq_id", entry.id)]
    what, line = "・".join(fact.label for fact in missing), complaint_line_text()
    said = message("card.fact_not_written", name=centre.name, what=what, complaint_line=line)
    dispatcher.utter_message(text=said)
    return []


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
        town = () if where.spans else town_names(where)
        searched = follow_up_search(reading.in_context, context, municipality, town, text)
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
        centre = directory().for_text(context.place)
        told = centre_fact(dispatcher, reading.query, centre) if centre is not None else None
        return told if told is not None else give_card(dispatcher, context.place)
    if reading.kind == "disaster_need" and reading.needs:
        if len(reading.needs) == 1:
            return support_reply(dispatcher, prefecture_of(reading.place), reading.needs[0])
        prefecture = prefecture_of(reading.place)
        local = local_lines(prefecture, brief=True) if prefecture else []
        return utter_summary(dispatcher, reading.needs, prefecture, local)
    return None


def conversation_events(
    tracker: Tracker, result: SearchResult, subject: str | None, centre: Kikumimi | None
) -> list[SlotSet]:
    """The dialogue state after a search's reply. Only an entry actually given as the answer becomes the
    conversation's current entry (a later 「詳しく」 or a vote must not bring up one the resident was told
    we had no answer for); the subject keeps what the conversation was about that the entry still speaks
    of (:func:`~faq.search.topic.carried_subject`). A もしかして among one category's entries keeps the
    message's subject and that category as the topic, so the next follow-up is read with them."""
    previous = tracker.get_slot("context_subject") or ""
    if result.outcome is Outcome.ANSWER and result.hits:
        top = result.hits[0].entry
        events = [
            SlotSet("faq_id", top.id),
            SlotSet("context_topic", top.category),
            SlotSet("context_subject", carried_subject(previous, subject, top) if subject else subject),
        ]
        return events + ([SlotSet("context_place", centre_place(centre))] if centre else [])
    topic = topic_of_choices(result) if result.outcome is Outcome.CLARIFY and subject else None
    if topic is not None and subject:
        own = carried_subject(previous, subject, result.hits[0].entry)
        return [SlotSet("faq_id", None), SlotSet("context_topic", topic), SlotSet("context_subject", own)]
    return [SlotSet("faq_id", None)]
