"""Issue 29, item 5: 輪島市's 罹災証明書 "local window" was a one-day 相談会 whose flyer gives no
year. A dated event is not a standing window: it is offered until its day, and a day without a year is
not shown as current. A standing window (鹿児島市's, きくみみ石川) is still shown."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.widget.test_widget import LAUNCHER, ask, bot_messages

pytestmark = [pytest.mark.integration, pytest.mark.slow]

YEARLESS_DAY = re.compile(r"(?<![年\d])\d{1,2}月\d{1,2}日[（(][月火水木金土日]")


def open_town(page: Page, base: str, town: str) -> None:
    page.goto(f"{base}/demo/{town}")
    page.locator(".gbw-launcher").wait_for()
    if page.locator(".gbw-launcher").get_attribute("aria-expanded") != "true":  # stays open across pages
        page.get_by_role("button", name=LAUNCHER).click()
    expect(page.get_by_role("dialog", name=LAUNCHER)).to_be_visible()


def local_blocks(page: Page) -> list[str]:
    return bot_messages(page).filter(has_text="お住まいの地域の窓口").all_inner_texts()


def test_wajimas_one_day_consultation_is_not_offered_as_its_risai_window(page: Page, server) -> None:
    open_town(page, server.base, "wajima")
    ask(page, "罹災証明書はどこでもらえますか")
    expect(bot_messages(page).filter(has_text="罹災証明書は").last).to_be_visible()
    blocks = local_blocks(page)
    assert not any(YEARLESS_DAY.search(block) for block in blocks), blocks  # no 「11月16日(日)」
    assert not any("窓口：輪島市 災害合同相談所" in block for block in blocks), blocks
    assert not any("JAのと輪島支店" in block for block in blocks), blocks  # the 相談会's venue is no window
    # What 輪島市 offers instead: the standing window the flyer names for the 相談会, on weekdays.
    assert any("石川行政評価事務所" in b and "076-222-5232" in b and "平日" in b for b in blocks), blocks


def test_a_standing_window_is_still_shown(page: Page, server) -> None:
    open_town(page, server.base, "kagoshima")
    ask(page, "罹災証明書はどこでもらえますか")
    expect(bot_messages(page).filter(has_text="お住まいの地域の窓口").last).to_contain_text(
        "平日 9:00～16:45"
    )
    open_town(page, server.base, "wajima")
    ask(page, "行政相談の窓口はどこですか")
    expect(page.locator(".gbw-log")).to_contain_text("076-264-1100")
