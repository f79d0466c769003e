"""One turn for every channel (bot/web/turn.py): the REST door hands everything to it, and the turn holds
every guarantee whatever the channel — no door of its own needed for them."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from fastapi.testclient import TestClient

from bot.web.app import create_app
from bot.web.turn import Replies, Turns
from faq.residents.privacy import conversation_key

pytestmark = pytest.mark.integration


class FakeAssistant:
    """Stands for Rasa: records what reaches it (words, key, metadata, the channel's name)."""

    ready = True
    intents = frozenset({"menu", "greet"})

    def __init__(self, delay: float = 0.0) -> None:
        self.calls: list[dict[str, Any]] = []
        self.delay = delay

    async def handle(self, sender, text, metadata=None, input_channel=None) -> list[dict[str, Any]]:
        self.calls.append({"sender": sender, "text": text, "metadata": metadata, "channel": input_channel})
        await asyncio.sleep(self.delay)
        return [{"recipient_id": sender, "text": f"answer to {text}"}]


@pytest.fixture(scope="module")
def app(built_service):
    app = create_app(built_service)
    with TestClient(app):
        yield app


def turns_with(app, assistant) -> Turns:
    state = app.state
    return Turns(assistant, state.directory, state.safety, state.faq_service, state.rate_limits)


def test_the_rest_door_goes_through_the_turn_and_names_its_channel(app, monkeypatch) -> None:
    seen: list[tuple] = []

    async def handle(channel, sender, text, metadata=None, *, address=None) -> Replies:
        seen.append((channel, sender, text, metadata, address))
        return Replies([{"recipient_id": sender, "text": "from the turn"}])

    monkeypatch.setattr(app.state.turns, "handle", handle)
    with TestClient(app) as client:
        body = {"sender": "door-1", "message": "任期は？", "metadata": {"client_id": "c-1"}}
        reply = client.post("/webhooks/rest/webhook", json=body)
    assert reply.status_code == 200 and reply.json() == [{"recipient_id": "door-1", "text": "from the turn"}]
    assert seen == [("rest", "door-1", "任期は？", {"client_id": "c-1"}, "testclient")]


def test_the_rest_door_answers_503_when_the_turn_was_not_saved(app, monkeypatch) -> None:
    async def handle(channel, sender, text, metadata=None, *, address=None) -> Replies:
        return Replies([{"recipient_id": sender, "text": "sorry"}], "not_saved")

    monkeypatch.setattr(app.state.turns, "handle", handle)
    with TestClient(app) as client:
        reply = client.post("/webhooks/rest/webhook", json={"sender": "door-2", "message": "任期は？"})
    assert reply.status_code == 503 and reply.headers["retry-after"] == "30"


def test_the_channel_name_and_the_one_way_key_reach_the_dialogue_engine(app) -> None:
    assistant = FakeAssistant()
    turns = turns_with(app, assistant)
    replies = asyncio.run(turns.handle("line", "someone", "ｷｮｳﾘｮｸﾀｲの任期は？"))
    (call,) = assistant.calls
    assert call["channel"] == "line" and call["sender"] == conversation_key("someone")
    assert call["text"] == "キョウリョクタイの任期は?"  # NFKC before anything else
    assert replies.outcome == "answered" and replies.messages[0]["recipient_id"] == "someone"


@pytest.mark.parametrize("channel", ["rest", "line"])
def test_every_guarantee_holds_for_any_channel(app, channel) -> None:
    assistant = FakeAssistant()
    turns = turns_with(app, assistant)

    def say(text: str, **metadata) -> Replies:
        return asyncio.run(turns.handle(channel, f"guarantees-{channel}", text, metadata or None))

    assert "文字で入力" in say("！！").messages[0]["text"]  # empty: a polite reply
    assert "長すぎます" in say("あ" * 1001).messages[0]["text"]
    say("家が燃えてる！")  # danger reaches Rasa as the safety intent (its rule answers the number)
    assert assistant.calls[-1]["text"].startswith("/safety_alert")
    assert assistant.calls[-1]["metadata"] == {"text": "家が燃えてる!"}
    say("電話は090-1234-5678です。協力隊の任期は？")
    assert "090-1234-5678" not in assistant.calls[-1]["text"]  # redacted before the dialogue engine
    with pytest.raises(ValueError):
        say("任期は？", municipality="99999")  # names no place: the door answers 422


def test_a_possible_danger_keeps_the_answer_with_one_line_above(app) -> None:
    assistant = FakeAssistant()
    message = "避難所で誰かにスマホ盗られたみでぇだ 一昨日の晩"  # a police matter found later
    replies = asyncio.run(turns_with(app, assistant).handle("line", "line-above", message))
    line, custom, answer = replies.messages
    assert custom["custom"]["type"] == "safety_line" and "110" in line["text"]
    assert answer["text"].startswith("answer to")  # the answer is kept, below the line


class NoAnswerAssistant(FakeAssistant):
    """Stands for Rasa finding no entry: the honest no-answer and its custom payload."""

    async def handle(self, sender, text, metadata=None, input_channel=None) -> list[dict[str, Any]]:
        await super().handle(sender, text, metadata, input_channel)
        return [
            {"recipient_id": sender, "text": "すみません、お答えできる資料が見つかりませんでした。"},
            {"recipient_id": sender, "custom": {"type": "no_answer"}},
        ]


def test_a_possible_119_line_keeps_the_honest_no_answer_below_it(app) -> None:
    """A possible 119 line (a burn named in passing) never turns the reply into 「もう少し教えてください」:
    what the turn answers without the line — here the honest no-answer — it answers with it."""
    replies = asyncio.run(turns_with(app, NoAnswerAssistant()).handle("rest", "line-119", "子どもがやけど"))
    line, custom, *kept = replies.messages
    assert custom["custom"]["type"] == "safety_line" and "119" in line["text"]
    assert kept[-1]["custom"] == {"type": "no_answer"} and "見つかりませんでした" in kept[0]["text"]


def test_a_slow_turn_gets_the_apology_within_the_time_limit(app, govbot_env) -> None:
    govbot_env(TURN_TIMEOUT_SECONDS="0.2")
    replies = asyncio.run(turns_with(app, FakeAssistant(delay=5)).handle("line", "slow", "任期は？"))
    assert replies.outcome == "apology" and "0570-090-110" in replies.messages[0]["text"]


def test_a_failing_engine_never_leaves_the_resident_without_a_reply(app) -> None:
    class Broken(FakeAssistant):
        async def handle(self, *args, **kwargs):
            raise RuntimeError("boom")

    turns = turns_with(app, Broken())
    replies = asyncio.run(turns.handle("line", "broken", "任期は？"))
    assert replies.outcome == "apology" and replies.messages[0]["custom"]["type"] == "apology"
    danger = asyncio.run(turns.handle("line", "broken", "家が燃えてる！"))
    assert danger.messages[-1]["custom"]["type"] == "emergency"  # the number, without the engine


def test_the_per_conversation_limit_holds_for_a_door_without_addresses(app, govbot_env) -> None:
    from bot.web.middleware.limits import RateLimits

    state = app.state
    limits = RateLimits("memory://", {"chat_per_conversation": "2/minute"})
    turns = Turns(FakeAssistant(), state.directory, state.safety, state.faq_service, limits)
    texts = [asyncio.run(turns.handle("line", "busy", "任期は？")).messages[0]["text"] for _ in range(3)]
    assert "少しお待ちください" in texts[2] and "少しお待ちください" not in texts[0]
    danger = asyncio.run(turns.handle("line", "busy", "家が燃えてる！"))
    assert "少しお待ちください" not in danger.messages[0]["text"]  # danger is never slowed down
