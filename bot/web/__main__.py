"""`python -m bot.web`: serve the web service with uvicorn, in one process or several workers.

With ``--workers N`` every worker loads the FAQ index and the Rasa model and serves the same port; they
share the conversations through Rasa's SQL tracker store (``GOVBOT_TRACKER_STORE_URL``, PostgreSQL) and
take turns per conversation through Rasa's Redis lock store (``GOVBOT_LOCK_STORE_URL``).

``--production`` is the deployment's one command (``make serve-production WORKERS=2``): it refuses to start
unless every store a worker shares is a server — the FAQ store and the conversations on PostgreSQL, the
locks and the rate-limit counters on Redis — so that no worker falls back to a file or its own memory.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tarfile
import tempfile
from pathlib import Path

import uvicorn

from bot.web.middleware.logs import configure as configure_logging
from bot.web.settings import get_settings
from faq.settings import stay_offline


def served_app():
    """The app factory uvicorn calls in each worker (settings come from the environment)."""
    from bot.web.app import create_app

    settings = get_settings()
    configure_logging(settings.log_level, settings.log_format)  # each worker process
    return create_app(with_assistant=os.environ.get("GOVBOT_FAQ_ONLY") != "1")


# What production needs from the environment: the setting, its variable, and the URL schemes it accepts.
PRODUCTION_STORES = (
    ("database_url", "GOVBOT_DATABASE_URL", ("postgresql",), "the FAQ store"),
    ("tracker_store_url", "GOVBOT_TRACKER_STORE_URL", ("postgresql",), "the conversations"),
    ("lock_store_url", "GOVBOT_LOCK_STORE_URL", ("redis", "rediss"), "one turn at a time per conversation"),
    (
        "rate_limit_storage_url",
        "GOVBOT_RATE_LIMIT_STORAGE_URL",
        ("redis", "rediss"),
        "the rate-limit counters",
    ),
)


def production_problem(settings: object) -> str | None:
    """Which shared stores production mode is missing, each with its variable, or None."""
    missing = []
    for field, variable, schemes, purpose in PRODUCTION_STORES:
        url = str(getattr(settings, field) or "")
        scheme = url.split(":", 1)[0].split("+", 1)[0] if "://" in url else ""
        if scheme not in schemes:
            shown = url.split("://", 1)[0] + "://…" if url else "not set"
            missing.append(f"{variable} ({purpose}: {schemes[0]}://…, is {shown})")
    if not missing:
        return None
    return "--production serves several workers on shared stores; set " + "; ".join(missing)


def startup_problem(args: argparse.Namespace) -> str | None:
    """What makes serving impossible, said before anything loads."""
    settings = get_settings()
    if args.production:
        problem = production_problem(settings)
        if problem:
            return problem
    model = None if args.faq_only else rasa_model_problem(Path(settings.rasa_model))
    if model:
        return (
            f"{model}. Train it with `make run` (or `make data`), point "
            "GOVBOT_RASA_MODEL at one, or serve the FAQ API alone with --faq-only."
        )
    if args.workers > 1 and not args.faq_only and not settings.tracker_store_url:
        return (
            "--workers needs a shared tracker store: set GOVBOT_TRACKER_STORE_URL (PostgreSQL), and "
            "GOVBOT_LOCK_STORE_URL (redis://...) so a conversation's turns never run on two workers at once."
        )
    return None


def rasa_model_problem(path: Path) -> str | None:
    """Why ``path`` is no usable Rasa model (missing, empty, unreadable, not a .tar.gz), or None.

    Reads the archive through (about a second): a broken model is refused at once, not after the agent
    has failed to load it and left the chat answering 503 for good.
    """
    if not path.is_file():
        return f"no Rasa model at {path}"
    if path.stat().st_size == 0:
        return f"the Rasa model at {path} is empty (0 bytes)"
    try:
        with tarfile.open(path, "r:gz") as archive:
            if not archive.getmembers():  # reads to the end: a file cut short fails here
                return f"the Rasa model at {path} is an empty archive"
    except (OSError, tarfile.TarError, EOFError) as exc:
        return f"the Rasa model at {path} cannot be read ({type(exc).__name__}: {exc})"
    return None


def main(argv: list[str] | None = None) -> int:
    settings = get_settings()
    parser = argparse.ArgumentParser(description="Serve the consultation assistant.")
    parser.add_argument("--host", default=settings.host)
    parser.add_argument("--port", type=int, default=settings.port)
    parser.add_argument("--workers", type=int, default=1, help="worker processes sharing the port")
    parser.add_argument(
        "--faq-only", action="store_true", help="Serve the FAQ API without the Rasa assistant."
    )
    parser.add_argument(
        "--production",
        action="store_true",
        help="refuse to start unless the FAQ store and conversations are on PostgreSQL and the locks and "
        "rate limits on Redis (GOVBOT_DATABASE_URL, GOVBOT_TRACKER_STORE_URL, GOVBOT_LOCK_STORE_URL, "
        "GOVBOT_RATE_LIMIT_STORAGE_URL)",
    )
    args = parser.parse_args(argv)
    configure_logging(settings.log_level, settings.log_format)
    stay_offline()
    problem = startup_problem(args)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    # Every worker must accept the same token at /actions/webhook (for an external Rasa or `rasa test`).
    os.environ.setdefault("GOVBOT_ACTION_TOKEN", settings.action_token or secrets.token_urlsafe(24))
    if args.faq_only:
        os.environ["GOVBOT_FAQ_ONLY"] = "1"
    get_settings.cache_clear()
    # Rasa pins websockets 10, which the default websocket implementation of uvicorn no longer supports.
    # uvicorn's access log prints query strings (resident text): AccessLog in the app logs paths only.
    options = {
        "host": args.host,
        "port": args.port,
        "log_level": settings.log_level.lower(),
        "ws": "wsproto",
        "access_log": False,
        # Idle keep-alive connections close after this; a slow request body gets 408 from BodySizeLimit.
        "timeout_keep_alive": settings.keep_alive_seconds,
        "log_config": None,
        **proxy_options(settings.trusted_proxies),
    }
    if args.workers > 1:
        # Each worker writes its metrics here; /metrics (any worker) adds them up.
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="govbot-metrics-")
        uvicorn.run("bot.web.__main__:served_app", factory=True, workers=args.workers, **options)
    else:
        uvicorn.run(served_app(), **options)
    return 0


def proxy_options(trusted_proxies: str) -> dict[str, object]:
    """uvicorn's X-Forwarded-For handling: only from the configured proxies, and off without any.

    uvicorn otherwise believes the header from 127.0.0.1, so behind nothing (or a local tunnel) any client
    could rotate it and escape the per-address limits.
    """
    proxies = trusted_proxies.strip()
    return {"proxy_headers": bool(proxies), "forwarded_allow_ips": proxies or None}


if __name__ == "__main__":
    raise SystemExit(main())
