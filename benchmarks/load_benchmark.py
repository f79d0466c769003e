#!/usr/bin/env python
"""A disaster-day surge against a running server: many residents in concurrent multi-turn conversations.

Each simulated resident runs scripted conversations (free questions, the three flows with their buttons,
a question in the middle of a flow) over the REST channel, pausing 2-5 s between turns like a person
typing. The run reports turns/s, p50/p95/p99 latency per kind of turn, errors, and the server's CPU and
memory every few seconds. `--search-only` sends the same load to /api/faq/search instead: the FAQ path
alone, as the baseline of the same run. Bounded: loopback only, at most 500 residents and 15 minutes.

    make run &                                   # or: python -m bot.web --workers 2
    .venv/bin/python benchmarks/load_benchmark.py --residents 100 --duration 300
    .venv/bin/python benchmarks/load_benchmark.py --residents 16 --think 0 0 --duration 60   # saturation
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from turn_benchmark import CONVERSATIONS  # noqa: E402 - the same scripts as the one-user benchmark

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
MAX_RESIDENTS = 500
MAX_SECONDS = 900
SEARCH_QUERIES = [q for _, script in CONVERSATIONS for q in script if not q.startswith("/")]


@dataclass
class Turn:
    kind: str
    started: float
    ms: float
    ok: bool
    error: str = ""


@dataclass
class Sample:
    at: float
    cpu_percent: float
    rss_mb: float
    processes: int


@dataclass
class Run:
    turns: list[Turn] = field(default_factory=list)
    samples: list[Sample] = field(default_factory=list)


def server_processes(port: int) -> list[psutil.Process]:
    """The server listening on ``port``: its top `bot.web` process and every worker under it."""
    for conn in psutil.net_connections(kind="tcp"):
        if conn.laddr and conn.laddr.port == port and conn.status == psutil.CONN_LISTEN and conn.pid:
            top = psutil.Process(conn.pid)
            while top.parent() is not None and "bot.web" in " ".join(top.parent().cmdline()):
                top = top.parent()
            return [top, *top.children(recursive=True)]
    return []


async def sample_server(port: int, run: Run, stop: asyncio.Event, every: float) -> None:
    processes = server_processes(port)
    for p in processes:
        p.cpu_percent(None)  # prime the counters
    while not stop.is_set():
        try:
            await asyncio.wait_for(stop.wait(), every)
        except asyncio.TimeoutError:
            pass
        alive = [p for p in processes if p.is_running()]
        try:
            cpu = sum(p.cpu_percent(None) for p in alive)
            rss = sum(p.memory_info().rss for p in alive) / 2**20
        except psutil.Error:
            continue
        run.samples.append(Sample(time.monotonic(), cpu, rss, len(alive)))


async def resident(
    client: httpx.AsyncClient,
    base: str,
    run: Run,
    deadline: float,
    think: tuple[float, float],
    search_only: bool,
    rng: random.Random,
    conversations: list[tuple[str, list[str]]] = CONVERSATIONS,
) -> None:
    await asyncio.sleep(rng.uniform(0, think[1] or 0.5))  # residents do not all arrive in the same second
    while time.monotonic() < deadline:
        kind, script = rng.choice(conversations)
        sender = "load-" + uuid.uuid4().hex[:12]
        for message in script:
            if time.monotonic() >= deadline:
                return
            started = time.monotonic()
            turn_kind = "faq search" if search_only else kind
            try:
                if search_only:
                    if message.startswith("/"):
                        continue
                    response = await client.get(
                        base + "/api/faq/search?" + urllib.parse.urlencode({"q": message})
                    )
                    ok = response.status_code == 200 and "results" in response.json()
                else:
                    response = await client.post(
                        base + "/webhooks/rest/webhook", json={"sender": sender, "message": message}
                    )
                    body = response.json() if response.status_code == 200 else None
                    ok = bool(body) and any((m.get("text") or "").strip() for m in body)
                error = (
                    "" if ok else f"HTTP {response.status_code}" if response.status_code != 200 else "silent"
                )
            except httpx.HTTPError as exc:
                ok, error = False, type(exc).__name__
            run.turns.append(Turn(turn_kind, started, (time.monotonic() - started) * 1000, ok, error))
            await asyncio.sleep(rng.uniform(*think))


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def report(run: Run, args: argparse.Namespace, began: float, ended: float) -> dict:
    seconds = ended - began
    kinds = sorted({t.kind for t in run.turns})
    rows = []
    for kind in [*kinds, "all turns"]:
        turns = [t for t in run.turns if kind == "all turns" or t.kind == kind]
        ms = [t.ms for t in turns if t.ok]
        rows.append(
            {
                "kind": kind,
                "turns": len(turns),
                "errors": sum(not t.ok for t in turns),
                "p50": round(percentile(ms, 50), 1),
                "p95": round(percentile(ms, 95), 1),
                "p99": round(percentile(ms, 99), 1),
            }
        )
    # Memory: the mean of the last fifth of the run against the second fifth (after warm-up).
    rss = [s.rss_mb for s in run.samples]
    fifth = max(1, len(rss) // 5)
    early = statistics.mean(rss[fifth : 2 * fifth]) if len(rss) >= 5 else float("nan")
    late = statistics.mean(rss[-fifth:]) if rss else float("nan")
    errors: dict[str, int] = {}
    for t in run.turns:
        if not t.ok:
            errors[t.error] = errors.get(t.error, 0) + 1
    return {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "base": args.base,
        "mode": "search only" if args.search_only else "chat",
        "residents": args.residents,
        "think_s": list(args.think),
        "duration_s": round(seconds, 1),
        "turns_per_s": round(len(run.turns) / seconds, 2) if seconds else 0.0,
        "rows": rows,
        "errors": errors,
        "cpu_percent": {
            "mean": round(statistics.mean([s.cpu_percent for s in run.samples]), 1) if run.samples else None,
            "max": round(max([s.cpu_percent for s in run.samples]), 1) if run.samples else None,
        },
        "rss_mb": {
            "start": round(rss[0], 1) if rss else None,
            "second_fifth_mean": round(early, 1),
            "last_fifth_mean": round(late, 1),
            "max": round(max(rss), 1) if rss else None,
        },
        "server_processes": run.samples[-1].processes if run.samples else 0,
        "timeline": [
            {"t": round(s.at - began, 1), "cpu": round(s.cpu_percent, 1), "rss_mb": round(s.rss_mb, 1)}
            for s in run.samples
        ],
    }


def markdown(result: dict) -> str:
    lines = [
        f"Load benchmark — {result['date']} — {result['mode']}, {result['residents']} residents, think "
        f"{result['think_s'][0]}–{result['think_s'][1]} s, {result['duration_s']} s, {result['base']} "
        f"({result['server_processes']} server process(es))",
        "",
        "| turns | n | errors | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|---|",
    ]
    for r in result["rows"]:
        lines.append(f"| {r['kind']} | {r['turns']} | {r['errors']} | {r['p50']} | {r['p95']} | {r['p99']} |")
    cpu, rss = result["cpu_percent"], result["rss_mb"]
    lines += [
        "",
        f"Throughput {result['turns_per_s']} turns/s. Server CPU mean {cpu['mean']} % (max {cpu['max']} %, "
        f"100 % = one core). RSS {rss['start']} MB at start, {rss['second_fifth_mean']} MB in the second "
        f"fifth, {rss['last_fifth_mean']} MB in the last fifth (max {rss['max']} MB). Errors: "
        f"{result['errors'] or 'none'}.",
    ]
    return "\n".join(lines)


async def main_async(args: argparse.Namespace) -> dict:
    port = urllib.parse.urlsplit(args.base).port or 80
    run = Run()
    stop = asyncio.Event()
    limits = httpx.Limits(max_connections=args.residents, max_keepalive_connections=args.residents)
    async with httpx.AsyncClient(timeout=args.timeout, limits=limits) as client:
        health = await client.get(args.base + "/healthz")
        if health.status_code != 200:
            raise SystemExit(f"server not healthy at {args.base}: {health.status_code}")
        sampler = asyncio.create_task(sample_server(port, run, stop, args.sample_every))
        began = time.monotonic()
        deadline = began + args.duration
        rng = random.Random(args.seed)
        await asyncio.gather(
            *(
                resident(
                    client,
                    args.base,
                    run,
                    deadline,
                    tuple(args.think),
                    args.search_only,
                    random.Random(rng.random()),
                )
                for _ in range(args.residents)
            )
        )
        ended = time.monotonic()
        stop.set()
        await sampler
    return report(run, args, began, ended)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--residents", type=int, default=100)
    parser.add_argument("--duration", type=float, default=300, help="seconds")
    parser.add_argument("--think", type=float, nargs=2, default=(2.0, 5.0), metavar=("MIN", "MAX"))
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--sample-every", type=float, default=5)
    parser.add_argument("--search-only", action="store_true", help="the FAQ search API instead of chat")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the full result (with the timeline) here")
    args = parser.parse_args(argv)
    host = urllib.parse.urlsplit(args.base).hostname
    if host not in LOOPBACK:
        parser.error(f"loopback only: {host} is not {sorted(LOOPBACK)}")
    if not 1 <= args.residents <= MAX_RESIDENTS:
        parser.error(f"--residents must be 1..{MAX_RESIDENTS}")
    if not 1 <= args.duration <= MAX_SECONDS:
        parser.error(f"--duration must be 1..{MAX_SECONDS} seconds")
    if args.think[0] < 0 or args.think[1] < args.think[0]:
        parser.error("--think MIN MAX with 0 <= MIN <= MAX")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    result = asyncio.run(main_async(args))
    print(markdown(result))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if not result["errors"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
