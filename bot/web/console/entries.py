"""FAQ entries in the staff console and its JSON API: list, edit, review, publish, retire, roll back,
history with diffs, and 「試しに質問する」 before and after an edit.

Publishing (and retiring, rolling back) rebuilds the search index at once (`FaqService.refresh_index`):
built aside, swapped atomically, about a second and a half for 300 entries.
"""

from __future__ import annotations

import logging
from datetime import date
from enum import Enum
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from bot.web.auth import Staff, editor_api, editor_page, reviewer_api, reviewer_page
from bot.web.console import entry_list as console_entry_list
from bot.web.console import try_answer as console_try
from bot.web.console.rendering import confirm_page, confirmed, redirect, render, today_in_japan
from bot.web.deps import get_faq_service
from faq.content.corpus import flat_record, nested_record, parse_entry
from faq.content.diffs import diff, side_by_side
from faq.content.staff_messages import field_label, reason_in_japanese
from faq.content.versions import (
    EntryVersion,
    EntryVersions,
    PermissionDenied,
    WorkflowError,
)
from faq.errors import FaqNotFound
from faq.model import AUDIENCES, CATEGORIES, FaqEntry
from faq.residents.learning import LearningError, parse_refs, resolve
from faq.search.presenting import search_payload
from faq.service import FaqService

logger = logging.getLogger(__name__)
router = APIRouter()
RESERVED_IDS = {"new", "export", "import"}  # /console/entries/new, /api/staff/entries/export|import
STATUS_LABELS = {"draft": "下書き", "review": "レビュー待ち", "published": "公開中", "retired": "公開終了"}


class EntryProblems(Exception):
    def __init__(self, problems: list[dict[str, str]]):
        self.problems = problems


# -- shared -------------------------------------------------------------------------------------------


def _service(request: Request) -> FaqService:
    return get_faq_service(request)


def _versions(request: Request) -> EntryVersions:
    return EntryVersions(_service(request).store)


def entry_from_fields(fields: dict[str, Any], entry_id: str) -> FaqEntry:
    """Validate submitted fields with the corpus's own rules; raises EntryProblems listing them all."""
    raw = nested_record(
        {
            **fields,
            "id": entry_id,
            "alternates": _lines(fields.get("alternates")),
            "audience": fields.get("audience") or [],
            "last_checked": fields.get("last_checked") or today_in_japan().isoformat(),
            "status": "draft",
        }
    )
    entry, problems = parse_entry(raw, "form", entry_id or "-")
    if entry_id in RESERVED_IDS:
        problems.append(("form", entry_id, "id", f"{entry_id!r} is reserved by the console's addresses"))
        entry = None
    if entry is None:
        raise EntryProblems([_problem(field, reason) for _, _, field, reason in problems])
    return entry


def _problem(field: str, reason: str) -> dict[str, str]:
    """A problem as the API names it (``field``) and as staff read it (``item``, ``reason`` in Japanese)."""
    return {"field": field, "item": field_label(field), "reason": reason_in_japanese(reason)}


def _lines(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [line.strip() for line in str(value or "").splitlines() if line.strip()]


def _after_publish(request: Request, version: EntryVersion) -> str:
    revision = _service(request).follow_published()
    logger.info(
        "entry %s v%d %s; index revision %s", version.entry.id, version.number, version.status, revision
    )
    return revision


def _workflow(call):
    """Run a workflow step, turning domain errors into HTTP ones."""
    try:
        return call()
    except FaqNotFound as exc:
        raise HTTPException(404, f"no entry {exc}") from exc
    except PermissionDenied as exc:
        raise HTTPException(403, str(exc)) from exc
    except WorkflowError as exc:
        raise HTTPException(409, str(exc)) from exc


class Step(str, Enum):
    submit = "submit"
    publish = "publish"
    retire = "retire"


# step → (workflow method, default reason, flash key). The workflow itself checks the role.
STEPS = {
    Step.submit: (EntryVersions.submit, "レビュー依頼", "submitted"),
    Step.publish: (EntryVersions.publish, "公開", "published"),
    Step.retire: (EntryVersions.retire, "公開終了", "retired"),
}


def _take_step(
    request: Request, entry_id: str, step: Step, staff: Staff, reason: str
) -> tuple[EntryVersion, str]:
    """One workflow step; publish and retire also rebuild the live index (its revision is returned)."""
    method, default_reason, _ = STEPS[step]
    versions = _versions(request)
    version = _workflow(lambda: method(versions, entry_id, staff.actor, reason.strip() or default_reason))
    revision = _after_publish(request, version) if step != Step.submit else ""
    return version, revision


def _version_json(version: EntryVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "status": version.status,
        "author": version.author,
        "reason": version.reason,
        "created_at": version.created_at.isoformat(),
        "entry": flat_record(version.entry),
    }


# -- JSON API ---------------------------------------------------------------------------------------


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


def _api_entry(fields: EntryIn, entry_id: str) -> FaqEntry:
    data = fields.dict()
    data["last_checked"] = fields.last_checked.isoformat() if fields.last_checked else None
    try:
        return entry_from_fields(data, entry_id)
    except EntryProblems as exc:
        raise HTTPException(422, exc.problems) from exc


@router.get("/api/staff/entries", tags=["staff"])
def api_list(
    request: Request,
    status: str | None = None,
    category: str | None = None,
    q: str | None = None,
    staff: Staff = editor_api,
) -> list[dict[str, Any]]:
    """Entries by their working version, filtered by status, category and text."""
    return [
        {**s.__dict__, "updated_at": s.updated_at.isoformat()}
        for s in _versions(request).summaries(status, category, q)
    ]


@router.post("/api/staff/entries", status_code=201, tags=["staff"])
def api_create(request: Request, body: NewEntryIn, staff: Staff = editor_api) -> dict[str, Any]:
    """A new entry, saved as a draft."""
    versions = _versions(request)
    entry = _api_entry(body, body.id)
    try:
        versions.working(entry.id)
    except FaqNotFound:
        pass
    else:
        raise HTTPException(409, f"an entry {entry.id!r} exists; PUT /api/staff/entries/{entry.id} edits it")
    return _version_json(_workflow(lambda: versions.save_draft(entry, staff.actor, body.reason)))


@router.get("/api/staff/entries/{entry_id}", tags=["staff"])
def api_get(request: Request, entry_id: str, staff: Staff = editor_api) -> dict[str, Any]:
    """The entry's history, newest first, and which version is live."""
    history = _workflow(lambda: _versions(request).history(entry_id))
    live = EntryVersions.live_of(history)
    return {
        "id": entry_id,
        "working": _version_json(history[0]),
        "live": live.number if live else None,
        "live_status": live.status if live else None,
        "history": [_version_json(v) for v in history],
    }


@router.put("/api/staff/entries/{entry_id}", tags=["staff"])
def api_edit(request: Request, entry_id: str, body: EntryIn, staff: Staff = editor_api) -> dict[str, Any]:
    """A new draft version of an existing entry (the live version keeps answering until published)."""
    versions = _versions(request)
    _workflow(lambda: versions.working(entry_id))
    entry = _api_entry(body, entry_id)
    return _version_json(_workflow(lambda: versions.save_draft(entry, staff.actor, body.reason)))


@router.post("/api/staff/entries/{entry_id}/rollback", tags=["staff"])
def api_rollback(
    request: Request, entry_id: str, body: RollbackIn, staff: Staff = reviewer_api
) -> dict[str, Any]:
    versions = _versions(request)
    version = _workflow(lambda: versions.rollback(entry_id, body.version, staff.actor, body.reason))
    return {**_version_json(version), "index_revision": _after_publish(request, version)}


@router.post("/api/staff/entries/{entry_id}/{step}", tags=["staff"])
def api_step(
    request: Request, entry_id: str, step: Step, body: StepIn, staff: Staff = editor_api
) -> dict[str, Any]:
    """submit (anyone), publish or retire (reviewers): a new version; publish and retire reach search."""
    version, revision = _take_step(request, entry_id, step, staff, body.reason)
    return {**_version_json(version), **({"index_revision": revision} if revision else {})}


@router.get("/api/staff/entries/{entry_id}/diff", tags=["staff"])
def api_diff(request: Request, entry_id: str, a: int, b: int, staff: Staff = editor_api) -> dict[str, Any]:
    versions = _versions(request)
    old = _workflow(lambda: versions.version(entry_id, a))
    new = _workflow(lambda: versions.version(entry_id, b))
    return {"id": entry_id, "a": a, "b": b, "diff": diff(old, new)}


@router.post("/api/staff/try", tags=["staff"])
def api_try(request: Request, body: TryIn, staff: Staff = editor_api) -> dict[str, Any]:
    """Which entry answers ``question`` now and, with ``entry_id``, once its working version is live."""
    service = _service(request)
    if not body.entry_id:
        return {"before": search_payload(service.search(body.question, 3)), "after": None}
    working = _workflow(lambda: _versions(request).working(body.entry_id or ""))
    before, after = service.preview(body.question, working.entry)
    return {"before": search_payload(before), "after": search_payload(after), "version": working.number}


# -- console pages ----------------------------------------------------------------------------------


def _form_fields(form) -> dict[str, Any]:
    return {
        **{
            k: str(form.get(k) or "")
            for k in (
                "category",
                "question",
                "alternates",
                "answer",
                "easy_ja",
                "source_document",
                "source_section",
                "source_ref",
                "last_checked",
                "reason",
            )
        },
        "audience": [str(a) for a in form.getlist("audience")],
    }


def _edit_page(request: Request, staff: Staff, entry_id: str | None, fields: dict[str, Any], **extra: Any):
    history = extra.pop("history", None)
    if history is None and entry_id:
        history = _workflow(lambda: _versions(request).history(entry_id))
    live = EntryVersions.live_of(history) if history else None
    return render(
        request,
        "entry.html",
        staff,
        status_code=extra.pop("status_code", 200),
        title=f"エントリ {entry_id}" if entry_id else "新しいエントリ",
        entry_id=entry_id,
        fields=fields,
        history=history or [],
        live=live,
        live_before=EntryVersions.live_before(history) if history else None,
        categories=CATEGORIES,
        audiences=AUDIENCES,
        labels=STATUS_LABELS,
        **extra,
    )


def _fields_of(version: EntryVersion) -> dict[str, Any]:
    """The edit form's values: the flat record, alternates one per line."""
    fields = flat_record(version.entry)
    return {**fields, "alternates": "\n".join(fields["alternates"]), "reason": ""}


@router.get("/console/entries/new", include_in_schema=False)
def new_page(request: Request, question: str = "", items: str = "", staff: Staff = editor_page):
    """A new entry; from the learning list, ``question`` prefills it and ``items`` are resolved on save."""
    fields = {
        "question": question[:1000],
        "audience": [],
        "last_checked": today_in_japan().isoformat(),
        "items": items[:2000],
    }
    return _edit_page(request, staff, None, fields, new=True)


@router.post("/console/entries/new", include_in_schema=False)
async def create_from_page(request: Request, staff: Staff = editor_page):
    form = await request.form()
    fields = _form_fields(form)
    entry_id = str(form.get("id") or "").strip()
    versions = _versions(request)
    try:
        entry = entry_from_fields(fields, entry_id)
        try:
            versions.working(entry_id)
        except FaqNotFound:
            pass
        else:
            raise EntryProblems([{"field": "id", "item": "ID", "reason": f"{entry_id} は既にあります。"}])
        versions.save_draft(entry, staff.actor, fields["reason"] or "新規作成")
    except EntryProblems as exc:
        fields = {**fields, "id": entry_id, "items": str(form.get("items") or "")}
        return _edit_page(request, staff, None, fields, new=True, problems=exc.problems, status_code=422)
    _resolve_learning_items(request, str(form.get("items") or ""), entry_id, staff)
    return redirect(f"/console/entries/{entry_id}", "saved")


def _resolve_learning_items(request: Request, items: str, entry_id: str, staff: Staff) -> None:
    """The residents' questions this new entry was written for leave the learning list."""
    refs = [ref for ref in items.split(",") if ref.strip()]
    if not refs:
        return
    try:
        resolve(_service(request).store, parse_refs(refs), f"new entry {entry_id} by {staff.user.username}")
    except LearningError as exc:  # a malformed reference must not lose the saved entry
        logger.warning("learning items not resolved for %s: %s", entry_id, exc)


@router.get("/console/entries/{entry_id}", include_in_schema=False)
def entry_page(request: Request, entry_id: str, staff: Staff = editor_page):
    history = _workflow(lambda: _versions(request).history(entry_id))
    return _edit_page(request, staff, entry_id, _fields_of(history[0]), history=history)


@router.post("/console/entries/{entry_id}", include_in_schema=False)
async def save_from_page(request: Request, entry_id: str, staff: Staff = editor_page):
    form = await request.form()
    fields = _form_fields(form)
    versions = _versions(request)
    _workflow(lambda: versions.working(entry_id))
    try:
        entry = entry_from_fields(fields, entry_id)
        versions.save_draft(entry, staff.actor, fields["reason"] or "編集")
    except EntryProblems as exc:
        return _edit_page(request, staff, entry_id, fields, problems=exc.problems, status_code=422)
    except WorkflowError as exc:
        return _edit_page(
            request,
            staff,
            entry_id,
            fields,
            problems=[{"field": "-", "item": "全体", "reason": reason_in_japanese(str(exc))}],
            status_code=409,
        )
    return redirect(f"/console/entries/{entry_id}", "saved")


@router.post("/console/entries/{entry_id}/rollback", include_in_schema=False)
async def rollback_from_page(request: Request, entry_id: str, staff: Staff = reviewer_page):
    """Put an older version's content live again, after a confirmation showing what residents will read.

    ``undo=yes`` is the 「元に戻す」 of the last publish, rollback or retirement: the same rollback, to the
    version that was live before.
    """
    form = await request.form()
    try:
        number = int(str(form.get("version")))
    except ValueError as exc:
        raise HTTPException(422, "版の番号を数字で指定してください") from exc
    undo = str(form.get("undo") or "") == "yes"
    history = _workflow(lambda: _versions(request).history(entry_id))
    target = next((v for v in history if v.number == number), None)
    if target is None:
        raise HTTPException(404, f"{entry_id} に v{number} はありません")
    if not confirmed(form):
        return _rollback_confirm(request, staff, entry_id, history, target, undo)
    reason = str(form.get("reason") or (f"元に戻す（v{number}）" if undo else f"v{number} に戻す"))

    def roll_back_and_follow() -> None:  # the index rebuild must not hold up the event loop (chat turns)
        version = _workflow(lambda: _versions(request).rollback(entry_id, number, staff.actor, reason))
        _after_publish(request, version)

    await run_in_threadpool(roll_back_and_follow)
    return redirect(f"/console/entries/{entry_id}", "undone" if undo else "rolled_back")


def _rollback_confirm(
    request: Request,
    staff: Staff,
    entry_id: str,
    history: list[EntryVersion],
    target: EntryVersion,
    undo: bool,
):
    live = EntryVersions.live_of(history)
    question = target.entry.question
    if live is None or live.status == "retired":
        effects = [f"「{question}」に、v{target.number} の内容で再び回答するようになります。"]
    else:
        effects = [
            f"「{question}」への住民への回答が、いま公開中の v{live.number} から"
            f" v{target.number} の内容に変わります。"
        ]
    effects.append("検索にはすぐ反映され、チャットで質問した住民に新しい内容が表示されます。")
    return confirm_page(
        request,
        staff,
        heading=f"{entry_id}：v{target.number} の内容を公開しますか？",
        effects=effects,
        undo="公開後もこのエントリの画面の「元に戻す」で、直前に公開していた版に戻せます。",
        action=f"/console/entries/{entry_id}/rollback",
        confirm_label=f"v{target.number} の内容を公開する",
        back=f"/console/entries/{entry_id}",
        hidden={"version": str(target.number), "undo": "yes" if undo else ""},
        sides=side_by_side(live.entry, target.entry) if live else None,
        old_label=f"いま住民に見えている v{live.number}" if live else "",
        new_label=f"公開する v{target.number}",
    )


@router.post("/console/entries/{entry_id}/{step}", include_in_schema=False)
async def step_from_page(request: Request, entry_id: str, step: Step, staff: Staff = editor_page):
    form = await request.form()
    reason = str(form.get("reason") or "")
    if step == Step.retire and not confirmed(form):
        working = _workflow(lambda: _versions(request).working(entry_id))
        return confirm_page(
            request,
            staff,
            heading=f"{entry_id} の公開を終了しますか？",
            effects=[
                f"「{working.entry.question}」への回答を、住民に表示しなくなります。",
                "この質問をした住民には、ほかのエントリか、問い合わせ先の窓口が案内されます。",
            ],
            undo="終了後もこのエントリの画面の「公開を再開する」で、同じ内容をもう一度公開できます。",
            action=f"/console/entries/{entry_id}/retire",
            confirm_label="公開を終了する",
            back=f"/console/entries/{entry_id}",
            hidden={"reason": reason},
        )
    # Publishing rebuilds the index: in the thread pool, so residents' chat turns are not held up.
    await run_in_threadpool(_take_step, request, entry_id, step, staff, reason)
    return redirect(f"/console/entries/{entry_id}", STEPS[step][2])


@router.get("/console/entries/{entry_id}/diff", include_in_schema=False)
def diff_page(request: Request, entry_id: str, a: int, b: int, staff: Staff = editor_page):
    versions = _versions(request)
    old = _workflow(lambda: versions.version(entry_id, a))
    new = _workflow(lambda: versions.version(entry_id, b))
    return render(
        request,
        "diff.html",
        staff,
        title=f"{entry_id} の差分",
        entry_id=entry_id,
        old=old,
        new=new,
        changed=diff(old, new) != [],
        sides=side_by_side(old.entry, new.entry),
        old_label=f"v{old.number}",
        new_label=f"v{new.number}",
    )


# 「試しに質問する」 lives in its own module; its page is served with the entries'.
router.include_router(console_try.router)
router.include_router(console_entry_list.router)
