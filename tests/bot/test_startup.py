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
