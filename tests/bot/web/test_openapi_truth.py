"""The OpenAPI document says what the routes really answer (schemathesis `--checks all` found the gaps)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from bot.web.app import create_app
from bot.web.settings import get_settings

pytestmark = pytest.mark.integration


@pytest.fixture()
def client(scratch_service, monkeypatch) -> TestClient:
    monkeypatch.setenv("GOVBOT_INDEX_POLL_SECONDS", "0")
    monkeypatch.setenv("GOVBOT_OPEN_API_DOCS", "true")
    get_settings.cache_clear()
    with TestClient(create_app(scratch_service)) as client:
        yield client
    get_settings.cache_clear()


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
