"""What LINE leaves in the database: the webhook events already taken and the keyed senders.

A webhook event is taken once across workers: the first worker to insert its ``webhookEventId`` answers
it; a redelivery, or a copy that reached another worker, finds the row and is dropped. The rows are kept a
week (LINE redelivers within a few hours at most) and pruned as new ones come.

A LINE user is known by a keyed hash of the ``userId`` (HMAC-SHA256 with a secret: without the secret the
hash cannot be recomputed from a userId), mapped to a random conversation id that the turn is keyed by.
Unfollowing deletes the mapping, so the old conversation can no longer be tied to the user, and its
tracker events are deleted too.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time
from datetime import datetime, timedelta, timezone

from sqlalchemy import create_engine, delete, inspect, select, text
from sqlalchemy.exc import IntegrityError

from faq.content.sqlite import durable
from faq.content.store import FaqStore
from faq.residents.privacy import conversation_key
from faq.tables import LineEventRow, LineSenderRow

logger = logging.getLogger(__name__)

KEEP_EVENTS = timedelta(days=7)
PRUNE_EVERY_SECONDS = 3600.0


def user_key(secret: bytes, user_id: str) -> str:
    """The keyed hash that stands for a LINE userId everywhere this service stores anything."""
    return hmac.new(secret, b"line-user:" + user_id.encode("utf-8"), hashlib.sha256).hexdigest()


class LineStore:
    """The two LINE tables, over the FAQ store's database (SQLite here, PostgreSQL with workers)."""

    def __init__(self, store: FaqStore, tracker_store_url: str = ""):
        self.store = store
        self.tracker_store_url = tracker_store_url
        self._pruned_at = 0.0

    def take_event(self, event_id: str, now: datetime | None = None) -> bool:
        """True for the first sight of ``event_id`` anywhere; False when it was taken already."""
        now = now or datetime.now(timezone.utc)
        try:
            with self.store.session() as session, session.begin():
                session.add(LineEventRow(event_id=event_id, received_at=now))
        except IntegrityError:
            return False
        if time.monotonic() - self._pruned_at > PRUNE_EVERY_SECONDS:
            self._pruned_at = time.monotonic()
            with self.store.session() as session, session.begin():
                session.execute(delete(LineEventRow).where(LineEventRow.received_at < now - KEEP_EVENTS))
        return True

    def conversation(self, key: str) -> str:
        """The conversation id of the sender with ``key``, made on first contact (a race between workers
        settles on the row that was inserted first)."""
        with self.store.session() as session:
            row = session.get(LineSenderRow, key)
            if row is not None:
                return row.conversation
        made = secrets.token_hex(16)
        try:
            with self.store.session() as session, session.begin():
                now = datetime.now(timezone.utc)
                session.add(LineSenderRow(user_key=key, conversation=made, created_at=now))
            return made
        except IntegrityError:
            with self.store.session() as session:
                return session.execute(
                    select(LineSenderRow.conversation).where(LineSenderRow.user_key == key)
                ).scalar_one()

    def forget(self, key: str) -> bool:
        """Delete the sender's mapping and, where the tracker store is SQL, the stored conversation it
        pointed to. True when there was a mapping."""
        with self.store.session() as session, session.begin():
            row = session.get(LineSenderRow, key)
            if row is None:
                return False
            conversation = row.conversation
            session.delete(row)
        if self.tracker_store_url:
            self._delete_conversation(conversation_key(conversation))
        return True

    def _delete_conversation(self, sender_id: str) -> None:
        engine = durable(create_engine(self.tracker_store_url))
        try:
            if inspect(engine).has_table("events"):
                with engine.begin() as connection:
                    connection.execute(text("DELETE FROM events WHERE sender_id = :s"), {"s": sender_id})
        except Exception as exc:  # retention deletes it later anyway; the mapping is gone already
            logger.warning("LINE: could not delete an unfollowed conversation (%s)", type(exc).__name__)
        finally:
            engine.dispose()
