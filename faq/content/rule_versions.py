"""The eligibility rules table, versioned and reviewed like the entries (issue 27 item 1): the review
workflow (:mod:`faq.content.workflow`) applied to rules.

What is particular to rules is said here, in :class:`RuleKind`: a line of versions is keyed by the rule's
id and stored in ``eligibility_rule_versions`` with the rule's mapping as JSON and its place in the table
(questions are matched to rules in that order). The table is national: national editors write drafts,
national reviewers publish; other organisations' staff read it. `faq load` seeds it from
``faq/data/rules/*.yml`` as it seeds the entries (a rule staff edited is kept as staff left it). A
published change reaches the verdicts through :func:`faq.eligibility.rules.use_published`, which the
service calls at start-up and after every publish.

>>> RuleVersions(store).published_records()[0]["id"]                     # doctest: +SKIP
'fukugyo'
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from faq.content.organisations import NATIONAL
from faq.content.permissions import Actor, EntryAction, require
from faq.content.store import FaqStore
from faq.content.workflow import Kind, LoadReport, Version, Workflow
from faq.eligibility.rules import RULES_DIR, file_records, parse_rule
from faq.errors import FaqNotFound
from faq.model import VersionStatus
from faq.tables import RuleVersionRow


@dataclass(frozen=True)
class RuleRecord:
    """One rule as the table holds it: its mapping (JSON, keys sorted) and its place in the table."""

    id: str
    position: int
    record: str
    status: str = VersionStatus.DRAFT

    @classmethod
    def of(cls, mapping: dict[str, Any], position: int, status: str = VersionStatus.DRAFT) -> RuleRecord:
        """A rule from its mapping, checked by the eligibility reader's own parser (RuleError if unusable)."""
        rule = parse_rule(mapping, f"rule {mapping.get('id', '?')}")
        return cls(rule.id, position, json.dumps(mapping, ensure_ascii=False, sort_keys=True), str(status))

    def mapping(self) -> dict[str, Any]:
        return dict(json.loads(self.record))


class RuleVersion(Version[RuleRecord]):
    """One version of one rule."""

    @property
    def rule(self) -> RuleRecord:
        return self.content


class RuleKind(Kind[str, RuleRecord, RuleVersion]):
    """Rules, for the workflow: keyed by id, owned by national, read where they are stored."""

    row = RuleVersionRow
    seed_reason = "faq/data/rules の YAML を読み込み"

    def key_of(self, content: RuleRecord) -> str:
        return content.id

    def where(self, key: str) -> list[Any]:
        return [RuleVersionRow.rule_id == key]

    def key_columns(self) -> tuple[Any, ...]:
        return (RuleVersionRow.rule_id,)

    def key_of_columns(self, values: tuple[Any, ...]) -> str:
        return str(values[0])

    def label(self, key: str) -> str:
        return key

    def missing(self, key: str) -> FaqNotFound:
        return FaqNotFound(f"rule {key}")

    def to_version(self, row: Any) -> RuleVersion:
        content = RuleRecord(row.rule_id, row.position, row.record, row.status)
        return RuleVersion(content, row.number, row.author, row.reason, row.created_at)

    def to_row(self, content: RuleRecord, **bookkeeping: Any) -> RuleVersionRow:
        return RuleVersionRow(
            rule_id=content.id, position=content.position, record=content.record, **bookkeeping
        )

    def says_the_same(self, a: RuleRecord, b: RuleRecord) -> bool:
        return (a.record, a.position) == (b.record, b.position)

    def authorise(
        self, actor: Actor, action: EntryAction, key: str, working: Callable[[], RuleVersion]
    ) -> None:
        require(actor, action, NATIONAL, key)

    def authorise_content(self, actor: Actor, action: EntryAction, content: RuleRecord) -> None:
        """Nothing more: every rule is national."""


class RuleVersions(Workflow[str, RuleRecord, RuleVersion]):
    """The rules table in the FAQ database: the workflow's steps, the console's list and the published
    table the verdicts read."""

    def __init__(self, store: FaqStore):
        super().__init__(store, RuleKind())

    def working_all(self) -> list[RuleVersion]:
        """The working version of every rule, in the table's order."""
        lines = self.histories().values()
        return sorted((history[0] for history in lines), key=lambda v: (v.rule.position, v.rule.id))

    def published_records(self) -> list[dict[str, Any]]:
        """The mapping of every rule whose live version is published, in the table's order."""
        live = [self.live_of(history) for history in self.histories().values()]
        shown = sorted(
            (v for v in live if v is not None and v.status == VersionStatus.PUBLISHED),
            key=lambda v: (v.rule.position, v.rule.id),
        )
        return [v.rule.mapping() for v in shown]

    def change_marker(self) -> tuple[int, int]:
        """A cheap fingerprint of the table: how many versions and the newest one's row id. Every step
        adds a version, so each worker polls this to learn that another one published a change."""
        with self.store.session() as session:
            count, newest = session.execute(
                select(func.count(RuleVersionRow.id), func.max(RuleVersionRow.id))
            ).one()
        return int(count or 0), int(newest or 0)

    def next_position(self) -> int:
        """Where a new rule goes: after every other."""
        with self.store.session() as session:
            highest = session.execute(select(func.max(RuleVersionRow.position))).scalar()
        return int(highest or 0) + 1

    def sync_files(self, folder: Path = RULES_DIR) -> LoadReport:
        """`faq load`: the shipped files' rules, published, in the files' order (staff edits are kept)."""
        mappings = [m for path in sorted(folder.glob("*.yml")) for m, _ in file_records(path)]
        seeded = [RuleRecord.of(m, n, VersionStatus.PUBLISHED) for n, m in enumerate(mappings, start=1)]
        return self.sync_seed(seeded)
