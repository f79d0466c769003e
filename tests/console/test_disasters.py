"""Disaster mode from the console: a reviewer's declaration reaches the banner and the chat at once."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.disaster import ActionAskDisasterNeed
from actions.services import serving
from faq.content.disasters import load_disasters
from tests.actions.conftest import all_text, make_tracker, services_for
from tests.console.conftest import sign_in

pytestmark = pytest.mark.integration
# A drill: made up for the test, never presented as a real disaster.
FORM = {
    "name": "訓練用の災害（テスト）",
    "prefectures": "東京都",
    "start_date": "2025-11-16",
    "guidebook_url": "https://www.example.lg.jp/guidebook.pdf",
    "dial_name": "訓練用ダイヤル",
    "dial_phone": "03-0000-0000",
    "dial_hours": "平日 9:00～17:00",
    "events": "11月16日(日) 12:30～15:30｜訓練会場｜弁護士、税理士",
}


def banner(client, region: str) -> list[dict]:
    response = client.get("/api/disasters/active", params={"region": region})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture()
def actions_on_console_store(console_service):
    """The actions' store: the console's copy, as the host would hand it to them."""
    with serving(services_for(console_service)):
        yield


def test_a_declared_disaster_reaches_the_banner_and_the_chat_until_it_ends(
    client, console_service, actions_on_console_store
) -> None:
    assert banner(client, "東京都") == []
    csrf = sign_in(client, "reviewer1")
    page = client.post("/console/disasters", data={**FORM, "csrf_token": csrf})
    assert page.status_code == 200 and "災害モードを有効にしました" in page.text

    (drill,) = banner(client, "東京都")
    assert drill["name"] == "訓練用の災害（テスト）"
    assert drill["contact"] == {
        "name": "訓練用ダイヤル",
        "phone": "03-0000-0000",
        "hours": "平日 9:00～17:00",
        "tel": "tel:0300000000",
    }
    assert drill["payload"] == '/disaster_help{"prefecture": "東京都"}'

    dispatcher = CollectingDispatcher()
    ActionAskDisasterNeed().run(
        dispatcher, make_tracker("東京都です", "inform", {"prefecture": "東京都"}), {}
    )
    said = all_text(dispatcher)
    assert "【対応中の災害】訓練用の災害（テスト）" in said
    assert "訓練用ダイヤル 03-0000-0000（平日 9:00～17:00）" in said and "訓練会場" in said

    # The button asks first, saying what residents lose and how to undo it; nothing changes yet.
    ask = client.post(f"/console/disasters/{drill['id']}/end", data={"csrf_token": csrf})
    assert ask.status_code == 200 and "住民への影響" in ask.text
    assert "東京都の住民のウィジェットから、災害のバナー（訓練用ダイヤルの電話番号）が消えます" in ask.text
    assert "再開する" in ask.text and 'name="confirmed" value="yes"' in ask.text
    assert len(banner(client, "東京都")) == 1
    page = client.post(f"/console/disasters/{drill['id']}/end", data={"csrf_token": csrf, "confirmed": "yes"})
    assert page.status_code == 200 and "災害モードを終了し" in page.text
    assert banner(client, "東京都") == []
    ended_section = page.text.split("<h2>終了した災害</h2>", 1)[1]
    assert "訓練用の災害（テスト）" in ended_section
    dispatcher = CollectingDispatcher()
    ActionAskDisasterNeed().run(
        dispatcher, make_tracker("東京都です", "inform", {"prefecture": "東京都"}), {}
    )
    assert "訓練用の災害" not in all_text(dispatcher)

    # Undo: reopening (after its own confirmation) brings the same banner back.
    ask = client.post(f"/console/disasters/{drill['id']}/reopen", data={"csrf_token": csrf})
    assert "再び表示されます" in ask.text and banner(client, "東京都") == []
    page = client.post(
        f"/console/disasters/{drill['id']}/reopen", data={"csrf_token": csrf, "confirmed": "yes"}
    )
    assert "災害モードを再開しました" in page.text
    (again,) = banner(client, "東京都")
    assert again["contact"] == drill["contact"] and again["name"] == drill["name"]


def test_a_form_with_mistakes_is_shown_again_with_every_problem(client, console_service) -> None:
    csrf = sign_in(client, "reviewer1")
    typed = {**FORM, "dial_phone": "03-0000-ABCD", "guidebook_url": "http://www.example.lg.jp/"}
    page = client.post("/console/disasters", data={**typed, "csrf_token": csrf})
    assert page.status_code == 422
    assert "数字とハイフン" in page.text and "https:// で始まる" in page.text
    assert 'value="03-0000-ABCD"' in page.text  # what was typed stays, to be corrected
    assert all(d.name != FORM["name"] for d in load_disasters(console_service.store))


def test_a_reviewer_edits_an_active_disaster(client, console_service) -> None:
    csrf = sign_in(client, "reviewer1")
    client.post("/console/disasters", data={**FORM, "csrf_token": csrf})
    (drill,) = banner(client, "東京都")
    form = client.get(f"/console/disasters/{drill['id']}")
    assert form.status_code == 200 and 'value="03-0000-0000"' in form.text
    edited = {**FORM, "prefectures": "東京都、神奈川県", "dial_phone": "03-1111-1111", "csrf_token": csrf}
    page = client.post(f"/console/disasters/{drill['id']}", data=edited)
    assert page.status_code == 200 and "更新しました" in page.text
    (moved,) = banner(client, "神奈川県")
    assert moved["id"] == drill["id"] and moved["contact"]["phone"] == "03-1111-1111"


def test_editors_see_disaster_mode_but_cannot_change_it(client, accounts) -> None:
    csrf = sign_in(client, "editor1")
    page = client.get("/console/disasters")
    assert page.status_code == 200 and "令和6年能登半島地震" in page.text
    assert 'action="/console/disasters"' not in page.text and "レビュー担当が行います" in page.text
    assert client.post("/console/disasters", data={**FORM, "csrf_token": csrf}).status_code == 403
    assert (
        client.post("/console/disasters/r6-noto-earthquake/end", data={"csrf_token": csrf}).status_code == 403
    )
    api = {"name": "訓練用の災害（テスト）", "prefectures": ["東京都"]}
    assert client.post("/api/staff/disasters", json=api, headers=accounts["editor"].bearer).status_code == 403
    assert banner(client, "東京都") == [] and banner(client, "石川県")


def test_anonymous_visitors_are_sent_to_sign_in_or_refused(client) -> None:
    page = client.get("/console/disasters", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/console/login")
    assert client.get("/api/staff/disasters").status_code == 401
    assert (
        client.post("/api/staff/disasters", json={"name": "x", "prefectures": ["東京都"]}).status_code == 401
    )
    assert client.post("/console/disasters", data=FORM, follow_redirects=False).status_code == 303
    assert banner(client, "東京都") == []


def test_a_console_post_without_the_csrf_token_is_refused(client) -> None:
    sign_in(client, "reviewer1")
    assert client.post("/console/disasters", data=FORM).status_code == 403
    assert banner(client, "東京都") == []


def test_the_api_declares_edits_and_ends(client, accounts) -> None:
    reviewer = accounts["reviewer"].bearer
    body = {
        "name": "訓練用の災害（テスト）",
        "prefectures": ["とうきょう"],
        "dial": {"name": "訓練用ダイヤル", "phone": "03-0000-0000"},
        "events": [{"time": "11月16日(日)", "place": "訓練会場", "specialists": "弁護士"}],
    }
    created = client.post("/api/staff/disasters", json=body, headers=reviewer)
    assert created.status_code == 201, created.text
    drill = created.json()
    assert drill["prefectures"] == ["東京都"] and drill["special_consultation"] is True
    assert drill["updated_by"] == "reviewer1" and drill["status"] == "active"

    refused = client.post(
        f"/api/staff/disasters/{drill['id']}", json={"guidebook_url": "http://x"}, headers=reviewer
    )
    assert refused.status_code == 422 and refused.json()["detail"][0]["field"] == "guidebook_url"
    changed = client.post(
        f"/api/staff/disasters/{drill['id']}", json={"name": "訓練（改）"}, headers=reviewer
    )
    assert changed.json()["name"] == "訓練（改）" and changed.json()["dial"]["phone"] == "03-0000-0000"

    ended = client.post(f"/api/staff/disasters/{drill['id']}/end", headers=reviewer)
    assert ended.status_code == 200 and ended.json()["ended_at"]
    assert client.post(f"/api/staff/disasters/{drill['id']}/end", headers=reviewer).status_code == 409
    listed = client.get("/api/staff/disasters", params={"status": "ended"}, headers=accounts["editor"].bearer)
    assert drill["id"] in [d["id"] for d in listed.json()]
    assert client.post("/api/staff/disasters/no-such-disaster/end", headers=reviewer).status_code == 404
