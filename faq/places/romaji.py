"""Place names typed in romaji (Kushiro-shi, kusiro, Ōsaka): the keys of
:func:`faq.places.readings.romaji_key` for prefectures, municipalities and 政令市, found in a message for
:class:`faq.places.resolver.PlaceResolver`."""

from __future__ import annotations

import re

from faq.places.gazetteer import Municipality
from faq.places.place import FULL, PREFECTURE, Match, Place
from faq.places.readings import romaji_key

_ROMAJI_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")
_ROMAJI_SUFFIXES = {"shi": "市", "ku": "区", "machi": "町", "cho": "町", "mura": "村", "son": "村"}


def _romaji_suffix(key: str) -> tuple[str, str]:
    """kushiroshi → (kushiro, 市); tono → (tono, "")."""
    for ending, kanji in _ROMAJI_SUFFIXES.items():
        if key.endswith(ending) and len(key) - len(ending) >= 3:
            return key[: -len(ending)], kanji
    return key, ""


class RomajiNames:
    """romaji key → (said bare, rank, places); (key, suffix's kanji) → places: kushiro + shi → 釧路市, not
    釧路町."""

    def __init__(self) -> None:
        self._keys: dict[str, tuple[bool, int, tuple[Place, ...]]] = {}
        self._suffixed: dict[tuple[str, str], tuple[Place, ...]] = {}

    def add_prefecture(self, romaji: str, place: tuple[Place, ...]) -> None:
        self._keys.setdefault(romaji, (True, PREFECTURE, place))

    def add_municipality(self, m: Municipality, place: tuple[Place, ...]) -> None:
        suffixed = (m.romaji, m.name[-1])
        self._suffixed[suffixed] = self._suffixed.get(suffixed, ()) + place
        old = self._keys.get(m.romaji)
        if old is None:
            self._keys[m.romaji] = (m.bare, FULL, place)
        elif old[1] == FULL:  # a prefecture's own romaji keeps it (chiba)
            self._keys[m.romaji] = (m.bare or old[0], FULL, old[2] + place)

    def add_city(self, romaji: str, place: tuple[Place, ...]) -> None:
        """A 政令市, known by its bare name (sapporo) and with 市 (sapporo-shi)."""
        self._keys[romaji] = (True, FULL, place)
        self._suffixed[(romaji, "市")] = place

    def matches(self, text: str) -> list[Match]:
        """Every romaji word of ``text`` (folded) that names a place, with or without its suffix."""
        words = list(_ROMAJI_WORD.finditer(text))
        found = []
        for n, word in enumerate(words):
            raw = word.group(0).replace("-", "")
            following = romaji_key(words[n + 1].group(0)) if n + 1 < len(words) else ""
            key = romaji_key(raw)
            stem, suffix = _romaji_suffix(key)
            if following in _ROMAJI_SUFFIXES:
                stem, suffix = key, _ROMAJI_SUFFIXES[following]
            places = self._suffixed.get((stem, suffix), ()) if suffix and len(stem) >= 3 else ()
            if places:
                found.append(Match(word.start(), word.end(), FULL, places, True))
                continue
            hit = self._keys.get(key)
            if hit and hit[0] and len(key) >= 4:
                found.append(Match(word.start(), word.end(), hit[1], hit[2], True))
        return found
