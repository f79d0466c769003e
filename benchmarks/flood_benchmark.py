#!/usr/bin/env python
"""The chat's latency idle and under a flood of ふりがな and search requests from one address (issue 23).

The probe: 8 clients from one address sending ふりがな requests (30 texts of 2,100 characters, ~1.1 s of
analysis each) took the chat's median from 0.04 to 4.9 s. This starts the project's server on loopback
(as `make bench-turns` does: scratch databases, the chat's own per-address limits lifted because every
client is 127.0.0.1), measures one resident's chat turns for a while, then again while ``--clients``
clients flood /api/furigana (the most each request may carry, and the probe's request) and
/api/faq/search (unique 1,000-character questions) without pauses from the same address, and prints both
medians and their ratio. ``--unlimited`` also lifts the ふりがな and search limits per address, to see what
the heavy-work threads alone keep.

    .venv/bin/python benchmarks/flood_benchmark.py                       # 30 s idle, 60 s flood, 8 clients
    .venv/bin/python benchmarks/flood_benchmark.py --unlimited --flood 90
    .venv/bin/python benchmarks/flood_benchmark.py --root /tmp/before   # a source tree to compare with
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import multiprocessing
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from servers import start_project  # noqa: E402 - the project's server, as make bench-turns starts it
from turn_benchmark import CONVERSATIONS  # noqa: E402 - the same residents as the other benchmarks

from bot.web.api.furigana import MAX_TEXTS, MAX_TOTAL_CHARS  # noqa: E402


def flood_bodies() -> tuple[list[dict], list[str]]:
    """ふりがな bodies (30 answers up to the bound in all, and the probe's 30 x 2,100 characters) and
    unique 1,000-character questions."""
    from faq.content.corpus import load_corpus
    from faq.settings import get_settings

    answers = [e.answer for e in load_corpus(get_settings().entries_dir) if e.answer]
    text = "".join(answers)
    bodies = []
    for start in range(0, len(answers) - MAX_TEXTS, MAX_TEXTS):
        texts, total = [], 0
        for answer in answers[start : start + MAX_TEXTS]:
            piece = answer[: MAX_TOTAL_CHARS - total]
            texts.append(piece)
            total += len(piece)
        bodies.append({"texts": texts})
    bodies.append({"texts": [("word 123 " * 240)[:2100]] * 30})  # the probe's, under the 64 KB body bound
    questions = [f"{n}番目の質問です。" + text[(n * 997) % (len(text) - 1000) :][:970] for n in range(20_000)]
    return bodies, questions


async def _flooder(
    base: str, seconds: float, bodies: list[dict], questions: list[str], n: int, counts
) -> None:
    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient(timeout=60) as client:
        i = n
        while time.monotonic() < deadline:
            i += 1
            try:
                if i % 2:
                    response = await client.post(base + "/api/furigana", json=bodies[i % len(bodies)])
                    counts[f"furigana {response.status_code}"] += 1
                else:
                    q = questions[i % len(questions)]
                    response = await client.get(base + "/api/faq/search", params={"q": q})
                    counts[f"search {response.status_code}"] += 1
            except httpx.HTTPError as exc:
                counts[type(exc).__name__] += 1


def flood(base: str, seconds: float, clients: int, results) -> None:
    """In its own process: ``clients`` clients without pauses; the status counts go to ``results``."""
    bodies, questions = flood_bodies()
    counts: collections.Counter[str] = collections.Counter()

    async def run() -> None:
        await asyncio.gather(*(_flooder(base, seconds, bodies, questions, n, counts) for n in range(clients)))

    asyncio.run(run())
    results.put(dict(counts))


async def chat_turns(base: str, seconds: float, pause: float) -> list[float]:
    """One resident's turns for ``seconds`` (a new conversation each script): each turn's time in ms."""
    timings: list[float] = []
    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient(timeout=60) as client:
        while time.monotonic() < deadline:
            for _, script in CONVERSATIONS:
                sender = "flood-bench-" + uuid.uuid4().hex[:10]
                for message in script:
                    if time.monotonic() >= deadline:
                        return timings
                    started = time.perf_counter()
                    response = await client.post(
                        base + "/webhooks/rest/webhook", json={"sender": sender, "message": message}
                    )
                    response.raise_for_status()
                    timings.append((time.perf_counter() - started) * 1000)
                    await asyncio.sleep(pause)
    return timings


def _summary(name: str, timings: list[float]) -> str:
    ordered = sorted(timings)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return f"| {name} | {len(timings)} | {statistics.median(timings):.0f} | {p95:.0f} | {max(timings):.0f} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idle", type=float, default=30, help="seconds of chat alone")
    parser.add_argument("--flood", type=float, default=60, help="seconds of chat under the flood")
    parser.add_argument("--clients", type=int, default=8, help="flooding clients (one address)")
    parser.add_argument("--pause", type=float, default=0.2, help="seconds between the resident's turns")
    parser.add_argument("--unlimited", action="store_true", help="lift the ふりがな and search limits too")
    parser.add_argument("--root", type=Path, default=None, help="serve this source tree instead")
    args = parser.parse_args(argv)
    if not (1 <= args.clients <= 64 and 5 <= args.idle <= 600 and 5 <= args.flood <= 600):
        parser.error("--clients 1..64, --idle and --flood 5..600 s")
    if args.unlimited:
        os.environ["GOVBOT_RATE_LIMIT_FURIGANA_PER_ADDRESS"] = "1000000/minute"
        os.environ["GOVBOT_RATE_LIMIT_SEARCH_PER_ADDRESS"] = "1000000/minute"
    workdir = Path(tempfile.mkdtemp(prefix="bench-flood-"))
    process = None
    try:
        process, base = start_project(workdir, args.root.resolve()) if args.root else start_project(workdir)
        asyncio.run(chat_turns(base, 10, args.pause))  # warm-up: models, caches, TF graphs
        httpx.post(base + "/api/furigana", json={"texts": ["罹災証明書"]}, timeout=30)
        idle = asyncio.run(chat_turns(base, args.idle, args.pause))
        results: multiprocessing.Queue = multiprocessing.get_context("spawn").Queue()
        flooder = multiprocessing.get_context("spawn").Process(
            target=flood, args=(base, args.flood + 5, args.clients, results)
        )
        flooder.start()
        time.sleep(5)  # the flood is under way
        flooded = asyncio.run(chat_turns(base, args.flood, args.pause))
        counts = results.get(timeout=args.flood + 120)
        flooder.join(30)
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(20)
            except Exception:
                process.kill()
        shutil.rmtree(workdir, ignore_errors=True)

    ratio = statistics.median(flooded) / statistics.median(idle)
    limits = "ふりがな and search limits lifted" if args.unlimited else "default per-address limits"
    if args.root:
        limits += f", server from {args.root}"
    print()
    print(
        f"Chat under a flood — {time.strftime('%Y-%m-%d %H:%M')} — {os.cpu_count()} cores, one resident "
        f"({args.pause:g} s between turns), {args.clients} flooding clients from the same address, {limits}"
    )
    print()
    print("| chat turns | turns | median ms | p95 ms | max ms |")
    print("|---|---|---|---|---|")
    print(_summary(f"idle ({args.idle:.0f} s)", idle))
    print(_summary(f"under the flood ({args.flood:.0f} s)", flooded))
    print()
    seconds = args.flood + 5
    flood_total = sum(counts.values())
    print(
        f"flood: {flood_total} requests in {seconds:.0f} s ({flood_total / seconds:.0f}/s): "
        + ", ".join(f"{name} x{count}" for name, count in sorted(counts.items()))
    )
    print(f"median under the flood / idle: {ratio:.2f}x (the aim: within 2x)")
    return 0 if ratio <= 2 else 1


if __name__ == "__main__":
    sys.exit(main())
