"""Rate limits, request size limits, metrics and the access log, through the app in-process."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from bot.web.app import create_app
from tests.console.conftest import login_form

pytestmark = pytest.mark.integration


@pytest.fixture()
def client(scratch_service, govbot_env) -> TestClient:
    govbot_env(
        RATE_LIMIT_SEARCH_PER_ADDRESS="5/minute",
        RATE_LIMIT_SIGN_IN_PER_ADDRESS="3/minute",
        OPEN_METRICS="true",
    )
    # https: the sign-in form's CSRF cookie is Secure
    with TestClient(create_app(scratch_service), base_url="https://testserver") as client:
        yield client


def test_one_address_is_limited_per_route(client: TestClient) -> None:
    codes = [client.get("/api/faq/search", params={"q": "きくみみ"}).status_code for _ in range(7)]
    assert codes == [200] * 5 + [429] * 2
    refused = client.get("/api/faq/search", params={"q": "きくみみ"})
    assert refused.headers["retry-after"] == "60" and "too many requests" in refused.json()["detail"]
    assert client.get("/healthz").status_code == 200  # other routes are not affected
    assert 'govbot_rate_limited_total{limit="search_per_address"} 3.0' in client.get("/metrics").text


def test_sign_in_attempts_are_throttled_per_address(client: TestClient) -> None:
    token = login_form(client, "")["csrf_token"]
    codes = [
        client.post(
            "/console/login", data={"username": f"guess{i}", "password": "x" * 12, "csrf_token": token}
        ).status_code
        for i in range(5)
    ]
    assert codes == [401, 401, 401, 429, 429]
    assert client.get("/console/login").status_code == 200  # the form itself stays readable


@pytest.mark.parametrize("path", ["/webhooks/rest/webhook", "/api/feedback", "/api/staff/entries"])
def test_oversized_bodies_are_refused_before_they_are_read(client: TestClient, path: str) -> None:
    response = client.post(
        path, content=b"{" + b" " * 70_000 + b"}", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413 and "over" in response.json()["detail"]


def test_an_oversized_body_without_a_declared_length_is_refused(client: TestClient) -> None:
    def chunks():
        for _ in range(20):
            yield b" " * 8192

    response = client.post(
        "/webhooks/rest/webhook", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413


def test_metrics_are_in_prometheus_format(client: TestClient, scratch_service) -> None:
    client.get("/api/faq/search", params={"q": "協力隊の任期"})
    text = client.get("/metrics").text
    assert "# TYPE govbot_faq_search_seconds histogram" in text
    assert "govbot_faq_searches_total{outcome=" in text
    assert f'govbot_index_revision_info{{revision="{scratch_service.index.revision}"}} 1.0' in text
    assert "govbot_chat_turn_seconds_bucket" in text and "govbot_handoffs_total" in text


def test_the_access_log_has_paths_without_query_strings(client: TestClient, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="govbot.access"):
        client.get("/api/faq/search", params={"q": "ポチの登録 090-1234-5678"})
    lines = [r.getMessage() for r in caplog.records if r.name == "govbot.access"]
    assert lines == ["GET /api/faq/search 200"]
    assert not any("ポチ" in r.getMessage() or "090" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("attack", ["' OR '1'='1", "x'; DROP TABLE faq_entries; --", '" OR ""="'])
def test_sql_injection_is_plain_text_everywhere(client: TestClient, scratch_service, attack: str) -> None:
    assert (
        client.post("/console/login", data=login_form(client, attack, attack + "x" * 12)).status_code == 401
    )
    search = client.get("/api/faq/search", params={"q": attack})
    assert search.status_code in (200, 429)
    banner = client.get("/api/disasters/active", params={"region": attack[:20]})
    assert banner.status_code == 422
    assert len(scratch_service.store.published()) >= 288  # nothing was dropped or rewritten
