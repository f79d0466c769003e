"""rasa-sdk's own action server (``rasa run actions --actions bot.action_server``) runs the project's
actions with no host around the call: they read the services its start gave the process."""

from __future__ import annotations

import asyncio
import contextvars

import pytest
from rasa_sdk.executor import ActionExecutor

from actions import services as action_services
from actions.services import ActionServices, serve_process
from faq.places.directory import KikumimiDirectory

pytestmark = pytest.mark.integration


def _call(text: str) -> dict:
    """The JSON rasa run sends to the action server's webhook for action_answer_faq."""
    latest = {"text": text, "intent": {"name": "ask_faq", "confidence": 0.9}, "entities": []}
    return {
        "next_action": "action_answer_faq",
        "sender_id": "process-services",
        "tracker": {
            "sender_id": "process-services",
            "slots": {},
            "latest_message": latest,
            "events": [{"event": "user", "text": text, "parse_data": latest}],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        },
        "domain": {},
        "version": "3.6.2",
    }


def _run_without_host(executor: ActionExecutor, text: str) -> dict | None:
    # A fresh context: no host's serving() block around the call, as in rasa-sdk's Sanic handler.
    return contextvars.Context().run(asyncio.run, executor.run(_call(text)))


def test_rasa_sdk_executor_answers_with_the_services_given_to_the_process(
    shared_service, monkeypatch
) -> None:
    monkeypatch.setattr(action_services, "_process", [])
    executor = ActionExecutor()
    executor.register_package("actions")
    with pytest.raises(RuntimeError, match="no action services"):
        _run_without_host(executor, "協力隊の任期は何年ですか")

    serve_process(ActionServices(faq=shared_service, directory=KikumimiDirectory.default()))
    answer = _run_without_host(executor, "協力隊の任期は何年ですか")
    assert answer is not None
    assert any("3年" in (message.get("text") or "") for message in answer["responses"])
