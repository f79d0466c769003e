"""Tracker snapshots and a collecting dispatcher for action tests (the real FAQ service behind them)."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.services import ActionServices, serving
from faq.places.directory import KikumimiDirectory


def services_for(service) -> ActionServices:
    """The handle a host would give the actions, around ``service``."""
    return ActionServices(faq=service, directory=KikumimiDirectory.default())


@pytest.fixture(autouse=True, scope="module")
def shared_service(scratch_service):
    """Actions write (unanswered questions, 相談メモ): they get a scratch copy of the database.

    Module-scoped so that module-scoped fixtures which run actions (disaster replies) see it too."""
    with serving(services_for(scratch_service)):
        yield scratch_service


def make_tracker(
    text: str = "",
    intent: str = "ask_faq",
    slots: dict[str, Any] | None = None,
    entities: list[dict] | None = None,
    active_loop: str | None = None,
    events: list[dict] | None = None,
) -> Tracker:
    """A tracker as Rasa would send it after the resident typed ``text``."""
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": entities or []}
    user_event = {"event": "user", "text": text, "parse_data": latest}
    return Tracker(
        sender_id="test-resident",
        slots=slots or {},
        latest_message=latest,
        events=(events or []) + [user_event],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


@pytest.fixture()
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def answers_given(dispatcher: CollectingDispatcher) -> list[str]:
    """The turn's answers in order: "entry:<id>" for an entry, "card:<name>" for a きくみみ card."""
    out = []
    for message in dispatcher.messages:
        custom = message.get("custom") or {}
        if custom.get("type") == "faq_answer":
            out.append("entry:" + custom["faq_id"])
        elif custom.get("type") == "kikumimi_card":
            out.append("card:" + custom["name"])
    return out


def all_text(dispatcher: CollectingDispatcher) -> str:
    parts = []
    for message in dispatcher.messages:
        parts.append(message.get("text") or "")
        parts += [b["title"] for b in message.get("buttons") or []]
        parts.append(str(message.get("custom") or ""))
    return "\n".join(parts)
