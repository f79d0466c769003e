"""Where the places of a resident's case stand in it: the company's place, the place they move from, the
town that takes them in.

The rules ask where things are — the 起業人's company in 三大都市圏 or a 政令市・中核市・県庁所在市, the
受入自治体 outside 三大都市圏 (or a 条件不利地域 inside it), the 協力隊 member moving from a 都市地域 — and
residents name places in passing: 「名古屋の会社員です」「本社は鹿児島の離島の町ですが、東京にも支社が」
「横浜市から家族4人で」「奈良県の山あいの村と契約したい」. The gazetteer's resolver (:mod:`faq.places`)
finds every place named, with its prefecture and whether it is a 政令市 (a city with wards) or a 特別区;
the words around each name say its role. Which prefectures and cities a rule accepts is the rule's data,
judged in :mod:`faq.eligibility.conditions`, not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from faq.places.resolver import PREFECTURE, PlaceResolver
from faq.text.normalize import normalize, to_hiragana

# the words right after a place that make it the company's (名古屋の会社員, 金沢に本社, 長野県の町にある会社)
_COMPANY_AFTER = re.compile(
    r"^[^。？?！!、,]{0,16}?(?:本社|会社|企業(?!派遣)|勤め|勤務先|社団|支社|支店|営業所|オフィス|商社|銀行|メーカー|工務店|法人)"
)
# the words right before it (本社は鹿児島, 会社は横浜, 勤め先が札幌)
_COMPANY_BEFORE = re.compile(r"(?:本社|会社|勤め先|勤務先|所属先|所属企業)(?:は|が|も)?(?:、)?$")
_BRANCH = re.compile(r"^[^。？?！!、,]{0,6}?(?:支社|支店|営業所|事業所)")
_HEAD = re.compile(r"^[^。？?！!、,]{0,6}?本社|本社(?:は|が)(?:、)?$")
# a town or village is what the resident calls it: 「山あいの町に本社」「三重県のいなか町」
_TOWN_AFTER = re.compile(
    r"^(?:[^。？?！!、,]{0,10}?(?:の|な|い))?(?:町|村|ちょう|まち|むら)(?:に|の|で|です|、|。|\(|$)"
)
_CITY_AFTER = re.compile(r"^[^。？?！!、,]{0,10}?の(?:市|都市)(?:に|の|で|です|、|。|$)")
# where the resident lives or moves from (横浜市から, 世田谷区に住んで, 大阪市住み, 仙台市の自宅から)
_ORIGIN_AFTER = re.compile(
    r"^(?:内|市内|の[^。？?！!、,]{0,6}?)?(?:から|→|⇒|->|に住(?!民)|にすん|在住|住まい|住み(?!込)|の自宅|で(?:暮らして|生活して)(?:い)?(?:る|ます|て))"
    r"|^(?:内|市内)?の(?:大学|短大|専門学校)(?:\d年|生|に通)"  # 京都市内の大学4年: a student living there
)
_ORIGIN_WORDS = re.compile(r"都会|都市部|都内(?:に住|から|在住)")
# the town that takes the resident in: 「奈良県の山あいの村と契約」「受け入れは島根の町」
_HOST_AFTER = re.compile(
    r"^[^。？?！!]{0,12}?(?:と|に|へ|で)[^。？?！!]{0,12}?"
    r"(?:契約|協定|派遣|行き|行く|行か|送|出し|出す|勤務|起業人|手伝|関わ|仕事)"
)
# the town that writes (「埼玉県の町です」「山形の村の総務課です」): the one that takes the resident in
_HOST_SPEAKING = re.compile(
    r"^の(?:[^。？?！!、,]{0,6}?の)?(?:町|村)(?:役場|役所|です|の(?:者|職員|担当|[^。？?！!、,]{0,4}?課))"
)
_HOST_BEFORE = re.compile(r"(?:受け?入れ|受入)(?:先|自治体)?(?:は|が)$")
# 「東京本社」「東京支社」: the resolver leaves a bare name before a kanji word alone (富士山), so an office
# word after a place's name is set apart first
_OFFICE_AFTER_NAME = re.compile(r"(?<=[\u4e00-\u9fff])(本社|支社|支店)")
_HIRAGANA = re.compile(r"[ぁ-ゖ]")
_PARTICLES = set("のはにでもとへをが")  # 会社はよこはま: a kana name may follow a particle


@dataclass(frozen=True)
class Located:
    """A place named in the case: its prefecture, the municipality when one is named (a 政令市's ward
    stands for its city), and what the resident calls it."""

    prefecture: str
    city: str = ""  # 金沢市, 札幌市; "" when only a prefecture is named
    designated: bool = False  # a 政令市 (地方自治法第252条の19): a city with wards
    special_ward: bool = False  # one of 東京都's 23 区
    town: bool = False  # a 町 or 村, by its name or the resident's words
    city_said: bool = False  # 「人口15万くらいの市」: a city, unnamed kind
    branch: bool = False  # a 支社/支店, not the head office
    head: bool = False  # said to be the 本社


@dataclass(frozen=True)
class CasePlaces:
    company: tuple[Located, ...] = ()
    origin: Located | None = None
    hosts: tuple[Located, ...] = ()
    origin_words: bool = False  # 都会から, 都市部に住んで


def _located(resolver: PlaceResolver, folded: str, start: int, end: int, rank: int, place) -> Located:
    after, before = folded[end : end + 24], folded[max(0, start - 8) : start]
    m = place.municipality
    city, designated, special_ward, town = "", False, False, False
    if m is not None:
        city = m.parent or m.name
        designated = bool(m.parent)
        special_ward = m.prefecture == "東京都" and m.name.endswith("区") and not m.parent
        town = m.name.endswith(("町", "村")) and not m.parent
    elif rank != PREFECTURE and place.bureau is None:  # a 政令市 by its own name (札幌, 名古屋市)
        designated = True
        city = _designated_city(resolver, folded[start:end], place.prefecture)
    return Located(
        prefecture=place.prefecture,
        city=city,
        designated=designated,
        special_ward=special_ward,
        town=town or bool(_TOWN_AFTER.match(after)) and not designated,
        city_said=bool(_CITY_AFTER.match(after)),
        branch=bool(_BRANCH.match(after)),
        head=bool(_HEAD.match(after) or _HEAD.search(before)),
    )


def _designated_city(resolver: PlaceResolver, name: str, prefecture: str) -> str:
    for key, (kana, _) in resolver.gazetteer.designated_cities.items():
        pref, city = key.split(" ", 1)
        if pref == prefecture and (name in (city, city[:-1]) or name in (kana, kana[:-1])):
            return city
    return ""


def read_places(text: str, resolver: PlaceResolver) -> CasePlaces:
    """The places of the case ``text`` (digits already read) and their roles."""
    folded = to_hiragana(normalize(_OFFICE_AFTER_NAME.sub(r"の\1", text), variants=False))
    company: list[Located] = []
    hosts: list[Located] = []
    origin: Located | None = None
    for match in resolver.matches(folded):
        named = [p for p in match.places if p not in match.elsewhere]  # a case reads the name's own places
        if len(named) != 1:
            continue  # 伊達市: a name of several places says no one place
        if match.loose and not match.town:
            continue  # a name below the municipality (町域, station): the resolver itself only confirms it
        previous = folded[match.start - 1] if match.start else ""
        if _HIRAGANA.match(folded[match.start]) and _HIRAGANA.match(previous) and previous not in _PARTICLES:
            continue  # 「山あいの町」 holds いの町 (高知県): a name begun inside a kana word is no name
        place = named[0]
        located = _located(resolver, folded, match.start, match.end, match.rank, place)
        after, before = folded[match.end : match.end + 24], folded[max(0, match.start - 8) : match.start]
        if _COMPANY_AFTER.match(after) or _COMPANY_BEFORE.search(before):
            company.append(located)
        elif _ORIGIN_AFTER.match(after) and origin is None:
            origin = located
        elif _HOST_AFTER.match(after) or _HOST_SPEAKING.match(after) or _HOST_BEFORE.search(before):
            hosts.append(located)
    return CasePlaces(tuple(company), origin, tuple(hosts), bool(_ORIGIN_WORDS.search(folded)))
