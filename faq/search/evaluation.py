"""Labelled resident-style queries and retrieval metrics (Recall@1, Recall@3, MRR)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from faq.model import Outcome
from faq.search.decision import rank, search
from faq.search.query_signals import query_signals
from faq.search.ranking import MODES


@dataclass(frozen=True)
class LabelledQuery:
    """A question as a resident would type it and the entry ids that answer it (none: out of scope)."""

    query: str
    expected: tuple[str, ...]
    split: str = "test"  # "dev" tunes weights and calibration; "test" is only measured
    style: str = ""

    @property
    def in_scope(self) -> bool:
        return bool(self.expected)


def load_labelled(path: Path) -> list[LabelledQuery]:
    """Read ``{"query", "expected": [...], "split", "style"}`` lines."""
    queries = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            queries.append(
                LabelledQuery(
                    row["query"],
                    tuple(row.get("expected") or ()),
                    row.get("split", "test"),
                    row.get("style", ""),
                )
            )
        except (ValueError, KeyError) as exc:
            raise ValueError(f"{path}:{number}: bad labelled query: {exc}") from exc
    return queries


def usable(queries: Iterable[LabelledQuery], known_ids: set[str]) -> list[LabelledQuery]:
    """Queries whose expected entries all exist in the index (staff may have retired some)."""
    return [q for q in queries if all(e in known_ids for e in q.expected)]


@dataclass
class Metrics:
    recall_at_1: float
    recall_at_3: float
    mrr: float
    count: int

    def row(self, name: str) -> str:
        return f"| {name} | {self.recall_at_1:.3f} | {self.recall_at_3:.3f} | {self.mrr:.3f} | {self.count} |"


def ranking_metrics(ranked_ids: Sequence[Sequence[str]], expected: Sequence[Sequence[str]]) -> Metrics:
    """A query counts as found at the rank of its first expected entry."""
    r1 = r3 = rr = 0.0
    for ranked, wanted in zip(ranked_ids, expected, strict=True):
        found_at = next((i + 1 for i, eid in enumerate(ranked) if eid in wanted), None)
        if found_at is not None:
            r1 += found_at == 1
            r3 += found_at <= 3
            rr += 1.0 / found_at
    n = max(len(expected), 1)
    return Metrics(r1 / n, r3 / n, rr / n, len(expected))


@dataclass
class DecisionMetrics:
    """How the three-way decision behaves: is an answer right, is out-of-scope refused."""

    answered: int
    answered_correct: int
    clarified: int
    clarify_contains: int
    refused_in_scope: int
    out_of_scope: int
    out_of_scope_refused: int

    def lines(self) -> list[str]:
        precision = self.answered_correct / self.answered if self.answered else 0.0
        clarify = self.clarify_contains / self.clarified if self.clarified else 0.0
        refusal = self.out_of_scope_refused / self.out_of_scope if self.out_of_scope else 0.0
        return [
            f"answered: {self.answered} (correct {precision:.1%})",
            f"clarified: {self.clarified} (right entry among choices {clarify:.1%})",
            f"in-scope refused: {self.refused_in_scope}",
            f"out-of-scope refused: {self.out_of_scope_refused}/{self.out_of_scope} ({refusal:.1%})",
        ]


def evaluate(
    index, queries: Sequence[LabelledQuery], modes: Sequence[str] = MODES, k: int = 10
) -> tuple[dict[str, Metrics], DecisionMetrics]:
    """Retrieval metrics per mode on the in-scope queries, and decision metrics of hybrid search as
    :func:`faq.search.decision.search` decides (calibration, coverage and key terms before an answer)."""
    known = {e.id for e in index.entries}
    queries = usable(queries, known)
    in_scope = [q for q in queries if q.in_scope]
    available = [m for m in modes if m == "lexical" or index.dense is not None]
    results: dict[str, Metrics] = {}
    signals = {q.query: query_signals(index, q.query) for q in queries}
    for mode in available:
        ranked = [[h.entry.id for h in rank(index, signals[q.query], k, mode)[0]] for q in in_scope]
        results[mode] = ranking_metrics(ranked, [q.expected for q in in_scope])
    decision = DecisionMetrics(0, 0, 0, 0, 0, 0, 0)
    for q in queries:
        # The decision as residents get it: the calibrator, then coverage and key terms before an answer.
        result = search(index, q.query, 3)
        outcome = result.outcome
        ids = [h.entry.id for h in result.hits]
        if not q.in_scope:
            decision.out_of_scope += 1
            decision.out_of_scope_refused += outcome is Outcome.NO_ANSWER
        elif outcome is Outcome.ANSWER:
            decision.answered += 1
            decision.answered_correct += ids[0] in q.expected
        elif outcome is Outcome.CLARIFY:
            decision.clarified += 1
            decision.clarify_contains += any(i in q.expected for i in ids[:3])
        else:
            decision.refused_in_scope += 1
    return results, decision


def answered_by_label(index, path: Path) -> dict[str, tuple[int, int]]:
    """Of a set of ``{"text", "label", "writer"}`` lines (``tests/data/near_miss``): per label and writer,
    (answered from an entry, total) — a near-miss answered from an entry is one the sources do not answer."""
    counts: dict[str, list[int]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        tally = counts.setdefault(f"{row['label']} (writer {row.get('writer', '?')})", [0, 0])
        tally[0] += search(index, row["text"], 3).outcome is Outcome.ANSWER
        tally[1] += 1
    return {key: (answered, total) for key, (answered, total) in sorted(counts.items())}
