"""The LINE door: a verified webhook's events, each handled once, in the background, through the one turn.

For every event of a batch (one task per sender, that sender's events in order):

- ``mode: standby`` (another bot of the channel answers) and events not from a one-on-one chat: ignored;
- its ``webhookEventId`` is taken in the database before the webhook is answered: a redelivered event, or
  a copy another worker got, is dropped — answered once; a database that cannot take it makes the webhook
  503, so LINE redelivers instead of the event being lost behind a 200;
- the sender is a keyed hash of the ``userId`` mapped to a conversation id; the raw id is kept in memory
  only, to push to;
- text → the turn as on the web; postback → the payload, only when the bot signed it; follow → ``/greet``
  (the greeting with the start menu); location → the place its address names (its きくみみ); sticker,
  image and the like → the empty turn (a short reply asking for words); unfollow → the mapping and the
  conversation are forgotten;
- the turn's messages rendered for LINE go out in one reply call; a refused or expired reply token gets a
  push with ``X-Line-Retry-Key`` derived from the event id; a turn that runs long shows the loading
  animation.
"""

from __future__ import annotations

import asyncio
import base64
import functools
import hashlib
import hmac
import logging
import uuid
from typing import Any

from bot.web.channels.line.client import LineClient, LineError, ReplyTokenRefused
from bot.web.channels.line.render import PostbackSigner, render
from bot.web.channels.line.store import LineStore, user_key
from bot.web.turn import Turns
from faq.places.directory import KikumimiDirectory

logger = logging.getLogger(__name__)

CHANNEL = "line"  # Rasa's input channel for this door
FOLLOW_PAYLOAD = "/greet"  # the domain's greeting, with the start menu's buttons
RETRY_KEYS = uuid.UUID("5b0c1d2e-7a4f-4c61-9d3e-2f8a6b1c0e47")  # namespace of the push retry keys
LOADING_SECONDS = 5


def signature_of(secret: bytes, body: bytes) -> str:
    """``X-Line-Signature``: base64 of HMAC-SHA256 over the raw body with the channel secret."""
    return base64.b64encode(hmac.new(secret, body, hashlib.sha256).digest()).decode()


def retry_key(event_id: str) -> str:
    """The push's ``X-Line-Retry-Key``: a UUID that every worker and every retry derives alike."""
    return str(uuid.uuid5(RETRY_KEYS, event_id))


class LineChannel:
    def __init__(
        self,
        turns: Turns,
        client: LineClient,
        store: LineStore,
        directory: KikumimiDirectory,
        channel_secret: str,
        user_key_secret: str = "",
        *,
        loading_after: float = 1.0,
    ):
        self.turns = turns
        self.client = client
        self.store = store
        self.directory = directory
        self.secret = channel_secret.encode("utf-8")
        self.user_secret = (
            user_key_secret.encode("utf-8")
            if user_key_secret
            else hmac.new(self.secret, b"line-user-key", hashlib.sha256).digest()
        )
        self.signer = PostbackSigner(self.secret)
        self.loading_after = loading_after
        self.tasks: set[asyncio.Task] = set()
        self._latest: dict[str, asyncio.Task] = {}  # each sender's newest task, which the next one awaits

    def verified(self, body: bytes, signature: str | None) -> bool:
        """The signature over the raw body, compared in constant time (before the body is parsed)."""
        if not signature:
            return False
        return hmac.compare_digest(
            signature_of(self.secret, body).encode(), signature.encode("utf-8", "replace")
        )

    async def receive(self, events: list[Any]) -> None:
        """Take the batch's events before the webhook is answered, then handle them in the background.

        Taking is the database insert of each ``webhookEventId``: a redelivered event, or a copy another
        worker got, is dropped here. A database that cannot take them fails the request (503), so LINE
        delivers them again rather than the events being lost behind a 200."""
        self.accept(await asyncio.to_thread(self._take, events))

    def _take(self, events: list[Any]) -> list[dict[str, Any]]:
        fresh = []
        for event in events:
            if not isinstance(event, dict) or _user_id(event) is None or event.get("mode") == "standby":
                continue  # a one-on-one chat's active events only: no group, no standby
            event_id = event.get("webhookEventId")
            if not isinstance(event_id, str) or not 0 < len(event_id) <= 64:
                continue
            if self.store.take_event(event_id):
                fresh.append(event)
            else:
                logger.info("LINE event delivered again; it was handled once already")
        return fresh

    def accept(self, events: list[dict[str, Any]]) -> None:
        """Handle taken events in the background: one task per sender, its events in order, after the
        sender's events of earlier batches (in this process; across workers Rasa's lock store orders the
        turns of a conversation)."""
        by_sender: dict[str, list[dict[str, Any]]] = {}
        for event in events:
            by_sender.setdefault(str(_user_id(event)), []).append(event)
        for sender, group in by_sender.items():
            task = asyncio.create_task(self._handle_in_order(group, self._latest.get(sender)))
            self._latest[sender] = task
            self.tasks.add(task)
            task.add_done_callback(functools.partial(self._done, sender))

    def _done(self, sender: str, task: asyncio.Task) -> None:
        self.tasks.discard(task)
        if self._latest.get(sender) is task:
            del self._latest[sender]

    async def drain(self, timeout: float = 10.0) -> None:
        """Wait for the events being handled (at shutdown, and in tests)."""
        if self.tasks:
            await asyncio.wait(set(self.tasks), timeout=timeout)

    async def close(self) -> None:
        await self.drain()
        await self.client.close()

    async def _handle_in_order(self, events: list[dict[str, Any]], after: asyncio.Task | None) -> None:
        if after is not None:
            await asyncio.wait({after})
        for event in events:
            try:
                await self.handle(event)
            except Exception as exc:  # one event's failure must not lose the sender's next events
                logger.error("LINE event failed: %s", type(exc).__name__, exc_info=logger.isEnabledFor(10))

    async def handle(self, event: dict[str, Any]) -> None:
        """One taken event: its turn, rendered and sent (or, for unfollow, the sender forgotten)."""
        event_id, user_id = str(event["webhookEventId"]), str(_user_id(event))
        key = user_key(self.user_secret, user_id)
        if event.get("type") == "unfollow":
            await asyncio.to_thread(self.store.forget, key)
            return
        words = self.words(event)
        if words is None:
            return
        conversation = await asyncio.to_thread(self.store.conversation, key)
        replies = await self._turn(conversation, words, user_id)
        if replies.outcome == "not_saved":
            logger.error("LINE turn not saved; answered with the apology")
        messages = render(replies.messages, self.signer)
        if messages:
            await self._send(event, event_id, user_id, messages)

    def words(self, event: dict[str, Any]) -> str | None:
        """What the event says to the turn, or None when it asks for no answer."""
        kind = event.get("type")
        if kind == "follow":
            return FOLLOW_PAYLOAD
        if kind == "postback":
            data = (event.get("postback") or {}).get("data")
            payload = self.signer.verify(data) if isinstance(data, str) else None
            if payload is None:
                logger.warning("LINE postback with data the bot did not sign: ignored")
            return payload
        if kind != "message":
            return None
        content = event.get("message") or {}
        if content.get("type") == "text":
            return str(content.get("text") or "")
        if content.get("type") == "location":
            return self.place_of(content)
        return ""  # a sticker, an image, a video…: the turn's short reply asks for words

    def place_of(self, location: dict[str, Any]) -> str:
        """The place a shared location names (from its address, else its title), as the resolver
        settles it; its name alone reaches the turn, which answers with its きくみみ."""
        for text in (location.get("address"), location.get("title")):
            if isinstance(text, str) and text.strip():
                place = self.directory.resolve(text[:200]).place
                if place is not None:
                    return place.label
        return ""

    async def _turn(self, conversation: str, words: str, user_id: str) -> Any:
        loading = asyncio.create_task(self._loading_later(user_id))
        try:
            return await self.turns.handle(CHANNEL, conversation, words)
        finally:
            loading.cancel()

    async def _loading_later(self, user_id: str) -> None:
        await asyncio.sleep(self.loading_after)
        try:
            await self.client.show_loading(user_id, LOADING_SECONDS)
        except LineError as exc:
            logger.info("LINE loading animation not shown (%s)", exc.status)

    async def _send(self, event: dict[str, Any], event_id: str, user_id: str, messages: list[Any]) -> None:
        token = event.get("replyToken")
        if isinstance(token, str) and token:
            try:
                await self.client.reply(token, messages)
                return
            except ReplyTokenRefused:
                logger.info("LINE reply token refused (expired or used): pushing instead")
            except LineError as exc:
                if 400 <= exc.status < 500 and exc.status != 429:
                    logger.error("LINE refused the reply: %s", exc.status)
                    return
                logger.warning("LINE reply failed (%s): pushing instead", exc.status)
        try:
            await self.client.push(user_id, messages, retry_key(event_id))
        except LineError as exc:
            logger.error("LINE push failed: %s", exc.status)


def _user_id(event: dict[str, Any]) -> str | None:
    """The userId of an event from a one-on-one chat; None for groups, rooms and anything malformed."""
    source = event.get("source")
    if not isinstance(source, dict) or source.get("type") != "user":
        return None
    user_id = source.get("userId")
    return user_id if isinstance(user_id, str) and user_id else None
