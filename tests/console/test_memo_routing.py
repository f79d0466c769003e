"""相談メモ reach the inbox of the centre serving the resident's place: that centre's staff see and handle
them, another centre's staff get 404 (the memo's existence is not revealed), a memo with no known place
waits in the national queue, and the national admin sees every inbox with a filter."""

from __future__ import annotations

import re

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.gyosei import ActionGyoseiRouting
from actions.services import ActionServices, serving
from faq.content.store import FaqStore
from faq.places.directory import KikumimiDirectory
from faq.residents.handoff import list_memos
from faq.staff import StaffDirectory
from tests.actions.conftest import make_tracker
from tests.server import text_of

pytestmark = pytest.mark.integration
PASSWORD = "correct horse battery staple"
ACCOUNTS = (
    ("iwate", "editor", "centre:7"),  # きくみみ岩手 serves 遠野市
    ("tokyo", "editor", "centre:16"),  # きくみみ東京
    ("national", "editor", "national"),
    ("wajima", "reviewer", "municipality:172049"),
    ("admin", "admin", "national"),
)


def _tokens(store: FaqStore) -> dict[str, dict[str, str]]:
    store.migrate()
    directory = StaffDirectory(store)
    tokens = {}
    for name, role, org in ACCOUNTS:
        directory.create(f"memo-{name}", PASSWORD, role, org)
        tokens[name] = {"Authorization": f"Bearer {directory.issue_token(f'memo-{name}', 'tests')}"}
    return tokens


def _leave_memo(service, prefecture: str, topic: str) -> str:
    """Run the hand-off action as the flow's end does: the resident agreed and gave a contact method."""
    slots = {
        "prefecture": prefecture,
        "handoff_consent": "yes",
        "handoff_topic": topic,
        "contact_method": "電話",
    }
    dispatcher = CollectingDispatcher()
    with serving(ActionServices(faq=service, directory=KikumimiDirectory.default())):
        ActionGyoseiRouting().run(dispatcher, make_tracker(topic, "inform", slots), {})
    return dispatcher.messages[0]["custom"]["reference"]


@pytest.fixture()
def inbox(client, console_service):
    tokens = _tokens(console_service.store)
    iwate = _leave_memo(console_service, "岩手県", "年金の手続で窓口をたらい回しにされた")
    nowhere = _leave_memo(console_service, "", "道路の穴が直らないので困っている")
    return tokens, iwate, nowhere


def _listed(client, headers, **params) -> set[str]:
    response = client.get("/api/staff/inbox", headers=headers, params=params)
    assert response.status_code == 200, response.text
    return {memo["reference"] for memo in response.json()}


def test_each_memo_is_routed_to_the_centre_the_resident_was_shown(console_service, inbox) -> None:
    _, iwate, nowhere = inbox
    memos = {m.reference: m for m in list_memos(console_service.store)}
    assert (memos[iwate].centre, memos[iwate].kikumimi) == ("centre:7", "きくみみ岩手")
    assert memos[nowhere].centre == ""  # no place: the national queue


def test_a_centre_sees_only_its_inbox_and_another_centre_gets_404(client, inbox) -> None:
    tokens, iwate, nowhere = inbox
    assert iwate in _listed(client, tokens["iwate"]) and nowhere not in _listed(client, tokens["iwate"])
    assert not {iwate, nowhere} & _listed(client, tokens["tokyo"])
    assert not {iwate, nowhere} & _listed(client, tokens["wajima"])  # municipalities have no inbox
    moved = client.post(f"/api/staff/inbox/{iwate}", json={"status": "contacted"}, headers=tokens["tokyo"])
    assert moved.status_code == 404
    handled = client.post(f"/api/staff/inbox/{iwate}", json={"status": "contacted"}, headers=tokens["iwate"])
    assert handled.status_code == 200 and handled.json()["updated_by"] == "memo-iwate"
    unknown = client.post(
        "/api/staff/inbox/GS-000000-000000", json={"status": "closed"}, headers=tokens["tokyo"]
    )
    assert unknown.status_code == moved.status_code  # another inbox's memo looks like no memo at all


def test_national_staff_work_the_queue_and_the_admin_sees_all_with_a_filter(client, inbox) -> None:
    tokens, iwate, nowhere = inbox
    national = _listed(client, tokens["national"])
    assert nowhere in national and iwate not in national
    assert (
        client.post(
            f"/api/staff/inbox/{iwate}", json={"status": "closed"}, headers=tokens["national"]
        ).status_code
        == 404
    )
    assert {iwate, nowhere} <= _listed(client, tokens["admin"])
    assert iwate in _listed(client, tokens["admin"], centre="centre:7")
    assert nowhere not in _listed(client, tokens["admin"], centre="centre:7")
    assert _listed(client, tokens["admin"], centre="national") >= {nowhere}
    assert iwate not in _listed(client, tokens["admin"], centre="national")
    # a filter is the admin's only: a centre asking for another inbox still gets its own
    assert iwate not in _listed(client, tokens["tokyo"], centre="centre:7")


def test_the_inbox_page_shows_a_centre_only_its_memos(client, console_service, inbox) -> None:
    _, iwate, nowhere = inbox
    directory = StaffDirectory(console_service.store)
    user = next(u for u in directory.users() if u.username == "memo-tokyo")
    secret, _ = directory.open_session(user)
    client.cookies.set("govbot_staff", secret)
    page = client.get("/console/inbox")
    assert page.status_code == 200 and iwate not in page.text and nowhere not in page.text
    user = next(u for u in directory.users() if u.username == "memo-iwate")
    client.cookies.set("govbot_staff", directory.open_session(user)[0])
    page = client.get("/console/inbox")
    assert iwate in page.text and "きくみみ岩手" in page.text and nowhere not in page.text


@pytest.mark.slow
def test_over_rest_a_tono_resident_reaches_kikumimi_iwate(server) -> None:
    """The whole way: the Rasa REST channel, the real model and actions, then the staff API."""
    tokens = _tokens(FaqStore(f"sqlite:///{server.database}"))
    replies = server.conversation(
        "行政相談の窓口を知りたい",
        "遠野市に住んでいます",
        "/affirm",
        "年金の手続で窓口をたらい回しにされた",
        '/inform{"contact_method": "電話"}',
    )
    assert "019-623-1100" in text_of(replies[1])  # the card shows きくみみ岩手
    found = re.search(r"GS-\d{6}-[0-9A-F]{6}", text_of(replies[-1]))
    assert found, text_of(replies[-1])
    reference = found.group(0)

    def inbox(name: str) -> set[str]:
        import json
        import urllib.request

        request = urllib.request.Request(server.base + "/api/staff/inbox", headers=tokens[name])
        with urllib.request.urlopen(request, timeout=30) as response:
            return {memo["reference"] for memo in json.loads(response.read().decode())}

    assert reference in inbox("iwate")
    assert reference not in inbox("tokyo")
    assert reference not in inbox("national")
    assert reference in inbox("admin")
