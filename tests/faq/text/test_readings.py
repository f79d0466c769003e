"""Katakana-typed words are read back into the corpus' spelling before searching."""

from __future__ import annotations

import pytest

from faq.text.readings import ReadingLexicon

pytestmark = pytest.mark.unit

CORPUS = [
    "地域おこし協力隊の任期は何年ですか",
    "罹災証明書はどこでもらえますか",
    "行政相談委員は総務大臣が委嘱します",
    "シニア起業人とは何ですか",
    "外国人の方も相談できます",
    "自治体が募集します",
    "サポートデスクに電話してください",
    "移住の相談窓口の住所",
    "地域力創造アドバイザーを探す",
    "きくみみ広島の電話番号",
    "被災者の生活の再建",
    "地域おこし協力隊の任期",
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


@pytest.mark.parametrize(
    ("typed", "restored"),
    [
        ("がいこくじん の そうだん", "外国人 の 相談"),
        ("いじゅう そうだん まどぐちの じゅうしょ おしえて", "移住 相談 窓口の 住所 おしえて"),
        ("ちいきりょくそうぞうあどばいざーってどこでさがせる", "地域力創造アドバイザーってどこでさがせる"),
        ("しにあ きぎょうじん", "シニア 起業人"),  # a corpus loanword making up a whole hiragana run
    ],
)
def test_corpus_words_inside_hiragana_are_read_back(lexicon, typed: str, restored: str) -> None:
    assert lexicon.restore(typed) == restored


@pytest.mark.parametrize(
    "typed", ["どうしたらいいんですか", "ありがとうございました", "こんにちは", "わたしにあうしごと"]
)
def test_hiragana_that_unidic_reads_otherwise_keeps_its_meaning(analyzer, typed: str) -> None:
    lexicon = ReadingLexicon.from_texts(analyzer, [*CORPUS, "行政相談委員と委員会", "有難い"])
    assert lexicon.restore(typed) == typed  # no 委員 in いいんですか


@pytest.mark.parametrize(
    ("typed", "restored"),
    [
        ("行政想談委員って誰", "行政相談委員って誰"),  # 想 + 談: two one-kanji words where one word belongs
        ("政活の再建", "生活の再建"),
    ],
)
def test_mis_converted_kanji_become_the_corpus_word_with_their_reading(
    lexicon, typed: str, restored: str
) -> None:
    assert lexicon.restore(typed) == restored


@pytest.mark.parametrize("typed", ["山形市です", "北海道の小平町", "小平"])
def test_place_names_are_never_respelled(analyzer, typed: str) -> None:
    # 山形 and 山県, the Hokkaido town 小平 and 招へい share readings; a name is written as its owner likes.
    lexicon = ReadingLexicon.from_texts(analyzer, [*CORPUS, "山県市の窓口", "講師の招へい"])
    assert lexicon.restore(typed) == typed


def test_a_real_word_sharing_a_reading_is_kept(analyzer) -> None:
    # 人気 (popularity) reads ニンキ like 任期 (term), but it is a word: the resident meant it.
    lexicon = ReadingLexicon.from_texts(analyzer, CORPUS)
    assert lexicon.restore("協力隊って人気ある？") == "協力隊って人気ある？"
