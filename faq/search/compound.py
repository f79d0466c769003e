"""Messages that ask two things: when the second-ranked entry is given as a second answer.

Two rules, either is enough, and both need two clauses and the same category:

- *nearly as close*: the second entry's fused score is at least :data:`SECOND_ANSWER_SHARE` of the top's.
  This share lives on the fused scale, so it moves whenever the dense weight is retuned (the cosines of
  one topic's entries are close to each other, so a heavier dense weight lifts every second entry): the
  0.5 → 0.1 retune took 「輪島の相談会って予約いる？なんじから？」 from about 0.53 to 0.449.
- *asks what only the second answers*: a clause asks a kind of fact (time, place, cost, duration) that
  the second entry's question covers and the top entry's question does not, and both entries' questions
  share a word of the message (the same subject, 輪島 in both). This recognises the second question
  itself, so it does not depend on the ranking weights at all.

>>> second_answer(result, analyzer)  # doctest: +SKIP
Hit(entry=FaqEntry(id='disaster-wajima-overview', ...), ...)
"""

from __future__ import annotations

import re
import unicodedata

from faq.model import Hit, Outcome, SearchResult
from faq.text.analyzer import JapaneseAnalyzer

# A second entry is answered too when the resident asked two things and it is nearly as close.
SECOND_ANSWER_SHARE = 0.45
_CLAUSE_END = re.compile(r"[？?。！!\n]+")

# Kinds of fact a clause can ask for; matched on NFKC text of the message and of an entry's question.
FACT_KINDS: dict[str, re.Pattern[str]] = {
    "time": re.compile(r"いつ|何時|なんじ|日時|何月"),
    "place": re.compile(r"どこ|場所|会場|住所"),
    "cost": re.compile(r"いくら|費用|料金|参加費|無料|タダ|お金(は|って)?かか"),
    "duration": re.compile(r"何日|何年|何か月|何ヶ月|期間"),
}


def clauses(text: str) -> list[str]:
    """The parts of ``text`` ended by ？ 。 ！ or a line break."""
    return [c for c in _CLAUSE_END.split(text) if c.strip()]


def asked_several_things(text: str) -> bool:
    return len(clauses(text)) >= 2


def fact_kinds(text: str) -> set[str]:
    """Which kinds of fact ``text`` asks for or answers (「なんじから」 → {"time"})."""
    normalized = unicodedata.normalize("NFKC", text)
    return {kind for kind, pattern in FACT_KINDS.items() if pattern.search(normalized)}


def _asks_what_only_second_answers(query: str, top: Hit, second: Hit, analyzer: JapaneseAnalyzer) -> bool:
    asked = set().union(*(fact_kinds(c) for c in clauses(query)))
    if not (asked - fact_kinds(top.entry.question)) & fact_kinds(second.entry.question):
        return False
    message_words = set(analyzer.analyze(query).words)
    shared = set(analyzer.analyze(top.entry.question).words) & set(
        analyzer.analyze(second.entry.question).words
    )
    return bool(message_words & shared)


def second_answer(result: SearchResult, analyzer: JapaneseAnalyzer) -> Hit | None:
    """The hit to give as a second answer to ``result``'s query, or None (one answer)."""
    if result.outcome is not Outcome.ANSWER or len(result.hits) < 2 or not asked_several_things(result.query):
        return None
    top, second = result.hits[0], result.hits[1]
    if second.entry.category != top.entry.category:
        return None
    if second.score >= SECOND_ANSWER_SHARE * top.score:
        return second
    return second if _asks_what_only_second_answers(result.query, top, second, analyzer) else None
