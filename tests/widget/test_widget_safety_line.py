"""Issue 25 in the widget: a possible danger keeps the answer and shows one line with the number above it;
a certain danger replaces the reply with the number. On a 360-px phone at 200 % text, axe clean."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from faq.safety import SafetyCheck
from tests.widget.conftest import axe_violations, screenshot
from tests.widget.test_widget import ask, bot_messages, open_widget

pytestmark = [pytest.mark.integration, pytest.mark.slow]
expect.set_options(timeout=20_000)

# Someone was trapped but has been rescued, and the question is about aid: the answer must stay.
POSSIBLE = "昨日の地震で家が潰れて下敷きになった人がいたけど救助されました。罹災証明はどこ？"
CERTAIN = "隣の家から煙が出とる！火が見える"


def test_the_messages_are_what_the_test_says() -> None:
    check = SafetyCheck()
    assert check.classify(POSSIBLE).line and not check.classify(POSSIBLE).danger
    assert check.classify(CERTAIN).danger


def test_a_possible_danger_keeps_the_answer_under_one_line_with_the_number(open_page, server) -> None:
    page = open_page("phone")
    open_widget(page, server.base)
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    before = bot_messages(page).count()
    ask(page, POSSIBLE)
    replies = bot_messages(page)
    line = page.locator(".gbw-safety-line").last
    expect(line).to_be_visible()
    expect(line.locator(".gbw-call").first).to_have_attribute("href", "tel:119")
    new = [replies.nth(i).inner_text() for i in range(before, replies.count())]
    assert "119" in new[0] and any("罹災証明" in text for text in new[1:]), new  # the answer, after the line
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert not [v for v in axe_violations(page) if "(serious)" in v or "(critical)" in v]
    screenshot(page, "widget-360-text-200-safety-line")


def test_a_certain_danger_is_the_number_at_once(open_page, server) -> None:
    page = open_page("phone")
    open_widget(page, server.base)
    ask(page, CERTAIN)
    expect(bot_messages(page).last.locator(".gbw-call").first).to_have_attribute("href", "tel:119")
    assert page.locator(".gbw-safety-line").count() == 0
