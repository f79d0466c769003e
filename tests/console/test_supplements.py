"""地域の窓口 in the console: a municipality's editor writes and submits, its reviewer publishes, and no other
organisation's staff can read or change them (issue 17)."""

from __future__ import annotations

import pytest

from faq.content.supplement_versions import SupplementVersions
from faq.staff import StaffDirectory
from tests.console.conftest import PASSWORD, csrf_of, sign_in

pytestmark = pytest.mark.integration

WAJIMA = "172049"
ENTRY = "disaster-guide-06-engo-shikin"  # the shipped files give 輪島市 no supplement for it
PAGE = f"/console/supplements/{WAJIMA}/{ENTRY}"
FORM = {
    "window": "テスト窓口（テスト用）",
    "ref_window": "test:L1",
    "source_document": "テスト用の資料",
    "source_ref": "test:L1",
    "last_checked": "2026-11-29",
    "reason": "テスト",
}


@pytest.fixture()
def towns(console_service, accounts) -> None:
    directory = StaffDirectory(console_service.store)
    for username, role, org in (
        ("wajima-editor", "editor", f"municipality:{WAJIMA}"),
        ("wajima-reviewer", "reviewer", f"municipality:{WAJIMA}"),
        ("kagoshima-reviewer", "reviewer", "municipality:462012"),
    ):
        directory.create(username, PASSWORD, role, org)


def live(console_service):
    return SupplementVersions(console_service.store).live(ENTRY, WAJIMA)


def test_editor_writes_and_submits_reviewer_publishes(client, console_service, towns) -> None:
    token = sign_in(client, "wajima-editor")
    assert client.post(PAGE, data={**FORM, "csrf_token": token, "step": "save"}).status_code == 200
    assert live(console_service) is None  # a draft is not shown to residents
    assert client.post(PAGE, data={"csrf_token": token, "step": "publish", "reason": "x"}).status_code == 403
    submitted = client.post(PAGE, data={"csrf_token": token, "step": "submit", "reason": "依頼"})
    assert submitted.status_code == 200
    assert "レビュー待ち" in client.get("/console/supplements").text
    client.post("/console/logout", data={"csrf_token": token})
    token = sign_in(client, "wajima-reviewer")
    published = client.post(PAGE, data={"csrf_token": token, "step": "publish", "reason": "公開"})
    assert published.status_code == 200
    assert live(console_service).window == "テスト窓口（テスト用）"


def test_a_fact_without_its_source_line_is_not_saved(client, console_service, towns) -> None:
    token = sign_in(client, "wajima-editor")
    response = client.post(PAGE, data={**FORM, "phone": "0000", "csrf_token": token, "step": "save"})
    assert response.status_code == 422 and "電話" in response.text
    with pytest.raises(Exception):  # noqa: B017 - FaqNotFound: nothing was written
        SupplementVersions(console_service.store).history(ENTRY, WAJIMA)


@pytest.mark.parametrize("username", ["kagoshima-reviewer", "editor1", "reviewer1"])
def test_other_organisations_neither_see_nor_change_them(client, console_service, towns, username) -> None:
    token = sign_in(client, username)
    assert client.get(PAGE).status_code == 403
    response = client.post(PAGE, data={**FORM, "csrf_token": token, "step": "save"})
    assert response.status_code == 403 and live(console_service) is None
    assert f"/console/supplements/{WAJIMA}/" not in client.get("/console/supplements").text


def test_the_list_shows_the_towns_shipped_supplements(client, towns) -> None:
    sign_in(client, "wajima-editor")
    page = client.get("/console/supplements").text
    assert "disaster-guide-02-oukyu-shuri" in page and "JAのと輪島支店" not in page  # window, not address
    assert "輪島市 災害合同相談所" in page and csrf_of(client, PAGE)
