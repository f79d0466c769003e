"""A municipality's local window under the national answer (issue 17): with the page's municipality or
one the resident names, only for that municipality, and the national answer unchanged without one."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answering import ActionAnswerFaq
from actions.disaster import ActionDisasterSupport
from actions.faq_actions import ActionShowFaq
from faq.content.messages import message as wording

pytestmark = pytest.mark.integration

CASES = yaml.safe_load((Path(__file__).parents[1] / "data" / "local_window_messages.yml").read_text("utf-8"))
WAJIMA, KAGOSHIMA = "石川県輪島市", "鹿児島県鹿児島市"  # as the chat route hands metadata.municipality on
MESSAGES = [(case["entry"], text) for case in CASES.values() if "entry" in case for text in case["messages"]]


def tracker(text: str, municipality: str | None = None) -> Tracker:
    latest = {"text": text, "intent": {"name": "ask_faq", "confidence": 0.9}, "entities": []}
    if municipality:
        latest["metadata"] = {"municipality": municipality}
    events = [{"event": "user", "text": text}]
    return Tracker("resident", {}, latest, events, False, None, {}, "action_listen")


def answer(text: str, municipality: str | None = None) -> list[dict]:
    dispatcher = CollectingDispatcher()
    ActionAnswerFaq().run(dispatcher, tracker(text, municipality), {})
    return dispatcher.messages


def local_block(messages: list[dict]) -> dict | None:
    return next((m for m in messages if (m.get("custom") or {}).get("type") == "local_supplement"), None)


@pytest.mark.parametrize(("entry", "text"), MESSAGES)
def test_each_municipality_gets_its_own_window_under_the_same_answer(entry: str, text: str) -> None:
    wajima, kagoshima, national = answer(text, WAJIMA), answer(text, KAGOSHIMA), answer(text)
    for messages in (wajima, kagoshima, national):
        assert messages[0]["custom"]["faq_id"] == entry  # the national answer comes first, unchanged
    assert wajima[0]["text"] == kagoshima[0]["text"] == national[0]["text"]
    w, k = local_block(wajima), local_block(kagoshima)
    assert w is not None and k is not None and local_block(national) is None
    assert w["custom"]["municipality"] == "172049" and k["custom"]["municipality"] == "462012"
    assert "輪島" in w["text"] and "鹿児島" not in w["text"]
    assert "鹿児島" in k["text"] and "輪島" not in k["text"]
    assert "最終確認日：2026年11月29日" in w["text"] and "002:L" in w["custom"]["source"]["ref"]


def test_a_named_municipality_gets_its_window_without_page_metadata() -> None:
    block = local_block(answer("輪島市に住んでます。応急修理ってどこに申し込むの？"))
    assert block is not None and "石川行政評価事務所" in block["text"]


def test_the_named_place_wins_over_the_page() -> None:
    # On 輪島市's page, a resident who says they live in 鹿児島市 gets 鹿児島市's window, not 輪島's.
    block = local_block(answer("鹿児島市に住んでいます。罹災証明書はどこで？", WAJIMA))
    assert block is not None and block["custom"]["municipality"] == "462012"


def test_a_municipality_without_supplements_gets_the_national_answer_only() -> None:
    messages = answer("罹災証明ってどこでもらえるん？", "石川県珠洲市")
    assert messages[0]["custom"]["faq_id"] == "disaster-guide-01-risai-shomeisho"
    assert local_block(messages) is None


def test_the_block_leaves_out_fields_the_sources_do_not_give() -> None:
    # The seeds give no address for 輪島市's standing window (the 相談会's 問合せ先): no 場所 line is made up.
    block = local_block(answer("罹災証明ってどこでもらえるん？", WAJIMA))
    assert block is not None and "場所：" not in block["text"] and "窓口：" in block["text"]


@pytest.mark.parametrize("text", CASES["damage"]["messages"])
def test_a_damage_message_gets_the_municipality_windows_in_one_short_block(text: str) -> None:
    wajima, kagoshima, national = answer(text, WAJIMA), answer(text, KAGOSHIMA), answer(text)
    for messages in (wajima, kagoshima, national):
        assert messages[0]["custom"]["type"] == "disaster_support"  # the support list first, unchanged
    # The page's municipality says the prefecture: its window and disasters come in the list, and it is
    # not asked for (it was, before, on every municipality's page); without a page it still is.
    ask_place = wording("disaster_summary.ask_place")
    assert ask_place in national[0]["text"] and national[0]["custom"]["prefecture"] is None
    assert wajima[0]["custom"]["prefecture"] == "石川県" and ask_place not in wajima[0]["text"]
    assert kagoshima[0]["custom"]["prefecture"] == "鹿児島県" and ask_place not in kagoshima[0]["text"]
    assert local_block(national) is None and len(national) == 1
    for messages, code, own, other in (
        (wajima, "172049", "輪島", "鹿児島"),
        (kagoshima, "462012", "鹿児島", "輪島"),
    ):
        blocks = [m for m in messages if (m.get("custom") or {}).get("type") == "local_supplement"]
        assert len(blocks) == 1  # one block, not a message per entry
        block = blocks[0]
        assert block["custom"]["municipality"] == code
        assert block["custom"]["faq_ids"] == [
            "disaster-guide-01-risai-shomeisho",
            "disaster-guide-02-oukyu-shuri",
        ]
        assert "■罹災証明書" in block["text"] and "■応急修理" in block["text"]
        assert own in block["text"] and other not in block["text"]
        assert "最終確認日：2026年11月29日" in block["text"]
        assert len(block["text"].splitlines()) <= 14  # short: no notes, a shared window said once


def test_the_damage_block_leaves_the_long_notes_to_the_entry_button() -> None:
    block = local_block(answer("家が浸水して罹災証明書がほしい", WAJIMA))
    assert (
        block is not None
        and "チラシでは" not in block["text"]
        and "（窓口・電話・受付は上と同じ）" in block["text"]
    )
    shown = CollectingDispatcher()
    tapped = Tracker(
        "resident",
        {"faq_id": "disaster-guide-01-risai-shomeisho"},
        {
            "text": "/choose_faq",
            "intent": {"name": "choose_faq"},
            "entities": [],
            "metadata": {"municipality": WAJIMA},
        },
        [],
        False,
        None,
        {},
        "action_listen",
    )
    ActionShowFaq().run(shown, tapped, {})
    window = local_block(shown.messages)
    assert window is not None and "チラシでは" in window["text"]  # the full window, note included


def test_a_damage_message_on_a_municipality_without_windows_gets_the_list_only() -> None:
    messages = answer("家が浸水して罹災証明書がほしい", "石川県珠洲市")
    assert [m["custom"]["type"] for m in messages] == ["disaster_support"]


def test_the_disaster_forms_support_list_gets_the_towns_windows_too() -> None:
    # The form's last step (住まい chosen by button) on 鹿児島市's page: the list, then one local block.
    def support(metadata: dict) -> list[dict]:
        latest = {"text": "/inform", "intent": {"name": "inform"}, "entities": [], "metadata": metadata}
        slots = {"prefecture": "鹿児島県", "need": "住まい"}
        dispatcher = CollectingDispatcher()
        tracker = Tracker("resident", slots, latest, [], False, None, {}, "action_listen")
        ActionDisasterSupport().run(dispatcher, tracker, {})
        return dispatcher.messages

    on_page, national = support({"municipality": KAGOSHIMA}), support({})
    assert on_page[0]["text"] == national[0]["text"] and len(national) == 1
    block = local_block(on_page)
    assert (
        block is not None and block["custom"]["municipality"] == "462012" and "■罹災証明書" in block["text"]
    )
