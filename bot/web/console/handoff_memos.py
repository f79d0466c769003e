"""The hand-off inbox: 相談メモ residents left for staff, newest first, worked through new → contacted →
closed. Both roles may read and move them; the memos were redacted when saved, so nothing here un-redacts.

Each account sees the memos of its inbox (:func:`faq.content.permissions.memo_centres`): a centre's staff
their centre's, national staff the national queue, the national admin all of them (``centre=`` filters:
``centre:7``, or ``national`` for the queue). Another inbox's memo is answered 404, as if it did not exist.
"""

from __future__ import annotations

import logging
from typing import Literal

from fastapi import APIRouter, HTTPException, Query, Request

from bot.web.auth import Staff, editor_api, editor_page
from bot.web.console.rendering import redirect, render
from bot.web.console.schemas import MemoPublic
from bot.web.deps import get_faq_service
from bot.web.schemas import BaseModel
from faq.content.organisations import Organisations
from faq.content.permissions import NATIONAL_QUEUE, memo_centres
from faq.content.staff_messages import MEMO_STATUS_LABELS
from faq.errors import FaqNotFound
from faq.places.directory import KikumimiDirectory
from faq.residents.handoff import STATUSES, HandoffMemo, list_memos, set_status

logger = logging.getLogger(__name__)
api = APIRouter(prefix="/api/staff/inbox", tags=["staff"])
pages = APIRouter(prefix="/console/inbox", include_in_schema=False)
StatusFilter = Query("", pattern="^(|new|contacted|closed)$", description="new, contacted or closed")
CentreFilter = Query(
    "",
    pattern="^(|national|centre:[0-9]{1,2})$",
    description="national admin only: one inbox, centre:<n> or national (the queue of memos with no place)",
)


class StatusIn(BaseModel):
    status: Literal["new", "contacted", "closed"]


def _memo_json(memo: HandoffMemo) -> MemoPublic:
    return MemoPublic(
        reference=memo.reference,
        topic=memo.topic,
        prefecture=memo.prefecture,
        kikumimi=memo.kikumimi,
        contact_method=memo.contact_method,
        centre=memo.centre,
        status=memo.status,
        created_at=memo.created_at.isoformat(),
        updated_at=memo.updated_at.isoformat() if memo.updated_at else None,
        updated_by=memo.updated_by,
    )


def _shown_centres(staff: Staff, centre: str) -> frozenset[str] | None:
    """The inboxes to list: the account's own, narrowed by the admin's ``centre`` filter."""
    mine = memo_centres(staff.actor)
    if not centre or mine is not None:
        return mine  # only the admin (all inboxes) filters; others always see exactly their own
    return frozenset({NATIONAL_QUEUE if centre == "national" else centre})


def _change(request: Request, reference: str, status: str, staff: Staff) -> HandoffMemo:
    store = get_faq_service(request).store
    try:
        memo = set_status(store, reference, status, staff.actor.username, memo_centres(staff.actor))
    except FaqNotFound as exc:
        raise HTTPException(404, f"no memo {reference}") from exc
    logger.info("memo %s → %s by %s", reference, status, staff.actor.username)
    return memo


# -- JSON API ---------------------------------------------------------------------------------------


@api.get("", response_model=list[MemoPublic])
def api_inbox(
    request: Request, status: str = StatusFilter, centre: str = CentreFilter, staff: Staff = editor_api
) -> list[MemoPublic]:
    """相談メモ of the account's inbox, newest first; ``status`` filters, and for the national admin
    ``centre``."""
    centres = _shown_centres(staff, centre)
    memos = list_memos(get_faq_service(request).store, status or None, newest_first=True, centres=centres)
    return [_memo_json(m) for m in memos]


@api.post("/{reference}", response_model=MemoPublic)
def api_set_status(request: Request, reference: str, body: StatusIn, staff: Staff = editor_api) -> MemoPublic:
    """Move a memo to new, contacted or closed (who and when are recorded)."""
    return _memo_json(_change(request, reference, body.status, staff))


# -- console pages ----------------------------------------------------------------------------------


@pages.get("")
def inbox_page(
    request: Request, status: str = StatusFilter, centre: str = CentreFilter, staff: Staff = editor_page
):
    return _page(request, staff, status, centre=centre)


@pages.post("/{reference}")
async def set_status_from_page(request: Request, reference: str, staff: Staff = editor_page):
    form = await request.form()
    status = str(form.get("status") or "")
    shown = str(form.get("shown") or "")  # the list's filter, to go back to
    shown = shown if shown in STATUSES else ""
    if status not in STATUSES:
        choices = "・".join(MEMO_STATUS_LABELS.values())
        return _page(request, staff, shown, 422, f"状態は {choices} から選んでください。")
    _change(request, reference, status, staff)
    return redirect(f"/console/inbox?status={shown}" if shown else "/console/inbox", "updated")


def _page(
    request: Request, staff: Staff, status: str, status_code: int = 200, error: str = "", centre: str = ""
):
    store = get_faq_service(request).store
    centres = _shown_centres(staff, centre)
    inboxes = Organisations(store, KikumimiDirectory.default())
    shown = {
        "memos": list_memos(store, status or None, newest_first=True, centres=centres),
        "centre": centre,
        "inbox_names": {o.id: o.name for o in inboxes.all()} | {NATIONAL_QUEUE: "全国（地域不明）"},
        "all_inboxes": memo_centres(staff.actor) is None,
        "status": status,
        "statuses": STATUSES,
        "labels": MEMO_STATUS_LABELS,
        "error": error,
    }
    return render(request, "inbox.html", staff, title="相談メモ", status_code=status_code, **shown)
