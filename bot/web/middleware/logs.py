"""Structured logs (one JSON object a line) and an access log without query strings.

Query strings can hold a resident's words (``/api/faq/search?q=…``), so the access log records the path
only; uvicorn's own access log, which prints them, is switched off.
"""

from __future__ import annotations

import asyncio
import logging
import time

from pythonjsonlogger.json import JsonFormatter
from starlette.requests import ClientDisconnect
from starlette.types import Message, Receive, Scope, Send

from bot.web.asgi import HttpMiddleware
from faq.residents.privacy import redact

access_logger = logging.getLogger("govbot.access")


def configure(level: str, fmt: str) -> None:
    """Root logging: ``json`` (the default) or ``text``; uvicorn's loggers propagate to it."""
    handler = logging.StreamHandler()
    if fmt == "json":
        handler.setFormatter(
            JsonFormatter(
                "%(asctime)s %(levelname)s %(name)s %(message)s",
                rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            )
        )
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True


# nginx's name for a request the client abandoned before the answer: not a server error.
CLIENT_CLOSED_REQUEST = 499


class AccessLog(HttpMiddleware):
    """Method, path, status and duration of every request, at INFO; an aborted request as 499."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        status = 500
        responded = False

        async def noting_status(message: Message) -> None:
            nonlocal status, responded
            if message["type"] == "http.response.start":
                status, responded = message["status"], True
            await send(message)

        try:
            await self.app(scope, receive, noting_status)
        except ClientDisconnect:  # the client went away while its body was read: nobody to answer
            if not responded:
                status = CLIENT_CLOSED_REQUEST
        except asyncio.CancelledError:  # the server cancelled the request because its client left
            if not responded:
                status = CLIENT_CLOSED_REQUEST
            raise
        finally:
            access_logger.info(
                "%s %s %d",
                scope.get("method"),
                redact(scope.get("path", "")),  # a path can carry what a resident typed
                status,
                extra={"status": status, "ms": round((time.perf_counter() - started) * 1000, 1)},
            )
