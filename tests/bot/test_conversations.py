"""Rasa's conversation tests (tests/conversations), with `--fail-on-prediction-errors`."""

from __future__ import annotations

import pytest

from faq.settings import PROJECT_ROOT
from tests.conftest import run_rasa
from tests.server import ACTION_TOKEN

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_conversation_stories_pass(server, tmp_path) -> None:
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "{server.base}/actions/webhook"\n  token: "{ACTION_TOKEN}"\n',
        encoding="utf-8",
    )
    done = run_rasa(
        "test",
        "core",
        "--stories",
        str(PROJECT_ROOT / "tests" / "conversations"),
        "--model",
        str(PROJECT_ROOT / "models" / "govbot.tar.gz"),
        "--endpoints",
        str(endpoints),
        "--fail-on-prediction-errors",
        "--out",
        str(tmp_path / "results"),
        "--no-plot",
    )
    failed = tmp_path / "results" / "failed_test_stories.yml"
    details = failed.read_text(encoding="utf-8") if failed.is_file() else done.stdout[-3000:]
    assert done.returncode == 0, details + done.stderr[-2000:]
