#!/usr/bin/env python
"""Search latency, index build time and memory: lexical-only (baseline) vs hybrid, in one run.

Sizes: the real corpus (also without reading kana-typed words back, to show what that costs), then
synthetic corpora of 10k and 100k entries made by recombining real
sentences (so the vocabulary and text lengths stay Japanese and realistic). Query encoding is inside
the measured time. Prints a Markdown table; medians and p95 over the labelled queries.

    .venv/bin/python benchmarks/search_benchmark.py [--sizes 10000 100000] [--queries 300]
"""

from __future__ import annotations

import argparse
import copy
import platform
import random
import re
import resource
import statistics
import sys
import time
from dataclasses import replace
from datetime import date

import psutil

from faq.model import FaqEntry
from faq.search.decision import rank
from faq.search.evaluation import load_labelled
from faq.search.index import SearchIndex
from faq.search.query_signals import query_signals
from faq.service import LABELLED_QUERIES, FaqService
from faq.text.readings import ReadingLexicon


def synthetic_corpus(real: list[FaqEntry], size: int, seed: int = 7) -> list[FaqEntry]:
    """``size`` entries: the real ones plus recombinations of their sentences and phrasings."""
    rng = random.Random(seed)
    sentences = [s for e in real for s in re.split(r"(?<=[。、])", e.answer) if len(s) > 4]
    phrasings = [p for e in real for p in e.phrasings]
    entries = list(real)
    while len(entries) < size:
        base = rng.choice(real)
        n = len(entries)
        question = rng.choice(phrasings) + rng.choice(phrasings)[:12]
        alternates = tuple(rng.choice(phrasings) for _ in range(3))
        answer = "".join(rng.choice(sentences) for _ in range(rng.randint(2, 5)))
        entries.append(
            replace(
                base,
                id=f"synthetic-{n}",
                question=question,
                alternates=alternates,
                answer=answer,
                last_checked=date(2026, 11, 22),
            )
        )
    return entries[:size]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * (len(ordered) - 1) + 0.5))]


def measure(index: SearchIndex, queries: list[str], mode: str, repeats: int) -> list[float]:
    timings = []
    for _ in range(repeats):
        for query in queries:
            started = time.perf_counter()
            signals = query_signals(index, query)
            rank(index, signals, 5, mode)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()

    service = FaqService()
    service.warm_up()
    base = service.index
    queries = [q.query for q in load_labelled(LABELLED_QUERIES)][: args.queries]
    # The analyzer caches analyses; clear per run so every query is analysed fresh each time.
    from faq.text.analyzer import _analyze_cached

    rows = []
    corpora = [("real", base.entries)] + [
        (f"{n // 1000}k", synthetic_corpus(base.entries, n)) for n in args.sizes
    ]
    for name, entries in corpora:
        _analyze_cached.cache_clear()
        before = rss_mb()
        started = time.perf_counter()
        if name == "real":
            hybrid, build_s = base, float("nan")
        else:
            hybrid = SearchIndex(entries, service.analyzer, base.encoder)
            hybrid.build()
            hybrid.fusion = replace(base.fusion)
            build_s = time.perf_counter() - started
        grown = rss_mb() - before
        # The lexical baseline is the same index with the dense part switched off.
        lexical = copy.copy(hybrid)
        lexical.dense, lexical.encoder = None, None
        runs = [("lexical", lexical), ("hybrid", hybrid)]
        if name == "real":  # what reading kana-typed words back costs: the same index without it
            plain = copy.copy(hybrid)
            plain._readings = ReadingLexicon({}, service.analyzer)
            runs.insert(1, ("hybrid, no read-back", plain))
        for label, index in runs:
            mode = label.split(",")[0]
            measure(index, queries[:20], mode, 1)  # warm caches and BLAS threads
            timings = []
            for _ in range(args.repeats):
                _analyze_cached.cache_clear()
                timings += measure(index, queries, mode, 1)
            rows.append(
                (
                    name,
                    len(entries),
                    label,
                    statistics.median(timings),
                    percentile(timings, 0.95),
                    build_s if label == "hybrid" else float("nan"),
                    grown if label == "hybrid" else 0.0,
                )
            )
            print(f"{name} {label}: median {rows[-1][3]:.2f} ms, p95 {rows[-1][4]:.2f} ms", file=sys.stderr)
        del hybrid, lexical

    print(
        f"\nSearch benchmark — {date.today()} — {platform.processor() or platform.machine()}, "
        f"{psutil.cpu_count()} cores, Python {platform.python_version()}, encoder "
        f"{base.encoder.name if base.encoder else 'none'}\n"
    )
    print("| corpus | entries | mode | median ms | p95 ms | p95 vs lexical | build s (both) | index RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    lexical_p95 = {(r[0]): r[4] for r in rows if r[2] == "lexical"}
    for name, count, mode, median, p95, build_s, grown in rows:
        build = "—" if build_s != build_s else f"{build_s:.1f}"
        memory = f"{grown:.0f}" if mode == "hybrid" else "—"
        print(
            f"| {name} | {count:,} | {mode} | {median:.2f} | {p95:.2f} | {p95 / lexical_p95[name]:.2f}× | "
            f"{build} | {memory} |"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nPeak RSS of the whole run: {peak:.0f} MB. Query encoding is included in hybrid timings.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
