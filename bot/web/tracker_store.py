"""Rasa's SQL tracker store, doing per turn only what a turn needs.

Stock ``SQLTrackerStore`` already loads only the events since the conversation's latest session start and
inserts only the new ones; what it spends besides, per turn, and what this subclass removes:

- **Finding the new events.** Before inserting, stock Rasa counts the stored events of the session again
  (a second query with a subquery) to know where the new ones begin. This store remembers how many events
  it loaded (or saved) for that tracker object and inserts from there; a tracker it did not load falls
  back to the stock count. Turns of one conversation run under Rasa's lock store (Redis across workers),
  so nothing else appends between the load and the save, as stock Rasa's count also assumes.
- **Turning stored rows back into events.** Stock Rasa finds each event's class by walking every subclass
  of ``Event`` (``Event.resolve_by_type``) for every event of the session; the classes are looked up here
  in a table built once.
- **Loading rows as objects.** Stock Rasa builds an ORM object for every stored event of the session and
  reads its JSON; this store selects the JSON column only.
- **Connecting on SQLite.** SQLAlchemy 1.4 opens a new SQLite connection for every query of a file
  database; they are pooled here, each in WAL mode with ``synchronous=FULL`` (faq/content/sqlite.py):
  every turn's commit is on disk before the reply, at about half the rollback journal's commit cost.
  The latest turns then sit in ``tracker.db-wal`` until a checkpoint, so a copy of the live file is no
  backup: ``python -m faq backup`` uses SQLite's online backup API.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses

from faq.content.sqlite import durable

logger = logging.getLogger(__name__)

# Where a tracker's stored events end, on the tracker object itself: a tracker this store did not load has
# none, and its save counts the stored events as stock Rasa does.
STORED_EVENTS = "_govbot_stored_events"


def _event_classes() -> dict[str, type[Event]]:
    """type name → class, the first of ``all_subclasses(Event)`` per name, as ``Event.resolve_by_type``."""
    classes: dict[str, type[Event]] = {}
    for cls in all_subclasses(Event):
        classes.setdefault(cls.type_name, cls)
    return classes


class TurnTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` with the per-turn work above removed; same tables, same rows."""

    engine: Any  # set by SQLTrackerStore.__init__

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            self._pool_connections()
        self._classes = _event_classes()

    def _pool_connections(self) -> None:
        url = self.engine.url
        self.engine.dispose()
        # The pool hands one connection to one session at a time; Rasa uses the store from the event loop.
        self.engine = durable(
            sa.create_engine(
                url, poolclass=sa.pool.QueuePool, pool_size=2, connect_args={"check_same_thread": False}
            )
        )
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    def _deserialise(self, serialised: list[dict[str, Any]]) -> list[Event]:
        events = []
        for parameters in serialised:
            cls = self._classes.get(parameters.get("event", ""))
            event = cls._from_parameters(parameters) if cls is not None else Event.from_parameters(parameters)
            if event is not None:
                events.append(event)
        return events

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        with self.session_scope() as session:
            # Only the event's JSON: building an ORM object per stored row cost as much again as the
            # query, and a conversation of 40 turns loads about 400 rows every turn.
            rows = (
                self._event_query(
                    session, sender_id, fetch_events_from_all_sessions=fetch_events_from_all_sessions
                )
                .with_entities(self.SQLEvent.data)
                .all()
            )
            serialised = [json.loads(row.data) for row in rows]
        if not (self.domain and serialised):
            return None
        events = self._deserialise(serialised)
        tracker = DialogueStateTracker.from_events(sender_id, events, self.domain.slots)
        if not fetch_events_from_all_sessions and len(tracker.events) == len(rows):
            setattr(tracker, STORED_EVENTS, len(rows))
        return tracker

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Any:
        stored = getattr(tracker, STORED_EVENTS, None)
        if stored is None or stored > len(tracker.events):
            return super()._additional_events(session, tracker)
        return list(tracker.events)[stored:]

    async def save(self, tracker: DialogueStateTracker) -> None:
        await super().save(tracker)  # raises when the commit fails: then nothing is marked as stored
        setattr(tracker, STORED_EVENTS, len(tracker.events))
