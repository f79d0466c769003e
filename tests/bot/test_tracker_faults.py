"""A tracker store that stops taking writes: the turn fails politely (503), never looks normal unsaved."""

from __future__ import annotations

import json
import sqlite3
import time
import urllib.error
import urllib.request

import pytest

from tests.databases import copy_database
from tests.server import launch, stop, text_of

pytestmark = [pytest.mark.integration, pytest.mark.slow]

READ_ONLY = "CREATE TRIGGER read_only BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'read-only'); END"


def _say(base: str, sender: str, message: str) -> tuple[int, list[dict]]:
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(
        base + "/webhooks/rest/webhook", body, {"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read().decode())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read().decode())


def test_a_read_only_tracker_store_fails_the_turn_politely(tmp_path, built_service) -> None:
    
    database = tmp_path / "govbot.db"
    copy_database(built_service.store.database_url, database)
    tracker_db, log = tmp_path / "tracker.db", tmp_path / "server.log"
    process, base = launch(
        {
            "GOVBOT_DATABASE_URL": f"sqlite:///{database}",
            "GOVBOT_TRACKER_STORE_URL": f"sqlite:///{tracker_db}",
        },
        log,
    )
    try:
        status, reply = _say(base, "resident-before", "協力隊の任期は何年ですか")
        assert status == 200 and "任期" in text_of(reply)
        with sqlite3.connect(tracker_db) as connection:  # the disk turns read-only under the store
            connection.execute(READ_ONLY)
        status, reply = _say(base, "resident-after", "協力隊の任期は何年ですか")
        assert status == 503, reply
        text = text_of(reply)
        assert "会話を記録できない" in text and "きくみみ" in text and "0570-090-110" in text
        assert reply[0]["custom"] == {"type": "apology", "reason": "conversation_not_saved"}
        time.sleep(0.5)
        assert "turn not saved, answered 503" in log.read_text()
        with sqlite3.connect(tracker_db) as connection:  # and indeed nothing of it was kept
            kept = connection.execute("SELECT count(*) FROM events WHERE sender_id != ?", ("x",)).fetchone()[
                0
            ]
            senders = {row[0] for row in connection.execute("SELECT DISTINCT sender_id FROM events")}
        assert kept > 0 and len(senders) == 1  # only the first resident's conversation
        # Danger to life still gets the emergency number first, saved or not.
        status, reply = _say(base, "resident-danger", "家が燃えてる！助けて")
        assert "119" in text_of(reply)
    finally:
        stop(process)
