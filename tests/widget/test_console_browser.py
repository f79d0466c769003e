"""A staff member signs in, writes and publishes an entry, and the widget answers with it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from faq.staff import StaffDirectory
from faq.store import FaqStore
from tests.console.conftest import PASSWORD
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
    expect(page.get_by_role("status")).to_contain_text("公開しました")

    page.goto(server.base + "/")
    page.get_by_role("button", name=LAUNCHER).click()
    ask(page, "仮設住宅でペットを飼ってもいいですか")
    expect(bot_messages(page).last).to_contain_text(ANSWER)

    # Tidy up the shared server: retire it again from the console.
    page.goto(server.base + "/console/entries/test-kasetsu-pet")
    page.get_by_label("理由", exact=True).last.fill("テスト終了")
    page.get_by_role("button", name="公開を終了する").click()
    expect(page.get_by_role("status")).to_contain_text("公開を終了しました")
