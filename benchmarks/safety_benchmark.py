#!/usr/bin/env python
"""The safety check's cost per message: the patterns alone (the check before issue 25) against the patterns
with the learned model (today's check), in one run, alternated, over the held-out messages and the
labelled FAQ questions. Prints medians, p95 and the ratio.

    .venv/bin/python benchmarks/safety_benchmark.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from datetime import datetime, timezone
from pathlib import Path

from faq.safety import SafetyCheck

ROOT = Path(__file__).resolve().parents[1]


def messages() -> list[str]:
    held_out = (ROOT / "tests/data/safety_heldout.jsonl").open(encoding="utf-8")
    questions = (ROOT / "tests/data/faq_queries.jsonl").open(encoding="utf-8")
    return [json.loads(line)["text"] for line in held_out] + [json.loads(line)["query"] for line in questions]


def timed(fn, texts: list[str]) -> list[float]:
    out = []
    for text in texts:
        started = time.perf_counter()
        fn(text)
        out.append((time.perf_counter() - started) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    check = SafetyCheck()
    texts = messages()
    check.classify(texts[0])  # load the analyzer and the model outside the measurement
    runs: dict[str, list[float]] = {"patterns (before)": [], "patterns + model (now)": []}
    for _ in range(args.rounds):  # alternated, so both see the same machine
        runs["patterns (before)"] += timed(check.pattern_verdict, texts)
        runs["patterns + model (now)"] += timed(check.classify, texts)
    base = statistics.median(runs["patterns (before)"])
    print(f"safety check, {len(texts)} messages x {args.rounds} rounds, "
          f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.processor() or platform.machine()}")
    print("| check | median ms | p95 ms | vs before |")
    print("|---|---|---|---|")
    for name, values in runs.items():
        p95 = statistics.quantiles(values, n=20)[18]
        median = statistics.median(values)
        print(f"| {name} | {median:.3f} | {p95:.3f} | {median / base:.2f}x |")


if __name__ == "__main__":
    main()
