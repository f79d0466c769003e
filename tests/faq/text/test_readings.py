"""Katakana-typed words are read back into the corpus' spelling before searching."""

from __future__ import annotations

import pytest

from faq.text.readings import ReadingLexicon, has_katakana_run

CORPUS = [
    "地域おこし協力隊の任期は何年ですか",
    "罹災証明書はどこでもらえますか",
    "行政相談委員は総務大臣が委嘱します",
    "シニア起業人とは何ですか",
    "外国人の方も相談できます",
    "自治体が募集します",
    "サポートデスクに電話してください",
]


@pytest.fixture(scope="module")
def lexicon(analyzer) -> ReadingLexicon:
    return ReadingLexicon.from_texts(analyzer, CORPUS)


@pytest.mark.parametrize(
    ("typed", "restored"),
    [
        ("ｷｮｳﾘｮｸﾀｲのﾆﾝｷ", "協力隊の任期"),  # a compound wins over 協力 + 体 (自治体)
        ("リサイショウメイショはどこ", "罹災証明書はどこ"),  # several words in one run
        ("ｷﾞｮｳｾｲｿｳﾀﾞﾝｲｲﾝ", "行政相談委員"),
        ("ｼﾆｱｷｷﾞｮｳｼﾞﾝ", "シニア起業人"),  # a loanword of the corpus inside the run; 人 read ジン
        ("ｶﾞｲｺｸｼﾞﾝ", "外国人"),
    ],
)
def test_katakana_runs_are_read_back(lexicon, typed: str, restored: str) -> None:
    assert lexicon.restore(typed) == restored


@pytest.mark.parametrize(
    "typed",
    [
        "サポートデスク",  # a loanword with ー is never cut up
        "タイムライン",  # UniDic knows it as loanwords, even if タイ/ムラ/イン were corpus readings
        "ブラジル",  # a foreign name
        "カイ",  # two kana: too ambiguous
        "協力隊の任期",  # nothing in katakana: returned as typed
    ],
)
def test_loanwords_short_runs_and_kanji_are_left_alone(lexicon, typed: str) -> None:
    assert lexicon.restore(typed) == typed


def test_a_run_that_does_not_split_into_corpus_words_stays(lexicon) -> None:
    assert lexicon.restore("ヌメヌメホゲ") == "ヌメヌメホゲ"


def test_only_text_with_a_katakana_run_is_worth_restoring() -> None:
    assert has_katakana_run("ｷｮｳﾘｮｸﾀｲ")
    assert not has_katakana_run("サポートデスク の カイ")
    assert not has_katakana_run("きょうりょくたい")
