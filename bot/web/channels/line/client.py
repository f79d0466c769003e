"""A small client of LINE's Messaging API on aiohttp (Rasa's pin): reply, push, the loading animation and
the rich menu calls. No SDK.

- **reply** uses the event's reply token once; a token LINE refuses (expired, or used) raises
  :class:`ReplyTokenRefused` and the caller pushes instead.
- **push** always carries ``X-Line-Retry-Key``: retried after a 5xx, a timeout or a 429 with the same
  key, LINE executes it once; a 409 says an earlier try was accepted, which is success.
- 429 and 5xx are retried with exponential back-off (``Retry-After`` when LINE sends one).
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp

logger = logging.getLogger(__name__)

DEFAULT_API_BASE = "https://api.line.me"
DEFAULT_DATA_API_BASE = "https://api-data.line.me"  # uploads (the rich menu's image)


class LineError(Exception):
    """LINE answered an error that retrying will not cure (or stopped answering)."""

    def __init__(self, status: int, body: str):
        super().__init__(f"LINE answered {status}: {body[:200]}")
        self.status = status
        self.body = body


class ReplyTokenRefused(LineError):
    """The reply token has expired or was used already: push instead."""


def data_api_base(api_base: str) -> str:
    """Where uploads go: LINE's api-data host for its public API, the same base for anything else (tests)."""
    return DEFAULT_DATA_API_BASE if api_base.rstrip("/") == DEFAULT_API_BASE else api_base


class LineClient:
    """One per process; the aiohttp session is made on first use, on the running event loop."""

    def __init__(
        self,
        access_token: str,
        api_base: str = DEFAULT_API_BASE,
        *,
        attempts: int = 5,
        backoff_seconds: float = 0.5,
        timeout_seconds: float = 10.0,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ):
        self.access_token = access_token
        self.api_base = api_base.rstrip("/")
        self.data_base = data_api_base(self.api_base).rstrip("/")
        self.attempts = max(1, attempts)
        self.backoff_seconds = backoff_seconds
        self.timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self.sleep = sleep
        self._session: aiohttp.ClientSession | None = None

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self.timeout)
        return self._session

    async def reply(self, reply_token: str, messages: list[dict[str, Any]]) -> None:
        """Answer an event with its reply token (one call, at most five messages)."""
        try:
            await self._post("/v2/bot/message/reply", {"replyToken": reply_token, "messages": messages})
        except LineError as exc:
            if exc.status == 400 and "reply token" in exc.body.lower():
                raise ReplyTokenRefused(exc.status, exc.body) from None
            raise

    async def push(self, to: str, messages: list[dict[str, Any]], retry_key: str) -> None:
        """Send to a user; ``retry_key`` (a UUID) makes every retry of this push one message at most."""
        await self._post(
            "/v2/bot/message/push",
            {"to": to, "messages": messages},
            headers={"X-Line-Retry-Key": retry_key},
            accepted_earlier=409,
        )

    async def show_loading(self, chat_id: str, seconds: int = 5) -> None:
        """The loading animation in a one-on-one chat (5-60 s, a multiple of 5); never retried."""
        seconds = min(60, max(5, 5 * round(seconds / 5)))
        body = {"chatId": chat_id, "loadingSeconds": seconds}
        await self._post("/v2/bot/chat/loading/start", body, tries=1)

    async def create_rich_menu(self, menu: dict[str, Any]) -> str:
        answer = await self._post("/v2/bot/richmenu", menu)
        return str(answer["richMenuId"])

    async def upload_rich_menu_image(self, menu_id: str, image: bytes, content_type: str) -> None:
        await self._post(
            f"/v2/bot/richmenu/{menu_id}/content",
            image,
            headers={"Content-Type": content_type},
            base=self.data_base,
        )

    async def set_default_rich_menu(self, menu_id: str) -> None:
        await self._post(f"/v2/bot/user/all/richmenu/{menu_id}", None)

    async def _post(
        self,
        path: str,
        body: Any,
        *,
        headers: dict[str, str] | None = None,
        tries: int | None = None,
        accepted_earlier: int | None = None,
        base: str | None = None,
    ) -> Any:
        """POST with the bearer token; 429 and 5xx retried with back-off; the JSON answer (or {})."""
        sent_headers = {"Authorization": f"Bearer {self.access_token}", **(headers or {})}
        data: bytes | None
        if isinstance(body, bytes):
            data = body
        else:
            data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
            if data is not None:
                sent_headers.setdefault("Content-Type", "application/json")
        url = (base or self.api_base) + path
        tries = tries or self.attempts
        for attempt in range(tries):
            retry_after: float | None = None
            try:
                async with self._http().post(url, data=data, headers=sent_headers) as response:
                    text = await response.text()
                    if response.status < 300 or response.status == accepted_earlier:
                        return json.loads(text) if text.strip().startswith("{") else {}
                    if response.status != 429 and response.status < 500:
                        raise LineError(response.status, text)
                    retry_after = _seconds(response.headers.get("Retry-After"))
                    failure: Exception = LineError(response.status, text)
            except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
                failure = exc
            if attempt + 1 == tries:
                break
            delay = retry_after if retry_after is not None else self.backoff_seconds * 2**attempt
            logger.warning("LINE %s: %s; trying again in %.1f s", path, _name(failure), delay)
            await self.sleep(delay * (1 + random.random() / 4))
        if isinstance(failure, LineError):
            raise failure
        raise LineError(0, f"{type(failure).__name__}: {failure}") from failure


def _seconds(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


def _name(failure: Exception) -> str:
    return f"{failure.status}" if isinstance(failure, LineError) else type(failure).__name__
