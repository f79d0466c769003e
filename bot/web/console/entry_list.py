"""The console's list of FAQ entries: filter, search, sort and page.

Search goes through the FAQ search service (the project's own Japanese analyzer: normalisation, kana and
readings, typos), so 「りさい」 finds the 罹災証明 entries as residents' questions do. The index holds only
published entries, so a plain substring match over every working version (drafts included) comes first.
"""

from __future__ import annotations

from math import ceil
from urllib.parse import urlencode

from fastapi import APIRouter, Request

from bot.web.auth import Staff, editor_page
from bot.web.console.rendering import render
from bot.web.deps import get_faq_service
from faq.content.organisations import Organisations
from faq.content.permissions import EntryAction, can_see, may
from faq.content.staff_messages import VERSION_STATUS_LABELS
from faq.content.versions import EntrySummary, EntryVersions
from faq.model import CATEGORIES
from faq.places.directory import KikumimiDirectory
from faq.service import FaqService

pages = APIRouter(prefix="/console/entries", include_in_schema=False)
PAGE_SIZE = 50
SEARCH_DEPTH = 50  # search hits considered
RELEVANT_SHARE = 0.15  # a hit scoring below this share of the best one is noise, not a match
SORTS = {
    "relevance": "関連の高い順",
    "updated": "更新の新しい順",
    "id": "ID順",
    "category": "分野順",
    "status": "状態順",
}


def matching_ids(service: FaqService, literal: list[str], query: str) -> list[str]:
    """Ids matching ``query``, best first: ``literal`` matches (id, question, answer or alternates of the
    working version), then the search service's relevant hits."""
    result = service.search(query, SEARCH_DEPTH)
    best = result.hits[0].score if result.hits else 0.0
    found = [h.entry.id for h in result.hits if best > 0 and h.score >= RELEVANT_SHARE * best]
    return list(dict.fromkeys([*literal, *found]))


def ordered(rows: list[EntrySummary], sort: str) -> list[EntrySummary]:
    if sort == "updated":
        return sorted(rows, key=lambda r: r.updated_at, reverse=True)
    if sort == "category":
        return sorted(
            rows, key=lambda r: (CATEGORIES.index(r.category) if r.category in CATEGORIES else 99, r.id)
        )
    if sort == "status":
        return sorted(rows, key=lambda r: (list(VERSION_STATUS_LABELS).index(r.status), r.id))
    if sort == "id":
        return sorted(rows, key=lambda r: r.id)
    return rows


@pages.get("")
def list_page(
    request: Request,
    status: str = "",
    category: str = "",
    q: str = "",
    sort: str = "",
    page: int = 1,
    staff: Staff = editor_page,
):
    q = q[:200]
    versions = EntryVersions(get_faq_service(request).store)
    rows = versions.summaries(status or None, category or None)
    sort = sort if sort in SORTS else ("relevance" if q.strip() else "updated")
    if q.strip():
        literal = [r.id for r in versions.summaries(status or None, category or None, q)]
        ranked = matching_ids(get_faq_service(request), literal, q)
        rank = {entry_id: i for i, entry_id in enumerate(ranked)}
        rows = sorted((r for r in rows if r.id in rank), key=lambda r: rank[r.id])
    actor = staff.actor
    rows = [r for r in ordered(rows, sort) if can_see(actor, r.owner)]
    organisations = Organisations(get_faq_service(request).store, KikumimiDirectory.default())
    owner_names = {o.id: o.name for o in organisations.all()}
    pages = max(1, ceil(len(rows) / PAGE_SIZE))
    page = min(max(page, 1), pages)
    base = {"status": status, "category": category, "q": q, "sort": sort}
    return render(
        request,
        "entries.html",
        staff,
        title="FAQエントリ",
        rows=rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        total=len(rows),
        page=page,
        pages=pages,
        page_url=lambda n: "/console/entries?" + urlencode({**base, "page": n}),
        sort=sort,
        sorts={k: v for k, v in SORTS.items() if k != "relevance" or q.strip()},
        status=status,
        category=category,
        q=q,
        categories=CATEGORIES,
        labels=VERSION_STATUS_LABELS,
        owner_names=owner_names,
        editable={r.owner for r in rows if may(actor, EntryAction.EDIT, r.owner)},
    )
