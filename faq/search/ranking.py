"""Turning per-field BM25 and dense similarities into one ranking."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from faq.search.lexical import DEFAULT_WEIGHTS, LexicalIndex

MODES = ("lexical", "dense", "hybrid")


@dataclass
class Fusion:
    """Weights of the ranking; chosen on labelled queries by :func:`faq.search.tuning.tune`."""

    field_weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    dense_weight: float = 0.3  # share of the dense cosine in the fused score (0 = lexical only)
    dense_answer_weight: float = 0.8  # an answer vector counts this much against a phrasing vector
    # Field weights of the lexical-only baseline, tuned on their own so the comparison is fair.
    lexical_field_weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))


@dataclass
class Signals:
    """Everything measured for one query before fusion."""

    field_scores: dict[str, np.ndarray]
    dense: np.ndarray | None  # cosine per entry, or None without an encoder
    word_weights: dict[str, tuple[float, bool]]  # query word -> (IDF weight, known to the index)
    # A prior over entries from the conversation (the page's town): the fused score is multiplied by it.
    prior: np.ndarray | None = None
    _last_combined: tuple[tuple, np.ndarray] | None = field(default=None, repr=False)

    def lexical(self, weights: dict[str, float]) -> np.ndarray:
        """The fields combined with ``weights``; the last combination is kept, so candidate selection
        and fusion with the same weights combine once (tuning, which tries many weights, keeps one)."""
        key = tuple(sorted(weights.items()))
        if self._last_combined is None or self._last_combined[0] != key:
            self._last_combined = (key, LexicalIndex.combine(self.field_scores, weights))
        return self._last_combined[1]

    @property
    def coverage(self) -> float:
        """Share of the query's IDF mass that the index knows at all."""
        total = sum(w for w, _ in self.word_weights.values())
        return sum(w for w, known in self.word_weights.values() if known) / total if total else 0.0

    def matched_by(self, entry_words: set[str]) -> float:
        """Share of the query's IDF mass found among one entry's words."""
        total = sum(w for w, _ in self.word_weights.values())
        return (
            sum(w for word, (w, _) in self.word_weights.items() if word in entry_words) / total
            if total
            else 0.0
        )


def fuse(signals: Signals, fusion: Fusion, mode: str = "hybrid") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(fused, lexical, dense) score arrays over all entries."""
    dense_available = signals.dense is not None
    weights = (
        fusion.lexical_field_weights if mode == "lexical" or not dense_available else fusion.field_weights
    )
    lexical = signals.lexical(weights)
    dense = signals.dense if signals.dense is not None else np.zeros_like(lexical)
    if mode == "lexical" or not dense_available:
        top = float(lexical.max()) if lexical.size else 0.0
        fused = lexical / top if top > 0 else lexical
    elif mode == "dense":
        fused = dense
    else:
        top = float(lexical.max()) if lexical.size else 0.0
        normalised = lexical / top if top > 0 else lexical
        w = fusion.dense_weight
        dtop = float(dense.max()) if dense.size else 0.0
        dn = dense / dtop if dtop > 0 else dense
        fused = (1.0 - w) * normalised + w * dn
    if signals.prior is not None:
        fused = fused * signals.prior
    return fused, lexical, dense


def top_positions(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` best scores, best first (ties by position, so results are stable)."""
    k = min(k, scores.size)
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    part = np.argpartition(-scores, k - 1)[:k] if k < scores.size else np.arange(scores.size)
    return part[np.lexsort((part, -scores[part]))]
