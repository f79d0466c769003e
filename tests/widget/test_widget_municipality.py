"""Each sample municipality's demo page embeds the widget with its data-municipality; a resident there sees
the national answer with that municipality's window under it (issue 17). Screenshots at 360 px."""

from __future__ import annotations

import urllib.request

import pytest
from playwright.sync_api import Page, expect

from tests.widget.conftest import ARTIFACTS
from tests.widget.test_widget import LAUNCHER, ask, bot_messages

pytestmark = [pytest.mark.integration, pytest.mark.slow]
expect.set_options(timeout=20_000)


def test_the_national_demo_links_each_municipality(server) -> None:
    with urllib.request.urlopen(server.base + "/") as response:
        html = response.read().decode()
    assert 'href="/demo/wajima"' in html and 'href="/demo/kagoshima"' in html


def test_an_unknown_demo_page_is_404(server) -> None:
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(server.base + "/demo/..%2Fentries")
    assert raised.value.code == 404


@pytest.mark.parametrize(
    ("slug", "code", "window", "other"),
    [
        ("wajima", "172049", "石川行政評価事務所", "鹿児島"),
        ("kagoshima", "462012", "鹿児島県行政監視行政相談センター", "輪島"),
    ],
)
def test_the_municipality_page_shows_its_local_window(phone: Page, server, slug, code, window, other) -> None:
    phone.goto(f"{server.base}/demo/{slug}")
    assert phone.locator(f'script[data-municipality="{code}"]').count() == 1
    phone.get_by_role("button", name=LAUNCHER).click()
    expect(phone.get_by_role("dialog", name=LAUNCHER)).to_be_visible()
    ask(phone, "応急修理ってどこに申し込むの？")
    texts = bot_messages(phone).all_inner_texts()
    answer = next(i for i, t in enumerate(texts) if "応急修理" in t and "Q." in t)
    local = next(i for i, t in enumerate(texts) if window in t)
    assert local > answer  # the local window comes under the national answer
    assert "最終確認日" in texts[local] and other not in texts[local]
    block = bot_messages(phone).nth(local)
    more = block.get_by_role("button", name="続きを読む")
    if more.count():  # the widget folds long replies; unfold it so the screenshot shows the whole window
        more.click()
    expect(block).to_contain_text("最終確認日")
    block.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / f"widget-local-{slug}-360.png"))


@pytest.mark.parametrize("slug", ["wajima", "kagoshima"])
def test_the_municipality_page_fits_a_phone_at_200_percent_text(phone: Page, server, slug) -> None:
    # The page's own text (the embed code it shows, data-municipality="172049") once pushed it 17 px wide.
    phone.goto(f"{server.base}/demo/{slug}")
    phone.evaluate("document.documentElement.style.fontSize = '200%'")
    assert phone.evaluate("document.documentElement.scrollWidth") <= phone.viewport_size["width"]
