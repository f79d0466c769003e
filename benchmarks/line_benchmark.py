#!/usr/bin/env python
"""LINE turns under load: 16 LINE users at once against a real server, over the fake LINE platform.

Starts the fake platform (tests/bot/line/fake_line.py) and `python -m bot.web` configured for it (copies of
the databases in a temporary folder), then lets ``--users`` users each go through a short conversation —
follow, free questions, a flow with its quick reply, a place — one event at a time as a person would (the
next after the answer arrived). A turn's time is from the webhook's POST to the reply reaching the
platform. Reports turns/s, median and p95, and how many events got no answer (must be 0). ``--rest`` runs
the same words over the REST channel in the same run, as the reference.

    .venv/bin/python benchmarks/line_benchmark.py --users 16 --rounds 3 --rest
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from faq.content.messages import message  # noqa: E402
from faq.settings import get_settings  # noqa: E402
from tests.bot.line.fake_line import FakeLine  # noqa: E402
from tests.server import launch, stop  # noqa: E402

SECRET, TOKEN = "bench-secret", "bench-token"
WORDS = [
    "協力隊の任期は何年ですか",
    "それって延長できる？",
    "罹災証明書はどこでもらえますか",
    "被災して困っています",
    "石川県です",
    "輪島市",
]


APOLOGY = message("chat.failed", complaint_line="", web_form="")[:20]  # a turn past its time limit
apologies = {"LINE": 0, "REST": 0}
counting = threading.Lock()


def line_user(fake: FakeLine, webhook: str, rounds: int) -> list[float]:
    user = "U" + uuid.uuid4().hex
    times = []
    events = [fake.event(user, "follow")]
    for _ in range(rounds):
        events += [fake.text(user, w) for w in WORDS]
    for n, event in enumerate(events):
        started = time.perf_counter()
        if fake.deliver(webhook, [event]) != 200:
            raise RuntimeError("webhook refused")
        try:
            delivery = fake.wait_for(user, n + 1, timeout=30)[n]
        except AssertionError:
            continue  # lost: counted by the caller
        times.append((delivery["at"] - started) * 1000)
        with counting:
            apologies["LINE"] += any(m.get("text", "").startswith(APOLOGY) for m in delivery["messages"])
    return times


def rest_user(base: str, rounds: int) -> list[float]:
    sender = "bench-" + uuid.uuid4().hex
    times = []
    for text in ["/greet"] + WORDS * rounds:
        body = json.dumps({"sender": sender, "message": text}).encode()
        request = urllib.request.Request(
            base + "/webhooks/rest/webhook", body, {"Content-Type": "application/json"}
        )
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:
            reply = json.loads(response.read())
        times.append((time.perf_counter() - started) * 1000)
        with counting:
            apologies["REST"] += any((m.get("text") or "").startswith(APOLOGY) for m in reply)
    return times


def run(label: str, users: int, work) -> dict:
    started = time.perf_counter()
    with ThreadPoolExecutor(users) as pool:
        results = list(pool.map(lambda _: work(), range(users)))
    wall = time.perf_counter() - started
    times = sorted(t for r in results for t in r)
    p95 = times[max(0, int(len(times) * 0.95) - 1)] if times else float("nan")
    return {
        "channel": label,
        "turns": len(times),
        "turns_per_s": round(len(times) / wall, 1),
        "median_ms": round(statistics.median(times), 1) if times else None,
        "p95_ms": round(p95, 1),
        "wall_s": round(wall, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3, help="times each user goes through the words")
    parser.add_argument("--rest", action="store_true", help="the same over the REST channel, as reference")
    args = parser.parse_args()
    fake = FakeLine(SECRET, TOKEN)
    fake.start()
    folder = Path(tempfile.mkdtemp(prefix="line-bench-"))
    shutil.copy(get_settings().database_url.removeprefix("sqlite:///"), folder / "govbot.db")
    env = {
        "GOVBOT_DATABASE_URL": f"sqlite:///{folder / 'govbot.db'}",
        "GOVBOT_TRACKER_STORE_URL": f"sqlite:///{folder / 'tracker.db'}",
        "GOVBOT_LINE_CHANNEL_SECRET": SECRET,
        "GOVBOT_LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
        "GOVBOT_LINE_API_BASE": fake.base,
        "GOVBOT_LOG_LEVEL": "WARNING",
        "GOVBOT_RATE_LIMIT_NEW_CONVERSATIONS_PER_ADDRESS": "1000000/minute",
    }
    process, base = launch(env, folder / "server.log")
    try:
        line_user(fake, base + "/webhooks/line/webhook", 1)  # warm up
        apologies["LINE"] = 0
        expected = args.users * (1 + args.rounds * len(WORDS))
        rows = [
            run("LINE", args.users, lambda: line_user(fake, base + "/webhooks/line/webhook", args.rounds))
        ]
        rows[0]["lost"] = expected - rows[0]["turns"]
        if args.rest:
            rows.append(run("REST", args.users, lambda: rest_user(base, args.rounds)))
    finally:
        stop(process)
        fake.stop()
        shutil.rmtree(folder, ignore_errors=True)
    print(
        f"LINE benchmark — {time.strftime('%Y-%m-%d %H:%M')} — {args.users} users at once, "
        f"{args.rounds} rounds"
    )
    print("| channel | turns | turns/s | median ms | p95 ms | lost | apologies (over the time limit) |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['channel']} | {row['turns']} | {row['turns_per_s']} | {row['median_ms']} "
            f"| {row['p95_ms']} | {row.get('lost', '—')} | {apologies[row['channel']]} |"
        )
    return 1 if rows[0]["lost"] else 0


if __name__ == "__main__":
    sys.exit(main())
