"""The overview's numbers, one :class:`Table` per chart (also each chart's CSV), in Japan time.

Volumes and shares come from the hourly question counts (faq.residents.question_counts: numbers only,
every turn whose outcome is known); the unanswered groups from the learning loop's open questions; the
votes from residents' 役に立った / 役に立たなかった; the entries from the store. With a disaster chosen, the
counted charts show only the questions that went to its flow or its entries while it was active.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.web.console.charts import Table
from bot.web.console.learning import overview
from bot.web.console.rendering import TOKYO
from faq.content.permissions import Actor, can_see
from faq.content.staff_messages import TURN_OUTCOME_LABELS, VERSION_STATUS_LABELS, VOTE_LABELS
from faq.content.versions import EntryVersions
from faq.model import VersionStatus
from faq.residents.question_counts import (
    ANSWER,
    CLARIFY,
    NO_ANSWER,
    OUTCOMES,
    QuestionCount,
    counts_between,
)
from faq.service import FaqService

TOP = 10
FAQ_OUTCOMES = (ANSWER, CLARIFY, NO_ANSWER)  # the share is of questions the FAQ search decided
VOTES_TITLE = f"エントリごとの評価（「{VOTE_LABELS['not_helpful']}」の多い順）"
VOTES = (VOTE_LABELS["not_helpful"], VOTE_LABELS["helpful"])
LIVE = (VERSION_STATUS_LABELS[VersionStatus.PUBLISHED], "公開していない")


@dataclass(frozen=True)
class Totals:
    """The period's headline numbers."""

    questions: int
    by_outcome: dict[str, int]

    def share(self, outcome: str) -> float | None:
        """Percent of the questions the search decided (answer, clarify, no_answer); None for none."""
        asked = sum(self.by_outcome.get(o, 0) for o in FAQ_OUTCOMES)
        return 100.0 * self.by_outcome.get(outcome, 0) / asked if asked else None


def period_start(days: int, now: datetime | None = None) -> tuple[datetime, list[date]]:
    """Midnight in Japan ``days - 1`` days ago, and the days of the period."""
    today = (now or datetime.now(TOKYO)).astimezone(TOKYO).date()
    first = today - timedelta(days=days - 1)
    return datetime(first.year, first.month, first.day, tzinfo=TOKYO), [
        first + timedelta(days=n) for n in range(days)
    ]


def counted(service: FaqService, days: int, disaster: str = "") -> list[QuestionCount]:
    """The period's counts (all, or one disaster's), hours in Japan time."""
    since, _ = period_start(days)
    rows = counts_between(service.store, since)
    return [
        QuestionCount(r.hour.astimezone(TOKYO), r.outcome, r.category, r.disaster, r.count)
        for r in rows
        if not disaster or r.disaster == disaster
    ]


def totals(rows: list[QuestionCount]) -> Totals:
    by_outcome: Counter[str] = Counter()
    for row in rows:
        by_outcome[row.outcome] += row.count
    return Totals(sum(by_outcome.values()), dict(by_outcome))


def _share_row(counts: Counter, key) -> tuple[float, ...]:
    asked = sum(counts[(key, o)] for o in FAQ_OUTCOMES)
    return tuple(round(100.0 * counts[(key, o)] / asked, 1) if asked else 0.0 for o in FAQ_OUTCOMES)


def _by_outcome(key: str, title: str, label: str, counts: Counter, shown_keys: list) -> Table:
    """A stacked chart of every outcome, one row per (shown label, key) in ``shown_keys``."""
    rows = tuple((shown, tuple(float(counts[(k, o)]) for o in OUTCOMES)) for shown, k in shown_keys)
    kind = "barh" if label == "分野" else "bar"
    return Table(key, title, label, tuple(TURN_OUTCOME_LABELS[o] for o in OUTCOMES), rows, kind=kind)


def tables(service: FaqService, actor: Actor, days: int, disaster: str = "") -> dict[str, Table]:
    """Every chart's data for the last ``days`` days (Japan time); ``disaster``: one disaster's questions.
    Question counts are everyone's (they name no entry); votes, open questions and entries are what
    ``actor``'s organisation may see."""
    _, day_list = period_start(days)
    rows = counted(service, days, disaster)
    per_day: Counter = Counter()
    per_hour: Counter = Counter()
    per_category: Counter = Counter()
    for row in rows:
        per_day[(row.hour.date(), row.outcome)] += row.count
        per_hour[(row.hour.hour, row.outcome)] += row.count
        per_category[(row.category or "（分野なし）", row.outcome)] += row.count
    scope = "（この災害）" if disaster else ""
    learning = overview(service, actor)
    groups = sorted(learning.groups, key=lambda g: g.count, reverse=True)[:TOP]
    by_category = Counter(
        (s.category, s.live_status == "published")
        for s in EntryVersions(service.store).summaries()
        if can_see(actor, s.owner)
    )
    categories = [
        (c, c)
        for c in sorted(
            {c for c, _ in per_category}, key=lambda c: -sum(per_category[(c, o)] for o in OUTCOMES)
        )
    ]
    days_shown = [(f"{d:%m/%d}", d) for d in day_list]
    hours = [(f"{h}時", h) for h in range(24)]
    entry_categories = sorted(
        {c for c, _ in by_category}, key=lambda c: -(by_category[(c, True)] + by_category[(c, False)])
    )
    votes = [
        (v.question[:30] or v.faq_id, (float(v.not_helpful), float(v.helpful))) for v in learning.feedback
    ]
    entries = [(c, (float(by_category[(c, True)]), float(by_category[(c, False)]))) for c in entry_categories]
    found = [
        _by_outcome("questions-per-day", f"質問の数（日ごと）{scope}", "日付", per_day, days_shown),
        _by_outcome("questions-per-hour", f"質問の数（時間帯ごと・日本時間）{scope}", "時", per_hour, hours),
        Table(
            "answer-share",
            f"答えられた割合（日ごと・%）{scope}",
            "日付",
            tuple(TURN_OUTCOME_LABELS[o] for o in FAQ_OUTCOMES),
            tuple((shown, _share_row(per_day, d)) for shown, d in days_shown),
            unit="割合（%）",
        ),
        _by_outcome("questions-per-category", f"分野ごとの質問の数{scope}", "分野", per_category, categories),
        Table(
            "unanswered-groups",
            "答えられなかった質問の多いまとまり（いま未対応のもの）",
            "質問のまとまり",
            ("件数",),
            tuple((g.representative[:30], (float(g.count),)) for g in groups),
            kind="barh",
        ),
        Table("votes-per-entry", VOTES_TITLE, "エントリ", VOTES, tuple(votes[:TOP]), kind="barh"),
        Table("entries-per-category", "分野ごとのエントリ数", "分野", LIVE, tuple(entries), kind="barh"),
    ]
    return {table.key: table for table in found}
