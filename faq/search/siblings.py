"""A follow-up asking a fact its entry lacks, answered from a sibling entry of its topic (framework-free).

「そこって何時まで？」 after the 輪島 相談会's 予約 entry asks a time; that entry gives none, while the
overview entry of the same 相談会 does (12:30～15:30). Before saying the time is not written, the entries
next to the last one — found with its own question, of its category — are asked whether one carries it.
A message that asks nothing but such a fact (「何時まで？」) of an entry that carries it (the 問い合わせ
entry's line, 平日8時30分～17時15分) is answered by that entry again, not by a neighbour the subject finds.

>>> searched = service.search("輪島 相談 予約 何時まで？")                         # doctest: +SKIP
>>> from_a_sibling(searched, service.index).hits[0].entry.id                  # doctest: +SKIP
'disaster-wajima-overview'
"""

from __future__ import annotations

from dataclasses import replace

from faq.model import AskedFact, Outcome, SearchResult
from faq.search.context import FUSE_DEPTH, QUESTION_LEMMAS, ConversationContext
from faq.search.coverage import asked_facts
from faq.search.index import SearchIndex
from faq.text.analyzer import shared_analyzer


def lacked_by_the_entry(text: str, context: ConversationContext) -> tuple[AskedFact, ...]:
    """The kinds of fact ``text`` asks (a time, a date) that the entry last answered does not carry."""
    if not context.faq_id:
        return ()
    facts, analyzer = asked_facts(), shared_analyzer()
    return facts.uncovered(
        facts.asked_in(analyzer.analyze(text)), facts.carried_by(analyzer.analyze(context.answer))
    )


def carried_by_the_entry(text: str, context: ConversationContext) -> bool:
    """Whether ``text`` asks a kind of fact (a time, an amount) and the entry last answered carries every
    one asked: 「何時まで？」 after the 問い合わせ entry whose line is open 平日8時30分～17時15分."""
    asked = asked_facts().asked_in(shared_analyzer().analyze(text))
    return bool(context.faq_id and asked) and not lacked_by_the_entry(text, context)


def asks_only_of_the_entry(text: str, context: ConversationContext) -> bool:
    """Whether ``text`` says nothing but a question word, its counter and words the entry last answered
    speaks of (「何時まで？」, 「上限はいくら？」 after an entry stating its 上限): no side of another topic
    (「申請はいつまで」 after an entry that says nothing of a 申請)."""
    facts, words = asked_facts(), shared_analyzer().analyze(text).words
    asking = QUESTION_LEMMAS | facts.question_words.keys() | facts.counters.keys()
    spoken = f"{context.question}{context.answer}"
    return bool(words) and all(word in asking or word in spoken for word in words)


def from_the_entry(result: SearchResult, faq_id: str) -> SearchResult:
    """``result`` answered by the entry ``faq_id`` — the one last given, which carries what is asked —
    put first, when the subject's search ranks it within :data:`FUSE_DEPTH` and answers no other entry
    with confidence (「いつから？」 after the ふるさと住民登録 overview: its 開始時期 entry answers, not a
    date of the overview). Otherwise ``result`` unchanged."""
    found = next((hit for hit in result.hits[:FUSE_DEPTH] if hit.entry.id == faq_id), None)
    if found is None or (result.outcome is Outcome.ANSWER and result.hits[0] is not found):
        return result
    rest = tuple(hit for hit in result.hits if hit is not found)
    return replace(result, hits=(found, *rest), outcome=Outcome.ANSWER, uncovered=(), unmatched=())


def from_a_sibling(result: SearchResult, index: SearchIndex) -> SearchResult:
    """A follow-up asking a fact its entry lacks, answered by a sibling entry that has it.

    「そこって何時まで？」 after the 輪島 相談会's 予約 entry asks a time that entry does not give; the
    overview entry of the same 相談会 does (12:30～15:30). The subject's search ranks both near the top: an
    entry of the top one's category within :data:`FUSE_DEPTH` that carries every fact asked answers, put
    first (what an entry carries is read by ``index``, the one that searched). Without such a sibling the
    result stays as it was (「書かれていません」 with the entry)."""
    if not result.uncovered or not result.hits:
        return result
    top = result.hits[0].entry
    for hit in result.hits[1:FUSE_DEPTH]:
        if hit.entry.category == top.category and not index.uncovered(result.uncovered, hit.entry):
            rest = tuple(h for h in result.hits if h.entry.id != hit.entry.id)
            return replace(result, hits=(hit, *rest), outcome=Outcome.ANSWER, uncovered=(), unmatched=())
    return result
