"""A message that asks several things (issue 26): each question answered under its own heading with the
place its own words name, a question that leaves out its subject read with the one before it (or with the
story told before it), the damage list first when the message tells of damage, and a question the sources
do not answer said to be unanswered (:func:`answer_each_question`)."""

from __future__ import annotations

import logging

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import complaint_line_text, directory, faq_service, or_the_page_place, resolve_place
from actions.damage import BUTTONS, answer_damage, damage_needs
from actions.decision import Answerer, Decision
from actions.place_answers import only_names_a_place
from actions.question_before import search_with_sibling, sibling_context, told_context
from faq.content.disaster_needs import item_entries
from faq.content.messages import message
from faq.places.resolver import Resolution
from faq.search.compound import asked, question_parts
from faq.search.context import ConversationContext, topic_words

logger = logging.getLogger(__name__)


def answer_each_question(
    action: Answerer,
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    text: str,
    as_one: Decision,
    whole: Resolution,
) -> list | None:
    """Each question of a message that asks several (:func:`~faq.search.compound.question_parts`),
    answered under its own heading with the place its own words name (else the page's); those the
    sources do not answer are said to be unanswered, never dropped in silence. A damage message's
    needs get one damage list (:mod:`actions.damage`), the message's other questions their own
    answers. None — the whole message answered as one — unless the parts find more than the whole
    does: two answers, or one where the whole finds none; and for a follow-up, which is read with the
    conversation. ``as_one``: the whole message's decision; ``whole``: its place (its words, else the
    page's)."""
    parts = question_parts(text, faq_service().index.analyzer)
    if len(parts) < 2:
        return None
    if as_one.verdict is not None and as_one.verdict.told:
        return None  # one case told over several sentences: the verdict reads all of them
    planned = _cards_for_listed_places(_plan(action, tracker, parts, text))
    # the needs a part asks about, else those told as context (「家が半壊して…」 is no question)
    listed = next((d.needs for *_, d in planned if d.kind == "damage"), ())
    # a part answered with the entry written for its need (「…お金の支援があれば知りたいです」) still names it
    needs_asked = listed or next((d.needs for *_, d in planned if d.needs), ())
    told = () if needs_asked else damage_needs("。".join(p for p in parts if not asked(p, text)))
    # a damage message's list names every need the whole message names: a part answered under its
    # own heading (「通帳は…おろせるんやろか」) still has its need on the list
    needs = tuple(damage_needs(text) or needs_asked or told) if needs_asked or told else ()
    damage = bool(needs)
    answered: dict[tuple[str, str], tuple[str, str, Resolution, Decision]] = {}
    unanswered: list[str] = []
    for part, own_place_text, where, decision in planned:
        if decision.kind == "damage" or (listed and _on_the_list(decision, needs)):
            continue  # the needs in one list, below; the list's own items are not answered twice
        if decision.answers is None:
            unanswered += [part] if asked(part, text) else []
        elif decision.answers not in answered:
            answered[decision.answers] = (part, own_place_text, where, decision)
    found = len(answered) + (1 if damage else 0)
    if not answered or (found == 1 and not unanswered):
        return None  # nothing, or only the damage list, which the whole message gets as it is
    if found == 1 and (as_one.answers or damage):
        return None  # the whole message finds its answer: one question with some words around it
    events: list = []
    if damage:  # the damage list first, as for any damage message, then the other questions
        events += answer_damage(dispatcher, tuple(needs), whole)
    else:
        dispatcher.utter_message(text=message("faq.several_questions", count=found + len(unanswered)))
    for number, (part, own_place_text, where, decision) in enumerate(answered.values(), start=1):
        dispatcher.utter_message(text=message("faq.question_heading", number=number, ask=part))
        events += action.reply(dispatcher, tracker, decision, own_place_text, where, subject=None)
    if unanswered:
        asks = "\n".join(message("faq.part_not_found_item", ask=part) for part in unanswered)
        dispatcher.utter_message(
            text=message("faq.parts_not_found", asks=asks, complaint_line=complaint_line_text())
        )
    logger.info("several questions answered=%d unanswered=%d", found, len(unanswered))
    return events


def _plan(
    action: Answerer, tracker: Tracker, parts: list[str], text: str
) -> list[tuple[str, str, Resolution, Decision]]:
    """(part, its place words, its place, its decision) for each part that asks; a part that asks
    nothing (「大阪市に住んでるけど京都府のほうが近いねん」) is context, not a question to answer, and one
    that only says where the resident lives (「輪島市に住んでます。」) is the place of the parts that
    name none."""
    resolved = [(part, *resolve_place(part)) for part in parts]
    told = [w for _, t, w in resolved if w.place is not None and only_names_a_place(t)]
    residence = told[-1] if told else None
    planned = []
    sibling: ConversationContext | None = None  # the question before, read as the conversation so far
    for part, own_place_text, said in resolved:
        if not asked(part, text):
            sibling = sibling or told_context(own_place_text)  # a story is context for what follows
            continue
        if said.place is not None and only_names_a_place(own_place_text):
            continue
        if residence is not None and said.place is None and not said.needs_choice:
            said = residence
        where = or_the_page_place(said, tracker)
        decision = action.decide(part, own_place_text, where, alongside=True)
        if decision.kind == "search" and decision.answers is None and sibling is not None:
            searched = search_with_sibling(own_place_text, where, sibling, decision.result)
            if searched is not None:
                decision = action.decide(part, own_place_text, where, searched, alongside=True)
        sibling = sibling_context(part, decision.kind, decision.result, sibling) or sibling
        planned.append((part, own_place_text, where, decision))
    return planned


def _cards_for_listed_places(
    planned: list[tuple[str, str, Resolution, Decision]],
) -> list[tuple[str, str, Resolution, Decision]]:
    """「きくみみ愛知の電話番号と、三重の住所と…」: a part that names a place of its own and nothing else
    but what is asked of it (住所, 電話, どこ) asks for that place's card when another part of the message
    got a card, and so does one whose other words only repeat a carded part's (「和歌山のセンターの住所」
    after 「奈良の行政相談センターの電話」). A part with a topic of its own
    (「長野県の楽園信州ファミリーの会員数」) does not."""
    carded = [place_text for _, place_text, _, decision in planned if decision.kind == "card"]
    if not carded:
        return planned
    out = []
    for part, own_place_text, where, decision in planned:
        centre = directory().for_place(where.place) if where.place is not None and where.spans else None
        topics = topic_words(directory().without_places(own_place_text))
        # 「奈良の行政相談センターの電話と、和歌山のセンターの住所」: センター is the card's own word again
        repeated = bool(topics) and all(any(word in other for other in carded) for word in topics)
        asks_a_card = (not topics and decision.answers is None) or repeated
        if decision.kind not in ("damage", "card") and centre is not None and asks_a_card:
            decision = Decision("card", centre=centre)
        out.append((part, own_place_text, where, decision))
    return out


def _on_the_list(decision: Decision, needs: tuple[str, ...]) -> bool:
    """An answer the damage list already offers as one of its buttons: not answered twice."""
    result = decision.result
    if not (result and result.hits and needs):
        return False
    return result.hits[0].entry.id in {item.entry for item in item_entries(needs, per_need=3, limit=BUTTONS)}
