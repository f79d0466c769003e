"""Ranking an index's entries for one query, and deciding from the ranking: answer, clarify or no answer.

The calibrator (:mod:`faq.search.confidence`) gives P(top hit answers); the page's town may decide for the
top hit (:class:`faq.search.town.TownPrior`); then coverage (:mod:`faq.search.coverage`: the answer must
carry what is asked) and key terms (:mod:`faq.search.key_terms`) stand before an answer.

>>> search(index, "りさいしょうめいってどこでもらうの", k=3).hits[0].entry.id   # doctest: +SKIP
'disaster-risai-shomeisho'
"""

from __future__ import annotations

import time

from faq.model import AskedFact, Hit, Outcome, SearchResult
from faq.search.confidence import feature_vector
from faq.search.coverage import asked_facts
from faq.search.index import SearchIndex
from faq.search.query_signals import as_searched, query_signals
from faq.search.ranking import Fusion, Signals, fuse, top_positions
from faq.text.normalize import kana_typed_in_katakana

CLARIFY_CHOICES = 3
# An entry scored within this share of the top one that carries what the question asks comes first.
CARRIER_MARGIN = 0.05


def rank(
    index: SearchIndex, signals: Signals, k: int, mode: str = "hybrid", fusion: Fusion | None = None
) -> tuple[list[Hit], list[float]]:
    """Top ``k`` hits and the confidence features of the ranking."""
    fused, lexical, dense = fuse(signals, fusion or index.fusion, mode)
    order = top_positions(fused, max(k, CLARIFY_CHOICES))
    order = order[fused[order] > 0]
    hits = [Hit(index.entries[i], float(fused[i]), float(lexical[i]), float(dense[i])) for i in order]
    top_match = signals.matched_by(index.entry_words(int(order[0]))) if hits else 0.0
    features = feature_vector(
        [h.score for h in hits],
        hits[0].lexical if hits else 0.0,
        hits[0].dense if hits else 0.0,
        signals.coverage,
        top_match,
    )
    return hits[:k], features


def search(
    index: SearchIndex,
    query: str,
    k: int = 5,
    mode: str = "hybrid",
    municipality: str | None = None,
    town: tuple[str, ...] = (),
) -> SearchResult:
    """Rank the entries a conversation in ``municipality`` may see (national ones, plus that
    municipality's own) for ``query`` in one ranking, and decide: answer, clarify or no answer.
    ``town``: the names of the conversation's town (the page's), whose entries come first where
    they fit (:class:`faq.search.town.TownPrior`)."""
    started = time.perf_counter()
    searched = as_searched(index, query)  # once a search: the signals, the town's prior and the key terms
    signals = query_signals(index, query, municipality, searched)
    signals.prior = index.town.weights(town, (query, searched) if town else ())
    hits, features = rank(index, signals, k, mode)
    if not hits:
        return SearchResult(
            query,
            (),
            Outcome.NO_ANSWER,
            0.0,
            index.revision,
            {"total": (time.perf_counter() - started) * 1000},
        )
    probability = index.calibrator.probability(features)
    outcome = index.calibrator.decide(probability)
    led = (
        outcome is not Outcome.ANSWER
        and bool(town)
        and _town_leads(index, signals, mode, town, query, hits[0])
    )
    if led:
        outcome = Outcome.ANSWER  # the page's town says which entry is meant; coverage, key terms follow
    # Question words are grammar: read from the words as typed (only ｶﾀｶﾅ made kana), not read back
    # into the corpus' words, which would turn 「なんかいいこと」 into 何回.
    asked = asked_facts().asked_in(index.analyzer.analyze(kana_typed_in_katakana(query)))
    uncovered = index.uncovered(asked, hits[0].entry)
    if uncovered:
        hits, uncovered = _carrying_first(index, hits, asked, uncovered)
    if uncovered and outcome is Outcome.ANSWER:
        outcome = Outcome.CLARIFY  # near the topic, but what is asked is not in the entry
    unmatched: tuple[str, ...] = ()
    if outcome is Outcome.ANSWER:
        # a term pointed at weighs against the ranking's doubt, which the page's town overruled
        outcome, unmatched = index.entry_terms().decide(searched, hits[0].entry, probability, pointed=not led)
    return SearchResult(
        query,
        tuple(hits),
        outcome,
        probability,
        index.revision,
        {"total": (time.perf_counter() - started) * 1000},
        uncovered,
        unmatched,
    )


def _carrying_first(
    index: SearchIndex, hits: list[Hit], asked: tuple[AskedFact, ...], uncovered: tuple[AskedFact, ...]
) -> tuple[list[Hit], tuple[AskedFact, ...]]:
    """When the top entry lacks what is asked and an entry scored within :data:`CARRIER_MARGIN` of it
    carries it (「ガーデンは東京駅から何分？」: the access entry, a hair below the services one), that
    entry comes first: of two entries about the same thing, the one that says what is asked."""
    floor = hits[0].score * (1.0 - CARRIER_MARGIN)
    for hit in hits[1:CLARIFY_CHOICES]:
        if hit.score >= floor and not index.uncovered(asked, hit.entry):
            return [hit, *(h for h in hits if h is not hit)], ()
    return hits, uncovered


def _town_leads(
    index: SearchIndex, signals: Signals, mode: str, town: tuple[str, ...], query: str, top: Hit
) -> bool:
    """Whether the page's town decides for the top hit (:meth:`faq.search.town.TownPrior.leads`); the
    ranking's scores are fused again (cheap: the fields are combined once) only when it is asked."""
    fused, _, _ = fuse(signals, index.fusion, mode)
    return index.town.leads(fused, town, query, top.entry)
