from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml

from faq.places.directory import DIRECTORY_FILE, KikumimiDirectory

pytestmark = pytest.mark.unit
SHARED_TSV = Path(__file__).resolve().parents[3] / "shared" / "kikumimi.tsv"


@pytest.fixture(scope="module")
def directory() -> KikumimiDirectory:
    return KikumimiDirectory.default()


def test_fifty_centres_cover_47_prefectures(directory: KikumimiDirectory) -> None:
    assert len(directory.centres) == 50
    assert len(directory.prefectures) == 47
    assert len([c for c in directory.centres if c.prefecture == "北海道"]) == 4


@pytest.mark.skipif(not SHARED_TSV.is_file(), reason="the shared source table is not beside this checkout")
def test_directory_matches_the_source_table(directory: KikumimiDirectory) -> None:
    rows = list(csv.reader(SHARED_TSV.open(encoding="utf-8"), delimiter="\t"))
    by_name = {c.name: c for c in directory.centres}
    for _number, name, address, phone, _ref in rows:
        centre = by_name[name]
        assert centre.address == address
        assert re.sub(r"\D", "", centre.phone) == re.sub(r"\D", "", phone)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("大阪", "きくみみ大阪"),
        ("大阪府に住んでいます", "きくみみ大阪"),
        ("京都", "きくみみ京都"),
        ("東京都新宿区", "きくみみ東京"),
        ("鹿児島県です", "きくみみ鹿児島"),
        ("北海道の函館市です", "きくみみ函館"),
        ("帯広", "きくみみ釧路"),
        ("北海道旭川市", "きくみみ旭川"),
        ("稚内に住んでる", "きくみみ旭川"),
        ("北海道 小樽", "きくみみ北海道"),
        ("北海道", "きくみみ北海道"),
        ("オホーツク", "きくみみ北海道"),  # centre not published: the 管区局 and a note
        ("堺市に住んでます", "きくみみ大阪"),  # a 指定都市 named without its prefecture
        ("川崎市", "きくみみ神奈川"),
        ("川崎", "きくみみ神奈川"),  # a 政令市 by its name: not 川崎町 of 宮城 or 福岡
        ("北九州市です", "きくみみ福岡"),
        ("北広島市", "きくみみ北海道"),  # not 広島市
    ],
)
def test_lookup_from_free_text(directory: KikumimiDirectory, text: str, name: str) -> None:
    centre = directory.for_text(text)
    assert centre is not None and centre.name == name


def test_a_city_under_an_unknown_prefecture_is_refused_at_load() -> None:
    data = yaml.safe_load(DIRECTORY_FILE.read_text(encoding="utf-8"))
    data["cities"] = {"大坂府": ["堺市"]}
    with pytest.raises(ValueError, match="unknown prefecture"):
        KikumimiDirectory(data)


def test_unknown_place_gives_none_and_bad_prefecture_raises(directory: KikumimiDirectory) -> None:
    assert directory.for_text("どこか遠く") is None
    with pytest.raises(ValueError, match="not a prefecture"):
        directory.for_prefecture("アトランティス")


def test_nationwide_channels(directory: KikumimiDirectory) -> None:
    assert directory.complaint_line.phone == "0570-090-110"
    assert "16時45分" in directory.complaint_line.hours
    assert directory.web_form.url.startswith("https://www.soumu.go.jp/")
    assert directory.for_prefecture("沖縄").tel_uri == "tel:0988671100"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("北広島市に住んでます", ("北海道", "札幌")),
        ("広島県の北広島町", ("広島県", None)),
        ("福島です", ("福島県", None)),
        ("北海道福島町", ("北海道", "函館")),
        ("かごしま", ("鹿児島県", None)),
        ("帯広", ("北海道", "釧路")),
    ],
)
def test_place_resolves_name_clashes(directory: KikumimiDirectory, text: str, expected: tuple) -> None:
    assert directory.place(text) == expected


PLACE_MESSAGES = yaml.safe_load(
    (Path(__file__).parents[1] / "data" / "place_messages.yml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize(("text", "name"), PLACE_MESSAGES["centre"].items())
def test_place_messages_find_their_centre(directory: KikumimiDirectory, text: str, name: str) -> None:
    centre = directory.for_text(text)
    assert centre is not None and centre.name == name


@pytest.mark.parametrize("text", [*PLACE_MESSAGES["ask"], *PLACE_MESSAGES["none"]])
def test_no_centre_guessed_for_shared_names_or_misses(directory: KikumimiDirectory, text: str) -> None:
    assert directory.for_text(text) is None
