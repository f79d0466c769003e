"""The OpenAPI document says what the routes really answer (schemathesis `--checks all` found the gaps)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from bot.web.app import create_app

pytestmark = pytest.mark.integration


@pytest.fixture()
def client(scratch_service, govbot_env) -> TestClient:
    govbot_env(OPEN_API_DOCS="true")
    with TestClient(create_app(scratch_service)) as client:
        yield client


def _operations(document: dict):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_every_error_a_route_answers_is_declared_in_one_shape(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    for path, method, operation in _operations(document):
        if path == "/healthz":
            continue
        codes = set(operation["responses"])
        expected = {"413", "422", "429"}
        if path.startswith("/api/staff/"):
            expected |= {"400", "401", "403", "404", "409"}
        assert expected <= codes, (method, path, sorted(codes))
        schema = operation["responses"]["422"]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ErrorPublic"}, (method, path)


def test_the_export_is_documented_as_a_file(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    content = document["paths"]["/api/staff/entries/export"]["get"]["responses"]["200"]["content"]
    assert "text/csv" in content and "application/json" not in content


def test_405_lists_every_method_of_the_path(client: TestClient) -> None:
    refused = client.delete("/api/staff/entries")
    assert refused.status_code == 405
    assert refused.headers["allow"] == "GET, HEAD, POST"  # two routes share the path


def _schema_arrays_with_tuple_items(node) -> list:
    """Every ``items`` that is a list (a pydantic tuple): not a schema in OpenAPI 3.1."""
    if isinstance(node, dict):
        found = [node["items"]] if isinstance(node.get("items"), list) else []
        return found + [bad for value in node.values() for bad in _schema_arrays_with_tuple_items(value)]
    if isinstance(node, list):
        return [bad for value in node for bad in _schema_arrays_with_tuple_items(value)]
    return []


def test_every_schema_in_the_document_is_valid_openapi_31(client: TestClient) -> None:
    assert _schema_arrays_with_tuple_items(client.get("/openapi.json").json()) == []


def test_every_json_route_declares_its_response_shape(client: TestClient) -> None:
    """``response_model`` everywhere: a 2xx JSON answer has a named schema, never an untyped object."""
    document = client.get("/openapi.json").json()
    for path, method, operation in _operations(document):
        success = next(code for code in operation["responses"] if code.startswith("2"))
        content = operation["responses"][success].get("content", {})
        if "application/json" not in content:
            continue  # a file (the export)
        schema = content["application/json"]["schema"]
        if path == "/webhooks/rest/webhook":
            continue  # Rasa's channel: a list of bot messages, whatever the domain's responses hold
        assert schema.get("$ref") or schema.get("items", {}).get("$ref"), (method, path, schema)


def test_no_route_in_the_staff_api_returns_an_objects_dict() -> None:
    from pathlib import Path

    for module in (Path(__file__).parents[3] / "bot" / "web").rglob("*.py"):
        assert "__dict__" not in module.read_text(encoding="utf-8"), module


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ({"sender": "a", "message": "こんにちは", "metadata": []}, "metadata must be an object"),
        ({"sender": 12, "message": "こんにちは"}, "sender is not text"),
    ],
)
def test_the_chat_refuses_a_body_its_schema_refuses(client: TestClient, body: dict, why: str) -> None:
    assert client.post("/webhooks/rest/webhook", json=body).status_code == 422, why


def test_feedback_declares_the_404_it_answers(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    assert "404" in document["paths"]["/api/feedback"]["post"]["responses"]
    vote = {"sender": "s1", "faq_id": "no-such-entry", "helpful": True}
    assert client.post("/api/feedback", json=vote).status_code == 404
    assert client.post("/api/feedback", json={**vote, "helpful": "yes"}).status_code == 422


def test_fields_that_may_be_null_say_so(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    for model, field in (
        ("EntryHistoryPublic", "live"),
        ("DisasterPublic", "ended_at"),
        ("TryIn", "entry_id"),
    ):
        assert {"type": "null"} in schemas[model]["properties"][field].get("anyOf", []), (model, field)
