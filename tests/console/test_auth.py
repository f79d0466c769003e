"""Signing in, sessions, CSRF and tokens."""

from __future__ import annotations

import pytest

from faq.staff import MAX_FAILED_LOGINS, StaffDirectory, StaffError
from tests.console.conftest import PASSWORD, csrf_of, login_form, sign_in

pytestmark = pytest.mark.integration


def test_console_pages_send_anonymous_visitors_to_sign_in(client) -> None:
    response = client.get("/console/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/console/login?next=/console/")


def test_sign_in_sets_a_hardened_cookie_and_shows_the_console(client) -> None:
    response = client.post(
        "/console/login", data=login_form(client, "editor1", PASSWORD), follow_redirects=False
    )
    assert response.status_code == 303
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "secure" in cookie and "samesite=strict" in cookie
    page = client.get("/console/")
    assert page.status_code == 200 and "editor1" in page.text
    assert "content-security-policy" in page.headers


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(client) -> None:
    response = client.post("/console/login", data=login_form(client, "editor1", "nope-nope-nope"))
    assert response.status_code == 401
    assert "ユーザー名またはパスワードが違います" in response.text
    unknown = client.post("/console/login", data=login_form(client, "nobody", "nope-nope-nope"))
    assert unknown.status_code == 401 and unknown.text.count("違います") == response.text.count("違います")


def test_repeated_wrong_passwords_lock_the_account(client, console_service) -> None:
    for _ in range(MAX_FAILED_LOGINS):
        client.post("/console/login", data=login_form(client, "editor1", "wrong-password-1"))
    # Even the right password is refused while the account is locked.
    response = client.post("/console/login", data=login_form(client, "editor1", PASSWORD))
    assert response.status_code == 401
    assert StaffDirectory(console_service.store).authenticate("editor1", PASSWORD) is None


def test_a_post_without_the_csrf_token_is_refused(client) -> None:
    sign_in(client, "editor1")
    assert client.post("/console/logout").status_code == 403
    assert client.post("/console/logout", data={"csrf_token": "forged"}).status_code == 403
    assert client.get("/console/").status_code == 200  # still signed in


def test_sign_out_ends_the_session(client) -> None:
    token = sign_in(client, "editor1")
    assert client.post("/console/logout", data={"csrf_token": token}).status_code == 200
    assert client.get("/console/", follow_redirects=False).status_code == 303


def test_the_sign_in_page_does_not_redirect_to_other_sites(client) -> None:
    response = client.post(
        "/console/login",
        data=login_form(client, "editor1", PASSWORD, next="https://evil.example/"),
        follow_redirects=False,
    )
    assert response.headers["location"] == "/console/"
    response = client.get("/console/login", params={"next": "//evil.example"})
    assert "evil.example" not in response.text


def test_accounts_need_a_real_password_and_a_known_role(console_service) -> None:
    directory = StaffDirectory(console_service.store)
    console_service.store.migrate()
    with pytest.raises(StaffError, match="12"):
        directory.create("short", "password", "editor")
    with pytest.raises(StaffError, match="role"):
        directory.create("someone", PASSWORD, "superuser")  # admin is a role now (issue 17)


def test_passwords_are_stored_as_argon2_hashes(console_service, accounts) -> None:
    from faq.staff import StaffUserRow

    with console_service.store.session() as session:
        hashes = [row.password_hash for row in session.query(StaffUserRow)]
    assert hashes and all(h.startswith("$argon2id$") and PASSWORD not in h for h in hashes)


def test_csrf_token_is_per_session(client, accounts) -> None:
    first = sign_in(client, "editor1")
    client.post("/console/logout", data={"csrf_token": first})
    second = sign_in(client, "editor1")
    assert first != second == csrf_of(client)
