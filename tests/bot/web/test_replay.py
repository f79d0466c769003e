"""A message sent again with the same client id gets the reply it already had, without a second turn."""

from __future__ import annotations

import json
import sqlite3
import urllib.error
import urllib.request
import uuid

import pytest

from faq.residents.privacy import conversation_key

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def post(server, body: dict) -> list[dict]:
    request = urllib.request.Request(
        server.base + "/webhooks/rest/webhook",
        json.dumps(body).encode(),
        {"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read().decode())


def user_turns(server, sender: str) -> list[str]:
    """What the resident said, as Rasa's SQL tracker store keeps it (under the one-way conversation key)."""
    with sqlite3.connect(server.tracker_db) as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id",
            (conversation_key(sender),),
        ).fetchall()
    return [json.loads(data)["text"] for (data,) in rows]


def test_a_resent_message_is_answered_from_the_first_turn(server) -> None:
    sender = "replay-" + uuid.uuid4().hex[:8]
    post(server, {"sender": sender, "message": "/menu"})  # a choice question: a second turn would differ
    body = {"sender": sender, "message": "行政相談", "metadata": {"client_id": "c-" + uuid.uuid4().hex}}
    first = post(server, body)
    again = post(server, body)
    assert again == first
    assert user_turns(server, sender).count("行政相談") == 1


def test_a_new_client_id_is_a_new_turn_and_no_id_behaves_as_before(server) -> None:
    sender = "replay-" + uuid.uuid4().hex[:8]
    for client_id in ("a-1", "a-2"):
        post(
            server,
            {"sender": sender, "message": "協力隊の任期は何年ですか", "metadata": {"client_id": client_id}},
        )
    post(server, {"sender": sender, "message": "協力隊の任期は何年ですか"})
    post(server, {"sender": sender, "message": "協力隊の任期は何年ですか", "metadata": {}})
    assert user_turns(server, sender).count("協力隊の任期は何年ですか") == 4


def test_the_id_is_remembered_past_later_turns(server) -> None:
    sender = "replay-" + uuid.uuid4().hex[:8]
    body = {"sender": sender, "message": "罹災証明書はどこでもらえますか", "metadata": {"client_id": "late"}}
    first = post(server, body)
    post(server, {"sender": sender, "message": "協力隊の任期は何年ですか", "metadata": {"client_id": "next"}})
    assert post(server, body) == first
    assert user_turns(server, sender).count("罹災証明書はどこでもらえますか") == 1


@pytest.mark.parametrize("client_id", ["", "x" * 65, 12345, "tab\there", None])
def test_a_malformed_client_id_is_refused_with_a_reason(server, client_id) -> None:
    body = {"sender": "replay-bad", "message": "こんにちは", "metadata": {"client_id": client_id}}
    with pytest.raises(urllib.error.HTTPError) as error:
        post(server, body)
    assert error.value.code == 422
    assert "client_id" in error.value.read().decode()


def test_the_client_id_is_stored_only_as_a_one_way_key(server) -> None:
    """A client may put anything in its message id (a phone number, a name): the tracker keeps its key."""
    sender = "replay-" + uuid.uuid4().hex
    raw = "client-09012345678"
    post(server, {"sender": sender, "message": "行政相談", "metadata": {"client_id": raw}})
    with sqlite3.connect(server.tracker_db) as db:
        rows = db.execute("SELECT data FROM events WHERE sender_id = ?", (conversation_key(sender),))
        stored = " ".join(data for (data,) in rows)
    assert stored and raw not in stored
    assert post(server, {"sender": sender, "message": "行政相談", "metadata": {"client_id": raw}})  # replays
    assert user_turns(server, sender) == ["行政相談"]
