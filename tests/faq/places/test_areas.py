"""Names below the municipality (町域, former towns, stations, a town's everyday-word stem): a place only
where the words around them say so, bound by a town named with them, never a name shared far and wide."""

from __future__ import annotations

import pytest

from faq.places.area_index import AreaIndex, fold
from faq.places.areas import AreaNames
from faq.places.directory import KikumimiDirectory
from faq.places.gazetteer import Gazetteer

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def directory() -> KikumimiDirectory:
    return KikumimiDirectory.default()


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("倉敷の真備町に住んでます。行政相談の窓口は？", "岡山県倉敷市"),  # bound by the town named with it
        ("倉敷の本町に住んでる", "岡山県倉敷市"),  # 本町 is everywhere: the town still counts
        ("金沢の香林坊あたり", "石川県金沢市"),
        ("飛騨高山に住んでて、相談窓口どこ？", "岐阜県高山市"),  # a region's town, in its prefecture
        ("岡山県です。真備町に住んでます", "岡山県倉敷市"),  # in the prefecture the message names
    ],
)
def test_a_name_below_the_municipality_with_its_town_reaches_its_municipality(
    directory, text: str, label: str
) -> None:
    found = directory.resolve(text)
    assert found.place is not None and found.place.label == label, (found.place, found.choices)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("真備町に住んでます", "岡山県倉敷市"),  # a former town: a 町域 prefix of one municipality
        ("まびちょうに すんでます", "岡山県倉敷市"),
        ("ﾏﾋﾞﾁｮｳﾆｽﾝﾃﾞﾏｽ", "岡山県倉敷市"),
        ("博多駅の近くに住んでます", "福岡県福岡市博多区"),  # a station, placed by its postal code
        ("はかたえきの ちかくに すんでます", "福岡県福岡市博多区"),
        ("平成の合併前は本渡市だったとこ", "熊本県天草市"),  # 本渡町… 町域: the former 本渡市
        ("昔は鳴子町だったとこに住んでます", "宮城県大崎市"),  # a former town over 名古屋's 鳴子町
    ],
)
def test_a_name_below_the_municipality_alone_is_confirmed_never_given(
    directory, text: str, label: str
) -> None:
    """Issue 26: never a centre the resident did not ask for. A 町域 or station alone shares its name with
    places nobody meant, so its place is offered to confirm (with 「ちがう」), not given."""
    found = directory.resolve(text)
    assert found.place is None and found.confirm, (found.place, found.choices)
    assert [c.label for c in found.choices] == [label]


def test_a_station_of_two_wards_of_one_centre_offers_the_centre_only(directory) -> None:
    found = directory.resolve("新宿駅の近くに住んでます")
    (choice,) = found.choices
    assert found.confirm and choice.prefecture == "東京都"
    assert choice.municipality is None  # 新宿区 or 渋谷区: neither is guessed


@pytest.mark.parametrize(
    "text",
    [
        "本町に住んでます",  # a 町域 of hundreds of towns
        "国立の大学に行きたい",  # 国立 (国立市) without anything saying it is a place
        "東京駅で待ち合わせしよう",  # a station named in passing
        "ひがいの そうだんって どこで できる？",  # ひがい|の holds いの (いの町)
        "どこに そうだん したら いいんでしょうか",  # し+たら is a verb, not 設楽
        "関西の人間やけど、役所に文句言いたい",  # 関西 (a 町域 of 下関市) with nothing placing it
    ],
)
def test_a_name_its_context_does_not_make_a_place_is_none(directory, text: str) -> None:
    found = directory.resolve(text)
    assert found.place is None and not found.choices, (found.place, found.choices)


def test_the_names_are_folded_at_build_and_read_back_as_stored(tmp_path) -> None:
    """The build folds and groups the names once (var/places/areas.json + areas.npz, no pickle); loading
    them is a read, and a name is found by its folded form as before."""
    rows = [
        ["真備町", ["まびちょう"], "former", [7]],
        ["真備町", ["まびちょう"], "district", [7]],
        ["ﾊｶﾀ", [], "stem", [3]],
        ["みず", [], "town", [1]],  # kana under 3 characters: no name
    ]
    AreaIndex.from_rows(rows).write(tmp_path)
    names = AreaNames(AreaIndex.load(tmp_path))
    assert len(names) == 3  # 真備町, まびちょう, はかた
    assert names.at("まびちょうにすんでます", 0) == [(5, (7,))]
    assert names.former("旧真備町です", 1, 4) == (7,)
    assert names.is_town_name("はかた") and not names.is_town_name("真備町")


def test_the_built_index_holds_only_folded_names() -> None:
    index = Gazetteer.load().areas
    assert index.keys == sorted(index.keys) and len(index) > 100_000
    assert all(fold(key) == key for key in index.keys[::97])


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # a kana station the tagger reads as a verb (さ(せる)ぼ, き(た)せんじゅ): the station data knows it
        ("佐世保駅のそばで働いてます", "長崎県佐世保市"),
        ("させぼえきの そばで はたらいてます", "長崎県佐世保市"),
        ("ｻｾﾎﾞｴｷﾉ ｿﾊﾞﾃﾞ ﾊﾀﾗｲﾃﾏｽ", "長崎県佐世保市"),
        ("北千住駅から歩いて十分のアパート", "東京都足立区"),
        ("きたせんじゅえきから あるいて じゅっぷんの あぱーと", "東京都足立区"),
        ("ｷﾀｾﾝｼﾞｭｴｷｶﾗ ｱﾙｲﾃ ｼﾞｭｯﾌﾟﾝﾉ ｱﾊﾟｰﾄ", "東京都足立区"),
        # a cue after の: 駅の東口 as 駅東口
        ("姫路駅の東口のアパートです", "兵庫県姫路市"),
        ("ひめじえきの ひがしぐちの あぱーとです", "兵庫県姫路市"),
        ("ﾋﾒｼﾞｴｷﾉ ﾋｶﾞｼｸﾞﾁﾉ ｱﾊﾟｰﾄﾃﾞｽ", "兵庫県姫路市"),
        # a station's reading is its own town's (小倉北区: こくら), not a 町域's elsewhere (宇治市: おぐら)
        ("こくらえきの ちかくに すんでます", "福岡県北九州市小倉北区"),
        ("ｺｸﾗｴｷﾉ ﾁｶｸﾆ ｽﾝﾃﾞﾏｽ", "福岡県北九州市小倉北区"),
        # 旧 before a former town's name, in kanji or kana; 門前町 is a 町域 of many cities, 旧門前町 輪島市's
        ("旧門前町で漁師をしてます", "石川県輪島市"),
        ("きゅうもんぜんまちで りょうしを してます", "石川県輪島市"),
        ("ｷｭｳﾓﾝｾﾞﾝﾏﾁﾃﾞ ﾘｮｳｼｦ ｼﾃﾏｽ", "石川県輪島市"),
    ],
)
def test_stations_and_former_towns_as_people_say_them_are_confirmed(directory, text: str, label: str) -> None:
    found = directory.resolve(text)
    assert found.place is None and found.confirm, (found.place, found.choices)
    assert [c.label for c in found.choices] == [label]


@pytest.mark.parametrize("text", ["門前町に住んでます", "もんぜんまちに すんでます", "ﾓﾝｾﾞﾝﾏﾁﾆ ｽﾝﾃﾞﾏｽ"])
def test_a_name_of_many_cities_is_a_former_town_only_after_kyuu(directory, text: str) -> None:
    """門前町 is a 町域 of more cities than a name may be a place for; only 旧 or 合併前 makes it 輪島市's."""
    found = directory.resolve(text)
    assert found.place is None and not found.choices, (found.place, found.choices)


def test_a_former_only_name_is_stored_as_such(tmp_path) -> None:
    rows = [
        ["門前町", [], "former_only", [4]],
        ["門前町", ["もんぜんまち"], "former_only", [4]],
        ["小倉駅", ["こくらえき"], "station", [2]],
        ["小倉駅", ["おぐらえき"], "station", [1]],
    ]
    AreaIndex.from_rows(rows).write(tmp_path)
    names = AreaNames(AreaIndex.load(tmp_path))
    assert (
        names.only_former("門前町") and names.only_former("もんぜんまち") and not names.only_former("小倉駅")
    )
    assert names.former("旧門前町です", 1, 4) == (4,)
    assert names.indices("こくらえき") == (2,) and names.indices("小倉駅") == (1, 2)
