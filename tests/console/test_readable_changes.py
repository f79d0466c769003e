"""Changes people can read: the diff page side by side, and 試しに質問する as the resident sees it."""

from __future__ import annotations

import re

import pytest

from tests.console.conftest import sign_in
from tests.console.test_entries import NEW, QUERY

pytestmark = pytest.mark.integration


def test_the_diff_page_is_side_by_side_with_the_changed_characters_marked(client, accounts) -> None:
    reviewer = accounts["reviewer"].bearer
    client.post("/api/staff/entries", json=NEW, headers=reviewer)
    body = {k: v for k, v in NEW.items() if k != "id"}
    client.put(
        f"/api/staff/entries/{NEW['id']}",
        json={**body, "answer": NEW["answer"].replace("防災担当", "危機管理課"), "reason": "課の名前"},
        headers=reviewer,
    )
    sign_in(client, "editor1")
    page = client.get(f"/console/entries/{NEW['id']}/diff", params={"a": 1, "b": 2})
    assert page.status_code == 200
    assert re.search(r"<del>防災担当</del>", page.text) and re.search(r"<ins>危機管理課</ins>", page.text)
    assert "<pre" not in page.text and "@@" not in page.text  # no programmer's unified diff


def test_try_shows_the_resident_bubble_and_the_outcome_in_words(client, accounts, console_service) -> None:
    sign_in(client, "editor1")
    page = client.get("/console/try", params={"q": "きくみみって何"})
    entry = console_service.store.get("kikumimi-what-is")
    resident_part = page.text.split("<details>", 1)[0]
    assert f"Q. {entry.question}" in resident_part and "出典：" in resident_part
    assert f"「{entry.question}」の回答をそのまま表示します" in resident_part
    assert "スコア" not in resident_part and "kikumimi-what-is" not in resident_part  # ids, scores: details
    assert "スコア" in page.text

    nothing = client.get("/console/try", params={"q": "火星の天気を教えて"})
    before_details = nothing.text.split("<details>", 1)[0]
    assert "推測では答えずに" in before_details and "行政相談の窓口を探す" in before_details


def test_try_with_a_working_version_says_what_publishing_changes(client, accounts) -> None:
    client.post("/api/staff/entries", json=NEW, headers=accounts["editor"].bearer)
    sign_in(client, "editor1")
    page = client.get("/console/try", params={"q": QUERY, "entry": NEW["id"]})
    assert "公開すると答え方が変わります" in page.text
    assert NEW["answer"] in page.text.split("を公開した場合", 1)[1]
