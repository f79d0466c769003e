"""概要: the console's overview, with charts drawn on the server (bot.web.console.charts) and each
chart's data as a CSV download.

What is stored today decides what can be drawn: the questions the assistant could not answer (もしかして /
答えない, redacted, in ``unanswered_questions``), the residents' votes, and the entries. Questions that
were answered are not stored, so the share answered and the total volume are not drawn yet.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, timezone

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response
from sqlalchemy import select

from bot.web.auth import Staff, editor_page
from bot.web.console.charts import Table, data_uri
from bot.web.console.learning import overview
from bot.web.console.rendering import TOKYO, render
from bot.web.deps import get_faq_service
from faq.content.versions import EntryVersions
from faq.places.disasters import active_disasters
from faq.residents.learning import UnansweredRow
from faq.service import FaqService

router = APIRouter()
OUTCOMES = {"clarify": "もしかして", "no_answer": "答えない"}
TOP = 10


def _unanswered_since(service: FaqService, since: datetime) -> list[tuple[datetime, str]]:
    with service.store.session() as session:
        rows = session.execute(
            select(UnansweredRow.created_at, UnansweredRow.outcome).where(UnansweredRow.created_at >= since)
        ).all()
    return [
        ((at if at.tzinfo else at.replace(tzinfo=timezone.utc)).astimezone(TOKYO), outcome)
        for at, outcome in rows
    ]


def tables(service: FaqService, days: int) -> dict[str, Table]:
    """Every chart's data for the last ``days`` days (Japan time)."""
    now = datetime.now(TOKYO)
    first_day = (now - timedelta(days=days - 1)).date()
    since = datetime(first_day.year, first_day.month, first_day.day, tzinfo=TOKYO)
    asked = _unanswered_since(service, since)
    per_day = Counter((at.date(), outcome) for at, outcome in asked)
    per_hour = Counter((at.hour, outcome) for at, outcome in asked)
    day_list = [first_day + timedelta(days=n) for n in range(days)]
    groups = sorted(overview(service).groups, key=lambda g: g.count, reverse=True)[:TOP]
    votes = overview(service).feedback[:TOP]
    by_category = Counter(
        (s.category, s.live_status == "published") for s in EntryVersions(service.store).summaries()
    )
    categories = sorted(
        {c for c, _ in by_category}, key=lambda c: -(by_category[(c, True)] + by_category[(c, False)])
    )
    return {
        "unanswered-per-day": Table(
            "unanswered-per-day",
            "答えられなかった質問（日ごと）",
            "日付",
            tuple(OUTCOMES.values()),
            tuple((f"{d:%m/%d}", tuple(float(per_day[(d, o)]) for o in OUTCOMES)) for d in day_list),
        ),
        "unanswered-per-hour": Table(
            "unanswered-per-hour",
            "答えられなかった質問（時間帯ごと・日本時間）",
            "時",
            tuple(OUTCOMES.values()),
            tuple((f"{h}時", tuple(float(per_hour[(h, o)]) for o in OUTCOMES)) for h in range(24)),
        ),
        "unanswered-groups": Table(
            "unanswered-groups",
            "答えられなかった質問の多いまとまり（いま未対応のもの）",
            "質問のまとまり",
            ("件数",),
            tuple((g.representative[:30], (float(g.count),)) for g in groups),
            kind="barh",
        ),
        "votes-per-entry": Table(
            "votes-per-entry",
            "エントリごとの評価（「役に立たなかった」の多い順）",
            "エントリ",
            ("役に立たなかった", "役に立った"),
            tuple((v.question[:30] or v.faq_id, (float(v.not_helpful), float(v.helpful))) for v in votes),
            kind="barh",
        ),
        "entries-per-category": Table(
            "entries-per-category",
            "分野ごとのエントリ数",
            "分野",
            ("公開中", "公開していない"),
            tuple((c, (float(by_category[(c, True)]), float(by_category[(c, False)]))) for c in categories),
            kind="barh",
        ),
    }


@router.get("/console/overview", include_in_schema=False)
def overview_page(request: Request, days: int = Query(14, ge=1, le=90), staff: Staff = editor_page):
    service = get_faq_service(request)
    charts = [(table, data_uri(table)) for table in tables(service, days).values()]
    return render(
        request,
        "overview.html",
        staff,
        title="概要",
        days=days,
        charts=charts,
        disasters=active_disasters(service.store, None),
    )


@router.get("/console/overview/{key}.csv", include_in_schema=False)
def overview_csv(
    request: Request, key: str, days: int = Query(14, ge=1, le=90), staff: Staff = editor_page
) -> Response:
    found = tables(get_faq_service(request), days).get(key)
    if found is None:
        raise HTTPException(404, f"グラフ {key} はありません")
    return Response(
        found.csv_bytes(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{key}-{days}days.csv"'},
    )
