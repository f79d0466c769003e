"""A flow made up for the tests (tests/data/new_flow: 引っ越しの手続) reaches every action that names flows
through its row in the table alone: the greeting's start menu, the safety reply's way back into it, and the
early answer to a question that started it. No action changes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from actions.asks import answer_opening_question
from actions.safety import ActionSafetyAlert
from actions.services import ActionServices, serving
from actions.start_menu import ActionGreet
from faq.content.flows import FlowTable, flow_table
from faq.places.directory import KikumimiDirectory
from tests.actions.conftest import all_text, make_tracker
from tests.bot.flow_rules import table_with_new_flow

pytestmark = pytest.mark.integration


@pytest.fixture()
def new_flow(scratch_service, tmp_path: Path) -> Iterator[FlowTable]:
    """The host gives the actions the table with the new row, as it would read the edited file."""
    table = table_with_new_flow(tmp_path)
    with serving(ActionServices(faq=scratch_service, directory=KikumimiDirectory.default(), flows=table)):
        yield table


def test_the_greeting_offers_the_new_flow(dispatcher, new_flow: FlowTable) -> None:
    ActionGreet().run(dispatcher, make_tracker("こんにちは", "greet"), {})
    (reply,) = dispatcher.messages
    assert reply["buttons"][-1] == {"title": "引っ越しの手続を知りたい", "payload": "/moving_help"}
    assert reply["buttons"][:-1] == flow_table().start_menu()


def test_the_safety_reply_offers_the_way_back_into_the_new_flow(dispatcher, new_flow: FlowTable) -> None:
    emergency = [{"entity": "safety_kind", "value": "emergency"}]
    tracker = make_tracker("/safety_alert", "safety_alert", entities=emergency, active_loop="moving_form")
    events = ActionSafetyAlert().run(dispatcher, tracker, {})
    (reply,) = dispatcher.messages
    assert reply["buttons"][0] == {"title": "さきほどの相談を続ける", "payload": "/moving_help"}
    assert ("active_loop", None) in [(e["event"], e["name"]) for e in events]  # the flow stops


def test_a_question_that_starts_the_new_flow_is_answered_first(dispatcher, new_flow: FlowTable) -> None:
    asked = make_tracker("引っ越したら罹災証明書はどこでもらえますか", "moving_help")
    answer_opening_question(dispatcher, asked)
    assert "罹災証明書" in all_text(dispatcher)
    dispatcher.messages.clear()
    answer_opening_question(dispatcher, make_tracker("引っ越したら罹災証明書はどこでもらえますか", "greet"))
    assert dispatcher.messages == []  # only a flow's intent gets the early answer
