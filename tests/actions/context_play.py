"""Plays the labelled context cases (tests/data/context_cases.jsonl) through the actions, carrying the
tracker's slots from turn to turn as Rasa does, and judges the last reply."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answering import ActionAnswerFaq
from actions.disaster import ActionDisasterSupport

CASES_FILE = Path(__file__).parents[1] / "data" / "context_cases.jsonl"


def load_cases() -> list[dict[str, Any]]:
    return [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]


def _tracker(text: str, slots: dict[str, Any]) -> Tracker:
    latest = {"text": text, "intent": {"name": "ask_faq", "confidence": 0.9}, "entities": []}
    return Tracker(
        sender_id="context-case",
        slots=dict(slots),
        latest_message=latest,
        events=[{"event": "user", "text": text, "parse_data": latest}],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def play_turn(turn: dict[str, Any], slots: dict[str, Any]) -> list[dict[str, Any]]:
    """Run one turn; update ``slots`` with the events; return the messages."""
    dispatcher = CollectingDispatcher()
    if "flow" in turn:
        slots.update(turn["flow"])
        events = ActionDisasterSupport().run(dispatcher, _tracker(turn["flow"]["need"], slots), {})
    else:
        events = ActionAnswerFaq().run(dispatcher, _tracker(turn["say"], slots), {})
    for event in events:
        if event.get("event") == "slot":
            slots[event["name"]] = event["value"]
    return dispatcher.messages


def judge(messages: list[dict[str, Any]], expect: dict[str, Any], forbid: list[str]) -> bool:
    customs = [m.get("custom") or {} for m in messages]
    text = "\n".join((m.get("text") or "") for m in messages)
    if any(word in text for word in forbid):
        return False
    if "faq" in expect:
        return bool(customs) and customs[0].get("faq_id") == expect["faq"]
    if "card" in expect:
        return any(
            c.get("type") == "kikumimi_card" and c.get("prefecture") == expect["card"] for c in customs
        )
    want = expect["disaster"]
    for c in customs:
        needs = c.get("needs") or [c.get("need")]
        if c.get("type") == "disaster_support" and c.get("prefecture") == want["prefecture"]:
            return want["need"] in needs
    return False


@dataclass
class Outcome:
    case: dict[str, Any]
    passed: bool
    reply: str


def play(case: dict[str, Any]) -> Outcome:
    slots: dict[str, Any] = {}
    messages: list[dict[str, Any]] = []
    for turn in case["turns"]:
        messages = play_turn(turn, slots)
    passed = judge(messages, case["expect"], case.get("forbid", []))
    first = messages[0] if messages else {}
    reply = f"{(first.get('custom') or {}).get('type')} {(first.get('custom') or {}).get('faq_id', '')} " + (
        first.get("text") or ""
    )[:60].replace("\n", " ")
    return Outcome(case, passed, reply)
