"""How many questions residents asked and what became of them: counts only, never their words.

One row per (hour, outcome, category, disaster) holds a count, so the overview can draw volumes, the share
answered and per-disaster numbers without keeping what anyone typed. Every chat turn whose outcome is known
adds one, with ``INSERT … ON CONFLICT DO UPDATE SET count = count + n``: several workers counting the same
hour at once each add theirs (no read-modify-write in Python). The chat adds through a :class:`TurnCounter`,
which writes the counts of about a second in one transaction instead of one per turn.

Outcomes: ``answer`` (an entry given as the answer), ``clarify`` (もしかして: choices offered), ``no_answer``,
``safety`` (the 119 / 110 / crisis-line reply) and ``flow`` (a flow's result: disaster support, 協力隊
eligibility, the 行政相談 window). ``category`` is the answered entry's category, or the flow's topic.

The console shows them with ``faq.content.staff_messages.TURN_OUTCOME_LABELS``.

Framework-free; the actions call it through :meth:`faq.service.FaqService.count_turn`.
"""

from __future__ import annotations

import atexit
import logging
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from faq.content.disasters import Disaster, in_disaster_mode
from faq.content.store import FaqStore
from faq.tables import MAX_CATEGORY_CHARS, QuestionCountRow

logger = logging.getLogger(__name__)

ANSWER, CLARIFY, NO_ANSWER, SAFETY, FLOW = "answer", "clarify", "no_answer", "safety", "flow"
OUTCOMES = (ANSWER, CLARIFY, NO_ANSWER, SAFETY, FLOW)
# A disaster's questions: its flow's result, or an answer from the disaster-support entries.
DISASTER_CATEGORY = "災害時の生活支援"


@dataclass(frozen=True)
class QuestionCount:
    hour: datetime  # aware, UTC
    outcome: str
    category: str
    disaster: str
    count: int


def hour_of(moment: datetime) -> datetime:
    """The UTC hour ``moment`` falls in (a naive datetime is taken as UTC)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return aware.astimezone(timezone.utc).replace(minute=0, second=0, microsecond=0)


def disaster_of_turn(
    disasters: Iterable[Disaster], outcome: str, category: str, prefecture: str | None
) -> str:
    """The disaster a turn counts for: a disaster flow's result or an answer from the disaster-support
    entries while a disaster is active, in the resident's prefecture when it is known (the newest such
    disaster when several are); "" otherwise. Each turn counts once, for one disaster at most."""
    if category != DISASTER_CATEGORY or outcome not in (ANSWER, FLOW):
        return ""
    for disaster in disasters:  # newest first
        if disaster.active and (not prefecture or prefecture in disaster.prefectures):
            return disaster.id
    return ""


def _turn_row(
    store: FaqStore, outcome: str, category: str, prefecture: str | None, at: datetime | None
) -> tuple[datetime, str, str, str]:
    """(hour, outcome, category, disaster) of one turn; the disasters are read only for a disaster's turn."""
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome must be one of {OUTCOMES}, got {outcome!r}")
    category = (category or "")[:MAX_CATEGORY_CHARS]
    disaster = ""
    if category == DISASTER_CATEGORY and outcome in (ANSWER, FLOW):
        disaster = disaster_of_turn(in_disaster_mode(store), outcome, category, prefecture)
    return hour_of(at or datetime.now(timezone.utc)), outcome, category, disaster


def _add_counts(store: FaqStore, counts: dict[tuple[datetime, str, str, str], int]) -> None:
    """Add each count to its row in one transaction (INSERT … ON CONFLICT DO UPDATE SET count = count + n)."""
    dialect = store.engine.dialect.name
    insert = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}.get(dialect)
    if insert is None:  # the project's databases are SQLite and PostgreSQL; a count never breaks a turn
        logger.error("question counts need SQLite or PostgreSQL; %s: %d not counted", dialect, len(counts))
        return
    with store.engine.begin() as connection:
        for (hour, outcome, category, disaster), count in counts.items():
            statement = insert(QuestionCountRow).values(
                hour=hour, outcome=outcome, category=category, disaster=disaster, count=count
            )
            statement = statement.on_conflict_do_update(
                index_elements=["hour", "outcome", "category", "disaster"],
                set_={"count": QuestionCountRow.count + statement.excluded.count},
            )
            connection.execute(statement)


def count_turn(
    store: FaqStore,
    outcome: str,
    category: str = "",
    prefecture: str | None = None,
    at: datetime | None = None,
) -> str:
    """Add one to the count of ``outcome`` in ``category`` for this hour, now; returns the disaster id it
    was counted for ("" for none). Raises ValueError for an unknown outcome."""
    row = _turn_row(store, outcome, category, prefecture, at)
    _add_counts(store, {row: 1})
    return row[3]


class TurnCounter:
    """The chat's counts, added to the table at most every ``every`` seconds instead of once per turn.

    A commit per turn was about 8 % of a saturated process's time (an fsync on SQLite). The counts of the
    last ``every`` seconds wait in memory: a timer thread writes them, and so do :meth:`flush` (at
    shutdown) and every read of this module for the same store, so this process's reads see all its counts.
    Several workers still add with ``count = count + n``, so none is lost between them; a crash can lose
    the counts of the last ``every`` seconds (numbers for the overview, never a resident's turn).
    """

    def __init__(self, store: FaqStore, every: float = 1.0):
        self.store = store
        self.every = every
        self._pending: Counter[tuple[datetime, str, str, str]] = Counter()
        self._lock = threading.Lock()  # the pending counts and the timer
        self._writing = threading.Lock()  # one flush at a time
        self._timer: threading.Timer | None = None
        _COUNTERS[id(store)] = self
        atexit.register(self.flush)

    def add(
        self, outcome: str, category: str = "", prefecture: str | None = None, at: datetime | None = None
    ) -> str:
        """Count one turn (written within ``every`` seconds); returns the disaster id it counts for."""
        row = _turn_row(self.store, outcome, category, prefecture, at)
        with self._lock:
            self._pending[row] += 1
            if self._timer is None:
                self._timer = threading.Timer(self.every, self.flush)
                self._timer.daemon = True
                self._timer.start()
        return row[3]

    def flush(self) -> None:
        """Write every pending count now; on a database error they are kept for the next try. Returns
        after any flush already under way (the timer's) has finished, so nothing is in flight at exit."""
        with self._writing:
            with self._lock:
                pending, self._pending = self._pending, Counter()
                if self._timer is not None:
                    self._timer.cancel()
                    self._timer = None
            if not pending:
                return
            try:
                _add_counts(self.store, dict(pending))
            except SQLAlchemyError as exc:
                logger.warning("question counts not written yet (%s); kept", type(exc).__name__)
                with self._lock:
                    self._pending.update(pending)


# Pending counts per store (by identity), so that this process's reads include them.
_COUNTERS: dict[int, TurnCounter] = {}


def _flush_pending(store: FaqStore) -> None:
    counter = _COUNTERS.get(id(store))
    if counter is not None:
        counter.flush()


def counts_between(store: FaqStore, since: datetime, until: datetime | None = None) -> list[QuestionCount]:
    """Every stored count from ``since`` (inclusive) to ``until`` (exclusive), oldest first."""
    _flush_pending(store)
    query = select(QuestionCountRow).where(QuestionCountRow.hour >= hour_of(since))
    if until is not None:
        query = query.where(QuestionCountRow.hour < until)
    with store.session() as session:
        rows = session.execute(query.order_by(QuestionCountRow.hour)).scalars()
        return [QuestionCount(hour_of(r.hour), r.outcome, r.category, r.disaster, int(r.count)) for r in rows]


def delete_counts_before(session, cutoff: datetime) -> int:
    """Drop the counts of hours before ``cutoff`` (inside the caller's transaction); returns how many rows."""
    result = session.execute(
        delete(QuestionCountRow)
        .where(QuestionCountRow.hour < hour_of(cutoff))
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)


def disaster_totals(store: FaqStore) -> dict[str, dict[str, int]]:
    """Per disaster id, its questions by outcome over everything kept: {id: {outcome: n}}."""
    _flush_pending(store)
    totals: dict[str, dict[str, int]] = {}
    with store.session() as session:
        rows = session.execute(
            select(QuestionCountRow.disaster, QuestionCountRow.outcome, func.sum(QuestionCountRow.count))
            .where(QuestionCountRow.disaster != "")
            .group_by(QuestionCountRow.disaster, QuestionCountRow.outcome)
        ).all()
    for disaster, outcome, total in rows:
        totals.setdefault(disaster, {})[outcome] = int(total or 0)
    return totals
