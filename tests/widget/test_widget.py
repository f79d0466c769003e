"""The resident widget in a real browser (Debian's chromium, headless) against the real server."""

from __future__ import annotations

import re
import threading
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import Page, expect

from faq.content.store import FaqStore
from faq.residents.feedback import votes
from tests.widget.conftest import ARTIFACTS

pytestmark = [pytest.mark.integration, pytest.mark.slow]
expect.set_options(timeout=20_000)

LAUNCHER = "相談チャット"


def open_widget(page: Page, base: str) -> None:
    page.goto(base + "/")
    page.get_by_role("button", name=LAUNCHER).click()
    expect(page.get_by_role("dialog", name=LAUNCHER)).to_be_visible()


def bot_messages(page: Page):
    return page.locator(".gbw-log .gbw-bot")


def ask(page: Page, text: str) -> None:
    """Type a question and send it with Enter; return once the assistant's reply is shown."""
    before = bot_messages(page).count()
    page.get_by_label("質問を入力").fill(text)
    page.get_by_label("質問を入力").press("Enter")
    wait_for_reply(page, before)


def choose(page: Page, title: str) -> None:
    before = bot_messages(page).count()
    page.locator(".gbw-choice:enabled", has_text=title).first.click()
    wait_for_reply(page, before)


def wait_for_reply(page: Page, before: int) -> None:
    expect(bot_messages(page)).not_to_have_count(before)
    expect(page.locator(".gbw-typing")).to_be_hidden()


def last_bot_text(page: Page) -> str:
    return bot_messages(page).last.inner_text()


# -- what the page serves ------------------------------------------------------------------------------


def test_demo_page_sends_a_content_security_policy(server) -> None:
    with urllib.request.urlopen(server.base + "/") as response:
        policy = response.headers["Content-Security-Policy"]
        html = response.read().decode()
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert '<script src="/static/widget.js"' in html


def test_the_widget_is_small(server) -> None:
    sizes = {}
    for name in ("widget.js", "widget.css"):
        with urllib.request.urlopen(f"{server.base}/static/{name}") as response:
            sizes[name] = len(response.read())
    assert sum(sizes.values()) <= 50 * 1024, sizes


# -- a resident's conversation ---------------------------------------------------------------------


def test_ask_a_question_see_the_answer_with_its_source_and_vote(page: Page, server) -> None:
    open_widget(page, server.base)
    expect(bot_messages(page).first).to_contain_text("デモ市の相談チャット")  # data-first-message
    ask(page, "罹災証明書はどこでもらえますか")
    answer = bot_messages(page).last
    expect(answer).to_contain_text("罹災証明書")
    expect(answer.locator(".gbw-source")).to_contain_text(re.compile(r"出典：.+最終確認日：\d{4}年"))
    answer.get_by_role("button", name="役に立たなかった").click()
    expect(answer).to_contain_text("ご協力ありがとうございました")
    stored = votes(FaqStore(f"sqlite:///{server.database}"))
    assert any(v.question == "罹災証明書はどこでもらえますか" and not v.helpful for v in stored)


def test_buttons_answer_and_the_history_survives_a_reload(page: Page, server) -> None:
    open_widget(page, server.base)
    choose(page, "分野から探す")
    expect(bot_messages(page).last.locator(".gbw-choice")).not_to_have_count(0)
    choose(page, "行政相談")
    texts_before = page.locator(".gbw-log .gbw-msg").all_inner_texts()
    assert len(texts_before) >= 5  # greeting, choice, menu, choice, questions

    page.reload()
    expect(page.get_by_role("dialog", name=LAUNCHER)).to_be_visible()  # still open
    expect(page.locator(".gbw-log .gbw-msg")).to_have_count(len(texts_before))
    assert page.locator(".gbw-log .gbw-msg").all_inner_texts() == texts_before
    # The conversation goes on where it was: the question buttons still answer.
    choose(page, "行政相談")
    expect(bot_messages(page).last.locator(".gbw-source")).to_contain_text("出典")


def test_clearing_the_history_starts_a_new_conversation(page: Page, server) -> None:
    open_widget(page, server.base)
    ask(page, "協力隊の任期は何年ですか")
    sender = page.evaluate("Object.values(localStorage).map(JSON.parse)[0].sender")
    page.get_by_role("button", name="会話の履歴を消去して最初から").click()
    expect(page.locator(".gbw-log .gbw-msg")).to_have_count(1)
    assert page.evaluate("Object.values(localStorage).map(JSON.parse)[0].sender") != sender


# -- every flow to its end -------------------------------------------------------------------------


def test_gyosei_flow_ends_with_a_contact_card_and_a_memo(page: Page, server) -> None:
    open_widget(page, server.base)
    choose(page, "行政相談の窓口を探す")
    ask(page, "大阪府です")
    card = page.locator(".gbw-card").last
    expect(card).to_contain_text("きくみみ大阪")
    expect(card.get_by_role("link", name=re.compile("電話する"))).to_have_attribute("href", "tel:0669421100")
    choose(page, "はい、残す")
    ask(page, "年金の手続で窓口をたらい回しにされた")  # the trouble, in a line, shown back before consent
    assert "年金の手続で窓口をたらい回しにされた" in " ".join(bot_messages(page).all_inner_texts()[-2:])
    choose(page, "電話")
    expect(bot_messages(page).last).to_contain_text("受付番号")


def test_disaster_banner_opens_the_disaster_flow_for_the_region(page: Page, server) -> None:
    page.goto(server.base + "/")
    page.get_by_role("button", name=LAUNCHER).click()
    banner = page.get_by_role("region", name="災害情報")
    expect(banner).to_contain_text("令和6年能登半島地震")
    expect(banner.get_by_role("link", name="076-264-1100")).to_have_attribute("href", "tel:0762641100")
    before = bot_messages(page).count()
    banner.get_by_role("button", name="被災した方の支援について相談する").click()
    wait_for_reply(page, before)
    expect(bot_messages(page).last).to_contain_text("石川県")  # the region's prefecture was passed on
    choose(page, "お金")
    expect(bot_messages(page).last).to_contain_text("支援金")


def test_kyoryokutai_flow_gives_a_verdict(page: Page, server) -> None:
    open_widget(page, server.base)
    choose(page, "協力隊の対象か確かめる")
    choose(page, "協力隊に応募したい")
    choose(page, "はい")  # lives in a city
    choose(page, "はい、移すつもり")
    ask(page, "伝統工芸を継ぎたい")
    verdict = " ".join(bot_messages(page).all_inner_texts()[-3:])
    assert "要件" in verdict and "最大5年" in verdict and "サポートデスク" in verdict


# -- keyboard, screen readers, small screens ---------------------------------------------------------


def test_keyboard_only(page: Page, server) -> None:
    page.goto(server.base + "/")
    for _ in range(30):  # Tab through the page to the launcher
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.className") == "gbw-launcher":
            break
    else:
        pytest.fail("the launcher cannot be reached with Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "gbw-input"  # focus moves into the panel
    page.keyboard.type("協力隊サミットはいつですか")
    before = bot_messages(page).count()
    page.keyboard.press("Enter")
    wait_for_reply(page, before)
    expect(bot_messages(page).last).to_contain_text("サミット")
    assert page.evaluate("document.activeElement.id") == "gbw-input"  # still typing where it was
    # Shift+Tab from the input walks back through the answer's own buttons.
    for _ in range(10):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.classList.contains('gbw-vote')"):
            break
    else:
        pytest.fail("the answer's buttons cannot be reached with the keyboard")
    page.keyboard.press("Enter")
    expect(bot_messages(page).last).to_contain_text("ご協力ありがとうございました")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog", name=LAUNCHER)).to_be_hidden()
    assert page.evaluate("document.activeElement.className") == "gbw-launcher"
    assert page.get_by_role("button", name=LAUNCHER).get_attribute("aria-expanded") == "false"


def test_new_messages_are_announced_and_controls_are_labelled(page: Page, server) -> None:
    open_widget(page, server.base)
    log = page.get_by_role("log", name="会話")
    assert log.get_attribute("aria-live") == "polite"
    expect(page.get_by_role("textbox", name="質問を入力")).to_be_visible()
    for control in page.locator(".gbw button").all():
        name = control.get_attribute("aria-label") or control.inner_text()
        assert name.strip(), "a button without an accessible name"


CONTRAST = """
() => {
  const rgb = c => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const low = [];
  for (const el of document.querySelectorAll('.gbw *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || el.offsetParent === null || el.disabled) continue;
    const a = lum(rgb(getComputedStyle(el).color)), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) low.push(el.className + ' ' + el.textContent.slice(0, 20) + ' ' + ratio.toFixed(2));
  }
  return low;
}
"""


def test_text_contrast_meets_wcag_aa(page: Page, server) -> None:
    open_widget(page, server.base)
    ask(page, "協力隊の任期は何年ですか")
    assert page.evaluate(CONTRAST) == []


def test_text_follows_the_readers_font_size(page: Page, server) -> None:
    open_widget(page, server.base)
    size = page.locator(".gbw-bubble").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    larger = page.locator(".gbw-bubble").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert larger == pytest.approx(2 * size)


def test_phone_sized_screen(phone: Page, server) -> None:
    open_widget(phone, server.base)
    ask(phone, "被災して困っています")
    ask(phone, "石川県です")
    box = phone.get_by_role("dialog", name=LAUNCHER).bounding_box()
    assert box is not None and box["width"] <= 360
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360  # nothing sideways
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "widget-phone-360.png"))
    assert (ARTIFACTS / "widget-phone-360.png").stat().st_size > 10_000


# -- safety ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "attack",
    [
        '<img src=x onerror="window.__injected=1">',
        "<script>window.__injected=2</script>",
        '"><svg onload="window.__injected=3">',
    ],
)
def test_script_injection_is_shown_as_text(page: Page, server, attack: str) -> None:
    open_widget(page, server.base)
    ask(page, attack)
    expect(page.locator(".gbw-user .gbw-bubble").last).to_have_text(attack)
    assert page.locator(".gbw-log img, .gbw-log script, .gbw-log svg").count() == 0
    assert page.evaluate("window.__injected") is None
    page.reload()  # the stored history is rendered as text too
    expect(page.locator(".gbw-user .gbw-bubble").last).to_have_text(attack)
    assert page.evaluate("window.__injected") is None


def test_a_network_failure_keeps_the_message_and_offers_a_retry(page: Page, server) -> None:
    open_widget(page, server.base)
    page.route("**/webhooks/rest/webhook", lambda route: route.abort("internetdisconnected"))
    page.get_by_label("質問を入力").fill("協力隊の任期は何年ですか")
    page.get_by_label("質問を入力").press("Enter")
    failed = page.locator(".gbw-user").last
    expect(failed).to_contain_text("送信できませんでした")
    expect(failed.locator(".gbw-bubble")).to_have_text("協力隊の任期は何年ですか")
    page.unroute("**/webhooks/rest/webhook")
    before = bot_messages(page).count()
    failed.get_by_role("button", name="再送する").click()
    wait_for_reply(page, before)
    expect(bot_messages(page).last).to_contain_text("任期")
    expect(page.locator(".gbw-failed")).to_have_count(0)


# -- embedding on another site ---------------------------------------------------------------------


@pytest.fixture()
def municipal_site(server, request) -> Iterator[int]:
    """A page on another origin that embeds the widget with the one script tag (and the extra attributes
    a test passes as its parameter, e.g. data-municipality)."""
    extra = getattr(request, "param", "")
    html = (
        '<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>別の自治体サイト</title></head>'
        f'<body><p>市のページ</p><script src="{server.base}/static/widget.js" defer '
        f'data-title="市の相談窓口" data-color="#ffd54f"{extra}></script></body></html>'
    ).encode()

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args) -> None:
            pass

    site = ThreadingHTTPServer(("127.0.0.1", server.embedder_port), Page)
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    yield server.embedder_port
    site.shutdown()


def test_a_configured_origin_can_embed_the_widget(page: Page, server, municipal_site: int) -> None:
    page.goto(f"http://localhost:{municipal_site}/")
    page.get_by_role("button", name="市の相談窓口").click()
    # A light brand colour gets dark text, so the launcher stays readable.
    assert page.locator(".gbw-header").evaluate("e => getComputedStyle(e).color") == "rgb(17, 17, 17)"
    ask(page, "協力隊の任期は何年ですか")
    expect(bot_messages(page).last).to_contain_text("任期")


def test_an_origin_not_configured_cannot_use_the_assistant(page: Page, server, municipal_site: int) -> None:
    page.goto(f"http://127.0.0.1:{municipal_site}/")  # same page, an origin nobody configured
    page.get_by_role("button", name="市の相談窓口").click()
    page.get_by_label("質問を入力").fill("協力隊の任期は何年ですか")
    page.get_by_label("質問を入力").press("Enter")
    expect(page.locator(".gbw-user").last).to_contain_text("送信できませんでした")


def open_recording_chat_bodies(page: Page, site: int) -> list[dict]:
    """Opens the widget on the municipality's page; the list fills with every chat body the widget sends."""
    sent: list[dict] = []
    page.on(
        "request",
        lambda r: sent.append(r.post_data_json) if r.url.endswith("/webhooks/rest/webhook") else None,
    )
    page.goto(f"http://localhost:{site}/")
    page.get_by_role("button", name="市の相談窓口").click()
    return sent


@pytest.mark.parametrize("municipal_site", [' data-municipality="172049"'], indirect=True)
def test_data_municipality_is_sent_and_names_the_residents_place(
    page: Page, server, municipal_site: int
) -> None:
    """輪島市's page (団体コード 172049): a question naming no place gets きくみみ石川, no other centre."""
    sent = open_recording_chat_bodies(page, municipal_site)
    ask(page, "行政相談の窓口の電話番号を教えて")
    expect(page.locator(".gbw-log")).to_contain_text("076-264-1100")
    assert sent and sent[-1]["metadata"]["municipality"] == "172049"
    assert "011-709-1100" not in page.locator(".gbw-log").inner_text()


def test_without_data_municipality_nothing_is_sent(page: Page, server, municipal_site: int) -> None:
    sent = open_recording_chat_bodies(page, municipal_site)
    ask(page, "協力隊の任期は何年ですか")
    expect(bot_messages(page).last).to_contain_text("任期")
    assert sent and "municipality" not in sent[-1]["metadata"]
