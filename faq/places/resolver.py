"""Read where a resident is from free text, and never guess: one answer, a question with choices, or none.
A place read only from a name below the municipality (真備町, 博多駅) is a question too: a confirmation.

>>> r = PlaceResolver(Gazetteer.load())
>>> r.resolve("遠野市に住んでいます").prefecture
'岩手県'
>>> [c.label for c in r.resolve("伊達市です").choices]
['北海道伊達市', '福島県伊達市']
"""

from __future__ import annotations

import re

from faq.places.area_index import fold
from faq.places.areas import AreaNames
from faq.places.binding import bind
from faq.places.gazetteer import Gazetteer
from faq.places.grammar import Grammar
from faq.places.name_keys import NameKeys
from faq.places.place import (
    FULL,
    PREFECTURE,
    STEM,
    Match,
    Place,
    Resolution,
    one_per_centre,
    place_of,
)
from faq.text.normalize import normalize, to_hiragana

_KANJI = re.compile(r"[\u4e00-\u9fff々〆ヶ]")
_KANA = re.compile(r"[ぁ-ゖー]")
# After a bare name (松本さん is a person; 大和言葉 a word): these end it as a place.
_HONORIFIC = re.compile(r"^(さん|さま|様|くん|君|ちゃん|氏|先生|家)")
_KANA_LEFT = set("のはにでもとへをが")  # 北海道のにせこ: a particle may stand before a kana name
_VERB_LEFT = set("にへをが")  # particles a verb follows: 〜になる, 〜へいく
_KANA_STEM_END = re.compile(r"^(に|で|から|の|在|住|出|へ|まで|は|$|[\s、。!?,.])")
_LIVES = re.compile(r"^[市区町村]?(に住|にすん|在住|住み|住まい|に在|です|だよ|から|出身|の者|のもの)")
_POSTAL = re.compile(r"(〒|郵便番号)[はがの:\s]*(\d{3})-?(\d{4})(?!\d)|(?<![\d-])(\d{3})-(\d{4})(?![\d-])")
_DIGITS_OR_LATIN = re.compile(r"[0-9a-z]")
_WHOLE_ANSWER_TAIL = re.compile(r"(です|だよ|に住んでます|にすんでます|在住|けん)?[。\s!]*$")
_LONG_KANA = 5  # a kana name this long is no accident inside other words
# Kana after a bare name that keep it a place when they make one word with it (ひめじえき, ゆざわちほう).
_PLACE_WORD_AFTER = re.compile(
    r"^(えき|ちほう|ほうめん|しない|ちょうない|けんない|ふきん|しゅうへん|あたり|へん|ちく|がわ|ぐん)"
)


class PlaceResolver:
    """Longest match wins; a prefecture named with a town settles it; a name of several centres asks."""

    def __init__(self, gazetteer: Gazetteer, prefecture_readings: dict[str, str]):
        self.gazetteer = gazetteer
        names = NameKeys(gazetteer, prefecture_readings)
        self._keys = names.keys
        self._romaji = names.romaji
        self._whole_answers = names.whole_answers
        self._unsaid = names.unsaid  # the bare names of towns never read bare
        self._prefixes = names.prefixes  # a scan stops as soon as the text leaves them
        self._municipal_places = tuple(place_of(m) for m in gazetteer.municipalities)
        self.areas = AreaNames(gazetteer.areas)

    def matches(self, text: str) -> list[Match]:
        """Every place named in ``text``, left to right, the longest name at each position."""
        folded = to_hiragana(normalize(text, variants=False))
        found: list[Match] = []
        last_end = -1
        i = 0
        prefixes = self._prefixes
        grammar = Grammar(folded)
        while i < len(folded):
            match = self._match_at(folded, i, last_end, grammar) if folded[i] in prefixes else None
            area = self._area_at(folded, i, last_end, match.end - i if match else 0, grammar)
            match = area if area is not None and (area.cued or match is None) else match
            if match is None:
                i += 1
                continue
            found.append(match)
            last_end = i = match.end
        if _DIGITS_OR_LATIN.search(folded):
            found += self._postal_matches(folded) + self._romaji.matches(folded)
        whole = _WHOLE_ANSWER_TAIL.sub("", folded)
        if not found and whole in self._whole_answers:
            found.append(Match(0, len(whole), PREFECTURE, (Place(self._whole_answers[whole]),)))
        return bind(folded, found)

    def _area_at(self, text: str, i: int, last_end: int, shorter_than: int, grammar: Grammar) -> Match | None:
        """The longest name below the municipality at ``i`` (町域, station, 倉敷) longer than the town's
        name found there, as a loose match: kept only where its context says it is a place (see
        :func:`faq.places.binding.bind`)."""
        before = text[i - 1] if i > 0 else ""
        for length, indices in self.areas.at(text, i):
            if length <= shorter_than:
                break
            key = text[i : i + length]
            suffix = self.areas.former_suffix(text, i, i + length)
            if suffix:  # 旧岩槻市, 旧河口湖町: the town it was, whatever stands before 旧
                end = i + length + suffix
                places = tuple(self._municipal_places[n] for n in indices)
                return Match(i, end, FULL, places, bool(_LIVES.match(text[end:])), loose=True, cued=True)
            kana_key = not _KANJI.search(key)
            inside = _KANJI.match(before) or (kana_key and _KANA.match(before) and before not in _KANA_LEFT)
            after = text[i + length :]
            if last_end >= 0 and text[last_end:i] in ("", "の") and self.areas.is_cue(key):
                continue  # 金沢駅の西口: where in 金沢駅, not 西口 of 桜井市
            if self.areas.is_chome(key):
                continue  # しばまた にちょうめ: the 丁目 of the name before it
            former = self.areas.former(text, i, i + length)  # 昔は鳴子町: 大崎市, not 名古屋's
            if not former and self.areas.only_former(key):
                continue  # 門前町 alone: a 町域 of too many cities; 旧門前町 is 輪島市's
            if (before and i != last_end and inside and not former) or (
                kana_key and not former and not _KANA_STEM_END.match(after)
            ):
                continue  # but 旧門前町, きゅうもんぜんまち: 旧 stands right before a former town's name; and
                # がっぺいまえの なみおかまちさ: a former town's name said so ends where the name ends
            if kana_key and length < _LONG_KANA and not grammar.word_at(i, i + length):
                continue  # ですけど holds すけど; はかたえき is long enough to be itself
            # そうだん したら: a verb, not 設楽; but させぼえき, きたせんじゅえきの ちかく: a station or
            # a name a place cue follows is no verb (さ(せる), き(た))
            said = key.endswith("えき") or self.areas.said_after(text, i + length)
            if kana_key and not _LIVES.match(after) and not said and grammar.verb_at(i):
                continue
            indices = former or indices
            places = tuple(self._municipal_places[n] for n in indices)
            cued = self.areas.cued(text, i, i + length)
            town_name = self.areas.is_town_name(key)
            lives = bool(_LIVES.match(self.areas.past_chome(after)[0]))  # 柴又2丁目に住んでる
            return Match(i, i + length, FULL, places, lives, loose=True, cued=cued, town=town_name)
        return None

    def _starts_same_prefecture_place(self, text: str, at: int, places: tuple[Place, ...]) -> bool:
        """Whether a town of the same prefecture is named right at ``at`` (飛騨|高山: a region's town)."""
        prefectures = {p.prefecture for p in places}
        end = at + 2
        while end <= len(text) and text[at:end] in self._prefixes:
            found = self._keys.get(text[at:end])
            if found and found[0] != PREFECTURE and any(p.prefecture in prefectures for p in found[1]):
                return True
            end += 1
        return False

    def _match_at(self, text: str, i: int, last_end: int, grammar: Grammar) -> Match | None:
        before = text[i - 1] if i > 0 else ""
        lengths = []
        end = i + 1
        while end <= len(text) and text[i:end] in self._prefixes:
            if text[i:end] in self._keys:
                lengths.append(end - i)
            end += 1
        for length in reversed(lengths):
            key = text[i : i + length]
            rank, places = self._keys[key]
            kana_key = not _KANJI.search(key)
            inside = _KANJI.match(before) or (kana_key and _KANA.match(before) and before not in _KANA_LEFT)
            if before and i != last_end and inside:
                continue  # inside a longer word: 政府中枢, 途中区間
            after = text[i + length :]
            bare = rank == STEM or (rank == PREFECTURE and key[-1] not in "都道府県")
            if bare and _HONORIFIC.match(after):
                continue  # 松本さん
            if (
                bare
                and after
                and _KANJI.match(after[0])
                and not _LIVES.match(after)
                and not self._starts_same_prefecture_place(text, i + length, places)
            ):
                continue  # 大和言葉, 富士山; but 飛騨高山 is 高山 in 飛騨, and 函館住み is where one lives
            if kana_key and rank != PREFECTURE and not _KANA_STEM_END.match(after):
                continue  # ながいあいだ is not 長井
            if kana_key and before in _VERB_LEFT and not _LIVES.match(after) and grammar.verb_at(i):
                continue  # 「九州になると？」: に+なる (to become) and と, not 鳴門
            if kana_key and rank == STEM and not grammar.word_at(i, i + length):
                continue  # ひがいの holds いの
            if kana_key and rank == STEM and not _LIVES.match(after) and grammar.verb_at(i):
                continue  # そうだん したら: a verb, not 設楽
            lives = bool(_LIVES.match(after))
            if bare and not lives and grammar.compound_at(i + length) and not _PLACE_WORD_AFTER.match(after):
                if not self._starts_same_prefecture_place(text, i + length, places):
                    continue  # あきたいぬ, 夕張めろん: the first half of a word; 飛騨|高山 binds the town
            # みなみ (南), かわら (瓦): a bare name in kana that the dictionary reads as an ordinary word is
            # a place only when the resident says so (住んでる); otherwise it is asked about, never given.
            weak = kana_key and bare and not lives and grammar.common_word(i, i + length)
            elsewhere = self._elsewhere(key, places) if rank == STEM else ()
            weak = weak or bool(elsewhere)
            return Match(i, i + length, rank, places + elsewhere, lives, weak=weak, elsewhere=elsewhere)
        return None

    def _elsewhere(self, key: str, places: tuple[Place, ...]) -> tuple[Place, ...]:
        """The places of other centres that a town's bare name says as much as: another town's bare name
        (湯沢: 湯沢市, and 湯沢町 too). Then the bare name is asked about with them, never given. Not a 政令市
        said by its name (神戸, 横浜: not also 神戸町 of 岐阜, 横浜町 of 青森, which their residents say with
        町), not a ward (金沢: not also 横浜市金沢区), and not a name below the municipality that only reads
        the same (くしろ is 釧路, not 久代 of 川西市): residents name those with their city."""
        if any(p.municipality is None for p in places):
            return ()
        written = {m.name[len(m.parent) : -1] for m in (p.municipality for p in places) if m} | {key}
        towns = [p for name in written for p in self._unsaid.get(fold(name), ())]
        centres = {p.centre_key for p in places}
        wards = {p for p in towns if p.municipality and p.municipality.parent}
        return tuple(dict.fromkeys(p for p in towns if p.centre_key not in centres and p not in wards))

    def _postal_matches(self, text: str) -> list[Match]:
        found = []
        for m in _POSTAL.finditer(text):
            digits = "".join(d for d in m.groups()[1:] if d)
            places = tuple(place_of(x) for x in self.gazetteer.for_postal_code(digits))
            if places:
                found.append(Match(m.start(), m.end(), FULL, places, True))
        return found

    def resolve(self, text: str, within: str | None = None) -> Resolution:
        """The place ``text`` names (``within``: a prefecture already known, e.g. 北海道 in the flow)."""
        found = self.matches(text)
        spans = tuple((m.start, m.end) for m in found)
        named = {p.prefecture for m in found if m.rank == PREFECTURE for p in m.places}
        if within:
            named.add(within)
        specific = [m for m in found if m.rank != PREFECTURE and not m.outer]
        if within:
            specific = [m for m in specific if any(p.prefecture == within for p in m.places)]
        if specific:
            if any(m.lives for m in specific):
                specific = [m for m in specific if m.lives]
            sets = []
            for m in specific:
                places = [p for p in m.places if p.prefecture in named]
                before = [q for q in found if q.rank == PREFECTURE and q.end == m.start]  # 石川県|鹿児島市
                qualifying = {p.prefecture for q in before for p in q.places}
                if not places and qualifying:  # 「石川県鹿児島市」: that prefecture has no such town — ask
                    places = [*m.places, *(Place(prefecture) for prefecture in sorted(qualifying))]
                places = places or list(m.places)  # a prefecture named in passing: the town decides
                sets.append(one_per_centre(places))
            common = set(sets[0]).intersection(*sets[1:])
            chosen = {k: sets[0][k] for k in common} if common else {k: p for s in sets for k, p in s.items()}
            # Only names below the municipality (not a town's own name), neither bound by a town next to
            # them nor in a prefecture the message names: the resident is asked to confirm, never given it.
            # A bare name several places share is sure when another name narrows it (ながおかの やまこしむら).
            narrowed = any(
                not m.loose and 0 < len(common) < len(c) for m, c in zip(specific, sets, strict=True)
            )
            sure = narrowed or any((not m.loose and not m.weak) or m.bound or m.town for m in specific)
            confirm = not sure and not all(p.prefecture in named for p in chosen.values())
            return _settle(chosen, spans, confirm)
        if not named:
            return Resolution(spans=spans)
        prefectures = [m for m in found if m.rank == PREFECTURE]
        if len(named) > 1 and any(m.lives for m in prefectures):
            named = {p.prefecture for m in prefectures if m.lives for p in m.places}
        weak = bool(prefectures) and all(m.weak for m in prefectures) and not within
        return _settle({(p, None): Place(p) for p in sorted(named)}, spans, confirm=weak)


def _settle(
    chosen: dict[tuple[str, str | None], Place], spans: tuple[tuple[int, int], ...], confirm: bool = False
) -> Resolution:
    if len(chosen) == 1 and not confirm:
        return Resolution(place=next(iter(chosen.values())), spans=spans)
    choices = tuple(sorted(chosen.values(), key=lambda p: p.label))
    return Resolution(choices=choices, spans=spans, confirm=confirm)
