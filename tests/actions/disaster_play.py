"""Plays the labelled disaster messages (tests/data/disaster_messages.jsonl) through action_answer_faq
and judges each reply: the support for every need named, short enough for a phone, local content only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.answering import ActionAnswerFaq
from tests.actions.conftest import make_tracker

MESSAGES_FILE = Path(__file__).parents[1] / "data" / "disaster_messages.jsonl"
PHONE_TEXT = 300  # characters of the summary itself (the local window's lines come after it)
KAGOSHIMA_DIAL = "099-223-1100"


def load_messages() -> list[dict[str, Any]]:
    return [json.loads(x) for x in MESSAGES_FILE.read_text(encoding="utf-8").splitlines() if x.strip()]


def reply_to(text: str) -> dict[str, Any]:
    dispatcher = CollectingDispatcher()
    ActionAnswerFaq().run(dispatcher, make_tracker(text), {})
    return dispatcher.messages[0] if dispatcher.messages else {}


def problems(row: dict[str, Any], message: dict[str, Any]) -> list[str]:
    """Why a reply is wrong for its labelled message (empty when right)."""
    custom = message.get("custom") or {}
    text = message.get("text") or ""
    if row["kind"] == "other":
        return [] if custom.get("faq_id") == row["faq"] else [f"expected {row['faq']}, got {custom}"]
    found: list[str] = []
    if row.get("or_faq") and custom.get("faq_id") == row["or_faq"]:
        return []  # one worry, answered by the entry written for it
    if custom.get("type") != "disaster_support":
        return [f"not answered at once: {custom.get('type')}"]
    missing = set(row["needs"]) - set(custom.get("needs") or [])
    if missing:
        found.append(f"needs missing {sorted(missing)}")
    if custom.get("prefecture") != row.get("prefecture"):
        found.append(f"prefecture {custom.get('prefecture')}")
    summary = text.split("【")[0]
    if len(summary) > PHONE_TEXT:
        found.append(f"{len(summary)} characters")
    if row.get("prefecture") != "鹿児島県" and ("P." in text or KAGOSHIMA_DIAL in text):
        found.append("鹿児島's page or number shown as the resident's own")
    if not message.get("buttons"):
        found.append("no buttons to the details")
    return found
