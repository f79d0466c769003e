#!/usr/bin/env python
"""Turns per second of one project process against stock Rasa, side by side in the same run.

Two baselines. Stock lean Rasa is Rasa's own `rasa init` starter bot (`benchmarks/stock_bot/`: its domain
and data, the lean pipeline WhitespaceTokenizer + CountVectorsFeaturizer + DIET, MemoizationPolicy +
RulePolicy, no custom actions, in-memory tracker store). The stock deployment is this same assistant
deployed the way a Rasa developer starts: `rasa run` on the project's model, rasa-sdk's action server with
the project's actions over HTTP and Rasa's `SQLTrackerStore` on SQLite (`benchmarks/servers.py`); it gets
the project's conversations. All servers are started here on loopback, each saturated in turn by the same
number of clients without pauses — stock, project, deployment, stock, project … — so that a busy machine
slows them alike, and the script prints each round, the medians and the ratios.

    make bench-turns                                   # trains the stock bot once, then measures
    .venv/bin/python benchmarks/turns_vs_stock.py --floor   # also Rasa's floor (benchmarks/floor_bot/)
    .venv/bin/python benchmarks/turns_vs_stock.py --residents 16 --duration 30 --rounds 3

The project server runs as `make run` serves it (SQLite tracker store, actions in process) with its own
temporary databases; only the chat rate limit per address is lifted, because every client is 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_benchmark import CONVERSATIONS, Run, resident  # noqa: E402 - the same residents as the surge
from servers import (  # noqa: E402 - the servers measured, started on loopback
    floor_model,
    start_deployment,
    start_project,
    start_stock,
    stock_model,
    stop,
)

FLOOR = "Rasa floor (no trained classifier)"
STOCK = "stock lean Rasa (rasa init bot)"
DEPLOYMENT = "stock deployment (rasa run + action server + SQLTrackerStore)"

# Six-turn conversations with the starter bot along its stories and rules, so every turn has a reply.
STOCK_CONVERSATIONS = [
    ("stock", ["hello", "I am sad", "yes", "are you a bot?", "am I talking to a human?", "bye"]),
    ("stock", ["hi there", "very unhappy", "no", "are you a bot?", "are you a human?", "goodbye"]),
    ("stock", ["good morning", "I am great", "are you a bot?", "bye", "am I talking to a bot?", "see you"]),
]


async def saturate(base: str, conversations: list, residents: int, seconds: float, seed: int) -> Run:
    run = Run()
    limits = httpx.Limits(max_connections=residents, max_keepalive_connections=residents)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        deadline = time.monotonic() + seconds
        rng = random.Random(seed)
        await asyncio.gather(
            *(
                resident(
                    client, base, run, deadline, (0.0, 0.0), False, random.Random(rng.random()), conversations
                )
                for _ in range(residents)
            )
        )
    return run


def rate(run: Run, seconds: float) -> tuple[float, int, float]:
    """Turns per second, failed turns (an HTTP error, or no reply at all) and the median turn in ms."""
    ms = [t.ms for t in run.turns if t.ok]
    return len(run.turns) / seconds, sum(not t.ok for t in run.turns), statistics.median(ms) if ms else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--residents", type=int, default=16, help="clients per server, without pauses")
    parser.add_argument("--duration", type=float, default=30, help="seconds per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per server, alternated")
    parser.add_argument("--warmup", type=float, default=5, help="unmeasured seconds per server first")
    parser.add_argument(
        "--before",
        type=Path,
        help="also measure the project from this source tree (an earlier commit: `git archive COMMIT | tar -x"
        " -C DIR`, with DIR/var and DIR/models linked to this checkout's), alternated with the others: a "
        "before/after in the same run",
    )
    parser.add_argument(
        "--no-deployment",
        action="store_true",
        help="leave out the stock deployment of this assistant (rasa run, action server, SQL store)",
    )
    parser.add_argument(
        "--floor",
        action="store_true",
        help="also measure Rasa's floor: the starter bot with no trained classifier (benchmarks/floor_bot/), "
        "what Rasa's own machinery costs a turn",
    )
    args = parser.parse_args(argv)
    if not 1 <= args.residents <= 200 or not 1 <= args.duration <= 600 or not 1 <= args.rounds <= 10:
        parser.error("--residents 1..200, --duration 1..600, --rounds 1..10")

    model = stock_model()
    floor = floor_model() if args.floor else None
    workdir = Path(tempfile.mkdtemp(prefix="bench-turns-"))
    processes: list[subprocess.Popen] = []
    try:
        stock, stock_base = start_stock(model, workdir)
        processes.append(stock)
        project, project_base = start_project(workdir)
        processes.append(project)
        servers = [
            (STOCK, stock_base, STOCK_CONVERSATIONS),
            ("project", project_base, CONVERSATIONS),
        ]
        if not args.no_deployment:
            deployment, deployment_base = start_deployment(workdir)
            processes.extend(deployment)
            servers.append((DEPLOYMENT, deployment_base, CONVERSATIONS))
        if args.before:
            before, before_base = start_project(workdir, args.before.resolve(), "before")
            processes.append(before)
            servers.append(("project before", before_base, CONVERSATIONS))
        if floor is not None:
            floor_server, floor_base = start_stock(floor, workdir, "floor")
            processes.append(floor_server)
            servers.append((FLOOR, floor_base, STOCK_CONVERSATIONS))
        for _, base, conversations in servers:
            asyncio.run(saturate(base, conversations, args.residents, args.warmup, 0))
        results: dict[str, list[tuple[float, int, float]]] = {name: [] for name, _, _ in servers}
        for round_no in range(args.rounds):
            for name, base, conversations in servers:
                run = asyncio.run(saturate(base, conversations, args.residents, args.duration, round_no + 1))
                results[name].append(rate(run, args.duration))
                per_s, failed, median_ms = results[name][-1]
                print(
                    f"round {round_no + 1}: {name}: {per_s:.1f} turns/s, median {median_ms:.0f} ms, "
                    f"{failed} failed",
                    flush=True,
                )
    finally:
        stop(processes, workdir)

    medians = {name: statistics.median(r[0] for r in rounds) for name, rounds in results.items()}
    stock_rate, project_rate = medians[servers[0][0]], medians[servers[1][0]]
    failed = sum(r[1] for rounds in results.values() for r in rounds)
    print()
    print(
        f"Turns vs stock Rasa — {time.strftime('%Y-%m-%d %H:%M')} — {os.cpu_count()} cores, "
        f"{args.residents} clients per server without pauses, {args.rounds} alternated rounds of "
        f"{args.duration:.0f} s"
    )
    print()
    print("| server | turns/s (median of rounds) | rounds |")
    print("|---|---|---|")
    for name, rounds in results.items():
        print(f"| {name} | {medians[name]:.1f} | {', '.join(f'{r[0]:.1f}' for r in rounds)} |")
    print()
    print(f"ratio project / stock lean Rasa: {project_rate / stock_rate:.2f}× ({failed} failed turns)")
    if not args.no_deployment:
        print(f"ratio project / stock deployment of itself: {project_rate / medians[DEPLOYMENT]:.2f}×")
    if args.before:
        before_rate = medians["project before"]
        print(f"ratio project before / stock: {before_rate / stock_rate:.2f}×")
        print(f"ratio project / project before: {project_rate / before_rate:.2f}×")
    if args.floor:
        print(f"ratio Rasa floor / stock: {medians[FLOOR] / stock_rate:.2f}× (Rasa's own machinery alone)")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
