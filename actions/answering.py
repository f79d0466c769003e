"""A typed question answered: what it gets (an entry, a place's きくみみ card, the damage list, a choice of
places) decided once, then said; a message that asks several things gets each answer under its own heading.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    complaint_line_text,
    directory,
    faq_service,
    latest_text,
    municipality_code,
    no_answer,
    or_the_page_place,
    read_back,
    reply_to_search,
    resolve_place,
    town_names,
)
from actions.context import (
    answer_in_context,
    context_from,
    conversation_events,
    follow_up_search,
    read_again_in_context,
)
from actions.damage import answer_damage, answers_the_one_worry, damage_needs
from actions.feedback import note_a_question_asked_again
from actions.local_windows import give_local_window
from actions.place_answers import (
    ROUTING_WORDS,
    answers_about_the_place,
    asks_only_about_the_place,
    give_place_card,
    only_names_a_place,
    where_the_resident_is,
    without_the_place_words,
)
from actions.place_choice import ask_which_place
from actions.question_before import search_with_sibling, sibling_context
from actions.verdicts import say_verdict, with_verdict
from faq.content.messages import message
from faq.eligibility.verdicts import Verdict
from faq.errors import FaqError
from faq.model import Outcome, SearchResult
from faq.places.directory import Kikumimi
from faq.places.resolver import Resolution
from faq.residents.question_counts import DISASTER_CATEGORY
from faq.search.compound import asked, question_parts
from faq.search.context import (
    ConversationContext,
    Reading,
    read_message,
    topic_words,
)
from faq.text import normalize

logger = logging.getLogger(__name__)


@dataclass
class Decision:
    """What one question gets: the way to pick a place (``ask_place``), a place's きくみみ card
    (``card``), the damage list (``damage``) or the search's reply (``search``)."""

    kind: str
    result: SearchResult | None = None
    centre: Kikumimi | None = None
    needs: list = field(default_factory=list)
    verdict: Verdict | None = None  # the resident's own case under the answered entry's rule

    @property
    def answers(self) -> tuple[str, str] | None:
        """What answers the question, when something does with confidence: ("card", きくみみ石川),
        ("entry", id); None for a choice, the damage list, もしかして or no answer."""
        if self.kind == "card" and self.centre is not None:
            return ("card", self.centre.name)
        if self.kind == "search" and self.result is not None and self.result.outcome is Outcome.ANSWER:
            return ("entry", self.result.hits[0].entry.id)
        return None


def _cards_for_listed_places(
    planned: list[tuple[str, str, Resolution, Decision]],
) -> list[tuple[str, str, Resolution, Decision]]:
    """「きくみみ愛知の電話番号と、三重の住所と…」: a part that names a place of its own and nothing else
    but what is asked of it (住所, 電話, どこ) asks for that place's card when another part of the message
    got a card. A part with a topic of its own (「長野県の楽園信州ファミリーの会員数」) does not."""
    if not any(decision.kind == "card" for *_, decision in planned):
        return planned
    out = []
    for part, own_place_text, where, decision in planned:
        centre = directory().for_place(where.place) if where.place is not None and where.spans else None
        only_facets = not topic_words(directory().without_places(own_place_text))
        if decision.answers is None and decision.kind != "damage" and centre is not None and only_facets:
            decision = Decision("card", centre=centre)
        out.append((part, own_place_text, where, decision))
    return out


def _about_disaster_support(decision: Decision) -> bool:
    """An entry of the disaster support a damage list already offers (its items are among them)."""
    result = decision.result
    return bool(result and result.hits) and result.hits[0].entry.category == DISASTER_CATEGORY


class ActionAnswerFaq(Action):
    """Search the FAQ with the resident's words. A 行政相談 question naming a place gets the place's
    きくみみ card, unless an entry about that very place answers it. A message that asks several things
    gets each answer under its own question."""

    def name(self) -> str:
        return "action_answer_faq"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        text = latest_text(tracker)
        note_a_question_asked_again(tracker)
        place_text, said = resolve_place(text)  # the words only: the slot follows them, not the page
        slot = where_the_resident_is(tracker, said)
        where = or_the_page_place(said, tracker)
        context = context_from(tracker)
        reading = read_message(place_text, context, directory())
        if reading.kind != "new":
            replied = self.answer_with_context(dispatcher, tracker, text, place_text, where, context, reading)
            return replied + slot
        as_one = self.decide(text, place_text, where)  # decided once, whether the parts are used or not
        replied = self.answer_each_question(dispatcher, tracker, text, as_one, where)
        if replied is None:
            decision, subject = self.or_in_context(as_one, reading, context, text, place_text, where)
            replied = self.reply(dispatcher, tracker, decision, place_text, where, subject or None)
        return replied + slot

    def or_in_context(
        self,
        decision: Decision,
        reading: Reading,
        context: ConversationContext,
        text: str,
        place_text: str,
        where: Resolution,
    ) -> tuple[Decision, str]:
        """A message taken as new that finds no answer alone, read once more with the conversation
        (:func:`actions.context.read_again_in_context`): another place's card, or the answer found with
        the conversation's subject; otherwise the message's own decision."""
        result = decision.result
        if decision.kind != "search" or result is None or result.outcome is Outcome.ANSWER:
            return decision, reading.subject
        again = read_again_in_context(reading, context, text, where, municipality_code(where))
        if isinstance(again, Kikumimi):
            return Decision("card", centre=again), reading.subject
        if again is not None and reading.in_context is not None:
            return self.decide(text, place_text, where, again), reading.in_context.subject
        return decision, reading.subject

    def answer_each_question(
        self,
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
        planned = _cards_for_listed_places(self._plan(tracker, parts, text))
        # the needs a part asks about, else those told as context (「家が半壊して…」 is no question)
        needs_asked = next((d.needs for *_, d in planned if d.kind == "damage"), ())
        told = () if needs_asked else damage_needs("。".join(p for p in parts if not asked(p, text)))
        # a damage message's list names every need the whole message names: a part answered under its
        # own heading (「通帳は…おろせるんやろか」) still has its need on the list
        needs = tuple(damage_needs(text) or needs_asked or told) if needs_asked or told else ()
        damage = bool(needs)
        answered: dict[tuple[str, str], tuple[str, str, Resolution, Decision]] = {}
        unanswered: list[str] = []
        for part, own_place_text, where, decision in planned:
            if decision.kind == "damage" or (needs_asked and _about_disaster_support(decision)):
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
            events += self.reply(dispatcher, tracker, decision, own_place_text, where, subject=None)
        if unanswered:
            asks = "\n".join(message("faq.part_not_found_item", ask=part) for part in unanswered)
            dispatcher.utter_message(
                text=message("faq.parts_not_found", asks=asks, complaint_line=complaint_line_text())
            )
        logger.info("several questions answered=%d unanswered=%d", found, len(unanswered))
        return events

    def _plan(
        self, tracker: Tracker, parts: list[str], text: str
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
            if not asked(part, text) or (said.place is not None and only_names_a_place(own_place_text)):
                continue
            if residence is not None and said.place is None and not said.needs_choice:
                said = residence
            where = or_the_page_place(said, tracker)
            decision = self.decide(part, own_place_text, where)
            if decision.kind == "search" and decision.answers is None and sibling is not None:
                searched = search_with_sibling(own_place_text, where, sibling, decision.result)
                if searched is not None:
                    decision = self.decide(part, own_place_text, where, searched)
            sibling = sibling_context(part, decision.kind, decision.result) or sibling
            planned.append((part, own_place_text, where, decision))
        return planned

    def decide(
        self, text: str, place_text: str, where: Resolution, result: SearchResult | None = None
    ) -> Decision:
        """What ``text`` gets, ``where`` being the place its words name, else the page's municipality;
        ``result``: a search already made for it (a follow-up read with the conversation's subject)."""
        needs = damage_needs(text)
        centre = directory().for_place(where.place) if where.place else None

        def only_the_place() -> bool:
            # a place the words name: on a town's page 「そこって何時まで？」 names none, and asks about the
            # conversation's last answer, not for the page's window
            return centre is not None and bool(where.spans) and asks_only_about_the_place(place_text)

        # ｷﾞｮｳｾｲｿｳﾀﾞﾝ, ぎょうせいそうだん: read back into the corpus' words (行政相談) as search reads them
        asks_for_a_window = any(ROUTING_WORDS.search(normalize(t)) for t in (text, read_back(text)))
        if where.needs_choice and (asks_for_a_window or only_names_a_place(place_text)):
            return Decision("ask_place")  # 伊達市: never a guessed centre's number
        if centre is not None and only_names_a_place(place_text):
            return Decision("card", centre=centre)
        if result is None:
            municipality = municipality_code(where)  # its own entries join the ranking; nobody else's
            # The page's town reads a question that does not name it (「相談所ってどこ？」); a town the words
            # name is in the words already. A place from the page has no spans in the words.
            town = () if where.spans else town_names(where)
            try:
                result = faq_service().search(text, 5, municipality=municipality, town=town)
                # Without its place words a question about nothing but the place asks nothing at all.
                if result.outcome is Outcome.NO_ANSWER and where.spans and not only_the_place():
                    result = without_the_place_words(text, result, municipality, town)
            except (FaqError, ValueError) as exc:
                logger.error("faq search failed: %s", exc)
                return Decision("failed")
        # 「災害援護資金の金利って何％？」 names a need, but asks what the sources do not say: saying so
        # (with the entry) answers it; the list of support does not. A message naming several needs
        # (「台風で家が半壊 支援金いくら？」) asks for the support with all of them: the list.
        if needs and not answers_the_one_worry(result, needs) and (len(needs) > 1 or not result.uncovered):
            return Decision("damage", needs=needs)
        if centre is not None and asks_for_a_window and not answers_about_the_place(result, centre):
            return Decision("card", centre=centre)
        if centre is not None and result.outcome is not Outcome.ANSWER and only_the_place():
            return Decision("card", centre=centre)
        result, verdict = with_verdict(text, result)
        return Decision("search", result=result, centre=centre, verdict=verdict)

    def answer_with_context(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        text: str,
        place_text: str,
        where: Resolution,
        context: ConversationContext,
        reading: Reading,
    ) -> list:
        """A message read with the conversation (a place, a facet, a disaster need, a follow-up). ``where``:
        the place the words name, else the page's municipality (resolved once per turn)."""
        replied = answer_in_context(dispatcher, reading, context)
        if replied is not None:
            logger.info("context follow-up kind=%s", reading.kind)
            return replied
        searched = None
        if reading.kind == "follow_up":
            try:
                town = () if where.spans else town_names(where)  # the page's town, as for a new question
                searched = follow_up_search(reading, context, municipality_code(where), town, text)
            except (FaqError, ValueError) as exc:
                logger.error("faq search failed: %s", exc)
                no_answer(dispatcher)
                return []
        decision = self.decide(text, place_text, where, searched)
        return self.reply(dispatcher, tracker, decision, place_text, where, reading.subject or None)

    def reply(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        decision: Decision,
        place_text: str,
        where: Resolution,
        subject: str | None,
    ) -> list:
        """Say what ``decision`` holds; the events that make its entry the conversation's current one."""
        if decision.kind == "ask_place":
            ask_which_place(dispatcher, place_text, where, in_flow=tracker.active_loop_name is not None)
            return []
        if decision.kind == "failed":
            no_answer(dispatcher)
            return []
        if decision.kind == "damage":
            events = answer_damage(dispatcher, decision.needs, where)
            if where.confirm:  # 真備町で床上浸水: the list, then the place confirmed for its local lines
                ask_which_place(dispatcher, place_text, where, in_flow=tracker.active_loop_name is not None)
            return events
        if decision.kind == "card" and decision.centre is not None:
            return give_place_card(dispatcher, decision.centre, where)
        result, centre = decision.result, decision.centre
        assert result is not None
        logger.info(
            "faq answer outcome=%s confidence=%.3f top=%s",
            result.outcome.value,
            result.confidence,
            result.hits[0].entry.id if result.hits else "-",
        )
        if decision.verdict is not None:  # the verdict for this case first, then the rule's entry quoted
            say_verdict(dispatcher, decision.verdict)
        reply_to_search(dispatcher, result, tracker.sender_id, tracker.get_slot("prefecture"))
        if result.outcome is Outcome.ANSWER and result.hits:
            give_local_window(dispatcher, result.hits[0].entry.id, where)
        return conversation_events(tracker, result, subject, centre)
