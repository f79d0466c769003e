"""Versioned local supplements: the review workflow (:mod:`faq.content.workflow`) applied to 地域の窓口.

What is particular to supplements is said here, in :class:`SupplementKind`: a line of versions is keyed by
(national entry id, municipality code) and stored in ``local_supplements``; the municipality owns it, on an
entry its staff may see. There is no projection table: the live version is the newest published or retired
row of its pair, read by one query when a resident's answer needs it.

>>> versions = SupplementVersions(store)                                 # doctest: +SKIP
>>> versions.live("disaster-guide-02-oukyu-shuri", "172049").window      # doctest: +SKIP
'輪島市 災害合同相談所（石川県・輪島市・総務省石川行政評価事務所）'
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import select

from faq.content.organisations import municipality_id
from faq.content.permissions import Actor, EntryAction, require
from faq.content.store import FaqStore
from faq.content.supplements import FIELDS, LocalSupplement
from faq.content.workflow import Kind, LoadReport, Version, Workflow
from faq.errors import FaqNotFound
from faq.model import LIVE_STATUSES, Source, VersionStatus
from faq.tables import LocalSupplementRow


class SupplementVersion(Version[LocalSupplement]):
    """One version of a municipality's supplement to one entry."""

    @property
    def supplement(self) -> LocalSupplement:
        return self.content


def _to_supplement(row: LocalSupplementRow) -> LocalSupplement:
    checked = row.last_checked
    return LocalSupplement(
        entry_id=row.entry_id,
        municipality=row.municipality,
        source=Source(row.source_document, row.source_section or "", row.source_ref),
        last_checked=checked if isinstance(checked, date) else date.fromisoformat(str(checked)),
        field_refs=json.loads(row.field_refs or "{}"),
        status=row.status,
        **{name: getattr(row, name) or "" for name in FIELDS},
    )


Pair = tuple[str, str]  # (national entry id, municipality code)


class SupplementKind(Kind[Pair, LocalSupplement, SupplementVersion]):
    """Supplements, for the workflow: keyed by (entry, municipality), owned by the municipality, read as
    stored (no projection)."""

    row = LocalSupplementRow
    seed_reason = "faq/data/supplements の YAML を読み込み"

    def __init__(self, store: FaqStore):
        self.store = store

    def key_of(self, content: LocalSupplement) -> Pair:
        return (content.entry_id, content.municipality)

    def where(self, key: Pair) -> list[Any]:
        return [LocalSupplementRow.entry_id == key[0], LocalSupplementRow.municipality == key[1]]

    def key_columns(self) -> tuple[Any, ...]:
        return (LocalSupplementRow.entry_id, LocalSupplementRow.municipality)

    def key_of_columns(self, values: tuple[Any, ...]) -> Pair:
        return (str(values[0]), str(values[1]))

    def label(self, key: Pair) -> str:
        return f"{key[0]}/{key[1]}"

    def missing(self, key: Pair) -> FaqNotFound:
        return FaqNotFound(f"supplement {key[0]} / {key[1]}")

    def to_version(self, row: Any) -> SupplementVersion:
        return SupplementVersion(_to_supplement(row), row.number, row.author, row.reason, row.created_at)

    def to_row(self, content: LocalSupplement, **bookkeeping: Any) -> LocalSupplementRow:
        return LocalSupplementRow(
            entry_id=content.entry_id,
            municipality=content.municipality,
            field_refs=json.dumps(content.field_refs, ensure_ascii=False, sort_keys=True),
            source_document=content.source.document,
            source_section=content.source.section,
            source_ref=content.source.ref,
            last_checked=content.last_checked,
            **{name: getattr(content, name) for name in FIELDS},
            **bookkeeping,
        )

    def says_the_same(self, a: LocalSupplement, b: LocalSupplement) -> bool:
        return a.content() == b.content()

    def authorise(
        self, actor: Actor, action: EntryAction, key: Pair, working: Callable[[], SupplementVersion]
    ) -> None:
        """The one check of every step on a supplement: the municipality's staff may take it
        (:func:`~faq.content.permissions.require`), and only on an entry they may see — a municipality
        supplements the national entries and its own, never another municipality's (FaqNotFound for an
        unknown entry, PermissionDenied otherwise)."""
        entry_id, municipality = key
        require(actor, action, municipality_id(municipality), entry_id)
        require(actor, EntryAction.VIEW, self.store.get(entry_id).owner, entry_id)

    def authorise_content(self, actor: Actor, action: EntryAction, content: LocalSupplement) -> None:
        """Nothing more: a supplement's content cannot move it to another municipality or entry."""


class SupplementVersions:
    """Supplements in the FAQ database, one line of versions per (entry, municipality): the workflow's
    steps named by entry and municipality, and the reads residents' answers and the console need."""

    def __init__(self, store: FaqStore):
        self.store = store
        self.workflow = Workflow(store, SupplementKind(store))

    # -- reading ----------------------------------------------------------------------------------
    def history(self, entry_id: str, municipality: str) -> list[SupplementVersion]:
        """Every version, newest first; FaqNotFound when the pair has none."""
        return self.workflow.history((entry_id, municipality))

    def working(self, entry_id: str, municipality: str) -> SupplementVersion:
        return self.workflow.working((entry_id, municipality))

    def live(self, entry_id: str, municipality: str) -> LocalSupplement | None:
        """The published supplement residents of ``municipality`` see under ``entry_id``, or None."""
        with self.store.session() as session:
            row = session.execute(
                select(LocalSupplementRow)
                .where(LocalSupplementRow.entry_id == entry_id)
                .where(LocalSupplementRow.municipality == municipality)
                .where(LocalSupplementRow.status.in_([str(s) for s in LIVE_STATUSES]))
                .order_by(LocalSupplementRow.number.desc())
                .limit(1)
            ).scalar_one_or_none()
        if row is None or row.status != VersionStatus.PUBLISHED:
            return None
        return _to_supplement(row)

    def published_for(self, municipality: str) -> list[LocalSupplement]:
        """Every supplement residents of ``municipality`` see now, by entry id."""
        entry_ids = [v.supplement.entry_id for v in self.working_for(municipality)]
        return [s for s in (self.live(e, municipality) for e in entry_ids) if s is not None]

    def working_all(self) -> list[SupplementVersion]:
        """The working version of every supplement of every municipality."""
        with self.store.session() as session:
            codes = session.execute(select(LocalSupplementRow.municipality).distinct()).scalars().all()
        return [v for code in sorted(codes) for v in self.working_for(code)]

    def working_for(self, municipality: str) -> list[SupplementVersion]:
        """The working version of each of ``municipality``'s supplements, by entry id (the console list)."""
        lines = self.workflow.histories(LocalSupplementRow.municipality == municipality)
        return [history[0] for history in lines.values()]

    # -- changing: the workflow's steps -----------------------------------------------------------
    def require(self, actor: Actor, action: EntryAction, entry_id: str, municipality: str) -> None:
        """The check every step makes (:meth:`SupplementKind.authorise`), for pages that refuse early."""
        self.workflow.kind.authorise(
            actor, action, (entry_id, municipality), lambda: self.working(entry_id, municipality)
        )

    def save_draft(self, supplement: LocalSupplement, actor: Actor, reason: str) -> SupplementVersion:
        """A new draft (a new supplement when the pair is new): the municipality's editors and reviewers."""
        return self.workflow.save_draft(supplement, actor, reason)

    def submit(self, entry_id: str, municipality: str, actor: Actor, reason: str = "レビュー依頼"):
        return self.workflow.submit((entry_id, municipality), actor, reason)

    def publish(self, entry_id: str, municipality: str, actor: Actor, reason: str = "公開"):
        return self.workflow.publish((entry_id, municipality), actor, reason)

    def retire(self, entry_id: str, municipality: str, actor: Actor, reason: str):
        return self.workflow.retire((entry_id, municipality), actor, reason)

    def rollback(self, entry_id: str, municipality: str, number: int, actor: Actor, reason: str):
        """Publish version ``number``'s content again, as a new version. Reviewers only."""
        return self.workflow.rollback((entry_id, municipality), number, actor, reason)

    def sync_seed(self, supplements: list[LocalSupplement]) -> LoadReport:
        """`faq load`: add new seed supplements, update those staff never touched, keep staff edits."""
        return self.workflow.sync_seed(supplements)
