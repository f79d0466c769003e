"""The hand-off inbox: 相談メモ for staff, newest first, moved through new → contacted → closed."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from faq.residents.handoff import list_memos, save_memo
from tests.console.conftest import sign_in

pytestmark = pytest.mark.integration


@pytest.fixture()
def memo(console_service, accounts):
    return save_memo(
        console_service.store, "年金の手続で困っています 090-1234-5678", "大阪府", "きくみみ大阪", "電話"
    )


def test_a_saved_memo_appears_redacted_and_newest_first(client, console_service, accounts, memo) -> None:
    newer = save_memo(console_service.store, "登記の相談", "石川県", "きくみみ石川", "メール")
    sign_in(client, "editor1")
    page = client.get("/console/inbox")
    assert page.status_code == 200
    assert memo.reference in page.text and "年金の手続で困っています [電話番号]" in page.text
    assert "090-1234-5678" not in page.text and "きくみみ大阪" in page.text
    assert page.text.index(newer.reference) < page.text.index(memo.reference)
    listed = client.get("/api/staff/inbox", headers=accounts["reviewer"].bearer).json()
    assert [m["reference"] for m in listed][:2] == [newer.reference, memo.reference]
    assert listed[1]["status"] == "new" and listed[1]["prefecture"] == "大阪府"


def test_a_status_change_from_the_console_is_kept_with_who_and_when(client, console_service, memo) -> None:
    csrf = sign_in(client, "editor1")
    page = client.post(f"/console/inbox/{memo.reference}", data={"status": "contacted", "csrf_token": csrf})
    assert page.status_code == 200 and "更新しました" in page.text
    (stored,) = [m for m in list_memos(console_service.store) if m.reference == memo.reference]
    assert stored.status == "contacted" and stored.updated_by == "editor1" and stored.updated_at is not None
    contacted = client.get("/console/inbox", params={"status": "contacted"})
    assert memo.reference in contacted.text and "editor1" in contacted.text
    assert memo.reference not in client.get("/console/inbox", params={"status": "new"}).text


def test_the_api_moves_a_memo_and_filters_by_status(client, console_service, accounts, memo) -> None:
    reviewer = accounts["reviewer"].bearer
    response = client.post(f"/api/staff/inbox/{memo.reference}", json={"status": "closed"}, headers=reviewer)
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "closed" and response.json()["updated_by"] == "reviewer1"
    closed = client.get("/api/staff/inbox", params={"status": "closed"}, headers=reviewer).json()
    assert [m["reference"] for m in closed] == [memo.reference]
    assert list_memos(console_service.store, "closed")[0].updated_by == "reviewer1"


def test_an_invalid_status_is_a_422(client, console_service, accounts, memo) -> None:
    reviewer = accounts["reviewer"].bearer
    assert (
        client.post(
            f"/api/staff/inbox/{memo.reference}", json={"status": "done"}, headers=reviewer
        ).status_code
        == 422
    )
    assert client.get("/api/staff/inbox", params={"status": "done"}, headers=reviewer).status_code == 422
    csrf = sign_in(client, "editor1")
    page = client.post(f"/console/inbox/{memo.reference}", data={"status": "done", "csrf_token": csrf})
    assert page.status_code == 422 and "選んでください" in page.text
    assert list_memos(console_service.store)[-1].status == "new"


def test_an_unknown_memo_is_a_404(client, accounts) -> None:
    reviewer = accounts["reviewer"].bearer
    assert (
        client.post(
            "/api/staff/inbox/GS-000000-NOPE", json={"status": "closed"}, headers=reviewer
        ).status_code
        == 404
    )


def test_anonymous_visitors_cannot_read_the_inbox(client, memo) -> None:
    assert client.get("/api/staff/inbox").status_code == 401
    assert client.post(f"/api/staff/inbox/{memo.reference}", json={"status": "closed"}).status_code == 401
    page = client.get("/console/inbox", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/console/login")
    assert memo.reference not in client.get("/console/inbox").text  # followed: the sign-in page


def test_a_console_post_without_the_csrf_token_is_refused(client, console_service, memo) -> None:
    sign_in(client, "editor1")
    assert client.post(f"/console/inbox/{memo.reference}", data={"status": "closed"}).status_code == 403
    assert list_memos(console_service.store)[-1].status == "new"


def test_a_memo_reference_carries_the_date_in_japan(console_service, monkeypatch) -> None:
    """01:30 in Japan on 29 November is still 28 November in UTC; the reference says the 29th."""
    import faq.residents.handoff

    class JustAfterMidnightInJapan(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 11, 28, 16, 30, tzinfo=timezone.utc).astimezone(tz)

    monkeypatch.setattr(faq.residents.handoff, "datetime", JustAfterMidnightInJapan)
    memo = save_memo(console_service.store, "年金の相談", "大阪府", "きくみみ大阪", "電話")
    assert memo.reference.startswith("GS-261129-")
