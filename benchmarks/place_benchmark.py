#!/usr/bin/env python
"""Place lookup latency and memory: the resolver vs the text work every message already pays, in one run.

Baselines measured in the same run on the same messages: the project's normaliser (``normalize``) and
its fugashi analyzer (``JapaneseAnalyzer.tokenize``, uncached), which every message goes through anyway.
Memory: what loading the gazetteer and indexing its names adds (tracemalloc peak and RSS growth).
Prints a Markdown table; medians and p95 over the messages of tests/data/place_messages.yml.

    .venv/bin/python benchmarks/place_benchmark.py [--rounds 200]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import psutil
import yaml

from faq.places.directory import PREFECTURE_READINGS
from faq.places.gazetteer import Gazetteer
from faq.places.resolver import PlaceResolver
from faq.text import JapaneseAnalyzer, normalize

MESSAGES = Path(__file__).resolve().parent.parent / "tests" / "data" / "place_messages.yml"


def messages() -> list[str]:
    data = yaml.safe_load(MESSAGES.read_text(encoding="utf-8"))
    return [*data["centre"], *data["ask"], *data["none"]]


def timings(call: Callable[[str], object], texts: list[str], rounds: int) -> list[float]:
    """Seconds per call, one sample per message per round."""
    samples = []
    for _ in range(rounds):
        for text in texts:
            start = time.perf_counter()
            call(text)
            samples.append(time.perf_counter() - start)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    texts = messages()
    analyzer = JapaneseAnalyzer()
    analyzer.tokenize("準備")  # load the dictionary outside the measurement

    gc.collect()
    rss_before = psutil.Process().memory_info().rss
    tracemalloc.start()
    started = time.perf_counter()
    resolver = PlaceResolver(Gazetteer.load(), PREFECTURE_READINGS)
    load_seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    current, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    gc.collect()
    rss_added = psutil.Process().memory_info().rss - rss_before

    rows = [
        ("baseline: normalize", timings(lambda t: normalize(t, variants=False), texts, args.rounds)),
        ("baseline: analyzer.tokenize", timings(analyzer.tokenize, texts, args.rounds)),
        ("place resolver", timings(resolver.resolve, texts, args.rounds)),
    ]
    base = statistics.median(rows[0][1])
    print(f"{len(texts)} messages × {args.rounds} rounds; {len(resolver.gazetteer)} municipalities\n")
    print("| what | median µs | p95 µs | median ratio vs normalize |")
    print("|---|---:|---:|---:|")
    for name, samples in rows:
        median = statistics.median(samples)
        p95 = statistics.quantiles(samples, n=20)[-1]
        print(f"| {name} | {median * 1e6:.1f} | {p95 * 1e6:.1f} | {median / base:.1f}× |")
    print(
        f"\nLoading and indexing the gazetteer: {load_seconds:.2f} s; Python memory held "
        f"{current / 2**20:.1f} MiB (peak {peak / 2**20:.1f} MiB); RSS added {rss_added / 2**20:.1f} MiB."
    )
    resolver_median = statistics.median(rows[2][1])
    if resolver_median >= 1e-3:
        raise SystemExit(f"place lookup median {resolver_median * 1e3:.2f} ms is over the 1 ms budget")


if __name__ == "__main__":
    main()
