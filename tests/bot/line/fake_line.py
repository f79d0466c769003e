"""A fake LINE platform on loopback: an aiohttp server in a thread of the test process.

It plays both sides LINE plays: it **sends** signed webhooks to the app (events with a ``webhookEventId``
and a reply token, a redelivery of the same events, a tampered body), and it **serves** the Messaging API
the app calls — reply, push, the loading animation and the rich menu — checking what LINE checks:

- the bearer token (401 otherwise);
- reply tokens are single-use and expire after ``token_ttl`` seconds of an injectable clock (400
  ``Invalid reply token``);
- the message limits: 1-5 messages, text ≤ 5,000 characters, quick replies ≤ 13 with labels ≤ 20, Flex
  with ``altText``, postback data ≤ 300 (400 otherwise);
- ``X-Line-Retry-Key`` must be a UUID; a key already accepted gets 409;
- failures on demand: :meth:`fail` makes the next calls to a path answer 429 or 5xx, optionally after
  accepting the push (a lost answer).

Used by tests/bot/line and by benchmarks/line_benchmark.py.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import itertools
import json
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from typing import Any

from aiohttp import web

_ids = itertools.count(1)


class Clock:
    """The platform's clock: real time, plus whatever a test adds."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds


class FakeLine:
    def __init__(
        self, secret: str, access_token: str, token_ttl: float = 60.0, clock: Callable | None = None
    ):
        self.secret = secret.encode()
        self.access_token = access_token
        self.token_ttl = token_ttl
        self.clock = clock or Clock()
        self.tokens: dict[str, dict[str, Any]] = {}  # reply token → {"issued", "used", "user"}
        self.delivered: list[dict[str, Any]] = []  # {"via", "to", "messages", "at"}
        self.loading: list[dict[str, Any]] = []
        self.accepted_keys: set[str] = set()
        self.calls: list[tuple[str, int]] = []  # (path, status) of every API call
        self.failures: list[dict[str, Any]] = []
        self.rich_menus: dict[str, dict[str, Any]] = {}
        self.default_rich_menu: str | None = None
        self.sent_at: dict[str, float] = {}  # event id → when its webhook was sent (perf_counter)
        self.lock = threading.Lock()
        self.base = ""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None

    # -- the server ------------------------------------------------------------------------------
    def start(self) -> str:
        ready = threading.Event()

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            app = web.Application()
            app.router.add_post("/v2/bot/message/reply", self._reply)
            app.router.add_post("/v2/bot/message/push", self._push)
            app.router.add_post("/v2/bot/chat/loading/start", self._loading)
            app.router.add_post("/v2/bot/richmenu", self._rich_menu)
            app.router.add_post("/v2/bot/richmenu/{id}/content", self._rich_menu_image)
            app.router.add_post("/v2/bot/user/all/richmenu/{id}", self._default_rich_menu)
            self._runner = web.AppRunner(app, access_log=None)
            loop.run_until_complete(self._runner.setup())
            site = web.TCPSite(self._runner, "127.0.0.1", 0)
            loop.run_until_complete(site.start())
            port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
            self.base = f"http://127.0.0.1:{port}"
            ready.set()
            loop.run_forever()

        threading.Thread(target=run, daemon=True, name="fake-line").start()
        ready.wait(10)
        return self.base

    def stop(self) -> None:
        if self._loop is not None and self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
            self._loop.call_soon_threadsafe(self._loop.stop)

    def fail(
        self, path: str, status: int, times: int = 1, accepted: bool = False, retry_after: str = ""
    ) -> None:
        """The next ``times`` calls to ``path`` (``reply``, ``push``, ``loading``) answer ``status``;
        ``accepted``: a push is delivered all the same (the answer was lost on the way)."""
        with self.lock:
            self.failures += [
                {"path": path, "status": status, "accepted": accepted, "after": retry_after}
            ] * times

    # -- the webhook side ------------------------------------------------------------------------
    def event(self, user: str, kind: str = "message", **fields: Any) -> dict[str, Any]:
        """An event from ``user``: a fresh webhookEventId and, unless unfollow, a reply token."""
        event: dict[str, Any] = {
            "type": kind,
            "mode": "active",
            "timestamp": int(time.time() * 1000),
            "source": {"type": "user", "userId": user},
            "webhookEventId": f"01FAKE{next(_ids):020d}",
            "deliveryContext": {"isRedelivery": False},
            **fields,
        }
        if kind != "unfollow":
            token = uuid.uuid4().hex
            with self.lock:
                self.tokens[token] = {"issued": self.clock(), "used": False, "user": user}
            event["replyToken"] = token
        return event

    def text(self, user: str, text: str) -> dict[str, Any]:
        return self.event(user, message={"id": str(next(_ids)), "type": "text", "text": text})

    def postback(self, user: str, data: str) -> dict[str, Any]:
        return self.event(user, "postback", postback={"data": data})

    def location(
        self, user: str, address: str, title: str = "", lat: float = 37.39, lon: float = 136.9
    ) -> dict:
        content = {"id": str(next(_ids)), "type": "location", "title": title, "address": address}
        return self.event(user, message={**content, "latitude": lat, "longitude": lon})

    def sticker(self, user: str) -> dict[str, Any]:
        content = {"id": str(next(_ids)), "type": "sticker", "packageId": "446", "stickerId": "1988"}
        return self.event(user, message=content)

    def sign(self, body: bytes) -> str:
        return base64.b64encode(hmac.new(self.secret, body, hashlib.sha256).digest()).decode()

    def webhook(
        self,
        events: list[dict[str, Any]],
        *,
        redelivery: bool = False,
        signature: str | None = "sign",
        body: bytes | None = None,
    ) -> tuple[bytes, dict[str, str]]:
        """The body and headers LINE would send for ``events`` (signed unless told otherwise)."""
        if redelivery:
            events = [{**e, "deliveryContext": {"isRedelivery": True}} for e in events]
        signed = json.dumps({"destination": "Ufakebot", "events": events}, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json"}
        if signature == "sign":
            headers["X-Line-Signature"] = self.sign(signed)
        elif signature is not None:
            headers["X-Line-Signature"] = signature
        return (body if body is not None else signed), headers

    def deliver(
        self,
        url: str,
        events: list[dict[str, Any]],
        *,
        redelivery: bool = False,
        signature: str | None = "sign",
        body: bytes | None = None,
    ) -> int:
        """POST a webhook of ``events``; ``signature=None`` sends none, ``body`` replaces the signed one."""
        content, headers = self.webhook(events, redelivery=redelivery, signature=signature, body=body)
        now = time.perf_counter()
        for e in events:
            self.sent_at.setdefault(e["webhookEventId"], now)
        request = urllib.request.Request(url, content, headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def to(self, user: str) -> list[dict[str, Any]]:
        """Every reply or push that reached ``user``, in order."""
        with self.lock:
            return [d for d in self.delivered if d["to"] == user]

    def wait_for(self, user: str, count: int, timeout: float = 60.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.to(user)
            if len(got) >= count:
                return got
            time.sleep(0.02)
        raise AssertionError(f"{user}: {len(self.to(user))} of {count} deliveries after {timeout} s")

    # -- the API side ----------------------------------------------------------------------------
    def _failure(self, path: str) -> dict[str, Any] | None:
        with self.lock:
            for n, failure in enumerate(self.failures):
                if failure["path"] == path:
                    return self.failures.pop(n)
        return None

    async def _checked(self, request: web.Request) -> tuple[dict[str, Any] | None, web.Response | None]:
        if request.headers.get("Authorization") != f"Bearer {self.access_token}":
            return None, _error(401, "Authentication failed. Confirm that the access token is valid.")
        try:
            body = json.loads(await request.read())
        except ValueError:
            return None, _error(400, "The request body has 1 error(s)")
        return body, None

    async def _reply(self, request: web.Request) -> web.Response:
        response = await self._answer_reply(request)
        self.calls.append(("reply", response.status))
        return response

    async def _answer_reply(self, request: web.Request) -> web.Response:
        body, refused = await self._checked(request)
        if refused is not None:  # (a Response is falsy: a mapping of its state)
            return refused
        if body is None:
            return _error(400, "no body")
        failure = self._failure("reply")
        if failure is not None:
            return _error(failure["status"], "failure on demand", failure["after"])
        problem = message_problem(body.get("messages"))
        if problem:
            return _error(400, problem)
        with self.lock:
            token = self.tokens.get(body.get("replyToken", ""))
            if token is None or token["used"] or self.clock() - token["issued"] > self.token_ttl:
                return _error(400, "Invalid reply token")
            token["used"] = True
            self.delivered.append(
                {"via": "reply", "to": token["user"], "messages": body["messages"], "at": time.perf_counter()}
            )
        return web.json_response({"sentMessages": [{"id": str(next(_ids))} for _ in body["messages"]]})

    async def _push(self, request: web.Request) -> web.Response:
        response = await self._answer_push(request)
        self.calls.append(("push", response.status))
        return response

    async def _answer_push(self, request: web.Request) -> web.Response:
        body, refused = await self._checked(request)
        if refused is not None:  # (a Response is falsy: a mapping of its state)
            return refused
        if body is None:
            return _error(400, "no body")
        key = request.headers.get("X-Line-Retry-Key")
        if key is not None:
            try:
                uuid.UUID(key)
            except ValueError:
                return _error(400, "The retry key must be a UUID")
        failure = self._failure("push")
        problem = message_problem(body.get("messages"))
        if problem:
            return _error(400, problem)
        with self.lock:
            if key is not None and key in self.accepted_keys:
                return _error(409, "The retry key is already accepted")
            if failure is not None and not failure["accepted"]:
                return _error(failure["status"], "failure on demand", failure["after"])
            if key is not None:
                self.accepted_keys.add(key)
            self.delivered.append(
                {"via": "push", "to": body.get("to"), "messages": body["messages"], "at": time.perf_counter()}
            )
        if failure is not None:  # accepted, but the answer says otherwise
            return _error(failure["status"], "failure on demand", failure["after"])
        return web.json_response({"sentMessages": [{"id": str(next(_ids))} for _ in body["messages"]]})

    async def _loading(self, request: web.Request) -> web.Response:
        body, refused = await self._checked(request)
        if refused is not None:  # (a Response is falsy: a mapping of its state)
            return refused
        if body is None:
            return _error(400, "no body")
        seconds = body.get("loadingSeconds", 20)
        if not isinstance(seconds, int) or seconds % 5 or not 5 <= seconds <= 60:
            return _error(400, "loadingSeconds must be a multiple of 5 between 5 and 60")
        with self.lock:
            self.loading.append(body)
        self.calls.append(("loading", 202))
        return web.json_response({}, status=202)

    async def _rich_menu(self, request: web.Request) -> web.Response:
        body, refused = await self._checked(request)
        if refused is not None:  # (a Response is falsy: a mapping of its state)
            return refused
        if body is None:
            return _error(400, "no body")
        areas = body.get("areas") or []
        if body.get("size") not in ({"width": 2500, "height": 843}, {"width": 2500, "height": 1686}):
            return _error(400, "size")
        if not 1 <= len(areas) <= 20 or len(body.get("chatBarText", "")) > 14:
            return _error(400, "areas or chatBarText")
        for area in areas:
            action = area.get("action") or {}
            if len(action.get("label", "")) > 20 or len(action.get("data", "")) > 300:
                return _error(400, "action")
        menu_id = f"richmenu-{uuid.uuid4().hex}"
        self.rich_menus[menu_id] = {"menu": body, "image": None}
        return web.json_response({"richMenuId": menu_id})

    async def _rich_menu_image(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bearer {self.access_token}":
            return _error(401, "Authentication failed")
        menu = self.rich_menus.get(request.match_info["id"])
        if menu is None:
            return _error(404, "Not found")
        if request.content_type not in ("image/png", "image/jpeg"):
            return _error(415, "Unsupported Media Type")
        menu["image"] = await request.read()
        return web.json_response({})

    async def _default_rich_menu(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bearer {self.access_token}":
            return _error(401, "Authentication failed")
        menu = self.rich_menus.get(request.match_info["id"])
        if menu is None or menu["image"] is None:
            return _error(400, "must upload richmenu image before applying it to user")
        self.default_rich_menu = request.match_info["id"]
        return web.json_response({})


def _error(status: int, text: str, retry_after: str = "") -> web.Response:
    headers = {"Retry-After": retry_after} if retry_after else None
    return web.json_response({"message": text}, status=status, headers=headers)


def message_problem(messages: Any) -> str:
    """What LINE would refuse in a reply or push's ``messages`` ("" when nothing)."""
    if not isinstance(messages, list) or not 1 <= len(messages) <= 5:
        return "messages: 1 to 5 message objects"
    for m in messages:
        kind = m.get("type")
        if kind == "text" and not 0 < len(m.get("text", "")) <= 5000:
            return "text: 1 to 5000 characters"
        if kind == "flex" and (not 0 < len(m.get("altText", "")) <= 1500 or "contents" not in m):
            return "flex: altText of 1 to 1500 characters, and contents"
        if kind not in ("text", "flex"):
            return f"unexpected message type {kind!r}"
        items = (m.get("quickReply") or {}).get("items", [])
        if len(items) > 13:
            return "quickReply: at most 13 items"
        for item in items:
            action = item["action"]
            if not 0 < len(action.get("label", "")) <= 20:
                return "quickReply action label: 1 to 20 characters"
            if len(action.get("data", "")) > 300 or len(action.get("displayText", "")) > 300:
                return "postback data and displayText: at most 300 characters"
        for action in _actions(m.get("contents")):
            if action.get("type") == "uri" and not action.get("uri", "").startswith(
                ("tel:", "https://", "http://")
            ):
                return "uri action: tel:, http(s):"
    return ""


def _actions(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        found = [node["action"]] if isinstance(node.get("action"), dict) else []
        return found + [a for value in node.values() for a in _actions(value)]
    if isinstance(node, list):
        return [a for value in node for a in _actions(value)]
    return []


def texts_of(delivery: dict[str, Any]) -> str:
    """Everything a delivery shows as text: text messages, the lines of Flex bubbles, quick reply titles."""
    parts: list[str] = []
    for m in delivery["messages"]:
        if m["type"] == "text":
            parts.append(m["text"])
        else:
            parts += [n["text"] for n in _texts(m["contents"])]
        for item in (m.get("quickReply") or {}).get("items", []):
            parts.append(item["action"].get("displayText") or item["action"].get("text") or "")
    return "\n".join(parts)


def _texts(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        own = [node] if node.get("type") == "text" else []
        return own + [t for value in node.values() for t in _texts(value)]
    if isinstance(node, list):
        return [t for value in node for t in _texts(value)]
    return []
