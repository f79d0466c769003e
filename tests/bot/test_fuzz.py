"""The OpenAPI surface fuzzed with schemathesis against a real server, with every check: no 5xx, and every
answer is what the document says (status codes, shapes, Allow, valid requests accepted, invalid refused)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from faq.content.store import FaqStore
from faq.settings import PROJECT_ROOT, get_settings
from faq.staff import StaffDirectory
from tests.console.conftest import PASSWORD
from tests.databases import copy_database
from tests.server import launch, stop

pytestmark = [pytest.mark.integration, pytest.mark.slow]
SCHEMATHESIS = PROJECT_ROOT / "var" / "tools" / "bin" / "schemathesis"
CONFIG = PROJECT_ROOT / "tests" / "bot" / "schemathesis.toml"  # why a few operations may answer 422


def test_every_operation_answers_as_its_openapi_document_says(tmp_path) -> None:
    if not SCHEMATHESIS.is_file():
        pytest.fail("schemathesis is missing; `make test` installs it (scripts/tools.sh)")
    database = tmp_path / "govbot.db"
    copy_database(get_settings().database_url, database)
    directory = StaffDirectory(FaqStore(f"sqlite:///{database}"))
    directory.create("fuzzer", PASSWORD, "reviewer")
    token = directory.issue_token("fuzzer", "schemathesis")
    env = {
        "GOVBOT_DATABASE_URL": f"sqlite:///{database}",
        "GOVBOT_TRACKER_STORE_URL": f"sqlite:///{tmp_path / 'tracker.db'}",
        "GOVBOT_INDEX_DIR": str(shutil.copytree(get_settings().index_dir, tmp_path / "index")),
        # Fuzzing is not abuse: let every generated request reach the code under test.
        **{
            f"GOVBOT_RATE_LIMIT_{name}": "1000000/minute"
            for name in (
                "SEARCH_PER_ADDRESS",
                "STAFF_API_PER_ADDRESS",
                "FEEDBACK_PER_ADDRESS",
                "CHAT_PER_ADDRESS",
            )
        },
        "GOVBOT_RATE_LIMIT_CHAT_PER_CONVERSATION": "1000000/minute",
        "GOVBOT_RATE_LIMIT_NEW_CONVERSATIONS_PER_ADDRESS": "1000000/minute",
        "GOVBOT_OPEN_API_DOCS": "true",
    }
    process, base = launch(env, tmp_path / "server.log")
    try:
        run = subprocess.run(
            [
                str(SCHEMATHESIS),
                "--config-file",
                str(CONFIG),
                "run",
                f"{base}/openapi.json",
                "--checks",
                "all",
                "--max-examples",
                "25",
                "--seed",
                "20261122",
                "--request-timeout",
                "30",  # publishing rebuilds the index: seconds on a busy 2-core machine
                "--header",
                f"Authorization: Bearer {token}",
            ],
            capture_output=True,
            text=True,
            timeout=1200,
            cwd=tmp_path,  # schemathesis keeps a cache folder where it runs
        )
    finally:
        stop(process)
    assert run.returncode == 0, run.stdout[-6000:]  # any failure of any check fails the run
    assert "generated" in run.stdout and " passed" in run.stdout
