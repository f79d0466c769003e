"""Versioned FAQ entries: every change is a new version with author, time and reason.

An entry's versions form one line. The newest version is the *working* one (what the editor sees); the
newest version that is ``published`` or ``retired`` is the *live* one and decides whether and how the entry
answers. A draft written on top of a published entry therefore changes nothing for residents until a
reviewer publishes it. ``faq_entries`` (read by search) is the projection of the live versions and is
rewritten in the same transaction as the version that changes it.

Workflow: draft → review → published → retired. Editors write drafts and submit them; reviewers also
publish, retire and roll back (a rollback is a new published version copying an old one's content).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone

from sqlalchemy import select

from faq.content.permissions import (
    ADMIN,
    EDITOR,
    REVIEWER,
    ROLES,
    Actor,
    EntryAction,
    PermissionDenied,
    require,
)
from faq.content.store import FaqStore
from faq.errors import FaqError, FaqNotFound
from faq.model import LIVE_STATUSES, STATUSES, FaqEntry, Source, VersionStatus
from faq.tables import AlternateRow, EntryRow, EntryVersionRow

SEED_AUTHOR = "seed"
__all__ = [  # Actor, the roles and PermissionDenied live in faq.content.permissions; imported from here too
    "ADMIN",
    "EDITOR",
    "REVIEWER",
    "ROLES",
    "SEED",
    "Actor",
    "EntrySummary",
    "EntryVersion",
    "EntryVersions",
    "LoadReport",
    "PermissionDenied",
    "WorkflowError",
    "says_the_same",
]


class WorkflowError(FaqError):
    """A change the workflow does not allow (publishing nothing, submitting a published entry...)."""


SEED = Actor(SEED_AUTHOR, ADMIN)  # the YAML files: `faq load` writes entries of every organisation


@dataclass(frozen=True)
class LoadReport:
    """What `faq load` did with the YAML entries."""

    added: int
    updated: int
    unchanged: int
    kept_staff_edit: int = 0


@dataclass(frozen=True)
class EntryVersion:
    entry: FaqEntry  # the content, with ``status`` = this version's status
    number: int
    author: str
    reason: str
    created_at: datetime

    @property
    def status(self) -> str:
        return self.entry.status


@dataclass(frozen=True)
class EntrySummary:
    """One line of the console's list."""

    id: str
    category: str
    question: str
    status: str  # the working version's
    live_status: str | None  # published | retired | None (never published)
    version: int
    author: str
    updated_at: datetime
    owner: str = "national"  # the working version's organisation


def _to_version(row: EntryVersionRow) -> EntryVersion:
    entry = FaqEntry(
        id=row.entry_id,
        category=row.category,
        question=row.question,
        answer=row.answer,
        source=Source(row.source_document, row.source_section or "", row.source_ref),
        last_checked=_as_date(row.last_checked),
        alternates=tuple(json.loads(row.alternates or "[]")),
        audience=tuple(json.loads(row.audience or "[]")),
        status=row.status,
        easy_ja=row.easy_ja or "",
        owner=row.owner or "national",
    )
    return EntryVersion(entry, row.number, row.author, row.reason, row.created_at)


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def says_the_same(a: FaqEntry, b: FaqEntry) -> bool:
    """Whether two versions say the same (their status aside)."""
    return replace(a, status="") == replace(b, status="")


class EntryVersions:
    """The versioned view of a :class:`FaqStore`.

    >>> versions = EntryVersions(store)
    >>> versions.save_draft(entry, Actor("sato", "editor"), "新しい質問")      # doctest: +SKIP
    """

    def __init__(self, store: FaqStore):
        self.store = store

    # -- reading ----------------------------------------------------------------------------------
    def history(self, entry_id: str) -> list[EntryVersion]:
        """Every version, newest first; raises FaqNotFound for an unknown id."""
        with self.store.session() as session:
            rows = session.execute(
                select(EntryVersionRow)
                .where(EntryVersionRow.entry_id == entry_id)
                .order_by(EntryVersionRow.number.desc())
            ).scalars()
            versions = [_to_version(r) for r in rows]
        if not versions:
            raise FaqNotFound(entry_id)
        return versions

    def working(self, entry_id: str) -> EntryVersion:
        return self.history(entry_id)[0]

    def version(self, entry_id: str, number: int) -> EntryVersion:
        for v in self.history(entry_id):
            if v.number == number:
                return v
        raise FaqNotFound(f"{entry_id} v{number}")

    @staticmethod
    def live_of(history: list[EntryVersion]) -> EntryVersion | None:
        return next((v for v in history if v.status in LIVE_STATUSES), None)

    @staticmethod
    def live_before(history: list[EntryVersion]) -> EntryVersion | None:
        """The version that was live before the current live one: what undoing a publish, rollback or
        retirement goes back to (``None`` when the entry was live only once)."""
        live = [v for v in history if v.status in LIVE_STATUSES]
        return live[1] if len(live) > 1 else None

    def summaries(
        self, status: str | None = None, category: str | None = None, text: str | None = None
    ) -> list[EntrySummary]:
        """Entries by their working version; ``text`` matches id, question, answer or alternates."""
        needle = (text or "").strip().lower()
        found = []
        for history in self._histories().values():
            top = history[0]
            e = top.entry
            if status and top.status != status:
                continue
            if category and e.category != category:
                continue
            haystack = " ".join([e.id, e.question, e.answer, *e.alternates]).lower()
            if needle and needle not in haystack:
                continue
            live = self.live_of(history)
            found.append(
                EntrySummary(
                    e.id,
                    e.category,
                    e.question,
                    top.status,
                    live.status if live else None,
                    top.number,
                    top.author,
                    top.created_at,
                    e.owner,
                )
            )
        return found

    def working_all(self) -> list[EntryVersion]:
        """The working version of every entry, ordered by id, from one query."""
        return [history[0] for history in self._histories().values()]

    def _histories(self) -> dict[str, list[EntryVersion]]:
        """Every entry's versions, newest first, keyed by entry id in id order."""
        with self.store.session() as session:
            rows = session.execute(
                select(EntryVersionRow).order_by(EntryVersionRow.entry_id, EntryVersionRow.number.desc())
            ).scalars()
            by_entry: dict[str, list[EntryVersion]] = {}
            for row in rows:
                by_entry.setdefault(row.entry_id, []).append(_to_version(row))
        return by_entry

    def counts_by_status(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for summary in self.summaries():
            counts[summary.status] = counts.get(summary.status, 0) + 1
        return counts

    # -- changing ---------------------------------------------------------------------------------
    def save_draft(self, entry: FaqEntry, actor: Actor, reason: str) -> EntryVersion:
        """A new draft version of ``entry`` (a new entry when the id is new); both the entry's current
        owner and its new one must be the actor's organisation (or the actor the national admin)."""
        self._require_on_current(entry.id, actor, EntryAction.EDIT)
        require(actor, EntryAction.EDIT, entry.owner, entry.id)
        return self._append(entry, VersionStatus.DRAFT, actor, reason, same_content="error")

    def submit(self, entry_id: str, actor: Actor, reason: str = "レビュー依頼") -> EntryVersion:
        top = self.working(entry_id)
        require(actor, EntryAction.EDIT, top.entry.owner, entry_id)
        if top.status != VersionStatus.DRAFT:
            raise WorkflowError(f"{entry_id} v{top.number} is {top.status}, only a draft can be submitted")
        return self._append(top.entry, VersionStatus.REVIEW, actor, reason)

    def publish(self, entry_id: str, actor: Actor, reason: str = "公開") -> EntryVersion:
        """Publish the working version (a draft or one in review). Reviewers only."""
        top = self.working(entry_id)
        require(actor, EntryAction.PUBLISH, top.entry.owner, entry_id)
        if top.status not in (VersionStatus.DRAFT, VersionStatus.REVIEW):
            raise WorkflowError(f"{entry_id} v{top.number} is already {top.status}")
        return self._append(top.entry, VersionStatus.PUBLISHED, actor, reason)

    def retire(self, entry_id: str, actor: Actor, reason: str) -> EntryVersion:
        """Stop the entry answering; its history stays. Reviewers only."""
        history = self.history(entry_id)
        require(actor, EntryAction.RETIRE, history[0].entry.owner, entry_id)
        live = self.live_of(history)
        if live is None or live.status != VersionStatus.PUBLISHED:
            raise WorkflowError(f"{entry_id} is not published")
        return self._append(live.entry, VersionStatus.RETIRED, actor, reason)

    def rollback(self, entry_id: str, number: int, actor: Actor, reason: str) -> EntryVersion:
        """Publish the content of version ``number`` again, as a new version. Reviewers only."""
        require(actor, EntryAction.ROLLBACK, self.working(entry_id).entry.owner, entry_id)
        old = self.version(entry_id, number)
        require(actor, EntryAction.ROLLBACK, old.entry.owner, entry_id)
        return self._append(old.entry, VersionStatus.PUBLISHED, actor, reason or f"v{number} に戻す")

    def import_entries(
        self, entries: list[FaqEntry], actor: Actor, reason: str, publish: bool
    ) -> dict[str, int]:
        """Write many entries in one transaction: all of them or, on any error, none.

        Unchanged entries are skipped. ``publish`` needs the reviewer role; otherwise they become drafts.
        """
        if publish:
            actor.require(REVIEWER, "取り込んだエントリの公開")
        owners = self._owners()
        for entry in entries:
            require(actor, EntryAction.IMPORT, entry.owner, entry.id)
            if entry.id in owners:
                require(actor, EntryAction.IMPORT, owners[entry.id], entry.id)
        status = VersionStatus.PUBLISHED if publish else VersionStatus.DRAFT
        counts = {"added": 0, "changed": 0, "unchanged": 0}
        with self.store.session() as session, session.begin():
            for entry in entries:
                kind = self._append_in(session, entry, status, actor, reason, same_content="skip")
                counts[kind] += 1
        return counts

    def sync_seed(self, entries: list[FaqEntry]) -> LoadReport:
        """`faq load`: add new seed entries; update those staff never touched; leave staff edits alone."""
        counts = {"added": 0, "changed": 0, "unchanged": 0, "kept_staff_edit": 0}
        with self.store.session() as session, session.begin():
            authors: dict[str, str] = {}
            for entry_id, author in session.execute(
                select(EntryVersionRow.entry_id, EntryVersionRow.author).order_by(EntryVersionRow.number)
            ):
                authors[entry_id] = author  # the newest version's author wins
            for entry in entries:
                if authors.get(entry.id, SEED_AUTHOR) != SEED_AUTHOR:
                    counts["kept_staff_edit"] += 1
                    continue
                status = entry.status if entry.status in STATUSES else VersionStatus.DRAFT
                kind = self._append_in(session, entry, status, SEED, "faq/data/entries の YAML を読み込み")
                counts[kind] += 1
        return LoadReport(counts["added"], counts["changed"], counts["unchanged"], counts["kept_staff_edit"])

    # -- internals --------------------------------------------------------------------------------
    def _require_on_current(self, entry_id: str, actor: Actor, action: EntryAction) -> None:
        try:
            current = self.working(entry_id).entry.owner
        except FaqNotFound:
            return  # a new entry: only its own owner is checked
        require(actor, action, current, entry_id)

    def _owners(self) -> dict[str, str]:
        """Each entry's current owner (its newest version's), from one query."""
        with self.store.session() as session:
            rows = session.execute(
                select(EntryVersionRow.entry_id, EntryVersionRow.owner).order_by(EntryVersionRow.number)
            )
            return {entry_id: owner or "national" for entry_id, owner in rows}

    def _append(
        self, entry: FaqEntry, status: str, actor: Actor, reason: str, same_content: str = "append"
    ) -> EntryVersion:
        with self.store.session() as session, session.begin():
            self._append_in(session, entry, status, actor, reason, same_content)
        return self.working(entry.id)

    def _append_in(
        self, session, entry: FaqEntry, status: str, actor: Actor, reason: str, same_content: str = "append"
    ) -> str:
        """Add one version; returns added | changed | unchanged.

        ``same_content`` says what to do when only the status would change: append, skip or error.
        """
        if not reason.strip():
            raise WorkflowError("a reason is required for every change")
        last = session.execute(
            select(EntryVersionRow)
            .where(EntryVersionRow.entry_id == entry.id)
            .order_by(EntryVersionRow.number.desc())
            .limit(1)
        ).scalar_one_or_none()
        if last is not None and says_the_same(_to_version(last).entry, entry):
            if last.status == status or same_content == "skip":
                return "unchanged"
            if same_content == "error":
                raise WorkflowError(f"{entry.id}: nothing changed since v{last.number}")
        now = datetime.now(timezone.utc)
        session.add(
            EntryVersionRow(
                entry_id=entry.id,
                number=(last.number + 1) if last is not None else 1,
                status=status,
                category=entry.category,
                question=entry.question,
                answer=entry.answer,
                alternates=json.dumps(list(entry.alternates), ensure_ascii=False),
                audience=json.dumps(list(entry.audience), ensure_ascii=False),
                easy_ja=entry.easy_ja,
                owner=entry.owner,
                source_document=entry.source.document,
                source_section=entry.source.section,
                source_ref=entry.source.ref,
                last_checked=entry.last_checked,
                author=actor.username[:100],
                reason=reason.strip()[:2000],
                created_at=now,
            )
        )
        if status in LIVE_STATUSES:
            self._project(session, replace(entry, status=status), now)
        return "added" if last is None else "changed"

    @staticmethod
    def _project(session, entry: FaqEntry, now: datetime) -> None:
        """Make ``faq_entries`` (what search reads) show the live version."""
        row = session.get(EntryRow, entry.id)
        if row is None:
            row = EntryRow(id=entry.id)
            session.add(row)
        row.category = entry.category
        row.question = entry.question
        row.answer = entry.answer
        row.audience = json.dumps(list(entry.audience), ensure_ascii=False)
        row.easy_ja = entry.easy_ja
        row.owner = entry.owner
        row.source_document = entry.source.document
        row.source_section = entry.source.section
        row.source_ref = entry.source.ref
        row.last_checked = entry.last_checked
        row.status = entry.status
        row.updated_at = now
        row.alternates = [AlternateRow(position=i, text=t) for i, t in enumerate(entry.alternates)]
