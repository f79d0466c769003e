"""The widget's start menu and words are the assistant's (GET /api/widget: the table of flows and
messages.yml), not its script's: the greeting shows them, and the last ones served still work when the
request fails."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from faq.content.flows import start_menu
from faq.content.messages import texts
from tests.widget.test_widget import bot_messages, choose, open_widget

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def titles(page: Page) -> list[str]:
    return bot_messages(page).last.locator(".gbw-choice").all_inner_texts()


def test_the_greeting_offers_the_start_menu_the_server_serves(page: Page, server) -> None:
    open_widget(page, server.base)
    expect(bot_messages(page).first.locator(".gbw-choice")).to_have_count(len(start_menu()))
    assert titles(page) == [b["title"] for b in start_menu()]
    choose(page, "災害で困っている")  # the payload the server gave starts the flow
    expect(bot_messages(page).last).to_contain_text("都道府県")


def test_the_menu_last_served_works_when_the_request_fails(page: Page, server) -> None:
    open_widget(page, server.base)
    expect(bot_messages(page).first.locator(".gbw-choice")).to_have_count(len(start_menu()))
    page.route("**/api/widget", lambda route: route.abort())  # the next page load cannot fetch it
    page.reload()
    page.get_by_role("button", name="最初のメニューに戻る").click()
    assert titles(page) == [b["title"] for b in start_menu()]
    page.get_by_role("button", name="会話の履歴を消去して最初から").click()
    expect(bot_messages(page)).to_have_count(1)
    assert titles(page) == [b["title"] for b in start_menu()]  # the greeting too


def test_its_words_come_from_the_assistant_and_a_first_visit_without_them_shows_nothing(
    page: Page, server
) -> None:
    """The widget's words are messages.yml's (GET /api/widget); with no words and no one to answer (the
    request fails on a first visit), no half-built widget is left on the page."""
    page.route("**/api/widget", lambda route: route.abort())
    page.goto(server.base + "/")
    page.wait_for_load_state("networkidle")
    expect(page.locator(".gbw")).to_have_count(0)
    page.unroute("**/api/widget")
    open_widget(page, server.base)
    words = texts("widget")
    expect(page.get_by_role("button", name=words["home_label"])).to_be_visible()
    expect(page.get_by_label(words["input_label"])).to_have_attribute("placeholder", words["placeholder"])
