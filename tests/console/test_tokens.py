"""API tokens expire, can be listed and revoked; a new password or a disabled account ends every way in."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

import pytest

from faq.staff import StaffDirectory, StaffTokenRow, _now
from faq.staff_tokens import StaffTokens
from tests.console.conftest import PASSWORD, sign_in

pytestmark = pytest.mark.integration


def _staff_cli(console_service, *args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PYTHONWARNINGS": "ignore",
        "GOVBOT_DATABASE_URL": console_service.store.database_url,
    }
    return subprocess.run(
        [sys.executable, "-m", "faq", "staff", *args], capture_output=True, text=True, timeout=120, env=env
    )


def test_a_token_has_a_default_lifetime_and_stops_working_when_it_ends(
    console_service, accounts, client
) -> None:
    tokens = StaffTokens(console_service.store)
    secret = tokens.issue("editor1", "laptop")
    made = [t for t in tokens.list("editor1") if t.name == "laptop"][0]
    assert made.expires_at is not None
    assert timedelta(days=89) < made.expires_at - _now() <= timedelta(days=90)  # GOVBOT_TOKEN_LIFETIME_DAYS
    bearer = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/staff/entries", headers=bearer).status_code == 200
    with console_service.store.session() as session, session.begin():
        session.get(StaffTokenRow, made.id).expires_at = _now() - timedelta(seconds=1)
    assert client.get("/api/staff/entries", headers=bearer).status_code == 401
    assert [t.state(_now()) for t in tokens.list("editor1") if t.id == made.id] == ["expired"]


def test_a_revoked_token_is_refused(console_service, accounts, client) -> None:
    tokens = StaffTokens(console_service.store)
    secret = tokens.issue("reviewer1", "script", lifetime_days=0)  # 0: no expiry
    (made,) = [t for t in tokens.list("reviewer1") if t.name == "script"]
    assert made.expires_at is None
    bearer = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/staff/entries", headers=bearer).status_code == 200
    tokens.revoke(made.id)
    assert client.get("/api/staff/entries", headers=bearer).status_code == 401


def test_a_new_password_revokes_tokens_and_ends_sessions(console_service, accounts, client) -> None:
    sign_in(client, "editor1")
    assert client.get("/console/", follow_redirects=False).status_code == 200
    StaffDirectory(console_service.store).set_password("editor1", "another long password")
    assert client.get("/console/", follow_redirects=False).status_code in (302, 303)
    assert client.get("/api/staff/entries", headers=accounts["editor"].bearer).status_code == 401
    assert client.get("/api/staff/entries", headers=accounts["reviewer"].bearer).status_code == 200


def test_disabling_an_account_ends_everything_and_the_cli_lists_and_revokes(
    console_service, accounts, client
) -> None:
    sign_in(client, "reviewer1")
    second = StaffTokens(console_service.store).issue("editor1", "second")
    listed = _staff_cli(console_service, "tokens")
    assert listed.returncode == 0, listed.stderr
    rows = [line.split("\t") for line in listed.stdout.splitlines()]
    assert {(r[1], r[2], r[3]) for r in rows} >= {
        ("editor1", "tests", "active"),
        ("editor1", "second", "active"),
    }
    assert not any(second in line or accounts["editor"].token in line for line in listed.stdout.splitlines())
    second_id = next(r[0] for r in rows if r[2] == "second")
    assert _staff_cli(console_service, "revoke-token", second_id).returncode == 0
    assert client.get("/api/staff/entries", headers={"Authorization": f"Bearer {second}"}).status_code == 401
    assert client.get("/api/staff/entries", headers=accounts["editor"].bearer).status_code == 200

    done = _staff_cli(console_service, "disable", "reviewer1")
    assert done.returncode == 0, done.stderr
    assert client.get("/console/", follow_redirects=False).status_code in (302, 303)
    assert client.get("/api/staff/entries", headers=accounts["reviewer"].bearer).status_code == 401
    assert StaffDirectory(console_service.store).authenticate("reviewer1", PASSWORD) is None
    assert _staff_cli(console_service, "enable", "reviewer1").returncode == 0
    assert StaffDirectory(console_service.store).authenticate("reviewer1", PASSWORD) is not None
    # the old token stays revoked after enabling
    assert client.get("/api/staff/entries", headers=accounts["reviewer"].bearer).status_code == 401
    states = _staff_cli(console_service, "tokens", "reviewer1").stdout
    assert "\trevoked\t" in states
    assert _staff_cli(console_service, "revoke-token", "--user", "editor1").returncode == 0
    assert client.get("/api/staff/entries", headers=accounts["editor"].bearer).status_code == 401


def test_a_token_check_needs_no_database_write(console_service, accounts, client) -> None:
    """A read-only or busy database must not turn a valid token away: last-used is best-effort."""
    import sqlite3

    path = console_service.store.database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        connection.execute(
            "CREATE TRIGGER tokens_read_only BEFORE UPDATE ON staff_tokens "
            "BEGIN SELECT RAISE(ABORT, 'read-only'); END"
        )
    for _ in range(2):
        assert client.get("/api/staff/entries", headers=accounts["editor"].bearer).status_code == 200
