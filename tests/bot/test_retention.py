"""Conversations and residents' questions are deleted after the retention period (on Rasa's real schema)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from faq.content.backup import copy_sqlite
from faq.content.store import FaqStore
from faq.residents.feedback import record_vote, votes
from faq.residents.learning import learning_items, record_unanswered
from faq.residents.retention import apply_retention

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def conversations(path) -> set[str]:
    with sqlite3.connect(path) as db:
        return {row[0] for row in db.execute("SELECT DISTINCT sender_id FROM events")}


def test_retention_deletes_old_conversations_and_questions(server, tmp_path) -> None:
    server.conversation("協力隊の任期は？", "ありがとう")
    # The server is running: its latest commits may sit in the write-ahead logs, so copy as a backup does.
    tracker = tmp_path / "tracker.db"
    copy_sqlite(server.tracker_db, tracker)
    database = tmp_path / "govbot.db"
    copy_sqlite(server.database, database)
    store = FaqStore(f"sqlite:///{database}")
    store.migrate()
    record_unanswered(store, "ペットの名前を決めたい", "no_answer", [], "resident-1")
    record_vote(store, "kikumimi-what-is", False, "きくみみって何", "resident-2")
    before = conversations(tracker)
    assert before

    now = datetime.now(timezone.utc)
    kept = apply_retention(store, f"sqlite:///{tracker}", days=30, now=now)
    assert kept.conversations == 0 and conversations(tracker) == before

    later = apply_retention(store, f"sqlite:///{tracker}", days=30, now=now + timedelta(days=31))
    assert later.conversations == len(before) and conversations(tracker) == set()
    assert not [i for i in learning_items(store) if "ペット" in i.question]
    assert all(v.question == "" for v in votes(store))  # counts stay, words go
    assert apply_retention(store, f"sqlite:///{tracker}", days=0).conversations == 0  # 0 keeps everything
