#!/usr/bin/env python
"""Does a turn cost more as its conversation grows? Turn 1 against turn 40 of one conversation, same run.

Every conversation is the same script: a question at turn 1, then 38 turns of the benchmark's
conversations in a row (free questions, the three flows with their buttons, a question in a flow; each
flow ended), then the same question again at turn 40. One client sends the turns one after another over
HTTP, so each figure is a turn's wall time with nothing else queued; the medians of turn 1 and of turn 40
over all conversations, and their ratio, are printed (issue 30: turn 40 ≤ 1.2× turn 1), with the medians
at every tenth turn to show where it grows. `--before DIR` alternates conversations with the project from
an earlier tree (as in `turns_vs_stock.py`); `--deployment` with this assistant deployed the stock way.

    .venv/bin/python benchmarks/turn_growth.py --conversations 20
    .venv/bin/python benchmarks/turn_growth.py --conversations 20 --before /tmp/main-tree --deployment
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from servers import start_deployment, start_project, stop  # noqa: E402 - the servers, as bench-turns starts them
from turn_benchmark import CONVERSATIONS  # noqa: E402 - the one-user benchmark's scripts

QUESTION = "協力隊の任期って何年？"
_SCRIPTS = dict(CONVERSATIONS)
# 38 turns, each flow taken to its end: the five scripts (20 turns), then five more (18 turns).
FILLER = [
    turn
    for kind in (*_SCRIPTS, "faq", "disaster flow", "gyosei flow", "mid-flow question", "disaster flow")
    for turn in _SCRIPTS[kind]
]
SCRIPT = [QUESTION, *FILLER, QUESTION]
assert len(SCRIPT) == 40, len(SCRIPT)
MARKS = (1, 10, 20, 30, 40)


def conversation(client: httpx.Client, base: str) -> list[float]:
    """Each turn's wall time in ms; an empty reply or an HTTP error stops the run (a silent turn)."""
    sender = "growth-" + uuid.uuid4().hex[:10]
    timings = []
    for message in SCRIPT:
        started = time.perf_counter()
        response = client.post(base + "/webhooks/rest/webhook", json={"sender": sender, "message": message})
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200 or not response.json():
            raise SystemExit(
                f"turn {len(timings)} ({message!r}) got {response.status_code}: {response.text[:200]}"
            )
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--conversations", type=int, default=20, help="measured conversations per server")
    parser.add_argument("--before", type=Path, help="also the project from this source tree, alternated")
    parser.add_argument("--deployment", action="store_true", help="also the stock deployment, alternated")
    args = parser.parse_args(argv)
    if not 1 <= args.conversations <= 200:
        parser.error("--conversations 1..200")

    workdir = Path(tempfile.mkdtemp(prefix="turn-growth-"))
    processes: list[subprocess.Popen] = []
    servers: list[tuple[str, str]] = []
    try:
        process, base = start_project(workdir)
        processes.append(process)
        servers.append(("project", base))
        if args.before:
            process, base = start_project(workdir, args.before.resolve(), "before")
            processes.append(process)
            servers.append(("project before", base))
        if args.deployment:
            started, base = start_deployment(workdir)
            processes.extend(started)
            servers.append(("stock deployment", base))
        results: dict[str, list[list[float]]] = {name: [] for name, _ in servers}
        with httpx.Client(timeout=30) as client:
            for _, base in servers:
                conversation(client, base)  # warm-up, not measured
            for _ in range(args.conversations):
                for name, base in servers:
                    results[name].append(conversation(client, base))
    finally:
        stop(processes, workdir)

    load = os.getloadavg()[0]
    print(
        f"\nTurn growth — {time.strftime('%Y-%m-%d %H:%M')} — {os.cpu_count()} cores, load average "
        f"{load:.1f} at "
        f"the end; {args.conversations} conversations of 40 turns per server, one client, alternated\n"
    )
    print("| server | " + " | ".join(f"turn {m} ms" for m in MARKS) + " | turn 40 / turn 1 |")
    print("|---|" + "---|" * (len(MARKS) + 1))
    for name, runs in results.items():
        medians = [statistics.median(run[m - 1] for run in runs) for m in MARKS]
        cells = " | ".join(f"{m:.1f}" for m in medians)
        print(f"| {name} | {cells} | {medians[-1] / medians[0]:.2f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
