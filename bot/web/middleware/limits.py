"""Abuse limits: request sizes, and rates per client (the `limits` library; Redis-shared across workers).

Residents in a shelter often share one address, so chat is limited per conversation first and per
address only at a level no shared Wi-Fi reaches; sign-in is limited per address (with the per-source
sign-in delays of faq.staff behind it); console pages per address. The CPU-heavy public routes (search,
ふりがな) also run on a few threads of their own (:class:`HeavyWork`), so that however many arrive, the
chat's event loop keeps its share of the interpreter; the console's charts (about a second of matplotlib a
view, 2.6 s for 90 days) on another such thread, so that staff cannot slow residents' searches either.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.web.asgi import HttpMiddleware
from bot.web.settings import get_settings
from faq.metrics import RATE_LIMITED

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Bodies larger than this are refused with 413 before they are read; imports get their own bound.
MAX_BODY_BYTES = 64 * 1024
MAX_IMPORT_BYTES = 5 * 1024 * 1024 + 64 * 1024
IMPORT_PATHS = ("/console/transfer/import", "/api/staff/entries/import")


@dataclass(frozen=True)
class Limit:
    name: str
    item: RateLimitItem


class RateLimits:
    """Named limits over one storage (memory:// for one process, redis://… for several workers)."""

    def __init__(self, storage_url: str, rules: dict[str, str]):
        self.storage_url = storage_url
        # The limiter holds its storage by a weak reference only: keep the storage alive here.
        self.storage = storage_from_string(storage_url)
        self.limiter = MovingWindowRateLimiter(self.storage)
        self.rules = {name: Limit(name, parse(rule)) for name, rule in rules.items()}

    def unseen(self, name: str, *keys: str) -> bool:
        """True when ``keys`` have no hit in ``name``'s current window (a conversation new this minute)."""
        limit = self.rules.get(name)
        if limit is None:
            return False
        try:
            return self.limiter.get_window_stats(limit.item, name, *keys)[1] >= limit.item.amount
        except Exception as exc:  # as in allow(): an outage lets the request through
            logger.warning("rate limit storage unavailable (%r); letting the request through", exc)
            return False

    def allow(self, name: str, *keys: str) -> bool:
        """Count one request against ``name`` for ``keys``; False when over the limit."""
        limit = self.rules.get(name)
        if limit is None:
            return True
        try:
            allowed = self.limiter.hit(limit.item, name, *keys)
        except Exception as exc:  # a storage outage must not take the service down with it
            logger.warning("rate limit storage unavailable (%r); letting the request through", exc)
            return True
        if not allowed:
            RATE_LIMITED.labels(limit=name).inc()
        return allowed


def client_address(scope: Scope) -> str:
    client = scope.get("client")
    return client[0] if client else "unknown"


class BodySizeLimit(HttpMiddleware):
    """413 for a body over the bound, whether or not it declares its length; 408 for a client that lets
    more than ``read_timeout`` seconds pass between two pieces of its body (a slow sender ties up a
    connection and a task for as long as it likes otherwise)."""

    def __init__(self, app: ASGIApp, read_timeout: float = 10.0):
        super().__init__(app)
        self.read_timeout = read_timeout

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        bound = MAX_IMPORT_BYTES if scope.get("path", "").startswith(IMPORT_PATHS) else MAX_BODY_BYTES
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > bound:
            await _too_large(send, bound)
            return
        seen = 0
        refused = False
        body_done = False

        async def counted() -> Message:
            nonlocal seen, refused, body_done
            if body_done:  # after the body, receive() waits for a disconnect: no timeout there
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), self.read_timeout)
            except asyncio.TimeoutError:
                refused = True
                raise BodyTooSlow from None
            body_done = message["type"] != "http.request" or not message.get("more_body", False)
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > bound:
                    refused = True
                    raise BodyTooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except BodyTooLarge:
            if refused:
                await _too_large(send, bound)
        except BodyTooSlow:
            if refused:
                logger.warning("request body too slow (over %s s between parts): 408", self.read_timeout)
                await _refuse(send, 408, f"request body not received within {self.read_timeout:g} s")


class BodyTooLarge(Exception):
    pass


class BodyTooSlow(Exception):
    pass


async def _too_large(send: Send, bound: int) -> None:
    await _refuse(send, 413, f"request body over {bound} bytes")


async def _refuse(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


# Path → the per-address limit that guards it (first match wins; methods other than GET/HEAD only for
# sign-in, so reading the form is never limited).
ADDRESS_LIMITS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("/webhooks/rest/webhook", "chat_per_address", ("POST",)),
    ("/api/faq/search", "search_per_address", ("GET",)),
    ("/api/feedback", "feedback_per_address", ("POST",)),
    ("/api/furigana", "furigana_per_address", ("POST",)),
    ("/console/login", "sign_in_per_address", ("POST",)),
    ("/console", "console_per_address", ("GET", "HEAD", "POST")),
    ("/api/staff/", "staff_api_per_address", ("GET", "POST", "PUT")),
)


def rate_limits_from_settings(settings) -> RateLimits:
    names = (
        "chat_per_conversation",
        "chat_per_address",
        "search_per_address",
        "furigana_per_address",
        "feedback_per_address",
        "sign_in_per_address",
        "console_per_address",
        "staff_api_per_address",
        "new_conversations_per_address",
    )
    return RateLimits(
        settings.rate_limit_storage_url, {name: getattr(settings, f"rate_limit_{name}") for name in names}
    )


class AddressRateLimit(HttpMiddleware):
    """429 with Retry-After when one address sends too much to a guarded path."""

    def __init__(self, app: ASGIApp, limits: RateLimits):
        super().__init__(app)
        self.limits = limits

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        path, method = scope.get("path", ""), scope.get("method", "GET")
        for prefix, name, methods in ADDRESS_LIMITS:
            if path.startswith(prefix) and method in methods:
                if not self.limits.allow(name, client_address(scope)):
                    await _too_many(send)
                    return
                break
        await self.app(scope, receive, send)


async def _too_many(send: Send) -> None:
    body = json.dumps({"detail": "too many requests from this address; wait a minute and try again"}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 429,
            "headers": [
                (b"content-type", b"application/json"),
                (b"retry-after", b"60"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class HeavyWork:
    """CPU-heavy work of the public routes on ``threads`` threads of its own, with at most ``queue``
    requests waiting for one (a flood is refused with 503 instead of piling up), each thread busy at most
    ``share`` of the time (after a job of t s of CPU it rests t * (1 - share) / share before the next).

    The routes' default thread pool has 40 threads: 40 analyses at once would each hold the interpreter
    lock in turn with the chat's event loop, which then got a fortieth of it (issue 23: a ふりがな flood
    from 8 clients took the chat's median from 0.04 to 4.9 s). Here, however many arrive and from
    however many addresses, they take at most ``threads * share`` of a core from the chat.
    """

    def __init__(self, threads: int = 1, queue: int = 32, share: float = 0.25, name: str = "heavy-work"):
        self.executor = ThreadPoolExecutor(max(1, threads), thread_name_prefix=name)
        self.bound = max(1, threads) + max(0, queue)
        self.pending = 0  # changed on the event loop only
        self.rest = (1 - share) / share if 0 < share < 1 else 0.0
        self._thread = threading.local()  # when each thread may start its next job

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """``function(*args)`` on one of the threads; 503 with Retry-After when too many are waiting."""
        if self.pending >= self.bound:
            RATE_LIMITED.labels(limit="heavy_work_queue").inc()
            raise HTTPException(
                503,
                "混み合っています。少し待ってからもう一度お試しください。(busy: try again in a few seconds)",
                headers={"Retry-After": "5"},
            )
        self.pending += 1
        try:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self.executor, functools.partial(self._paced, function, *args))
        finally:
            self.pending -= 1

    def _paced(self, function: Callable[..., T], *args: Any) -> T:
        wait = getattr(self._thread, "ready_at", 0.0) - time.monotonic()
        if wait > 0:
            time.sleep(wait)  # the rest the last job earned, unless the thread was idle that long
        started = time.thread_time()
        try:
            return function(*args)
        finally:
            self._thread.ready_at = time.monotonic() + (time.thread_time() - started) * self.rest


def heavy_work(app) -> HeavyWork:
    """The app's one :class:`HeavyWork`, made on first need (on the event loop: no race)."""
    work = getattr(app.state, "heavy_work", None)
    if work is None:
        settings = get_settings()
        work = app.state.heavy_work = HeavyWork(
            settings.heavy_work_threads, settings.heavy_work_queue, settings.heavy_work_share
        )
    return work


# Staff views of the overview that may wait for the chart thread: an office opening it at once fits.
CHART_QUEUE = 8


def chart_work(app) -> HeavyWork:
    """The app's thread for drawing the console's charts: paced like :func:`heavy_work`'s (the same share
    of the time), but apart from it, so that a staff member's 90-day overview never queues before a
    resident's search."""
    work = getattr(app.state, "chart_work", None)
    if work is None:
        settings = get_settings()
        work = app.state.chart_work = HeavyWork(1, CHART_QUEUE, settings.heavy_work_share, name="chart-work")
    return work
