"""Issue 23 (3) and (10): a sign-in wait binds the address that guessed, never the account, and the sign-in
form carries a CSRF token.

The probe: after five wrong passwords, one more a minute kept an account-wide wait armed, and the real
user got in 0 times out of 13 in 130 s. Time here is a fake clock (faq.staff._now), so the 130 s take none.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient

import faq.staff
from faq.staff import MAX_DELAY_SECONDS, MAX_FAILED_LOGINS, StaffDirectory, StaffUserRow
from tests.console.conftest import PASSWORD, login_form

pytestmark = pytest.mark.integration

ATTACKER = "203.0.113.9"
STAFF_DESK = "198.51.100.7"


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture()
def clock(monkeypatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(faq.staff, "_now", fake)
    return fake


def _browser(client: TestClient, address: str) -> TestClient:
    """Another browser on the same app, from ``address``."""
    return TestClient(client.app, base_url="https://testserver", client=(address, 50000))


def _account_wait_ends(console_service, username: str) -> datetime | None:
    with console_service.store.session() as session:
        until = session.query(StaffUserRow).filter_by(username=username).one().locked_until
    return until if until is None or until.tzinfo else until.replace(tzinfo=timezone.utc)


def test_one_wrong_password_a_minute_does_not_keep_the_owner_out(client, console_service, clock) -> None:
    attacker, owner = _browser(client, ATTACKER), _browser(client, STAFF_DESK)
    attacker_form = login_form(attacker, "editor1", "wrong-password-1")
    owner_form = login_form(owner, "editor1", PASSWORD)
    for _ in range(MAX_FAILED_LOGINS):
        assert attacker.post("/console/login", data=attacker_form).status_code == 401
    start, accepted, tries = clock.now, 0, 0
    for second in range(0, 131):
        clock.now = start + timedelta(seconds=second)
        wait_ends = _account_wait_ends(console_service, "editor1")
        if wait_ends is None or wait_ends <= clock.now:  # the attacker re-arms the wait the moment it ends
            attacker.post("/console/login", data=attacker_form)
        if second % 10 == 0:  # the owner tries every 10 s from her own desk
            tries += 1
            response = owner.post("/console/login", data=owner_form, follow_redirects=False)
            accepted += response.status_code == 303
    assert (accepted, tries) == (14, 14)  # was 0 of 14


def test_the_address_that_guessed_still_waits_and_cannot_extend_its_wait(console_service, accounts, clock):
    directory = StaffDirectory(console_service.store)
    for _ in range(MAX_FAILED_LOGINS + 4):  # nine wrong passwords a minute apart: each one is checked
        assert directory.authenticate("editor1", "wrong-password-1", source=ATTACKER) is None
        clock.now += timedelta(seconds=MAX_DELAY_SECONDS)
    assert directory.authenticate("editor1", "wrong-password-1", source=ATTACKER) is None
    ends = _account_wait_ends(console_service, "editor1")
    assert ends == clock.now + timedelta(seconds=MAX_DELAY_SECONDS)
    # while it waits, even the right password is not checked from there, and tries do not extend it
    for _ in range(3):
        clock.now += timedelta(seconds=10)
        assert directory.authenticate("editor1", PASSWORD, source=ATTACKER) is None
    assert _account_wait_ends(console_service, "editor1") == ends
    # another address is not held back; afterwards the guessing address starts its count again
    assert directory.authenticate("editor1", PASSWORD, source=STAFF_DESK) is not None
    assert directory.authenticate("editor1", "wrong-password-1", source=ATTACKER) is None
    assert _account_wait_ends(console_service, "editor1") is None
    clock.now = ends + timedelta(seconds=1)
    assert directory.authenticate("editor1", PASSWORD, source=ATTACKER) is not None


def test_a_script_without_an_address_waits_while_any_address_does(console_service, accounts, clock) -> None:
    directory = StaffDirectory(console_service.store)
    for _ in range(MAX_FAILED_LOGINS):
        directory.authenticate("editor1", "wrong-password-1", source=ATTACKER)
    assert directory.authenticate("editor1", PASSWORD) is None
    directory.unlock("editor1")
    assert directory.authenticate("editor1", PASSWORD, source=ATTACKER) is not None


def test_the_sign_in_form_carries_a_csrf_token(client) -> None:
    page = client.get("/console/login")
    assert 'name="csrf_token"' in page.text
    cookie = page.headers["set-cookie"].lower()
    assert "samesite=strict" in cookie and "httponly" in cookie and "secure" in cookie
    # a post from another site: no token, or a token that is not the one this browser's cookie holds
    plain = {"username": "editor1", "password": PASSWORD}
    assert client.post("/console/login", data=plain, follow_redirects=False).status_code == 403
    stranger = _browser(client, ATTACKER)
    forged = {**plain, "csrf_token": login_form(stranger, "x")["csrf_token"]}
    assert client.post("/console/login", data=forged, follow_redirects=False).status_code == 403
    cookieless = TestClient(client.app, base_url="https://testserver")
    assert cookieless.post("/console/login", data=forged, follow_redirects=False).status_code == 403
    assert client.get("/console/", follow_redirects=False).status_code == 303  # nobody signed in
    signed_in = client.post("/console/login", data=login_form(client, "editor1"), follow_redirects=False)
    assert signed_in.status_code == 303


def test_forged_sign_ins_count_no_wrong_password(client, console_service) -> None:
    for _ in range(MAX_FAILED_LOGINS + 2):
        client.post("/console/login", data={"username": "editor1", "password": "wrong-password-1"})
    with console_service.store.session() as session:
        assert session.query(StaffUserRow).filter_by(username="editor1").one().failed_logins == 0
