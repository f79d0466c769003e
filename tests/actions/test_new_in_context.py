"""A message with words of its own that finds no answer alone is read once more with the conversation
(issue 26 item 1): 「活動費は一人なんぼ」 after a 協力隊 特交 entry is about that topic's 活動費."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.faq_actions import ActionOutOfScope, ActionRequestHuman, ActionShowMenu
from tests.actions.context_play import _tracker, play_turn

pytestmark = pytest.mark.integration


def _last_faq(turns: list[str]) -> str | None:
    slots: dict = {}
    messages: list[dict] = []
    for text in turns:
        messages = play_turn({"say": text}, slots)
    customs = [m.get("custom") or {} for m in messages]
    return next((c.get("faq_id") for c in customs if c.get("type") == "faq_answer"), None)


FIRST = "協力隊の募集の経費って特別交付税の対象？"


@pytest.mark.parametrize("typed", ["活動費って一人あたりどんだけ出るんや", "活動経費はひとりなんぼまで"])
def test_a_question_of_the_same_topic_is_answered_with_the_conversation(typed: str) -> None:
    assert _last_faq([typed]) != "kyoryokutai-tokko-katsudo"  # alone, the message does not find it
    assert _last_faq([FIRST, typed]) == "kyoryokutai-tokko-katsudo"


def _cards(turns: list[str]) -> list[str]:
    slots: dict = {}
    messages: list[dict] = []
    for text in turns:
        messages = play_turn({"say": text}, slots)
    return [c["prefecture"] for m in messages if (c := m.get("custom") or {}).get("type") == "kikumimi_card"]


@pytest.mark.parametrize(
    "typed", ["岡山のいとこんとこのは？", "来年から高松に移るんやけど、そっちも教えといて"]
)
def test_after_a_card_a_place_named_with_nothing_found_gets_its_card(typed: str) -> None:
    assert _cards([typed]) == []  # alone, nothing is found for it
    assert _cards(["広島のきくみみはどこ", typed]) in (["岡山県"], ["香川県"])


def test_after_a_card_a_place_named_with_a_question_no_card_answers_gets_no_card() -> None:
    assert _cards(["広島のきくみみはどこ", "岡山のほうの支援はいくら出るん"]) == []


@pytest.mark.parametrize(
    ("action", "typed"),
    [
        (ActionShowMenu, "何年からやってるの"),
        (ActionRequestHuman, "何人くらいいるんかいな"),
        (ActionOutOfScope, "番号おしえて"),
    ],
)
def test_a_question_of_the_conversation_sent_elsewhere_by_nlu_is_answered_in_context(
    action, typed: str
) -> None:
    slots: dict = {}
    play_turn({"say": "行政相談委員ってどんな人？"}, slots)
    dispatcher = CollectingDispatcher()
    action().run(dispatcher, _tracker(typed, slots), {})
    types = [(m.get("custom") or {}).get("type") for m in dispatcher.messages]
    assert "faq_answer" in types or "clarify" in types, dispatcher.messages


def test_a_menu_request_after_an_answer_stays_the_menu() -> None:
    slots: dict = {}
    play_turn({"say": "行政相談委員ってどんな人？"}, slots)
    dispatcher = CollectingDispatcher()
    ActionShowMenu().run(dispatcher, _tracker("メニュー", slots), {})
    assert [(m.get("custom") or {}).get("type") for m in dispatcher.messages] == ["menu"]


def test_the_topic_outlives_a_question_that_does_not_name_it() -> None:
    """「現地には月何日…」 finds the 副業型 entry alone, in words that say nothing of 起業人; the subject the
    conversation keeps still says 起業人, so 「報酬ってあるんですか」 is about 起業人's 報酬 (not もしかして
    among 行政相談委員, 協力隊 and 起業人)."""
    turns = ["シニア起業人ってどんな制度", "現地には月何日いけばいいんですか", "報酬ってあるんですか"]
    assert _last_faq(turns) == "kigyojin-reward"


def test_a_choice_among_one_topic_is_the_topic_of_the_next_follow_up() -> None:
    """A もしかして among three 行政相談委員 entries: 「給料は出るがか」 next is about 行政相談委員."""
    first = "行政相談委員ちゅうのは、わしみたいなもんでもやれるがけ"
    assert _last_faq([first]) is None  # a もしかして, no entry given
    assert _last_faq([first, "給料は出るがか"]) == "gyosei-iin-pay"
