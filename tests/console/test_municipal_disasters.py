"""A municipality declares disaster mode for its own area only: the server sets the area to the municipality
whatever the request names; it cannot end or edit another organisation's disaster. National staff declare
for any area and change national disasters; a municipality's disaster only its reviewers and the national
admin change (issue 23); a centre's staff declare none."""

from __future__ import annotations

import pytest

from faq.content.disasters import get_disaster
from faq.staff import StaffDirectory

pytestmark = pytest.mark.integration
PASSWORD = "correct horse battery staple"
# A drill: made up for the test, never presented as a real disaster.
DRILL = {
    "name": "訓練用の災害（テスト）",
    "prefectures": ["石川県", "富山県", "東京都"],
    "municipalities": {"珠洲市": "石川県", "金沢市": "石川県"},
    "start_date": "2025-11-16",
    "dial": {"name": "訓練用ダイヤル", "phone": "0768-00-0000", "hours": "平日 9:00～17:00"},
}


@pytest.fixture()
def staff(console_service, accounts) -> dict[str, dict[str, str]]:
    directory = StaffDirectory(console_service.store)
    made = {"national": accounts["reviewer"].bearer}
    for name, org in (
        ("wajima", "municipality:172049"),
        ("tono", "municipality:032085"),
        ("centre", "centre:7"),
        ("admin", "national"),
    ):
        directory.create(f"disaster-{name}", PASSWORD, "admin" if name == "admin" else "reviewer", org)
        made[name] = {"Authorization": f"Bearer {directory.issue_token(f'disaster-{name}', 'tests')}"}
    return made


def test_a_municipality_declares_for_its_own_area_only(client, console_service, staff) -> None:
    response = client.post("/api/staff/disasters", json=DRILL, headers=staff["wajima"])
    assert response.status_code == 201, response.text
    declared = get_disaster(console_service.store, response.json()["id"])
    assert list(declared.prefectures) == ["石川県"]
    assert dict(declared.municipalities) == {"輪島市": "石川県"}  # 珠洲市, 金沢市, 富山県, 東京都 dropped
    changed = client.post(
        f"/api/staff/disasters/{declared.id}",
        json={"prefectures": ["東京都"], "municipalities": {"新宿区": "東京都"}},
        headers=staff["wajima"],
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["prefectures"] == ["石川県"]
    assert changed.json()["municipalities"] == {"輪島市": "石川県"}
    ended = client.post(f"/api/staff/disasters/{declared.id}/end", headers=staff["wajima"])
    assert ended.status_code == 200 and ended.json()["status"] == "ended"


def test_a_municipality_cannot_switch_another_areas_disaster(client, console_service, staff) -> None:
    national = client.post("/api/staff/disasters", json=DRILL, headers=staff["national"])
    assert national.status_code == 201, national.text
    assert national.json()["prefectures"] == ["石川県", "富山県", "東京都"]  # national staff: as requested
    tono = client.post("/api/staff/disasters", json=DRILL, headers=staff["tono"])
    assert tono.status_code == 201 and tono.json()["municipalities"] == {"遠野市": "岩手県"}
    for disaster_id in (national.json()["id"], tono.json()["id"]):
        for path in (f"/api/staff/disasters/{disaster_id}/end", f"/api/staff/disasters/{disaster_id}"):
            refused = client.post(path, json={"name": "乗っ取り"}, headers=staff["wajima"])
            assert refused.status_code == 403 and "自分の市区町村" in refused.json()["detail"], refused.text
        assert get_disaster(console_service.store, disaster_id).status == "active"
    # national reviewers end national disasters; a municipality's only its own reviewers or the admin
    ended = client.post(f"/api/staff/disasters/{national.json()['id']}/end", headers=staff["national"])
    assert ended.status_code == 200
    tono_end = f"/api/staff/disasters/{tono.json()['id']}/end"
    assert client.post(tono_end, headers=staff["national"]).status_code == 403
    assert client.post(tono_end, headers=staff["admin"]).status_code == 200


def test_a_centre_declares_no_disaster(client, staff) -> None:
    refused = client.post("/api/staff/disasters", json=DRILL, headers=staff["centre"])
    assert refused.status_code == 403 and "きくみみ" in refused.json()["detail"]


def test_the_page_fixes_the_area_too(client, console_service, staff) -> None:
    directory = StaffDirectory(console_service.store)
    user = next(u for u in directory.users() if u.username == "disaster-wajima")
    secret, session = directory.open_session(user)
    client.cookies.set("govbot_staff", secret)
    form = {
        "name": "訓練用の災害（ページ）",
        "prefectures": "東京都、石川県",
        "start_date": "2025-11-16",
        "csrf_token": session.csrf_token,
    }
    page = client.post("/console/disasters", data=form)
    assert page.status_code == 200, page.text[:500]
    listed = client.get("/api/staff/disasters", headers=staff["wajima"]).json()
    (declared,) = [d for d in listed if d["name"] == form["name"]]
    assert declared["prefectures"] == ["石川県"] and declared["municipalities"] == {"輪島市": "石川県"}
