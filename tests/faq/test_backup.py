"""The restore drill: `python -m faq backup` of live databases while another thread keeps writing, `restore`
into a fresh place, every committed row back and the files intact; WAL with synchronous=FULL on every
SQLite connection; restore refusing to replace a database in use without --force. The same drill on
PostgreSQL (pg_dump / pg_restore) when `scripts/services.sh` provides it."""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from sqlalchemy import create_engine, text

from bot.web.assistant import _sql_parts
from bot.web.tracker_store import TurnTrackerStore
from faq.content.sqlite import durable, is_durable
from faq.content.store import FaqStore
from faq.content.versions import SEED, EntryVersions
from faq.model import FaqEntry, Source
from faq.settings import PROJECT_ROOT

pytestmark = pytest.mark.integration
EVENTS_PER_CONVERSATION = 5  # action_listen, then a turn's four events


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(PROJECT_ROOT / "bot" / "domain"))


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "faq", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONWARNINGS": "ignore", **env},
    )


def entry(n: int) -> FaqEntry:
    return FaqEntry(
        id=f"test-backup-{n:04d}",
        category="行政相談",
        question=f"バックアップの確認 {n} 番目の質問は？",
        answer=f"{n} 番目の答えです。",
        source=Source("テスト用の資料", "", "test:L1"),
        last_checked=date(2026, 11, 22),
    )


@dataclass
class Deployment:
    """A FAQ database and a tracker database, as the server uses them (the env a CLI run needs)."""

    faq_url: str
    tracker_url: str
    domain: Domain
    committed: list[int] = field(default_factory=list)  # n of every entry and conversation saved

    @property
    def env(self) -> dict[str, str]:
        return {"GOVBOT_DATABASE_URL": self.faq_url, "GOVBOT_TRACKER_STORE_URL": self.tracker_url}

    def tracker_store(self) -> TurnTrackerStore:
        parts = _sql_parts(self.tracker_url)  # as the server builds it (bot/web/assistant.py)
        parts["host"] = parts.pop("url")
        return TurnTrackerStore(domain=self.domain, **{k: v for k, v in parts.items() if v is not None})

    def write(self, n: int, versions: EntryVersions, tracker_store: TurnTrackerStore) -> None:
        """Entry n as a new draft version (one commit) and conversation n with its first turn (one commit)."""
        versions.save_draft(entry(n), SEED, "バックアップ訓練")
        tracker = tracker_store.init_tracker(f"drill-{n:04d}")  # not saved before its turn
        for event in (
            ActionExecuted("action_listen"),
            UserUttered(f"質問 {n}", {"name": "ask_faq", "confidence": 0.9}),
            ActionExecuted("action_answer_faq"),
            BotUttered(f"答え {n}"),
            ActionExecuted("action_listen"),
        ):
            tracker.update(event)
        asyncio.run(tracker_store.save(tracker))
        self.committed.append(n)

    def start(self, count: int = 1) -> tuple[FaqStore, TurnTrackerStore]:
        store = FaqStore(self.faq_url)
        store.migrate()
        tracker_store = self.tracker_store()
        for n in range(count):
            self.write(n, EntryVersions(store), tracker_store)
        return store, tracker_store

    def rows(self) -> tuple[list[str], dict[str, int]]:
        """The entry ids with a version, and each conversation's number of events (user and bot turns)."""
        engine = create_engine(self.faq_url)
        with engine.connect() as connection:
            ids = connection.execute(text("SELECT DISTINCT entry_id FROM faq_entry_versions")).scalars().all()
        engine.dispose()
        engine = create_engine(self.tracker_url.replace("postgresql://", "postgresql+psycopg2://", 1))
        with engine.connect() as connection:
            counts = dict(
                connection.execute(
                    text("SELECT sender_id, count(*) FROM events GROUP BY sender_id")
                ).fetchall()
            )
        engine.dispose()
        return sorted(ids), counts


class Writer(threading.Thread):
    """Keeps saving entries and conversations, each in its own commits, until told to stop."""

    def __init__(self, deployment: Deployment, store: FaqStore, tracker_store: TurnTrackerStore):
        super().__init__(daemon=True)
        self.deployment, self.versions, self.tracker_store = deployment, EntryVersions(store), tracker_store
        self.stop = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        n = len(self.deployment.committed)
        try:
            while not self.stop.is_set():
                self.deployment.write(n, self.versions, self.tracker_store)
                n += 1
        except BaseException as exc:  # the test reports it
            self.error = exc

    def wait_for(self, commits: int) -> None:
        while len(self.deployment.committed) < commits and self.is_alive():
            self.stop.wait(0.02)


def drill(live: Deployment, fresh: Deployment, dest: Path) -> tuple[list[int], list[int]]:
    """Back up ``live`` while a writer keeps writing, restore into ``fresh``; the commits done before the
    backup started and those done when it returned."""
    store, tracker_store = live.start(3)
    writer = Writer(live, store, tracker_store)
    writer.start()
    writer.wait_for(6)
    before = list(live.committed)
    done = cli(live.env, "backup", str(dest))
    after = list(live.committed)
    writer.wait_for(len(after) + 2)
    writer.stop.set()
    writer.join(timeout=60)
    assert writer.error is None, writer.error
    assert done.returncode == 0, done.stderr
    assert len(after) > len(before), "the writer wrote nothing while the backup ran"
    restored = cli(fresh.env, "restore", str(dest))
    assert restored.returncode == 0, restored.stderr
    assert "nothing was there before" in restored.stdout
    return before, after


def assert_a_consistent_prefix(fresh: Deployment, before: list[int], after: list[int]) -> None:
    """Every commit made before the backup started is restored, none made after it returned, and the
    commits in between only whole and in order (a snapshot of one moment)."""
    ids, counts = fresh.rows()
    entries = [int(i.removeprefix("test-backup-")) for i in ids]
    conversations = sorted(int(sender.removeprefix("drill-")) for sender in counts)
    for kept in (entries, conversations):
        assert kept == list(range(len(kept))), "a gap: the copy is not one moment's database"
        assert len(before) <= len(kept) <= len(after) + 1  # +1: a commit of the turn that was under way
    assert set(counts.values()) == {EVENTS_PER_CONVERSATION}  # each conversation whole


def test_every_sqlite_connection_runs_in_wal_with_full_sync(tmp_path) -> None:
    store = FaqStore(f"sqlite:///{tmp_path / 'govbot.db'}")
    store.migrate()
    store.engine.dispose()
    with store.engine.connect() as connection:  # a fresh connection from the pool
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    # PostgreSQL is left as it is (no SQLite pragma on its connections).
    assert not is_durable(durable(create_engine("postgresql+psycopg2://govbot@127.0.0.1:1/none")))


def test_restore_drill_on_sqlite_while_the_databases_are_written(tmp_path, domain) -> None:
    live = Deployment(
        f"sqlite:///{tmp_path / 'live' / 'govbot.db'}",
        f"sqlite:///{tmp_path / 'live' / 'tracker.db'}",
        domain,
    )
    fresh = Deployment(
        f"sqlite:///{tmp_path / 'new' / 'govbot.db'}", f"sqlite:///{tmp_path / 'new' / 'tracker.db'}", domain
    )
    before, after = drill(live, fresh, tmp_path / "backup")
    assert sorted(p.name for p in (tmp_path / "backup").iterdir()) == [
        "faq.db",
        "manifest.json",
        "tracker.db",
    ]
    assert_a_consistent_prefix(fresh, before, after)
    for path in (tmp_path / "new" / "govbot.db", tmp_path / "new" / "tracker.db"):
        with sqlite3.connect(path) as db:
            assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    # The restored databases serve: the conversation loads, the entry's history reads.
    tracker = asyncio.run(fresh.tracker_store().retrieve("drill-0000"))
    assert tracker is not None and tracker.latest_message.text == "質問 0"
    assert (
        EntryVersions(FaqStore(fresh.faq_url)).working("test-backup-0000").entry.answer
        == "0 番目の答えです。"
    )


def test_a_file_copy_of_the_live_database_misses_commits_the_backup_keeps(tmp_path, domain) -> None:
    live = Deployment(f"sqlite:///{tmp_path / 'govbot.db'}", f"sqlite:///{tmp_path / 'tracker.db'}", domain)
    live.start(5)  # the store's pooled connections stay open, as a running server's do
    shutil.copy(tmp_path / "govbot.db", tmp_path / "copied.db")
    done = cli(live.env, "backup", str(tmp_path / "backup"))
    assert done.returncode == 0, done.stderr
    assert versions_in(tmp_path / "backup" / "faq.db") == 5
    assert versions_in(tmp_path / "copied.db") < 5  # the latest commits were still in govbot.db-wal


def versions_in(path: Path) -> int:
    with sqlite3.connect(path) as db:
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'faq_entry_versions'").fetchall():
            return 0  # not even the table: the migration itself had not reached the file
        return db.execute("SELECT count(*) FROM faq_entry_versions").fetchone()[0]


def test_restore_refuses_to_replace_a_database_in_use_without_force(tmp_path, domain) -> None:
    live = Deployment(f"sqlite:///{tmp_path / 'govbot.db'}", f"sqlite:///{tmp_path / 'tracker.db'}", domain)
    store, tracker_store = live.start(2)
    assert cli(live.env, "backup", str(tmp_path / "backup")).returncode == 0
    live.write(2, EntryVersions(store), tracker_store)  # made after the backup

    refused = cli(live.env, "restore", str(tmp_path / "backup"))
    assert refused.returncode == 2
    assert "in use" in refused.stderr and "--force" in refused.stderr
    assert live.rows()[0] == [entry(n).id for n in range(3)]  # nothing changed
    assert not list(tmp_path.glob("*.before-restore-*"))

    forced = cli(live.env, "restore", "--force", str(tmp_path / "backup"))
    assert forced.returncode == 0, forced.stderr
    assert "faq: replaced" in forced.stdout and "tracker: replaced" in forced.stdout
    assert live.rows()[0] == [entry(n).id for n in range(2)]  # the backup's moment
    kept = sorted(tmp_path.glob("govbot.db.before-restore-*"))
    assert len(kept) == 1 and str(kept[0]) in forced.stdout  # what it replaced, kept and said where
    with sqlite3.connect(kept[0]) as db:
        assert db.execute("SELECT count(DISTINCT entry_id) FROM faq_entry_versions").fetchone()[0] == 3


def test_a_damaged_backup_is_not_restored(tmp_path, domain) -> None:
    live = Deployment(f"sqlite:///{tmp_path / 'govbot.db'}", f"sqlite:///{tmp_path / 'tracker.db'}", domain)
    live.start(1)
    assert cli(live.env, "backup", str(tmp_path / "backup")).returncode == 0
    with (tmp_path / "backup" / "tracker.db").open("r+b") as handle:
        handle.seek(200)
        handle.write(b"\xff")
    fresh = {"GOVBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'new.db'}"}
    done = cli(
        {**fresh, "GOVBOT_TRACKER_STORE_URL": f"sqlite:///{tmp_path / 'new-tracker.db'}"},
        "restore",
        str(tmp_path / "backup"),
    )
    assert done.returncode == 2 and "damaged" in done.stderr
    assert not (tmp_path / "new.db").exists()  # checked before anything was written


def test_a_postgresql_backup_without_pg_dump_says_so(tmp_path) -> None:
    env = {
        "GOVBOT_DATABASE_URL": "postgresql+psycopg2://govbot@127.0.0.1:1/none",
        "GOVBOT_TRACKER_STORE_URL": "",
        "PATH": str(tmp_path),  # no pg_dump there
    }
    done = cli(env, "backup", str(tmp_path / "backup"))
    assert done.returncode == 2
    assert "pg_dump not found" in done.stderr and "postgresql-client" in done.stderr
    assert not (tmp_path / "backup").exists()


@pytest.fixture()
def postgres_databases():
    """Four fresh databases on the test PostgreSQL (live FAQ and tracker, and the two restored into),
    dropped afterwards; skipped without the services unless GOVBOT_REQUIRE_SERVICES=1."""
    url = os.environ.get("GOVBOT_TEST_POSTGRES_URL", "")
    if not url:
        reason = 'GOVBOT_TEST_POSTGRES_URL not set: run `eval "$(scripts/services.sh start)"` first'
        if os.environ.get("GOVBOT_REQUIRE_SERVICES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.fail("the test PostgreSQL is there but pg_dump/pg_restore are not on PATH")
    prefix = "govbot_drill_" + uuid.uuid4().hex[:8]
    names = [f"{prefix}_{part}" for part in ("faq", "tracker", "faq_new", "tracker_new")]
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        for name in names:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    base = url.rsplit("/", 1)[0]
    yield [f"{base}/{name}" for name in names]
    with admin.connect() as connection:
        for name in names:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_restore_drill_on_postgresql_with_pg_dump(tmp_path, domain, postgres_databases) -> None:
    faq, tracker, faq_new, tracker_new = postgres_databases
    tracker, tracker_new = (
        u.replace("postgresql+psycopg2://", "postgresql://", 1) for u in (tracker, tracker_new)
    )
    live, fresh = Deployment(faq, tracker, domain), Deployment(faq_new, tracker_new, domain)
    before, after = drill(live, fresh, tmp_path / "backup")
    assert sorted(p.name for p in (tmp_path / "backup").iterdir()) == [
        "faq.dump",
        "manifest.json",
        "tracker.dump",
    ]
    assert_a_consistent_prefix(fresh, before, after)
    tracker_state = asyncio.run(fresh.tracker_store().retrieve("drill-0000"))
    assert tracker_state is not None and tracker_state.latest_message.text == "質問 0"
    refused = cli(fresh.env, "restore", str(tmp_path / "backup"))  # the restored databases hold tables now
    assert refused.returncode == 2 and "in use" in refused.stderr
    forced = cli(fresh.env, "restore", "--force", str(tmp_path / "backup"))
    assert forced.returncode == 0, forced.stderr
    assert_a_consistent_prefix(fresh, before, after)
