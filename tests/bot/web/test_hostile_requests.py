"""Requests built to crash or tire the server get a 4xx with a reason, or a polite reply — never a 5xx."""

from __future__ import annotations

import asyncio
import logging

import pytest
from fastapi.testclient import TestClient

from bot.web.app import create_app
from bot.web.settings import get_settings

pytestmark = pytest.mark.integration


@pytest.fixture()
def app(scratch_service, govbot_env):
    govbot_env(OPEN_METRICS="true")
    return create_app(scratch_service)


@pytest.fixture()
def client(app) -> TestClient:
    with TestClient(app) as client:
        yield client


def _turns(client: TestClient, result: str) -> float:
    for line in client.get("/metrics").text.splitlines():
        if line.startswith(f'govbot_chat_turns_total{{result="{result}"}}'):
            return float(line.split()[-1])
    return 0.0


def test_json_nested_a_thousand_deep_is_a_client_error_not_an_answer(client: TestClient) -> None:
    answered = _turns(client, "answered")
    body = '{"sender": "x", "message": ' + "[" * 1000 + "]" * 1000 + "}"
    response = client.post(
        "/webhooks/rest/webhook", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 422 and "nested" in response.text
    assert _turns(client, "answered") == answered


def test_a_nul_byte_in_a_static_path_is_not_found(client: TestClient) -> None:
    assert client.get("/static/widget.js%00.png").status_code == 404
    assert client.get("/static/widget.js").status_code == 200


def test_chat_length_counts_characters_after_normalisation(client: TestClient) -> None:
    limit = get_settings().max_message_chars
    message = "㌖" * (limit // 6 + 1)  # under the limit as typed, over it as the engine would see it
    reply = client.post("/webhooks/rest/webhook", json={"sender": "s", "message": message}).json()
    assert "長すぎます" in reply[0]["text"] and f"（{len(message) * 6}文字）" in reply[0]["text"]


def test_search_length_counts_characters_after_normalisation(client: TestClient) -> None:
    limit = get_settings().max_query_chars
    response = client.get("/api/faq/search", params={"q": "㌖" * (limit // 6 + 1)})
    assert response.status_code == 422 and "limit" in response.text


def test_feedback_length_counts_characters_after_normalisation(client: TestClient) -> None:
    vote = {"sender": "s", "faq_id": "center-what-is", "helpful": False, "question": "㌖" * 400}
    response = client.post("/api/feedback", json=vote)
    assert response.status_code == 422 and "normalised" in response.text


def test_an_aborted_request_is_logged_as_499_not_500(app, client, caplog) -> None:
    """The client disconnects while its body is read: nobody to answer, and not a server error."""
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/webhooks/rest/webhook",
        "raw_path": b"/webhooks/rest/webhook",
        "query_string": b"",
        "headers": [(b"content-type", b"application/json"), (b"host", b"testserver")],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    with caplog.at_level(logging.INFO, logger="govbot.access"):
        asyncio.run(app(scope, receive, send))
    lines = [r.getMessage() for r in caplog.records if r.name == "govbot.access"]
    assert lines == ["POST /webhooks/rest/webhook 499"]
    assert not any(m.get("status") == 500 for m in sent)
