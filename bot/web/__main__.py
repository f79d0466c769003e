"""`python -m bot.web`: serve the web service with uvicorn."""

from __future__ import annotations

import argparse
import logging

import uvicorn

from bot.web.app import create_app
from faq.settings import get_settings


def main() -> None:
    settings = get_settings()
    parser = argparse.ArgumentParser(description="Serve the consultation assistant.")
    parser.add_argument("--host", default=settings.host)
    parser.add_argument("--port", type=int, default=settings.port)
    parser.add_argument(
        "--faq-only", action="store_true", help="Serve the FAQ API without the Rasa assistant."
    )
    args = parser.parse_args()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Rasa pins websockets 10, which the default websocket implementation of uvicorn no longer supports.
    app = create_app(with_assistant=not args.faq_only, port=args.port)
    uvicorn.run(app, host=args.host, port=args.port, log_level=settings.log_level.lower(), ws="wsproto")


if __name__ == "__main__":
    main()
