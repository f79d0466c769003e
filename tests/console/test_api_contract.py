"""The staff API answers what its OpenAPI document says: request schemas as strict as the checks behind
them, 405 (with the right ``Allow``) for a method a path does not have, the declared response shapes."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration

ENTRY = {
    "id": "contract-test-entry",
    "category": "行政相談",
    "question": "契約テストの質問ですか？",
    "alternates": ["契約テスト 一つ目", "契約テスト 二つ目"],
    "answer": "契約テストの回答です。",
    "source_document": "テスト資料",
    "source_ref": "L1",
    "reason": "契約テスト",
}


def test_methods_a_path_does_not_have_are_405_with_its_own_allow(client, accounts) -> None:
    reviewer = accounts["reviewer"].bearer
    for method in ("PUT", "DELETE", "OPTIONS", "PATCH"):
        refused = client.request(method, "/api/staff/entries/export", headers=reviewer, json=ENTRY)
        assert refused.status_code == 405, method
        assert refused.headers["allow"] == "GET, HEAD", method  # not the PUT of /{entry_id}
    refused = client.post("/api/staff/entries/kikumimi-what-is/diff", headers=reviewer, json={})
    assert refused.status_code == 405 and refused.headers["allow"] == "GET, HEAD"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"question": "  "}, "question"),
        ({"category": "なんでも"}, "category"),
        ({"alternates": ["一つだけ"]}, "alternates"),
        ({"alternates": ["一つ目", "二つ目", " "]}, "alternates"),  # the domain alone drops the blank one
        ({"id": " spaced-id"}, "id"),
        ({"audience": ["宇宙人"]}, "audience"),
        ({"source_ref": ""}, "source.ref"),
        ({"id": "export"}, "id"),
        ({"id": "Not A Slug"}, "id"),
        ({"answer": 5}, "answer"),
    ],
)
def test_an_entry_the_schema_refuses_is_refused_before_the_domain(client, accounts, change, field) -> None:
    refused = client.post("/api/staff/entries", json={**ENTRY, **change}, headers=accounts["editor"].bearer)
    assert refused.status_code == 422
    # The corpus's rules answer with the domain's problems (field, Japanese reason); types with pydantic's.
    detail = refused.json()["detail"]
    named = {p.get("field") for p in detail} | {part for p in detail for part in p.get("loc", [])}
    assert field in named, detail


def test_an_entry_the_schema_allows_is_accepted_in_the_declared_shape(client, accounts) -> None:
    editor = accounts["editor"].bearer
    created = client.post("/api/staff/entries", json=ENTRY, headers=editor)
    assert created.status_code == 201, created.text
    assert set(created.json()) == {"number", "status", "author", "reason", "created_at", "entry", "owner"}
    listed = client.get("/api/staff/entries", headers=editor).json()
    mine = next(row for row in listed if row["id"] == ENTRY["id"])
    assert set(mine) == {
        "id", "category", "question", "status", "live_status", "version", "author", "owner", "updated_at",
        "actions",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/staff/try", {"question": "任期は？", "entry_id": 0}),
        ("/api/staff/try", {"question": " "}),
        ("/api/staff/disasters", {"name": " ", "prefectures": ["石川県"]}),
        ("/api/staff/disasters", {"name": "テスト地震", "prefectures": []}),
    ],
)
def test_other_staff_bodies_the_schema_refuses_are_422(client, accounts, path, body) -> None:
    assert client.post(path, json=body, headers=accounts["reviewer"].bearer).status_code == 422


def test_learning_states_the_item_references_it_reads(client, accounts) -> None:
    document = client.app.openapi()
    schema = document["components"]["schemas"]["DismissIn"]["properties"]["items"]["items"]
    assert "(unanswered|feedback)" in schema["pattern"]
    refused = client.post(
        "/api/staff/learning/dismiss", json={"items": [""]}, headers=accounts["editor"].bearer
    )
    assert refused.status_code == 400  # the domain's reason, as before
