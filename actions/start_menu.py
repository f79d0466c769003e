"""Where a conversation starts: the greeting and the ways on after a bare 「はい」, each with the start
menu — browsing by category, then every flow's button — from the table of flows (faq/data/flows.yml).

These were the domain's ``utter_greet`` and ``utter_ok_outside_flow``: Rasa's responses are static YAML,
so their buttons were a second copy of the flows (with other labels than the widget's). As actions they
read the one table the widget and LINE read too; their words are in faq/data/messages.yml (``start.*``).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import flows
from faq.content.messages import message


class ActionGreet(Action):
    """「こんにちは」, and LINE's follow event: what the assistant is for, and the start menu."""

    def name(self) -> str:
        return "action_greet"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        dispatcher.utter_message(text=message("start.greet"), buttons=flows().start_menu())
        return []


class ActionOkOutsideFlow(Action):
    """A bare 「はい」 with no question pending: acknowledged, with the start menu (not 「どういたしまして」,
    not 「うまく聞き取れませんでした」)."""

    def name(self) -> str:
        return "action_ok_outside_flow"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        dispatcher.utter_message(text=message("start.ok_outside_flow"), buttons=flows().start_menu())
        return []
