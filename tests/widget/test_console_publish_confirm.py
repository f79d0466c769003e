"""Issue 29, item 6: publishing a version asks first, like rolling back and retiring: the confirm page says
what changes for residents, shows the side-by-side diff against the version residents see now, and the answer
as residents will read it; going back publishes nothing."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from faq.content.store import FaqStore
from tests.widget.conftest import ARTIFACTS, axe_violations
from tests.widget.test_console_browser import fits, sign_in, staff_account

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ENTRY = "test-publish-confirm"
FIRST = "ペットの受け入れは避難所ごとに異なります。市区町村の防災担当にご確認ください。"
SECOND = "ペットの受け入れは避難所ごとに異なります。市区町村の危機管理課にご確認ください。"


@pytest.fixture(scope="module")
def reviewer(server) -> str:
    return staff_account(server, "confirm-reviewer", "reviewer")


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"] if page.viewport_size else 0
    page.screenshot(path=str(ARTIFACTS / f"console-{name}-{width}.png"), full_page=True)


def write(page: Page, base: str, answer: str, reason: str, new: bool = False) -> None:
    page.goto(f"{base}/console/entries/{'new' if new else ENTRY}")
    if new:
        page.get_by_label("ID（半角英小文字・数字・ハイフン）").fill(ENTRY)
        page.get_by_label("分野").select_option("災害時の生活支援")
        page.get_by_label("質問", exact=True).fill("避難所にペットを連れて行けますか？（確認画面のテスト）")
        page.get_by_label("言い換え（1行に1つ、2つ以上）").fill("ペット同行避難 確認\n犬と避難所 確認")
        page.get_by_label("出典の資料名").fill("テスト用の資料")
        page.get_by_label("出典の行・条文・URL").fill("test:L1")
    page.get_by_label("回答").fill(answer)
    page.get_by_label("変更の理由").fill(reason)
    page.get_by_role("button", name="下書きとして保存").click()
    expect(page.get_by_role("status")).to_contain_text("下書きを保存しました")


def live_answer(server) -> str | None:
    try:
        return FaqStore(f"sqlite:///{server.database}").get(ENTRY).answer
    except Exception:  # noqa: BLE001 - not published yet
        return None


def publish(page: Page) -> None:
    """The entry page's publish button, then the confirmation page's."""
    page.get_by_role("button", name=re.compile(r"v\d+ を公開する")).click()
    expect(page.get_by_role("heading", name="住民への影響")).to_be_visible()
    page.get_by_role("button", name=re.compile(r"v\d+ を公開する")).click()
    expect(page.get_by_role("status")).to_contain_text("公開しました")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_publishing_asks_first_with_the_diff_and_what_residents_will_read(
    open_page, server, reviewer: str, size: str
) -> None:
    page = open_page(size)  # 1280 px or 360 px; CSP bypassed for axe-core
    base = server.base
    sign_in(page, base, reviewer)
    if live_answer(server) is None:
        write(page, base, FIRST, "問い合わせが多いため", new=True)
        # The first publish: nothing is live yet, so no diff, but what residents will read.
        page.get_by_role("button", name=re.compile(r"v\d+ を公開する")).click()
        expect(page.get_by_role("heading", name="住民への影響")).to_be_visible()
        expect(page.get_by_role("heading", name="住民が読む回答")).to_be_visible()
        expect(page.locator(".bubble").first).to_contain_text(FIRST)
        assert live_answer(server) is None  # nothing published by the first click
        page.get_by_role("button", name=re.compile(r"v\d+ を公開する")).click()
        expect(page.get_by_role("status")).to_contain_text("公開しました")
    elif live_answer(server) != FIRST:
        write(page, base, FIRST, "元の文に戻す")
        publish(page)
    write(page, base, SECOND, "課の名前")

    page.get_by_role("button", name=re.compile(r"v\d+ を公開する")).click()
    expect(page.get_by_role("heading", name="住民への影響")).to_be_visible()
    expect(page.get_by_text(re.compile(r"いま公開中の v\d+ から v\d+ の内容に変わります"))).to_be_visible()
    expect(page.locator("table.diff-table del", has_text="防災担当").first).to_be_visible()
    expect(page.locator("table.diff-table ins", has_text="危機管理課").first).to_be_visible()
    expect(page.get_by_role("heading", name="住民が読む回答")).to_be_visible()
    expect(page.locator(".bubble").first).to_contain_text("危機管理課")
    expect(page.locator(".bubble").first).to_contain_text("出典：テスト用の資料")
    fits(page)
    shot(page, "confirm-publish")
    assert axe_violations(page) == []
    assert live_answer(server) == FIRST  # still the old answer until confirmed

    page.get_by_role("link", name="やめて戻る").click()  # going back publishes nothing
    expect(page).to_have_url(re.compile(f"/console/entries/{ENTRY}$"))
    assert live_answer(server) == FIRST
    publish(page)
    assert live_answer(server) == SECOND
