"""The flows' questions (`action_ask_*`), read from faq/data/messages.yml."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from faq.content.messages import prompt, prompt_names

# These questions add context first, so they have classes of their own (actions/disaster.py, gyosei.py).
WITH_CONTEXT = {
    "action_ask_disaster_form_need",
    "action_ask_handoff_consent",
    "action_ask_disaster_form_prefecture",
    "action_ask_contact_method",
}
# A flow's first question: when the message that started the flow was itself a specific question the FAQ
# answers confidently (「地震で土地の境界がわからない。誰に相談すれば？」), answer it before asking.
OPENING_QUESTIONS = {
    "action_ask_disaster_form_prefecture",
    "action_ask_kyoryokutai_form_role",
    "action_ask_gyosei_form_prefecture",
}
FLOW_INTENTS = {"disaster_help", "kyoryokutai_eligibility", "gyosei_soudan"}


def ask(dispatcher: CollectingDispatcher, name: str) -> None:
    question = prompt(name)
    dispatcher.utter_message(text=question["text"], buttons=question["buttons"])


def answer_opening_question(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    from actions.common import answer_if_confident

    latest = tracker.latest_message or {}
    if (latest.get("intent") or {}).get("name") in FLOW_INTENTS:
        answer_if_confident(dispatcher, latest.get("text") or "")


def _make(action_name: str) -> type[Action]:
    def name(self) -> str:
        return action_name

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        if action_name in OPENING_QUESTIONS:
            answer_opening_question(dispatcher, tracker)
        ask(dispatcher, action_name)
        return []

    class_name = "".join(part.title() for part in action_name.split("_"))
    return type(class_name, (Action,), {"name": name, "run": run, "__module__": __name__})


ASK_ACTIONS = [_make(n) for n in prompt_names() if n not in WITH_CONTEXT]
