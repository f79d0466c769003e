"""SQLite's journal and sync, set in one place for every engine of the project (FAQ store, tracker store,
retention, LINE).

Every connection to a SQLite database runs with the write-ahead log and ``synchronous=FULL``: a commit
returns only once it is on disk (a power cut loses no answered turn and no published entry), readers never
block the writer, and the commit costs about half of the rollback journal's. A PostgreSQL engine is left
as it is.

The price of the write-ahead log: the latest commits sit in ``<file>-wal`` until a checkpoint, so a plain
copy of the database file misses them (and a copy in any journal mode can catch a write half done). Back
up with ``python -m faq backup`` (SQLite's online backup API, ``faq/content/backup.py``), never ``cp``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url

JOURNAL_MODE = "wal"
SYNCHRONOUS_FULL = 2  # what ``PRAGMA synchronous`` reads back for FULL


def set_pragmas(dbapi_connection: Any, _record: Any = None) -> None:
    """WAL and ``synchronous=FULL`` on one DB-API (sqlite3) connection."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA journal_mode={JOURNAL_MODE}")  # stays in the file; a no-op once set
        cursor.execute("PRAGMA synchronous=FULL")  # per connection: set on each one
    finally:
        cursor.close()


def durable(engine: Engine) -> Engine:
    """``engine``, its every new SQLite connection in WAL mode with ``synchronous=FULL`` (before first use:
    connections it already opened keep their settings). Other dialects are returned untouched."""
    if engine.dialect.name == "sqlite" and not event.contains(engine, "connect", set_pragmas):
        event.listen(engine, "connect", set_pragmas)
    return engine


def is_durable(engine: Engine) -> bool:
    """Whether :func:`durable` set this engine up."""
    return event.contains(engine, "connect", set_pragmas)


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL; None for an in-memory database or another dialect."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)
