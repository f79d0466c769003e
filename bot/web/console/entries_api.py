"""The staff JSON API for FAQ entries (``/api/staff/entries``): list, create, edit, workflow steps, roll
back, diff and 「試しに質問する」. The console pages (:mod:`bot.web.console.entries`) call the same domain
functions (:mod:`faq.content.drafts`) and workflow helpers (:mod:`bot.web.console.entry_workflow`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from bot.web.auth import Staff, editor_api, reviewer_api
from bot.web.console.entry_workflow import (
    Step,
    after_publish,
    faq_service_of,
    history_for,
    take_step,
    version_json,
    versions_of,
    workflow,
)
from bot.web.console.rendering import today_in_japan
from faq.content.diffs import diff
from faq.content.drafts import EntryExists, EntryProblems, create_entry, edit_entry
from faq.content.permissions import allowed, can_see
from faq.content.versions import EntryVersions
from faq.search.presenting import search_payload

router = APIRouter()


class EntryIn(BaseModel):
    category: str
    question: str = Field(..., max_length=2000)
    alternates: list[str] = Field(..., max_items=100)
    answer: str = Field(..., max_length=20000)
    audience: list[str] = []
    easy_ja: str = Field("", max_length=2000)
    source_document: str = Field(..., max_length=2000)
    source_section: str = Field("", max_length=2000)
    source_ref: str = Field(..., max_length=2000)
    last_checked: date | None = None
    reason: str = Field(..., min_length=1, max_length=2000)
    # national, centre:<n> or municipality:<団体コード>; only the national admin may set it (default: the
    # account's organisation for a new entry, unchanged for an edit)
    owner: str | None = Field(None, max_length=64)


class NewEntryIn(EntryIn):
    id: str = Field(..., max_length=100)


class StepIn(BaseModel):
    reason: str = Field("", max_length=2000)


class RollbackIn(BaseModel):
    version: int = Field(..., ge=1)
    reason: str = Field("", max_length=2000)


class TryIn(BaseModel):
    question: str = Field(..., min_length=1, max_length=1000)
    entry_id: str | None = Field(None, max_length=100)


def _api_fields(body: EntryIn) -> dict[str, Any]:
    """The request's fields as the domain reads them (the date as ISO text; missing: today)."""
    data = body.dict()
    data["last_checked"] = body.last_checked.isoformat() if body.last_checked else None
    return data


@router.get("/api/staff/entries", tags=["staff"])
def api_list(
    request: Request,
    status: str | None = None,
    category: str | None = None,
    q: str | None = None,
    staff: Staff = editor_api,
) -> list[dict[str, Any]]:
    """Entries by their working version, filtered by status, category and text: those the account may see
    (national and its organisation's; all for the national admin), each with its owner and the ``actions``
    the account may take on it."""
    actor = staff.actor
    return [
        {
            **s.__dict__,
            "updated_at": s.updated_at.isoformat(),
            "actions": sorted(a.value for a in allowed(actor, s.owner)),
        }
        for s in versions_of(request).summaries(status, category, q)
        if can_see(actor, s.owner)
    ]


@router.post("/api/staff/entries", status_code=201, tags=["staff"])
def api_create(request: Request, body: NewEntryIn, staff: Staff = editor_api) -> dict[str, Any]:
    """A new entry, saved as a draft."""
    versions = versions_of(request)
    try:
        version = workflow(
            lambda: create_entry(
                versions, _api_fields(body), body.id, today_in_japan(), staff.actor, body.reason
            )
        )
    except EntryProblems as exc:
        raise HTTPException(422, exc.problems) from exc
    except EntryExists as exc:
        raise HTTPException(
            409, f"an entry {exc.entry_id!r} exists; PUT /api/staff/entries/{exc.entry_id} edits it"
        ) from exc
    return version_json(version)


@router.get("/api/staff/entries/{entry_id}", tags=["staff"])
def api_get(request: Request, entry_id: str, staff: Staff = editor_api) -> dict[str, Any]:
    """The entry's history, newest first, and which version is live."""
    history = history_for(request, entry_id, staff)
    live = EntryVersions.live_of(history)
    return {
        "id": entry_id,
        "working": version_json(history[0]),
        "live": live.number if live else None,
        "live_status": live.status if live else None,
        "history": [version_json(v) for v in history],
    }


@router.put("/api/staff/entries/{entry_id}", tags=["staff"])
def api_edit(request: Request, entry_id: str, body: EntryIn, staff: Staff = editor_api) -> dict[str, Any]:
    """A new draft version of an existing entry (the live version keeps answering until published)."""
    versions = versions_of(request)
    try:
        version = workflow(
            lambda: edit_entry(
                versions, _api_fields(body), entry_id, today_in_japan(), staff.actor, body.reason
            )
        )
    except EntryProblems as exc:
        raise HTTPException(422, exc.problems) from exc
    return version_json(version)


@router.post("/api/staff/entries/{entry_id}/rollback", tags=["staff"])
def api_rollback(
    request: Request, entry_id: str, body: RollbackIn, staff: Staff = reviewer_api
) -> dict[str, Any]:
    versions = versions_of(request)
    version = workflow(lambda: versions.rollback(entry_id, body.version, staff.actor, body.reason))
    return {**version_json(version), "index_revision": after_publish(request, version)}


@router.post("/api/staff/entries/{entry_id}/{step}", tags=["staff"])
def api_step(
    request: Request, entry_id: str, step: Step, body: StepIn, staff: Staff = editor_api
) -> dict[str, Any]:
    """submit (anyone), publish or retire (reviewers): a new version; publish and retire reach search."""
    version, revision = take_step(request, entry_id, step, staff, body.reason)
    return {**version_json(version), **({"index_revision": revision} if revision else {})}


@router.get("/api/staff/entries/{entry_id}/diff", tags=["staff"])
def api_diff(request: Request, entry_id: str, a: int, b: int, staff: Staff = editor_api) -> dict[str, Any]:
    history_for(request, entry_id, staff)
    versions = versions_of(request)
    old = workflow(lambda: versions.version(entry_id, a))
    new = workflow(lambda: versions.version(entry_id, b))
    return {"id": entry_id, "a": a, "b": b, "diff": diff(old, new)}


@router.post("/api/staff/try", tags=["staff"])
def api_try(request: Request, body: TryIn, staff: Staff = editor_api) -> dict[str, Any]:
    """Which entry answers ``question`` now and, with ``entry_id``, once its working version is live."""
    service = faq_service_of(request)
    if not body.entry_id:
        return {"before": search_payload(service.search(body.question, 3)), "after": None}
    working = history_for(request, body.entry_id, staff)[0]
    before, after = service.preview(body.question, working.entry)
    return {"before": search_payload(before), "after": search_payload(after), "version": working.number}
