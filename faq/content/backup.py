"""Back up and restore the deployment's databases: ``python -m faq backup DEST`` and ``restore SRC``.

A backup is a directory, written whole or not at all (built beside DEST under a temporary name, then
renamed): one file per database and ``manifest.json`` with the date, the FAQ schema's alembic revision and,
per database, its source, size, SHA-256 and integrity check.

- **SQLite** (``faq.db``, ``tracker.db``): SQLite's online backup API, in one step: the copy is the
  database as of one commit, taken under a read snapshot, while the server keeps answering (in WAL mode
  readers never block the writer). A plain file copy is not a backup: in WAL mode the latest commits sit
  in ``<file>-wal``, and in any mode a copy can catch a page half written. The copy is checked with
  ``PRAGMA integrity_check`` and left in the rollback journal, one self-contained file.
- **PostgreSQL** (``faq.dump``, ``tracker.dump``): ``pg_dump --format=custom`` (one consistent snapshot
  per database, taken while the server runs); restored with ``pg_restore --single-transaction``.

Each database is consistent on its own; the FAQ and tracker copies are taken one after the other.

Restore checks every file against the manifest before touching anything, then refuses to replace a
database that holds tables unless ``force``; with it, a SQLite database is replaced through the backup API
(one transaction: a reader sees the old database or the new one), after a copy of the replaced one is kept
beside it (``<file>.before-restore-<time>``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from faq.content.sqlite import set_pragmas, sqlite_file
from faq.errors import FaqError

FORMAT = 1
MANIFEST = "manifest.json"
FAQ, TRACKER = "faq", "tracker"


class BackupError(FaqError):
    """A backup or restore that cannot be done as asked; nothing was changed."""


@dataclass(frozen=True)
class Database:
    """One database of the deployment: ``faq`` (GOVBOT_DATABASE_URL) or ``tracker`` (the tracker store)."""

    name: str
    url: str

    @property
    def kind(self) -> str:
        backend = make_url(self.url).get_backend_name()
        if backend == "sqlite":
            if sqlite_file(self.url) is None:
                raise BackupError(f"{self.name}: an in-memory SQLite database has nothing to back up")
            return "sqlite"
        if backend == "postgresql":
            return "postgresql"
        raise BackupError(f"{self.name}: no backup for {backend} databases (SQLite and PostgreSQL only)")

    @property
    def file_name(self) -> str:
        return f"{self.name}.db" if self.kind == "sqlite" else f"{self.name}.dump"

    def same_as(self, other: Database) -> bool:
        mine, theirs = sqlite_file(self.url), sqlite_file(other.url)
        if mine is not None and theirs is not None:
            return mine.resolve() == theirs.resolve()
        return _plain(self.url) == _plain(other.url)


def deployment_databases(database_url: str, tracker_store_url: str) -> list[Database]:
    """The FAQ database, and the tracker store's when it is a database of its own (an empty URL is Rasa's
    in-memory store: nothing to back up)."""
    databases = [Database(FAQ, database_url)]
    tracker = Database(TRACKER, tracker_store_url)
    if tracker_store_url and not tracker.same_as(databases[0]):
        databases.append(tracker)
    for database in databases:
        _ = database.kind  # an unsupported URL fails here, before anything is written
    return databases


def _plain(url: str) -> str:
    parsed = make_url(url)
    return parsed.set(drivername=parsed.get_backend_name()).render_as_string(hide_password=True)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# -- SQLite ---------------------------------------------------------------------------------------------
def _connect_existing(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise BackupError(f"{path} does not exist")
    return sqlite3.connect(path, timeout=30)


def integrity(path: Path) -> str:
    """``PRAGMA integrity_check`` of a SQLite file: "ok", or SQLite's first problems."""
    connection = _connect_existing(path)
    try:
        return "; ".join(row[0] for row in connection.execute("PRAGMA integrity_check(5)"))
    finally:
        connection.close()


def copy_sqlite(source_path: Path, target: Path) -> None:
    """A consistent copy of a SQLite database that may be in use (the online backup API), in one file."""
    source = _connect_existing(source_path)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy, pages=-1)  # one step: one read snapshot, however long the copy takes
        copy.execute("PRAGMA journal_mode=DELETE")  # the backup: one self-contained file
    finally:
        copy.close()
        source.close()


def _tables(url: str) -> list[str]:
    path = sqlite_file(url)
    if path is not None:
        if not path.is_file() or path.stat().st_size == 0:
            return []
        connection = sqlite3.connect(path, timeout=30)
        try:
            rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        finally:
            connection.close()
        return [row[0] for row in rows]
    engine = create_engine(url)
    try:
        return inspect(engine).get_table_names()
    finally:
        engine.dispose()


def _restore_sqlite(backup_file: Path, target: Path, replaced: Path | None) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if replaced is not None:
        copy_sqlite(target, replaced)
    source = _connect_existing(backup_file)
    destination = sqlite3.connect(target, timeout=30)
    try:
        source.backup(destination, pages=-1)  # one write transaction on the target
        set_pragmas(destination)  # the backup file is in the rollback journal; the database runs in WAL
    finally:
        destination.close()
        source.close()


# -- PostgreSQL -----------------------------------------------------------------------------------------
def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} not found on PATH: backing up or restoring PostgreSQL needs PostgreSQL's client "
            f"programs (Debian: apt-get install postgresql-client, of the server's major version or newer)"
        )
    return found


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection URI (no SQLAlchemy driver, no password) and the environment with PGPASSWORD."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    uri = parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return uri, env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise BackupError(f"{what} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")


def _pg_dump(url: str, target: Path) -> None:
    uri, env = _libpq(url)
    _run([_pg_tool("pg_dump"), "--format=custom", f"--file={target}", f"--dbname={uri}"], env, "pg_dump")


def _pg_restore(backup_file: Path, url: str) -> None:
    uri, env = _libpq(url)
    command = [
        _pg_tool("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={uri}",
        str(backup_file),
    ]
    _run(command, env, "pg_restore")


# -- the commands ---------------------------------------------------------------------------------------
def _revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return None
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    from faq.content.store import MIGRATIONS_DIR

    return {script.revision for script in ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()}


def backup(databases: list[Database], dest: Path, now: datetime | None = None) -> dict[str, Any]:
    """Back up ``databases`` into the new directory ``dest``; returns the manifest written there."""
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise BackupError(f"{dest} exists and is not an empty directory: back up into a new one")
    if any(database.kind == "postgresql" for database in databases):
        _pg_tool("pg_dump")  # before anything is written
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.parent / f".{dest.name}.partial-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    created = (now or datetime.now(timezone.utc)).isoformat(timespec="seconds")
    entries = []
    skipped = []
    revision = None
    try:
        for database in databases:
            target = partial / database.file_name
            source = sqlite_file(database.url)
            if database.name == TRACKER and source is not None and not source.exists():
                skipped.append({"name": database.name, "reason": f"{source} does not exist yet"})
                continue
            if source is not None:
                copy_sqlite(source, target)
                check = integrity(target)
                if check != "ok":
                    raise BackupError(
                        f"{database.name}: the copy of {source} fails its integrity check: {check}"
                    )
                if database.name == FAQ:
                    revision = _revision(f"sqlite:///{target}")
            else:
                if database.name == FAQ:
                    revision = _revision(database.url)
                _pg_dump(database.url, target)
                check = "pg_dump ok"
            _fsync(target)
            entries.append(
                {
                    "name": database.name,
                    "kind": database.kind,
                    "file": database.file_name,
                    "source": _plain(database.url),
                    "bytes": target.stat().st_size,
                    "sha256": _sha256(target),
                    "integrity": check,
                }
            )
        manifest = {
            "format": FORMAT,
            "created_at": created,
            "alembic_revision": revision,
            "databases": entries,
            "skipped": skipped,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
        _fsync(partial / MANIFEST)
        os.replace(partial, dest)  # the backup appears whole or not at all
        _fsync(dest.parent)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return manifest


def read_manifest(src: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((src / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{src} is not a backup: no readable {MANIFEST} ({exc})") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{src}: backup format {manifest.get('format')!r}, this version reads {FORMAT}")
    return manifest


@dataclass(frozen=True)
class Restored:
    name: str
    target: str
    backup_file: Path
    replaced: Path | None  # where the database it replaced was kept (SQLite), None when there was none
    had_tables: bool

    def line(self) -> str:
        if not self.had_tables:
            return f"{self.name}: restored {self.backup_file} into {self.target} (nothing was there before)"
        kept = f"; the database it replaced is kept at {self.replaced}" if self.replaced else ""
        return f"{self.name}: replaced {self.target} with {self.backup_file}{kept}"


def restore(databases: list[Database], src: Path, force: bool = False) -> list[Restored]:
    """Put the backup in ``src`` back into ``databases`` (matched by name). Everything is checked first:
    the files against the manifest, the kinds, and that no target holds tables unless ``force``."""
    manifest = read_manifest(src)
    revision = manifest.get("alembic_revision")
    if revision is not None and revision not in _known_revisions():
        raise BackupError(
            f"the backup's schema revision {revision} is unknown to this version of the code (a backup "
            f"made by a newer release): restore it with that release"
        )
    by_name = {database.name: database for database in databases}
    plan: list[tuple[dict[str, Any], Database, list[str]]] = []
    for entry in manifest["databases"]:
        database = by_name.get(entry["name"])
        if database is None:
            raise BackupError(
                f"the backup holds the {entry['name']} database but this deployment has none to restore into "
                f"(GOVBOT_TRACKER_STORE_URL is empty or the FAQ database's)"
            )
        if database.kind != entry["kind"]:
            raise BackupError(
                f"{entry['name']}: the backup is {entry['kind']}, "
                f"the deployment's database is {database.kind}"
            )
        backup_file = src / entry["file"]
        if not backup_file.is_file() or _sha256(backup_file) != entry["sha256"]:
            raise BackupError(f"{backup_file} is missing or differs from the manifest: the backup is damaged")
        if entry["kind"] == "sqlite" and integrity(backup_file) != "ok":
            raise BackupError(f"{backup_file} fails its integrity check: the backup is damaged")
        if entry["kind"] == "postgresql":
            _pg_tool("pg_restore")
        tables = _tables(database.url)
        if tables and not force:
            raise BackupError(_in_use(database, tables))
        plan.append((entry, database, tables))
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    done = []
    for entry, database, tables in plan:
        backup_file = src / entry["file"]
        replaced = None
        if entry["kind"] == "sqlite":
            target = sqlite_file(database.url)
            assert target is not None
            replaced = target.with_name(f"{target.name}.before-restore-{stamp}") if tables else None
            _restore_sqlite(backup_file, target, replaced)
            shown = str(target)
        else:
            _pg_restore(backup_file, database.url)
            shown = _plain(database.url)
        done.append(Restored(database.name, shown, backup_file, replaced, bool(tables)))
    return done


def _in_use(database: Database, tables: list[str]) -> str:
    path = sqlite_file(database.url)
    where = str(path) if path is not None else _plain(database.url)
    open_now = ""
    if path is not None and path.with_name(path.name + "-wal").exists():
        open_now = ", and a process has it open (its -wal file is there)"
    return (
        f"{database.name}: {where} is a database in use ({len(tables)} tables{open_now}); not replaced. "
        f"Stop the server, then run restore again with --force to replace it"
    )
