"""Scale-out on Rasa's own stores: workers sharing a PostgreSQL tracker store and FAQ store and a Redis lock
store. Needs `eval "$(scripts/services.sh start)"` (`.ci/run` does it); skipped without the services unless
GOVBOT_REQUIRE_SERVICES=1, which turns the skip into a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from faq.residents.privacy import conversation_key
from faq.service import FaqService
from faq.settings import Settings, get_settings
from faq.staff import StaffDirectory
from tests.console.conftest import PASSWORD
from tests.console.test_entries import NEW, QUERY
from tests.server import launch, stop, text_of

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def service_urls() -> dict[str, str]:
    names = (
        "GOVBOT_TEST_POSTGRES_URL",
        "GOVBOT_TEST_TRACKER_URL",
        "GOVBOT_TEST_REDIS_URL",
        "GOVBOT_TEST_PG_CTL",
    )
    urls = {name: os.environ.get(name, "") for name in names}
    missing = [name for name, value in urls.items() if not value]
    if missing:
        reason = f'{", ".join(missing)} not set: run `eval "$(scripts/services.sh start)"` first'
        if os.environ.get("GOVBOT_REQUIRE_SERVICES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return urls


def reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg2://", 1))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def call(
    base: str, path: str, body: dict | None = None, token: str = "", timeout: float = 30
) -> tuple[int, dict]:
    request = urllib.request.Request(
        base + path,
        json.dumps(body).encode() if body is not None else None,
        {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, {}


def say(base: str, sender: str, message: str) -> list[dict]:
    status, reply = call(base, "/webhooks/rest/webhook", {"sender": sender, "message": message})
    assert status == 200
    return reply  # type: ignore[return-value]


def say_status(base: str, sender: str, message: str) -> tuple[int, list[dict]]:
    """The chat reply and its status, the body read on an error status too (a 503 carries an apology)."""
    request = urllib.request.Request(
        base + "/webhooks/rest/webhook",
        json.dumps({"sender": sender, "message": message}).encode(),
        {"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"[]")


@dataclass
class Cluster:
    env: dict[str, str]
    log: Path
    bases: list[str]
    processes: list[subprocess.Popen]
    token: str
    pg_ctl: str


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> Cluster:
    urls = service_urls()
    reset_postgres(urls["GOVBOT_TEST_POSTGRES_URL"])
    reset_postgres(urls["GOVBOT_TEST_TRACKER_URL"])
    import redis

    redis.Redis.from_url(urls["GOVBOT_TEST_REDIS_URL"]).flushdb()
    # The FAQ store on PostgreSQL, loaded from the shipped entries; the index files a copy of the shipped
    # ones that both workers share: a publish here rebuilds and saves them, and must never rewrite the
    # project's var/index that every other test searches.
    shipped = get_settings()
    index_dir = shutil.copytree(shipped.index_dir, tmp_path_factory.mktemp("cluster-index") / "index")
    store_settings = Settings(database_url=urls["GOVBOT_TEST_POSTGRES_URL"], index_dir=index_dir)
    FaqService(store_settings).load_corpus()
    directory = StaffDirectory(FaqService(store_settings).store)
    directory.create("scale-reviewer", PASSWORD, "reviewer")
    token = directory.issue_token("scale-reviewer", "scale-out test")
    env = {
        "GOVBOT_OPEN_METRICS": "true",
        "GOVBOT_DATABASE_URL": urls["GOVBOT_TEST_POSTGRES_URL"],
        "GOVBOT_INDEX_DIR": str(index_dir),
        "GOVBOT_TRACKER_STORE_URL": urls["GOVBOT_TEST_TRACKER_URL"],
        "GOVBOT_LOCK_STORE_URL": urls["GOVBOT_TEST_REDIS_URL"],
        "GOVBOT_RATE_LIMIT_STORAGE_URL": urls["GOVBOT_TEST_REDIS_URL"],
        "GOVBOT_INDEX_POLL_SECONDS": "1",
    }
    log = tmp_path_factory.mktemp("cluster") / "workers.log"
    started = [launch(env, log) for _ in range(2)]
    cluster = Cluster(
        env, log, [b for _, b in started], [p for p, _ in started], token, urls["GOVBOT_TEST_PG_CTL"]
    )
    yield cluster
    for process in cluster.processes:
        stop(process)


def test_a_conversation_continues_when_turns_hit_different_workers(cluster: Cluster) -> None:
    a, b = cluster.bases
    sender = "scale-" + uuid.uuid4().hex[:8]
    first = say(a, sender, "被災して困っています")
    assert "都道府県" in text_of(first)
    second = say(b, sender, "熊本県です")  # the other worker knows what was asked
    assert "096-326-1100" in text_of(second) and "住まい" in text_of(second)
    third = say(a, sender, '/inform{"need": "お金"}')
    assert "生活再建のための支援金" in text_of(third)


def tracked_user_turns(cluster: Cluster, sender: str) -> list[str]:
    """What the resident said, as the shared PostgreSQL tracker store keeps it (under the one-way key)."""
    from sqlalchemy import create_engine, text

    url = cluster.env["GOVBOT_TRACKER_STORE_URL"].replace("postgresql://", "postgresql+psycopg2://", 1)
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT data FROM events WHERE sender_id = :key AND type_name = 'user' ORDER BY id"),
            {"key": conversation_key(sender)},
        ).fetchall()
    engine.dispose()
    return [json.loads(data)["text"] for (data,) in rows]


def test_a_message_resent_to_another_worker_is_answered_without_a_second_turn(cluster: Cluster) -> None:
    a, b = cluster.bases
    sender = "scale-" + uuid.uuid4().hex[:8]
    say(a, sender, "/menu")  # a choice question: a second turn would answer differently
    body = {"sender": sender, "message": "行政相談", "metadata": {"client_id": "c-" + uuid.uuid4().hex}}
    status, first = call(a, "/webhooks/rest/webhook", body)
    status_again, again = call(b, "/webhooks/rest/webhook", body)  # the phone lost the reply; b gets it
    assert (status, status_again) == (200, 200)
    assert again == first
    assert tracked_user_turns(cluster, sender).count("行政相談") == 1


def test_a_publish_on_one_worker_reaches_every_worker(cluster: Cluster) -> None:
    a, b = cluster.bases
    entry = {**NEW, "id": "test-scale-pet"}
    assert call(a, "/api/staff/entries", entry, cluster.token)[0] == 201
    assert call(a, f"/api/staff/entries/{entry['id']}/publish", {"reason": "公開"}, cluster.token)[0] == 200
    search = "/api/faq/search?" + urllib.parse.urlencode({"q": QUERY, "k": 1})
    deadline = time.monotonic() + 5
    tops: list[str] = []
    while time.monotonic() < deadline:
        tops = [call(base, search)[1]["results"][0]["id"] for base in (a, b)]
        if tops == [entry["id"], entry["id"]]:
            break
        time.sleep(0.2)
    assert tops == [entry["id"], entry["id"]]
    call(a, f"/api/staff/entries/{entry['id']}/retire", {"reason": "テスト終了"}, cluster.token)


def test_a_worker_killed_mid_conversation_the_conversation_resumes_on_another(cluster: Cluster) -> None:
    doomed, base = launch(cluster.env, cluster.log)
    sender = "scale-" + uuid.uuid4().hex[:8]
    assert "都道府県" in text_of(say(base, sender, "行政相談の窓口を知りたい"))
    doomed.send_signal(signal.SIGKILL)
    doomed.wait(timeout=10)
    survivor = cluster.bases[1]
    reply = say(survivor, sender, "大阪府です")
    assert "06-6942-1100" in text_of(reply) and "相談メモ" in text_of(reply)


def test_the_database_restarting_fails_politely_then_recovers_without_losing_edits(cluster: Cluster) -> None:
    a, b = cluster.bases
    entry = {**NEW, "id": "test-restart-edit"}
    assert call(a, "/api/staff/entries", entry, cluster.token)[0] == 201
    pg_ctl = cluster.pg_ctl.split()
    as_postgres = ["su", "postgres", "-s", "/bin/sh", "-c"] if os.geteuid() == 0 else None

    def control(action: str) -> None:
        command = [*pg_ctl, "-w", "-m", "fast", action] if action == "stop" else [*pg_ctl, "-w", action]
        if action == "start":
            command = [*pg_ctl, "-w", "-l", f"{pg_ctl[-1]}/server.log", "start"]
        if as_postgres:
            subprocess.run([*as_postgres, " ".join(command)], check=True, capture_output=True, timeout=60)
        else:
            subprocess.run(command, check=True, capture_output=True, timeout=60)

    control("stop")
    try:
        status, _ = call(a, "/api/staff/entries", {**NEW, "id": "test-during-outage"}, cluster.token)
        assert status == 503  # a clear refusal: nothing was saved, the editor knows to retry
        status, reply = say_status(b, "scale-outage", "協力隊の任期は？")
        # The tracker store is down too: the turn cannot be saved, so it is refused politely (503 with the
        # きくみみ contacts) rather than answered as if it had been — never a 500 or silence.
        assert status in (200, 503) and any(m.get("text") for m in reply)
        if status == 503:
            assert "0570-090-110" in text_of(reply)
        status, body = call(b, "/api/faq/search?" + urllib.parse.urlencode({"q": "協力隊の任期"}))
        assert status == 200 and body["results"]  # search keeps serving from memory
    finally:
        control("start")
    deadline = time.monotonic() + 20
    status = 0
    while time.monotonic() < deadline and status != 200:
        status, detail = call(a, f"/api/staff/entries/{entry['id']}", token=cluster.token)
        time.sleep(0.5)
    assert status == 200 and detail["working"]["entry"]["question"] == NEW["question"]  # the edit survived
    assert call(a, "/api/staff/entries/test-during-outage", token=cluster.token)[0] == 404
    assert "都道府県" in text_of(say(b, "scale-after-" + uuid.uuid4().hex[:6], "被災して困っています"))


def test_several_workers_behind_one_port(cluster: Cluster) -> None:
    process, base = launch({**cluster.env}, cluster.log, "--workers", "2")
    try:
        sender = "scale-" + uuid.uuid4().hex[:8]
        replies = [
            say(base, sender, m) for m in ("協力隊に応募できるか知りたい", '/inform{"role": "member"}')
        ]
        assert "住民票" in text_of(replies[1]) or "都市" in text_of(replies[1])
        status, _ = call(base, "/api/faq/search?" + urllib.parse.urlencode({"q": "きくみみ"}))
        assert status == 200
        with urllib.request.urlopen(base + "/metrics", timeout=10) as response:
            assert b"govbot_chat_turns_total" in response.read()
    finally:
        stop(process)
