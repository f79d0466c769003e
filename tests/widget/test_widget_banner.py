"""Issue 29, item 3: the disaster banner on a phone. Its phone link and buttons are 44-px touch targets, and
with three disasters it shows the first and a 「ほか2件」 disclosure: no inner scroll box that cuts lines."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from tests.widget.conftest import axe_violations, screenshot
from tests.widget.test_widget import LAUNCHER

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def disaster(n: int, name: str, prefecture: str, centre: str, phone: str) -> dict:
    return {
        "id": f"test-{n}",
        "name": name,
        "prefectures": [prefecture],
        "contact": {
            "name": f"{centre}（総務省 行政相談センター）",
            "phone": phone,
            "hours": "平日 8時30分～17時15分" if n == 1 else "",
            "tel": "tel:" + phone.replace("-", ""),
        },
        "payload": "/disaster_help" + json.dumps({"prefecture": prefecture}, ensure_ascii=False),
    }


THREE = [
    disaster(1, "令和6年能登半島地震（令和6年から継続実施）", "石川県", "きくみみ石川", "076-264-1100"),
    disaster(2, "令和7年8月6日からの大雨及び台風12号", "石川県", "きくみみ石川", "076-264-1100"),
    disaster(3, "台風第22号（八丈町）", "石川県", "きくみみ石川", "076-264-1100"),
]

# Every target in the banner (links, buttons, disclosure lines) that can be seen, and its size.
TARGETS = """b => [...b.querySelectorAll('a, button, summary')]
  .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
  .map(e => { const r = e.getBoundingClientRect();
              return {text: e.textContent.trim().slice(0, 30), w: r.width, h: r.height}; })"""

# Boxes inside the banner (or the banner itself) that scroll or clip their own content.
SCROLL_BOXES = """b => [b, ...b.querySelectorAll('*')]
  .filter(e => { const s = getComputedStyle(e);
                 const clips = ['auto', 'scroll', 'hidden'].includes(s.overflowY);
                 return clips && e.scrollHeight > e.clientHeight + 1; })
  .map(e => e.className || e.tagName)"""


@pytest.mark.parametrize("text", ["100%", "200%"])
def test_three_disasters_show_the_first_and_the_others_behind_one_line(open_page, server, text: str) -> None:
    page = open_page("phone")
    page.route("**/api/disasters/active*", lambda route: route.fulfill(json=THREE))
    page.goto(server.base + "/")
    page.evaluate(f"document.documentElement.style.fontSize = '{text}'")
    page.get_by_role("button", name=LAUNCHER).click()
    banner = page.get_by_role("region", name="災害情報")
    expect(banner).to_contain_text("令和6年能登半島地震")
    more = banner.locator("summary", has_text="ほか2件")
    expect(more).to_be_visible()
    expect(banner.get_by_text("台風第22号（八丈町）")).to_be_hidden()  # behind 「ほか2件」
    if text == "100%":
        assert banner.bounding_box()["height"] <= 740 / 5, banner.bounding_box()

    banner.locator("summary").first.click()  # the first disaster's detail
    more.click()
    expect(banner.get_by_text("台風第22号（八丈町）")).to_be_visible()
    expect(banner.get_by_role("link", name="076-264-1100")).to_have_count(3)
    screenshot(page, f"widget-360-banner-three-{text[:-1]}")
    assert banner.evaluate(SCROLL_BOXES) == []
    small = [t for t in banner.evaluate(TARGETS) if t["h"] < 44 or t["w"] < 44]
    assert small == [], small
    for link in banner.get_by_role("link").all():
        link.scroll_into_view_if_needed()
        link.click(trial=True, timeout=3_000)  # on screen, not covered
    assert axe_violations(page) == []


def test_one_disaster_has_no_others_line(open_page, server) -> None:
    page = open_page("phone")
    page.route("**/api/disasters/active*", lambda route: route.fulfill(json=THREE[:1]))
    page.goto(server.base + "/")
    page.get_by_role("button", name=LAUNCHER).click()
    banner = page.get_by_role("region", name="災害情報")
    expect(banner).to_contain_text("令和6年能登半島地震")
    expect(banner.locator("summary", has_text="ほか")).to_have_count(0)
    banner.locator("summary").first.click()
    call = banner.get_by_role("link", name="076-264-1100")
    expect(call).to_have_attribute("href", "tel:0762641100")
    assert call.bounding_box()["height"] >= 44
