"""ふりがな: readings for kanji only, the text itself unchanged."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from faq.text.analyzer import JapaneseAnalyzer
from faq.text.furigana import ruby_segments

pytestmark = pytest.mark.unit
ANALYZER = JapaneseAnalyzer()


def test_kanji_get_readings_and_okurigana_stay_outside() -> None:
    segments = ruby_segments("罹災証明書を市区町村の窓口へ届ける", ANALYZER)
    assert ("罹災", "りさい") in segments and ("窓口", "まどぐち") in segments
    assert ("届", "とど") in segments and ("ける", "") in segments
    assert all(reading == "" for text, reading in segments if text in ("を", "の", "へ"))


def test_text_without_kanji_is_one_plain_piece() -> None:
    assert ruby_segments("ｺﾝﾆﾁﾊ、0570-090-110 へどうぞ", ANALYZER) == [("ｺﾝﾆﾁﾊ、0570-090-110 へどうぞ", "")]


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("罹災証明書を出すときはお住まいの市区町村へ。ｶﾀｶﾅ 12-3\nabc々〆"),
        max_size=60,
    )
)
def test_the_pieces_give_the_text_back(text: str) -> None:
    segments = ruby_segments(text, ANALYZER)
    assert "".join(piece for piece, _ in segments) == text
    assert all(piece for piece, _ in segments)
