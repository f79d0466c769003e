"""Disaster messages answered at once (tests/data/disaster_messages.jsonl): the support for each need
named, in one phone-sized reply with buttons; 鹿児島's pages and number only for 鹿児島."""

from __future__ import annotations

import pytest

from actions.damage import ActionAskDisasterPrefecture
from faq.content.messages import message as wording
from tests.actions.conftest import all_text, make_tracker
from tests.actions.disaster_play import load_messages, problems, reply_to

pytestmark = pytest.mark.integration


# The ranking under these replies is retrained whenever entries change, so single rows may move; the
# set as a whole must stay right, and two rules hold for every row (below).
AT_LEAST_RIGHT = 0.95


@pytest.fixture(scope="module")
def replies() -> list[tuple[dict, dict, list[str]]]:
    rows = load_messages()
    return [(row, reply, problems(row, reply)) for row in rows for reply in [reply_to(row["text"])]]


def test_disaster_messages_are_answered_at_once(replies) -> None:
    wrong = [(row["text"], found) for row, _, found in replies if found]
    for text, found in wrong:
        print(f"wrong: {text} → {found}")
    right = len(replies) - len(wrong)
    print(f"disaster messages right: {right}/{len(replies)}")
    assert right >= AT_LEAST_RIGHT * len(replies), wrong


def test_no_other_prefectures_page_or_number_and_no_list_for_a_question(replies) -> None:
    for row, reply, found in replies:
        assert not any("鹿児島's page" in f for f in found), row["text"]
        if row["kind"] == "other":  # a question about a subject never gets the damage list
            assert (reply.get("custom") or {}).get("type") != "disaster_support", row["text"]


def test_one_line_of_empathy_not_a_paragraph() -> None:
    text = reply_to("家が半壊、車も流された、通帳もハンコもない、収入がない")["text"]
    assert text.count("大変でしたね") == 1 and text.splitlines()[0].endswith("（詳しくはボタンから）。")


def test_the_flow_answers_before_it_asks_for_the_prefecture(dispatcher) -> None:
    tracker = make_tracker("家が流されて住むところがない", "disaster_help", active_loop="disaster_form")
    events = ActionAskDisasterPrefecture().run(dispatcher, tracker, {})
    text = all_text(dispatcher)
    assert "罹災証明書" in text and "応急修理" in text  # the answer first
    assert "都道府県を教えていただければ" in text  # the prefecture only to add the local window
    assert {"event": "slot", "name": "context_topic", "value": "disaster", "timestamp": None} in events


def test_the_flow_without_needs_asks_as_before(dispatcher) -> None:
    tracker = make_tracker("被災して困っています", "disaster_help", active_loop="disaster_form")
    ActionAskDisasterPrefecture().run(dispatcher, tracker, {})
    assert "まず、被災された場所の都道府県" in all_text(dispatcher)


def test_after_an_interruption_the_flow_reminds_briefly_instead_of_asking_again_in_full(dispatcher) -> None:
    # The flow asked for the prefecture; the resident asked something else, which was answered: the form
    # comes back to its question with a short reminder, not the opening's empathy line on every turn.
    tracker = make_tracker(
        "協力隊の任期は？", "ask_faq", slots={"requested_slot": "prefecture"}, active_loop="disaster_form"
    )
    ActionAskDisasterPrefecture().run(dispatcher, tracker, {})
    text = all_text(dispatcher)
    assert text.strip() == wording("disaster.ask_prefecture_resume")
    assert "大変でしたね" not in text and "まず、" not in text


def test_a_need_a_part_asks_about_is_on_the_list_too() -> None:
    """A message whose second part asks about one need (a doctor) had that part answered under its own
    heading and the need left off the list: the list names every need of the whole message."""
    custom = reply_to("大雨で保険証が流されてしまいました。病院にはかかれますか").get("custom") or {}
    assert custom.get("type") == "disaster_support"
    assert {"保険・預金", "医療・介護"} <= set(custom.get("needs") or []), custom


def test_a_victim_naming_several_needs_gets_the_list_even_when_asking_an_amount() -> None:
    """「いくら」 on a message naming a home and money took the reply that the sources give no amount, and
    the list never came: a message naming several needs asks for the support with all of them."""
    custom = reply_to("大雨で家が全壊しました。見舞金はいくらもらえますか").get("custom") or {}
    assert custom.get("type") == "disaster_support", custom
    assert {"住まい", "お金"} <= set(custom.get("needs") or []), custom
