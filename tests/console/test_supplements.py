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


def two_published_versions(client) -> None:
    """v2 published with 「テスト窓口（テスト用）」, then v4 published with another window."""
    for window in ("テスト窓口（テスト用）", "あとから直した窓口（テスト用）"):
        token = sign_in(client, "wajima-editor")
        client.post(PAGE, data={**FORM, "window": window, "csrf_token": token, "step": "save"})
        client.post("/console/logout", data={"csrf_token": token})
        token = sign_in(client, "wajima-reviewer")
        client.post(PAGE, data={"csrf_token": token, "step": "publish", "reason": "公開"})
        client.post("/console/logout", data={"csrf_token": token})


ROLLBACK = f"{PAGE}/rollback"


def test_the_towns_reviewer_rolls_back_after_a_confirmation(client, console_service, towns) -> None:
    two_published_versions(client)
    assert live(console_service).window == "あとから直した窓口（テスト用）"
    token = sign_in(client, "wajima-reviewer")
    assert "v2 に戻して公開" in client.get(PAGE).text
    asked = client.post(ROLLBACK, data={"csrf_token": token, "version": "2", "reason": "誤りがあったため"})
    assert asked.status_code == 200 and "v2 の内容を公開する" in asked.text and "住民への影響" in asked.text
    assert (
        live(console_service).window == "あとから直した窓口（テスト用）"
    )  # nothing changes before confirming
    form = {"csrf_token": token, "version": "2", "reason": "誤りがあったため", "confirmed": "yes"}
    done = client.post(ROLLBACK, data=form)
    assert done.status_code == 200 and "以前の版に戻して公開しました" in done.text
    assert live(console_service).window == "テスト窓口（テスト用）"
    newest = SupplementVersions(console_service.store).history(ENTRY, WAJIMA)[0]
    assert (
        newest.status == "published"
        and newest.reason == "誤りがあったため"
        and newest.author == "wajima-reviewer"
    )


def test_a_rollback_without_a_reason_is_refused(client, console_service, towns) -> None:
    two_published_versions(client)
    token = sign_in(client, "wajima-reviewer")
    form = {"csrf_token": token, "version": "2", "reason": " ", "confirmed": "yes"}
    response = client.post(ROLLBACK, data=form)
    assert response.status_code == 422 and "理由" in response.text
    assert live(console_service).window == "あとから直した窓口（テスト用）"


@pytest.mark.parametrize("username", ["wajima-editor", "kagoshima-reviewer"])
def test_only_the_towns_reviewers_roll_back(client, console_service, towns, username) -> None:
    two_published_versions(client)
    token = sign_in(client, username)
    for extra in ({}, {"confirmed": "yes"}):
        form = {"csrf_token": token, "version": "2", "reason": "戻したい", **extra}
        assert client.post(ROLLBACK, data=form).status_code == 403
    assert live(console_service).window == "あとから直した窓口（テスト用）"
    if username == "wajima-editor":
        assert "に戻して公開" not in client.get(PAGE).text  # no button the account cannot use
