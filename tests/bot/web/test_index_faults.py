"""A corrupt index on disk is refused: the previous index keeps serving and staff are told."""

from __future__ import annotations

import json
import time

import pytest
from fastapi.testclient import TestClient

from bot.web.app import create_app
from bot.web.settings import get_settings
from faq.service import FaqService
from faq.staff import StaffDirectory
from tests.console.conftest import PASSWORD, sign_in

pytestmark = pytest.mark.integration


@pytest.fixture()
def service(isolated_service) -> FaqService:
    return isolated_service


def wait_for(condition, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_corrupt_index_files_are_refused_and_the_previous_index_keeps_serving(service, monkeypatch) -> None:
    monkeypatch.setenv("GOVBOT_INDEX_POLL_SECONDS", "0.2")
    get_settings.cache_clear()
    try:
        with TestClient(create_app(service), base_url="https://testserver") as client:
            before = client.get("/api/faq/search", params={"q": "りさいしょうめい", "k": 1}).json()
            revision = before["revision"]
            # Someone (a failed deploy, a full disk) leaves a manifest for a new revision beside broken data.
            folder = service.settings.index_dir
            manifest = json.loads((folder / "manifest.json").read_text())
            manifest["corpus_revision"] = "0123456789abcdef"
            (folder / "entries.json").write_text("{broken", encoding="utf-8")
            (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

            assert wait_for(lambda: client.get("/healthz").json()["status"] == "degraded")
            health = client.get("/healthz").json()
            assert health["revision"] == revision and "refused" in health["problem"]
            after = client.get("/api/faq/search", params={"q": "りさいしょうめい", "k": 1})
            assert after.status_code == 200 and after.json()["results"] == before["results"]

            StaffDirectory(service.store).create("watch-editor", PASSWORD, "editor")
            sign_in(client, "watch-editor")
            assert "検索インデックスのファイルを読み込めませんでした" in client.get("/console/").text
    finally:
        get_settings.cache_clear()


def test_good_index_files_from_another_process_are_taken_up(service, monkeypatch, built_service) -> None:
    monkeypatch.setenv("GOVBOT_INDEX_POLL_SECONDS", "0.2")
    get_settings.cache_clear()
    try:
        with TestClient(create_app(service)) as client:
            old = client.get("/healthz").json()["revision"]
            # Another process publishes a retirement and writes the index files (as `faq index` would).
            other = FaqService(service.settings)
            other.warm_up()
            from faq.content.versions import Actor, EntryVersions

            EntryVersions(other.store).retire("kikumimi-what-is", Actor("ops", "reviewer"), "統合")
            other.refresh_index(save=True)
            assert wait_for(lambda: client.get("/healthz").json()["revision"] != old)
            assert client.get("/healthz").json()["status"] == "ok"
    finally:
        get_settings.cache_clear()


@pytest.mark.parametrize("damage", [""])  # a full disk leaves 0 bytes; rebuilding takes minutes here
def test_a_corrupt_manifest_at_start_up_is_rebuilt_from_the_store(service, damage) -> None:
    folder = service.settings.index_dir
    good = json.loads((folder / "manifest.json").read_text())
    (folder / "manifest.json").write_text(damage, encoding="utf-8")
    token = _editor_token(service)
    with TestClient(create_app(service), base_url="https://testserver") as client:
        health = client.get("/healthz")
        assert health.status_code == 200 and health.json()["status"] == "ok"
        assert health.json()["revision"] == good["corpus_revision"]
        found = client.get("/api/faq/search", params={"q": "りさいしょうめい", "k": 1})
        assert found.status_code == 200 and found.json()["results"]
        tried = client.post("/api/staff/try", json={"question": "罹災証明書"}, headers=token)
        assert tried.status_code == 200 and tried.json()["before"]["results"]
    assert json.loads((folder / "manifest.json").read_text())["corpus_revision"] == good["corpus_revision"]


def test_without_any_index_staff_try_answers_503_not_500(service) -> None:
    token = _editor_token(service)
    with TestClient(create_app(service, warm_up=False), base_url="https://testserver") as client:
        service.store.migrate()
        tried = client.post("/api/staff/try", json={"question": "罹災証明書"}, headers=token)
        assert tried.status_code == 503 and "search" in tried.json()["detail"]


def _editor_token(service: FaqService) -> dict[str, str]:
    service.store.migrate()
    directory = StaffDirectory(service.store)
    directory.create("heal-editor", PASSWORD, "editor")
    return {"Authorization": f"Bearer {directory.issue_token('heal-editor', 'tests')}"}
