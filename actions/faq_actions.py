"""Free questions, Govbot-style シナリオ検索, feedback and the way to a person."""

from __future__ import annotations

import json
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answering import ActionAnswerFaq
from actions.common import (
    complaint_line_text,
    conversation_municipality,
    conversation_place,
    directory,
    faq_service,
    kikumimi_card,
    latest_text,
    municipality_code,
    nearby_kikumimi_button,
    no_answer,
    same_topic,
    start_button,
    utter_entry,
)
from actions.context import card_events, context_from
from actions.local_windows import give_local_window
from faq.content.messages import message
from faq.errors import FaqError, FaqNotFound
from faq.model import CATEGORIES, Outcome
from faq.search.context import asks_the_conversation
from faq.search.decision import search
from faq.search.scope import owning_municipality, visible_to

logger = logging.getLogger(__name__)
MENU_QUESTIONS = 10


def belongs_to_the_conversation(tracker: Tracker) -> bool:
    """A typed message that NLU sends to the menu, out of scope or a person, but that asks something of
    the entry or card just given (「いつから」「何人くらいおるんじゃろ」): answered in context instead."""
    text = latest_text(tracker)
    return bool(text) and not text.startswith("/") and asks_the_conversation(text, context_from(tracker))


class ActionShowFaq(Action):
    """Show the entry a button named (``/choose_faq{"faq_id": ...}``)."""

    def name(self) -> str:
        return "action_show_faq"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        entry_id = tracker.get_slot("faq_id") or ""
        if not entry_id and not latest_text(tracker).startswith("/"):
            # Typed words read as a button (romaji such as 「Sapporo ni sunde imasu」): answer them as typed.
            return ActionAnswerFaq().run(dispatcher, tracker, domain)
        try:
            entry = faq_service().store.get(entry_id)
        except FaqNotFound:
            no_answer(dispatcher)
            return []
        where = conversation_place(tracker)
        municipality = municipality_code(where)
        if entry.status != "published" or not visible_to(entry, municipality):
            no_answer(dispatcher)  # another municipality's own entry is as unknown as a retired one
            return []
        index = faq_service().index
        hits = search(index, entry.question, 10, municipality=municipality).hits
        related = same_topic(entry, [h.entry for h in hits])
        utter_entry(dispatcher, entry, related)
        give_local_window(dispatcher, entry.id, where)  # a disaster reply's button: the full window here
        return [SlotSet("context_topic", entry.category), SlotSet("context_subject", None)]


class ActionShowMenu(Action):
    """シナリオ検索: the categories as buttons."""

    def name(self) -> str:
        return "action_show_menu"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        if belongs_to_the_conversation(tracker):
            return ActionAnswerFaq().run(dispatcher, tracker, domain)
        counts: dict[str, int] = {}
        for entry in faq_service().index.entries_for(conversation_municipality(tracker)):
            counts[entry.category] = counts.get(entry.category, 0) + 1
        buttons = [
            {
                "title": message("faq.category_button", category=c, count=counts[c]),
                "payload": "/choose_category" + json.dumps({"category": c}, ensure_ascii=False),
            }
            for c in CATEGORIES
            if counts.get(c)
        ]
        dispatcher.utter_message(
            text=message("faq.choose_category"), buttons=buttons, json_message={"type": "menu"}
        )
        return []


class ActionShowCategory(Action):
    """シナリオ検索: the questions of one category as buttons."""

    def name(self) -> str:
        return "action_show_category"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        category = tracker.get_slot("category")
        visible = faq_service().index.entries_for(conversation_municipality(tracker))
        entries = [e for e in visible if e.category == category]
        typed = latest_text(tracker)
        if not entries and typed and not typed.startswith("/"):
            # Typed words read as a category name (「…を教えていただけますでしょうか」) that is none of
            # ours: the resident asked a question, so answer it as one.
            return ActionAnswerFaq().run(dispatcher, tracker, domain)
        if not entries:
            dispatcher.utter_message(
                text=message("faq.no_category"),
                buttons=[{"title": message("button.by_category"), "payload": "/menu"}],
            )
            return []
        shown = entries[:MENU_QUESTIONS]
        more = len(entries) - len(shown)
        tail = message("faq.more_questions", count=more) if more else ""
        dispatcher.utter_message(
            text=message("faq.category_questions", category=category, more=tail),
            buttons=[
                {"title": e.question, "payload": "/choose_faq" + json.dumps({"faq_id": e.id})} for e in shown
            ],
            json_message={"type": "category", "category": category},
        )
        return []


def answered_by_own_entry(text: str, municipality: str | None) -> bool:
    """Whether ``municipality``'s own entries answer ``text`` with confidence (never for another's)."""
    if not municipality or not text or text.startswith("/"):
        return False
    try:
        result = faq_service().search(text, 3, municipality=municipality)
    except (FaqError, ValueError):
        return False
    if result.outcome is not Outcome.ANSWER or not result.hits:
        return False
    return owning_municipality(result.hits[0].entry.owner) == municipality


class ActionOutOfScope(Action):
    def name(self) -> str:
        return "action_out_of_scope"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        if belongs_to_the_conversation(tracker):
            return ActionAnswerFaq().run(dispatcher, tracker, domain)
        if answered_by_own_entry(latest_text(tracker), conversation_municipality(tracker)):
            # 住民票, ごみ: national topics NLU calls out of scope, which the resident's municipality answers
            return ActionAnswerFaq().run(dispatcher, tracker, domain)
        dispatcher.utter_message(
            text=message("faq.out_of_scope"),
            buttons=[
                {"title": message("button.by_category"), "payload": "/menu"},
                start_button("gyosei_form"),
            ],
        )
        return []


class ActionRequestHuman(Action):
    """No staff are on chat; give the people who can help, for the prefecture when it is known."""

    def name(self) -> str:
        return "action_request_human"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        if belongs_to_the_conversation(tracker):
            return ActionAnswerFaq().run(dispatcher, tracker, domain)
        prefecture = tracker.get_slot("prefecture")
        centre = directory().for_text(prefecture) if prefecture else None
        if centre:
            kikumimi_card(dispatcher, centre, lead=message("card.lead_person"), place_text=prefecture)
            return card_events(centre)
        dispatcher.utter_message(
            text=message("faq.no_staff_on_chat", complaint_line=complaint_line_text()),
            buttons=[nearby_kikumimi_button()],
        )
        return []
