"""Dangerous buttons ask first (saying what residents will notice) and can be undone; the history shows
exactly one version as the one residents see."""

from __future__ import annotations

import re

import pytest

from tests.console.conftest import sign_in

pytestmark = pytest.mark.integration
ENTRY = "kikumimi-notation"  # one version (v1) in the shipped database; the numbers below count on it
LIVE_MARK = "住民に見えている版"


def _edit_and_publish(client, csrf: str, answer: str) -> None:
    page = client.get(f"/console/entries/{ENTRY}")
    fields = {
        name: re.search(rf'id="{name}" name="{name}"[^>]*value="([^"]*)"', page.text).group(1)
        for name in ("question", "source_document", "source_ref", "last_checked")
    }
    alternates = re.search(r'name="alternates"[^>]*>([^<]*)</textarea>', page.text).group(1)
    category = re.search(r"<option selected>([^<]+)</option>", page.text).group(1)
    saved = client.post(
        f"/console/entries/{ENTRY}",
        data={
            **fields,
            "category": category,
            "alternates": alternates,
            "answer": answer,
            "reason": "文言の見直し",
            "csrf_token": csrf,
        },
    )
    assert "下書きを保存しました" in saved.text, saved.text[:2000]
    published = client.post(
        f"/console/entries/{ENTRY}/publish", data={"reason": "公開", "csrf_token": csrf, "confirmed": "yes"}
    )
    assert "公開しました" in published.text


def _history_rows(page_text: str) -> list[str]:
    body = page_text.split("<h2>履歴</h2>", 1)[1]
    return re.findall(r"<tr>\s*<td[^>]*>v\d+</td>.*?</tr>", body, flags=re.S)


def test_rollback_asks_first_then_exactly_one_version_is_live_and_it_can_be_undone(
    client, console_service
) -> None:
    csrf = sign_in(client, "reviewer1")
    original = console_service.store.get(ENTRY).answer
    _edit_and_publish(client, csrf, "書き換えた回答です。")  # v2 draft, v3 published
    assert console_service.store.get(ENTRY).answer == "書き換えた回答です。"

    ask = client.post(f"/console/entries/{ENTRY}/rollback", data={"version": "1", "csrf_token": csrf})
    assert ask.status_code == 200 and "住民への影響" in ask.text
    assert "いま公開中の v3 から v1 の内容に変わります" in ask.text
    assert "<ins>" in ask.text or "<del>" in ask.text  # the side-by-side diff of what residents will read
    assert console_service.store.get(ENTRY).answer == "書き換えた回答です。"  # nothing happened yet

    done = client.post(
        f"/console/entries/{ENTRY}/rollback", data={"version": "1", "confirmed": "yes", "csrf_token": csrf}
    )
    assert "以前の版に戻して公開しました" in done.text
    assert console_service.store.get(ENTRY).answer == original
    rows = _history_rows(done.text)
    assert [row.count(LIVE_MARK) for row in rows] == [1, 0, 0, 0]  # v4 only; v3 and v1 were live before
    assert sum("以前に公開" in row for row in rows) == 2

    # Undo the rollback: back to v3, the version live before it.
    assert "元に戻す（直前に公開していた v3 に戻す）" in done.text
    client.post(
        f"/console/entries/{ENTRY}/rollback", data={"version": "3", "undo": "yes", "csrf_token": csrf}
    )
    assert console_service.store.get(ENTRY).answer == original  # asked first
    undone = client.post(
        f"/console/entries/{ENTRY}/rollback",
        data={"version": "3", "undo": "yes", "confirmed": "yes", "csrf_token": csrf},
    )
    assert "直前に公開していた版に戻しました" in undone.text
    assert console_service.store.get(ENTRY).answer == "書き換えた回答です。"
    assert [row.count(LIVE_MARK) for row in _history_rows(undone.text)] == [1, 0, 0, 0, 0]


def test_retiring_asks_first_and_can_be_republished(client, console_service) -> None:
    csrf = sign_in(client, "reviewer1")
    question = console_service.store.get(ENTRY).question
    ask = client.post(f"/console/entries/{ENTRY}/retire", data={"reason": "統合のため", "csrf_token": csrf})
    assert f"「{question}」への回答を、住民に表示しなくなります" in ask.text
    assert ENTRY in {e.id for e in console_service.store.published()}
    done = client.post(
        f"/console/entries/{ENTRY}/retire",
        data={"reason": "統合のため", "confirmed": "yes", "csrf_token": csrf},
    )
    assert "公開を終了しました" in done.text
    assert ENTRY not in {e.id for e in console_service.store.published()}
    assert "公開を再開する（v2 の内容）" in done.text
    client.post(
        f"/console/entries/{ENTRY}/rollback",
        data={"version": "2", "undo": "yes", "confirmed": "yes", "csrf_token": csrf},
    )
    assert ENTRY in {e.id for e in console_service.store.published()}


def test_an_editor_sees_no_dangerous_buttons(client) -> None:
    sign_in(client, "editor1")
    page = client.get(f"/console/entries/{ENTRY}")
    assert "に戻して公開" not in page.text and "元に戻す" not in page.text
    assert client.post(f"/console/entries/{ENTRY}/rollback", data={"version": "1"}).status_code in (403, 303)
