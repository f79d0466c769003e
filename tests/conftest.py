"""Shared fixtures: the shipped corpus, indexes built from it, and the real built service."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from faq.content.corpus import load_corpus
from faq.errors import IndexNotReady
from faq.search.index import SearchIndex
from faq.service import FaqService
from faq.settings import Settings, get_settings
from faq.text import JapaneseAnalyzer
from tests.databases import copy_database
from tests.server import server  # noqa: F401 - the shared end-to-end server fixture

SPEED_MARKERS = ("unit", "integration", "slow")

# CI (`.ci/run`) draws the same generated inputs on every run, so that a landing is decided by the change
# and not by the draw; a developer's `make test` keeps drawing new ones, which is how new cases are found
# (each becomes an explicit @example beside its test).
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session", autouse=True)
def project_index_untouched():
    """No test may rewrite the project's built index (var/index): every test that searches reads it, and the
    labelled sets' floors are measured on it. A server a test starts gets a copy (tests/server.py, the
    scale-out cluster); this fails the session if one writes the original all the same."""
    manifest = get_settings().index_dir / "manifest.json"
    before = manifest.read_bytes() if manifest.is_file() else b""
    yield
    after = manifest.read_bytes() if manifest.is_file() else b""
    if after != before:
        pytest.fail(f"a test rewrote the project's index ({manifest}); give its server an index copy")


def pytest_collection_modifyitems(config, items) -> None:
    """Every test says what it needs: ``unit`` (fast, no model or server), ``integration`` or ``slow``.
    A test without one of these markers fails at collection, so `-m unit` never silently skips it."""
    unmarked = [item.nodeid for item in items if not any(item.get_closest_marker(m) for m in SPEED_MARKERS)]
    if unmarked:
        raise pytest.UsageError("tests without a unit/integration/slow marker:\n" + "\n".join(unmarked))


def made_up_entry(**changes) -> dict:
    """A valid entry as a YAML file holds it, made up for tests (never shipped), with ``changes`` over it."""
    return {
        "id": "test-entry",
        "category": "行政相談",
        "question": "行政相談の電話番号は？",
        "alternates": ["行政相談 電話番号", "ぎょうせいそうだん でんわ"],
        "answer": "行政苦情110番 0570-090-110 です。",
        "audience": ["住民"],
        "source": {"document": "テスト用の資料", "ref": "test:L1"},
        "last_checked": "2026-11-22",
        **changes,
    }


@pytest.fixture()
def entry_record():
    """:func:`made_up_entry`: a valid entry record to break or extend in a test."""
    return made_up_entry


@pytest.fixture(scope="session")
def analyzer() -> JapaneseAnalyzer:
    return JapaneseAnalyzer()


@pytest.fixture(scope="session")
def corpus():
    return load_corpus(get_settings().entries_dir)


@pytest.fixture(scope="session")
def lexical_index(corpus, analyzer) -> SearchIndex:
    """The whole corpus, lexical retrieval only, default weights: quick to build."""
    index = SearchIndex([e for e in corpus if e.status == "published"], analyzer, None)
    index.build()
    return index


@pytest.fixture(scope="session")
def built_service() -> FaqService:
    """The service as `make run` serves it: the index built by `make data` from the shipped corpus."""
    service = FaqService()
    try:
        service.warm_up()
    except IndexNotReady as exc:
        pytest.fail(f"no built index ({exc}); run the tests through `make test`, which builds it")
    return service


@pytest.fixture(scope="session")
def scratch_service(built_service, tmp_path_factory) -> FaqService:
    """The shipped index over a copy of the database: for tests whose code writes (votes, questions)."""

    database = tmp_path_factory.mktemp("scratch") / "govbot.db"
    copy_database(built_service.store.database_url, database)
    settings = Settings(
        database_url=f"sqlite:///{database}",
        index_dir=built_service.settings.index_dir,
        encoder_path=built_service.settings.encoder_path,
    )
    service = FaqService(settings)
    service.warm_up()
    return service


@pytest.fixture()
def isolated_service(tmp_path, built_service) -> FaqService:
    """The shipped database and index, copied: what a test publishes or writes changes only the copies."""
    import shutil

    database = tmp_path / "govbot.db"
    copy_database(built_service.store.database_url, database)
    index_dir = tmp_path / "index"
    shutil.copytree(built_service.settings.index_dir, index_dir)
    settings = Settings(
        database_url=f"sqlite:///{database}",
        index_dir=index_dir,
        encoder_path=built_service.settings.encoder_path,
    )
    return FaqService(settings)


@pytest.fixture()
def tmp_settings(tmp_path) -> Settings:
    """Settings pointing every file at a temporary folder; lexical-only unless a test says otherwise."""
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'faq.db'}",
        index_dir=tmp_path / "index",
        encoder_path="",
    )


def run_rasa(*args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    """Run the venv's `rasa` command from the project root, telemetry off."""
    from faq.settings import PROJECT_ROOT

    rasa = Path(sys.executable).with_name("rasa")
    return subprocess.run(
        [str(rasa), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=PROJECT_ROOT,
        env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
    )


def fresh_postgres_url() -> str:
    """The test PostgreSQL database, emptied (``scripts/services.sh start`` provides it); skips without it."""
    url = os.environ.get("GOVBOT_TEST_POSTGRES_URL", "")
    if not url:
        pytest.skip('GOVBOT_TEST_POSTGRES_URL not set: `eval "$(scripts/services.sh start)"` provides it')
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url
