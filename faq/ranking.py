"""Turning per-field BM25 and dense similarities into one ranking."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from faq.lexical import DEFAULT_WEIGHTS, LexicalIndex

MODES = ("lexical", "dense", "hybrid")


@dataclass
class Fusion:
    """Weights of the ranking; chosen on labelled queries by :func:`faq.tuning.tune`."""

    field_weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    dense_weight: float = 0.3  # share of the dense cosine in the fused score (0 = lexical only)
    dense_answer_weight: float = 0.8  # an answer vector counts this much against a phrasing vector


@dataclass
class Signals:
    """Everything measured for one query before fusion."""

    field_scores: dict[str, np.ndarray]
    dense: np.ndarray | None  # cosine per entry, or None without an encoder
    coverage: float  # share of the query's words the index knows


def fuse(signals: Signals, fusion: Fusion, mode: str = "hybrid") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(fused, lexical, dense) score arrays over all entries."""
    lexical = LexicalIndex.combine(signals.field_scores, fusion.field_weights)
    dense = signals.dense if signals.dense is not None else np.zeros_like(lexical)
    if mode == "lexical" or signals.dense is None:
        top = float(lexical.max()) if lexical.size else 0.0
        return (lexical / top if top > 0 else lexical), lexical, dense
    if mode == "dense":
        return dense, lexical, dense
    top = float(lexical.max()) if lexical.size else 0.0
    normalised = lexical / top if top > 0 else lexical
    w = fusion.dense_weight
    return (1.0 - w) * normalised + w * dense, lexical, dense


def top_positions(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` best scores, best first (ties by position, so results are stable)."""
    k = min(k, scores.size)
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    part = np.argpartition(-scores, k - 1)[:k] if k < scores.size else np.arange(scores.size)
    return part[np.lexsort((part, -scores[part]))]
