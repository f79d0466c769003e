"""Sending that survives bad networks: one turn per message, whatever the connection does."""

from __future__ import annotations

import json
import sqlite3

import pytest
from playwright.sync_api import Page, expect

from faq.residents.privacy import conversation_key
from tests.widget.test_widget import bot_messages, choose, open_widget, wait_for_reply

pytestmark = [pytest.mark.integration, pytest.mark.slow]
WEBHOOK = "**/webhooks/rest/webhook"
SENDER = "Object.values(localStorage).map(JSON.parse)[0].sender"


def user_turns(server, sender: str) -> list[str]:
    """What the resident said, as Rasa's SQL tracker store keeps it."""
    with sqlite3.connect(server.tracker_db) as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id",
            (conversation_key(sender),),  # the chat route stores only the one-way key
        ).fetchall()
    return [json.loads(data)["text"] for (data,) in rows]


def test_a_lost_reply_is_fetched_again_and_the_turn_runs_once(page: Page, server) -> None:
    open_widget(page, server.base)
    choose(page, "分野から探す")  # a question with choices: a second turn would not understand the answer
    delivered: list[int] = []

    def lose_the_reply(route) -> None:
        delivered.append(route.fetch().status)  # the server got the message and answered...
        route.abort("connectionreset")  # ...and the phone lost the answer

    page.route(WEBHOOK, lose_the_reply, times=1)
    before = bot_messages(page).count()
    page.locator(".gbw-choice:enabled", has_text="行政相談").first.click()
    expect(page.locator(".gbw-failed")).to_be_visible()
    wait_for_reply(page, before)  # resent by itself, with the same client id
    assert delivered == [200]
    expect(page.locator(".gbw-failed")).to_have_count(0)
    expect(bot_messages(page).last.locator(".gbw-choice")).not_to_have_count(0)
    assert "選択肢のどれに近いか" not in " ".join(bot_messages(page).all_inner_texts())
    turns = user_turns(server, page.evaluate(SENDER))
    assert len(turns) == 2, turns  # /menu and the category: one turn each


def test_send_waits_while_a_message_is_pending(page: Page, server) -> None:
    open_widget(page, server.base)
    held = []
    page.route(WEBHOOK, lambda route: held.append(route))
    box = page.get_by_label("質問を入力")
    box.fill("協力隊の任期は何年ですか")
    box.press("Enter")
    expect(page.get_by_role("button", name="送信")).to_be_disabled()
    box.fill("協力隊サミットはいつですか")
    box.press("Enter")  # a second tap or Enter while the first is on its way sends nothing
    expect(page.locator(".gbw-user")).to_have_count(1)
    assert box.input_value() == "協力隊サミットはいつですか"  # kept for later, not lost
    before = bot_messages(page).count()
    held[0].continue_()
    page.unroute(WEBHOOK)
    wait_for_reply(page, before)
    expect(page.get_by_role("button", name="送信")).to_be_enabled()
    assert len(held) == 1


def test_messages_go_out_by_themselves_when_the_connection_returns(page: Page, server) -> None:
    open_widget(page, server.base)
    page.context.set_offline(True)
    page.get_by_label("質問を入力").fill("協力隊の任期は何年ですか")
    page.get_by_label("質問を入力").press("Enter")
    expect(page.locator(".gbw-failed")).to_contain_text("送信できませんでした")
    before = bot_messages(page).count()
    page.context.set_offline(False)  # no tap needed
    wait_for_reply(page, before)
    expect(bot_messages(page).last).to_contain_text("任期")
    expect(page.locator(".gbw-failed")).to_have_count(0)
    assert user_turns(server, page.evaluate(SENDER)).count("協力隊の任期は何年ですか") == 1


def test_a_reply_without_text_leaves_no_empty_bubble(page: Page, server) -> None:
    open_widget(page, server.base)
    replies = [
        {"recipient_id": "x", "text": "一つ目の答えです。"},
        {"recipient_id": "x", "text": ""},
        {"recipient_id": "x", "custom": {"type": "note"}},
        {"recipient_id": "x", "text": "二つ目の答えです。", "buttons": []},
    ]
    page.route(WEBHOOK, lambda route: route.fulfill(json=replies))
    before = bot_messages(page).count()
    page.get_by_label("質問を入力").fill("こんにちは")
    page.get_by_label("質問を入力").press("Enter")
    wait_for_reply(page, before)
    expect(bot_messages(page)).to_have_count(before + 2)
    texts = page.locator(".gbw-log .gbw-msg").evaluate_all("els => els.map(e => e.innerText.trim())")
    assert all(texts), texts
    assert (
        page.locator(".gbw-bubble").evaluate_all("els => els.filter(e => !e.textContent.trim()).length") == 0
    )
