"""Rasa's conversation tests (tests/conversations), with `--fail-on-prediction-errors`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from faq.settings import PROJECT_ROOT

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_conversation_stories_pass(server, tmp_path) -> None:
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "{server.base}/actions/webhook"\n', encoding="utf-8")
    rasa = Path(sys.executable).with_name("rasa")
    done = subprocess.run(
        [
            str(rasa),
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
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=PROJECT_ROOT,
        env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
    )
    failed = tmp_path / "results" / "failed_test_stories.yml"
    details = failed.read_text(encoding="utf-8") if failed.is_file() else done.stdout[-3000:]
    assert done.returncode == 0, details + done.stderr[-2000:]
