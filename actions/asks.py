"""The flows' questions (`action_ask_*`), read from faq/data/messages.yml; which question opens a flow and
which intent starts it come from the table of flows (faq/data/flows.yml)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import answer_if_confident, flows
from faq.content.messages import message, prompt, prompt_names
from faq.residents.question_counts import DISASTER_CATEGORY
from faq.search.context import DISASTER

# These questions add context first, so they have classes of their own (actions/disaster.py, gyosei.py).
WITH_CONTEXT = {
    "action_ask_disaster_form_need",
    "action_ask_handoff_consent",
    "action_ask_disaster_form_prefecture",
    "action_ask_contact_method",
}

# What answers a question asked in the middle of a flow (rules/interruptions.yml).
_ANSWERS = frozenset({"action_answer_faq", "action_out_of_scope", "action_request_human", "action_show_faq"})


def answered_another_topic(tracker: Tracker) -> bool:
    """Whether this turn answered a question of another topic than the disaster (an entry of another
    category, a きくみみ card) before the disaster flow would ask again."""
    events = list(tracker.events)
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    ran = {e.get("name") for e in events[last_user + 1 :] if e.get("event") == "action"}
    topic = tracker.get_slot("context_topic")
    return bool(ran & _ANSWERS) and topic not in (DISASTER, DISASTER_CATEGORY, None)


def let_go_if_moved_on(dispatcher: CollectingDispatcher, tracker: Tracker) -> list | None:
    """The disaster flow lets go when the resident moved on to another topic (協力隊, きくみみ) instead of
    asking again after every answer; it stays one button away. None when it should ask."""
    if not answered_another_topic(tracker):
        return None
    resume = flows().by_form("disaster_form").resume_button()
    dispatcher.utter_message(text=message("disaster.let_go"), buttons=[resume])
    return [ActiveLoop(None), SlotSet("requested_slot", None)]


def ask(dispatcher: CollectingDispatcher, name: str) -> None:
    question = prompt(name)
    dispatcher.utter_message(text=question["text"], buttons=question["buttons"])


def answer_opening_question(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """A flow's first question: when the message that started the flow was itself a specific question the
    FAQ answers confidently (「地震で土地の境界がわからない。誰に相談すれば？」), answer it before asking."""
    latest = tracker.latest_message or {}
    if (latest.get("intent") or {}).get("name") in flows().intents:
        answer_if_confident(dispatcher, latest.get("text") or "")


def _make(action_name: str) -> type[Action]:
    def name(self) -> str:
        return action_name

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        if action_name in flows().openings:
            answer_opening_question(dispatcher, tracker)
        ask(dispatcher, action_name)
        return []

    class_name = "".join(part.title() for part in action_name.split("_"))
    return type(class_name, (Action,), {"name": name, "run": run, "__module__": __name__})


ASK_ACTIONS = [_make(n) for n in prompt_names() if n not in WITH_CONTEXT]
