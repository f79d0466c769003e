"""Messages that ask several things (issue 26 item 2): each question answered on its own, with the words of
its siblings where it leaves them out, and never a centre for a place nobody asked about."""

from __future__ import annotations

import pytest

from actions.answering import ActionAnswerFaq
from tests.actions.conftest import answers_given, make_tracker

pytestmark = pytest.mark.integration


def test_an_event_named_after_the_window_is_no_request_for_a_card(dispatcher) -> None:
    """特別行政相談所 is a disaster's event: its name holds 行政相談, but a resident asking whether it opened
    in their town asks about the event, not for the prefecture's きくみみ (it gave きくみみ東京)."""
    text = "特別行政相談所って八丈町でも開いてましたか"
    ActionAnswerFaq().run(dispatcher, make_tracker(text), {})
    assert not [g for g in answers_given(dispatcher) if g.startswith("card:")]


@pytest.mark.parametrize(
    ("text", "second"),
    [
        # a question that leaves out its subject: the one before is its conversation; searched with it, the
        # sibling's entry comes first again, and the next one, which 「期間は」 alone ranks first, answers
        ("起業人の対象企業ってどこの会社？ 期間は？ 国の上限ってなんぼ", "entry:kigyojin-period"),
    ],
)
def test_a_question_that_leaves_out_its_subject_takes_its_siblings(
    dispatcher, text: str, second: str
) -> None:
    ActionAnswerFaq().run(dispatcher, make_tracker(text), {})
    given = answers_given(dispatcher)
    assert second in given, given
