"""Names that narrow the name before them: 倉敷の真備町, 金沢の香林坊, 福岡の博多駅, 飛騨高山.

A name below the municipality right after a town or prefecture it lies in (with の, a space or nothing
between) is that town's, whatever else shares its name; and two town names written as one word (飛騨高山:
a region's name and its town) are the second one, in the first one's prefecture; a town written after a
name that is no place here (豊前長洲: a 町域 elsewhere, then 長洲町 of another prefecture) is only asked
about. The first name then only
narrows (``outer``); the second decides. A loose name neither cued nor bound is dropped: 本町 alone, a
station named in passing."""

from __future__ import annotations

import re
from dataclasses import replace

from faq.places.place import PREFECTURE, Match, Place

_GAPS = ("", "の", " ", "、")
_RIGHT_AFTER = re.compile(r"^[の\s、]*(?:旧|きゅう)?\s*$")  # 鹿児島の旧国分市: only 旧 between


def bind(text: str, found: list[Match]) -> list[Match]:
    """``found`` (left to right) with each name narrowed by the one before it where it lies in it, and
    the loose names that nothing makes a place left out."""
    found = list(found)
    elsewhere: set[int] = set()
    for n in range(1, len(found)):
        outer, inner = found[n - 1], found[n]
        gap = text[outer.end : inner.start]
        if (
            outer.rank == PREFECTURE
            and inner.loose
            and _RIGHT_AFTER.match(gap)
            and not _inside(outer, inner, True)
        ):
            # かごしまの きゅう こくぶし: a name said in a prefecture is not one of elsewhere
            elsewhere.add(n)
            continue
        if _second_half(outer, inner, gap):
            found[n] = replace(inner, weak=True, town=False)
            continue
        if gap not in _GAPS or not (inner.loose or gap == ""):
            continue
        inside = _inside(outer, inner, compound=not inner.loose)
        if inside:
            found[n] = replace(inner, places=inside, cued=True, bound=True)
            found[n - 1] = replace(outer, cued=True, outer=outer.rank != PREFECTURE)
    return [m for n, m in enumerate(found) if (not m.loose or m.cued) and n not in elsewhere]


def _second_half(outer: Match, inner: Match, gap: str) -> bool:
    """Whether ``inner`` ends one word that a name nothing makes a place begins (豊前|長洲, 越後|湯沢: an old
    province and a town of another prefecture): the bare town name says nothing sure, so it is asked about."""
    return outer.loose and not outer.cued and gap in ("", " ") and not _inside(outer, inner, compound=True)


def _inside(outer: Match, inner: Match, compound: bool) -> tuple[Place, ...]:
    """``inner``'s places that lie in ``outer``: its prefecture for a prefecture or a compound, else its
    municipality (or, for a 政令市 named without its ward, its centre)."""
    prefectures = {p.prefecture for p in outer.places}
    if outer.rank == PREFECTURE or compound:
        return tuple(p for p in inner.places if p.prefecture in prefectures)
    codes = {p.municipality.code for p in outer.places if p.municipality}
    centres = {p.centre_key for p in outer.places if p.municipality is None}
    return tuple(
        p
        for p in inner.places
        if (p.municipality is not None and p.municipality.code in codes) or p.centre_key in centres
    )
