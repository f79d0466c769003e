"""The names below the municipality as the resolver looks them up, folded and grouped at build time.

Folding some 190,000 names and readings (NFKC, katakana as hiragana) and grouping their municipalities
took 2–3 s and ~90 MiB of Python objects at every start of every worker. The build
(:mod:`faq.places.build`) does it once with :meth:`AreaIndex.from_rows` and stores the result compactly in
var/places/: the sorted folded names one a line (``areas.txt``) and the municipality indices as
numpy arrays (``areas.npz``, no pickle). Loading them is a JSON parse and a few array reads.

The folded form is :func:`fold`'s; a message is folded the same way at run time, so the build and the
resolver must share it (a change to the normaliser rebuilds the gazetteer: the Makefile lists it)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from faq.text.normalize import normalize, to_hiragana

KEYS_FILE = "areas.txt"  # one folded name a line, sorted
ARRAYS_FILE = "areas.npz"
_KANJI = re.compile(r"[\u4e00-\u9fff々〆ヶ]")


def fold(text: str) -> str:
    """A name or a message as the resolver compares them (NFKC, katakana as hiragana)."""
    return to_hiragana(normalize(text, variants=False))


def _grouped(by_key: dict[str, set[int]], keys: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Offsets (n + 1) and the flat sorted indices of each key's group, in ``keys``' order."""
    offsets = np.zeros(len(keys) + 1, dtype=np.int32)
    flat: list[int] = []
    for n, key in enumerate(keys):
        flat += sorted(by_key[key])
        offsets[n + 1] = len(flat)
    return offsets, np.asarray(flat, dtype=np.int16)


@dataclass(frozen=True)
class AreaIndex:
    """``keys``: every folded name, sorted; ``heads``: the first two characters of the names, with the
    ``longest`` name that starts so (a message's position is looked up only where a name starts); the
    municipalities
    of ``keys[n]`` are ``indices[offsets[n]:offsets[n + 1]]``. ``former_rows``: the keys that are a town's
    name before a merger (鳴子町), with the towns they were (``former_offsets``/``former_indices``);
    ``town_rows``: the keys that are nothing but a municipality's own name without 市・区・町・村 (倉敷);
    ``former_only_rows``: the keys that are a place only as a former town's name (旧門前町: 門前町 is a
    町域 of too many cities to be a place alone)."""

    keys: list[str]
    heads: np.ndarray
    longest: np.ndarray
    offsets: np.ndarray
    indices: np.ndarray
    former_rows: np.ndarray
    former_offsets: np.ndarray
    former_indices: np.ndarray
    town_rows: np.ndarray
    former_only_rows: np.ndarray

    @classmethod
    def from_rows(cls, rows: list) -> AreaIndex:
        """The index of the build's rows ([name, [kana], kind, [municipality indices]]). Kana names under 3
        characters (みず, いの) and one-character names are left out: too short to tell from other words."""
        found: dict[str, set[int]] = defaultdict(set)
        former: dict[str, set[int]] = defaultdict(set)
        stems: dict[str, set[int]] = defaultdict(set)
        said: set[str] = set()  # keys some row makes a place without 旧
        for name, readings, kind, indices in rows:
            for key in (fold(name), *(fold(kana) for kana in readings)):
                if len(key) >= (2 if _KANJI.search(key) else 3):
                    found[key].update(indices)
                    if kind in ("former", "former_only"):
                        former[key].update(indices)
                    if kind != "former_only":
                        said.add(key)
                    if kind == "stem":
                        stems[key].update(indices)
        keys = sorted(found)
        row = {key: n for n, key in enumerate(keys)}
        offsets, indices = _grouped(found, keys)
        former_keys = sorted(former, key=row.__getitem__)
        former_offsets, former_indices = _grouped(former, former_keys)
        towns = sorted(row[k] for k, where in stems.items() if where == found[k])
        longest: dict[str, int] = defaultdict(int)
        for key in keys:
            longest[key[:2]] = max(longest[key[:2]], len(key))
        return cls(
            keys,
            np.asarray(sorted(longest), dtype="<U2"),
            np.asarray([longest[head] for head in sorted(longest)], dtype=np.int16),
            offsets,
            indices,
            np.asarray([row[k] for k in former_keys], dtype=np.int32),
            former_offsets,
            former_indices,
            np.asarray(towns, dtype=np.int32),
            np.asarray(sorted(row[k] for k in found if k not in said), dtype=np.int32),
        )

    def write(self, folder: Path) -> None:
        if any("\n" in key for key in self.keys):
            raise ValueError("a folded name holds a line break")
        (folder / KEYS_FILE).write_text("\n".join(self.keys), encoding="utf-8")
        arrays = {name: getattr(self, name) for name in self._arrays()}
        with open(folder / ARRAYS_FILE, "wb") as out:
            np.savez(out, **arrays)

    @classmethod
    def load(cls, folder: Path) -> AreaIndex:
        """Read what :meth:`write` stored (raises OSError or ValueError when it is missing or broken)."""
        keys = (folder / KEYS_FILE).read_text(encoding="utf-8").split("\n")
        with np.load(folder / ARRAYS_FILE, allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in cls._arrays()}
        if len(arrays["offsets"]) != len(keys) + 1:
            raise ValueError(f"{ARRAYS_FILE} does not match {KEYS_FILE}")
        return cls(keys, **arrays)

    @staticmethod
    def _arrays() -> tuple[str, ...]:
        return (
            "heads",
            "longest",
            "offsets",
            "indices",
            "former_rows",
            "former_offsets",
            "former_indices",
            "town_rows",
            "former_only_rows",
        )

    def __len__(self) -> int:
        return len(self.keys)

    def municipalities(self, row: int) -> tuple[int, ...]:
        """The municipality indices of ``keys[row]``."""
        return tuple(self.indices[self.offsets[row] : self.offsets[row + 1]].tolist())

    def former_towns(self, at: int) -> tuple[int, ...]:
        """The towns ``keys[former_rows[at]]`` was before a merger."""
        return tuple(self.former_indices[self.former_offsets[at] : self.former_offsets[at + 1]].tolist())
