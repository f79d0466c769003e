#!/usr/bin/env python
"""Intent classifiers compared on the labelled routing sets: right turns, held-out intents, CPU; one run.

Each model runs in its own process (in-process actions, in-memory tracker, a scratch copy of the FAQ
database) and reports: right turns of tests/data/routing_turns.jsonl, small-talk replies to messages that
ask something, turns sent to Rasa's fallback, right intents on the held-out NLU messages
(tests/nlu/heldout.yml, the final intent after the fallback and the small-talk guard, as `rasa test nlu`
counts it), and the median CPU time of a whole turn, of an NLU parse and of the intent classifier alone
(process CPU time, all threads). Ratios are against the first model of the run.

    .venv/bin/python benchmarks/routing_benchmark.py --model linear=models/govbot.tar.gz --train diet
    .venv/bin/python benchmarks/routing_benchmark.py --model before=OLD.tar.gz --model after=NEW.tar.gz

Variants built by --train from config.yml into var/routing/, the classifier swapped and everything else
(featurizers, fallback, guard) kept: ``diet`` (Rasa's DIETClassifier with the settings config.yml had
before issue 30), ``lr`` (Rasa 3.6's LogisticRegressionClassifier, its defaults) and ``linear``
(nlu.linear_classifier.LinearIntentClassifier, as shipped). DIET trains in minutes; the others in under one.
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
HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"
CLASSIFIERS = {
    "diet": {
        "name": "DIETClassifier",
        "epochs": 40,
        "entity_recognition": False,
        "constrain_similarities": True,
        "random_seed": 13,
    },
    "lr": {"name": "LogisticRegressionClassifier", "random_state": 13},
    "linear": {"name": "nlu.linear_classifier.LinearIntentClassifier"},
}
CLASSIFIER_NAMES = {c["name"].rsplit(".", 1)[-1] for c in CLASSIFIERS.values()}


def variant_config(classifier: str) -> dict:
    """config.yml with its intent classifier replaced by the variant's (the threshold etc. kept)."""
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    config["pipeline"] = [
        CLASSIFIERS[classifier] if c["name"].rsplit(".", 1)[-1] in CLASSIFIER_NAMES else c
        for c in config["pipeline"]
    ]
    return config


def train(name: str) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    config = OUT / f"config-{name}.yml"
    config.write_text(yaml.safe_dump(variant_config(name), allow_unicode=True), encoding="utf-8")
    started = time.perf_counter()
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "rasa"), "train", "--config", str(config), "--domain", "bot/domain"]
        + ["--data", "bot/data", "--out", str(OUT), "--fixed-model-name", name, "--quiet"],
        cwd=ROOT,
        check=True,
    )
    print(f"trained {name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return OUT / f"{name}.tar.gz"


def measure(model: Path) -> dict:
    """Run the routing sets against ``model`` in a fresh process with a scratch FAQ database."""
    from faq.content.backup import copy_sqlite
    from faq.settings import get_settings

    scratch = Path(tempfile.mkdtemp(prefix="routing-"))
    copy_sqlite(Path(get_settings().database_url.removeprefix("sqlite:///")), scratch / "govbot.db")
    env = {**os.environ, "GOVBOT_DATABASE_URL": f"sqlite:///{scratch / 'govbot.db'}", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(model)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    shutil.rmtree(scratch, ignore_errors=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def timed_classifier(agent) -> list[float]:
    """Wrap the loaded intent classifier's node so that each call's process CPU time (ms) is recorded."""
    timings: list[float] = []
    for node in agent.processor.graph_runner._instantiated_nodes.values():
        if type(node._component).__name__ not in CLASSIFIER_NAMES:
            continue
        run = node._fn

        def timed(component, *args, _run=run, **kwargs):
            started = time.process_time()
            try:
                return _run(component, *args, **kwargs)
            finally:
                timings.append((time.process_time() - started) * 1000)

        node._fn = timed
    return timings


def median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2] if values else float("nan")


def child(model: Path) -> None:
    import logging

    logging.disable(logging.WARNING)
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

    from actions.services import ActionServices
    from faq.places.directory import KikumimiDirectory
    from faq.service import FaqService
    from tests.nlu.routing import RoutingRunner, load_conversations

    faq = FaqService()
    faq.warm_up()
    runner = RoutingRunner(model, ActionServices(faq=faq, directory=KikumimiDirectory.default()))
    conversations = load_conversations()
    report = runner.run(conversations)
    agent = runner.assistant.agent
    classifier_ms = timed_classifier(agent)
    nlu_ms = []
    texts = [turn["text"] for conversation in conversations for turn in conversation["turns"]]
    for text in texts:
        started = time.process_time()
        runner.loop.run_until_complete(agent.parse_message(text))
        nlu_ms.append((time.process_time() - started) * 1000)
    heldout = RasaYAMLReader().read(HELDOUT).intent_examples
    heldout_right = 0  # counted only: the held-out set is not for reading failures while tuning
    for example in heldout:
        parsed = runner.loop.run_until_complete(agent.parse_message(example.get("text")))
        heldout_right += parsed["intent"]["name"] == example.get("intent")
    print(
        json.dumps(
            {
                "turns": len(report.turns),
                "right": len(report.turns) - len(report.wrong),
                "small_talk_misroutes": len(report.small_talk_misroutes),
                "nlu_fallbacks": sum(t.intent == "nlu_fallback" for t in report.turns),
                "heldout": len(heldout),
                "heldout_right": heldout_right,
                "turn_cpu_ms": report.median_cpu_ms(),
                "nlu_cpu_ms": median(nlu_ms),
                "classifier_cpu_ms": median(classifier_ms),
                "wrong": [f"{t.text} → {t.got} (want {'|'.join(t.expected)})" for t in report.wrong],
            },
            ensure_ascii=False,
        )
    )
    runner.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--train",
        action="append",
        default=[],
        choices=sorted(CLASSIFIERS),
        help="build this variant from config.yml and measure it (repeatable)",
    )
    parser.add_argument("--model", action="append", default=[], help="NAME=PATH, measured in this order")
    parser.add_argument("--show-wrong", action="store_true", help="list the wrong routing turns")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child))
        return
    models = [tuple(m.split("=", 1)) for m in args.model]
    models += [(name, str(train(name))) for name in args.train]
    if not models:
        parser.error("nothing to measure: --train NAME and/or --model NAME=PATH")
    rows = [(name, measure(Path(path))) for name, path in models]
    base = rows[0][1]
    print(f"Routing benchmark — {time.strftime('%Y-%m-%d %H:%M')} — {base['turns']} turns, vs {rows[0][0]}")
    print(
        "| model | routing turns | small talk to a question | Rasa fallback | held-out intents "
        "| turn CPU ms | vs | NLU CPU ms | vs | classifier CPU ms | vs |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, r in rows:
        print(
            f"| {name} | {r['right']}/{r['turns']} ({r['right'] / r['turns']:.1%}) "
            f"| {r['small_talk_misroutes']} | {r['nlu_fallbacks']} "
            f"| {r['heldout_right']}/{r['heldout']} ({r['heldout_right'] / r['heldout']:.1%}) "
            f"| {r['turn_cpu_ms']:.1f} | {r['turn_cpu_ms'] / base['turn_cpu_ms']:.2f}× "
            f"| {r['nlu_cpu_ms']:.1f} | {r['nlu_cpu_ms'] / base['nlu_cpu_ms']:.2f}× "
            f"| {r['classifier_cpu_ms']:.2f} | {r['classifier_cpu_ms'] / base['classifier_cpu_ms']:.2f}× |"
        )
    if args.show_wrong:
        for name, r in rows:
            print(f"\n{name}:", *r["wrong"], sep="\n  ")


if __name__ == "__main__":
    main()
