"""The place resolver on residents' messages, every municipality, every shared name and near-misses."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

import mojimoji
import pytest
import yaml

from faq.places.directory import DIRECTORY_FILE, KikumimiDirectory
from faq.places.gazetteer import Municipality

pytestmark = pytest.mark.unit
HOKKAIDO_AREAS = yaml.safe_load(DIRECTORY_FILE.read_text(encoding="utf-8"))["hokkaido_areas"]
MESSAGES = yaml.safe_load(
    (Path(__file__).parents[2] / "data" / "place_messages.yml").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def directory() -> KikumimiDirectory:
    return KikumimiDirectory.default()


@pytest.fixture(scope="module")
def municipalities(directory: KikumimiDirectory) -> tuple[Municipality, ...]:
    return directory.resolver.gazetteer.municipalities


def expected_centre(directory: KikumimiDirectory, m: Municipality) -> str:
    """The centre by the directory's own table, read here from the YAML, not through the resolver."""
    if m.prefecture != "北海道":
        return next(c.name for c in directory.centres if c.prefecture == m.prefecture)
    city = m.parent or m.name
    area = next(
        a for a, bureaus in HOKKAIDO_AREAS.items() if any(city in towns for towns in bureaus.values())
    )
    return next(c.name for c in directory.centres if c.hokkaido_area == area)


def centres_sharing_a_name(
    directory: KikumimiDirectory, municipalities: Iterable[Municipality], name: Callable[[Municipality], str]
) -> dict[str, set[str]]:
    """Each name (as ``name`` reads it) → the centres of every municipality that has it."""
    centres: dict[str, set[str]] = defaultdict(set)
    for m in municipalities:
        centres[name(m)].add(expected_centre(directory, m))
    return centres


def centre_of(directory: KikumimiDirectory, text: str) -> str | None:
    place = directory.resolve(text).place
    return directory.for_place(place).name if place else None


@pytest.mark.parametrize(("text", "centre"), MESSAGES["centre"].items())
def test_residents_messages_reach_their_centre(directory: KikumimiDirectory, text: str, centre: str) -> None:
    assert centre_of(directory, text) == centre


@pytest.mark.parametrize(("text", "prefectures"), MESSAGES["ask"].items())
def test_shared_or_competing_names_ask(
    directory: KikumimiDirectory, text: str, prefectures: list[str]
) -> None:
    resolution = directory.resolve(text)
    assert resolution.place is None
    assert sorted({c.prefecture for c in resolution.choices}) == sorted(prefectures)


@pytest.mark.parametrize("text", MESSAGES["none"])
def test_near_misses_name_no_place(directory: KikumimiDirectory, text: str) -> None:
    resolution = directory.resolve(text)
    assert resolution.place is None and not resolution.choices


def test_every_municipality_with_its_prefecture_reaches_its_centre(
    directory: KikumimiDirectory, municipalities: tuple[Municipality, ...]
) -> None:
    wrong = []
    for m in municipalities:
        for text in (f"{m.prefecture}{m.county}{m.name}に住んでいます", f"{m.prefecture}の{m.name}です"):
            if centre_of(directory, text) != expected_centre(directory, m):
                wrong.append(text)
    assert len(municipalities) > 1800
    assert wrong == []


def test_every_municipality_named_alone_reaches_its_centre_or_asks(
    directory: KikumimiDirectory, municipalities: tuple[Municipality, ...]
) -> None:
    centres_by_name = centres_sharing_a_name(directory, municipalities, lambda m: m.name[len(m.parent) :])
    wrong = []
    for m in municipalities:
        short = m.name[len(m.parent) :]
        for text in (f"{m.name}に住んでいます", f"{short}です"):
            resolution = directory.resolve(text)
            expected = centres_by_name[short] if text.startswith(short) else {expected_centre(directory, m)}
            got = {
                directory.for_place(p).name
                for p in ((resolution.place,) if resolution.place else resolution.choices)
            }
            if got != expected:
                wrong.append((text, sorted(expected), sorted(got)))
    assert wrong == []


def test_the_25_shared_municipality_names_all_ask(
    directory: KikumimiDirectory, municipalities: tuple[Municipality, ...]
) -> None:
    top_level = [m for m in municipalities if not m.parent and not m.name.endswith("区")]
    centres = centres_sharing_a_name(directory, top_level, lambda m: m.name)
    shared = sorted(name for name, found in centres.items() if len(found) > 1)
    assert len(shared) == 25 and {"伊達市", "府中市", "池田町", "美里町"} <= set(shared)
    for name in shared:
        resolution = directory.resolve(f"{name}に住んでいます。行政相談の窓口は？")
        assert resolution.place is None, name
        assert {directory.for_place(c).name for c in resolution.choices} == centres[name], name
        for choice in resolution.choices:  # each button's text then settles it
            assert directory.resolve(choice.label).place == choice


def test_readings_on_a_sample(directory: KikumimiDirectory, municipalities: tuple[Municipality, ...]) -> None:
    by_kana: dict[str, set[str]] = defaultdict(set)
    for m in municipalities:
        by_kana[m.kana].add(expected_centre(directory, m))
    sample = random.Random(13).sample([m for m in municipalities if not m.parent], 150)
    wrong = []
    for m in sample:
        katakana = "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in m.kana)
        for text in (f"{m.kana}にすんでます", f"{katakana}です", mojimoji.zen_to_han(f"{katakana} ﾆ ｽﾝﾃﾞﾏｽ")):
            resolution = directory.resolve(text)
            got = {
                directory.for_place(p).name
                for p in ((resolution.place,) if resolution.place else resolution.choices)
            }
            if got != by_kana[m.kana]:
                wrong.append((text, m.label, sorted(got)))
    assert wrong == []


def test_romaji_on_a_sample(directory: KikumimiDirectory, municipalities: tuple[Municipality, ...]) -> None:
    by_romaji: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in municipalities:
        if not m.parent:
            by_romaji[(m.romaji, m.name[-1])].add(expected_centre(directory, m))
    sample = random.Random(7).sample([m for m in municipalities if not m.parent and len(m.romaji) >= 4], 100)
    wrong = []
    for m in sample:
        suffix = {"市": "shi", "区": "ku", "町": "machi", "村": "mura"}[m.name[-1]]
        for text in (f"{m.romaji.capitalize()}-{suffix} ni sunde imasu", f"{m.romaji.upper()} {suffix} desu"):
            resolution = directory.resolve(text)
            got = {
                directory.for_place(p).name
                for p in ((resolution.place,) if resolution.place else resolution.choices)
            }
            if got != by_romaji[(m.romaji, m.name[-1])]:
                wrong.append((text, m.label, sorted(got)))
    assert wrong == []


def test_postal_codes_on_a_sample(directory: KikumimiDirectory) -> None:
    gazetteer = directory.resolver.gazetteer
    codes = random.Random(3).sample(list(gazetteer._postal), 300)
    wrong = []
    for number in codes:
        code = f"{number:07d}"
        found = gazetteer.for_postal_code(code)
        expected = {expected_centre(directory, m) for m in found}
        for text in (f"〒{code[:3]}-{code[3:]}です", f"郵便番号は{code}", f"{code[:3]}-{code[3:]}"):
            resolution = directory.resolve(text)
            got = {
                directory.for_place(p).name
                for p in ((resolution.place,) if resolution.place else resolution.choices)
            }
            if got != expected:
                wrong.append((text, sorted(expected), sorted(got)))
    assert wrong == []
    assert directory.resolve("〒999-9999").place is None  # no such code


def test_console_codes_and_names_give_the_prefecture(directory: KikumimiDirectory) -> None:
    assert directory.find_prefecture("17204") == "石川県"  # 輪島市 by 団体コード
    assert directory.find_prefecture("172049") == "石川県"  # with its check digit
    assert directory.find_prefecture("17") == "石川県"
    assert directory.find_prefecture("輪島市") == "石川県"
    assert directory.find_prefecture("伊達市") is None  # two prefectures: the console must say which
    assert directory.find_prefecture("99") is None


@pytest.mark.parametrize("text", ["九州になると？", "大雨になると避難所はどこ", "こうなると誰に相談すれば"])
def test_a_verb_spelled_like_a_kana_place_is_no_place(directory: KikumimiDirectory, text: str) -> None:
    """「〜になると？」 (九州 speech) was read as 鳴門市: a kana stretch covering a verb is grammar."""
    assert directory.resolve(text).place is None


@pytest.mark.parametrize(
    ("text", "municipality"),
    [
        ("なるとに住んでます", "鳴門市"),
        ("北海道のにせこに住んでます", "ニセコ町"),
        ("ひたちなかに住む", "ひたちなか市"),
    ],
)
def test_kana_place_names_still_resolve(directory: KikumimiDirectory, text: str, municipality: str) -> None:
    place = directory.resolve(text).place
    assert place is not None and place.municipality is not None and place.municipality.name == municipality


@pytest.mark.parametrize(
    "text",
    [
        "えきの みなみの ほうに じっかが あるんやけど",  # みなみ: 南, not 美波町 (みなみちょう)
        "じしんで かわら おちて あまもり してる",  # かわら: 瓦, not 香春町 (かわらまち)
    ],
)
def test_a_kana_word_that_is_also_a_bare_town_name_is_asked_never_given(
    directory: KikumimiDirectory, text: str
) -> None:
    """A bare kana name the dictionary reads as an ordinary word gave 美波町's and 香春町's centres to
    residents of 姫路 and 八戸: such a name is at most a confirmation, never a card."""
    found = directory.resolve(text)
    assert found.place is None and (found.confirm or not found.choices)


@pytest.mark.parametrize(
    "text", ["うちの あきたいぬも ひなんできますか", "壁に夕張メロンみたいなひびが入った"]
)
def test_a_name_that_begins_a_word_is_no_place(directory: KikumimiDirectory, text: str) -> None:
    """秋田犬, 夕張メロン: a bare name with a noun right after it is the first half of a word."""
    found = directory.resolve(text)
    assert found.place is None and not found.choices


@pytest.mark.parametrize(
    ("text", "prefecture"),
    [
        ("みなみちょうに すんでます", "徳島県"),
        ("かごしまの きくみみの でんわ", "鹿児島県"),
        ("ゆうばりえきの ちかく", "北海道"),
    ],
)
def test_kana_names_said_as_places_still_resolve(
    directory: KikumimiDirectory, text: str, prefecture: str
) -> None:
    found = directory.resolve(text)
    offered = [found.place] if found.place else list(found.choices)
    assert any(p.prefecture == prefecture for p in offered), found


# A bare name is never more decisive than what else it names (places4): another town's bare name, a reading
# whose kanji is a name below the municipality elsewhere, or the second half of a word a non-place begins.
@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("湯沢で暮らしてます、年金の相談はどこ", {"秋田県湯沢市", "新潟県南魚沼郡湯沢町"}),
        ("ゆざわで くらしてます。ねんきんの そうだんは どこ", {"秋田県湯沢市", "新潟県南魚沼郡湯沢町"}),
        ("ﾕｻﾞﾜﾃﾞ ｸﾗｼﾃﾏｽ", {"秋田県湯沢市", "新潟県南魚沼郡湯沢町"}),
    ],
)
def test_a_bare_name_shared_with_other_places_is_asked(
    directory: KikumimiDirectory, text: str, offered: set[str]
) -> None:
    resolution = directory.resolve(text)
    assert resolution.place is None and resolution.confirm
    assert offered <= {c.label for c in resolution.choices}


def test_a_town_after_a_name_that_is_no_place_here_is_not_given(directory: KikumimiDirectory) -> None:
    assert directory.resolve("越後湯沢のあたりで暮らしてる").place is None
    assert centre_of(directory, "飛騨高山で暮らしてる") == "きくみみ岐阜"
