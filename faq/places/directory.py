"""The 総務省行政相談センター「きくみみ」 directory: 50 centres, lookup by prefecture and Hokkaido area."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from faq.places.codes import municipality_key
from faq.places.gazetteer import Gazetteer, Municipality
from faq.places.resolver import Place, PlaceResolver, Resolution
from faq.text import normalize
from faq.text.normalize import to_hiragana

DIRECTORY_FILE = Path(__file__).resolve().parent.parent / "data" / "kikumimi.yml"
SOURCE_DOCUMENT = "総務省「地域力創造に関する施策説明会」資料 行政相談センター「きくみみ」一覧"
HOKKAIDO = "北海道"
# Hiragana names, so 「おおさか」「かごしま」 find their prefecture too.
PREFECTURE_READINGS = {
    "北海道": "ほっかいどう",
    "青森県": "あおもり",
    "岩手県": "いわて",
    "宮城県": "みやぎ",
    "秋田県": "あきた",
    "山形県": "やまがた",
    "福島県": "ふくしま",
    "茨城県": "いばらき",
    "栃木県": "とちぎ",
    "群馬県": "ぐんま",
    "埼玉県": "さいたま",
    "千葉県": "ちば",
    "東京都": "とうきょう",
    "神奈川県": "かながわ",
    "新潟県": "にいがた",
    "富山県": "とやま",
    "石川県": "いしかわ",
    "福井県": "ふくい",
    "山梨県": "やまなし",
    "長野県": "ながの",
    "岐阜県": "ぎふ",
    "静岡県": "しずおか",
    "愛知県": "あいち",
    "三重県": "みえ",
    "滋賀県": "しが",
    "京都府": "きょうと",
    "大阪府": "おおさか",
    "兵庫県": "ひょうご",
    "奈良県": "なら",
    "和歌山県": "わかやま",
    "鳥取県": "とっとり",
    "島根県": "しまね",
    "岡山県": "おかやま",
    "広島県": "ひろしま",
    "山口県": "やまぐち",
    "徳島県": "とくしま",
    "香川県": "かがわ",
    "愛媛県": "えひめ",
    "高知県": "こうち",
    "福岡県": "ふくおか",
    "佐賀県": "さが",
    "長崎県": "ながさき",
    "熊本県": "くまもと",
    "大分県": "おおいた",
    "宮崎県": "みやざき",
    "鹿児島県": "かごしま",
    "沖縄県": "おきなわ",
}


@dataclass(frozen=True, slots=True)
class Kikumimi:
    """One 行政相談センター."""

    number: int
    name: str
    prefecture: str
    hokkaido_area: str | None
    address: str
    phone: str
    ref: str

    @property
    def tel_uri(self) -> str:
        return "tel:" + self.phone.replace("-", "")


@dataclass(frozen=True, slots=True)
class Channel:
    """A nationwide way to reach 行政相談 (phone line or web form)."""

    name: str
    ref: str
    phone: str = ""
    hours: str = ""
    url: str = ""


class KikumimiDirectory:
    """Find the centre for a prefecture, or for a Hokkaido city or 振興局.

    >>> d = KikumimiDirectory.default()
    >>> d.for_prefecture("大阪").phone
    '06-6942-1100'
    >>> d.for_hokkaido_place("函館市").name
    'きくみみ函館'
    """

    def __init__(self, data: dict):
        self.centres = tuple(Kikumimi(**c) for c in data["centres"])
        self.complaint_line = Channel(**data["complaint_line"])
        self.web_form = Channel(**data["web_form"])
        self.mail_form = Channel(**data["mail_form"])
        self.hokkaido_source = data.get("hokkaido_areas_source", "")
        self.place_question: str = data["place_question"]
        self._by_prefecture = {c.prefecture: c for c in self.centres if c.hokkaido_area in (None, "札幌")}
        # The 指定都市 listed, and the city each centre stands in, name their prefecture too (堺 → 大阪府,
        # 松山市 → 愛媛県).
        self._cities: dict[str, str] = {}
        listed = data.get("cities", {}).items()
        named = [(city, prefecture) for prefecture, cities in listed for city in cities]
        for centre in self._by_prefecture.values():
            city = re.match(r"^(.+?市)", centre.address)
            if city and centre.prefecture != HOKKAIDO:
                named.append((city.group(1), centre.prefecture))
        for city, prefecture in named:
            if prefecture not in self._by_prefecture:
                raise ValueError(f"city {city!r} is listed under an unknown prefecture {prefecture!r}")
            self._cities[city] = prefecture
            if len(city) > 2:  # 津市 stays 津市: a bare 津 is in 津波
                self._cities[city[:-1]] = prefecture
        self._by_area = {c.hokkaido_area: c for c in self.centres if c.hokkaido_area}
        self._hokkaido_bureaus = {
            bureau: area for area, bureaus in data["hokkaido_areas"].items() for bureau in bureaus
        }
        self._hokkaido_unconfirmed = frozenset(data.get("hokkaido_unconfirmed") or ())
        self.hokkaido_unconfirmed_note: str = data.get("hokkaido_unconfirmed_note", "")
        self.hokkaido_unsettled_note: str = data.get("hokkaido_unsettled_note", "")
        self._check_unconfirmed(data["hokkaido_areas"])
        self._resolver: PlaceResolver | None = None
        if len(self.centres) != 50 or len(self._by_prefecture) != 47:
            raise ValueError(f"directory must hold 50 centres for 47 prefectures, got {len(self.centres)}")

    def _check_unconfirmed(self, areas: dict) -> None:
        """Each unconfirmed 振興局 or town is filed under 札幌, the 管区局 the card then names."""
        sapporo = areas.get("札幌", {})
        filed = set(sapporo) | {town for towns in sapporo.values() for town in towns}
        stray = self._hokkaido_unconfirmed - filed
        if stray:
            raise ValueError(f"hokkaido_unconfirmed names {sorted(stray)} not filed under 札幌")
        if self._hokkaido_unconfirmed and not self.hokkaido_unconfirmed_note:
            raise ValueError("hokkaido_unconfirmed needs its hokkaido_unconfirmed_note")

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> KikumimiDirectory:
        return cls(yaml.safe_load(DIRECTORY_FILE.read_text(encoding="utf-8")))

    @property
    def prefectures(self) -> tuple[str, ...]:
        return tuple(self._by_prefecture)

    @property
    def resolver(self) -> PlaceResolver:
        """The one place resolver (every 市区町村, ward, island, postal code, reading), built on first use."""
        if self._resolver is None:
            self._resolver = PlaceResolver(Gazetteer.load(), PREFECTURE_READINGS)
        return self._resolver

    def warm_up(self) -> None:
        """Load the gazetteer and index its names now (seconds), not in a resident's turn."""
        _ = self.resolver

    def resolve(self, text: str, within: str | None = None) -> Resolution:
        """Where ``text`` says the resident is: one place, choices to ask about, or nothing."""
        return self.resolver.resolve(text, within)

    def postal_area(self, code: str) -> str | None:
        """The municipality of a 〒 code (「香川県高松市」), or its prefecture when the code spans several
        municipalities of one prefecture; None when unknown or spread over prefectures.

        Redaction keeps this in place of the code, so the resident's area survives without the code."""
        towns = self.resolver.gazetteer.for_postal_code(code)
        if len(towns) == 1:
            return towns[0].label
        prefectures = {t.prefecture for t in towns}
        return prefectures.pop() if len(prefectures) == 1 else None

    def without_places(self, text: str) -> str:
        """``text`` (normalised) with every place name taken out, to see what else it says."""
        norm = to_hiragana(normalize(text, variants=False))
        for start, end in sorted(self.resolver.resolve(text).spans, reverse=True):
            norm = norm[:start] + norm[end:]
        return norm

    @property
    def city_names(self) -> tuple[str, ...]:
        """Every municipality's name (遠野市, 札幌市中央区), longest first."""
        names = {m.name for m in self.resolver.gazetteer.municipalities}
        return tuple(sorted(names, key=len, reverse=True))

    @property
    def hokkaido_place_names(self) -> tuple[str, ...]:
        """Hokkaido municipalities and 振興局, longest first."""
        names = {m.name for m in self.resolver.gazetteer.municipalities if m.prefecture == HOKKAIDO}
        return tuple(sorted(names | set(self._hokkaido_bureaus), key=len, reverse=True))

    def find_prefecture(self, text: str) -> str | None:
        """The one prefecture ``text`` names or implies (大阪, おおさか, 堺市, 〒760-0019, or a 団体コード
        such as 17204 or 17); None when none, or when a shared name (伊達市) leaves it open."""
        code = re.sub(r"\s", "", normalize(text, variants=False))
        if code.isdigit():
            return self._prefecture_of_code(code)
        return self.resolve(text).prefecture

    def municipality(self, text: str, within: str | None = None) -> Municipality | None:
        """The one 市区町村 named by name (輪島市; 伊達市 with ``within``) or 団体コード (17204), or None."""
        code = re.sub(r"\s", "", normalize(text, variants=False))
        if code.isdigit():
            key = municipality_key(code)
            index = self.resolver.gazetteer.by_code.get(key) if key else None
            return self.resolver.gazetteer.municipalities[index] if index is not None else None
        place = self.resolve(text, within).place
        return place.municipality if place else None

    def place_of(self, value: str) -> Place | None:
        """The one place a widget or API caller configures (``municipality``): a 団体コード (17204 / 172049,
        or 17 for a prefecture) or a name the resolver settles (輪島市, 石川県輪島市); None otherwise
        (unknown, or a shared name such as 伊達市 without its prefecture)."""
        code = re.sub(r"\s", "", normalize(value, variants=False))
        if code.isdigit():
            if len(code) in (1, 2):
                prefecture = self._prefecture_of_code(code)
                return Place(prefecture) if prefecture else None
            found = self.municipality(code)
            return Place(found.prefecture, found.hokkaido_area, found) if found else None
        return self.resolve(value).place

    def _prefecture_of_code(self, code: str) -> str | None:
        if len(code) in (1, 2) and 1 <= int(code) <= 47:
            return list(PREFECTURE_READINGS)[int(code) - 1]
        key = municipality_key(code)
        index = self.resolver.gazetteer.by_code.get(key) if key else None
        return self.resolver.gazetteer.municipalities[index].prefecture if index is not None else None

    def for_prefecture(self, prefecture: str) -> Kikumimi:
        """The centre of a prefecture (for 北海道, the Sapporo centre; use :meth:`for_hokkaido_place`)."""
        found = self.find_prefecture(prefecture)
        if found is None:
            raise ValueError(f"not a prefecture: {prefecture!r}")
        return self._by_prefecture[found]

    def hokkaido_area(self, text: str) -> str | None:
        """Which of 札幌・函館・旭川・釧路 serves a Hokkaido municipality or 振興局 named in ``text``."""
        place = self.resolve(text, within=HOKKAIDO).place
        return place.hokkaido_area if place and place.prefecture == HOKKAIDO else None

    def for_hokkaido_place(self, text: str) -> Kikumimi | None:
        area = self.hokkaido_area(text)
        return self._by_area[area] if area else None

    def place(self, text: str) -> tuple[str | None, str | None]:
        """(prefecture, Hokkaido area) named in free text; (None, None) when nothing, or several, is named."""
        place = self.resolve(text).place
        return (place.prefecture, place.hokkaido_area) if place else (None, None)

    def which_place(self, text: str, resolution: Resolution) -> tuple[str, list[dict[str, str]]]:
        """The question and buttons for a shared name: each button says the place in full (北海道伊達市),
        which the resolver then reads as one place."""
        buttons = [{"title": c.label, "payload": c.label} for c in resolution.choices[:10]]
        return self.place_question.format(name=self.names_said(text, resolution)), buttons

    @staticmethod
    def names_said(text: str, resolution: Resolution) -> str:
        """The place names ``text`` holds as the resolver read them (伊達市; 真備町・箭田), for a question."""
        norm = to_hiragana(normalize(text, variants=False))
        return "・".join(dict.fromkeys(norm[a:b] for a, b in resolution.spans)) or text[:20]

    def for_place(self, place: Place) -> Kikumimi:
        """The きくみみ serving a resolved place (Hokkaido by its area)."""
        if place.hokkaido_area:
            return self._by_area[place.hokkaido_area]
        return self._by_prefecture[place.prefecture]

    def area_confirmed(self, place: Place) -> bool:
        """False for a Hokkaido place whose centre no published page confirms (オホーツク, 小樽市)."""
        m = place.municipality
        names = {place.bureau} if m is None else {m.parent or m.name, m.subprefecture}
        return place.prefecture != HOKKAIDO or not (names & self._hokkaido_unconfirmed)

    def area_note(self, place: Place | None) -> str:
        """What the card must add for a Hokkaido place: its centre unconfirmed, or the town not yet known
        (only 北海道 or a split 振興局 named); empty elsewhere."""
        if place is None or place.prefecture != HOKKAIDO:
            return ""
        if place.hokkaido_area is None:
            return self.hokkaido_unsettled_note
        return "" if self.area_confirmed(place) else self.hokkaido_unconfirmed_note

    def note_for_text(self, text: str) -> str:
        return self.area_note(self.resolve(text).place)

    def by_number(self, number: int | str | None) -> Kikumimi | None:
        """A centre by its number (1–50), as a slot or an inbox keeps it; None for anything else."""
        return next((c for c in self.centres if str(c.number) == str(number)), None)

    def for_text(self, text: str) -> Kikumimi | None:
        """The centre for free text when it settles one (a shared name such as 伊達市 gives None: ask)."""
        place = self.resolve(text).place
        return self.for_place(place) if place else None
