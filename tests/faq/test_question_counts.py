"""Question counts: numbers per hour, outcome, category and disaster, added by several workers at once."""

from __future__ import annotations

import multiprocessing
import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import event, inspect, text

from faq.content.disasters import declare, end
from faq.content.store import FaqStore
from faq.content.versions import Actor
from faq.residents.question_counts import (
    DISASTER_CATEGORY,
    TurnCounter,
    count_turn,
    counts_between,
    hour_of,
)
from faq.residents.retention import apply_retention

pytestmark = pytest.mark.integration
REVIEWER = Actor("reviewer1", "reviewer")
WORKERS, TURNS = 4, 60


@pytest.fixture()
def store(tmp_settings) -> FaqStore:
    store = FaqStore(tmp_settings.database_url)
    store.migrate()
    return store


def _worker(database_url: str) -> None:
    store = FaqStore(database_url)  # a process of its own, as a second web worker is
    for _ in range(TURNS):
        count_turn(store, "answer", "行政相談")


def _batched_worker(database_url: str) -> None:
    counter = TurnCounter(FaqStore(database_url), every=0.05)  # as the chat counts, a flush now and then
    for turn in range(TURNS):
        counter.add("answer", "行政相談")
        if turn % 20 == 0:
            time.sleep(0.1)
    counter.flush()  # the web app's shutdown


def _stored(store: FaqStore) -> int:
    """The table as another worker reads it (no flush of this process's pending counts)."""
    with store.engine.connect() as connection:
        return int(connection.execute(text("SELECT coalesce(sum(count), 0) FROM question_counts")).scalar())


def test_the_chat_counter_writes_many_turns_in_one_transaction(store) -> None:
    counter = TurnCounter(store, every=60)
    commits: list[int] = []
    event.listen(store.engine, "commit", lambda *_: commits.append(1))
    for _ in range(5):
        counter.add("answer", "行政相談")
    counter.add("no_answer")
    assert _stored(store) == 0 and not commits  # nothing written per turn
    rows = counts_between(store, datetime.now(timezone.utc) - timedelta(hours=1))  # a read flushes first
    assert sorted((r.outcome, r.count) for r in rows) == [("answer", 5), ("no_answer", 1)]
    assert len(commits) == 1


def test_the_chat_counter_writes_within_its_interval_without_a_read(store) -> None:
    counter = TurnCounter(store, every=0.2)
    counter.add("clarify")
    deadline = time.monotonic() + 10
    while _stored(store) == 0 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _stored(store) == 1


def test_counts_refused_by_the_database_are_kept_for_the_next_flush(store) -> None:
    counter = TurnCounter(store, every=60)
    with store.engine.begin() as connection:
        connection.execute(
            text("CREATE TRIGGER refuse BEFORE INSERT ON question_counts BEGIN SELECT RAISE(ABORT, 'x'); END")
        )
    counter.add("answer", "行政相談")
    counter.flush()  # logged, not raised: a count never breaks a turn
    assert _stored(store) == 0
    with store.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER refuse"))
    counter.flush()
    assert _stored(store) == 1


def _run_workers(store, target) -> None:
    """WORKERS processes running ``target`` on the same database at once; each must finish cleanly."""
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=target, args=(store.database_url,)) for _ in range(WORKERS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0


def test_several_batching_workers_lose_nothing(store) -> None:
    _run_workers(store, _batched_worker)
    assert _stored(store) == WORKERS * TURNS


def test_several_workers_counting_the_same_hour_lose_nothing(store) -> None:
    _run_workers(store, _worker)
    rows = counts_between(store, datetime.now(timezone.utc) - timedelta(hours=2))
    assert sum(r.count for r in rows if r.outcome == "answer") == WORKERS * TURNS
    assert len({(r.hour, r.outcome, r.category, r.disaster) for r in rows}) == len(rows) <= 2


def test_only_numbers_are_stored(store) -> None:
    count_turn(store, "no_answer")
    columns = {c["name"] for c in inspect(store.engine).get_columns("question_counts")}
    assert columns == {"hour", "outcome", "category", "disaster", "count"}
    with pytest.raises(ValueError):
        count_turn(store, "maybe")


def test_a_disaster_counts_its_flow_and_its_entries_in_its_prefectures_while_active(store) -> None:
    drill = declare(store, {"name": "訓練の大雨", "prefectures": "熊本県"}, REVIEWER)
    assert count_turn(store, "flow", DISASTER_CATEGORY, "熊本県") == drill.id
    assert count_turn(store, "answer", DISASTER_CATEGORY, None) == drill.id  # place unknown: still its
    assert count_turn(store, "answer", DISASTER_CATEGORY, "北海道") == ""  # another prefecture
    assert count_turn(store, "answer", "地域おこし協力隊", "熊本県") == ""  # not a disaster question
    assert count_turn(store, "no_answer", "", "熊本県") == ""
    end(store, drill.id, REVIEWER)
    assert count_turn(store, "flow", DISASTER_CATEGORY, "熊本県") == ""  # after its window
    rows = counts_between(store, datetime.now(timezone.utc) - timedelta(hours=1))
    assert sum(r.count for r in rows if r.disaster == drill.id) == 2
    assert sum(r.count for r in rows) == 6


def test_hours_are_utc_buckets_and_retention_drops_old_ones(store, tmp_path) -> None:
    now = datetime(2026, 11, 29, 20, 45, tzinfo=timezone.utc)
    count_turn(store, "answer", "行政相談", at=now)
    count_turn(store, "answer", "行政相談", at=now.replace(minute=5))
    count_turn(store, "clarify", at=now - timedelta(days=40))
    rows = counts_between(store, now - timedelta(days=60))
    assert [(r.hour, r.outcome, r.count) for r in rows] == [
        (hour_of(now - timedelta(days=40)), "clarify", 1),
        (datetime(2026, 11, 29, 20, tzinfo=timezone.utc), "answer", 2),
    ]
    report = apply_retention(store, "", days=30, now=now)
    assert report.counts == 1
    assert [r.outcome for r in counts_between(store, now - timedelta(days=60))] == ["answer"]
    assert apply_retention(store, "", days=0, now=now + timedelta(days=400)).counts == 0  # 0 keeps all
