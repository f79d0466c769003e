"""Issue 23, item 2, in the chat: a disaster 輪島市's reviewer declared — naming 鹿児島県 and 東京都, with a
made-up 専用ダイヤル and an outside guidebook URL — is 輪島市's own. A 金沢市 resident in the disaster flow or
with a damage message is never told about it (「【対応中の災害】… 03-1234-5678 … https://evil.example/」);
a 輪島市 page's resident is, and both still hear of the national 能登半島地震."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answering import ActionAnswerFaq
from actions.damage import answer_damage
from actions.disaster import ActionAskDisasterNeed, ActionDisasterSupport
from actions.services import serving
from faq.content.disasters import declare
from faq.content.permissions import Actor
from faq.places.directory import KikumimiDirectory
from tests.actions.conftest import all_text, make_tracker, services_for

pytestmark = pytest.mark.integration

FAKE_PHONE, OUTSIDE_URL = "03-1234-5678", "https://evil.example/"
NAME = "訓練用の災害（輪島市のテスト）"
NOTO = "令和6年能登半島地震"
PROBE = {  # as the server stored the probe's request (naming 鹿児島県 and 東京都): 輪島市's area
    "name": NAME,
    "prefectures": ["石川県"],
    "municipalities": {"輪島市": "石川県"},
    "guidebook_url": OUTSIDE_URL,
    "dial": {"name": "偽の専用ダイヤル", "phone": FAKE_PHONE, "hours": "24時間"},
}
# metadata.municipality as the chat route sets it for each page
PAGES = {"wajima": "石川県輪島市", "kanazawa": "石川県金沢市"}


@pytest.fixture()
def declared(isolated_service):
    """輪島市's drill in a copy of the database, served to the actions of the test."""
    isolated_service.warm_up()
    declare(isolated_service.store, PROBE, Actor("w-rv", "reviewer", "municipality:172049"))
    with serving(services_for(isolated_service)):
        yield isolated_service


def on_page(tracker: Tracker, page: str | None) -> Tracker:
    if page:
        tracker.latest_message["metadata"] = {"municipality": PAGES[page]}
    return tracker


def flow_reply(page: str | None, said: str = "石川県です") -> str:
    dispatcher = CollectingDispatcher()
    slots = {"prefecture": "石川県", "requested_slot": "need"}
    tracker = on_page(make_tracker(said, "inform", slots=slots, active_loop="disaster_form"), page)
    ActionAskDisasterNeed().run(dispatcher, tracker, {})
    return all_text(dispatcher)


def support_reply(page: str | None) -> str:
    dispatcher = CollectingDispatcher()
    slots = {"prefecture": "石川県", "need": "住まい"}
    tracker = on_page(make_tracker("/inform", "inform", slots=slots), page)
    ActionDisasterSupport().run(dispatcher, tracker, {})
    return all_text(dispatcher)


def shows_the_drill(text: str) -> bool:
    return any(word in text for word in (NAME, FAKE_PHONE, OUTSIDE_URL))


@pytest.mark.usefixtures("declared")
def test_the_disaster_flow_tells_only_wajimas_residents() -> None:
    for reply in (
        flow_reply("kanazawa"),
        support_reply("kanazawa"),
        flow_reply(None, "金沢市です"),
        flow_reply(None),  # a 石川県 resident whose municipality is not known
        support_reply(None),
    ):
        assert not shows_the_drill(reply), reply
        assert NOTO in reply  # the national disaster still reaches the whole prefecture
    for reply in (flow_reply("wajima"), support_reply("wajima"), flow_reply(None, "輪島市です")):
        assert NAME in reply and FAKE_PHONE in reply and OUTSIDE_URL in reply
        assert NOTO in reply


@pytest.mark.usefixtures("declared")
def test_a_damage_message_lists_it_only_in_wajima() -> None:
    directory = KikumimiDirectory.default()
    for town, shown in (("金沢市", False), ("輪島市", True)):
        dispatcher = CollectingDispatcher()
        answer_damage(dispatcher, ("住まい",), directory.resolve(town))
        text = all_text(dispatcher)
        assert (NAME in text) is shown and NOTO in text, (town, text)
    for page, shown in (("kanazawa", False), ("wajima", True)):
        dispatcher = CollectingDispatcher()
        tracker = on_page(make_tracker("家が壊れて住むところがない"), page)
        ActionAnswerFaq().run(dispatcher, tracker, {})
        text = all_text(dispatcher)
        assert NOTO in text and shows_the_drill(text) is shown, (page, text)
