"""The FAQ store: entries in a SQL database through SQLAlchemy (SQLite by default, PostgreSQL by URL)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool

from faq.content.sqlite import durable
from faq.errors import FaqNotFound
from faq.model import FaqEntry, Source
from faq.tables import EntryRow

logger = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def _to_entry(row: EntryRow) -> FaqEntry:
    return FaqEntry(
        id=row.id,
        category=row.category,
        question=row.question,
        answer=row.answer,
        source=Source(row.source_document, row.source_section or "", row.source_ref),
        last_checked=row.last_checked,
        alternates=tuple(a.text for a in row.alternates),
        audience=tuple(json.loads(row.audience or "[]")),
        status=row.status,
        easy_ja=row.easy_ja or "",
        owner=row.owner or "national",
    )


def _engine_for(database_url: str) -> Engine:
    """The store's engine. On a SQLite file, SQLAlchemy 1.4 opens a new connection for every session (and
    pre-pings it), which cost more than the query itself on every turn's look-ups; there, connections are
    pooled instead. Each one serves one session at a time, whatever thread it runs on. A server database
    keeps SQLAlchemy's pool with a pre-ping (a restarted PostgreSQL must not fail the next resident).
    SQLite connections run in WAL mode with ``synchronous=FULL`` (faq/content/sqlite.py)."""
    if database_url.startswith("sqlite:///") and database_url != "sqlite:///:memory:":
        return durable(
            create_engine(
                database_url,
                future=True,
                poolclass=QueuePool,
                pool_size=4,
                connect_args={"check_same_thread": False},
            )
        )
    return durable(create_engine(database_url, future=True, pool_pre_ping=True))


class FaqStore:
    """Entries in the database. Construction is cheap; the engine connects on first use.

    >>> store = FaqStore("sqlite://")
    >>> store.migrate()
    >>> store.published()
    []
    """

    def __init__(self, database_url: str):
        self.database_url = database_url
        self._engine: Engine | None = None
        self._sessions: sessionmaker | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            if self.database_url.startswith("sqlite:///"):
                Path(self.database_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            self._engine = _engine_for(self.database_url)
            self._sessions = sessionmaker(self._engine, future=True, expire_on_commit=False)
        return self._engine

    def session(self):
        _ = self.engine
        assert self._sessions is not None
        return self._sessions()

    def migrate(self) -> None:
        """Bring the schema to the newest alembic revision."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def published(self) -> list[FaqEntry]:
        """Every published entry, ordered by id."""
        with self.session() as session:
            rows = session.execute(
                select(EntryRow).where(EntryRow.status == "published").order_by(EntryRow.id)
            ).scalars()
            return [_to_entry(r) for r in rows]

    def change_marker(self) -> tuple[int, str]:
        """A cheap fingerprint of the searchable entries: row count and the newest change time.

        Every publish, retire or rollback rewrites a row of ``faq_entries`` (``updated_at``), so workers
        poll this one query to learn that another process changed what search should see.
        """
        with self.session() as session:
            count, newest = session.execute(
                select(func.count(EntryRow.id), func.max(EntryRow.updated_at))
            ).one()
        return int(count or 0), str(newest or "")

    def get(self, entry_id: str) -> FaqEntry:
        with self.session() as session:
            row = session.get(EntryRow, entry_id)
            if row is None:
                raise FaqNotFound(entry_id)
            return _to_entry(row)
