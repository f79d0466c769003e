"""Where a conversation starts: the greeting and a bare 「はい」 offer the table of flows' start menu."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.common import no_answer
from actions.faq_actions import ActionOutOfScope
from actions.feedback import ActionDenyOutsideFlow
from actions.start_menu import ActionGreet, ActionOkOutsideFlow
from faq.content.flows import flow_table
from faq.content.messages import message
from tests.actions.conftest import make_tracker

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    ("action", "intent", "key"),
    [(ActionGreet, "greet", "start.greet"), (ActionOkOutsideFlow, "affirm", "start.ok_outside_flow")],
)
def test_the_start_menu_is_the_tables(dispatcher, action, intent: str, key: str) -> None:
    action().run(dispatcher, make_tracker("こんにちは", intent), {})
    (reply,) = dispatcher.messages
    assert reply["text"] == message(key)
    assert reply["buttons"] == flow_table().start_menu()
    titles = [b["title"] for b in reply["buttons"]]
    assert titles == ["分野から探す", "災害で困っている", "協力隊の対象か確かめる", "行政相談の窓口を探す"]


def test_a_reply_that_offers_a_flow_names_it_with_its_one_label() -> None:
    """The 行政相談 flow offered after no answer, out of scope and a 「いいえ」 (these said 行政相談の窓口を
    知りたい or 行政相談の窓口を探す, two labels for one flow)."""
    gyosei = flow_table().by_form("gyosei_form")
    for run in (
        no_answer,
        lambda d: ActionOutOfScope().run(d, make_tracker("今日の天気は？", "out_of_scope"), {}),
        lambda d: ActionDenyOutsideFlow().run(d, make_tracker("いいえ", "deny"), {}),
    ):
        dispatcher = CollectingDispatcher()
        run(dispatcher)
        buttons = [b for m in dispatcher.messages for b in m.get("buttons") or []]
        offered = [b for b in buttons if b["payload"] == gyosei.payload]
        assert offered == [gyosei.start_button()]
