"""A follow-up asking a fact its entry lacks, answered from a sibling entry of its topic (framework-free).

「そこって何時まで？」 after the 輪島 相談会's 予約 entry asks a time; that entry gives none, while the
overview entry of the same 相談会 does (12:30～15:30). Before saying the time is not written, the entries
next to the last one — found with its own question, of its category — are asked whether one carries it.

>>> from_a_sibling(service.search("輪島 相談 予約 何時まで？")).hits[0].entry.id    # doctest: +SKIP
'disaster-wajima-overview'
"""

from __future__ import annotations

from dataclasses import replace

from faq.model import AskedFact, FaqEntry, Outcome, SearchResult
from faq.search.context import FUSE_DEPTH, ConversationContext
from faq.search.coverage import asked_facts
from faq.text.analyzer import shared_analyzer


def carries(entry: FaqEntry, facts: tuple[AskedFact, ...]) -> bool:
    """Whether ``entry``'s answer carries every kind of fact in ``facts`` (a time, a date, an amount)."""
    carried = asked_facts().carried_by(shared_analyzer().analyze(entry.answer))
    return not asked_facts().uncovered(facts, carried)


def lacked_by_the_entry(text: str, context: ConversationContext) -> tuple[AskedFact, ...]:
    """The kinds of fact ``text`` asks (a time, a date) that the entry last answered does not carry."""
    if not context.faq_id:
        return ()
    facts, analyzer = asked_facts(), shared_analyzer()
    return facts.uncovered(
        facts.asked_in(analyzer.analyze(text)), facts.carried_by(analyzer.analyze(context.answer))
    )


def from_a_sibling(result: SearchResult) -> SearchResult:
    """A follow-up asking a fact its entry lacks, answered by a sibling entry that has it.

    「そこって何時まで？」 after the 輪島 相談会's 予約 entry asks a time that entry does not give; the
    overview entry of the same 相談会 does (12:30～15:30). The subject's search ranks both near the top: an
    entry of the top one's category within :data:`FUSE_DEPTH` that carries every fact asked answers, put
    first. Without such a sibling the result stays as it was (「書かれていません」 with the entry)."""
    if not result.uncovered or not result.hits:
        return result
    top = result.hits[0].entry
    for hit in result.hits[1:FUSE_DEPTH]:
        if hit.entry.category == top.category and carries(hit.entry, result.uncovered):
            rest = tuple(h for h in result.hits if h.entry.id != hit.entry.id)
            return replace(result, hits=(hit, *rest), outcome=Outcome.ANSWER, uncovered=(), unmatched=())
    return result
