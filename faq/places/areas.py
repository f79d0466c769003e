"""Names below the municipality (町域, former towns, stations, a town's name that is also an everyday word),
read as places only where the message's words say so.

The names come with the gazetteer (built at install by :mod:`faq.places.areas_build`); the words that make a
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

from faq.text.normalize import normalize, to_hiragana

CONTEXT_FILE = Path(__file__).resolve().parent.parent / "data" / "places.yml"
_KANJI = re.compile(r"[\u4e00-\u9fff々〆ヶ]")
# after a name in a message that asks for a window: a particle that places it (not の: 関西の人間)
_PLACING = re.compile(r"^(\s|$|[にでへ、。!?,.]|から|は|です)")
_SPACES = re.compile(r"\s+")
_LOOK = 16  # how far around a name its cue is looked for
_SKIPPED = 8  # 倉敷の真備町に住んでる: the cue may follow one short unknown name after の


def fold(text: str) -> str:
    """A name or a message as the resolver compares them (NFKC, katakana as hiragana)."""
    return to_hiragana(normalize(text, variants=False))


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(fold(w)) for w in sorted(set(words), key=len, reverse=True))


class AreaNames:
    """Folded name (kanji and kana) → municipality indices, and the context that makes one a place."""

    def __init__(self, rows: list, context: dict | None = None):
        self._keys: dict[str, tuple[int, ...]] = {}
        self._former: dict[str, tuple[int, ...]] = {}  # the towns a name was before a merger (鳴子町)
        stems: dict[str, set[int]] = {}  # a town's own name without 市・町 (倉敷)
        for name, readings, kind, indices in rows:
            for key in (fold(name), *(fold(kana) for kana in readings)):
                if len(key) >= (2 if _KANJI.search(key) else 3):  # みず, いの: kana too short to tell
                    self._keys[key] = tuple(sorted(set(self._keys.get(key, ())) | set(indices)))
                    if kind == "former":
                        self._former[key] = tuple(sorted(set(self._former.get(key, ())) | set(indices)))
                    if kind == "stem":
                        stems.setdefault(key, set()).update(indices)
        self._town_names = {key for key, found in stems.items() if set(self._keys[key]) == found}
        # the first two characters of every name → its lengths, longest first: one look-up per position
        lengths: dict[str, set[int]] = {}
        for key in self._keys:
            lengths.setdefault(key[:2], set()).add(len(key))
        self._lengths = {head: tuple(sorted(found, reverse=True)) for head, found in lengths.items()}
        cues = context if context is not None else load_context()
        after = _alternation(cues["after"])
        self._after = re.compile(rf"^\s*(?:{after})")
        self._after_one_name = re.compile(rf"^\s*の[^\s、。!?,.]{{1,{_SKIPPED}}}?(?:{after})")
        self._answer = re.compile(rf"^(?:{_alternation(cues['answer'])})")
        self._before = re.compile(rf"(?:{_alternation(cues['before'])})\s*$")
        self._former_before = re.compile(rf"(?:{_alternation(cues['former_before'])})\s*$")
        self._former_after = re.compile(rf"^\s*(?:{_alternation(cues['former_after'])})")
        self._window = re.compile(_alternation(cues["window"]))

    def __len__(self) -> int:
        return len(self._keys)

    def at(self, text: str, i: int) -> list[tuple[int, tuple[int, ...]]]:
        """(length, municipality indices) of every name starting at ``i``, longest first."""
        found = []
        for length in self._lengths.get(text[i : i + 2], ()):
            if i + length > len(text):
                continue
            indices = self._keys.get(text[i : i + length])
            if indices:
                found.append((length, indices))
        return found

    def is_town_name(self, key: str) -> bool:
        """Whether ``key`` is nothing but a municipality's own name without 市・区・町・村 (倉敷, はかた): a
        municipality's name itself, not a name below one."""
        return key in self._town_names

    def former(self, text: str, start: int, end: int) -> tuple[int, ...]:
        """The towns ``text[start:end]`` was before a merger when the words say it is a former name (旧,
        昔は, 合併前の, 〜だった); () otherwise or when it was no town's name."""
        indices = self._former.get(text[start:end], ())
        before = _SPACES.sub("", text[max(0, start - _LOOK) : start])
        if indices and (
            self._former_before.search(before) or self._former_after.match(_SPACES.sub("", text[end:]))
        ):
            return indices
        return ()

    def cued(self, text: str, start: int, end: int) -> bool:
        """Whether the words around ``text[start:end]`` say it is a place: a cue after it (住んでる, の近く,
        で被災; also after one short name that follows with の: 倉敷の真備町に住んでる), a cue before it (旧,
        合併前は, 最寄り), or a question about a window anywhere with a particle after the name."""
        after = _SPACES.sub("", text[end : end + _LOOK])  # kana is typed with spaces: の ちかくに
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
