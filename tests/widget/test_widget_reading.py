"""Reading on a phone: folded long answers, the last message after a reload, calm focus, a way home,
ふりがな, やさしい日本語 and sources written for people."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.widget.conftest import screenshot
from tests.widget.test_widget import LAUNCHER, ask, bot_messages, choose, open_widget, wait_for_reply

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_a_long_answer_shows_its_first_lines_then_the_rest(phone: Page, server) -> None:
    open_widget(phone, server.base)
    ask(phone, "罹災証明書はどこでもらえますか")
    answer = bot_messages(phone).last
    more = answer.get_by_role("button", name="続きを読む")
    expect(more).to_have_attribute("aria-expanded", "false")
    bubble = answer.locator(".gbw-bubble")
    assert bubble.evaluate("e => e.scrollHeight > e.clientHeight + 4")  # folded
    expect(answer.locator(".gbw-source")).to_be_visible()  # the source stays under the answer
    screenshot(phone, "widget-360-long-answer-folded")
    more.click()
    expect(answer.get_by_role("button", name="たたむ")).to_have_attribute("aria-expanded", "true")
    assert answer.locator(".gbw-bubble").evaluate("e => e.scrollHeight <= e.clientHeight + 1")


def test_a_reload_opens_at_the_last_message(page: Page, server) -> None:
    open_widget(page, server.base)
    for question in (
        "罹災証明書はどこでもらえますか",
        "協力隊の任期は何年ですか",
        "行政相談の電話番号を教えて",
    ):
        ask(page, question)
    page.reload()
    expect(page.get_by_role("dialog", name=LAUNCHER)).to_be_visible()
    page.wait_for_function(
        "() => { const e = document.querySelector('.gbw-log');"
        " return e.scrollHeight > e.clientHeight && e.scrollHeight - e.scrollTop - e.clientHeight < 4; }",
        timeout=5_000,
    )
    expect(page.locator(".gbw-log .gbw-msg").last).to_be_in_viewport()


def test_a_tap_keeps_the_keyboard_down_and_new_buttons_come_next(phone: Page, server) -> None:
    open_widget(phone, server.base)
    assert phone.evaluate("document.activeElement.id") != "gbw-input"  # no keyboard over the greeting
    before = bot_messages(phone).count()
    phone.locator(".gbw-choice:enabled", has_text="分野から探す").tap()
    wait_for_reply(phone, before)
    assert phone.evaluate("document.activeElement.id") != "gbw-input"  # focus did not jump to the input
    phone.keyboard.press("Tab")
    focused = phone.evaluate("document.activeElement.className")
    assert "gbw-choice" in focused, focused  # the new answer's first button is next
    assert phone.evaluate("!document.activeElement.disabled")


def test_the_dialog_is_modal_and_old_choices_leave_the_accessibility_tree(page: Page, server) -> None:
    open_widget(page, server.base)
    assert page.get_by_role("dialog", name=LAUNCHER).get_attribute("aria-modal") == "true"
    expect(page.get_by_role("button", name="災害で困っている")).to_have_count(1)
    choose(page, "分野から探す")
    expect(page.locator(".gbw-choice:disabled", has_text="災害で困っている")).to_have_count(1)  # still shown
    expect(page.get_by_role("button", name="災害で困っている")).to_have_count(0)  # but not announced


def test_the_menu_button_always_leads_home(page: Page, server) -> None:
    open_widget(page, server.base)
    ask(page, "協力隊の任期は何年ですか")
    page.get_by_role("button", name="最初のメニューに戻る").click()
    home = bot_messages(page).last
    expect(home.get_by_role("button", name="行政相談の窓口を探す")).to_be_enabled()
    assert page.evaluate("document.activeElement.className").startswith("gbw-msg")
    choose(page, "行政相談の窓口を探す")
    expect(bot_messages(page).last).to_contain_text("都道府県")


def test_furigana_on_and_off(phone: Page, server) -> None:
    open_widget(phone, server.base)
    ask(phone, "罹災証明書はどこでもらえますか")
    toggle = phone.get_by_role("button", name="ふりがな")
    toggle.click()
    answer = bot_messages(phone).last
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(answer.locator("ruby", has_text="罹災").first).to_be_visible()
    expect(answer.locator("ruby rt").first).to_be_attached()
    readings = answer.locator("rt").all_inner_texts()
    assert "りさい" in readings and "しょうめい" in readings, readings[:10]
    assert answer.locator(".gbw-bubble").evaluate("e => e.innerText").count("罹災") >= 1
    screenshot(phone, "widget-360-furigana")
    ask(phone, "協力隊の任期は何年ですか")  # answers that come later get readings too
    expect(bot_messages(phone).last.locator("ruby").first).to_be_attached()
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(phone.locator(".gbw-log ruby")).to_have_count(0)


def test_the_easy_japanese_answer_is_shown(phone: Page, server) -> None:
    open_widget(phone, server.base)
    ask(phone, "行政相談の電話番号を教えて")
    answer = bot_messages(phone).last
    easy = answer.get_by_role("button", name="やさしい日本語で読む")
    easy.click()
    expect(answer.locator(".gbw-bubble")).to_contain_text("行政苦情110番の電話番号は 0570-090-110 です。")
    expect(answer.get_by_role("button", name="もとの文に戻す")).to_have_attribute("aria-pressed", "true")
    expect(answer.get_by_role("link", name="0570-090-110")).to_have_attribute("href", "tel:0570090110")
    screenshot(phone, "widget-360-easy-japanese")
    answer.get_by_role("button", name="もとの文に戻す").click()
    expect(answer.locator(".gbw-bubble")).not_to_contain_text("電話番号は 0570-090-110 です。")


def test_sources_are_written_for_people(page: Page, server) -> None:
    open_widget(page, server.base)
    ask(page, "罹災証明書はどこでもらえますか")
    source = bot_messages(page).last.locator(".gbw-source")
    expect(source).to_contain_text(
        re.compile(r"出典：総務省「地域力創造に関する施策説明会」資料（令和8年1月）")
    )
    expect(source).not_to_contain_text(re.compile(r"\d{3}:L\d+"))
    before = bot_messages(page).count()
    page.get_by_role("button", name="最初のメニューに戻る").click()
    choose(page, "災害で困っている")
    ask(page, "石川県です")
    assert bot_messages(page).count() > before
    assert not re.search(r"\d{3}:L\d+", " ".join(page.locator(".gbw-source").all_inner_texts()))
