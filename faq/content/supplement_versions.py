"""Versioned local supplements, reviewed like entries (draft → review → published → retired, rollback).

The workflow, its roles and its errors are those of :mod:`faq.content.versions`; the line of versions is
keyed by (national entry id, municipality code) instead of an entry id. There is no projection table: the
live version is the newest published or retired row of its pair, read by one query when a resident's
answer needs it.

>>> versions = SupplementVersions(store)                                 # doctest: +SKIP
>>> versions.live("disaster-guide-02-oukyu-shuri", "172049").window      # doctest: +SKIP
'輪島市 災害合同相談所（石川県・輪島市・総務省石川行政評価事務所）'
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import select

from faq.content.organisations import municipality_id
from faq.content.permissions import EntryAction, require
from faq.content.store import FaqStore
from faq.content.supplements import FIELDS, LocalSupplement
from faq.content.versions import SEED, SEED_AUTHOR, Actor, LoadReport, WorkflowError
from faq.errors import FaqNotFound
from faq.model import LIVE_STATUSES, STATUSES, Source, VersionStatus
from faq.tables import LocalSupplementRow


@dataclass(frozen=True)
class SupplementVersion:
    supplement: LocalSupplement  # with ``status`` = this version's status
    number: int
    author: str
    reason: str
    created_at: datetime

    @property
    def status(self) -> str:
        return self.supplement.status


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


def _to_version(row: LocalSupplementRow) -> SupplementVersion:
    return SupplementVersion(_to_supplement(row), row.number, row.author, row.reason, row.created_at)


class SupplementVersions:
    """Supplements in the FAQ database, one line of versions per (entry, municipality)."""

    def __init__(self, store: FaqStore):
        self.store = store

    # -- reading ----------------------------------------------------------------------------------
    def history(self, entry_id: str, municipality: str) -> list[SupplementVersion]:
        """Every version, newest first; FaqNotFound when the pair has none."""
        with self.store.session() as session:
            rows = session.execute(
                select(LocalSupplementRow)
                .where(LocalSupplementRow.entry_id == entry_id)
                .where(LocalSupplementRow.municipality == municipality)
                .order_by(LocalSupplementRow.number.desc())
            ).scalars()
            versions = [_to_version(r) for r in rows]
        if not versions:
            raise FaqNotFound(f"supplement {entry_id} / {municipality}")
        return versions

    def working(self, entry_id: str, municipality: str) -> SupplementVersion:
        return self.history(entry_id, municipality)[0]

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
        with self.store.session() as session:
            rows = session.execute(
                select(LocalSupplementRow)
                .where(LocalSupplementRow.municipality == municipality)
                .order_by(LocalSupplementRow.entry_id, LocalSupplementRow.number.desc())
            ).scalars()
            newest: dict[str, SupplementVersion] = {}
            for row in rows:
                newest.setdefault(row.entry_id, _to_version(row))
        return list(newest.values())

    # -- changing ---------------------------------------------------------------------------------
    def require(self, actor: Actor, action: EntryAction, entry_id: str, municipality: str) -> None:
        """The one check of every step on a supplement: the municipality's staff may take it
        (:func:`~faq.content.permissions.require`), and only on an entry they may see — a municipality
        supplements the national entries and its own, never another municipality's (FaqNotFound for an
        unknown entry, PermissionDenied otherwise)."""
        require(actor, action, municipality_id(municipality), entry_id)
        require(actor, EntryAction.VIEW, self.store.get(entry_id).owner, entry_id)

    def save_draft(self, supplement: LocalSupplement, actor: Actor, reason: str) -> SupplementVersion:
        """A new draft (a new supplement when the pair is new): the municipality's editors and reviewers."""
        self.require(actor, EntryAction.EDIT, supplement.entry_id, supplement.municipality)
        return self._append(supplement, VersionStatus.DRAFT, actor, reason, same_content="error")

    def submit(self, entry_id: str, municipality: str, actor: Actor, reason: str = "レビュー依頼"):
        self.require(actor, EntryAction.EDIT, entry_id, municipality)
        top = self.working(entry_id, municipality)
        if top.status != VersionStatus.DRAFT:
            raise WorkflowError(f"{entry_id}/{municipality} v{top.number} is {top.status}, not a draft")
        return self._append(top.supplement, VersionStatus.REVIEW, actor, reason)

    def publish(self, entry_id: str, municipality: str, actor: Actor, reason: str = "公開"):
        self.require(actor, EntryAction.PUBLISH, entry_id, municipality)
        top = self.working(entry_id, municipality)
        if top.status not in (VersionStatus.DRAFT, VersionStatus.REVIEW):
            raise WorkflowError(f"{entry_id}/{municipality} v{top.number} is already {top.status}")
        return self._append(top.supplement, VersionStatus.PUBLISHED, actor, reason)

    def retire(self, entry_id: str, municipality: str, actor: Actor, reason: str):
        self.require(actor, EntryAction.RETIRE, entry_id, municipality)
        live = next((v for v in self.history(entry_id, municipality) if v.status in LIVE_STATUSES), None)
        if live is None or live.status != VersionStatus.PUBLISHED:
            raise WorkflowError(f"{entry_id}/{municipality} is not published")
        return self._append(live.supplement, VersionStatus.RETIRED, actor, reason)

    def rollback(self, entry_id: str, municipality: str, number: int, actor: Actor, reason: str):
        """Publish version ``number``'s content again, as a new version. Reviewers only."""
        self.require(actor, EntryAction.ROLLBACK, entry_id, municipality)
        old = next((v for v in self.history(entry_id, municipality) if v.number == number), None)
        if old is None:
            raise FaqNotFound(f"supplement {entry_id} / {municipality} v{number}")
        return self._append(old.supplement, VersionStatus.PUBLISHED, actor, reason or f"v{number} に戻す")

    def sync_seed(self, supplements: list[LocalSupplement]) -> LoadReport:
        """`faq load`: add new seed supplements, update those staff never touched, keep staff edits."""
        counts = {"added": 0, "changed": 0, "unchanged": 0, "kept": 0}
        with self.store.session() as session, session.begin():
            authors: dict[tuple[str, str], str] = {}
            for entry_id, code, author in session.execute(
                select(
                    LocalSupplementRow.entry_id, LocalSupplementRow.municipality, LocalSupplementRow.author
                ).order_by(LocalSupplementRow.number)
            ):
                authors[(entry_id, code)] = author  # the newest version's author wins
            for supplement in supplements:
                if authors.get((supplement.entry_id, supplement.municipality), SEED_AUTHOR) != SEED_AUTHOR:
                    counts["kept"] += 1
                    continue
                status = supplement.status if supplement.status in STATUSES else VersionStatus.DRAFT
                reason = "faq/data/supplements の YAML を読み込み"
                kind = self._append_in(session, supplement, status, SEED, reason)
                counts[kind] += 1
        return LoadReport(counts["added"], counts["changed"], counts["unchanged"], counts["kept"])

    # -- internals --------------------------------------------------------------------------------
    def _append(
        self,
        supplement: LocalSupplement,
        status: str,
        actor: Actor,
        reason: str,
        same_content: str = "append",
    ) -> SupplementVersion:
        with self.store.session() as session, session.begin():
            self._append_in(session, supplement, status, actor, reason, same_content)
        return self.working(supplement.entry_id, supplement.municipality)

    def _append_in(
        self,
        session,
        supplement: LocalSupplement,
        status: str,
        actor: Actor,
        reason: str,
        same_content="append",
    ) -> str:
        if not reason.strip():
            raise WorkflowError("a reason is required for every change")
        last = session.execute(
            select(LocalSupplementRow)
            .where(LocalSupplementRow.entry_id == supplement.entry_id)
            .where(LocalSupplementRow.municipality == supplement.municipality)
            .order_by(LocalSupplementRow.number.desc())
            .limit(1)
        ).scalar_one_or_none()
        if last is not None and _to_supplement(last).content() == supplement.content():
            if last.status == status or same_content == "skip":
                return "unchanged"
            if same_content == "error":
                raise WorkflowError(f"{supplement.entry_id}: nothing changed since v{last.number}")
        session.add(
            LocalSupplementRow(
                entry_id=supplement.entry_id,
                municipality=supplement.municipality,
                number=(last.number + 1) if last is not None else 1,
                status=str(status),
                field_refs=json.dumps(supplement.field_refs, ensure_ascii=False, sort_keys=True),
                source_document=supplement.source.document,
                source_section=supplement.source.section,
                source_ref=supplement.source.ref,
                last_checked=supplement.last_checked,
                author=actor.username[:100],
                reason=reason.strip()[:2000],
                created_at=datetime.now(timezone.utc),
                **{name: getattr(supplement, name) for name in FIELDS},
            )
        )
        return "added" if last is None else "changed"
