from __future__ import annotations

import pytest

from faq.text import JapaneseAnalyzer

pytestmark = pytest.mark.unit

# Golden table pinned to the dictionary below: a UniDic upgrade must show up here, not in search quality.
PINNED_DICTIONARY = "unidic-lite 1.0.8"
GOLDEN = [
    ("罹災証明書の発行", ["罹災", "証明", "書", "の", "発行"]),
    ("協力隊の任期は何年ですか", ["協力", "隊", "の", "任期", "は", "何", "年", "です", "か"]),
    ("きくみみ大阪の電話", ["きくみみ", "大阪", "の", "電話"]),
    ("行政苦情110番に電話した", ["行政苦情110番", "に", "電話", "し", "た"]),
]


def test_dictionary_version_is_the_pinned_one(analyzer: JapaneseAnalyzer) -> None:
    assert analyzer.dictionary_version() == PINNED_DICTIONARY


@pytest.mark.parametrize(("text", "surfaces"), GOLDEN)
def test_golden_tokenisation(analyzer: JapaneseAnalyzer, text: str, surfaces: list[str]) -> None:
    assert [t.text for t in analyzer.tokenize(text)] == surfaces


def test_offsets_point_into_the_normalised_text(analyzer: JapaneseAnalyzer) -> None:
    text = "ｷｸﾐﾐ　北海道の函館市です"
    analysis = analyzer.analyze(text)
    for token in analysis.tokens:
        assert analysis.normalized[token.start : token.start + len(token.text)] == token.text


def test_particles_and_light_words_are_not_content(analyzer: JapaneseAnalyzer) -> None:
    words = analyzer.analyze("協力隊の任期ってなんねん？").words
    assert "任期" in words and "協力" in words and "隊" in words
    assert not {"の", "って", "ねん", "です"} & set(words)


def test_hiragana_query_meets_kanji_entry_through_readings(analyzer: JapaneseAnalyzer) -> None:
    kanji = set(analyzer.analyze("地域活性化センターの事業").reading_grams)
    hiragana = set(analyzer.analyze("ちいきかっせいかせんたー").reading_grams)
    unrelated = set(analyzer.analyze("年金の手続き").reading_grams)
    assert len(kanji & hiragana) >= 6
    assert len(unrelated & hiragana) <= 1


def test_hiragana_only_disaster_word_reaches_kanji(analyzer: JapaneseAnalyzer) -> None:
    assert "罹災" in analyzer.analyze("りさいしょうめいってなに").words


def test_empty_and_symbol_only_text_is_empty(analyzer: JapaneseAnalyzer) -> None:
    assert analyzer.analyze("").is_empty
    assert analyzer.analyze("！？。、…").is_empty
    assert not analyzer.analyze("😀 協力隊").is_empty
