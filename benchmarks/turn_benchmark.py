#!/usr/bin/env python
"""Turn latency for one warm user over the REST channel, with the FAQ search API as the baseline.

Needs a running server (`make run`). Sends a fixed script of conversations — free questions, the three
flows with button payloads, a question in the middle of a flow — several times, one turn at a time, and
reports median / p95 per kind of turn and against a bare /api/faq/search call in the same run.

    .venv/bin/python benchmarks/turn_benchmark.py --base http://127.0.0.1:8000 --rounds 5
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import urllib.parse
import urllib.request
import uuid

CONVERSATIONS = [
    (
        "faq",
        [
            "協力隊の任期って何年？",
            "りさいしょうめいってどこでもらうの",
            "ふるさと住民登録で返礼品はある？",
            "集落支援員って兼任でも特交でる？",
            "きくみみ大阪の電話番号",
        ],
    ),
    ("disaster flow", ["被災して困っています", "鹿児島県です", '/inform{"need": "お金"}']),
    ("gyosei flow", ["行政相談の窓口を知りたい", "北海道の函館市です", "/deny"]),
    (
        "kyoryokutai flow",
        ["協力隊に応募できるか知りたい", '/inform{"role": "member"}', "/affirm", "/affirm", "農業をしたい"],
    ),
    (
        "mid-flow question",
        ["被災して困っています", "罹災証明書って何？", "熊本県です", '/inform{"need": "住まい"}'],
    ),
]


def post(base: str, sender: str, message: str) -> float:
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(
        base + "/webhooks/rest/webhook", body, {"Content-Type": "application/json"}
    )
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        reply = json.loads(response.read())
    elapsed = (time.perf_counter() - started) * 1000
    if not reply:
        raise RuntimeError(f"silent turn for {message!r}")
    return elapsed


def search(base: str, query: str) -> float:
    url = base + "/api/faq/search?" + urllib.parse.urlencode({"q": query, "k": 5})
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * (len(ordered) - 1) + 0.5))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    base = args.base.rstrip("/")
    for _kind, turns in CONVERSATIONS:  # warm-up: models, caches, TF graphs
        sender = "bench-warm-" + uuid.uuid4().hex[:8]
        for turn in turns:
            post(base, sender, turn)
    timings: dict[str, list[float]] = {kind: [] for kind, _ in CONVERSATIONS}
    baseline: list[float] = []
    for _ in range(args.rounds):
        for kind, turns in CONVERSATIONS:
            sender = "bench-" + uuid.uuid4().hex[:8]
            for turn in turns:
                timings[kind].append(post(base, sender, turn))
                if not turn.startswith("/"):
                    baseline.append(search(base, turn))
    every = [t for values in timings.values() for t in values]
    base_median = statistics.median(baseline)
    print(f"\nTurn benchmark — {time.strftime('%Y-%m-%d')} — one warm user, {args.rounds} rounds, {base}\n")
    print("| turns | n | median ms | p95 ms | median vs FAQ search |")
    print("|---|---|---|---|---|")
    for kind, values in [*timings.items(), ("all turns", every)]:
        print(
            f"| {kind} | {len(values)} | {statistics.median(values):.1f} | {p95(values):.1f} | "
            f"{statistics.median(values) / base_median:.1f}× |"
        )
    row = f"| baseline: GET /api/faq/search | {len(baseline)} | {base_median:.1f} | {p95(baseline):.1f} |"
    print(row + " 1.0× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
