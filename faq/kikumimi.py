"""The 総務省行政相談センター「きくみみ」 directory: 50 centres, lookup by prefecture and Hokkaido area."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from faq.text import normalize
from faq.text.normalize import to_hiragana

DIRECTORY_FILE = Path(__file__).with_name("data") / "kikumimi.yml"
SOURCE_DOCUMENT = "総務省「地域力創造に関する施策説明会」資料 行政相談センター「きくみみ」一覧"
HOKKAIDO = "北海道"
_ANSWER_TAIL = re.compile(r"(けん|ふ|と)?(です|に住んでます|にすんでます|在住)?[。\s]*$")
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
        places: dict[str, str] = {}
        for area, spec in data["hokkaido_areas"].items():
            for place in [*spec["subprefectures"], *spec["cities"], area]:
                places.setdefault(normalize(place), area)
        self._hokkaido_places = places
        if len(self.centres) != 50 or len(self._by_prefecture) != 47:
            raise ValueError(f"directory must hold 50 centres for 47 prefectures, got {len(self.centres)}")

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> KikumimiDirectory:
        return cls(yaml.safe_load(DIRECTORY_FILE.read_text(encoding="utf-8")))

    @property
    def prefectures(self) -> tuple[str, ...]:
        return tuple(self._by_prefecture)

    @property
    def city_names(self) -> tuple[str, ...]:
        """Cities that name their prefecture (川崎市 and 川崎, 堺市), longest first."""
        return tuple(sorted(self._cities, key=len, reverse=True))

    @property
    def hokkaido_place_names(self) -> tuple[str, ...]:
        """Hokkaido cities, towns and 振興局, longest first."""
        return tuple(sorted(self._hokkaido_places, key=len, reverse=True))

    def find_prefecture(self, text: str) -> str | None:
        """The prefecture named in ``text`` (大阪, 大阪府 and おおさか are not told apart from kanji)."""
        norm = normalize(text, variants=False)
        for prefecture in sorted(self._by_prefecture, key=len, reverse=True):
            if prefecture in norm:
                return prefecture
        for prefecture in sorted(self._by_prefecture, key=len, reverse=True):
            short = prefecture if prefecture == HOKKAIDO else prefecture[:-1]
            if short in norm:
                return prefecture
        for city in sorted(self._cities, key=len, reverse=True):
            if city in norm:
                return self._cities[city]
        # Readings last, longest first; two-kana ones (ちば, さが, しが, なら) only as the whole answer.
        hiragana = to_hiragana(norm)
        for prefecture, reading in sorted(PREFECTURE_READINGS.items(), key=lambda kv: -len(kv[1])):
            if (len(reading) > 2 and reading in hiragana) or _ANSWER_TAIL.sub("", hiragana) == reading:
                return prefecture
        return None

    def for_prefecture(self, prefecture: str) -> Kikumimi:
        """The centre of a prefecture (for 北海道, the Sapporo centre; use :meth:`for_hokkaido_place`)."""
        found = self.find_prefecture(prefecture)
        if found is None:
            raise ValueError(f"not a prefecture: {prefecture!r}")
        return self._by_prefecture[found]

    def hokkaido_area(self, text: str) -> str | None:
        """Which of 札幌・函館・旭川・釧路 serves a Hokkaido city, town or 振興局 named in ``text``."""
        norm = normalize(text, variants=False)
        for place in sorted(self._hokkaido_places, key=len, reverse=True):
            if place in norm:
                return self._hokkaido_places[place]
        return None

    def for_hokkaido_place(self, text: str) -> Kikumimi | None:
        area = self.hokkaido_area(text)
        return self._by_area[area] if area else None

    def place(self, text: str) -> tuple[str | None, str | None]:
        """(prefecture, Hokkaido area) named in free text.

        A Hokkaido town whose name contains a prefecture's (北広島 ⊃ 広島) counts as Hokkaido unless the
        prefecture is written in full (広島県).
        """
        norm = normalize(text, variants=False)
        prefecture = self.find_prefecture(text)
        area = self.hokkaido_area(text)
        if area is not None and prefecture not in (None, HOKKAIDO) and prefecture not in norm:
            place = next(p for p in sorted(self._hokkaido_places, key=len, reverse=True) if p in norm)
            if prefecture[:-1] in place:
                prefecture = HOKKAIDO
        if prefecture not in (None, HOKKAIDO):
            return prefecture, None
        if area is not None:
            return HOKKAIDO, area
        return prefecture, None

    def for_text(self, text: str) -> Kikumimi | None:
        """Best centre for free text: a prefecture, refined by a Hokkaido place when it is 北海道."""
        prefecture, area = self.place(text)
        if area is not None:
            return self._by_area[area]
        return self._by_prefecture[prefecture] if prefecture else None
