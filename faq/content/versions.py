"""Versioned FAQ entries: the review workflow (:mod:`faq.content.workflow`) applied to entries.

What is particular to entries is said here, in :class:`EntryKind`: a line of versions is keyed by the
entry id, stored in ``faq_entry_versions``; an entry's owner decides who may act on it (both its current
owner and a draft's new one); and a version that becomes live is projected into ``faq_entries``, what
search reads, in the same transaction. The console's list, imports and `faq load` are entries' own.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

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
from faq.content.workflow import SEED, SEED_AUTHOR, Kind, LoadReport, Version, Workflow, WorkflowError
from faq.errors import FaqNotFound
from faq.model import FaqEntry, Source, VersionStatus
from faq.tables import AlternateRow, EntryRow, EntryVersionRow

__all__ = [  # Actor, the roles and PermissionDenied live in faq.content.permissions; the workflow's names
    # in faq.content.workflow; both are imported from here too
    "ADMIN",
    "EDITOR",
    "REVIEWER",
    "ROLES",
    "SEED",
    "SEED_AUTHOR",
    "Actor",
    "EntrySummary",
    "EntryVersion",
    "EntryVersions",
    "LoadReport",
    "PermissionDenied",
    "WorkflowError",
    "says_the_same",
]


class EntryVersion(Version[FaqEntry]):
    """One version of an entry."""

    @property
    def entry(self) -> FaqEntry:
        return self.content


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


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def says_the_same(a: FaqEntry, b: FaqEntry) -> bool:
    """Whether two versions say the same (their status aside)."""
    return replace(a, status="") == replace(b, status="")


class EntryKind(Kind[str, FaqEntry, EntryVersion]):
    """Entries, for the workflow: keyed by id, owned by an organisation, projected for search."""

    row = EntryVersionRow
    seed_reason = "faq/data/entries の YAML を読み込み"

    def key_of(self, content: FaqEntry) -> str:
        return content.id

    def where(self, key: str) -> list[Any]:
        return [EntryVersionRow.entry_id == key]

    def key_columns(self) -> tuple[Any, ...]:
        return (EntryVersionRow.entry_id,)

    def key_of_columns(self, values: tuple[Any, ...]) -> str:
        return str(values[0])

    def label(self, key: str) -> str:
        return key

    def missing(self, key: str) -> FaqNotFound:
        return FaqNotFound(key)

    def to_version(self, row: Any) -> EntryVersion:
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

    def to_row(self, content: FaqEntry, **bookkeeping: Any) -> EntryVersionRow:
        return EntryVersionRow(
            entry_id=content.id,
            category=content.category,
            question=content.question,
            answer=content.answer,
            alternates=json.dumps(list(content.alternates), ensure_ascii=False),
            audience=json.dumps(list(content.audience), ensure_ascii=False),
            easy_ja=content.easy_ja,
            owner=content.owner,
            source_document=content.source.document,
            source_section=content.source.section,
            source_ref=content.source.ref,
            last_checked=content.last_checked,
            **bookkeeping,
        )

    def says_the_same(self, a: FaqEntry, b: FaqEntry) -> bool:
        return says_the_same(a, b)

    def authorise(
        self, actor: Actor, action: EntryAction, key: str, working: Callable[[], EntryVersion]
    ) -> None:
        require(actor, action, working().entry.owner, key)

    def authorise_content(self, actor: Actor, action: EntryAction, content: FaqEntry) -> None:
        require(actor, action, content.owner, content.id)

    def authorise_draft(self, actor: Actor, content: FaqEntry, working: Callable[[], EntryVersion]) -> None:
        """Both the entry's current owner and its new one must be the actor's organisation (or the actor
        the national admin); a new entry has only its own owner."""
        try:
            current = working().entry.owner
        except FaqNotFound:
            current = None
        if current is not None:
            require(actor, EntryAction.EDIT, current, content.id)
        require(actor, EntryAction.EDIT, content.owner, content.id)

    def go_live(self, session: Any, content: FaqEntry, status: str, now: datetime) -> None:
        """Make ``faq_entries`` (what search reads) show the live version."""
        entry = replace(content, status=status)
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


class EntryVersions(Workflow[str, FaqEntry, EntryVersion]):
    """The versioned view of a :class:`FaqStore`: the workflow's steps on entries, and entries' own reads.

    >>> versions = EntryVersions(store)
    >>> versions.save_draft(entry, Actor("sato", "editor"), "新しい質問")      # doctest: +SKIP
    """

    def __init__(self, store: FaqStore):
        super().__init__(store, EntryKind())

    def summaries(
        self, status: str | None = None, category: str | None = None, text: str | None = None
    ) -> list[EntrySummary]:
        """Entries by their working version; ``text`` matches id, question, answer or alternates."""
        needle = (text or "").strip().lower()
        found = []
        for history in self.histories().values():
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
        return [history[0] for history in self.histories().values()]

    def counts_by_status(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for summary in self.summaries():
            counts[summary.status] = counts.get(summary.status, 0) + 1
        return counts

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
                kind = self.append_in(session, entry, status, actor, reason, same_content="skip")
                counts[kind] += 1
        return counts

    def _owners(self) -> dict[str, str]:
        """Each entry's current owner (its newest version's), from one query."""
        with self.store.session() as session:
            rows = session.execute(
                select(EntryVersionRow.entry_id, EntryVersionRow.owner).order_by(EntryVersionRow.number)
            )
            return {entry_id: owner or "national" for entry_id, owner in rows}
