"""The turn tracker store keeps exactly the rows stock Rasa's SQLTrackerStore keeps, with less work a turn."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.exc import SQLAlchemyError

from bot.web.tracker_store import TurnTrackerStore
from faq.settings import PROJECT_ROOT

pytestmark = pytest.mark.integration
SENDER = "a-one-way-key"


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(PROJECT_ROOT / "bot" / "domain"))


def _store(kind: type, path: Path, domain: Domain) -> SQLTrackerStore:
    return kind(domain=domain, dialect="sqlite", db=str(path))


def _turn(text: str, intent: str, prefecture: str | None = None) -> list[Event]:
    events: list[Event] = [
        UserUttered(text, {"name": intent, "confidence": 0.9}, metadata={"client_id": text})
    ]
    if prefecture:
        events.append(SlotSet("prefecture", prefecture))
    events += [
        ActionExecuted("action_answer_faq"),
        BotUttered(f"answer to {text}"),
        ActionExecuted("action_listen"),
    ]
    return events


async def _play(store: SQLTrackerStore) -> None:
    """Three turns, a second session, and two more turns, each loaded and saved as Rasa's processor does."""
    script = [
        _turn("行政相談したい", "ask_faq"),
        _turn("熊本です", "inform", "熊本県"),
        _turn("ありがとう", "thank"),
        [SessionStarted(), ActionExecuted("action_listen")],
        _turn("協力隊の任期は？", "ask_faq"),
        _turn("罹災証明は", "ask_faq", "大分県"),
    ]
    for events in script:
        tracker = await store.get_or_create_tracker(SENDER)
        for event in events:
            tracker.update(event)
        await store.save(tracker)


def _rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute(
            "SELECT sender_id, type_name, timestamp, intent_name, action_name, data FROM events ORDER BY id"
        ).fetchall()


def test_the_rows_and_the_loaded_tracker_are_stock_rasas(tmp_path, domain) -> None:
    stock = _store(SQLTrackerStore, tmp_path / "stock.db", domain)
    ours = _store(TurnTrackerStore, tmp_path / "ours.db", domain)
    asyncio.run(_play(stock))
    asyncio.run(_play(ours))
    stock_rows, our_rows = _rows(tmp_path / "stock.db"), _rows(tmp_path / "ours.db")
    assert len(our_rows) == len(stock_rows) > 20
    assert [row[:2] + row[3:5] for row in our_rows] == [row[:2] + row[3:5] for row in stock_rows]
    stock_tracker = asyncio.run(stock.retrieve(SENDER))
    our_tracker = asyncio.run(ours.retrieve(SENDER))
    assert [type(e) for e in our_tracker.events] == [type(e) for e in stock_tracker.events]
    assert our_tracker.get_slot("prefecture") == stock_tracker.get_slot("prefecture") == "大分県"
    assert our_tracker.latest_message.text == "罹災証明は"
    assert len(our_tracker.events) == len(stock_tracker.events) < len(our_rows)  # the latest session only


def test_a_loaded_conversation_is_saved_without_counting_its_stored_events(tmp_path, domain) -> None:
    store = _store(TurnTrackerStore, tmp_path / "ours.db", domain)
    asyncio.run(_play(store))
    stored = len(_rows(tmp_path / "ours.db"))
    statements: list[str] = []
    sa.event.listen(store.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    tracker = asyncio.run(store.retrieve(SENDER))
    for event in _turn("もう一つ", "ask_faq"):
        tracker.update(event)
    statements.clear()
    asyncio.run(store.save(tracker))
    assert not any("count(" in s.lower() for s in statements), statements
    assert len(_rows(tmp_path / "ours.db")) == stored + 4  # the new events, once


def test_a_tracker_it_did_not_load_is_saved_as_stock_rasa_saves_it(tmp_path, domain) -> None:
    store = _store(TurnTrackerStore, tmp_path / "ours.db", domain)
    asyncio.run(_play(store))
    stored = len(_rows(tmp_path / "ours.db"))
    # Made elsewhere (the events since the session start, as another component could rebuild them).
    loaded = asyncio.run(store.retrieve(SENDER))
    rebuilt = DialogueStateTracker.from_events(SENDER, list(loaded.events), domain.slots)
    for event in _turn("べつの質問", "ask_faq"):
        rebuilt.update(event)
    asyncio.run(store.save(rebuilt))
    assert len(_rows(tmp_path / "ours.db")) == stored + 4


def test_a_failed_save_keeps_the_turn_for_the_next_save(tmp_path, domain) -> None:
    path = tmp_path / "ours.db"
    store = _store(TurnTrackerStore, path, domain)
    asyncio.run(_play(store))
    stored = len(_rows(path))
    tracker = asyncio.run(store.retrieve(SENDER))
    for event in _turn("一回目", "ask_faq"):
        tracker.update(event)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TRIGGER refuse BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'full'); END")
    with pytest.raises(SQLAlchemyError):
        asyncio.run(store.save(tracker))
    assert len(_rows(path)) == stored  # nothing of the turn half-written
    with sqlite3.connect(path) as db:
        db.execute("DROP TRIGGER refuse")
    asyncio.run(store.save(tracker))  # the same tracker again: the refused events are not skipped
    texts = [r[5] for r in _rows(path) if r[1] == "user"]
    assert len(_rows(path)) == stored + 4 and '"text": "\\u4e00\\u56de\\u76ee"' in texts[-1]


def test_every_sqlite_connection_is_wal_with_full_sync(tmp_path, domain) -> None:
    store = _store(TurnTrackerStore, tmp_path / "ours.db", domain)
    asyncio.run(_play(store))
    # The turns sit in the write-ahead log until a checkpoint: a copy of ours.db is no backup (faq backup).
    assert (tmp_path / "ours.db-wal").stat().st_size > 0
    store.engine.dispose()  # a fresh connection, not one the play left in the pool
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL: every commit synced
