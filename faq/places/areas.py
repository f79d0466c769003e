"""Names below the municipality (町域, former towns, stations, a town's name that is also an everyday word),
read as places only where the message's words say so.

The names come with the gazetteer, folded at install (:mod:`faq.places.areas_build`,
:mod:`faq.places.area_index`); the words that make a
name a place — 住んでる, 〜の近く, 旧〜, a question about a window — are data (faq/data/places.yml
``context``). :class:`faq.places.resolver.PlaceResolver` asks :meth:`AreaNames.at` for the names at each
position and :meth:`AreaNames.cued` whether the words around one say it is a place; a name next to a town or
prefecture it lies in (倉敷の真備町, 金沢の香林坊) is bound by the resolver instead.

>>> names = AreaNames(gazetteer.areas)
>>> names.cued("まびちょうにすんでます", 0, 5)
True
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from faq.places.area_index import AreaIndex, fold

CONTEXT_FILE = Path(__file__).resolve().parent.parent / "data" / "places.yml"
# after a name in a message that asks for a window: a particle that places it (not の: 関西の人間)
_PLACING = re.compile(r"^(\s|$|[にでへ、。!?,.]|から|は|です)")
_SPACES = re.compile(r"\s+")
_LOOK = 16  # how far around a name its cue is looked for
# 柴又2丁目, しばまた にちょうめ: a 町域 with its 丁目 is an address said as such
_CHOME = re.compile(
    r"^\s*(?:[0-9]+|[一二三四五六七八九十]+|(?:いっ|いち|に|さん|よん|ご|ろく|なな|はっ|はち|きゅう|じゅう)+)\s*(?:丁目|ちょうめ)"
)
_FORMER_SUFFIX = re.compile(r"[市町村]|(?:し|ちょう|まち|むら|そん)(?=$|[\sにでのはがへ、。!?,.])")
_SKIPPED = 8  # 倉敷の真備町に住んでる: the cue may follow one short unknown name after の


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(fold(w)) for w in sorted(set(words), key=len, reverse=True))


class AreaNames:
    """Folded name (kanji and kana) → municipality indices, and the context that makes one a place. The
    names come folded and grouped from the build (:class:`faq.places.area_index.AreaIndex`); only the
    look-up tables are made here."""

    def __init__(self, index: AreaIndex, context: dict | None = None):
        self._index = index
        self._rows = dict(zip(index.keys, range(len(index.keys)), strict=True))
        self._former = dict(zip(index.former_rows.tolist(), range(len(index.former_rows)), strict=True))
        self._town_rows = frozenset(index.town_rows.tolist())
        self._former_only_rows = frozenset(index.former_only_rows.tolist())
        # the first two characters of a name → the longest name that starts so
        self._longest = dict(zip(index.heads.tolist(), index.longest.tolist(), strict=True))
        cues = context if context is not None else load_context()
        after = _alternation(cues["after"])
        # 駅の南口, 駅南口: の may stand before a cue; すみません (sorry) is no すみ (living)
        self._after = re.compile(rf"^\s*の?(?!すみませ)(?:{after})")
        self._cue_word = re.compile(rf"の?(?:{after})")
        self._after_one_name = re.compile(rf"^\s*の[^\s、。!?,.]{{1,{_SKIPPED}}}?(?:{after})")
        self._answer = re.compile(rf"^(?:{_alternation(cues['answer'])})")
        self._answer_end = re.compile(rf"(?:{_alternation(cues['answer'])})[\s。!?,.、]*$")
        self._before = re.compile(rf"(?:{_alternation(cues['before'])})\s*$")
        self._former_before = re.compile(rf"(?:{_alternation(cues['former_before'])})\s*$")
        self._former_after = re.compile(rf"^\s*(?:{_alternation(cues['former_after'])})")
        self._window = re.compile(_alternation(cues["window"]))

    def __len__(self) -> int:
        return len(self._rows)

    def at(self, text: str, i: int) -> list[tuple[int, tuple[int, ...]]]:
        """(length, municipality indices) of every name starting at ``i``, longest first."""
        found: list[tuple[int, tuple[int, ...]]] = []
        longest = self._longest.get(text[i : i + 2])
        if longest is None:
            return found
        for length in range(min(longest, len(text) - i), 1, -1):
            row = self._rows.get(text[i : i + length])
            if row is not None:
                found.append((length, self._index.municipalities(row)))
        return found

    def indices(self, name: str) -> tuple[int, ...]:
        """The municipality indices of the name below the municipality ``name`` (folded here); () if none."""
        row = self._rows.get(fold(name))
        return () if row is None else self._index.municipalities(row)

    def is_town_name(self, key: str) -> bool:
        """Whether ``key`` is nothing but a municipality's own name without 市・区・町・村 (倉敷, はかた): a
        municipality's name itself, not a name below one."""
        return self._rows.get(key, -1) in self._town_rows

    def only_former(self, key: str) -> bool:
        """Whether ``key`` (folded) is a place only as a former town's name (門前町: after 旧 or 合併前)."""
        return self._rows.get(key, -1) in self._former_only_rows

    def is_cue(self, key: str) -> bool:
        """Whether ``key`` (folded) is itself a word that places the name before it (西口, 付近): after a
        place (金沢駅の西口) it is part of where that place is, not a 町域 of that name elsewhere."""
        return bool(self._cue_word.fullmatch(key))

    def without_answer_ending(self, text: str) -> str:
        """``text`` (folded) without an ending that says a name as the answer to 'where?' (函館住みなんだけど,
        真備町です): what is left says whether the message says anything more than where one lives."""
        return self._answer_end.sub("", text)

    def past_chome(self, after: str) -> tuple[str, bool]:
        """``after`` (the text after a name) without a 丁目 right after it, and whether there was one."""
        chome = _CHOME.match(after)
        return (after[chome.end() :], True) if chome else (after, False)

    def said_after(self, text: str, end: int) -> bool:
        """Whether a cue right after ``text[:end]`` (住んでる, の近く, 南口, 2丁目) makes the name a place."""
        after = _SPACES.sub("", text[end : end + _LOOK])
        return self.past_chome(after)[1] or bool(self._after.match(after))

    def is_chome(self, key: str) -> bool:
        """Whether ``key`` is nothing but a 丁目 (にちょうめ): the rest of an address, no name."""
        chome = _CHOME.match(key)
        return chome is not None and chome.end() == len(key)

    def former(self, text: str, start: int, end: int) -> tuple[int, ...]:
        """The towns ``text[start:end]`` was before a merger when the words say it is a former name (旧,
        昔は, 合併前の, 〜だった); () otherwise or when it was no town's name."""
        at = self._former.get(self._rows.get(text[start:end], -1))
        if at is None:
            return ()
        indices = self._index.former_towns(at)
        before = _SPACES.sub("", text[max(0, start - _LOOK) : start])
        if indices and (
            self._former_before.search(before) or self._former_after.match(_SPACES.sub("", text[end:]))
        ):
            return indices
        return ()

    def former_suffix(self, text: str, start: int, end: int) -> int:
        """The length of 市・町・村 right after ``text[start:end]`` when 旧 (or 合併前の and the like) stands
        before it: 旧岩槻市, きゅうかわぐちこまち — a name of the place now (岩槻区, 河口湖駅) said as the
        town it was; 0 otherwise."""
        suffix = _FORMER_SUFFIX.match(text, end)
        before = _SPACES.sub("", text[max(0, start - _LOOK) : start])
        return len(suffix.group()) if suffix and self._former_before.search(before) else 0

    def cued(self, text: str, start: int, end: int) -> bool:
        """Whether the words around ``text[start:end]`` say it is a place: a cue after it (住んでる, の近く,
        で被災; also after one short name that follows with の: 倉敷の真備町に住んでる), a cue before it (旧,
        合併前は, 最寄り), or a question about a window anywhere with a particle after the name."""
        after = _SPACES.sub("", text[end : end + _LOOK])  # kana is typed with spaces: の ちかくに
        if self.past_chome(after)[1]:
            return True
        if self._after.match(after) or self._after_one_name.match(after) or self._answer.match(after):
            return True
        if self._before.search(_SPACES.sub("", text[max(0, start - _LOOK) : start])) or self.former(
            text, start, end
        ):
            return True
        return bool(_PLACING.match(after) and self._window.search(text))


def load_context() -> dict:
    """The cue words of faq/data/places.yml ``context``."""
    return yaml.safe_load(CONTEXT_FILE.read_text(encoding="utf-8"))["context"]
