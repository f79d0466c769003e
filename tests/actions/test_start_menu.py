"""Where a conversation starts: the greeting and a bare 「はい」 offer the table of flows' start menu."""

from __future__ import annotations

import pytest

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
