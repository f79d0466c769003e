"""The staff console over a scratch copy of the database and index, with one editor and one reviewer."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from bot.web.app import create_app
from faq.service import FaqService
from faq.staff import StaffDirectory

PASSWORD = "correct horse battery staple"


@dataclass
class Account:
    username: str
    role: str
    token: str  # API token (Authorization: Bearer)

    @property
    def bearer(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture()
def console_service(isolated_service) -> FaqService:
    """The shipped database and index, copied: publishing here rewrites only the copies."""
    return isolated_service


@pytest.fixture()
def accounts(console_service) -> dict[str, Account]:
    directory = StaffDirectory(console_service.store)
    console_service.store.migrate()
    made = {}
    for username, role in (("editor1", "editor"), ("reviewer1", "reviewer")):
        directory.create(username, PASSWORD, role)
        made[role] = Account(username, role, directory.issue_token(username, "tests"))
    return made


@pytest.fixture()
def client(console_service, accounts) -> TestClient:
    """An anonymous browser (https, so the Secure session cookie is kept)."""
    with TestClient(create_app(console_service), base_url="https://testserver") as client:
        yield client


def login_form(client: TestClient, username: str, password: str = PASSWORD, **fields: str) -> dict[str, str]:
    """The sign-in form's fields with the CSRF token its page (and that page's cookie) gave ``client``."""
    token = csrf_of(client, "/console/login")
    return {"username": username, "password": password, "csrf_token": token, **fields}


def sign_in(client: TestClient, username: str) -> str:
    """Sign ``client`` in through the form; returns the session's CSRF token."""
    response = client.post("/console/login", data=login_form(client, username))
    assert response.status_code == 200, response.text  # followed the redirect to the console
    return csrf_of(client)


def csrf_of(client: TestClient, path: str = "/console/") -> str:
    page = client.get(path)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, f"no CSRF token on {path}"
    return found.group(1)
