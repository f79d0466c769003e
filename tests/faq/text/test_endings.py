"""Dialect endings UniDic takes for nouns come off a question before it is searched (faq/text/endings.py)."""

from __future__ import annotations

import pytest

from faq.model import Outcome
from faq.text.analyzer import shared_analyzer
from faq.text.endings import without_dialect_endings

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "searched"),
    [
        ("相談所ってどこにあるがや", "相談所ってどこにある"),  # がや read as 茅
        ("申し込めばいいがけ？", "申し込めばいい？"),  # がけ read as 崖
        ("罹災証明書はどこ", "罹災証明書はどこ"),  # a noun ending a question stays
        ("あるがや。", "あるがや。"),  # with its full stop UniDic reads particles: nothing to take off
        ("がけ崩れで家が壊れた", "がけ崩れで家が壊れた"),  # がけ as a word, not after a predicate
    ],
)
def test_an_ending_after_a_predicate_is_not_searched_as_a_noun(text: str, searched: str) -> None:
    assert without_dialect_endings(text, shared_analyzer()) == searched


@pytest.mark.integration
def test_a_noto_question_on_the_towns_page_is_no_longer_left_unanswered(built_service) -> None:
    """Before, 茅 weighed as the rarest word of the question and it got no answer at all."""
    wajima = {"municipality": "172049", "town": ("輪島市", "輪島")}
    result = built_service.search("相談所ってどこにあるがや", 3, **wajima)
    assert result.outcome is not Outcome.NO_ANSWER
    assert "disaster-wajima-overview" in [hit.entry.id for hit in result.hits]
