"""The servers `benchmarks/turns_vs_stock.py` measures, each started on loopback with scratch databases.

- stock lean Rasa: the `rasa init` starter bot (`benchmarks/stock_bot/`), in-memory tracker, no actions;
- Rasa's floor: the starter bot without a trained classifier (`benchmarks/floor_bot/`);
- the project as `make run` serves it (`python -m bot.web`: actions in process, its SQLite tracker store);
- the project deployed the stock Rasa way: `rasa run` on the project's model, rasa-sdk's action server
  (`rasa run actions --actions bot.action_server`, the project's actions over HTTP) and Rasa's own
  `SQLTrackerStore` on a SQLite file, as `endpoints.yml` says (written here).

Each start returns the process(es) and the base URL; the caller terminates them.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
STOCK_BOT = ROOT / "benchmarks" / "stock_bot"
STOCK_MODELS = ROOT / "var" / "bench" / "stock-bot"
FLOOR_BOT = ROOT / "benchmarks" / "floor_bot"
FLOOR_MODELS = ROOT / "var" / "bench" / "floor-bot"
VENV_BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fingerprint(*folders: Path) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*.yml")):
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _train(name: str, config: Path, domains: list[Path], out: Path, fingerprint: str) -> Path:
    """A Rasa model of the starter bot's data, trained again only when its files changed."""
    model = out / f"{name}-{fingerprint}.tar.gz"
    if model.exists():
        return model
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    domain = out / "domain"  # Rasa merges every file of a domain folder
    domain.mkdir()
    for number, path in enumerate(domains):
        shutil.copy(path, domain / f"{number}-{path.name}")
    print(f"training the {name} Rasa bot (once) …", flush=True)
    subprocess.run(
        [
            str(VENV_BIN / "rasa"),
            "train",
            "--config",
            str(config),
            "--domain",
            str(domain),
            "--data",
            str(STOCK_BOT / "data"),
            "--out",
            str(out),
            "--fixed-model-name",
            model.name.removesuffix(".tar.gz"),
            "--quiet",
        ],
        cwd=out,
        check=True,
        env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
    )
    return model


def stock_model() -> Path:
    """The trained starter bot."""
    return _train(
        "stock", STOCK_BOT / "config.yml", [STOCK_BOT / "domain.yml"], STOCK_MODELS, _fingerprint(STOCK_BOT)
    )


def floor_model() -> Path:
    """The starter bot without a trained classifier (benchmarks/floor_bot/): Rasa's own cost of a turn."""
    return _train(
        "floor",
        FLOOR_BOT / "config.yml",
        [STOCK_BOT / "domain.yml", FLOOR_BOT / "domain.yml"],
        FLOOR_MODELS,
        _fingerprint(STOCK_BOT, FLOOR_BOT),
    )


def _wait_ready(process: subprocess.Popen, url: str, log: Path, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited while starting; its log:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise SystemExit(f"server not ready after {seconds:.0f} s: {url}")


def start_stock(model: Path, workdir: Path, name: str = "stock") -> tuple[subprocess.Popen, str]:
    port = _free_port()
    log = workdir / f"{name}.log"
    process = subprocess.Popen(
        [
            str(VENV_BIN / "rasa"),
            "run",
            "--model",
            str(model),
            "--port",
            str(port),
            "--credentials",
            str(STOCK_BOT / "credentials.yml"),
            "--interface",
            "127.0.0.1",
        ],
        cwd=workdir,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
    )
    base = f"http://127.0.0.1:{port}"
    _wait_ready(process, base + "/", log)
    return process, base


def start_project(workdir: Path, root: Path = ROOT, name: str = "project") -> tuple[subprocess.Popen, str]:
    """The project's server from the source tree ``root`` (this one, or an earlier checkout to compare
    with), on scratch copies of the databases: the benchmark's counts and conversations stay out of var/."""
    port = _free_port()
    log = workdir / f"{name}.log"
    database = workdir / f"{name}.db"
    shutil.copy(ROOT / "var" / "govbot.db", database)
    env = {
        **os.environ,
        "PYTHONPATH": str(root),
        "RASA_TELEMETRY_ENABLED": "false",
        "GOVBOT_DATABASE_URL": f"sqlite:///{database}",
        "GOVBOT_TRACKER_STORE_URL": f"sqlite:///{workdir / (name + '-tracker.db')}",
        "GOVBOT_RATE_LIMIT_CHAT_PER_ADDRESS": "1000000/minute",
        "GOVBOT_RATE_LIMIT_NEW_CONVERSATIONS_PER_ADDRESS": "1000000/minute",
        # benchmarks/turn_growth.py sends a conversation's 40 turns without pauses
        "GOVBOT_RATE_LIMIT_CHAT_PER_CONVERSATION": "1000000/minute",
        "GOVBOT_LOG_LEVEL": "WARNING",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.web", "--port", str(port)],
        cwd=root,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    _wait_ready(process, base + "/healthz", log)
    return process, base


def start_deployment(workdir: Path, name: str = "deployment") -> tuple[list[subprocess.Popen], str]:
    """This assistant deployed the stock Rasa way: rasa-sdk's action server with the project's actions
    (``bot/action_server.py``: the same FAQ service, directory and flows, built at its start), then
    ``rasa run`` on the project's model with an ``endpoints.yml`` naming that server and Rasa's own
    ``SQLTrackerStore`` on a SQLite file — no project code in the Rasa server but the model's components."""
    database = workdir / f"{name}.db"
    shutil.copy(ROOT / "var" / "govbot.db", database)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),  # the model's components (nlu/) and the actions' packages
        "RASA_TELEMETRY_ENABLED": "false",
        "GOVBOT_DATABASE_URL": f"sqlite:///{database}",
        "GOVBOT_LOG_LEVEL": "WARNING",
    }
    actions_port, port = _free_port(), _free_port()
    actions_log = workdir / f"{name}-actions.log"
    actions = subprocess.Popen(
        [
            str(VENV_BIN / "rasa"),
            "run",
            "actions",
            "--actions",
            "bot.action_server",
            "--port",
            str(actions_port),
        ],
        cwd=ROOT,
        stdout=actions_log.open("w"),
        stderr=subprocess.STDOUT,
        env=env,
    )
    processes = [actions]
    try:
        _wait_ready(actions, f"http://127.0.0.1:{actions_port}/health", actions_log)
        endpoints = workdir / f"{name}-endpoints.yml"
        endpoints.write_text(
            f"action_endpoint:\n  url: http://127.0.0.1:{actions_port}/webhook\n"
            f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {workdir / (name + '-tracker.db')}\n"
        )
        log = workdir / f"{name}.log"
        processes.append(
            subprocess.Popen(
                [
                    str(VENV_BIN / "rasa"),
                    "run",
                    "--model",
                    str(ROOT / "models" / "govbot.tar.gz"),
                    "--endpoints",
                    str(endpoints),
                    "--credentials",
                    str(STOCK_BOT / "credentials.yml"),  # the REST channel only, as the stock bot
                    "--port",
                    str(port),
                    "--interface",
                    "127.0.0.1",
                ],
                cwd=workdir,
                stdout=log.open("w"),
                stderr=subprocess.STDOUT,
                env=env,
            )
        )
        base = f"http://127.0.0.1:{port}"
        _wait_ready(processes[-1], base + "/", log)
    except BaseException:
        for process in processes:
            process.terminate()
        raise
    return processes, base


def stop(processes: list[subprocess.Popen], workdir: Path) -> None:
    """Terminate every server started for a run (killed after 20 s) and remove their scratch folder."""
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
    shutil.rmtree(workdir, ignore_errors=True)
