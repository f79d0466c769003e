from __future__ import annotations

from datetime import date

import pytest

from faq.model import FaqEntry, Hit, Outcome, SearchResult, Source
from faq.search.topic import carried_subject, topic_of_choices

pytestmark = pytest.mark.unit


def _entry(entry_id: str, category: str, question: str, answer: str = "") -> FaqEntry:
    return FaqEntry(entry_id, category, question, answer, Source("d", "s", "r"), date(2026, 1, 1))


FUKUGYO = _entry("fukugyo", "起業人", "会社員のまま副業で起業人になれますか？", "現地滞在は月1日以上です。")


def test_the_subject_keeps_what_the_answering_entry_still_speaks_of() -> None:
    assert carried_subject("シニア 起業 人", "月 日 現地", FUKUGYO) == "起業 人 月 日 現地"


def test_words_of_another_topic_drop() -> None:
    assert carried_subject("協力 隊 任期", "副業", FUKUGYO) == "副業"


IIN_PAY = _entry(
    "iin-pay",
    "行政相談",
    "行政相談委員は報酬をもらっているのですか？",
    "報酬は受けていませんが、活動費は支給されます。",
)


def test_a_message_s_filler_the_entry_does_not_speak_of_drops() -> None:
    """「定年してひまやさけ、行政相談委員ちゅうのやってみたい」: only what the entry speaks of is kept, so
    the next follow-up (「給料は出るがか」) is searched with 行政相談委員, not with 定年 or ひま."""
    assert carried_subject("", "定年 ひま さけ 行政 相談 委員 ちゅう", IIN_PAY) == "行政 相談 委員"


def _clarify(*categories: str) -> SearchResult:
    hits = tuple(Hit(_entry(f"e{i}", c, "問"), 1.0) for i, c in enumerate(categories))
    return SearchResult("q", hits, Outcome.CLARIFY, 0.3)


def test_choices_of_one_category_name_the_topic() -> None:
    assert topic_of_choices(_clarify("行政相談", "行政相談", "行政相談")) == "行政相談"
    assert topic_of_choices(_clarify("行政相談", "起業人", "行政相談")) is None
    assert topic_of_choices(_clarify("行政相談", "行政相談")) is None
