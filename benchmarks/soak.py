#!/usr/bin/env python
"""`make soak`: the disaster-day targets, checked. Starts the server on a scratch copy of the database,
runs the load benchmark (200 residents for 5 minutes, 2-5 s between turns by default) and fails unless
p95 ≤ 500 ms, no turn failed and memory stayed flat (last fifth within 10 % of the second fifth).

    .venv/bin/python benchmarks/soak.py                      # one process, as `make run`
    eval "$(scripts/services.sh start)"                      # PostgreSQL + Redis for the next line
    .venv/bin/python benchmarks/soak.py --workers 2          # as `make serve-production WORKERS=2` serves
    make soak SOAK_ARGS="--workers 2"                        # the same

With more than one worker the server runs in production mode (`python -m bot.web --production`): the FAQ
store and the conversations on the scripts' PostgreSQL, the locks and the rate limits on their Redis.
The load average is printed before and after: the machine may be shared.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
P95_TARGET_MS = 500.0
MEMORY_GROWTH = 0.10


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(workers: int, folder: Path) -> tuple[subprocess.Popen, str]:
    database = folder / "govbot.db"
    shutil.copy(ROOT / "var" / "govbot.db", database)
    env = {
        **os.environ,
        "GOVBOT_LOG_LEVEL": "WARNING",
        "PYTHONWARNINGS": "ignore",
        # Hundreds of simulated residents from loopback: one address, as no real one is. At 200 residents
        # they send about 3,400 turns a minute, over the chat's per-address limit (3,000) too.
        "GOVBOT_RATE_LIMIT_NEW_CONVERSATIONS_PER_ADDRESS": "1000000/minute",
        "GOVBOT_RATE_LIMIT_CHAT_PER_ADDRESS": "1000000/minute",
        "GOVBOT_OPEN_METRICS": "true",
    }
    if workers > 1:
        for name in ("GOVBOT_TEST_POSTGRES_URL", "GOVBOT_TEST_TRACKER_URL", "GOVBOT_TEST_REDIS_URL"):
            if not os.environ.get(name):
                raise SystemExit(f'--workers needs {name}: eval "$(scripts/services.sh start)" first')
        subprocess.run(
            [sys.executable, "-m", "faq", "load"],
            check=True,
            cwd=ROOT,
            env={**env, "GOVBOT_DATABASE_URL": os.environ["GOVBOT_TEST_POSTGRES_URL"]},
        )
        env.update(
            GOVBOT_DATABASE_URL=os.environ["GOVBOT_TEST_POSTGRES_URL"],
            GOVBOT_TRACKER_STORE_URL=os.environ["GOVBOT_TEST_TRACKER_URL"],
            GOVBOT_LOCK_STORE_URL=os.environ["GOVBOT_TEST_REDIS_URL"],
            GOVBOT_RATE_LIMIT_STORAGE_URL=os.environ["GOVBOT_TEST_REDIS_URL"],
        )
    else:
        env.update(
            GOVBOT_DATABASE_URL=f"sqlite:///{database}", GOVBOT_TRACKER_STORE_URL=f"sqlite:///{folder}/t.db"
        )
    port = free_port()
    log = (folder / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.web", "--port", str(port), "--workers", str(workers)]
        + (["--production"] if workers > 1 else []),
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited; see {folder / 'server.log'}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return process, base
        except OSError:
            time.sleep(1)
    process.kill()
    raise SystemExit("server did not become healthy")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--residents", type=int, default=200)
    parser.add_argument("--duration", type=float, default=300)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="govbot-soak-"))
    process, base = start_server(args.workers, folder)
    print("load average before (1, 5, 15 min): {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()), flush=True)
    result_file = folder / "result.json"
    try:
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "load_benchmark.py"),
                "--base",
                base,
                "--residents",
                str(args.residents),
                "--duration",
                str(args.duration),
                "--json",
                str(result_file),
            ],
            cwd=ROOT,
            check=False,
        )
    finally:
        process.terminate()
        process.wait(timeout=30)
    print("load average after (1, 5, 15 min): {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()), flush=True)
    result = json.loads(result_file.read_text(encoding="utf-8"))
    overall = next(r for r in result["rows"] if r["kind"] == "all turns")
    rss = result["rss_mb"]
    problems = []
    if overall["p95"] > P95_TARGET_MS:
        problems.append(f"p95 {overall['p95']} ms > {P95_TARGET_MS} ms")
    if result["errors"]:
        problems.append(f"errors {result['errors']}")
    if rss["last_fifth_mean"] > (1 + MEMORY_GROWTH) * rss["second_fifth_mean"]:
        problems.append(f"memory grew from {rss['second_fifth_mean']} to {rss['last_fifth_mean']} MB")
    print("soak:", "PASS" if not problems else "FAIL: " + "; ".join(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
