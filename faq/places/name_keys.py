"""The names a message is scanned for, from the gazetteer: prefectures (and their readings), every
municipality by its name, county and name, kana, ward name and bare stem, 政令市, Hokkaido's 振興局 and the
aliases; each folded as the resolver reads a message and ranked (a full name over a bare one). Built once
when the resolver is made (:class:`faq.places.resolver.PlaceResolver`)."""

from __future__ import annotations

from faq.places.area_index import fold
from faq.places.gazetteer import Gazetteer, Municipality
from faq.places.place import FULL, PREFECTURE, STEM, Place, hokkaido_bureaus, place_of
from faq.places.readings import stem_of
from faq.places.romaji import RomajiNames
from faq.text.normalize import normalize, to_hiragana


class NameKeys:
    """``keys``: folded name → (rank, places); ``whole_answers``: names read only as a whole answer (ちば);
    ``unsaid``: the bare names of towns never read bare; ``prefixes``: every beginning of a key;
    ``romaji``: the names in Latin letters."""

    def __init__(self, gazetteer: Gazetteer, prefecture_readings: dict[str, str]):
        self._gazetteer = gazetteer
        self.keys: dict[str, tuple[int, tuple[Place, ...]]] = {}
        self.romaji = RomajiNames()
        self.whole_answers: dict[str, str] = {}
        self.unsaid: dict[str, tuple[Place, ...]] = {}
        self._index(prefecture_readings)
        self.prefixes = {key[:n] for key in self.keys for n in range(1, len(key) + 1)}

    def _add(self, key: str, rank: int, places: tuple[Place, ...]) -> None:
        key = to_hiragana(normalize(key, variants=False))
        if len(key) < 2:
            return
        old = self.keys.get(key)
        if old is None or rank > old[0]:
            self.keys[key] = (rank, places)
        elif rank == old[0]:
            self.keys[key] = (rank, tuple(dict.fromkeys(old[1] + places)))

    def _index(self, readings: dict[str, str]) -> None:
        g = self._gazetteer
        for prefecture, reading in readings.items():
            place = (Place(prefecture),)
            short = prefecture if prefecture == "北海道" else prefecture[:-1]
            self._add(prefecture, PREFECTURE, place)
            self._add(short, PREFECTURE, place)
            self._add(
                reading + {"都": "と", "府": "ふ", "県": "けん"}.get(prefecture[-1], ""), PREFECTURE, place
            )
            if len(reading) > 2:
                self._add(reading, PREFECTURE, place)
            else:  # ちば, なら: only as the whole answer
                self.whole_answers[reading] = prefecture
            self.romaji.add_prefecture(g.prefecture_romaji[prefecture], place)
        cities: dict[tuple[str, str], list[Municipality]] = {}
        for m in g.municipalities:
            place = (place_of(m),)
            self._add(m.name, FULL, place)
            if m.county:
                self._add(m.county + m.name, FULL, place)
            if len(m.kana) >= 3:
                self._add(m.kana, FULL, place)
            short = m.name[len(m.parent) :]
            if m.parent:
                cities.setdefault((m.prefecture, m.parent), []).append(m)
                self._add(short, FULL, place)  # 中央区: ten cities, so it asks unless the city is named
                city_kana = g.designated_cities.get(f"{m.prefecture} {m.parent}", ("", ""))[0]
                if city_kana and m.kana.startswith(city_kana) and len(m.kana) - len(city_kana) >= 4:
                    self._add(m.kana[len(city_kana) :], FULL, place)  # てんのうじく, as 天王寺区
            kana_stem = stem_of(m.name, m.kana) if stem_of(m.name, m.kana) != m.kana else ""
            for stem in (short[:-1], kana_stem if len(kana_stem) >= 3 else ""):
                if m.bare and stem:
                    self._add(stem, STEM, place)
                elif stem:  # 湯沢 of 湯沢町: no place alone, but 湯沢 (湯沢市) then says no more than both
                    self.unsaid[fold(stem)] = self.unsaid.get(fold(stem), ()) + place
            if len(m.romaji) >= 4 and not m.parent:
                self.romaji.add_municipality(m, place)
        for (prefecture, city), wards in cities.items():
            first = wards[0]
            place = (Place(prefecture, first.hokkaido_area),)
            self._add(city, FULL, place)
            self._add(city[:-1], STEM, place)  # 政令市 are known by their bare name: 川崎, 札幌
            kana, romaji = g.designated_cities.get(f"{prefecture} {city}", ("", ""))
            if kana:
                self._add(kana, FULL, place)
                self._add(kana[:-1], STEM, place)
            if romaji:
                self.romaji.add_city(romaji, place)
        for bureau, places in hokkaido_bureaus(g.municipalities).items():
            settles = places[0].hokkaido_area is not None  # a split 振興局 says no more than 北海道
            self._add(bureau, STEM if settles else PREFECTURE, places)
            self._add(bureau + "振興局", FULL if settles else PREFECTURE, places)
            self._add(bureau + "総合振興局", FULL if settles else PREFECTURE, places)
        for alias, indices in g.aliases.items():
            self._add(alias, FULL, tuple(place_of(g.municipalities[i]) for i in indices))
