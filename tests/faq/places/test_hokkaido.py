"""Hokkaido: every municipality to its centre as kikumimi.yml cites it, the unconfirmed areas said honestly,
a split 振興局 never settling one centre, and a gazetteer built from an older table rebuilt, not served."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from faq.places.directory import KikumimiDirectory
from faq.places.gazetteer import MANIFEST_FILE, PLACES_DIR, Gazetteer, GazetteerNotBuilt

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def directory() -> KikumimiDirectory:
    return KikumimiDirectory.default()


def test_every_hokkaido_municipality_reaches_its_cited_centre_or_the_main_office_with_a_note(
    directory: KikumimiDirectory,
) -> None:
    unconfirmed_bureaus = {"オホーツク"}
    wrong = []
    for m in directory.resolver.gazetteer.municipalities:
        if m.prefecture != "北海道":
            continue
        place = directory.resolve(f"北海道{m.name}に住んでいます").place
        centre = directory.for_place(place).name if place else None
        unconfirmed = m.subprefecture in unconfirmed_bureaus or (m.parent or m.name) == "小樽市"
        expected = {
            "渡島": "きくみみ函館",
            "檜山": "きくみみ函館",
            "後志": "きくみみ函館",
            "上川": "きくみみ旭川",
            "留萌": "きくみみ旭川",
            "宗谷": "きくみみ旭川",
            "釧路": "きくみみ釧路",
            "根室": "きくみみ釧路",
            "十勝": "きくみみ釧路",
        }.get(m.subprefecture or "", "きくみみ北海道")
        if unconfirmed:
            expected = "きくみみ北海道"
        noted = bool(directory.area_note(place)) if place else False
        if centre != expected or noted is not unconfirmed:
            wrong.append((m.name, centre, expected, noted))
    assert wrong == []


def test_shiribeshi_is_hakodate_except_otaru(directory: KikumimiDirectory) -> None:
    assert directory.for_text("余市町です").name == "きくみみ函館"  # 函館 centre page: 後志（小樽市を除く）
    assert directory.for_text("ニセコ町でペンションやってます").name == "きくみみ函館"
    otaru = directory.resolve("小樽市です").place
    assert directory.for_place(
        otaru
    ).name == "きくみみ北海道" and "確認できていません" in directory.area_note(otaru)


def test_a_bureau_served_by_two_centres_names_only_hokkaido(directory: KikumimiDirectory) -> None:
    place = directory.resolve("後志に住んでます").place
    assert place is not None and place.hokkaido_area is None  # the town is asked for, no centre settled
    assert "市町村名" in directory.area_note(place)
    assert directory.resolve("後志の余市町です").place.hokkaido_area == "函館"  # the town settles it
    assert directory.resolve("オホーツクに住んでます").place.bureau == "オホーツク"


def test_the_unconfirmed_names_must_be_filed_under_the_main_office() -> None:
    import yaml

    from faq.places.directory import DIRECTORY_FILE

    data = yaml.safe_load(DIRECTORY_FILE.read_text(encoding="utf-8"))
    data["hokkaido_unconfirmed"] = ["宗谷"]  # filed under 旭川: the card would name the wrong office
    with pytest.raises(ValueError, match="not filed under 札幌"):
        KikumimiDirectory(data)


def test_a_gazetteer_built_from_an_older_hokkaido_table_is_refused(tmp_path: Path) -> None:
    shutil.copytree(PLACES_DIR, tmp_path / "places")
    manifest_file = tmp_path / "places" / MANIFEST_FILE
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    assert Gazetteer.load(tmp_path / "places")  # as built
    manifest["hokkaido_areas"] = "0" * 16
    manifest_file.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(GazetteerNotBuilt, match="Hokkaido"):
        Gazetteer.load(tmp_path / "places")
