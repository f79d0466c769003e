"""Start-up refuses clearly what cannot work, before loading anything."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from faq.settings import PROJECT_ROOT

pytestmark = pytest.mark.integration


def serve(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.web", "--port", "1", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONWARNINGS": "ignore", **env},
    )


def test_a_missing_rasa_model_is_a_clear_error_at_start_up(tmp_path) -> None:
    done = serve(GOVBOT_RASA_MODEL=str(tmp_path / "missing.tar.gz"))
    assert done.returncode == 2
    assert "no Rasa model at" in done.stderr and "--faq-only" in done.stderr


def test_workers_without_a_shared_tracker_store_are_refused() -> None:
    done = serve("--workers", "2", GOVBOT_TRACKER_STORE_URL="")
    assert done.returncode == 2 and "GOVBOT_TRACKER_STORE_URL" in done.stderr


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"", "is empty (0 bytes)"),
        (b"not a model at all", "cannot be read"),
        (b"\x1f\x8b\x08\x00junk", "cannot be read"),
    ],
)
def test_an_empty_or_unreadable_rasa_model_is_refused_like_a_missing_one(tmp_path, content, said) -> None:
    model = tmp_path / "govbot.tar.gz"
    model.write_bytes(content)
    done = serve(GOVBOT_RASA_MODEL=str(model))
    assert done.returncode == 2, done.stderr
    assert said in done.stderr and "--faq-only" in done.stderr


def test_a_model_cut_short_is_refused(tmp_path) -> None:
    model = tmp_path / "govbot.tar.gz"
    model.write_bytes((PROJECT_ROOT / "models" / "govbot.tar.gz").read_bytes()[:4096])  # cut short
    done = serve(GOVBOT_RASA_MODEL=str(model))
    assert done.returncode == 2 and "cannot be read" in done.stderr


STORES = (
    "GOVBOT_DATABASE_URL",
    "GOVBOT_TRACKER_STORE_URL",
    "GOVBOT_LOCK_STORE_URL",
    "GOVBOT_RATE_LIMIT_STORAGE_URL",
)


@pytest.mark.parametrize(
    ("urls", "named"),
    [
        # none of the four: each is named
        (("sqlite:////tmp/never-opened.db", "", "", "memory://"), STORES),
        # one store missing: only that one is named
        (
            (
                "postgresql+psycopg2://govbot@127.0.0.1:1/govbot",
                "postgresql://govbot@127.0.0.1:1/tracker",
                "redis://127.0.0.1:1/0",
                "memory://",
            ),
            ("GOVBOT_RATE_LIMIT_STORAGE_URL",),
        ),
    ],
)
def test_production_without_its_stores_is_refused_naming_each_missing_one(
    urls: tuple[str, ...], named: tuple[str, ...]
) -> None:
    done = serve("--production", "--workers", "2", **dict(zip(STORES, urls, strict=True)))
    assert done.returncode == 2, done.stderr
    for variable in STORES:
        assert (variable in done.stderr) is (variable in named), (variable, done.stderr)
    assert "never-opened" not in done.stderr  # the URL itself (a password, perhaps) is not echoed
