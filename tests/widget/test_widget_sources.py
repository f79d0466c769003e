"""Issue 29, item 4: what residents read cites a document a person can find — its title and section, and a
page of the 鹿児島県版 guidebook said once to be an example outside 鹿児島 — never an internal line reference
(「（002:L5440-5500）」)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.widget.test_widget import LAUNCHER, ask, bot_messages, choose

pytestmark = [pytest.mark.integration, pytest.mark.slow]

LINE_REF = re.compile(r"\d{3}:L\d+|[（(]L\d+")
DOCUMENT = "総務省「地域力創造に関する施策説明会」資料（令和8年1月）"


def open_town(page: Page, base: str, town: str) -> None:
    page.goto(f"{base}/demo/{town}")
    page.get_by_role("button", name=LAUNCHER).click()
    expect(page.get_by_role("dialog", name=LAUNCHER)).to_be_visible()


def log_text(page: Page) -> str:
    return page.locator(".gbw-log .gbw-msg").evaluate_all("els => els.map(e => e.innerText).join('\\n')")


def test_the_support_list_on_wajimas_page_cites_the_guidebook_once_as_an_example(page: Page, server) -> None:
    open_town(page, server.base, "wajima")
    choose(page, "災害で困っている")
    if bot_messages(page).last.locator(".gbw-choice", has_text="住まい").count() == 0:
        ask(page, "石川県です")
    choose(page, "住まい")
    reply = bot_messages(page).filter(has_text="罹災(りさい)証明書の発行").last
    text = reply.inner_text()
    assert not LINE_REF.search(text), text
    assert "鹿児島県版P." not in text, text  # not 「例：鹿児島県版P.1」 on every line
    assert text.count("鹿児島県版") == 2, text  # said once in the heading, and the title of the source
    assert "（P.1）" in text  # a page a person can find in that guidebook
    assert re.search(r"出典：.*鹿児島県版 生活支援ガイドブック 第5版（令和7年10月10日）", text), text
    assert DOCUMENT in text, text
    assert not LINE_REF.search(log_text(page))


def test_kagoshimas_page_keeps_its_own_pages(page: Page, server) -> None:
    open_town(page, server.base, "kagoshima")
    choose(page, "災害で困っている")
    if bot_messages(page).last.locator(".gbw-choice", has_text="住まい").count() == 0:
        ask(page, "鹿児島県です")
    choose(page, "住まい")
    text = bot_messages(page).filter(has_text="罹災(りさい)証明書の発行").last.inner_text()
    assert "（P.1）" in text and "例に" not in text, text
    assert not LINE_REF.search(text), text


def test_the_kyoryokutai_and_gyosei_flows_cite_documents_not_lines(page: Page, server) -> None:
    open_town(page, server.base, "wajima")
    choose(page, "協力隊の対象か確かめる")
    expect(bot_messages(page).last).to_contain_text(f"出典：{DOCUMENT}")
    choose(page, "協力隊に応募したい")
    choose(page, "はい")
    choose(page, "はい、移すつもり")
    ask(page, "伝統工芸を継ぎたい")
    verdict = bot_messages(page).filter(has_text="最大5年").last.inner_text()
    assert "出典：" in verdict and "地域おこし協力隊" in verdict, verdict
    page.goto(server.base + "/")  # a page without a municipality: the flow asks for the prefecture
    page.get_by_role("button", name="最初のメニューに戻る").click()
    choose(page, "行政相談の窓口を探す")
    expect(bot_messages(page).last).to_contain_text(f"出典：{DOCUMENT}")
    ask(page, "石川県です")
    expect(page.locator(".gbw-card").last.locator(".gbw-source")).to_contain_text("出典：")
    text = log_text(page)
    assert not LINE_REF.search(text), [line for line in text.splitlines() if LINE_REF.search(line)]
