"""What a resident says about an answer reaches 改善候補 with the entry that was given (issue 27, item 4)."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.answering import ActionAnswerFaq
from actions.feedback import ActionDenyOutsideFlow, ActionRecordFeedback
from faq.content.messages import message as wording
from faq.residents.feedback import asks_again, says_not_helpful, votes
from tests.actions.conftest import make_tracker

pytestmark = pytest.mark.integration
ENTRY = "disaster-guide-01-risai-shomeisho"


def _after_an_answer(question: str, text: str, intent: str, sender_events: list[dict] | None = None):
    """A tracker where ``question`` was answered with ENTRY and the resident now says ``text``."""
    events = [{"event": "user", "text": question}, {"event": "bot", "text": "Q. 罹災証明書とは…"}]
    tracker = make_tracker(text, intent=intent, slots={"faq_id": ENTRY}, events=events)
    return tracker


def _my_votes(shared_service, question: str) -> list:
    return [v for v in votes(shared_service.store, ENTRY) if v.question == question]


def test_a_typed_remark_on_the_answer_is_a_vote_with_its_question(shared_service) -> None:
    question = "罹災証明ってどこでもらうん 感想テスト"
    ActionRecordFeedback().run(
        CollectingDispatcher(), _after_an_answer(question, "全然わかりにくい", "feedback"), {}
    )
    stored = _my_votes(shared_service, question)
    assert len(stored) == 1 and stored[0].helpful is False


def test_no_right_after_an_answer_is_a_vote_against_it(shared_service) -> None:
    question = "罹災証明ってどこでもらうん ちがうテスト"
    dispatcher = CollectingDispatcher()
    ActionDenyOutsideFlow().run(dispatcher, _after_an_answer(question, "ちがう", "deny"), {})
    assert [v.helpful for v in _my_votes(shared_service, question)] == [False]
    assert "見直します" in dispatcher.messages[0]["text"]


def test_no_with_no_answer_before_is_only_acknowledged(shared_service) -> None:
    dispatcher = CollectingDispatcher()
    ActionDenyOutsideFlow().run(dispatcher, make_tracker("いいえ", intent="deny"), {})
    assert dispatcher.messages[0]["text"] == wording("faq.no_outside_flow")


def test_the_same_question_asked_again_in_other_words_marks_the_answer(shared_service) -> None:
    question = "罹災証明書ってどこでもらえるの 言い直しテスト"
    again = "罹災証明書はどこで発行してもらえますか 言い直しテスト"
    ActionAnswerFaq().run(CollectingDispatcher(), _after_an_answer(question, again, "ask_faq"), {})
    assert [v.helpful for v in _my_votes(shared_service, question)] == [False]


def test_a_new_question_after_an_answer_is_not_a_vote(shared_service) -> None:
    question = "罹災証明書ってどこでもらえるの 新しい質問テスト"
    ActionAnswerFaq().run(
        CollectingDispatcher(), _after_an_answer(question, "応急修理の制度ってなに", "ask_faq"), {}
    )
    assert _my_votes(shared_service, question) == []


@pytest.mark.parametrize(
    ("text", "negative"),
    [
        ("役に立たなかった", True),
        ("説明がわかりにくいです", True),
        ("回答が的外れ", True),
        ("期待はずれでした", True),
        ("答えが長すぎる", True),
        ("役に立った", False),
        ("分かりやすかった", False),
        ("このチャットボット便利だね", False),
    ],
)
def test_a_typed_remark_is_read_as_helpful_or_not(text: str, negative: bool) -> None:
    assert says_not_helpful(text) is negative


@pytest.mark.parametrize(
    ("first", "second", "again"),
    [
        ("罹災証明書ってどこでもらえるの", "罹災証明書はどこで発行してもらえますか", True),
        ("りさいしょうめいどこ", "罹災証明どこ", True),
        ("協力隊の任期は？", "協力隊の給料は？", False),
    ],
)
def test_a_question_asked_again_is_told_from_a_new_one(first: str, second: str, again: bool) -> None:
    assert asks_again(first, second) is again
