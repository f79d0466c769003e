"""Console pages, exports and the staff API are never kept by a browser or a proxy."""

from __future__ import annotations

import pytest

from tests.console.conftest import sign_in

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    "path", ["/console/", "/console/login", "/console/entries", "/console/transfer/export.csv"]
)
def test_console_answers_say_no_store(client, accounts, path: str) -> None:
    sign_in(client, "reviewer1")
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"


def test_staff_api_exports_say_no_store(client, accounts) -> None:
    token = accounts["reviewer"].token
    response = client.get("/api/staff/entries/export", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200 and response.headers["cache-control"] == "no-store"


def test_public_widget_files_stay_cacheable(client) -> None:
    assert client.get("/static/widget.js").headers["cache-control"] == "no-cache"
