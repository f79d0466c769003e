"""A real server for end-to-end tests: `python -m bot.web` with the trained Rasa model, on a free port.

One server per test session, shared by the REST tests (tests/bot) and the browser tests (tests/widget).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from faq.content.backup import copy_sqlite
from faq.settings import PROJECT_ROOT, get_settings

ACTION_TOKEN = "test-" + uuid.uuid4().hex


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, base: str, log: Path, tracker_db: Path, database: Path, embedder_port: int):
        # A municipal page on http://localhost:<embedder_port> is configured as allowed to embed the widget.
        self.embedder_port = embedder_port
        self.base = base
        self.log = log
        self.tracker_db = tracker_db  # Rasa's SQL tracker store (SQLite here, PostgreSQL in production)
        self.database = database  # FAQ store and 相談メモ

    def say(self, sender: str, message: str, timeout: float = 30, metadata: dict | None = None) -> list[dict]:
        payload: dict = {"sender": sender, "message": message}
        if metadata is not None:
            payload["metadata"] = metadata
        body = json.dumps(payload).encode()
        request = urllib.request.Request(
            self.base + "/webhooks/rest/webhook", body, {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read().decode())

    def conversation(self, *messages: str) -> list[list[dict]]:
        sender = "test-" + uuid.uuid4().hex[:10]
        return [self.say(sender, m) for m in messages]


def launch(
    env: dict[str, str], log: Path, *args: str, port: int | None = None
) -> tuple[subprocess.Popen, str]:
    """Start `python -m bot.web` with ``env`` over the current environment; return once /healthz is 200."""
    port = port or _free_port()
    full_env = {
        **os.environ,
        "GOVBOT_ACTION_TOKEN": ACTION_TOKEN,
        "GOVBOT_LOG_LEVEL": "INFO",
        "RASA_TELEMETRY_ENABLED": "false",
        "PYTHONWARNINGS": "ignore",
        **env,
    }
    with log.open("a") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.web", "--port", str(port), *args],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=full_env,
            cwd=PROJECT_ROOT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited: {log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return process, base
        except OSError:
            time.sleep(1)
    process.kill()
    pytest.fail(f"server did not become healthy: {log.read_text()[-3000:]}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Server:
    model = PROJECT_ROOT / "models" / "govbot.tar.gz"
    if not model.is_file():
        pytest.fail("no trained Rasa model; run the tests through `make test`, which trains it")
    folder = tmp_path_factory.mktemp("server")
    database = folder / "govbot.db"
    copy_sqlite(Path(get_settings().database_url.removeprefix("sqlite:///")), database)
    # Its own index too: what a console test publishes through this server is rebuilt and saved into the
    # server's index folder, never into the project's var/index that every other test searches.
    index_dir = shutil.copytree(get_settings().index_dir, folder / "index")
    embedder_port = _free_port()
    log = folder / "server.log"
    tracker_db = folder / "tracker.db"
    env = {
        "GOVBOT_DATABASE_URL": f"sqlite:///{database}",
        "GOVBOT_INDEX_DIR": str(index_dir),
        "GOVBOT_TRACKER_STORE_URL": f"sqlite:///{tracker_db}",
        "GOVBOT_ALLOWED_ORIGINS": f"http://localhost:{embedder_port}",
        # The suites start hundreds of conversations a minute from loopback, as no real address does.
        "GOVBOT_RATE_LIMIT_NEW_CONVERSATIONS_PER_ADDRESS": "1000000/minute",
        # ... and the browser suites open more console pages a minute than one member of staff (120): on a
        # quiet machine the review pages' axe check got 429 (the console limit has its own test).
        "GOVBOT_RATE_LIMIT_CONSOLE_PER_ADDRESS": "1000000/minute",
        "GOVBOT_OPEN_METRICS": "true",
    }
    process, base = launch(env, log)
    yield Server(base, log, tracker_db, database, embedder_port)
    stop(process)


def text_of(messages: list[dict]) -> str:
    parts = []
    for m in messages:
        parts.append(m.get("text") or "")
        parts += [b.get("title", "") for b in m.get("buttons") or []]
        if m.get("custom"):
            parts.append(json.dumps(m["custom"], ensure_ascii=False))
    return "\n".join(parts)
