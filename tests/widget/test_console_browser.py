"""A staff member signs in, writes and publishes an entry, and the widget answers with it; and a disaster
day in the console as a reviewer and as an editor (issue 15): each step a non-technical member of staff
takes is walked and photographed at 1280 px and 360 px into var/test-artifacts/console-*.png — the
confirmations before dangerous buttons, undo, the side-by-side diff, 試しに質問する as residents see it,
the entry search in kana, and the CSV advice."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from faq.content.store import FaqStore
from faq.staff import StaffDirectory, StaffError
from tests.console.conftest import PASSWORD
from tests.widget.conftest import ARTIFACTS
from tests.widget.test_widget import LAUNCHER, ask, bot_messages

pytestmark = [pytest.mark.integration, pytest.mark.slow]
QUESTION = "仮設住宅でペットは飼えますか？"
ANSWER = "仮設住宅でのペットの飼育は、各自治体の入居条件によります。入居先の市区町村にご確認ください。"


def test_sign_in_write_publish_and_the_widget_answers(page: Page, server) -> None:
    StaffDirectory(FaqStore(f"sqlite:///{server.database}")).create("browser-reviewer", PASSWORD, "reviewer")
    page.goto(server.base + "/console/entries/new")
    expect(page).to_have_url(re.compile(r"/console/login\?next=/console/entries/new"))  # signed out
    page.get_by_label("ユーザー名").fill("browser-reviewer")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="サインイン").click()
    expect(page.get_by_role("heading", name="新しいエントリ")).to_be_visible()

    page.get_by_label("ID（半角英小文字・数字・ハイフン）").fill("test-kasetsu-pet")
    page.get_by_label("分野").select_option("災害時の生活支援")
    page.get_by_label("質問", exact=True).fill(QUESTION)
    page.get_by_label("言い換え（1行に1つ、2つ以上）").fill(
        "応急仮設住宅で犬を飼っていい？\n仮設住宅 ペット 可否"
    )
    page.get_by_label("回答").fill(ANSWER)
    page.get_by_label("被災者").check()
    page.get_by_label("出典の資料名").fill("テスト用の資料")
    page.get_by_label("出典の行・条文・URL").fill("test:L2")
    page.get_by_label("変更の理由").fill("問い合わせが多いため")
    page.get_by_role("button", name="下書きとして保存").click()
    expect(page.get_by_role("status")).to_contain_text("下書きを保存しました")
    page.get_by_role("button", name="v1 を公開する").click()
    page.get_by_role("button", name="v1 を公開する").click()  # on the confirmation page
    expect(page.get_by_role("status")).to_contain_text("公開しました")

    page.goto(server.base + "/")
    page.get_by_role("button", name=LAUNCHER).click()
    ask(page, "仮設住宅でペットを飼ってもいいですか")
    expect(bot_messages(page).last).to_contain_text(ANSWER)

    # Tidy up the shared server: retire it again from the console.
    page.goto(server.base + "/console/entries/test-kasetsu-pet")
    page.get_by_label("理由", exact=True).last.fill("テスト終了")
    page.get_by_role("button", name="公開を終了する").click()
    page.get_by_role("button", name="公開を終了する").click()  # on the confirmation page
    expect(page.get_by_role("status")).to_contain_text("公開を終了しました")


# -- a disaster day (issue 15) ---------------------------------------------------------------------
ENTRY = "test-day-pet-shelter"
DRILL = "訓練用の災害（ブラウザテスト）"
# Chat turns whose outcome is counted once each: a disaster-support answer, a 協力隊 answer, no answer.
TURNS = ("罹災証明書はどこで申請しますか", "協力隊の任期は何年ですか", "ペットの名前を決めたい")


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/console/login")
    page.get_by_label("ユーザー名").fill(username)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="サインイン").click()
    expect(page.get_by_role("heading", name="職員コンソール")).to_be_visible()


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"] if page.viewport_size else 0
    page.screenshot(path=str(ARTIFACTS / f"console-{name}-{width}.png"), full_page=True)


def number(locator) -> int:
    return int(re.sub(r"\D", "", locator.inner_text()) or 0)


def fits(page: Page) -> None:
    """Nothing wider than the screen (a table may scroll inside its own box)."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px"


def write_entry(page: Page, base: str, answer: str, reason: str) -> None:
    page.goto(f"{base}/console/entries/{ENTRY}")
    page.get_by_label("回答").fill(answer)
    page.get_by_label("変更の理由").fill(reason)
    page.get_by_role("button", name="下書きとして保存").click()
    expect(page.get_by_role("status")).to_contain_text("下書きを保存しました")


def staff_account(server, username: str, role: str) -> str:
    """A staff account on the shared server's database, made once per session (an earlier test module may
    have made it already); returns its user name."""
    try:
        StaffDirectory(FaqStore(f"sqlite:///{server.database}")).create(username, PASSWORD, role)
    except StaffError:  # a user of that name exists: made earlier in this session
        pass
    return username


@pytest.fixture(scope="module")
def accounts(server) -> None:
    for username, role in (("day-reviewer", "reviewer"), ("day-editor", "editor")):
        staff_account(server, username, role)


def test_a_reviewer_publishes_rolls_back_undoes_and_ends_a_drill(page: Page, server, accounts) -> None:
    base = server.base
    sign_in(page, base, "day-reviewer")
    page.goto(base + "/console/entries/new")
    page.get_by_label("ID（半角英小文字・数字・ハイフン）").fill(ENTRY)
    page.get_by_label("分野").select_option("災害時の生活支援")
    page.get_by_label("質問", exact=True).fill("避難所にペットを連れて行けますか？")
    page.get_by_label("言い換え（1行に1つ、2つ以上）").fill("ペット同行避難\n犬と避難所")
    page.get_by_label("回答").fill(
        "ペットの受け入れは避難所ごとに異なります。市区町村の防災担当にご確認ください。"
    )
    page.get_by_label("出典の資料名").fill("テスト用の資料")
    page.get_by_label("出典の行・条文・URL").fill("test:L1")
    page.get_by_label("変更の理由").fill("問い合わせが多いため")
    page.get_by_role("button", name="下書きとして保存").click()
    page.get_by_role("button", name="v1 を公開する").click()
    page.get_by_role("button", name="v1 を公開する").click()  # on the confirmation page
    expect(page.get_by_role("status")).to_contain_text("公開しました")
    write_entry(
        page,
        base,
        "ペットの受け入れは避難所ごとに異なります。市区町村の危機管理課にご確認ください。",
        "課の名前",
    )
    page.get_by_role("button", name="v3 を公開する").click()
    page.get_by_role("button", name="v3 を公開する").click()  # on the confirmation page
    expect(page.get_by_role("status")).to_contain_text("公開しました")

    # The diff: side by side, the changed characters marked.
    page.get_by_role("link", name="前の版との差分").nth(1).click()
    expect(page.locator("del", has_text="防災担当")).to_be_visible()
    expect(page.locator("ins", has_text="危機管理課")).to_be_visible()
    shot(page, "diff")

    # Rolling back asks first, then exactly one version is marked live, then undo.
    page.goto(f"{base}/console/entries/{ENTRY}")
    page.get_by_role("button", name="v2 に戻して公開").click()
    expect(page.get_by_role("heading", name="住民への影響")).to_be_visible()
    expect(page.get_by_text("いま公開中の v4 から v2 の内容に変わります")).to_be_visible()
    shot(page, "confirm-rollback")
    page.get_by_role("button", name="v2 の内容を公開する").click()
    expect(page.get_by_role("status")).to_contain_text("以前の版に戻して公開しました")
    expect(page.get_by_text("住民に見えている版", exact=True)).to_have_count(1)
    shot(page, "history")
    page.get_by_role("button", name=re.compile("元に戻す")).click()
    page.get_by_role("button", name="v4 の内容を公開する").click()
    expect(page.get_by_role("status")).to_contain_text("直前に公開していた版に戻しました")

    # 試しに質問する: the resident's bubble and the outcome in words.
    page.goto(base + "/console/try?q=" + "避難所にペットを連れて行ける？")
    expect(page.locator(".bubble").first).to_contain_text("危機管理課")
    expect(page.locator(".bubble").first).to_contain_text("出典：")
    expect(page.get_by_text("回答をそのまま表示します")).to_be_visible()
    shot(page, "try")

    # Retire asks first too; tidy the shared server.
    page.goto(f"{base}/console/entries/{ENTRY}")
    page.get_by_label("理由", exact=True).last.fill("テスト終了")
    page.get_by_role("button", name="公開を終了する").click()
    expect(page.get_by_text("住民に表示しなくなります")).to_be_visible()
    shot(page, "confirm-retire")
    page.get_by_role("button", name="公開を終了する").click()
    expect(page.get_by_role("status")).to_contain_text("公開を終了しました")

    # A drill disaster: end asks first, then reopen, then end again.
    page.goto(base + "/console/disasters")
    page.get_by_label("名称（必須）").fill(DRILL)
    page.get_by_label("都道府県（必須）").fill("東京都")
    page.get_by_label("名称", exact=True).fill("訓練用ダイヤル")
    page.get_by_label("電話番号").fill("03-0000-0000")
    page.get_by_role("button", name="災害モードを有効にする").click()
    drill = page.locator("section.card", has_text=DRILL)
    drill.get_by_role("button", name="災害モードを終了する").click()
    expect(page.get_by_text("東京都の住民のウィジェットから、災害のバナー")).to_be_visible()
    shot(page, "confirm-end-disaster")
    page.get_by_role("button", name="災害モードを終了する").click()
    expect(page.get_by_role("status")).to_contain_text("再開できます")
    page.locator("tr", has_text=DRILL).get_by_role("button", name="再開する").click()
    page.get_by_role("button", name="災害モードを再開する").click()
    expect(page.get_by_role("status")).to_contain_text("災害モードを再開しました")
    shot(page, "disasters")

    # The overview's numbers after real chat turns over REST: volumes, the share answered, and the drill's
    # own count (a disaster-support answer while it is active, place not said: the newest disaster's).
    page.goto(base + "/console/overview?days=1")
    before = number(page.locator('[data-total="questions"]'))
    for n, message in enumerate(TURNS):
        assert server.say(f"overview-{n}", message)
    page.goto(base + "/console/overview?days=1")
    expect(page.locator('[data-total="questions"]')).to_have_text(f"{before + len(TURNS)}件")
    expect(page.locator('[data-share="answer"]')).to_contain_text("%")
    expect(page.locator("img[src^='data:image/svg+xml']").first).to_be_visible()
    shot(page, "overview")
    page.goto(base + "/console/disasters")
    drill = page.locator("section.card", has_text=DRILL)
    expect(drill.locator("[data-disaster-questions]")).to_contain_text("この災害の質問：1件")
    drill.get_by_role("link", name="概要で見る").click()
    expect(page.locator('[data-total="questions"]')).to_have_text("1件")
    expect(page.get_by_role("heading", name=f"{DRILL}の質問")).to_be_visible()
    shot(page, "overview-disaster")
    page.goto(base + "/console/disasters")
    page.locator("section.card", has_text=DRILL).get_by_role("button", name="災害モードを終了する").click()
    page.get_by_role("button", name="災害モードを終了する").click()

    # Finding things and the CSV advice.
    page.goto(base + "/console/entries?q=りさい")
    expect(page.get_by_role("link", name="disaster-guide-01-risai-shomeisho")).to_be_visible()
    shot(page, "entries-search")
    page.goto(base + "/console/transfer")
    expect(page.get_by_text("CSV UTF-8（コンマ区切り）").first).to_be_visible()
    expect(page.get_by_text("Shift_JIS では保存できない文字を含むエントリ")).to_be_visible()
    shot(page, "transfer")


def test_an_editor_on_a_phone_sees_readable_pages_and_no_dangerous_buttons(
    phone: Page, server, accounts
) -> None:
    base = server.base
    sign_in(phone, base, "day-editor")
    phone.goto(base + "/console/entries/kikumimi-what-is")
    expect(
        phone.get_by_role("button", name=re.compile("に戻して公開|元に戻す|公開を終了する"))
    ).to_have_count(0)
    shot(phone, "entry-editor")
    for name, path in (
        ("entries", "/console/entries"),
        ("entry", "/console/entries/disaster-guide-01-risai-shomeisho"),
        ("overview", "/console/overview"),
        ("learning", "/console/learning"),
        ("entries-search", "/console/entries?q=りさい"),
        ("try", "/console/try?q=きくみみって何"),
        ("disasters", "/console/disasters"),
        ("transfer", "/console/transfer"),
        ("diff", "/console/entries/kikumimi-what-is/diff?a=1&b=1"),
    ):
        phone.goto(base + path)
        expect(phone.get_by_role("heading", level=1)).to_be_visible()
        fits(phone)
        shot(phone, name)
    phone.goto(base + "/console/try?q=きくみみって何")
    expect(phone.locator(".bubble").first).to_contain_text("Q. ")
    # Text at 200 % on the same phone: 180 CSS pixels across, still no sideways scrolling.
    phone.set_viewport_size({"width": 180, "height": 740})
    for name, path in (("entries", "/console/entries"), ("entry", "/console/entries/kikumimi-what-is")):
        phone.goto(base + path)
        fits(phone)
        shot(phone, name + "-zoom200")
