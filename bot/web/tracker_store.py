"""Rasa's SQL tracker store, doing per turn only what a turn needs.

Stock ``SQLTrackerStore`` already loads only the events since the conversation's latest session start and
inserts only the new ones; what it spends besides, per turn, and what this subclass removes:

- **Loading the conversation again.** Every turn starts by reading the session's rows back (a query with a
  subquery over session starts), parsing their JSON and turning each into an event. This store keeps the
  rows of the latest session of recently saved conversations in memory, with the conversation's
  fingerprint in the database (how many events it has stored and the id of the newest). A turn first asks
  the database for that fingerprint (one indexed aggregate); when it is unchanged, no other writer (another
  worker, the retention job, a deletion) touched the conversation, and the tracker is rebuilt from the kept
  rows — the same rows the query would return, so the same tracker. Otherwise the rows are read as stock
  Rasa reads them. Only rows that the database committed are kept, and at most ``KEPT_CONVERSATIONS``
  conversations (the least recently used are dropped). A save learns the new fingerprint from the ids of
  the rows it inserted, without a query.
- **Finding the new events.** Before inserting, stock Rasa counts the stored events of the session again
  (a second query with a subquery) to know where the new ones begin. This store remembers how many events
  it loaded (or saved) for that tracker object and inserts from there; a tracker it did not load falls
  back to the stock count. Turns of one conversation run under Rasa's lock store (Redis across workers),
  so nothing else appends between the load and the save, as stock Rasa's count also assumes.
- **Turning stored rows back into events.** Stock Rasa finds each event's class by walking every subclass
  of ``Event`` (``Event.resolve_by_type``) for every event of the session; the classes are looked up here
  in a table built once.
- **Connecting on SQLite.** SQLAlchemy 1.4 opens a new SQLite connection for every query of a file
  database; they are pooled here.

The SQLite journal stays the default rollback journal with full sync: the write-ahead log would halve the
commit's cost, but a copy of the live ``tracker.db`` file (a naive backup, or tests/bot/test_retention.py)
would then miss the latest turns, which sit in ``tracker.db-wal`` until a checkpoint.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import OrderedDict
from typing import Any, NamedTuple

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from rasa.shared.utils.common import all_subclasses

logger = logging.getLogger(__name__)

# Where a tracker's stored events end, on the tracker object itself: a tracker this store did not load has
# none, and its save counts the stored events as stock Rasa does.
STORED_EVENTS = "_govbot_stored_events"
# The tracker's latest session as stored (its rows and the conversation's fingerprint), on the tracker
# object: what its next save extends and keeps in memory. Absent when not known (then nothing is kept).
SESSION = "_govbot_session"
# Conversations whose latest session is kept in memory (about 30 kB each at twenty turns).
KEPT_CONVERSATIONS = 1000


class Row(NamedTuple):
    """One stored event as the ``events`` table holds it (the columns a tracker is rebuilt from)."""

    type_name: str
    timestamp: float | None
    data: str


class Fingerprint(NamedTuple):
    """What changes whenever anything writes or deletes a conversation's events."""

    stored: int
    newest_id: int | None


class KeptSession(NamedTuple):
    """The rows of a conversation's latest session, and its fingerprint when they were stored or read."""

    rows: tuple[Row, ...]
    fingerprint: Fingerprint


def latest_session(rows: tuple[Row, ...]) -> tuple[Row, ...]:
    """The rows stock Rasa's query returns for the latest session: those not older than the newest
    ``session_started`` (by timestamp, as its SQL compares them), or all when there is none."""
    starts = [
        row.timestamp
        for row in rows
        if row.type_name == SessionStarted.type_name and row.timestamp is not None
    ]
    if not starts:
        return rows
    newest = max(starts)
    return tuple(row for row in rows if row.timestamp is not None and row.timestamp >= newest)


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
        self._kept: OrderedDict[str, KeptSession] = OrderedDict()
        self._kept_lock = threading.Lock()

    def _pool_connections(self) -> None:
        url = self.engine.url
        self.engine.dispose()
        # The pool hands one connection to one session at a time, on the event loop or a save's thread.
        self.engine = sa.create_engine(
            url, poolclass=sa.pool.QueuePool, pool_size=4, connect_args={"check_same_thread": False}
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

    def _fingerprint(self, session: Any, sender_id: str) -> Fingerprint:
        stored, newest = session.execute(
            sa.select(sa.func.count(self.SQLEvent.id), sa.func.max(self.SQLEvent.id)).where(
                self.SQLEvent.sender_id == sender_id
            )
        ).one()
        return Fingerprint(int(stored or 0), newest)

    def _kept_session(self, session: Any, sender_id: str) -> KeptSession | None:
        """The kept latest session, when the database still holds exactly what was kept."""
        with self._kept_lock:
            kept = self._kept.get(sender_id)
        if kept is None:
            return None
        if self._fingerprint(session, sender_id) != kept.fingerprint:
            self._keep(sender_id, None)
            return None
        with self._kept_lock:
            if sender_id in self._kept:
                self._kept.move_to_end(sender_id)
        return kept

    def _keep(self, sender_id: str, kept: KeptSession | None) -> None:
        with self._kept_lock:
            if kept is None:
                self._kept.pop(sender_id, None)
                return
            self._kept[sender_id] = kept
            self._kept.move_to_end(sender_id)
            while len(self._kept) > KEPT_CONVERSATIONS:
                self._kept.popitem(last=False)

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        with self.session_scope() as session:
            kept = None if fetch_events_from_all_sessions else self._kept_session(session, sender_id)
            if kept is not None:
                rows = kept.rows
            else:
                rows = tuple(
                    Row(row.type_name, row.timestamp, row.data)
                    for row in self._event_query(
                        session, sender_id, fetch_events_from_all_sessions=fetch_events_from_all_sessions
                    ).all()
                )
                if rows and not fetch_events_from_all_sessions:
                    kept = KeptSession(rows, self._fingerprint(session, sender_id))
        if not (self.domain and rows):
            return None
        events = self._deserialise([json.loads(row.data) for row in rows])
        tracker = DialogueStateTracker.from_events(sender_id, events, self.domain.slots)
        if kept is not None and len(tracker.events) == len(rows):
            setattr(tracker, STORED_EVENTS, len(rows))
            setattr(tracker, SESSION, kept)
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Insert the turn's new events and commit; the turn waits for the commit.

        Raises when the commit fails: then nothing is marked as stored or kept, and the next save of the
        tracker writes the whole turn again."""
        await self.stream_events(tracker)
        kept = self._insert_new_events(tracker)
        setattr(tracker, STORED_EVENTS, len(tracker.events))
        setattr(tracker, SESSION, kept)
        self._keep(tracker.sender_id, kept)

    def _insert_new_events(self, tracker: DialogueStateTracker) -> KeptSession | None:
        """Stock Rasa's insert (same columns and values); returns the latest session to keep, with the
        conversation's fingerprint after the insert, or None when they are not known."""
        with self.session_scope() as session:
            stored = getattr(tracker, STORED_EVENTS, None)
            previous: KeptSession | None = getattr(tracker, SESSION, None)
            if stored is None or stored > len(tracker.events):
                stored = self._event_query(
                    session, tracker.sender_id, fetch_events_from_all_sessions=False
                ).count()
                previous = KeptSession((), Fingerprint(0, None)) if stored == 0 else None
            new: list[Row] = []
            inserted = []
            for event in list(tracker.events)[stored:]:
                data = event.as_dict()
                serialised = json.dumps(data)
                inserted.append(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                        action_name=data.get("name"),
                        data=serialised,
                    )
                )
                new.append(Row(event.type_name, data.get("timestamp"), serialised))
            session.add_all(inserted)
            session.flush()  # the rows get their ids, which the fingerprint needs
            ids = [row.id for row in inserted]
            session.commit()
        if previous is None:
            return None
        newest = max(ids, default=previous.fingerprint.newest_id)
        fingerprint = Fingerprint(previous.fingerprint.stored + len(ids), newest)
        return KeptSession(latest_session(previous.rows + tuple(new)), fingerprint)
