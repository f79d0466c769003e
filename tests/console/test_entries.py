"""Versioned entries through the console and its API: roles, workflow, history, live index."""

from __future__ import annotations

import pytest

from faq.content.versions import EntryVersions
from tests.console.conftest import sign_in

pytestmark = pytest.mark.integration

NEW = {
    "id": "test-hinanjo-pet",
    "category": "災害時の生活支援",
    "question": "避難所にペットを連れて行けますか？",
    "alternates": ["ペット同行避難はできる？", "犬と一緒に避難所に入れますか"],
    "answer": "ペットの受け入れは避難所ごとに異なります。お住まいの市区町村の防災担当にご確認ください。",
    "audience": ["被災者"],
    "source_document": "テスト用の資料",
    "source_section": "",
    "source_ref": "test:L1",
    "last_checked": "2026-11-22",
    "reason": "住民からの質問が多いため",
}
QUERY = "ペットと避難所に行ってもいい？"


def top_id(service, query: str = QUERY) -> str | None:
    result = service.search(query, 3)
    return result.hits[0].entry.id if result.hits else None


def test_an_editor_drafts_and_only_a_reviewer_publishes(client, accounts, console_service) -> None:
    editor, reviewer = accounts["editor"].bearer, accounts["reviewer"].bearer
    created = client.post("/api/staff/entries", json=NEW, headers=editor)
    assert created.status_code == 201, created.text
    assert created.json()["status"] == "draft" and created.json()["author"] == "editor1"
    assert top_id(console_service) != NEW["id"]  # a draft does not answer
    assert client.post(f"/api/staff/entries/{NEW['id']}/submit", json={}, headers=editor).json()[
        "status"
    ] == ("review")
    assert client.post(f"/api/staff/entries/{NEW['id']}/publish", json={}, headers=editor).status_code == 403
    assert client.post(f"/api/staff/entries/{NEW['id']}/publish", json={}).status_code == 401
    assert top_id(console_service) != NEW["id"]
    published = client.post(
        f"/api/staff/entries/{NEW['id']}/publish", json={"reason": "確認済み"}, headers=reviewer
    )
    assert published.status_code == 200, published.text
    assert published.json()["index_revision"] == console_service.index.revision
    assert top_id(console_service) == NEW["id"]  # answers at once, no restart


def test_anonymous_callers_can_do_nothing(client, accounts) -> None:
    assert client.get("/api/staff/entries").status_code == 401
    assert client.post("/api/staff/entries", json=NEW).status_code == 401
    assert client.put("/api/staff/entries/kikumimi-what-is", json=NEW).status_code == 401
    for step in ("submit", "publish", "retire", "rollback"):
        assert (
            client.post(f"/api/staff/entries/kikumimi-what-is/{step}", json={"version": 1}).status_code == 401
        )
    assert client.post("/api/staff/try", json={"question": "きくみみ"}).status_code == 401
    assert client.get("/api/staff/entries", headers={"Authorization": "Bearer gbt_forged"}).status_code == 401


def test_an_editor_cannot_retire_or_roll_back(client, accounts) -> None:
    editor = accounts["editor"].bearer
    assert (
        client.post(
            "/api/staff/entries/kikumimi-what-is/retire", json={"reason": "x"}, headers=editor
        ).status_code
        == 403
    )
    assert (
        client.post(
            "/api/staff/entries/kikumimi-what-is/rollback", json={"version": 1}, headers=editor
        ).status_code
        == 403
    )


def test_edit_history_diff_and_rollback(client, accounts, console_service) -> None:
    reviewer = accounts["reviewer"].bearer
    entry_id = "kikumimi-what-is"
    original = console_service.store.get(entry_id).answer
    # The shipped database holds one seed version per load of changed YAML: count from the live one.
    seed = client.get(f"/api/staff/entries/{entry_id}", headers=reviewer).json()["live"]
    body = {**NEW, "question": console_service.store.get(entry_id).question, "answer": "書き換えた回答です。"}
    body.pop("id")
    edited = client.put(
        f"/api/staff/entries/{entry_id}", json={**body, "reason": "文言の見直し"}, headers=reviewer
    )
    assert edited.status_code == 200 and edited.json()["status"] == "draft"
    assert console_service.store.get(entry_id).answer == original  # the live version still answers
    client.post(f"/api/staff/entries/{entry_id}/publish", json={}, headers=reviewer)
    assert console_service.store.get(entry_id).answer == "書き換えた回答です。"
    assert console_service.index.entries[
        [e.id for e in console_service.index.entries].index(entry_id)
    ].answer == ("書き換えた回答です。")

    detail = client.get(f"/api/staff/entries/{entry_id}", headers=reviewer).json()
    numbers = [v["number"] for v in detail["history"]]
    assert numbers[:3] == [seed + 2, seed + 1, seed] and detail["live"] == seed + 2
    assert [v["author"] for v in detail["history"]][:3] == ["reviewer1", "reviewer1", "seed"]
    changes = client.get(
        f"/api/staff/entries/{entry_id}/diff", params={"a": seed, "b": seed + 1}, headers=reviewer
    ).json()
    assert "+書き換えた回答です。" in changes["diff"]

    back = client.post(
        f"/api/staff/entries/{entry_id}/rollback",
        json={"version": seed, "reason": "誤りがあった"},
        headers=reviewer,
    )
    assert back.status_code == 200 and back.json()["number"] == seed + 3
    assert console_service.store.get(entry_id).answer == original
    assert top_id(console_service, "きくみみって何") == entry_id


def test_retired_entries_stop_answering(client, accounts, console_service) -> None:
    reviewer = accounts["reviewer"].bearer
    assert top_id(console_service, "きくみみって何") == "kikumimi-what-is"
    response = client.post(
        "/api/staff/entries/kikumimi-what-is/retire", json={"reason": "統合のため"}, headers=reviewer
    )
    assert response.status_code == 200
    assert top_id(console_service, "きくみみって何") != "kikumimi-what-is"
    assert "kikumimi-what-is" not in {e.id for e in console_service.store.published()}


def test_an_invalid_entry_is_refused_with_every_reason(client, accounts, console_service) -> None:
    bad = {**NEW, "alternates": ["ひとつだけ"], "category": "存在しない分野", "source_ref": ""}
    response = client.post("/api/staff/entries", json=bad, headers=accounts["editor"].bearer)
    assert response.status_code == 422
    fields = {p["field"] for p in response.json()["detail"]}
    assert {"alternates", "category", "source.ref"} <= fields
    with pytest.raises(Exception):  # noqa: B017 - nothing was written
        EntryVersions(console_service.store).working(NEW["id"])


def test_try_shows_the_answer_before_and_after_an_edit(client, accounts) -> None:
    editor = accounts["editor"].bearer
    client.post("/api/staff/entries", json=NEW, headers=editor)
    response = client.post("/api/staff/try", json={"question": QUERY, "entry_id": NEW["id"]}, headers=editor)
    body = response.json()
    assert response.status_code == 200
    assert NEW["id"] not in [r["id"] for r in body["before"]["results"]]
    assert body["after"]["results"][0]["id"] == NEW["id"]


def test_the_console_edits_and_publishes_through_forms(client, accounts, console_service) -> None:
    csrf = sign_in(client, "reviewer1")
    form = {**NEW, "alternates": "\n".join(NEW["alternates"]), "csrf_token": csrf}
    response = client.post("/console/entries/new", data=form)
    assert response.status_code == 200 and "下書きを保存しました" in response.text
    assert (
        client.post(f"/console/entries/{NEW['id']}/publish", data={"csrf_token": "forged"}).status_code == 403
    )
    asked = client.post(f"/console/entries/{NEW['id']}/publish", data={"csrf_token": csrf, "reason": "公開"})
    assert "住民への影響" in asked.text and "公開しました" not in asked.text  # publishing asks first
    response = client.post(
        f"/console/entries/{NEW['id']}/publish",
        data={"csrf_token": csrf, "reason": "公開", "confirmed": "yes"},
    )
    assert "公開しました" in response.text
    assert top_id(console_service) == NEW["id"]
    listing = client.get("/console/entries", params={"q": "ペット"})
    assert NEW["id"] in listing.text and "公開中" in listing.text
    page = client.get("/console/try", params={"q": QUERY})
    assert NEW["id"] in page.text


def test_an_editor_sees_no_publish_button_and_cannot_post_one(client, accounts) -> None:
    csrf = sign_in(client, "editor1")
    client.post(
        "/console/entries/new", data={**NEW, "alternates": "\n".join(NEW["alternates"]), "csrf_token": csrf}
    )
    page = client.get(f"/console/entries/{NEW['id']}")
    assert "を公開する" not in page.text and "レビューを依頼する" in page.text
    assert client.post(f"/console/entries/{NEW['id']}/publish", data={"csrf_token": csrf}).status_code == 403


def test_entry_text_is_escaped_in_the_console(client, accounts) -> None:
    csrf = sign_in(client, "editor1")
    hostile = {
        **NEW,
        "question": "<script>alert(1)</script>の質問",
        "alternates": "a<b>\nc<i>d",
        "csrf_token": csrf,
    }
    client.post("/console/entries/new", data=hostile)
    page = client.get("/console/entries", params={"q": "の質問"})
    assert "<script>alert(1)</script>" not in page.text and "&lt;script&gt;" in page.text


def test_a_new_entry_written_from_the_learning_list_resolves_its_questions(
    client, accounts, console_service
) -> None:
    from faq.residents.learning import learning_items, record_unanswered

    store = console_service.store
    record_unanswered(store, "ペットと避難所って行ける？", "no_answer", [], "resident-1")
    (item,) = [i for i in learning_items(store) if "ペット" in i.question]
    csrf = sign_in(client, "editor1")
    page = client.get("/console/entries/new", params={"question": item.question, "items": str(item.ref)})
    assert f'value="{item.ref}"' in page.text
    form = {**NEW, "alternates": "\n".join(NEW["alternates"]), "items": str(item.ref), "csrf_token": csrf}
    assert "下書きを保存しました" in client.post("/console/entries/new", data=form).text
    assert not [i for i in learning_items(store) if "ペット" in i.question]


def test_console_addresses_are_not_entry_ids(client, accounts) -> None:
    response = client.post(
        "/api/staff/entries", json={**NEW, "id": "export"}, headers=accounts["editor"].bearer
    )
    assert response.status_code == 422 and "予約語" in response.text
