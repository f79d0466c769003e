"""Wrong passwords slow an account down for a minute at most; staff can always get back in."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from datetime import datetime, timezone

import pytest
import uvicorn
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from bot.web.__main__ import proxy_options
from faq.staff import MAX_DELAY_SECONDS, MAX_FAILED_LOGINS, StaffDirectory, StaffUserRow
from tests.console.conftest import PASSWORD, csrf_of, login_form, sign_in

pytestmark = pytest.mark.integration


def _wait_seconds(console_service, username: str) -> float:
    with console_service.store.session() as session:
        row = session.query(StaffUserRow).filter_by(username=username).one()
        if row.locked_until is None:
            return 0.0
        until = row.locked_until.replace(tzinfo=row.locked_until.tzinfo or timezone.utc)
        return (until - datetime.now(timezone.utc)).total_seconds()


def test_an_attacker_cannot_lock_an_account_for_long(console_service, accounts) -> None:
    directory = StaffDirectory(console_service.store)
    longest = 0.0
    for _ in range(MAX_FAILED_LOGINS + 10):
        assert directory.authenticate("editor1", "wrong-password-1") is None
        longest = max(longest, _wait_seconds(console_service, "editor1"))
    assert 0 < longest <= MAX_DELAY_SECONDS  # was 15 minutes after the fifth


def test_staff_unlock_lets_the_right_password_in_at_once(console_service, accounts) -> None:
    directory = StaffDirectory(console_service.store)
    for _ in range(MAX_FAILED_LOGINS):
        directory.authenticate("editor1", "wrong-password-1")
    assert directory.authenticate("editor1", PASSWORD) is None  # waiting
    env = {
        **os.environ,
        "PYTHONWARNINGS": "ignore",
        "GOVBOT_DATABASE_URL": console_service.store.database_url,
    }
    done = subprocess.run(
        [sys.executable, "-m", "faq", "staff", "unlock", "editor1"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert directory.authenticate("editor1", PASSWORD) is not None


def test_failed_sign_ins_are_logged_with_user_and_address(client, caplog) -> None:
    with caplog.at_level(logging.WARNING):
        client.post("/console/login", data=login_form(client, "editor1", "wrong-password-1"))
    assert any("user=editor1 address=testclient" in r.getMessage() for r in caplog.records)


def test_logout_clears_the_cookie_with_the_flags_it_was_set_with(client, accounts) -> None:
    sign_in(client, "editor1")
    response = client.post("/console/logout", data={"csrf_token": csrf_of(client)}, follow_redirects=False)
    cleared = response.headers["set-cookie"].lower()
    assert "max-age=0" in cleared and "httponly" in cleared and "samesite=strict" in cleared
    assert "secure" in cleared


def test_x_forwarded_for_is_believed_only_from_configured_proxies() -> None:
    async def app(scope, receive, send) -> None:  # pragma: no cover - never called
        pass

    default = uvicorn.Config(app, ws="wsproto", lifespan="off", **proxy_options(""))
    default.load()
    assert not isinstance(default.loaded_app, ProxyHeadersMiddleware)
    behind = uvicorn.Config(app, ws="wsproto", lifespan="off", **proxy_options("10.0.0.5"))
    behind.load()
    assert isinstance(behind.loaded_app, ProxyHeadersMiddleware)
