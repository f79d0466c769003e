"""改善候補 on a busy day: noise hidden, groups paged, many groups dismissed at once."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from faq.learning import is_noise, learning_items, record_unanswered
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
    topics = ["火山の噴火", "給付金の振込", "犬の登録", "ごみの分別", "水道料金の減免", "雪下ろしの補助"]
    for n in range(26):  # more distinct groups than one page holds
        record_unanswered(store, f"{topics[n % 6]}について{n}番目の質問です", "no_answer", [], f"r-{n}")
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
    assert "12345" in with_noise.text

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
