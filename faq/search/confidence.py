"""Calibrated confidence: P(top hit answers the query) and the three-way decision built on it."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import numpy as np

from faq.model import Outcome

FEATURES = ("fused_top", "fused_margin", "lexical_top", "dense_top", "coverage", "top_match")


def feature_vector(
    fused: list[float], lexical_top: float, dense_top: float, coverage: float, top_match: float
) -> list[float]:
    """Features of one ranked list: how high, how separated, how much of the query the index knows
    (``coverage``) and how much of it the top entry itself contains (``top_match``)."""
    top = fused[0] if fused else 0.0
    second = fused[1] if len(fused) > 1 else 0.0
    return [top, top - second, math.log1p(max(lexical_top, 0.0)), dense_top, coverage, top_match]


@dataclass
class Calibrator:
    """Logistic model over :data:`FEATURES`, fitted on labelled queries; thresholds chosen on the same data.

    ``answer_threshold``: at or above, answer with the top entry. ``clarify_threshold``: at or above (and
    below the answer threshold), offer the top three; below it, say there is no answer.
    """

    coef: list[float] = field(default_factory=lambda: [4.0, 6.0, 0.5, 2.0, 2.0, 3.0])
    intercept: float = -7.0
    answer_threshold: float = 0.6
    clarify_threshold: float = 0.2

    def probability(self, features: list[float]) -> float:
        z = self.intercept + float(np.dot(self.coef, features))
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

    def decide(self, probability: float) -> Outcome:
        if probability >= self.answer_threshold:
            return Outcome.ANSWER
        if probability >= self.clarify_threshold:
            return Outcome.CLARIFY
        return Outcome.NO_ANSWER

    @classmethod
    def fit(
        cls,
        features: list[list[float]],
        top1_correct: list[bool],
        top3_correct: list[bool],
        answer_precision: float = 0.97,
        ood_rejection: float = 0.7,
    ) -> Calibrator:
        """Fit on labelled queries (out-of-scope ones have both labels False).

        Thresholds are chosen on cross-validated probabilities, so they reflect queries the model
        did not see while fitting.
        """
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold, cross_val_predict

        x = np.asarray(features, dtype=np.float64)
        y = np.asarray(top1_correct, dtype=int)
        if min(np.bincount(y, minlength=2)) < 5:
            return cls()
        model = LogisticRegression(C=1.0, max_iter=1000, class_weight="balanced")
        folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
        held_out = cross_val_predict(model, x, y, cv=folds, method="predict_proba")[:, 1]
        model.fit(x, y)
        calibrator = cls(coef=model.coef_[0].tolist(), intercept=float(model.intercept_[0]))
        calibrator.answer_threshold = _lowest_threshold_with_precision(held_out, y, answer_precision)
        calibrator.clarify_threshold = _clarify_threshold(
            held_out, np.asarray(top3_correct), ood_rejection, calibrator.answer_threshold
        )
        return calibrator

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Calibrator:
        return cls(**data)


def _lowest_threshold_with_precision(probs: np.ndarray, correct: np.ndarray, precision: float) -> float:
    """Lowest probability cut whose answered set is still ``precision`` correct."""
    best = 0.95
    for cut in sorted(set(np.round(probs, 3).tolist()), reverse=True):
        answered = probs >= cut
        if answered.sum() >= 5 and correct[answered].mean() >= precision:
            best = float(cut)
    return best


def _clarify_threshold(probs: np.ndarray, top3: np.ndarray, ood_rejection: float, ceiling: float) -> float:
    """Cut below which we admit no answer: rejects most queries whose right entry is not in the top 3."""
    misses = probs[~top3]
    if misses.size == 0:
        return min(0.1, ceiling)
    cut = float(np.quantile(misses, ood_rejection))
    # Never throw away a query whose answer is ranked in the top 3 more often than one time in twenty.
    hits = np.sort(probs[top3])
    if hits.size:
        cut = min(cut, float(hits[int(0.05 * (hits.size - 1))]))
    return min(cut, ceiling)
