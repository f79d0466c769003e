"""The small LINE client and the rich menu command, against the fake platform."""

from __future__ import annotations

import asyncio
import json

import pytest

from bot.web.channels.line.client import LineClient, LineError, ReplyTokenRefused
from bot.web.channels.line.render import PostbackSigner
from bot.web.channels.line.richmenu import MENU_FILE, drawn_image, main, signed_menu, with_flows
from faq.content.flows import flow_table, start_menu
from tests.bot.line.conftest import SECRET, TOKEN

pytestmark = pytest.mark.integration
HELLO = [{"type": "text", "text": "こんにちは"}]


def run(coroutine):
    return asyncio.run(coroutine)


def client_for(fake, token: str = TOKEN, **options) -> LineClient:
    return LineClient(token, fake.base, backoff_seconds=0.01, **options)


async def closing(client: LineClient, coroutine):
    try:
        return await coroutine
    finally:
        await client.close()


def test_the_bearer_token_is_required(fake_line) -> None:
    client = client_for(fake_line, token="wrong")
    with pytest.raises(LineError) as error:
        run(closing(client, client.push("U1", HELLO, "3f2b8a3e-6b1c-4c8e-9a43-0d6c2b7e5f11")))
    assert error.value.status == 401


def test_a_reply_token_is_single_use_and_expires(fake_line) -> None:
    first, second = fake_line.text("U1", "a")["replyToken"], fake_line.text("U1", "b")["replyToken"]
    client = client_for(fake_line)

    async def replies() -> None:
        await client.reply(first, HELLO)
        with pytest.raises(ReplyTokenRefused):
            await client.reply(first, HELLO)  # used
        fake_line.clock.advance(61)
        with pytest.raises(ReplyTokenRefused):
            await client.reply(second, HELLO)  # expired

    run(closing(client, replies()))
    assert len(fake_line.to("U1")) == 1


def test_a_repeated_retry_key_is_409_and_counts_as_sent(fake_line) -> None:
    client = client_for(fake_line)
    key = "0b7c3f4e-2d7a-4f0e-8d57-1a2b3c4d5e6f"

    async def twice() -> None:
        await client.push("U2", HELLO, key)
        await client.push("U2", HELLO, key)

    run(closing(client, twice()))
    assert len(fake_line.to("U2")) == 1 and ("push", 409) in fake_line.calls


def test_429_and_5xx_are_retried_with_backoff_honouring_retry_after(fake_line) -> None:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    client = client_for(fake_line, sleep=sleep)
    fake_line.fail("push", 429, retry_after="2")
    fake_line.fail("push", 503)
    fake_line.fail("push", 500)
    run(closing(client, client.push("U3", HELLO, "6a0f1c3d-7b2e-4e9a-b6c8-3d2f1e0a9b87")))
    assert len(fake_line.to("U3")) == 1
    assert len(slept) == 3 and 2 <= slept[0] <= 2.5 and slept[1] < slept[2]  # Retry-After, then doubling


def test_the_client_gives_up_after_its_attempts(fake_line) -> None:
    client = client_for(fake_line, attempts=2)
    fake_line.fail("push", 500, times=2)
    with pytest.raises(LineError) as error:
        run(closing(client, client.push("U4", HELLO, "1c9e8d7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f")))
    assert error.value.status == 500 and fake_line.to("U4") == []


def test_the_message_limits_are_enforced_by_the_platform(fake_line) -> None:
    client = client_for(fake_line)
    too_many = HELLO * 6
    with pytest.raises(LineError) as error:
        run(closing(client, client.push("U5", too_many, "2d8f7e6a-5b4c-4d3e-9f2a-1b0c9d8e7f6a")))
    assert error.value.status == 400


def test_the_rich_menu_command_registers_the_signed_menu(fake_line, line_env, capsys) -> None:
    assert main(["richmenu"]) == 0
    menu_id = capsys.readouterr().out.strip()
    assert fake_line.default_rich_menu == menu_id
    registered = fake_line.rich_menus[menu_id]
    assert registered["image"].startswith(b"\x89PNG")
    labels = [a["action"]["label"] for a in registered["menu"]["areas"]]
    assert labels == [b["title"] for b in start_menu()[1:]] + ["地図から窓口を探す"]
    assert all("flow" not in a["action"] for a in registered["menu"]["areas"])  # LINE gets its own fields
    signer = PostbackSigner(SECRET.encode())
    payloads = [
        signer.verify(a["action"]["data"]) for a in registered["menu"]["areas"] if "data" in a["action"]
    ]
    assert payloads == ["/disaster_help", "/kyoryokutai_eligibility", "/gyosei_soudan"]


def test_the_menus_postbacks_are_the_greetings_buttons() -> None:
    """The menu offers the start menu's flows with their one label: the file names the flows, the table
    of flows gives each its label, payload and the words the chat shows as the resident's."""
    menu = with_flows(json.loads(MENU_FILE.read_text()), flow_table())
    postbacks = [a["action"] for a in menu["areas"] if a["action"]["type"] == "postback"]
    assert [{"title": p["label"], "payload": p["data"]} for p in postbacks] == start_menu()[1:]
    assert all(p["displayText"] == p["label"] for p in postbacks)
    assert signed_menu(menu, PostbackSigner(b"s"))["areas"][0]["action"]["data"].startswith("g1.")
    assert len(drawn_image(menu)) < 1_000_000  # LINE's limit for the image
