"""Issue 23 (4) and (10): the public routes' cost per request is bounded and their heavy work cannot take
the chat's event loop's share; console pages are limited per address; HSTS over TLS.

The probe: 30 texts of 2,100 characters cost ~1.1 s of ふりがな analysis, and 8 clients from one address took
the chat's median from 0.04 to 4.9 s (benchmarks/flood_benchmark.py measures the chat under such a flood).
"""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
from fastapi.testclient import TestClient
from starlette.exceptions import HTTPException

import bot.web.api.furigana as furigana_route
from bot.web.api.furigana import MAX_TOTAL_CHARS
from bot.web.app import create_app
from bot.web.middleware.limits import HeavyWork

pytestmark = pytest.mark.integration

TEXT = "罹災証明書は市町村の窓口で申請します。"


@pytest.fixture()
def app(scratch_service, govbot_env):
    def make(**env: str):
        govbot_env(**env)
        return create_app(scratch_service)

    return make


def test_furigana_refuses_more_than_its_bound_of_characters_in_all(app) -> None:
    with TestClient(app()) as client:
        texts = [TEXT * 10] * 30  # 30 texts of 190 characters: what the widget sends at most, about
        assert sum(map(len, texts)) <= MAX_TOTAL_CHARS
        assert client.post("/api/furigana", json={"texts": texts}).status_code == 200
        # the probe's request: 30 texts of 2,100 characters (ASCII, so that it fits the 64 KB body bound)
        flood = client.post("/api/furigana", json={"texts": ["word 123 " * 233 + "abc"] * 30})
        assert flood.status_code == 413, flood.text  # was 200 after ~1 s of analysis
        assert "文字まで" in flood.json()["detail"]


def test_furigana_has_its_own_limit_per_address(app) -> None:
    with TestClient(app(RATE_LIMIT_FURIGANA_PER_ADDRESS="2/minute")) as client:
        codes = [client.post("/api/furigana", json={"texts": [TEXT]}).status_code for _ in range(3)]
        assert codes == [200, 200, 429]
        assert client.get("/api/faq/search", params={"q": "罹災証明書"}).status_code == 200


def test_search_and_furigana_run_on_the_heavy_work_threads(app, scratch_service, monkeypatch) -> None:
    seen: list[str] = []
    search, ruby = scratch_service.search, furigana_route.ruby_segments

    def recording_search(*args, **kwargs):
        seen.append(threading.current_thread().name)
        return search(*args, **kwargs)

    def recording_ruby(*args, **kwargs):
        seen.append(threading.current_thread().name)
        return ruby(*args, **kwargs)

    monkeypatch.setattr(scratch_service, "search", recording_search)
    monkeypatch.setattr(furigana_route, "ruby_segments", recording_ruby)
    with TestClient(app()) as client:
        assert client.get("/api/faq/search", params={"q": "罹災証明書"}).status_code == 200
        assert client.post("/api/furigana", json={"texts": [TEXT]}).status_code == 200
    assert seen and all(name.startswith("heavy-work") for name in seen), seen


def test_heavy_work_refuses_beyond_its_queue() -> None:
    work = HeavyWork(threads=1, queue=1)
    release = threading.Event()

    async def flood() -> list[object]:
        calls = [work.run(release.wait, 5) for _ in range(3)]
        tasks = [asyncio.ensure_future(call) for call in calls]
        await asyncio.sleep(0.05)
        release.set()
        return await asyncio.gather(*tasks, return_exceptions=True)

    results = asyncio.run(flood())
    refused = [r for r in results if isinstance(r, HTTPException)]
    assert len(refused) == 1 and refused[0].status_code == 503 and refused[0].headers["Retry-After"]
    assert results.count(True) == 2
    started = time.monotonic()
    assert asyncio.run(work.run(sum, [1, 2])) == 3 and time.monotonic() - started < 1  # free again


def test_console_pages_are_limited_per_address(app) -> None:
    made = app(RATE_LIMIT_CONSOLE_PER_ADDRESS="3/minute")
    with TestClient(made) as client:
        codes = [client.get("/console/login").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        assert client.get("/console/", follow_redirects=False).status_code == 429
        elsewhere = TestClient(made, client=("198.51.100.7", 50000))
        assert elsewhere.get("/console/login").status_code == 200


def test_hsts_is_sent_over_tls_only(app) -> None:
    made = app()
    with TestClient(made, base_url="https://testserver") as client:
        assert client.get("/healthz").headers["strict-transport-security"] == "max-age=31536000"
    with TestClient(made) as client:  # plain http: browsers ignore it there, and it is not sent
        assert "strict-transport-security" not in client.get("/healthz").headers
    with TestClient(app(BEHIND_TLS="true")) as client:  # a TLS proxy that does not say so
        assert client.get("/console/login").headers["strict-transport-security"] == "max-age=31536000"
