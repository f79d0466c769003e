"""What is not public by default, slow senders, and conversations started per address."""

from __future__ import annotations

import asyncio

import pytest
from fastapi.testclient import TestClient

from bot.web.app import create_app
from bot.web.middleware.limits import BodySizeLimit

pytestmark = pytest.mark.integration

OPERATOR_PATHS = ("/metrics", "/docs", "/redoc", "/openapi.json")


def test_metrics_and_api_docs_are_not_public_by_default(scratch_service, govbot_env) -> None:
    with TestClient(create_app(scratch_service)) as client:
        assert {path: client.get(path).status_code for path in OPERATOR_PATHS} == dict.fromkeys(
            OPERATOR_PATHS, 404
        )
        assert client.get("/healthz").status_code == 200


def test_settings_open_them(scratch_service, govbot_env) -> None:
    govbot_env(OPEN_METRICS="true", OPEN_API_DOCS="true")
    with TestClient(create_app(scratch_service)) as client:
        assert {path: client.get(path).status_code for path in OPERATOR_PATHS} == dict.fromkeys(
            OPERATOR_PATHS, 200
        )
        assert "govbot_chat_turns_total" in client.get("/metrics").text


def test_new_sender_ids_from_one_address_are_bounded(scratch_service, govbot_env) -> None:
    govbot_env(RATE_LIMIT_NEW_CONVERSATIONS_PER_ADDRESS="3/minute")

    def say(client: TestClient, sender: str) -> str:
        reply = client.post("/webhooks/rest/webhook", json={"sender": sender, "message": "協力隊の任期は？"})
        assert reply.status_code == 200
        return reply.json()[0]["text"]

    with TestClient(create_app(scratch_service)) as client:
        first = [say(client, f"rotating-{n}") for n in range(3)]
        assert not any("少しお待ちください" in text for text in first)
        assert "少しお待ちください" in say(client, "rotating-3")  # a fourth new id this minute
        assert "少しお待ちください" not in say(client, "rotating-0")  # a conversation already going on
        danger = client.post(
            "/webhooks/rest/webhook", json={"sender": "rotating-9", "message": "家が燃えてる！"}
        )
        assert "119" in danger.text  # danger to life is never slowed down


def test_a_client_that_stalls_its_body_gets_408() -> None:
    reached = []

    async def app(scope, receive, send) -> None:
        while (await receive()).get("more_body"):
            pass
        reached.append(True)

    async def run() -> list[dict]:
        sent: list[dict] = []
        parts = [{"type": "http.request", "body": b'{"sender": "s", ', "more_body": True}]

        async def receive() -> dict:
            if parts:
                return parts.pop()
            await asyncio.sleep(60)  # the rest never comes
            return {"type": "http.disconnect"}

        async def send(message: dict) -> None:
            sent.append(message)

        scope = {"type": "http", "method": "POST", "path": "/webhooks/rest/webhook", "headers": []}
        await asyncio.wait_for(BodySizeLimit(app, read_timeout=0.2)(scope, receive, send), 5)
        return sent

    sent = asyncio.run(run())
    assert sent[0]["status"] == 408 and b"not received within 0.2 s" in sent[1]["body"]
    assert not reached
