"""A copy of the project's SQLite database for a test that writes, made as a live database must be copied.

The database runs in write-ahead-log mode (issue 30): the latest commits of a server running beside the tests
wait in ``govbot.db-wal``, and a file copy of ``govbot.db`` alone misses them or brings back rows since
deleted. SQLite's online backup copies what a reader sees.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def copy_database(database_url: str, target: Path) -> Path:
    """Copy the SQLite database at ``database_url`` (sqlite:///…) to ``target``; returns ``target``."""
    source = sqlite3.connect(database_url.removeprefix("sqlite:///"))
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    return target
