"""The one review workflow: draft → review → published → retired, with history and rollback.

Entries, local supplements (地域の窓口) and whatever staff curate next are reviewed the same way, so the
steps, the roles, the organisation scoping and the errors are written once, here. What differs between
them is small and lives in a :class:`Kind` adapter: what is versioned (a row ↔ a content), where its
versions are stored (a table and the columns of its key), who may act on it (its owner) and how a live
version reaches residents (entries rewrite the table search reads; supplements are read as they are).

A thing's versions form one line keyed by the kind's key. The newest version is the *working* one (what
the editor sees); the newest ``published`` or ``retired`` one is the *live* one. A draft written on top of a
published version changes nothing for residents until a reviewer publishes it. Every change is a new
version with its author, time and reason; a rollback is a new published version copying an old one.

>>> workflow = Workflow(store, EntryKind(store))                   # doctest: +SKIP
>>> workflow.submit("kikumimi-hours", Actor("sato", EDITOR), "レビュー依頼")  # doctest: +SKIP
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy import select

from faq.content.permissions import ADMIN, Actor, EntryAction
from faq.content.store import FaqStore
from faq.errors import FaqError, FaqNotFound
from faq.model import LIVE_STATUSES, STATUSES, VersionStatus

SEED_AUTHOR = "seed"
SEED = Actor(SEED_AUTHOR, ADMIN)  # the YAML files: `faq load` writes content of every organisation


class WorkflowError(FaqError):
    """A change the workflow does not allow (publishing nothing, submitting a published entry...)."""


class Reviewed(Protocol):
    """What a versioned content needs: the status of the version it was read from."""

    @property
    def status(self) -> str: ...


C = TypeVar("C", bound=Reviewed)
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Version(Generic[C]):
    """One version of a content, with who wrote it, when and why."""

    content: C  # with ``status`` = this version's status
    number: int
    author: str
    reason: str
    created_at: datetime

    @property
    def status(self) -> str:
        return self.content.status


V = TypeVar("V", bound=Version[Any])


@dataclass(frozen=True)
class LoadReport:
    """What `faq load` did with the YAML files of one kind."""

    added: int
    updated: int
    unchanged: int
    kept_staff_edit: int = 0


class Kind(ABC, Generic[K, C, V]):
    """The adapter of one versioned kind: everything the workflow needs to know about it."""

    row: Any  # the ORM class of one version
    seed_reason: str  # the reason `faq load` writes in the history

    @abstractmethod
    def key_of(self, content: C) -> K:
        """The line of versions ``content`` belongs to."""

    @abstractmethod
    def where(self, key: K) -> list[Any]:
        """The SQL conditions selecting the versions of ``key``."""

    @abstractmethod
    def key_columns(self) -> tuple[Any, ...]:
        """The columns of the key, in the order lines are listed."""

    @abstractmethod
    def key_of_columns(self, values: tuple[Any, ...]) -> K:
        """The key from the values of :meth:`key_columns`."""

    @abstractmethod
    def label(self, key: K) -> str:
        """The key in an error message (one word: staff_messages reads it back)."""

    @abstractmethod
    def missing(self, key: K) -> FaqNotFound:
        """The error for a line with no versions."""

    @abstractmethod
    def to_version(self, row: Any) -> V:
        """A stored row as a version."""

    @abstractmethod
    def to_row(self, content: C, **bookkeeping: Any) -> Any:
        """A new row holding ``content``; ``bookkeeping`` names number, status, author, reason and time."""

    @abstractmethod
    def says_the_same(self, a: C, b: C) -> bool:
        """Whether two contents say the same, their status aside."""

    @abstractmethod
    def authorise(self, actor: Actor, action: EntryAction, key: K, working: Callable[[], V]) -> None:
        """Raise PermissionDenied (or FaqNotFound) unless ``actor`` may take ``action`` on the line."""

    @abstractmethod
    def authorise_content(self, actor: Actor, action: EntryAction, content: C) -> None:
        """Raise PermissionDenied unless ``actor`` may put ``content`` (a draft, a rollback's target) live."""

    def authorise_draft(self, actor: Actor, content: C, working: Callable[[], V]) -> None:
        """The check of a new draft: on the line, then on what the draft says."""
        self.authorise(actor, EntryAction.EDIT, self.key_of(content), working)
        self.authorise_content(actor, EntryAction.EDIT, content)

    def go_live(self, session: Any, content: C, status: str, now: datetime) -> None:
        """Make a version that just became live reach residents (nothing: it is read where it is)."""


class Workflow(Generic[K, C, V]):
    """The steps of the review workflow over the versions of one :class:`Kind`."""

    def __init__(self, store: FaqStore, kind: Kind[K, C, V]):
        self.store = store
        self.kind = kind

    # -- reading ----------------------------------------------------------------------------------
    def history(self, key: K) -> list[V]:
        """Every version, newest first; the kind's FaqNotFound when the line has none."""
        row = self.kind.row
        with self.store.session() as session:
            rows = session.execute(
                select(row).where(*self.kind.where(key)).order_by(row.number.desc())
            ).scalars()
            versions = [self.kind.to_version(r) for r in rows]
        if not versions:
            raise self.kind.missing(key)
        return versions

    def working(self, key: K) -> V:
        return self.history(key)[0]

    def version(self, key: K, number: int) -> V:
        found = next((v for v in self.history(key) if v.number == number), None)
        if found is None:
            raise FaqNotFound(f"{self.kind.missing(key)} v{number}")
        return found

    def histories(self, *where: Any) -> dict[K, list[V]]:
        """Every line's versions (those matching ``where``), newest first, by key, from one query."""
        row = self.kind.row
        with self.store.session() as session:
            rows = session.execute(
                select(row).where(*where).order_by(*self.kind.key_columns(), row.number.desc())
            ).scalars()
            lines: dict[K, list[V]] = {}
            for found in rows:
                version = self.kind.to_version(found)
                lines.setdefault(self.kind.key_of(version.content), []).append(version)
        return lines

    @staticmethod
    def live_of(history: list[V]) -> V | None:
        return next((v for v in history if v.status in LIVE_STATUSES), None)

    @staticmethod
    def live_before(history: list[V]) -> V | None:
        """The version that was live before the current live one: what undoing a publish, rollback or
        retirement goes back to (``None`` when the line was live only once)."""
        live = [v for v in history if v.status in LIVE_STATUSES]
        return live[1] if len(live) > 1 else None

    # -- changing ---------------------------------------------------------------------------------
    def save_draft(self, content: C, actor: Actor, reason: str) -> V:
        """A new draft version (a new line when the key is new)."""
        key = self.kind.key_of(content)
        self.kind.authorise_draft(actor, content, lambda: self.working(key))
        return self._append(content, VersionStatus.DRAFT, actor, reason, same_content="error")

    def submit(self, key: K, actor: Actor, reason: str = "レビュー依頼") -> V:
        self.kind.authorise(actor, EntryAction.EDIT, key, lambda: self.working(key))
        top = self.working(key)
        if top.status != VersionStatus.DRAFT:
            raise WorkflowError(
                f"{self.kind.label(key)} v{top.number} is {top.status}, only a draft can be submitted"
            )
        return self._append(top.content, VersionStatus.REVIEW, actor, reason)

    def publish(self, key: K, actor: Actor, reason: str = "公開") -> V:
        """Publish the working version (a draft or one in review). Reviewers only."""
        self.kind.authorise(actor, EntryAction.PUBLISH, key, lambda: self.working(key))
        top = self.working(key)
        if top.status not in (VersionStatus.DRAFT, VersionStatus.REVIEW):
            raise WorkflowError(f"{self.kind.label(key)} v{top.number} is already {top.status}")
        return self._append(top.content, VersionStatus.PUBLISHED, actor, reason)

    def retire(self, key: K, actor: Actor, reason: str) -> V:
        """Stop the live version reaching residents; the history stays. Reviewers only."""
        self.kind.authorise(actor, EntryAction.RETIRE, key, lambda: self.working(key))
        live = self.live_of(self.history(key))
        if live is None or live.status != VersionStatus.PUBLISHED:
            raise WorkflowError(f"{self.kind.label(key)} is not published")
        return self._append(live.content, VersionStatus.RETIRED, actor, reason)

    def rollback(self, key: K, number: int, actor: Actor, reason: str) -> V:
        """Publish the content of version ``number`` again, as a new version. Reviewers only."""
        self.kind.authorise(actor, EntryAction.ROLLBACK, key, lambda: self.working(key))
        old = self.version(key, number)
        self.kind.authorise_content(actor, EntryAction.ROLLBACK, old.content)
        return self._append(old.content, VersionStatus.PUBLISHED, actor, reason or f"v{number} に戻す")

    def sync_seed(self, contents: list[C]) -> LoadReport:
        """`faq load`: add new seed content; update what staff never touched; leave staff edits alone."""
        counts = {"added": 0, "changed": 0, "unchanged": 0, "kept": 0}
        with self.store.session() as session, session.begin():
            authors: dict[K, str] = {}
            for *values, author in session.execute(
                select(*self.kind.key_columns(), self.kind.row.author).order_by(self.kind.row.number)
            ):
                authors[self.kind.key_of_columns(tuple(values))] = author  # the newest version's wins
            for content in contents:
                if authors.get(self.kind.key_of(content), SEED_AUTHOR) != SEED_AUTHOR:
                    counts["kept"] += 1
                    continue
                status = content.status if content.status in STATUSES else VersionStatus.DRAFT
                counts[self.append_in(session, content, status, SEED, self.kind.seed_reason)] += 1
        return LoadReport(counts["added"], counts["changed"], counts["unchanged"], counts["kept"])

    def _append(self, content: C, status: str, actor: Actor, reason: str, same_content: str = "append") -> V:
        with self.store.session() as session, session.begin():
            self.append_in(session, content, status, actor, reason, same_content)
        return self.working(self.kind.key_of(content))

    def append_in(
        self, session: Any, content: C, status: str, actor: Actor, reason: str, same_content: str = "append"
    ) -> str:
        """Add one version in ``session``; returns added | changed | unchanged.

        ``same_content`` says what to do when only the status would change: append, skip or error.
        """
        if not reason.strip():
            raise WorkflowError("a reason is required for every change")
        key = self.kind.key_of(content)
        row = self.kind.row
        last = session.execute(
            select(row).where(*self.kind.where(key)).order_by(row.number.desc()).limit(1)
        ).scalar_one_or_none()
        if last is not None and self.kind.says_the_same(self.kind.to_version(last).content, content):
            if last.status == status or same_content == "skip":
                return "unchanged"
            if same_content == "error":
                raise WorkflowError(f"{self.kind.label(key)}: nothing changed since v{last.number}")
        now = datetime.now(timezone.utc)
        session.add(
            self.kind.to_row(
                content,
                number=(last.number + 1) if last is not None else 1,
                status=str(status),
                author=actor.username[:100],
                reason=reason.strip()[:2000],
                created_at=now,
            )
        )
        if status in LIVE_STATUSES:
            self.kind.go_live(session, content, str(status), now)
        return "added" if last is None else "changed"
