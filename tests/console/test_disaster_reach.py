"""Issue 23, item 2, through the staff API and the widget's banner: 輪島市's reviewer declares a disaster
naming 鹿児島県 and 東京都 with a made-up 専用ダイヤル and an outside guidebook URL. It is stored as
輪島市's own, and only a 輪島市 page's banner shows it — never a 金沢市 resident's. The same reviewer
cannot rename or end the national 能登半島地震 entry (its area is exactly 輪島市); national staff can."""

from __future__ import annotations

import pytest

from faq.content.disasters import get_disaster
from faq.staff import StaffDirectory

pytestmark = pytest.mark.integration
PASSWORD = "correct horse battery staple"
NOTO = "r6-noto-earthquake"
FAKE_PHONE, OUTSIDE_URL = "03-1234-5678", "https://evil.example/"
# The probe's request, made up for the test.
PROBE = {
    "name": "訓練用の災害（テスト）",
    "prefectures": ["鹿児島県", "東京都"],
    "guidebook_url": OUTSIDE_URL,
    "dial": {"name": "偽の専用ダイヤル", "phone": FAKE_PHONE, "hours": "24時間"},
}


@pytest.fixture()
def staff(console_service, accounts) -> dict[str, dict[str, str]]:
    directory = StaffDirectory(console_service.store)
    made = {"national": accounts["reviewer"].bearer}
    for name, org, role in (
        ("wajima", "municipality:172049", "reviewer"),
        ("kanazawa", "municipality:172014", "reviewer"),
        ("admin", "national", "admin"),
    ):
        directory.create(f"reach-{name}", PASSWORD, role, org)
        made[name] = {"Authorization": f"Bearer {directory.issue_token(f'reach-{name}', 'tests')}"}
    return made


def banner(client, **params: str) -> list[dict]:
    response = client.get("/api/disasters/active", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_municipalitys_disaster_is_stored_as_its_own_and_shown_on_its_pages_only(
    client, console_service, staff
) -> None:
    response = client.post("/api/staff/disasters", json=PROBE, headers=staff["wajima"])
    assert response.status_code == 201, response.text
    declared = get_disaster(console_service.store, response.json()["id"])
    assert declared.prefectures == ("石川県",) and declared.municipalities == {"輪島市": "石川県"}

    for params in (
        {"region": "石川県", "municipality": "172014"},  # 金沢市
        {"municipality": "172014"},
        {"region": "石川県"},  # a page that names no municipality
        {},
        {"region": "鹿児島県"},
        {"region": "東京都"},
    ):
        shown = banner(client, **params)
        assert declared.id not in {d["id"] for d in shown}, params
        assert FAKE_PHONE not in str(shown), params
    assert [d["id"] for d in banner(client, region="石川県", municipality="172014")] == [NOTO]
    wajima = banner(client, region="石川県", municipality="172049")
    assert [d["id"] for d in wajima] == [declared.id, NOTO]
    assert wajima[0]["contact"]["phone"] == FAKE_PHONE  # 輪島市 answers for its own number
    assert [d["id"] for d in banner(client, region="石川県", municipality="輪島市")] == [declared.id, NOTO]
    assert declared.owner == "municipality:172049" and response.json()["owner"] == "municipality:172049"
    refused = client.get("/api/disasters/active", params={"municipality": "アトランティス市"})
    assert refused.status_code == 422


def test_a_municipality_cannot_rename_or_end_the_national_disaster_of_its_town(
    client, console_service, staff
) -> None:
    noto = f"/api/staff/disasters/{NOTO}"
    for path, body in ((noto, {"name": "乗っ取り", "dial": PROBE["dial"]}), (f"{noto}/end", None)):
        refused = client.post(path, json=body, headers=staff["wajima"])
        assert refused.status_code == 403 and "自分の市区町村" in refused.json()["detail"], refused.text
    kept = get_disaster(console_service.store, NOTO)
    assert kept.active and kept.name.startswith("令和6年能登半島地震") and kept.dial == {}
    renamed = client.post(noto, json={"name": "令和6年能登半島地震（訓練）"}, headers=staff["national"])
    assert renamed.status_code == 200 and renamed.json()["owner"] == "national", renamed.text
    assert client.post(f"{noto}/end", headers=staff["national"]).status_code == 200
    assert client.post(f"{noto}/reopen", headers=staff["wajima"]).status_code == 403
    assert client.post(f"{noto}/reopen", headers=staff["national"]).status_code == 200


def test_another_municipality_and_national_reviewers_leave_a_municipalitys_disaster_alone(
    client, console_service, staff
) -> None:
    declared = client.post("/api/staff/disasters", json=PROBE, headers=staff["wajima"]).json()
    path = f"/api/staff/disasters/{declared['id']}"
    for who in ("kanazawa", "national"):
        assert client.post(path, json={"name": "乗っ取り"}, headers=staff[who]).status_code == 403
        assert client.post(f"{path}/end", headers=staff[who]).status_code == 403
    assert client.post(f"{path}/end", headers=staff["admin"]).status_code == 200  # the national admin may


def test_the_console_page_refuses_before_it_asks_to_confirm(client, console_service, staff) -> None:
    directory = StaffDirectory(console_service.store)
    user = next(u for u in directory.users() if u.username == "reach-wajima")
    secret, session = directory.open_session(user)
    client.cookies.set("govbot_staff", secret)
    page = client.post(f"/console/disasters/{NOTO}/end", data={"csrf_token": session.csrf_token})
    assert page.status_code == 403
    assert get_disaster(console_service.store, NOTO).active
    own = client.post("/api/staff/disasters", json=PROBE, headers=staff["wajima"]).json()["id"]
    ask = client.post(f"/console/disasters/{own}/end", data={"csrf_token": session.csrf_token})
    assert ask.status_code == 200 and "輪島市の住民のウィジェットから" in ask.text  # not all of 石川県
