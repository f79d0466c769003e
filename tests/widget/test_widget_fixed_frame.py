"""Issue 29, item 1: a resident on a phone at 200 % text on a slow network (400 ms, 50 kB/s). The panel's
header (×, メニュー, ふりがな) and its input stay on the screen however long the conversation gets; only
the conversation scrolls; the input area with the privacy note takes much less than a third of the screen;
after an emergency reply the 「電話する 119」 link is on the screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.widget.conftest import axe_violations, screenshot
from tests.widget.test_widget import LAUNCHER, ask, open_widget

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SCREEN = 740

# Where a control is, and whether a tap on its centre reaches it (not covered, not scrolled away).
REACHABLE = """e => {
  const box = e.getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  const hit = document.elementFromPoint(x, y);
  return {top: box.top, bottom: box.bottom, tapped: !!hit && (hit === e || e.contains(hit))};
}"""


def slow_network(page: Page) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 400, "downloadThroughput": 50 * 1024, "uploadThroughput": 50 * 1024},
    )


def assert_on_screen(page: Page, selector: str) -> None:
    where = page.locator(selector).first.evaluate(REACHABLE)
    assert where["top"] >= 0 and where["bottom"] <= SCREEN + 0.5, (selector, where)
    assert where["tapped"], (selector, where)


def input_area_share(page: Page) -> float:
    return page.evaluate(
        """() => {
          const form = document.querySelector('.gbw-form').getBoundingClientRect();
          const note = document.querySelector('.gbw-note').getBoundingClientRect();
          return (Math.max(form.bottom, note.bottom) - form.top) / window.innerHeight;
        }"""
    )


def test_at_200_percent_text_the_header_and_input_stay_and_the_call_link_shows(open_page, server) -> None:
    page = open_page("phone")
    slow_network(page)
    open_widget(page, server.base)
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    questions = ("罹災証明書はどこでもらえますか", "協力隊の任期は何年ですか", "行政相談の窓口を知りたい")
    for question in questions:
        ask(page, question)
    page.wait_for_timeout(300)  # the layout settles after the last reply
    screenshot(page, "widget-360-text-200-three-exchanges")
    for control in (".gbw-close", ".gbw-home", ".gbw-ruby-toggle", ".gbw-input", ".gbw-send"):
        assert_on_screen(page, control)
    share = input_area_share(page)
    assert share < 0.2, f"the input area takes {share:.0%} of the screen"
    # Only the conversation scrolls: the panel itself does not.
    assert page.evaluate("document.querySelector('.gbw-panel').scrollTop") == 0

    ask(page, "胸が苦しくて息ができない")
    call = page.get_by_role("link", name="電話する 119")
    expect(call.first).to_be_visible()
    page.wait_for_timeout(300)
    assert_on_screen(page, ".gbw-urgent")
    assert_on_screen(page, ".gbw-close")
    screenshot(page, "widget-360-text-200-emergency")
    assert axe_violations(page) == []


def test_the_privacy_note_folds_and_opens(open_page, server) -> None:
    page = open_page("phone")
    open_widget(page, server.base)
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    note = page.locator(".gbw-note")
    expect(note).to_contain_text("個人情報")
    full = "電話番号・マイナンバー・住所"
    note.get_by_text("個人情報", exact=False).first.click()
    expect(note.get_by_text(full, exact=False)).to_be_visible()
    # The input still names the note for screen readers, whether it is open or not.
    described = page.get_by_label("質問を入力").get_attribute("aria-describedby") or ""
    assert described and full in page.locator(f"#{described.split()[0]}").inner_text()


def test_an_emergency_sent_before_the_stylesheet_arrives_keeps_its_call_in_view(open_page, server) -> None:
    """On a slow network a resident may send 「土砂で じいちゃん埋まってる」 before the widget's stylesheet is
    in; when it arrives the layout changes, and the conversation used to jump to its last line, taking the
    red 「電話する 119」 off the screen. Now the latest turn is shown as after its reply: the question, then
    the call."""
    page = open_page("phone")
    held = []
    page.route("**/widget.css*", lambda route: held.append(route))  # the stylesheet waits for the reply
    page.goto(server.base + "/")
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    page.get_by_role("button", name=LAUNCHER).click()
    ask(page, "うちの町さ土砂きて じいちゃん埋まってる")
    assert held, "the stylesheet was not requested"
    for route in held:
        route.continue_()
    page.wait_for_function("!!document.querySelector('link[href*=\"widget.css\"]').sheet")
    page.wait_for_timeout(500)  # the layout settles
    assert_on_screen(page, ".gbw-urgent")
