#!/usr/bin/env python
"""Routing options compared on the labelled conversations: misroutes and CPU per turn, in one run.

Each model runs the whole of tests/data/routing_turns.jsonl in its own process (in-process actions,
in-memory tracker, a scratch copy of the FAQ database) and reports right turns, small-talk replies to
messages that ask something, and the median CPU time of a whole turn and of NLU alone (process CPU time,
all threads). Ratios are against the first model of the run.

    .venv/bin/python benchmarks/routing_benchmark.py --train            # builds the variants first
    .venv/bin/python benchmarks/routing_benchmark.py --model before=var/routing/before.tar.gz --model ...

Variants built by --train from config.yml (into var/routing/): ``lr`` (Rasa 3.6's
LogisticRegressionClassifier instead of DIET, no guard) and ``lr+guard``; ``diet+guard`` is the shipped
models/govbot.tar.gz; --train-diet adds ``diet`` without the guard (DIET trains for many minutes on a busy
2-core machine; the model of the commit before the guard is the same thing, pass it with --model).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "var" / "routing"
GUARD = "nlu.small_talk_guard.SmallTalkGuard"


def variant_config(use_lr: bool, use_guard: bool) -> dict:
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    pipeline = []
    for component in config["pipeline"]:
        if component["name"] == GUARD and not use_guard:
            continue
        if component["name"] == "DIETClassifier" and use_lr:
            component = {"name": "LogisticRegressionClassifier", "random_state": 13}
        pipeline.append(component)
    config["pipeline"] = pipeline
    return config


def train(name: str, use_lr: bool, use_guard: bool) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    config = OUT / f"config-{name.replace('+', '-')}.yml"
    config.write_text(yaml.safe_dump(variant_config(use_lr, use_guard), allow_unicode=True), encoding="utf-8")
    started = time.perf_counter()
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "rasa"), "train", "--config", str(config), "--domain", "bot/domain"]
        + ["--data", "bot/data", "--out", str(OUT), "--fixed-model-name", name.replace("+", "-"), "--quiet"],
        cwd=ROOT,
        check=True,
    )
    print(f"trained {name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return OUT / f"{name.replace('+', '-')}.tar.gz"


def measure(model: Path) -> dict:
    """Run the routing set against ``model`` in a fresh process with a scratch FAQ database."""
    from faq.settings import get_settings

    scratch = Path(tempfile.mkdtemp(prefix="routing-"))
    shutil.copy(get_settings().database_url.removeprefix("sqlite:///"), scratch / "govbot.db")
    env = {**os.environ, "GOVBOT_DATABASE_URL": f"sqlite:///{scratch / 'govbot.db'}", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(model)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    shutil.rmtree(scratch, ignore_errors=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def child(model: Path) -> None:
    import logging

    logging.disable(logging.WARNING)
    from tests.nlu.routing import RoutingRunner, load_conversations

    runner = RoutingRunner(model)
    conversations = load_conversations()
    report = runner.run(conversations)
    agent = runner.assistant.agent
    nlu_ms = []
    for conversation in conversations:
        for turn in conversation["turns"]:
            started = time.process_time()
            runner.loop.run_until_complete(agent.parse_message(turn["text"]))
            nlu_ms.append((time.process_time() - started) * 1000)
    nlu_ms.sort()
    print(
        json.dumps(
            {
                "turns": len(report.turns),
                "right": len(report.turns) - len(report.wrong),
                "small_talk_misroutes": len(report.small_talk_misroutes),
                "turn_cpu_ms": report.median_cpu_ms(),
                "nlu_cpu_ms": nlu_ms[len(nlu_ms) // 2],
                "wrong": [f"{t.text} → {t.got} (want {'|'.join(t.expected)})" for t in report.wrong],
            },
            ensure_ascii=False,
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--train", action="store_true", help="build the lr and lr+guard variants first")
    parser.add_argument("--train-diet", action="store_true", help="build DIET without the guard too (slow)")
    parser.add_argument("--model", action="append", default=[], help="NAME=PATH, measured in this order")
    parser.add_argument("--show-wrong", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child))
        return
    models = [tuple(m.split("=", 1)) for m in args.model]
    if args.train_diet:
        models.append(("diet", str(train("diet", use_lr=False, use_guard=False))))
    if args.train:
        models += [
            ("diet+guard", str(ROOT / "models" / "govbot.tar.gz")),
            ("lr", str(train("lr", use_lr=True, use_guard=False))),
            ("lr+guard", str(train("lr+guard", use_lr=True, use_guard=True))),
        ]
    if not models:
        parser.error("nothing to measure: --train and/or --model NAME=PATH")
    rows = [(name, measure(Path(path))) for name, path in models]
    base = rows[0][1]
    print(f"Routing benchmark — {time.strftime('%Y-%m-%d')} — {base['turns']} turns, vs {rows[0][0]}")
    print("| model | right | accuracy | small talk to a question | turn CPU ms | vs | NLU CPU ms | vs |")
    print("|---|---|---|---|---|---|---|---|")
    for name, r in rows:
        print(
            f"| {name} | {r['right']}/{r['turns']} | {r['right'] / r['turns']:.1%} "
            f"| {r['small_talk_misroutes']} "
            f"| {r['turn_cpu_ms']:.1f} | {r['turn_cpu_ms'] / base['turn_cpu_ms']:.2f}× "
            f"| {r['nlu_cpu_ms']:.1f} | {r['nlu_cpu_ms'] / base['nlu_cpu_ms']:.2f}× |"
        )
    if args.show_wrong:
        for name, r in rows:
            print(f"\n{name}:", *r["wrong"], sep="\n  ")


if __name__ == "__main__":
    main()
