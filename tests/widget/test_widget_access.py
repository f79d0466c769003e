"""WCAG 2.2 AA in a real browser: axe-core finds nothing, and the widget reflows at 200 % text and zoom.

Every state is screenshotted at 360 px into var/test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.widget.conftest import axe_violations, screenshot
from tests.widget.test_widget import LAUNCHER, ask, bot_messages, choose, open_widget

pytestmark = [pytest.mark.integration, pytest.mark.slow]

LONG_QUESTION = "罹災証明書はどこでもらえますか"

# Every control of the open widget: inside the page, reachable, and nothing wider than the screen.
LAYOUT = """() => {
  const width = window.innerWidth;
  const panel = document.querySelector('.gbw-panel');
  const wide = [...panel.querySelectorAll('*')]
    .filter(e => !e.closest('.gbw-sr') && e.getClientRects().length)
    .filter(e => e.getBoundingClientRect().right > width + 1 || e.getBoundingClientRect().left < -1)
    .map(e => e.className || e.tagName);
  return {
    pageWidth: document.documentElement.scrollWidth, width,
    panelSideways: panel.scrollWidth > panel.clientWidth + 1,
    wide: wide.slice(0, 5),
  };
}"""

# How much of the open panel shows the conversation once it is scrolled to the newest message.
CONVERSATION_SHARE = """() => {
  const log = document.querySelector('.gbw-log').getBoundingClientRect();
  const panel = document.querySelector('.gbw-panel').getBoundingClientRect();
  const form = document.querySelector('.gbw-form').getBoundingClientRect();
  const top = Math.max(log.top, panel.top, 0);
  const bottom = Math.min(log.bottom, form.top, panel.bottom, window.innerHeight);
  return Math.max(bottom - top, 0) / Math.min(panel.height, window.innerHeight);
}"""


def assert_reflows(page: Page) -> None:
    layout = page.evaluate(LAYOUT)
    assert layout["pageWidth"] <= layout["width"], layout  # no sideways scrolling of the page
    assert not layout["panelSideways"] and not layout["wide"], layout
    for control in page.locator(
        ".gbw-panel button:not([disabled]), .gbw-panel a, .gbw-panel textarea, .gbw-panel summary"
    ).all():
        if control.is_visible():
            control.click(trial=True, timeout=3_000)  # scrolled to, on screen, not covered


def assert_readable(page: Page) -> None:
    share = page.evaluate(CONVERSATION_SHARE)
    assert share >= 0.4, f"the conversation gets {share:.0%} of the panel"


def assert_clean(page: Page, state: str) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{state}: {violations}"


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_axe_finds_nothing_in_any_state(open_page, server, size: str) -> None:
    page = open_page(size)
    page.goto(server.base + "/")
    expect(page.locator(".gbw-has-alert")).to_have_count(1)  # the demo page's region has a disaster on
    assert_clean(page, "demo page")

    page.get_by_role("button", name=LAUNCHER).click()
    expect(page.get_by_role("dialog", name=LAUNCHER)).to_be_visible()
    assert_clean(page, "open widget with banner")
    if size == "phone":
        screenshot(page, "widget-360-open-banner-folded")
        page.locator(".gbw-banner summary").first.click()
        assert_clean(page, "banner opened")
        screenshot(page, "widget-360-banner-open")
        page.locator(".gbw-banner summary").first.click()

    choose(page, "分野から探す")
    assert_clean(page, "buttons")
    if size == "phone":
        screenshot(page, "widget-360-buttons")

    ask(page, LONG_QUESTION)
    expect(bot_messages(page).last.locator(".gbw-source")).to_be_visible()
    assert_clean(page, "answer")
    if size == "phone":
        screenshot(page, "widget-360-answer")

    page.get_by_role("button", name="最初のメニューに戻る").click()  # the way home
    choose(page, "行政相談の窓口を探す")
    ask(page, "大阪府です")
    expect(page.locator(".gbw-card").last).to_contain_text("きくみみ大阪")
    assert_clean(page, "card")
    if size == "phone":
        screenshot(page, "widget-360-card")

    page.route("**/webhooks/rest/webhook", lambda route: route.abort("internetdisconnected"))
    page.get_by_label("質問を入力").fill("協力隊の任期は何年ですか")
    page.get_by_label("質問を入力").press("Enter")
    expect(page.locator(".gbw-failed").last).to_be_visible()
    assert_clean(page, "error")
    if size == "phone":
        screenshot(page, "widget-360-error")
    page.unroute("**/webhooks/rest/webhook")


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_at_200_percent_text_the_conversation_stays_readable_and_clean(open_page, server, size: str) -> None:
    page = open_page(size)
    open_widget(page, server.base)
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    ask(page, LONG_QUESTION)
    assert_readable(page)
    assert_reflows(page)
    assert_clean(page, "200 % text")
    if size == "phone":
        screenshot(page, "widget-360-text-200")


@pytest.mark.parametrize("size", ["zoom400", "zoom200"])
def test_browser_zoom_keeps_one_direction_of_scrolling(open_page, server, size: str) -> None:
    page = open_page(size)
    open_widget(page, server.base)
    choose(page, "分野から探す")
    ask(page, LONG_QUESTION)
    assert_readable(page)
    assert_reflows(page)
    page.get_by_role("button", name="チャットを閉じる").first.click()  # the header is reachable
    expect(page.get_by_role("dialog", name=LAUNCHER)).to_be_hidden()


def test_the_disaster_banner_takes_at_most_a_fifth_of_a_phone_and_folds(open_page, server) -> None:
    page = open_page("phone")
    open_widget(page, server.base)
    banner = page.get_by_role("region", name="災害情報")
    expect(banner).to_contain_text("令和6年能登半島地震")
    height = banner.bounding_box()["height"]
    assert height <= 740 / 5, height
    details = banner.locator("details").first
    assert details.get_attribute("open") is None  # folded on a phone
    details.locator("summary").click()
    expect(banner.get_by_role("link", name="076-264-1100")).to_be_visible()
    assert banner.bounding_box()["height"] <= 740 / 5 + 1
    details.locator("summary").click()
    assert details.get_attribute("open") is None
