"""The widget asks for the disasters of its page's municipality (issue 23, item 2): a municipality's own
disaster is listed only for that municipality's pages, so the banner request names it (data-municipality)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def banner_query(page: Page, url: str) -> dict[str, list[str]]:
    with page.expect_request(lambda request: "/api/disasters/active" in request.url) as asked:
        page.goto(url)
    return parse_qs(urlsplit(asked.value.url).query)


def test_a_municipality_page_asks_for_its_own_disasters(phone: Page, server) -> None:
    assert banner_query(phone, f"{server.base}/demo/wajima").get("municipality") == ["172049"]


def test_a_page_without_a_municipality_names_none(phone: Page, server) -> None:
    assert "municipality" not in banner_query(phone, f"{server.base}/")
