"""What one query measures against an index, before any ranking: the query as it is searched (kana read
back, dialect endings off), and its :class:`~faq.search.ranking.Signals` — per-field BM25 scores, dense
cosines and the query words' IDF weights — over the entries a conversation may see.

>>> signals = query_signals(index, "協力隊の任期")                  # doctest: +SKIP
>>> signals.coverage                                                # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np

from faq.search.index import SearchIndex
from faq.search.ranking import Signals, top_positions
from faq.text.endings import without_dialect_endings
from faq.text.normalize import kana_typed_in_katakana

# Entries the lexical fields rank this high get their dense cosine computed exactly (the rest: approximate).
EXACT_DENSE_CANDIDATES = 50


def as_searched(index: SearchIndex, query: str) -> str:
    """The query as it is searched: ｶﾀｶﾅ made kana, kana-typed words read back, dialect endings off."""
    query = kana_typed_in_katakana(query)  # ｷｸﾐﾐ ﾉ ﾃﾞﾝﾜ: the particles are particles again
    query = index.readings().restore(query)  # ｷｮｳﾘｮｸﾀｲ → 協力隊: kana-typed words read back first
    return without_dialect_endings(query, index.analyzer)  # あるがや: not 茅


def query_signals(
    index: SearchIndex, query: str, municipality: str | None = None, searched: str | None = None
) -> Signals:
    """Measure ``query`` against every entry the scope lets through (others score 0 before fusion,
    so they neither rank nor scale the visible entries' scores). ``searched``: the query as searched,
    when the caller already has it."""
    query = as_searched(index, query) if searched is None else searched
    analysis = index.analyzer.analyze(query)
    words = index.lexical.word_weights(analysis.words)
    mask = index.visible(municipality)
    scores = index.lexical.field_scores(analysis)
    if mask is not None:
        scores = {name: values * mask for name, values in scores.items()}
    signals = Signals(scores, None, words)
    if index.dense is not None and index.encoder is not None and not analysis.is_empty:
        vector = index.encoder.encode_queries([query])[0]
        dense = index.dense.scores(vector, index.fusion.dense_answer_weight)
        lexical = signals.lexical(index.fusion.field_weights)  # kept: fusion reuses it
        candidates = top_positions(lexical, EXACT_DENSE_CANDIDATES)
        candidates = candidates[lexical[candidates] > 0]
        if candidates.size:
            dense[candidates] = index.dense.exact_scores(vector, candidates, index.fusion.dense_answer_weight)
        signals.dense = dense
    elif index.dense is not None:
        signals.dense = np.zeros(len(index.entries), dtype=np.float32)
    if mask is not None and signals.dense is not None:
        signals.dense = signals.dense * mask
    return signals
