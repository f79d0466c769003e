"""One console pattern for every reviewed kind (issue 24 item 3): a town's 地域の窓口 page and an entry's page
draw their versions, step buttons and history with the same macros (templates/console/review.html), and a
step has its own address on both (``…/submit``, ``…/publish``, ``…/retire``)."""

from __future__ import annotations

import re

import pytest

from faq.content.staff_messages import VERSION_STATUS_LABELS
from faq.content.supplement_versions import SupplementVersions
from tests.console.conftest import sign_in
from tests.console.test_supplements import ENTRY, FORM, PAGE, WAJIMA, towns  # noqa: F401 - the fixture

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("towns")]

BUTTONS = re.compile(r"<button[^>]*>([^<]+)</button>")


def buttons(html: str) -> list[str]:
    return [b.strip() for b in BUTTONS.findall(html)]


def test_a_supplement_step_has_its_own_address_as_an_entrys_does(client, console_service) -> None:
    token = sign_in(client, "wajima-editor")
    client.post(PAGE, data={**FORM, "csrf_token": token, "step": "save"})
    page = client.get(PAGE).text
    assert f'action="{PAGE}/submit"' in page and "レビューを依頼する" in buttons(page)
    submitted = client.post(f"{PAGE}/submit", data={"csrf_token": token, "reason": "依頼"})
    assert submitted.status_code == 200 and "レビューを依頼しました" in submitted.text
    assert SupplementVersions(console_service.store).working(ENTRY, WAJIMA).status == "review"
    assert client.post(f"{PAGE}/publish", data={"csrf_token": token}).status_code == 403  # an editor


def test_both_pages_show_the_same_step_buttons_and_status_words(client, console_service) -> None:
    token = sign_in(client, "wajima-editor")
    client.post(PAGE, data={**FORM, "csrf_token": token, "step": "save"})
    client.post("/console/logout", data={"csrf_token": token})
    sign_in(client, "wajima-reviewer")
    town = client.get(PAGE).text
    entry = client.get(f"/console/entries/{ENTRY}").text  # national: the town's reviewer only reads it
    assert "v1 を公開する" in buttons(town) and "公開を終了する" not in buttons(town)
    assert "まだ公開されていません" in town and "住民に見えている版" in entry
    for html in (town, entry):
        assert "作業中の版" in html
        shown = set(re.findall(r'class="status status-(\w+)">([^<]+)<', html))
        assert shown and all(VERSION_STATUS_LABELS[value] == label for value, label in shown), shown
