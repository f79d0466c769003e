"""The work a member does and the business they plan after the term: the same 地場産業, or another one.

The 延長特例 lets the term run to five years only for a member who works in a 地場産業等 and, after the
term, starts or takes over a business *of that industry* (「当該地場産業等に係る起業・事業承継」,
002:L1217). Residents say both in passing: 「林業の現場で地域協力活動しよるけど、任期後は町でカフェば起業」
(another industry), 「和紙すきの工房で協力隊しとります。任期のあとは和紙の工房として独立」 (the same),
「任期が終わったらその農園を事業承継」 (the one they work in). :func:`clauses` splits the message at the
moment after the term; :func:`relation` places each side in an industry of the rule's data (a staff-edited
table of industries and their words, each marked as a 地場産業 by the sources' examples or not).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# taking over the business one works in (その農園, 研修先の, この工房), not another one (叔父の旅館)
_TAKES_OVER = re.compile(
    r"(?:その|この|そこの|研修先|受入先|受け入れ先|従事先|修行先|働いている|働いてる|働かせてもらって(?:いる|る)|お世話になって(?:いる|る)|師匠の|親方の|今の|いまの|ここの|同じ)(?:(?!別|違|ほか|他の|以外)[^。？?]){0,12}?(?:承継|継ぐ|継ご|継ぎ|継い|継が|跡を?継|後を?継|引き継|ひきつ)"
)
_SENTENCES = re.compile(r"[^。？?！!\n]+")
_DOING = re.compile(
    r"従事|担当|働|修行|手伝|学|活動|協力隊|隊員|やって|やっと|しとり|しよる|しとる|の現場|の仕事"
)
# a clause of the plan that gives an industry up (林業は続けません, 漁業はやめる): not the business's
_DENIED = re.compile(
    r"[^。？?！!、,]*(?:は|も)(?:もう)?(?:続け|つづけ|やら|し)(?:る)?(?:つもり|気|予定)?(?:は|も)?(?:ない|ありません|ません|ん|へん|ねえ)[^。？?！!、,]*"
    r"|[^。？?！!、,]*(?:は|も)(?:もう)?(?:やめ|辞め|離れ)[^。？?！!、,]*"
)
_STARTING = re.compile(r"起業|独立|継|承継|開業|開く|ひらく|店|会社を|始め")


@dataclass(frozen=True)
class Relation:
    """How the venture stands to the activity: ``same`` industry, another one, or unknown (None); and
    whether the activity is a 地場産業 by the sources' examples (None when its industry is not known)."""

    same: bool | None
    local: bool | None


def takes_over(text: str) -> bool:
    return bool(_TAKES_OVER.search(text))


def clauses(text: str, after_term: re.Pattern[str]) -> tuple[str, str]:
    """(what they do as a member, what they will start after the term): split where the message turns to
    the time after the term (任期後は…, 任期が終わったら…); without that turn, the sentences that say what
    they do and those that say what they will start."""
    turn = after_term.search(text)
    if turn is not None:
        end = re.search(r"[。？?！!\n]", text[turn.end() :])
        venture = text[turn.end() : turn.end() + end.start()] if end else text[turn.end() :]
        return text[: turn.start()], venture
    sentences = _SENTENCES.findall(text)
    doing = "。".join(s for s in sentences if _DOING.search(s) and not _STARTING.search(s))
    starting = "。".join(s for s in sentences if _STARTING.search(s))
    return doing, starting


def _industries_of(text: str, industries: Mapping[str, Mapping[str, Any]]) -> set[str]:
    folded = text.lower()
    return {name for name, spec in industries.items() if any(str(w).lower() in folded for w in spec["words"])}


def relation(
    activity: str, venture: str, took_over: bool, industries: Mapping[str, Mapping[str, Any]]
) -> Relation:
    """The venture against the activity, by the rule's table of ``industries`` (name → ``local``: a 地場産業
    by the sources' examples, ``words``: how residents name its work)."""
    doing = _industries_of(activity, industries)
    local = any(bool(industries[name]["local"]) for name in doing) if doing else None
    if took_over:
        return Relation(True, local)
    starting = _industries_of(_DENIED.sub("", venture), industries)
    if doing and starting:  # a 農家レストラン is 農業 and 飲食: the same only if every side of it is
        if starting <= doing:
            return Relation(True, local)
        # another industry, and no doubt which one the business is (炭焼きと伝統工芸の手伝い…ITで起業)
        clear = len(starting) == 1
        return Relation(False if clear and not doing & starting else None, local)
    return Relation(None, local)
