"""Disaster mode in the staff console and its JSON API: declare, edit and end a disaster.

Everyone signed in sees the active and ended disasters; only reviewers declare, edit and end them, since
residents hear about them at once (the chat's disaster flow and the widget's banner read the table on
every request). National reviewers do so for any area; a municipality's reviewers only for their own
municipality — the engine sets the area, whatever the request says — and a centre's not at all. A disaster
is changed only by its owner's reviewers (a national one by national staff) or the national admin.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import Field, StrictBool, StrictStr, constr, validator

from bot.web.auth import Staff, editor_api, editor_page, reviewer_api, reviewer_page
from bot.web.console.rendering import confirm_page, confirmed, redirect, render
from bot.web.console.schemas import DisasterPublic
from bot.web.deps import get_faq_service
from bot.web.schemas import NOT_BLANK, BaseModel
from faq.content.disaster_fields import DisasterInvalid, event_lines
from faq.content.disasters import (
    ACTIVE,
    ENDED,
    Disaster,
    declare,
    end,
    fields_of,
    get_disaster,
    load_disasters,
    reopen,
    update,
)
from faq.content.organisations import NATIONAL
from faq.content.permissions import require_switch_disaster
from faq.content.staff_messages import TURN_OUTCOME_LABELS
from faq.content.store import FaqStore
from faq.content.versions import PermissionDenied, WorkflowError
from faq.errors import FaqError, FaqNotFound
from faq.residents.question_counts import disaster_totals

logger = logging.getLogger(__name__)
api = APIRouter(prefix="/api/staff/disasters", tags=["staff"])
pages = APIRouter(prefix="/console/disasters", include_in_schema=False)
T = TypeVar("T")
# The console form's fields, as typed (shown again when something has to be corrected).
FORM_KEYS = (
    "name",
    "prefectures",
    "start_date",
    "guidebook_url",
    "dial_name",
    "dial_phone",
    "dial_hours",
    "events",
)


def _store(request: Request) -> FaqStore:
    return get_faq_service(request).store


def _http_error(exc: FaqError) -> HTTPException:
    if isinstance(exc, DisasterInvalid):
        return HTTPException(422, exc.problems)
    if isinstance(exc, FaqNotFound):
        return HTTPException(404, str(exc))
    if isinstance(exc, PermissionDenied):
        return HTTPException(403, str(exc))
    if isinstance(exc, WorkflowError):
        return HTTPException(409, str(exc))
    return HTTPException(400, str(exc))


def _domain(call: Callable[[], T]) -> T:
    """Run a disaster operation, turning domain errors into HTTP ones."""
    try:
        return call()
    except FaqError as exc:
        raise _http_error(exc) from exc


def _require_own(request: Request, staff: Staff, disaster_id: str, doing: str) -> Disaster:
    """The disaster, if the account may change it (its owner's reviewers, the admin), else 403 — before
    a form or a confirmation is shown; the engine checks again when it changes it."""
    disaster = _domain(lambda: get_disaster(_store(request), disaster_id))
    _domain(lambda: require_switch_disaster(staff.actor, disaster.owner, disaster_id, doing))
    return disaster


def disaster_json(d: Disaster) -> dict[str, Any]:
    """The staff API's view: the fields staff set, plus status and who changed it when."""
    return {
        "id": d.id,
        "status": d.status,
        **fields_of(d),
        "start_date": d.start_date.isoformat() if d.start_date else None,
        "updated_by": d.updated_by,
        "created_at": d.created_at.isoformat() if d.created_at else None,
        "updated_at": d.updated_at.isoformat() if d.updated_at else None,
        "ended_at": d.ended_at.isoformat() if d.ended_at else None,
        "owner": d.owner,
    }


# -- JSON API ---------------------------------------------------------------------------------------


def _date_text(value: Any) -> Any:
    """As the schema says, YYYY-MM-DD text or null (pydantic would read a number as a timestamp)."""
    if value is not None and not isinstance(value, str):
        raise ValueError("start_date must be a date as text (YYYY-MM-DD)")
    return value


class DialIn(BaseModel):
    name: StrictStr = Field("", max_length=100)
    phone: StrictStr = Field("", max_length=20, description="Digits and hyphens, with the area code.")
    hours: StrictStr = Field("", max_length=100)


class EventIn(BaseModel):
    time: StrictStr = Field("", max_length=200, description="As printed: 11月16日(日) 12:30～15:30")
    place: StrictStr = Field("", max_length=200)
    specialists: StrictStr = Field("", max_length=200)


class DisasterIn(BaseModel):
    id: StrictStr = Field(
        "", max_length=100, description="Optional: a-z, 0-9 and hyphens; made up when empty."
    )
    name: constr(strict=True, max_length=200, regex=NOT_BLANK)  # type: ignore[valid-type]
    prefectures: list[StrictStr] = Field(..., min_items=1, max_items=47, description="石川県, 石川, …")
    start_date: date | None = None
    guidebook_url: StrictStr = Field("", max_length=2000, description="https only.")
    dial: DialIn | None = None
    events: list[EventIn] = Field([], max_items=30, description="特別行政相談所 events.")
    municipalities: dict[StrictStr, StrictStr] = Field(
        {}, description="{市区町村名 or 団体コード: 都道府県}; each town is checked against the gazetteer."
    )
    relief_act_applied: StrictStr = Field("", max_length=40)
    guidebook_from: StrictStr = Field("", max_length=40)
    special_consultation: StrictBool = False

    _start_date_is_text = validator("start_date", pre=True, allow_reuse=True)(lambda value: _date_text(value))


class DisasterChangeIn(BaseModel):
    """Only the fields sent change."""

    name: StrictStr | None = Field(None, max_length=200)
    prefectures: list[StrictStr] | None = Field(None, max_items=47)
    start_date: date | None = None
    guidebook_url: StrictStr | None = Field(None, max_length=2000)
    dial: DialIn | None = None
    events: list[EventIn] | None = Field(None, max_items=30)
    municipalities: dict[StrictStr, StrictStr] | None = None
    relief_act_applied: StrictStr | None = Field(None, max_length=40)
    guidebook_from: StrictStr | None = Field(None, max_length=40)
    special_consultation: StrictBool | None = None

    _start_date_is_text = validator("start_date", pre=True, allow_reuse=True)(lambda value: _date_text(value))


@api.get("", response_model=list[DisasterPublic])
def api_list(
    request: Request,
    status: str = Query("", pattern="^(|active|ended)$", description="active or ended; empty: both."),
    staff: Staff = editor_api,
) -> list[dict[str, Any]]:
    """Every disaster, newest first."""
    return [disaster_json(d) for d in load_disasters(_store(request)) if not status or d.status == status]


@api.post("", status_code=201, response_model=DisasterPublic)
def api_declare(request: Request, body: DisasterIn, staff: Staff = reviewer_api) -> dict[str, Any]:
    """Declare a disaster: disaster mode goes on for its prefectures at once. Reviewers only."""
    disaster = _domain(lambda: declare(_store(request), body.dict(), staff.actor))
    logger.info("disaster %s declared by %s", disaster.id, staff.actor.username)
    return disaster_json(disaster)


@api.get("/{disaster_id}", response_model=DisasterPublic)
def api_get(request: Request, disaster_id: str, staff: Staff = editor_api) -> dict[str, Any]:
    return disaster_json(_domain(lambda: get_disaster(_store(request), disaster_id)))


@api.post("/{disaster_id}", response_model=DisasterPublic)
def api_update(
    request: Request, disaster_id: str, body: DisasterChangeIn, staff: Staff = reviewer_api
) -> dict[str, Any]:
    """Change an active disaster; fields not sent keep their value. Its owner's reviewers (or the admin)."""
    fields = body.dict(exclude_unset=True)
    disaster = _domain(lambda: update(_store(request), disaster_id, fields, staff.actor))
    logger.info("disaster %s updated by %s", disaster.id, staff.actor.username)
    return disaster_json(disaster)


@api.post("/{disaster_id}/end", response_model=DisasterPublic)
def api_end(request: Request, disaster_id: str, staff: Staff = reviewer_api) -> dict[str, Any]:
    """End disaster mode for it; it stays listed as ended. Its owner's reviewers (or the admin) only."""
    disaster = _domain(lambda: end(_store(request), disaster_id, staff.actor))
    logger.info("disaster %s ended by %s", disaster.id, staff.actor.username)
    return disaster_json(disaster)


@api.post("/{disaster_id}/reopen", response_model=DisasterPublic)
def api_reopen(request: Request, disaster_id: str, staff: Staff = reviewer_api) -> dict[str, Any]:
    """Undo an end: disaster mode goes on again for it, as it was. Its owner's reviewers (or the admin)."""
    disaster = _domain(lambda: reopen(_store(request), disaster_id, staff.actor))
    logger.info("disaster %s reopened by %s", disaster.id, staff.actor.username)
    return disaster_json(disaster)


# -- console pages ----------------------------------------------------------------------------------


def _typed(form) -> dict[str, str]:
    return {key: str(form.get(key) or "") for key in FORM_KEYS}


def _fields(typed: dict[str, str]) -> dict[str, Any]:
    """The form as domain fields: prefectures split on , or 、, events one 「日時｜場所｜専門家」 per line."""
    return {
        "name": typed["name"],
        "prefectures": typed["prefectures"],
        "start_date": typed["start_date"],
        "guidebook_url": typed["guidebook_url"],
        "dial": {"name": typed["dial_name"], "phone": typed["dial_phone"], "hours": typed["dial_hours"]},
        "events": typed["events"],
    }


def _typed_of(d: Disaster) -> dict[str, str]:
    return {
        "name": d.name,
        "prefectures": "、".join(d.prefectures),
        "start_date": d.start_date.isoformat() if d.start_date else "",
        "guidebook_url": d.guidebook_url,
        "dial_name": d.dial.get("name", ""),
        "dial_phone": d.dial.get("phone", ""),
        "dial_hours": d.dial.get("hours", ""),
        "events": event_lines(d.events),
    }


def _page(
    request: Request,
    staff: Staff,
    typed: dict[str, str] | None = None,
    editing: Disaster | None = None,
    problems: list[dict[str, str]] | None = None,
    status_code: int = 200,
):
    disasters = load_disasters(_store(request))
    question_totals = disaster_totals(_store(request))
    return render(
        request,
        "disasters.html",
        staff,
        status_code=status_code,
        title=f"災害モード：{editing.name}の編集" if editing else "災害モード",
        active=[d for d in disasters if d.status == ACTIVE],
        ended=[d for d in disasters if d.status == ENDED],
        typed=typed or dict.fromkeys(FORM_KEYS, ""),
        editing=editing,
        problems=problems or [],
        question_totals=question_totals,
        outcome_labels=TURN_OUTCOME_LABELS,
    )


@pages.get("")
def disasters_page(request: Request, staff: Staff = editor_page):
    return _page(request, staff)


@pages.post("")
async def declare_from_page(request: Request, staff: Staff = reviewer_page):
    typed = _typed(await request.form())
    try:
        disaster = declare(_store(request), _fields(typed), staff.actor)
    except DisasterInvalid as exc:
        return _page(request, staff, typed, problems=exc.problems, status_code=422)
    except FaqError as exc:
        raise _http_error(exc) from exc
    logger.info("disaster %s declared by %s", disaster.id, staff.actor.username)
    return redirect("/console/disasters", "declared")


@pages.get("/{disaster_id}")
def edit_page(request: Request, disaster_id: str, staff: Staff = editor_page):
    disaster = _domain(lambda: get_disaster(_store(request), disaster_id))
    return _page(request, staff, _typed_of(disaster), editing=disaster)


@pages.post("/{disaster_id}")
async def update_from_page(request: Request, disaster_id: str, staff: Staff = reviewer_page):
    typed = _typed(await request.form())
    disaster = _require_own(request, staff, disaster_id, "災害の編集")
    try:
        update(_store(request), disaster_id, _fields(typed), staff.actor)
    except DisasterInvalid as exc:
        return _page(request, staff, typed, editing=disaster, problems=exc.problems, status_code=422)
    except FaqError as exc:
        raise _http_error(exc) from exc
    logger.info("disaster %s updated by %s", disaster_id, staff.actor.username)
    return redirect("/console/disasters", "updated")


def _residents(disaster: Disaster) -> str:
    """Whose residents hear of ``disaster``: its prefectures', or a municipality's own residents only."""
    own = disaster.owner != NATIONAL and "、".join(disaster.municipalities)
    return f"{own or '、'.join(disaster.prefectures)}の住民"


async def _switch_after_confirmation(
    request: Request,
    disaster_id: str,
    staff: Staff,
    confirmation: Callable[[Disaster], dict[str, Any]],
    switch: Callable[[FaqStore, str, Any], Disaster],
    done: str,
):
    """End or reopen: first a page saying what residents will see (``confirmation``), then ``switch``."""
    form = await request.form()
    disaster = _require_own(request, staff, disaster_id, "災害モードの終了・再開")
    if not confirmed(form):
        return confirm_page(request, staff, back="/console/disasters", **confirmation(disaster))
    _domain(lambda: switch(_store(request), disaster_id, staff.actor))
    logger.info("disaster %s %s by %s", disaster_id, done, staff.actor.username)
    return redirect("/console/disasters", done)


@pages.post("/{disaster_id}/end")
async def end_from_page(request: Request, disaster_id: str, staff: Staff = reviewer_page):
    def confirmation(disaster: Disaster) -> dict[str, Any]:
        dial = f"（{disaster.dial.get('name', '')}の電話番号）" if disaster.dial else ""
        return dict(
            heading=f"「{disaster.name}」の災害モードを終了しますか？",
            effects=[
                f"{_residents(disaster)}のウィジェットから、災害のバナー{dial}が消えます。",
                "チャットの「災害時の生活支援」で、この災害の相談所や専用ダイヤルを案内しなくなります。",
            ],
            undo="終了した災害は、この画面の「終了した災害」の一覧から「再開する」で元に戻せます。",
            action=f"/console/disasters/{disaster_id}/end",
            confirm_label="災害モードを終了する",
        )

    return await _switch_after_confirmation(request, disaster_id, staff, confirmation, end, "ended")


@pages.post("/{disaster_id}/reopen")
async def reopen_from_page(request: Request, disaster_id: str, staff: Staff = reviewer_page):
    """Undo an end: disaster mode goes on again, with the disaster as it was."""

    def confirmation(disaster: Disaster) -> dict[str, Any]:
        return dict(
            heading=f"「{disaster.name}」の災害モードを再開しますか？",
            effects=[
                f"{_residents(disaster)}に、ウィジェットのバナーとチャットの災害案内が"
                "終了前と同じ内容で再び表示されます。",
            ],
            undo="再開した後も、「災害モードを終了する」でいつでも終了できます。",
            action=f"/console/disasters/{disaster_id}/reopen",
            confirm_label="災害モードを再開する",
            danger=False,
        )

    return await _switch_after_confirmation(request, disaster_id, staff, confirmation, reopen, "reopened")
