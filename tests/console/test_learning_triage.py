"""改善候補 on a busy day: noise hidden, groups paged, many groups dismissed at once."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from faq.residents.learning import is_noise, learning_items, record_unanswered
from tests.console.conftest import csrf_of, sign_in

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("noise", ["12345", "？？？", "。", "!!", "1", "　"])
def test_digits_and_symbols_are_noise(noise) -> None:
    assert is_noise(noise)


@pytest.mark.parametrize("question", ["りさい", "罹災証明書", "ok", "ＰＣ", "1万円もらえる？", "どこ"])
def test_questions_with_words_are_not_noise(question) -> None:
    assert not is_noise(question)


@pytest.fixture()
def busy(console_service, accounts):
    store = console_service.store
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM unanswered_questions"))
        connection.execute(text("DELETE FROM faq_feedback"))
    record_unanswered(store, "12345", "no_answer", [], "resident-noise")
    topics = (
        "火山 噴火 溶岩|給付金 振込|犬 登録 狂犬病|ごみ 分別|水道料金 減免|雪下ろし 補助|"
        "年金 受給|パスポート 申請|保育園 入園|図書館 開館|道路 陥没|路線バス 時刻|選挙 投票所|"
        "固定資産税 納付|救急病院 夜間|介護保険 認定|空き家 解体|農地 転用|漁業 補償|観光案内所|"
        "温泉 源泉|公園 遊具|墓地 区画|駐車場 定期|自転車 撤去|騒音 苦情"
    ).split("|")
    for n, topic in enumerate(topics):  # 26 distinct groups: more than one page holds
        record_unanswered(store, topic, "no_answer", [], f"r-{n}")
    return store


def test_noise_is_hidden_groups_are_paged_and_dismissed_in_bulk(client, busy) -> None:
    sign_in(client, "editor1")
    page = client.get("/console/learning")
    cards = page.text.split("まとめて「対応不要」にする", 1)[1]
    assert "「12345」" not in page.text.split("<details", 1)[0]
    assert "数字・記号だけの質問（1 グループ）も表示する" in page.text
    assert re.search(r"\d+ グループ（1 / \d+ ページ）", page.text)
    group_count = len(re.findall(r'<section class="card"', page.text))
    assert 0 < group_count <= 20 and "次へ" in cards
    with_noise = client.get("/console/learning", params={"noise": "true"})
    total = int(re.search(r"(\d+) グループ（", page.text).group(1))
    assert f"{total + 1} グループ（" in with_noise.text

    # Bulk: every group on the page (and the noise) at once.
    values = re.findall(r'name="groups" value="([^"]+)"', page.text)
    before = len(learning_items(busy))
    done = client.post(
        "/console/learning/bulk-dismiss",
        data={"groups": values, "csrf_token": csrf_of(client, "/console/learning")},
    )
    assert done.status_code == 200 and "対応済みにしました" in done.text
    left = [i.question for i in learning_items(busy)]
    assert "12345" not in left and 0 < len(left) < before
