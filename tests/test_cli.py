from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from bot.web.app import create_app

pytestmark = pytest.mark.integration


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "faq", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


def test_cli_search_json_matches_the_api(built_service) -> None:
    query = "集落支援員って兼任でも特交でる？"
    done = _cli("search", "--json", "-k", "3", query)
    assert done.returncode == 0, done.stderr
    offline = json.loads(done.stdout)
    with TestClient(create_app(built_service)) as client:
        online = client.get("/api/faq/search", params={"q": query, "k": 3}).json()
    assert [r["id"] for r in offline["results"]] == [r["id"] for r in online["results"]]
    assert offline["outcome"] == online["outcome"]


def test_cli_rejects_k_out_of_range() -> None:
    done = _cli("search", "-k", "0", "協力隊")
    assert done.returncode == 2
    assert "k must be between 1 and 50" in done.stderr


def test_cli_kikumimi() -> None:
    done = _cli("kikumimi", "北海道釧路市")
    assert done.returncode == 0
    assert "0154-23-1100" in done.stdout


def test_cli_feedback_lists_votes_per_entry(tmp_path) -> None:
    from faq.content.store import FaqStore
    from faq.residents.feedback import record_vote

    url = f"sqlite:///{tmp_path / 'votes.db'}"
    store = FaqStore(url)
    store.migrate()
    record_vote(store, "kikumimi-what", False, "きくみみって？ 03-1234-5678", "a")
    record_vote(store, "kikumimi-what", True, "きくみみ", "b")
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "GOVBOT_DATABASE_URL": url}
    run = lambda *a: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "faq", "feedback", *a], capture_output=True, text=True, timeout=120, env=env
    )
    counts = run()
    assert counts.returncode == 0, counts.stderr
    assert "kikumimi-what\t1\t1" in counts.stdout
    one = run("--entry", "kikumimi-what")
    assert "役に立たなかった\tきくみみって? [電話番号]" in one.stdout and "03-1234-5678" not in one.stdout


def test_cli_creates_staff_without_a_default_password(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'staff.db'}"
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "GOVBOT_DATABASE_URL": url}

    def staff(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "faq", "staff", *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )

    weak = staff("create", "sato", "--role", "reviewer", "--password-stdin", stdin="short\n")
    assert weak.returncode == 1 and "12" in weak.stderr
    made = staff("create", "sato", "--role", "reviewer", "--password-stdin", stdin="a long enough password\n")
    assert made.returncode == 0, made.stderr
    token = staff("token", "sato").stdout.strip()
    assert token.startswith("gbt_")
    assert staff("list").stdout.strip() == "sato\treviewer\tnational"  # organisation shown (issue 17)
    assert staff("token", "nobody").returncode == 1
    local = staff(
        "create",
        "suzuki",
        "--org",
        "municipality:17204",
        "--password-stdin",
        stdin="a long enough password\n",
    )
    assert local.returncode == 0 and "municipality:172049" in local.stdout, local.stderr
    unknown = staff(
        "create", "kato", "--org", "municipality:99999", "--password-stdin", stdin="x" * 12 + "\n"
    )
    assert unknown.returncode == 1 and "99999" in unknown.stderr
    assert staff("org", "suzuki", "centre:7").returncode == 0
    assert "suzuki\teditor\tcentre:7" in staff("list").stdout
    admin_elsewhere = staff(
        "create", "ito", "--role", "admin", "--org", "centre:7", "--password-stdin", stdin="x" * 12 + "\n"
    )
    assert admin_elsewhere.returncode == 1 and "national" in admin_elsewhere.stderr

    from faq.content.store import FaqStore
    from faq.staff import StaffDirectory

    directory = StaffDirectory(FaqStore(url))
    assert directory.authenticate("sato", "a long enough password") is not None
    assert directory.user_for_token(token).username == "sato"
