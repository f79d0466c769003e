"""The learning loop in the console and its API: residents' open questions, grouped, and staff's decisions.

Pages: ``GET /console/learning``, ``POST /console/learning/alternate`` and ``/dismiss``.
API: ``GET /api/staff/learning``, ``POST /api/staff/learning/alternate`` and ``/dismiss``.
Both roles may use them: adding an alternate only writes a draft, which a reviewer publishes as usual.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from math import ceil
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from pydantic import Field, StrictStr

from bot.web.auth import Staff, editor_api, editor_page
from bot.web.console.rendering import redirect, render, shown_time
from bot.web.deps import get_faq_service
from bot.web.schemas import NOT_BLANK, WHITESPACE, BaseModel
from faq.content.permissions import Actor, PermissionDenied
from faq.content.staff_messages import ITEM_OUTCOME_LABELS, VOTE_LABELS
from faq.content.versions import EntryVersions
from faq.errors import FaqNotFound
from faq.residents.feedback import feedback_counts
from faq.residents.learning import (
    DEFAULT_LIMIT,
    DENSE,
    DENSE_THRESHOLD,
    LEXICAL_THRESHOLD,
    AlternateAdded,
    ItemRef,
    LearningError,
    LearningGroup,
    LearningItem,
    add_alternate,
    group_similar,
    is_noise,
    items_for,
    learning_items,
    parse_refs,
    resolve,
    similarity_method,
)
from faq.residents.visibility import for_actor, sees_entry, visible_refs
from faq.service import FaqService

logger = logging.getLogger(__name__)
pages = APIRouter(prefix="/console/learning", include_in_schema=False)
api = APIRouter(prefix="/api/staff/learning", tags=["staff: learning"])
MAX_REFS = 1000
NO_ITEMS = "対象の質問を1つ以上選んでください。"


# -- API shapes -------------------------------------------------------------------------------------
class MemberPublic(BaseModel):
    ref: str  # unanswered:N | feedback:N
    kind: str
    question: str  # redacted
    outcome: str  # clarify | no_answer | not_helpful
    entry_ids: list[str]  # entries offered, or the answer voted down
    created_at: str


class SuggestionPublic(BaseModel):
    entry_id: str
    question: str
    score: float
    confidence: float
    outcome: str


class GroupPublic(BaseModel):
    representative: str
    count: int
    refs: list[str]
    members: list[MemberPublic]
    suggestion: SuggestionPublic | None


class FeedbackCountPublic(BaseModel):
    faq_id: str
    question: str
    helpful: int
    not_helpful: int


class LearningPublic(BaseModel):
    method: str  # dense | lexical: how the questions were grouped
    threshold: float
    groups: list[GroupPublic]
    feedback: list[FeedbackCountPublic]


# An item reference as faq.residents.learning.ItemRef.parse reads it; a bad one is a 400 with the reason.
ITEM_REF = {
    "type": "string",
    "pattern": rf"^[{WHITESPACE}]*(unanswered|feedback):[0-9]{{1,12}}[{WHITESPACE}]*$",
}


class AlternateIn(BaseModel):
    items: list[StrictStr] = Field(..., min_items=1, max_items=MAX_REFS, item_schema=ITEM_REF)
    entry_id: StrictStr = Field(..., max_length=100, pattern=NOT_BLANK)
    question: StrictStr | None = Field(
        None, max_length=1000, pattern=NOT_BLANK, description="Defaults to the first item's text."
    )


class DismissIn(BaseModel):
    items: list[StrictStr] = Field(..., min_items=1, max_items=MAX_REFS, item_schema=ITEM_REF)


class AlternatePublic(BaseModel):
    entry_id: str
    version: int
    added: bool  # False: the entry already had this phrasing, no version was written
    resolved: int


class DismissPublic(BaseModel):
    resolved: int


# -- shared -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Overview:
    method: str
    threshold: float
    groups: list[LearningGroup]
    feedback: list[FeedbackCountPublic]


def overview(service: FaqService, actor: Actor, limit: int = DEFAULT_LIMIT) -> Overview:
    """Open items grouped by similarity, and the votes per entry (most 役に立たなかった first): what
    ``actor``'s organisation may see (votes on other organisations' own entries are left out)."""
    method = similarity_method(service)
    threshold = DENSE_THRESHOLD if method == DENSE else LEXICAL_THRESHOLD
    summaries = EntryVersions(service.store).summaries()
    owners = {s.id: s.owner for s in summaries}
    items = for_actor(learning_items(service.store, limit), owners, actor)
    groups = group_similar(items, service, threshold)
    questions = {s.id: s.question for s in summaries}
    feedback = [
        FeedbackCountPublic(
            faq_id=c.faq_id,
            question=questions.get(c.faq_id, ""),
            helpful=c.helpful,
            not_helpful=c.not_helpful,
        )
        for c in feedback_counts(service.store)
        if sees_entry(actor, owners, c.faq_id)
    ]
    return Overview(method, threshold, groups, feedback)


def _refs(texts: list[str] | None) -> list[ItemRef]:
    if not texts:
        raise LearningError("no items given")
    if len(texts) > MAX_REFS:
        raise LearningError(f"at most {MAX_REFS} items at once")
    return parse_refs(texts)


def _member(item: LearningItem) -> MemberPublic:
    return MemberPublic(
        ref=str(item.ref),
        kind=item.ref.kind,
        question=item.question,
        outcome=item.outcome,
        entry_ids=list(item.entry_ids),
        created_at=item.created_at.isoformat(),
    )


def _group(group: LearningGroup) -> GroupPublic:
    s = group.suggestion
    return GroupPublic(
        representative=group.representative,
        count=group.count,
        refs=[str(r) for r in group.refs],
        members=[_member(m) for m in group.members],
        suggestion=SuggestionPublic(
            entry_id=s.entry_id,
            question=s.question,
            score=s.score,
            confidence=s.confidence,
            outcome=s.outcome,
        )
        if s
        else None,
    )


def _added_note(staff: Staff, result: AlternateAdded, count: int) -> None:
    logger.info(
        "learning: %s added an alternate to %s (new version: %s, %d of %d items resolved)",
        staff.user.username,
        result.entry_id,
        result.added,
        result.resolved,
        count,
    )


# -- console pages ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class GroupView:
    """A group as the page shows it."""

    group: LearningGroup
    refs: list[str]
    new_entry_url: str
    members: list[tuple[LearningItem, str, str]]  # item, outcome label, Japan time


def _view(group: LearningGroup) -> GroupView:
    refs = [str(r) for r in group.refs]
    query = urlencode({"question": group.representative, "items": ",".join(refs)})
    members = [
        (m, ITEM_OUTCOME_LABELS.get(m.outcome, m.outcome), shown_time(m.created_at)) for m in group.members
    ]
    return GroupView(group, refs, f"/console/entries/new?{query}", members)


GROUPS_PER_PAGE = 20


def _page(
    request: Request,
    staff: Staff,
    service: FaqService,
    status_code: int = 200,
    error: str = "",
    page: int = 1,
    noise: bool = False,
):
    """Groups a page at a time; groups made only of noise (「12345」) are hidden unless asked for."""
    data = overview(service, staff.actor)
    noisy = [g for g in data.groups if all(is_noise(m.question) for m in g.members)]
    shown = data.groups if noise else [g for g in data.groups if g not in noisy]
    pages = max(1, ceil(len(shown) / GROUPS_PER_PAGE))
    page = min(max(page, 1), pages)
    return render(
        request,
        "learning.html",
        staff,
        status_code=status_code,
        title="改善候補",
        error=error,
        method=data.method,
        groups=[_view(g) for g in shown[(page - 1) * GROUPS_PER_PAGE : page * GROUPS_PER_PAGE]],
        first_number=(page - 1) * GROUPS_PER_PAGE,
        total=len(shown),
        page=page,
        pages=pages,
        noise=noise,
        noisy=[_view(g) for g in noisy],
        feedback=data.feedback,
        vote_labels=VOTE_LABELS,
    )


@pages.get("")
def learning_page(
    request: Request,
    page: int = 1,
    noise: bool = False,
    staff: Staff = editor_page,
    service: FaqService = Depends(get_faq_service),
):
    return _page(request, staff, service, page=page, noise=noise)


ServiceDep = Annotated[FaqService, Depends(get_faq_service)]
RefsField = Annotated[list[str] | None, Form()]


def _dismiss_from_form(request: Request, staff: Staff, service: FaqService, texts: list[str], how: str):
    """対応不要: resolve the items named in the form, or show the page again with why not."""
    try:
        refs = _refs(texts)
    except LearningError:
        return _page(request, staff, service, 400, NO_ITEMS)
    refs = visible_refs(service.store, refs, staff.actor)  # another organisation's votes stay theirs
    resolved = resolve(service.store, refs, f"dismissed{how} by {staff.user.username}")
    logger.info("learning: %s dismissed %d items%s", staff.user.username, resolved, how)
    return redirect("/console/learning", "resolved")


@pages.post("/bulk-dismiss")
def bulk_dismiss_form(
    request: Request, service: ServiceDep, groups: RefsField = None, staff: Staff = editor_page
):
    """対応不要 for many groups at once: each checked group sends its items' references, comma-joined."""
    texts = [ref for joined in groups or [] for ref in joined.split(",") if ref.strip()]
    return _dismiss_from_form(request, staff, service, texts, " in bulk")


@pages.post("/alternate")
def alternate_form(
    request: Request,
    service: ServiceDep,
    items: RefsField = None,
    staff: Staff = editor_page,
    entry_id: str = Form(..., max_length=100),
    question: str = Form("", max_length=1000),
):
    entry_id = entry_id.strip()
    try:
        refs = _refs(items)
    except LearningError:
        return _page(request, staff, service, 400, NO_ITEMS)
    refs = visible_refs(service.store, refs, staff.actor)
    try:
        result = add_alternate(service.store, refs, entry_id, staff.actor, question)
    except FaqNotFound:
        return _page(
            request, staff, service, 404, f"エントリ「{entry_id}」が見つかりません。IDを確かめてください。"
        )
    except PermissionDenied as exc:  # another organisation's entry
        return _page(request, staff, service, 403, str(exc))
    except LearningError:
        return _page(request, staff, service, 400, "言い換えとして追加する文を入力してください。")
    _added_note(staff, result, len(refs))
    return redirect("/console/learning", "saved" if result.added else "resolved")


@pages.post("/dismiss")
def dismiss_form(request: Request, service: ServiceDep, items: RefsField = None, staff: Staff = editor_page):
    return _dismiss_from_form(request, staff, service, items or [], "")


# -- JSON API ---------------------------------------------------------------------------------------
def _api_refs(texts: list[str]) -> list[ItemRef]:
    """The item references of a JSON body; a bad one is a 400 with the reason."""
    try:
        return _refs(texts)
    except LearningError as exc:
        raise HTTPException(400, str(exc)) from exc


@api.get("", response_model=LearningPublic)
def learning_api(
    staff: Staff = editor_api,
    service: FaqService = Depends(get_faq_service),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=2000),
) -> LearningPublic:
    """Open questions grouped by similarity, each with the entry the search picks now; votes per entry."""
    data = overview(service, staff.actor, limit)
    return LearningPublic(
        method=data.method,
        threshold=data.threshold,
        groups=[_group(g) for g in data.groups],
        feedback=data.feedback,
    )


@api.post("/alternate", response_model=AlternatePublic)
def alternate_api(body: AlternateIn, service: ServiceDep, staff: Staff = editor_api) -> AlternatePublic:
    """Add the question to an entry as an alternate phrasing (a new draft) and resolve the items."""
    refs = visible_refs(service.store, _api_refs(body.items), staff.actor)
    if body.question is None and not items_for(service.store, refs):
        raise HTTPException(404, "none of the items exists, so there is no question to add")
    try:
        result = add_alternate(service.store, refs, body.entry_id.strip(), staff.actor, body.question)
    except FaqNotFound as exc:
        raise HTTPException(404, f"no FAQ entry {body.entry_id!r}") from exc
    except PermissionDenied as exc:  # another organisation's entry
        raise HTTPException(403, str(exc)) from exc
    except LearningError as exc:
        raise HTTPException(400, str(exc)) from exc
    _added_note(staff, result, len(refs))
    return AlternatePublic(
        entry_id=result.entry_id, version=result.version, added=result.added, resolved=result.resolved
    )


@api.post("/dismiss", response_model=DismissPublic)
def dismiss_api(body: DismissIn, service: ServiceDep, staff: Staff = editor_api) -> DismissPublic:
    """Mark the items as needing nothing (spam, out of scope, already handled)."""
    refs = visible_refs(service.store, _api_refs(body.items), staff.actor)
    resolved = resolve(service.store, refs, f"dismissed by {staff.user.username}")
    logger.info("learning: %s dismissed %d items", staff.user.username, resolved)
    return DismissPublic(resolved=resolved)
