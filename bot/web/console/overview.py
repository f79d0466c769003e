"""概要: the console's overview, with charts drawn on the server (bot.web.console.charts) and each
chart's data as a CSV download, for a chosen period and, optionally, one disaster.

The numbers come from bot.web.console.overview_tables: question volumes and the share answered from the
hourly question counts (numbers only), the unanswered groups, the votes and the entries.
"""

from __future__ import annotations

from typing import Any

import anyio.from_thread
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from bot.web.auth import Staff, editor_page
from bot.web.console.charts import Table, cached_uri, data_uri
from bot.web.console.overview_tables import FAQ_OUTCOMES, counted, tables, totals
from bot.web.console.rendering import render
from bot.web.deps import get_faq_service
from bot.web.middleware.limits import chart_work
from faq.content.disasters import load_disasters
from faq.content.staff_messages import TURN_OUTCOME_LABELS
from faq.residents.question_counts import OUTCOMES, disaster_totals

pages = APIRouter(prefix="/console/overview", include_in_schema=False)
PERIODS = ((1, "今日"), (7, "直近7日"), (14, "直近14日"), (30, "直近30日"), (90, "直近90日"))


def _known_disaster(request: Request, disaster: str) -> str:
    if disaster and disaster not in {d.id for d in load_disasters(get_faq_service(request).store)}:
        raise HTTPException(404, f"災害 {disaster[:100]} は登録されていません")
    return disaster


async def _charts(app: Any, found: list[Table]) -> list[tuple[Table, str]]:
    """Each table with its chart: drawn lately, or drawn now on the console's chart thread, which is paced
    (issue 23: a 90-day overview is ~2.6 s of matplotlib; the console's rate limit alone let one account
    take the server's cores). Runs on the event loop, where the chart thread is made."""
    uris = {table: cached_uri(table) for table in found}
    missing = [table for table, uri in uris.items() if uri is None]
    if missing:
        drawn = await chart_work(app).run(lambda: [data_uri(table) for table in missing])
        uris.update(zip(missing, drawn, strict=True))
    return [(table, uris[table] or "") for table in found]


@pages.get("")
def overview_page(
    request: Request,
    days: int = Query(14, ge=1, le=90),
    disaster: str = Query("", max_length=100),
    staff: Staff = editor_page,
):
    service = get_faq_service(request)
    disaster = _known_disaster(request, disaster)
    disasters = load_disasters(service.store)
    found = list(tables(service, staff.actor, days, disaster).values())
    charts = anyio.from_thread.run(_charts, request.app, found)  # a sync route: on a worker thread
    return render(
        request,
        "overview.html",
        staff,
        title="概要",
        days=days,
        periods=PERIODS,
        chosen=next((d for d in disasters if d.id == disaster), None),
        charts=charts,
        totals=totals(counted(service, days, disaster)),
        outcomes=OUTCOMES,
        faq_outcomes=FAQ_OUTCOMES,
        outcome_labels=TURN_OUTCOME_LABELS,
        disasters=disasters,
        active=[d for d in disasters if d.active],
        question_totals=disaster_totals(service.store),
    )


@pages.get("/{key}.csv")
def overview_csv(
    request: Request,
    key: str,
    days: int = Query(14, ge=1, le=90),
    disaster: str = Query("", max_length=100),
    staff: Staff = editor_page,
) -> Response:
    disaster = _known_disaster(request, disaster)
    found = tables(get_faq_service(request), staff.actor, days, disaster).get(key)
    if found is None:
        raise HTTPException(404, f"グラフ {key} はありません")
    name = f"{key}-{days}days" + (f"-{disaster}" if disaster else "")
    return Response(
        found.csv_bytes(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )
