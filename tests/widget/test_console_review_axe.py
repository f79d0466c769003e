"""The pages of the one review workflow pass axe-core (WCAG 2.0-2.2 A/AA and best practices) at desktop and
phone width: a town's 地域の窓口 list and page with its history and step buttons, an entry's page and the
rules table's list and a rule's page, as the town's reviewer sees them (issue 24 item 3: every kind drawn
by templates/console/review.html)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from faq.content.rule_versions import RuleVersions
from faq.content.store import FaqStore
from faq.staff import StaffDirectory, StaffError
from tests.console.conftest import PASSWORD
from tests.widget.conftest import axe_violations
from tests.widget.test_console_browser import fits, sign_in

pytestmark = [pytest.mark.integration, pytest.mark.slow]

WAJIMA = "172049"
SHIPPED = "disaster-guide-02-oukyu-shuri"  # 輪島市 has a shipped, published supplement for it
PAGES = {
    "supplements": "/console/supplements",
    "supplement": f"/console/supplements/{WAJIMA}/{SHIPPED}",
    "entry": f"/console/entries/{SHIPPED}",
    "rules": "/console/rules",
    "rule": "/console/rules/fukugyo",
}


@pytest.fixture(scope="module")
def town_reviewer(server) -> str:
    store = FaqStore(f"sqlite:///{server.database}")
    RuleVersions(store).sync_files()  # as `faq load` does; the shipped rules, published, as the files say
    try:
        StaffDirectory(store).create("axe-wajima-reviewer", PASSWORD, "reviewer", f"municipality:{WAJIMA}")
    except StaffError:  # made earlier in this session
        pass
    return "axe-wajima-reviewer"


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_review_pages_pass_axe(open_page, server, town_reviewer: str, size: str) -> None:
    page = open_page(size)
    sign_in(page, server.base, town_reviewer)
    for name, path in PAGES.items():
        page.goto(server.base + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        if name == "supplement":
            expect(page.get_by_role("button", name="公開を終了する")).to_be_visible()  # the shared step forms
        fits(page)
        assert axe_violations(page) == [], name
