"""Places as residents say them (tuning rows of tests/data/places and conversations): a town's bare name
with 住み, a station's name without 駅, a town's name now said as the town it was (旧岩槻市), a station's
exit after the station, and a name after a prefecture it does not lie in."""

from __future__ import annotations

import pytest

from faq.places.directory import KikumimiDirectory

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def directory() -> KikumimiDirectory:
    return KikumimiDirectory.default()


def labels(directory: KikumimiDirectory, text: str) -> tuple[str | None, list[str], bool]:
    found = directory.resolve(text)
    return (found.place.label if found.place else None, [c.label for c in found.choices], found.confirm)


@pytest.mark.parametrize(
    ("text", "label"),
    [("函館住みなんだけど", "北海道函館市"), ("函館在住です", "北海道函館市"), ("東京住みです", "東京都")],
)
def test_a_bare_name_before_a_word_of_living_is_where_one_lives(directory, text: str, label: str) -> None:
    """「函館住みなんだけど」 after a きくみみ question got no answer: 住み read as a word's second half."""
    assert labels(directory, text)[0] == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("下北沢に住んでる者です", "東京都世田谷区"),
        ("しもきたざわに すんでる ものです", "東京都世田谷区"),
        ("河口湖の近くに住んでる", "山梨県南都留郡富士河口湖町"),
    ],
)
def test_a_station_said_without_eki_is_confirmed(directory, text: str, label: str) -> None:
    assert labels(directory, text) == (None, [label], True)


@pytest.mark.parametrize("text", ["本町に住んでる", "下北沢の話", "中央に住んでる"])
def test_a_station_name_shared_far_and_wide_or_said_in_passing_is_none(directory, text: str) -> None:
    assert labels(directory, text) == (None, [], False)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("旧岩槻市に住んでる年金暮らしの者です", "埼玉県さいたま市岩槻区"),
        ("旧河口湖町に住んでるけんど", "山梨県南都留郡富士河口湖町"),
        ("ｷｭｳｶﾜｸﾞﾁｺﾏﾁﾆ ｽﾝﾃﾞﾙｹﾝﾄﾞ", "山梨県南都留郡富士河口湖町"),
    ],
)
def test_a_place_now_said_as_the_town_it_was_is_confirmed(directory, text: str, label: str) -> None:
    assert labels(directory, text) == (None, [label], True)


@pytest.mark.parametrize(
    "text", ["金沢駅の西口の方に行政相談センターがあるって聞きました。住所と電話を", "金沢駅西口に住んでる"]
)
def test_a_stations_exit_is_part_of_the_station_not_a_town_elsewhere(directory, text: str) -> None:
    """It asked 奈良県桜井市 (a 町域 西口) or 金沢市."""
    assert labels(directory, text) == (None, ["石川県金沢市"], True)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("かごしまの きゅう こくぶしに すんどっとですが", "鹿児島県"),
        ("鹿児島の真備町に住んでます", "鹿児島県"),
        ("新潟の古町あたりに住んでる", "新潟県"),
    ],
)
def test_a_name_right_after_a_prefecture_it_does_not_lie_in_is_not_asked_about(
    directory, text: str, label: str
) -> None:
    """A name said in a prefecture is that prefecture's, not one elsewhere (国分 of 熊本, 倉敷's 真備町)."""
    assert labels(directory, text) == (label, [], False)


@pytest.mark.parametrize("text", ["てんのうじくに すんでるんやけど", "ﾃﾝﾉｳｼﾞｸﾆ ｽﾝﾃﾞﾙﾝﾔｹﾄﾞ"])
def test_a_wards_reading_without_its_city_is_the_ward(directory, text: str) -> None:
    assert labels(directory, text) == ("大阪府大阪市天王寺区", [], False)


@pytest.mark.parametrize(
    "text",
    [
        "柴又2丁目に住んでる年寄りです。江戸川があふれたときの支援のこと",  # 江戸川: the river
        "しばまた にちょうめに すんでる としよりです。えどがわが あふれた",
        "ｼﾊﾞﾏﾀ 2ﾁｮｳﾒﾆ ｽﾝﾃﾞﾙ ﾄｼﾖﾘﾃﾞｽ｡ｴﾄﾞｶﾞﾜｶﾞ ｱﾌﾚﾀ",
    ],
)
def test_a_town_area_with_its_chome_is_an_address(directory, text: str) -> None:
    assert labels(directory, text) == (None, ["東京都葛飾区"], True)


def test_a_former_towns_kana_name_said_so_ends_where_the_name_ends(directory) -> None:
    """がっぺいまえの なみおかまちさ: さ (に in 東北's speech) after a name the words call a former town."""
    assert labels(directory, "がっぺいまえの なみおかまちさ すんでら")[1] == ["青森県青森市"]


@pytest.mark.parametrize(("text", "found"), [("しょうどしま すみです", True), ("かすみ すみません", False)])
def test_sumi_in_kana_says_where_one_lives_but_sumimasen_does_not(directory, text: str, found: bool) -> None:
    place, choices, _ = labels(directory, text)
    assert bool(place or choices) == found, (place, choices)
