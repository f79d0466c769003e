"""The parts of a case the reader cannot place: a fact said with a hedge, or for one period among others.

A resident says a fact and qualifies it in the same breath — 「住民票は移すつもりだけど、移さないかも
しれません」「冬は現地に行けないかも」「最初の3か月は月2日、そのあとは月5日」. The reader reads each figure as
said, but which one stands is not in the words. :func:`uncertain_parts` gives, for each such clause, the
message without it; the verdict must be the same with the clause and without it (:mod:`.verdicts`), else it is
「資料だけでは決められません」 with the clause quoted — never the verdict of one reading.

>>> [clause for _, clause in uncertain_parts("月20日の予定だったけど、月8日に減るかも。期間2年")]
['月8日に減るかも']
"""

from __future__ import annotations

import re

# a clause: between punctuation or a contrast (〜けど, 〜が、)
_CLAUSE = re.compile(r"[^。、,，！!？?\n]+")
# said as possible, not as fact: 〜かも(しれない), 〜可能性, 〜こともある, 〜場合もある
_HEDGE = re.compile(r"(?<!し)かも|可能性|(?:こと|場合|時|とき|月)(?:も|が)(?:ある|あり|出て)")
# said of one period among others: 最初の3か月は, そのあとは, 冬は, 繁忙期は
_PERIOD = re.compile(
    r"最初(?:の|は)|初め(?:の|は)|はじめ(?:の|は)|当初|その(?:あと|後)(?:は|から)|後半|前半|途中から"
    r"|(?:冬|夏|春|秋)(?:場|の間)?は|繁忙期|農繁期|閑散期"
)
# a fact in the clause: a figure, or a verb denied (移さない, 行けない)
_FACT = re.compile(r"\d|(?<!し)(?:さ|け|か|れ|せ|わ|ら)(?:ない|ません|ず)")  # not かもしれない


def uncertain_parts(text: str) -> list[tuple[str, str]]:
    """For each clause of ``text`` (numbers in digits) that states a fact with a hedge or for one period:
    the text without that clause, and the clause."""
    out = []
    for match in _CLAUSE.finditer(text):
        clause = match.group()
        if _FACT.search(clause) and (_HEDGE.search(clause) or _PERIOD.search(clause)):
            out.append((text[: match.start()] + text[match.end() :], clause.strip()))
    return out
