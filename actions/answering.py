"""A typed question answered: what it gets (an entry, a place's きくみみ card, the damage list, a choice of
places) decided once, then said; a message that asks several things gets each answer under its own heading.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
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
from actions.decision import Decision
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
from actions.several_questions import answer_each_question
from actions.verdicts import say_verdict, with_verdict
from faq.errors import FaqError
from faq.model import Outcome, SearchResult
from faq.places.directory import Kikumimi
from faq.places.resolver import Resolution
from faq.search.context import (
    ConversationContext,
    Reading,
    read_message,
)
from faq.text import normalize

logger = logging.getLogger(__name__)


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
        several = answer_each_question(self, dispatcher, tracker, text, as_one, where)
        if several is not None:
            return several + slot
        decision, subject = self.or_in_context(as_one, reading, context, text, place_text, where)
        return self.reply(dispatcher, tracker, decision, place_text, where, subject or None) + slot

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

    def decide(
        self,
        text: str,
        place_text: str,
        where: Resolution,
        result: SearchResult | None = None,
        alongside: bool = False,
    ) -> Decision:
        """What ``text`` gets, ``where`` being the place its words name, else the page's municipality;
        ``result``: a search already made for it (a follow-up read with the conversation's subject);
        ``alongside``: it is one question of several in a message."""
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
        # One question of several (「…それと、被災した家庭向けの県税の減免はありますか」) answered with
        # confidence by an entry written for one of its needs gets that entry: the whole message's list
        # already names every need.
        worry = any(answers_the_one_worry(result, (need,)) for need in needs) if alongside else False
        if (
            needs
            and not (worry or answers_the_one_worry(result, needs))
            and (len(needs) > 1 or not result.uncovered)
        ):
            return Decision("damage", needs=needs)
        if centre is not None and asks_for_a_window and not answers_about_the_place(result, centre):
            return Decision("card", centre=centre)
        if centre is not None and result.outcome is not Outcome.ANSWER and only_the_place():
            return Decision("card", centre=centre)
        result, verdict = with_verdict(text, result)
        # the needs stay with an answer written for one of them: the message's list still names them
        kept = needs if worry else ()
        return Decision("search", result=result, centre=centre, needs=kept, verdict=verdict)

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
