"""The LINE door against the fake platform, with a scripted dialogue engine (fast; the real model's
conversation is in test_line_conversation.py): verification, dedupe, events, reply/push, loading."""

from __future__ import annotations

import asyncio
import sqlite3
import time
import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient

from bot.web.app import create_app
from bot.web.channels.line.channel import retry_key
from faq.content.messages import message
from tests.bot.line.conftest import clear_settings

pytestmark = pytest.mark.integration
PATH = "/webhooks/line/webhook"


class ScriptedAssistant:
    """Stands for Rasa: answers every turn with its words and one button, and records what reached it."""

    ready = True
    intents = frozenset({"greet", "menu", "disaster_help"})

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.delay = 0.0

    async def handle(self, sender, text, metadata=None, input_channel=None) -> list[dict[str, Any]]:
        self.calls.append({"sender": sender, "text": text, "channel": input_channel})
        await asyncio.sleep(self.delay)
        return [
            {
                "recipient_id": sender,
                "text": f"答え：{text}",
                "buttons": [{"title": "分野から探す", "payload": "/menu"}],
            }
        ]


@pytest.fixture()
def line(line_env, scratch_service, fake_line):
    """(app, client, url, assistant): the app with LINE configured, its turns scripted."""
    app = create_app(scratch_service)
    with TestClient(app) as client:
        assistant = ScriptedAssistant()
        app.state.turns.assistant = assistant
        app.state.line.client.backoff_seconds = 0.01
        yield app, client, str(client.base_url) + PATH, assistant


def deliver(
    client: TestClient,
    fake,
    events,
    *,
    signature: str | None = "sign",
    body: bytes | None = None,
    redelivery=False,
) -> int:
    """The fake's webhook, posted through the TestClient (the app runs in this process here)."""
    content, headers = fake.webhook(events, redelivery=redelivery, signature=signature, body=body)
    return client.post(PATH, content=content, headers=headers).status_code


def settle(app) -> None:
    """Let the background handling of the events finish (the app's loop runs in the TestClient's thread)."""
    deadline = time.monotonic() + 20
    while app.state.line.tasks and time.monotonic() < deadline:
        time.sleep(0.01)


def stored(service, table: str) -> list[tuple]:
    path = service.store.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        return db.execute(f"SELECT * FROM {table}").fetchall()  # noqa: S608 - a fixed table name


def user() -> str:
    return "U" + uuid.uuid4().hex


def test_without_a_secret_the_route_is_not_served(scratch_service, monkeypatch) -> None:
    monkeypatch.delenv("GOVBOT_LINE_CHANNEL_SECRET", raising=False)
    clear_settings()
    with TestClient(create_app(scratch_service)) as client:
        assert client.post(PATH, json={"events": []}).status_code == 404


def test_the_consoles_verify_call_gets_200(line, fake_line) -> None:
    _, client, _, _ = line
    assert deliver(client, fake_line, []) == 200


def test_a_missing_or_wrong_signature_is_refused_and_nothing_is_stored_or_answered(
    line, fake_line, scratch_service
) -> None:
    app, client, _, assistant = line
    someone = user()
    event = fake_line.text(someone, "協力隊の任期は？")
    events_before, senders_before = (
        stored(scratch_service, "line_webhook_events"),
        stored(scratch_service, "line_senders"),
    )
    assert deliver(client, fake_line, [event], signature=None) == 401
    assert deliver(client, fake_line, [event], signature=fake_line.sign(b"another body")) == 401
    tampered = {**event, "message": {**event["message"], "text": "家が燃えてる"}}
    signed_original = fake_line.sign(__import__("json").dumps({"events": [event]}).encode())
    assert deliver(client, fake_line, [tampered], signature=signed_original) == 401
    assert deliver(client, fake_line, [], signature="x", body=b"{not json") == 401  # checked before parsing
    settle(app)
    assert stored(scratch_service, "line_webhook_events") == events_before
    assert stored(scratch_service, "line_senders") == senders_before
    assert assistant.calls == [] and fake_line.to(someone) == []


def test_a_text_goes_through_the_turn_and_is_answered_in_one_reply_call(line, fake_line) -> None:
    app, client, _, assistant = line
    seen: list[tuple] = []
    original = app.state.turns.handle

    async def spy(channel, sender, text, metadata=None, *, address=None):
        seen.append((channel, sender, text, address))
        return await original(channel, sender, text, metadata, address=address)

    app.state.line.turns.handle = spy
    someone = user()
    assistant.delay = 0.5
    started = time.monotonic()
    assert deliver(client, fake_line, [fake_line.text(someone, "ｷｮｳﾘｮｸﾀｲの任期は？")]) == 200
    assert time.monotonic() - started < 0.5  # 200 at once, the turn in the background
    (delivery,) = fake_line.wait_for(someone, 1)
    ((channel, sender, text, address),) = seen
    assert channel == "line" and address is None and text == "ｷｮｳﾘｮｸﾀｲの任期は？"
    assert someone not in sender and assistant.calls[0]["channel"] == "line"
    assert assistant.calls[0]["text"] == "キョウリョクタイの任期は?"  # the turn's NFKC
    assert delivery["via"] == "reply" and fake_line.calls.count(("reply", 200)) == 1
    (reply,) = delivery["messages"]
    assert reply["text"] == "答え：キョウリョクタイの任期は?"
    (item,) = reply["quickReply"]["items"]
    assert item["action"]["type"] == "postback" and item["action"]["displayText"] == "分野から探す"


def test_the_user_id_is_stored_nowhere_and_keys_one_conversation(line, fake_line, scratch_service) -> None:
    app, client, _, assistant = line
    someone = user()
    for words in ("一つ目", "二つ目"):
        deliver(client, fake_line, [fake_line.text(someone, words)])
        settle(app)
    assert assistant.calls[0]["sender"] == assistant.calls[1]["sender"]  # one conversation
    database = scratch_service.store.database_url.removeprefix("sqlite:///")
    assert someone.encode() not in open(database, "rb").read()
    assert all(someone not in str(row) for row in stored(scratch_service, "line_senders"))


def test_a_redelivered_event_is_answered_once(line, fake_line) -> None:
    app, client, _, assistant = line
    someone = user()
    event = fake_line.text(someone, "罹災証明書はどこで？")
    assert deliver(client, fake_line, [event]) == 200
    fake_line.wait_for(someone, 1)
    assert deliver(client, fake_line, [event], redelivery=True) == 200
    assert deliver(client, fake_line, [event, event]) == 200
    settle(app)
    assert len(fake_line.to(someone)) == 1 and len(assistant.calls) == 1


def test_standby_and_group_events_are_ignored(line, fake_line) -> None:
    app, client, _, assistant = line
    someone = user()
    standby = {**fake_line.text(someone, "こんにちは"), "mode": "standby"}
    group = {
        **fake_line.text(someone, "こんにちは"),
        "source": {"type": "group", "groupId": "C1", "userId": someone},
    }
    assert deliver(client, fake_line, [standby, group]) == 200
    settle(app)
    assert assistant.calls == [] and fake_line.to(someone) == []


def test_only_postbacks_the_bot_signed_reach_the_turn(line, fake_line) -> None:
    app, client, _, assistant = line
    someone = user()
    deliver(
        client,
        fake_line,
        [fake_line.postback(someone, "/menu"), fake_line.postback(someone, "g1.AAAA./menu")],
    )
    settle(app)
    assert assistant.calls == [] and fake_line.to(someone) == []
    deliver(client, fake_line, [fake_line.text(someone, "こんにちは")])
    (first,) = fake_line.wait_for(someone, 1)
    data = first["messages"][-1]["quickReply"]["items"][0]["action"]["data"]
    deliver(client, fake_line, [fake_line.postback(someone, data)])  # the resident taps the quick reply
    fake_line.wait_for(someone, 2)
    assert assistant.calls[-1]["text"] == "/menu"


def test_follow_greets_and_unfollow_forgets_the_sender(line, fake_line, scratch_service) -> None:
    app, client, _, assistant = line
    someone = user()
    before = len(stored(scratch_service, "line_senders"))
    deliver(client, fake_line, [fake_line.event(someone, "follow")])
    fake_line.wait_for(someone, 1)
    assert assistant.calls[-1]["text"] == "/greet"  # the greeting with the start menu
    first_conversation = assistant.calls[-1]["sender"]
    assert len(stored(scratch_service, "line_senders")) == before + 1
    deliver(client, fake_line, [fake_line.event(someone, "unfollow")])
    settle(app)
    assert len(stored(scratch_service, "line_senders")) == before
    deliver(client, fake_line, [fake_line.event(someone, "follow")])
    fake_line.wait_for(someone, 2)
    assert assistant.calls[-1]["sender"] != first_conversation  # a new conversation, unlinked to the old


def test_a_location_asks_for_its_place_and_a_sticker_gets_a_short_reply(line, fake_line) -> None:
    app, client, _, assistant = line
    someone = user()
    deliver(
        client,
        fake_line,
        [fake_line.location(someone, "〒928-0001 石川県輪島市河井町2部287番地1", "輪島市役所")],
    )
    fake_line.wait_for(someone, 1)
    assert assistant.calls[-1]["text"] == "石川県輪島市"  # the place only: no house number reaches the turn
    deliver(client, fake_line, [fake_line.sticker(someone)])
    second = fake_line.wait_for(someone, 2)[1]
    assert second["messages"][0]["text"] == message("chat.empty") and len(assistant.calls) == 1


def test_an_expired_reply_token_gets_a_push_with_a_retry_key(line, fake_line) -> None:
    app, client, _, _ = line
    someone = user()
    event = fake_line.text(someone, "任期は？")
    fake_line.clock.advance(120)  # the webhook arrives after the token expired
    deliver(client, fake_line, [event])
    (delivery,) = fake_line.wait_for(someone, 1)
    assert delivery["via"] == "push" and ("reply", 400) in fake_line.calls
    assert retry_key(event["webhookEventId"]) in fake_line.accepted_keys
    assert str(uuid.UUID(retry_key(event["webhookEventId"]))) == retry_key(event["webhookEventId"])


def test_429_and_500_are_retried_and_a_push_whose_answer_was_lost_is_not_sent_twice(line, fake_line) -> None:
    app, client, _, _ = line
    someone = user()
    fake_line.fail("reply", 429)
    fake_line.fail("reply", 500)
    deliver(client, fake_line, [fake_line.text(someone, "任期は？")])
    (delivery,) = fake_line.wait_for(someone, 1)
    assert delivery["via"] == "reply" and [s for p, s in fake_line.calls if p == "reply"][-3:] == [
        429,
        500,
        200,
    ]
    other = user()
    event = fake_line.text(other, "任期は？")
    fake_line.clock.advance(120)
    fake_line.fail("push", 500, accepted=True)  # LINE took the push, its answer was lost
    deliver(client, fake_line, [event])
    fake_line.wait_for(other, 1)
    settle(app)
    assert len(fake_line.to(other)) == 1 and ("push", 409) in fake_line.calls


def test_the_loading_animation_shows_while_a_turn_runs_long(line, fake_line) -> None:
    app, client, _, assistant = line
    app.state.line.loading_after = 0.1
    quick, slow = user(), user()
    deliver(client, fake_line, [fake_line.text(quick, "任期は？")])
    fake_line.wait_for(quick, 1)
    assistant.delay = 0.6
    deliver(client, fake_line, [fake_line.text(slow, "任期は？")])
    fake_line.wait_for(slow, 1)
    assert [c["chatId"] for c in fake_line.loading] == [slow]
    assert fake_line.loading[0]["loadingSeconds"] == 5


def test_16_users_at_once_lose_no_event(line, fake_line) -> None:
    from concurrent.futures import ThreadPoolExecutor

    app, client, _, assistant = line
    assistant.delay = 0.05
    users = [user() for _ in range(16)]

    def converse(someone: str) -> None:
        for n in range(4):
            assert deliver(client, fake_line, [fake_line.text(someone, f"質問{n}")]) == 200

    with ThreadPoolExecutor(16) as pool:
        list(pool.map(converse, users))
    for someone in users:
        got = fake_line.wait_for(someone, 4)
        assert [d["messages"][0]["text"] for d in got] == [f"答え：質問{n}" for n in range(4)]


def test_a_database_that_cannot_take_the_events_makes_line_deliver_them_again(
    line, fake_line, monkeypatch
) -> None:
    from sqlalchemy.exc import OperationalError

    app, client, _, assistant = line
    someone = user()
    event = fake_line.text(someone, "任期は？")

    def down(event_id, now=None):
        raise OperationalError("INSERT", {}, Exception("database is restarting"))

    with monkeypatch.context() as patch:
        patch.setattr(app.state.line.store, "take_event", down)
        assert deliver(client, fake_line, [event]) == 503  # not a 200 that would lose the event
    settle(app)
    assert assistant.calls == [] and fake_line.to(someone) == []
    assert deliver(client, fake_line, [event], redelivery=True) == 200  # LINE's redelivery, once it is back
    assert len(fake_line.wait_for(someone, 1)) == 1
