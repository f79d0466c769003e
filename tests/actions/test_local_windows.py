"""A municipality's local window under the national answer (issue 17): with the page's municipality or
one the resident names, only for that municipality, and the national answer unchanged without one."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.faq_actions import ActionAnswerFaq

pytestmark = pytest.mark.integration

CASES = yaml.safe_load((Path(__file__).parents[1] / "data" / "local_window_messages.yml").read_text("utf-8"))
WAJIMA, KAGOSHIMA = "石川県輪島市", "鹿児島県鹿児島市"  # as the chat route hands metadata.municipality on
MESSAGES = [(case["entry"], text) for case in CASES.values() for text in case["messages"]]


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
    assert block is not None and "JAのと輪島支店" in block["text"]


def test_the_named_place_wins_over_the_page() -> None:
    # On 輪島市's page, a resident who says they live in 鹿児島市 gets 鹿児島市's window, not 輪島's.
    block = local_block(answer("鹿児島市に住んでいます。罹災証明書はどこで？", WAJIMA))
    assert block is not None and block["custom"]["municipality"] == "462012"


def test_a_municipality_without_supplements_gets_the_national_answer_only() -> None:
    messages = answer("罹災証明ってどこでもらえるん？", "石川県珠洲市")
    assert messages[0]["custom"]["faq_id"] == "disaster-guide-01-risai-shomeisho"
    assert local_block(messages) is None


def test_the_block_leaves_out_fields_the_sources_do_not_give() -> None:
    # The seeds give no phone for 輪島市's 罹災証明書 window: no 電話 line is made up.
    block = local_block(answer("罹災証明ってどこでもらえるん？", WAJIMA))
    assert block is not None and "電話：" not in block["text"] and "窓口：" in block["text"]
