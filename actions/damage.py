"""Disaster messages answered at once: the support for each need a resident names, in one short reply.

The prefecture is asked only to add the local window and any active disaster — never before the answer.
"""

from __future__ import annotations

import json
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.asks import answer_opening_question, ask, let_go_if_moved_on
from actions.common import count_turn, flows, latest_text, municipality_code, resolve_place
from actions.local_windows import give_local_windows
from faq.content.disaster_needs import (
    KAGOSHIMA,
    is_damage_message,
    item_entries,
    needs_from_text,
    specific_entries,
    summary_lines,
)
from faq.content.messages import message
from faq.model import Outcome, SearchResult
from faq.places.resolver import Resolution
from faq.residents.question_counts import DISASTER_CATEGORY
from faq.search.context import DISASTER

BUTTONS = 8


def summary_text(needs: tuple[str, ...], prefecture: str | None) -> str:
    """The phone-sized reply: one line of empathy, one line per need, where the item names come from."""
    lines = [message("disaster_summary.lead"), *summary_lines(needs, prefecture)]
    lines.append(message("disaster_summary.local" if prefecture == KAGOSHIMA else "disaster_summary.example"))
    if prefecture is None:
        lines.append(message("disaster_summary.ask_place"))
    return "\n".join(lines)


def utter_summary(
    dispatcher: CollectingDispatcher,
    needs: tuple[str, ...],
    prefecture: str | None,
    local: list[str],
    where: Resolution | None = None,
) -> list[SlotSet]:
    """The summary (plus the local lines when the prefecture is known), then the windows the resident's
    municipality (``where``) published for the items it names; returns the context slots."""
    items = item_entries(needs, per_need=3, limit=BUTTONS)
    text = summary_text(needs, prefecture)
    dispatcher.utter_message(
        text="\n".join([text, *local]),
        buttons=[
            {"title": item.title[:40], "payload": "/choose_faq" + json.dumps({"faq_id": item.entry})}
            for item in items
        ],
        json_message={
            "type": "disaster_support",
            "prefecture": prefecture,
            "needs": list(needs),
            "items": [item.entry for item in items],
        },
    )
    if where is not None:
        give_local_windows(dispatcher, {item.entry: item.short for item in items}, where)
    count_turn("flow", DISASTER_CATEGORY, prefecture)
    events = [SlotSet("context_topic", DISASTER), SlotSet("context_need", needs[0]), SlotSet("faq_id", None)]
    return events + ([SlotSet("context_place", prefecture)] if prefecture else [])


def damage_needs(text: str) -> tuple[str, ...]:
    """The needs of a message about damage or loss, or () when it is not one."""
    return needs_from_text(text) if text and not text.startswith("/") and is_damage_message(text) else ()


def answers_the_one_worry(result: SearchResult, needs: tuple[str, ...]) -> bool:
    """A message about one worry (雨漏り, a lost 通帳) that an entry written for it answers confidently
    gets that entry rather than the list."""
    return (
        len(needs) == 1
        and result.outcome is Outcome.ANSWER
        and bool(result.hits)
        and result.hits[0].entry.id in specific_entries(needs[0])
    )


def answer_damage(
    dispatcher: CollectingDispatcher, needs: tuple[str, ...], where: Resolution
) -> list[SlotSet]:
    """Answer a damage message at once. ``where`` — the place the message names (read back as search
    reads it), else the page's municipality, as the FAQ action resolved it once for the turn — adds the
    local window and active disaster (a municipality's own only for it), and the municipality its own
    windows for the items. The prefecture is asked only when neither says one."""
    from actions.disaster import local_lines

    prefecture = where.prefecture
    local = local_lines(prefecture, brief=True, municipality=municipality_code(where)) if prefecture else []
    return utter_summary(dispatcher, needs, prefecture, local, where)


class ActionAskDisasterPrefecture(Action):
    """The disaster flow's first question. A message that already names its needs is answered first;
    the prefecture is then asked only to add the local window."""

    def name(self) -> str:
        return "action_ask_disaster_form_prefecture"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        if tracker.get_slot("requested_slot") == "prefecture":
            let_go = let_go_if_moved_on(dispatcher, tracker)
            if let_go is not None:
                return let_go
            # Asked before and the resident went on with something else (answered meanwhile): a short
            # reminder, not the opening's empathy line and the same question on every turn.
            dispatcher.utter_message(text=message("disaster.ask_prefecture_resume"))
            return []
        text = latest_text(tracker)
        started_by = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        opening = started_by == flows().by_form("disaster_form").intent
        needs = needs_from_text(text) if opening and text and not text.startswith("/") else ()
        if needs:
            return utter_summary(dispatcher, needs, None, [], resolve_place(text, tracker)[1])
        answer_opening_question(dispatcher, tracker)
        ask(dispatcher, "action_ask_disaster_form_prefecture")
        return []
