"""Issue 29, item 2: two messages typed while offline go out one after another, in the order they were
typed, once the connection returns, and each answer is placed under its own question."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.widget.test_widget import open_widget
from tests.widget.test_widget_network import SENDER, WEBHOOK, user_turns

pytestmark = [pytest.mark.integration, pytest.mark.slow]

FIRST, SECOND = "協力隊の任期は何年ですか", "協力隊サミットはいつですか"

# The log as (who, text) pairs, in the order a reader sees them.
TRANSCRIPT = """() => [...document.querySelectorAll('.gbw-log .gbw-msg')]
  .map(e => [e.classList.contains('gbw-user') ? 'user' : 'bot', e.innerText])"""


def type_offline(page: Page, text: str) -> None:
    box = page.get_by_label("質問を入力")
    box.fill(text)
    box.press("Enter")


def assert_each_answer_under_its_question(page: Page) -> None:
    transcript = page.evaluate(TRANSCRIPT)
    users = [i for i, (who, _) in enumerate(transcript) if who == "user"]
    assert len(users) == 2, transcript
    first, second = users
    assert FIRST in transcript[first][1] and SECOND in transcript[second][1], transcript
    under_first = " ".join(text for who, text in transcript[first + 1 : second])
    under_second = " ".join(text for who, text in transcript[second + 1 :])
    assert "任期" in under_first and "サミット" not in under_first, transcript
    assert "サミット" in under_second, transcript


def test_two_messages_queued_offline_are_answered_in_order_under_their_questions(page: Page, server) -> None:
    open_widget(page, server.base)
    page.context.set_offline(True)
    type_offline(page, FIRST)
    expect(page.locator(".gbw-failed")).to_have_count(1)
    type_offline(page, SECOND)
    expect(page.locator(".gbw-failed")).to_have_count(2)

    # The server answers slowly, and the second message must not overtake the first.
    in_flight: list[str] = []
    most: list[int] = [0]

    def slow(route) -> None:
        in_flight.append(route.request.post_data_json["message"])
        most[0] = max(most[0], len(in_flight))
        page.wait_for_timeout(600)
        route.continue_()
        in_flight.pop()

    page.route(WEBHOOK, slow)
    page.context.set_offline(False)
    expect(page.locator(".gbw-failed")).to_have_count(0)
    expect(page.locator(".gbw-log .gbw-bot").last).to_contain_text("サミット")
    expect(page.locator(".gbw-typing")).to_be_hidden()
    assert_each_answer_under_its_question(page)
    assert user_turns(server, page.evaluate(SENDER)) == [FIRST, SECOND]
    assert most[0] == 1

    page.reload()  # the stored conversation keeps the order too
    expect(page.locator(".gbw-log .gbw-msg").last).to_contain_text("サミット")
    assert_each_answer_under_its_question(page)


def test_resending_the_second_sends_the_first_first(page: Page, server) -> None:
    open_widget(page, server.base)
    page.route(WEBHOOK, lambda route: route.abort("internetdisconnected"))
    type_offline(page, FIRST)
    expect(page.locator(".gbw-failed")).to_have_count(1)
    type_offline(page, SECOND)
    expect(page.locator(".gbw-failed")).to_have_count(2)
    page.unroute(WEBHOOK)
    page.locator(".gbw-user").last.get_by_role("button", name="再送する").click()
    expect(page.locator(".gbw-failed")).to_have_count(0)
    expect(page.locator(".gbw-log .gbw-bot").last).to_contain_text("サミット")
    expect(page.locator(".gbw-typing")).to_be_hidden()
    assert_each_answer_under_its_question(page)
    assert user_turns(server, page.evaluate(SENDER)) == [FIRST, SECOND]
