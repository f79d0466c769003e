"""The learning loop through the console and its API, over a scratch copy of the shipped database."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from faq.content.versions import EntryVersions
from faq.residents.learning import learning_items, record_unanswered
from tests.console.conftest import sign_in

pytestmark = pytest.mark.integration
RISAI = "disaster-guide-01-risai-shomeisho"
PHONE = "090-1234-5678"


@pytest.fixture()
def asked(console_service, accounts, client) -> dict[str, str]:
    """Three unanswered residents' questions and a 役に立たなかった vote on the 罹災証明書 answer."""
    store = console_service.store
    with store.engine.begin() as connection:  # the copy starts empty whatever the shipped database holds
        connection.execute(text("DELETE FROM unanswered_questions"))
        connection.execute(text("DELETE FROM faq_feedback"))
    record_unanswered(store, f"罹災証明書はどこ {PHONE}に電話ください", "no_answer", [], "resident-1")
    record_unanswered(store, "罹災証明書はどこ", "clarify", [RISAI, "a", "b"], "resident-2")
    record_unanswered(store, "協力隊の給料", "no_answer", [], "resident-3")
    vote = client.post(
        "/api/feedback",
        json={
            "sender": "resident-4",
            "faq_id": RISAI,
            "helpful": False,
            "question": "りさいしょうめいしょ どこでもらう",
        },
    )
    assert vote.status_code == 201, vote.text
    return {str(i.ref): i.question for i in learning_items(store)}


def groups_of(client, accounts) -> list[dict]:
    response = client.get("/api/staff/learning", headers=accounts["editor"].bearer)
    assert response.status_code == 200, response.text
    return response.json()["groups"]


def group_with(groups: list[dict], text: str) -> dict:
    return next(g for g in groups if any(m["question"] == text for m in g["members"]))


def test_the_api_groups_similar_questions_and_counts_votes(client, accounts, asked) -> None:
    response = client.get("/api/staff/learning", headers=accounts["reviewer"].bearer)
    assert response.status_code == 200
    data = response.json()
    risai = group_with(data["groups"], "りさいしょうめいしょ どこでもらう")
    assert risai["count"] == 3 and {m["kind"] for m in risai["members"]} == {"unanswered", "feedback"}
    assert risai["suggestion"]["entry_id"] == RISAI
    salary = group_with(data["groups"], "協力隊の給料")
    assert salary["count"] == 1 and salary is not risai
    assert data["groups"][0] == risai  # the largest group first
    first = data["feedback"][0]  # most 役に立たなかった first
    assert (first["faq_id"], first["helpful"], first["not_helpful"]) == (RISAI, 0, 1)
    assert "罹災証明書" in first["question"]
    assert PHONE not in response.text


def test_the_page_shows_groups_links_and_counts_without_personal_data(client, accounts, asked) -> None:
    sign_in(client, "editor1")
    page = client.get("/console/learning")
    assert page.status_code == 200
    text = page.text
    assert "改善候補" in text and "りさいしょうめいしょ どこでもらう" in text and "協力隊の給料" in text
    assert "[電話番号]" in text and PHONE not in text and "1234-5678" not in text
    assert "新しいエントリを作る" in text and "/console/entries/new?question=" in text
    assert f'name="entry_id" value="{RISAI}"' in text  # prefilled with the suggested entry
    assert text.count('type="checkbox" name="items"') == 4  # every question, ticked by default
    assert "対応不要" in text and "<script" not in text and "style=" not in text
    assert f'href="/console/entries/{RISAI}"' in text  # the votes table links to the entry
    assert "content-security-policy" in page.headers


def salary_ref(service) -> str:
    return next(str(i.ref) for i in learning_items(service.store) if i.question == "協力隊の給料")


def test_adding_as_an_alternate_from_the_page_drafts_and_resolves(
    client, accounts, asked, console_service
) -> None:
    csrf = sign_in(client, "editor1")
    versions = EntryVersions(console_service.store)
    before = versions.working(RISAI)
    group = group_with(groups_of(client, accounts), "りさいしょうめいしょ どこでもらう")
    kept = group["refs"].pop()  # unticked by staff: it stays open
    form = {
        "csrf_token": csrf,
        "items": group["refs"],
        "entry_id": RISAI,
        "question": "りさいしょうめいしょ どこでもらう",
    }
    response = client.post("/console/learning/alternate", data=form, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/console/learning?flash=saved"

    working = versions.working(RISAI)
    assert working.number == before.number + 1 and working.status == "draft" and working.author == "editor1"
    assert working.entry.alternates[-1] == "りさいしょうめいしょ どこでもらう"
    assert (
        "りさいしょうめいしょ どこでもらう" not in console_service.store.get(RISAI).alternates
    )  # still live as was
    open_refs = {str(i.ref) for i in learning_items(console_service.store)}
    assert not open_refs & set(group["refs"]) and open_refs == {kept, str(salary_ref(console_service))}
    assert "下書きを保存しました" in client.get(response.headers["location"]).text


def test_the_api_adds_once_and_dismisses(client, accounts, asked, console_service) -> None:
    groups = groups_of(client, accounts)
    risai = group_with(groups, "罹災証明書はどこ")
    body = {"items": risai["refs"][:1], "entry_id": RISAI}
    added = client.post("/api/staff/learning/alternate", json=body, headers=accounts["editor"].bearer)
    assert added.status_code == 200, added.text
    assert added.json()["added"] and added.json()["resolved"] == 1
    question = asked[risai["refs"][0]]
    assert question in EntryVersions(console_service.store).working(RISAI).entry.alternates
    again = client.post("/api/staff/learning/alternate", json=body, headers=accounts["reviewer"].bearer)
    assert again.json() == {**added.json(), "added": False, "resolved": 0}

    salary = group_with(groups, "協力隊の給料")
    dismissed = client.post(
        "/api/staff/learning/dismiss", json={"items": salary["refs"]}, headers=accounts["editor"].bearer
    )
    assert dismissed.json() == {"resolved": 1}
    assert all(m["question"] != "協力隊の給料" for g in groups_of(client, accounts) for m in g["members"])


def test_unknown_entries_and_bad_references_are_refused(client, accounts, asked) -> None:
    ref = next(iter(asked))
    headers = accounts["editor"].bearer
    missing = client.post(
        "/api/staff/learning/alternate", json={"items": [ref], "entry_id": "nope"}, headers=headers
    )
    assert missing.status_code == 404
    bad = client.post("/api/staff/learning/dismiss", json={"items": ["handoff:1"]}, headers=headers)
    assert bad.status_code == 400
    csrf = sign_in(client, "editor1")
    page = client.post(
        "/console/learning/alternate",
        data={"csrf_token": csrf, "items": [ref], "entry_id": "<b>nope</b>", "question": "x"},
    )
    assert page.status_code == 404 and "&lt;b&gt;nope&lt;/b&gt;" in page.text and "<b>nope" not in page.text
    nothing = client.post("/console/learning/dismiss", data={"csrf_token": csrf})
    assert nothing.status_code == 400 and "1つ以上選んでください" in nothing.text
    assert len(groups_of(client, accounts)) == 2  # nothing resolved


def test_dismissing_from_the_page_needs_the_csrf_token(client, accounts, asked) -> None:
    csrf = sign_in(client, "editor1")
    refs = list(asked)
    assert client.post("/console/learning/dismiss", data={"items": refs}).status_code == 403
    response = client.post("/console/learning/dismiss", data={"csrf_token": csrf, "items": refs})
    assert response.status_code == 200 and "対応済みにしました" in response.text
    assert "対応が必要な質問はありません" in response.text


def test_anonymous_callers_are_turned_away(client, asked, console_service) -> None:
    assert client.get("/api/staff/learning").status_code == 401
    ref = next(iter(asked))
    assert (
        client.post("/api/staff/learning/alternate", json={"items": [ref], "entry_id": RISAI}).status_code
        == 401
    )
    assert client.post("/api/staff/learning/dismiss", json={"items": [ref]}).status_code == 401
    page = client.get("/console/learning", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith(
        "/console/login?next=/console/learning"
    )
    form = client.post("/console/learning/dismiss", data={"items": [ref]}, follow_redirects=False)
    assert form.status_code == 303
    assert len(learning_items(console_service.store)) == len(asked) == 4  # all still open
