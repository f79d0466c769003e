"""A publish reaches search on the real server within 5 s, with no failed request during the swap."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
import urllib.request

import pytest

from faq.content.store import FaqStore
from faq.staff import StaffDirectory
from tests.console.conftest import PASSWORD
from tests.console.test_entries import NEW, QUERY

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def call(base: str, path: str, body: dict | None = None, token: str = "") -> tuple[int, dict]:
    request = urllib.request.Request(
        base + path,
        json.dumps(body).encode() if body is not None else None,
        {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, {}


def test_publish_under_concurrent_queries(server) -> None:
    store = FaqStore(f"sqlite:///{server.database}")
    directory = StaffDirectory(store)
    directory.create("live-reviewer", PASSWORD, "reviewer")
    token = directory.issue_token("live-reviewer", "live test")
    entry = {**NEW, "id": "test-live-pet"}
    assert call(server.base, "/api/staff/entries", entry, token)[0] == 201

    search = "/api/faq/search?" + urllib.parse.urlencode({"q": QUERY, "k": 3})
    seen: list[tuple[float, int, str]] = []  # (time, status, top id)
    stop = threading.Event()

    def resident() -> None:
        while not stop.is_set():
            status, body = call(server.base, search)
            top = body["results"][0]["id"] if status == 200 and body.get("results") else ""
            seen.append((time.monotonic(), status, top))

    residents = [threading.Thread(target=resident) for _ in range(4)]
    for t in residents:
        t.start()
    try:
        time.sleep(1.0)
        published_at = time.monotonic()
        status, body = call(
            server.base, f"/api/staff/entries/{entry['id']}/publish", {"reason": "公開"}, token
        )
        assert status == 200, body
        deadline = published_at + 5
        while time.monotonic() < deadline and not any(
            t > published_at and top == entry["id"] for t, _, top in seen
        ):
            time.sleep(0.05)
        time.sleep(0.5)
    finally:
        stop.set()
        for t in residents:
            t.join()
    try:
        first_new = min(t for t, _, top in seen if top == entry["id"])
        assert first_new - published_at <= 5.0
        assert len(seen) > 20 and all(status == 200 for _, status, _ in seen)  # no request failed
        before = [top for t, _, top in seen if t < published_at]
        assert before and entry["id"] not in before
        # The assistant answers with it too.
        reply = server.say("live-pet", QUERY)
        assert any("ペットの受け入れは避難所ごとに異なります" in (m.get("text") or "") for m in reply)
    finally:  # leave the shared server as the other tests expect it
        call(server.base, f"/api/staff/entries/{entry['id']}/retire", {"reason": "テスト終了"}, token)
