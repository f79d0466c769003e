from __future__ import annotations

import pytest

from faq.text.normalize import normalize, to_hiragana, to_katakana

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ｷｸﾐﾐ", "きくみみ"),  # half-width katakana, then the 表記ゆれ table
        ("ｻﾎﾟｰﾄﾃﾞｽｸ", "サポートデスク"),  # half-width voiced marks join their letters
        ("ＡＢＣ１２３", "abc123"),  # full-width ASCII
        ("協力体になれる?", "協力隊になれる?"),  # a common misspelling
        ("地域起こし協力隊", "地域おこし協力隊"),
        ("ガボットって何", "govbotって何"),
        ("地域活性化企業人", "地域活性化起業人"),
        ("り災証明書", "罹災証明書"),
        ("行政苦情１１０番", "行政苦情110番"),  # canonical text is never rewritten into itself twice
        ("苦情110番に電話", "行政苦情110番に電話"),
        ("  複数の　　空白\tと\n改行  ", "複数の 空白 と 改行"),
        ("制御\u0000文字\u200bと\u202eゼロ幅", "制御 文字 と ゼロ幅"),
    ],
)
def test_normalize(typed: str, expected: str) -> None:
    assert normalize(typed) == expected


def test_variants_can_be_switched_off() -> None:
    assert normalize("協力体", variants=False) == "協力体"


def test_kana_conversion_round_trips() -> None:
    assert to_katakana("りさいしょうめい") == "リサイショウメイ"
    assert to_hiragana("リサイショウメイ") == "りさいしょうめい"
    assert to_katakana("罹災abc") == "罹災abc"
