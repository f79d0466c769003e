"""Choose fusion weights and fit the confidence calibration on labelled queries (the dev split)."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Sequence

from faq.search.confidence import Calibrator
from faq.search.decision import rank
from faq.search.evaluation import LabelledQuery, ranking_metrics, usable
from faq.search.query_signals import query_signals
from faq.search.ranking import Fusion

logger = logging.getLogger(__name__)

READING_WEIGHTS = (0.0, 0.15, 0.3, 0.6, 1.0)
CHAR_WEIGHTS = (0.0, 0.15, 0.3, 0.6, 1.0)
ANSWER_WEIGHTS = (0.0, 0.15, 0.3, 0.6)
DENSE_WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


def tune(index, queries: Sequence[LabelledQuery]) -> tuple[Fusion, Calibrator, dict]:
    """Grid-search the weights for Recall@1 + MRR, then calibrate confidence with them.

    Only the dev split calibrates: fitted with the writer sets' tuning rows as well (dialect, kana, town-page
    questions), the six features tell their right first entries from wrong ones too poorly, and the pooled
    precision target then answers fewer questions (README, "The calibrator on the writers' tuning sets").
    """
    queries = usable(queries, {e.id for e in index.entries})
    in_scope = [q for q in queries if q.in_scope]
    if len(in_scope) < 20:
        logger.warning("only %d labelled queries: keeping default weights", len(in_scope))
        return index.fusion, index.calibrator, {"queries": len(in_scope), "tuned": False}
    signals = {q.query: query_signals(index, q.query) for q in queries}
    dense_weights = DENSE_WEIGHTS if index.dense is not None else (0.0,)
    objective, fusion = _best_fusion(index, signals, in_scope, "hybrid", dense_weights)
    fusion.lexical_field_weights = _best_lexical_weights(index, signals, in_scope)
    features, top1, top3 = [], [], []
    for q in queries:
        hits, feats = rank(index, signals[q.query], 3, "hybrid", fusion)
        ids = [h.entry.id for h in hits]
        features.append(feats)
        top1.append(bool(ids) and ids[0] in q.expected)
        top3.append(any(i in q.expected for i in ids[:3]))
    calibrator = Calibrator.fit(features, top1, top3)
    report = {
        "queries": len(queries),
        "in_scope": len(in_scope),
        "tuned": True,
        "objective": round(objective, 4),
    }
    logger.info("tuned fusion %s, calibration %s", fusion, calibrator)
    return fusion, calibrator, report


def _field_weight_grid():
    for reading, char, answer in itertools.product(READING_WEIGHTS, CHAR_WEIGHTS, ANSWER_WEIGHTS):
        yield {
            "phrasing_words": 1.0,
            "phrasing_readings": reading,
            "phrasing_chars": char,
            "answer_words": answer,
        }


def _best_fusion(
    index, signals, in_scope: Sequence[LabelledQuery], mode: str, dense_weights: Sequence[float]
) -> tuple[float, Fusion]:
    """Grid search for Recall@1 + MRR + Recall@3 (もしかして shows three); ties keep the earlier setting."""
    best: tuple[float, Fusion] | None = None
    for weights, dense in itertools.product(list(_field_weight_grid()), dense_weights):
        fusion = Fusion(weights, dense, index.fusion.dense_answer_weight, dict(weights))
        ranked = [[h.entry.id for h in rank(index, signals[q.query], 10, mode, fusion)[0]] for q in in_scope]
        metrics = ranking_metrics(ranked, [q.expected for q in in_scope])
        objective = metrics.recall_at_1 + metrics.mrr + metrics.recall_at_3
        if best is None or objective > best[0] + 1e-9:
            best = (objective, fusion)
    assert best is not None
    return best


def _best_lexical_weights(index, signals, in_scope: Sequence[LabelledQuery]) -> dict[str, float]:
    """The lexical-only baseline gets its own best field weights."""
    return _best_fusion(index, signals, in_scope, "lexical", (0.0,))[1].field_weights
