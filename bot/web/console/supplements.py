"""地域の窓口 in the staff console: a municipality's editors list, write and submit its local supplements to
national entries; its reviewers publish, retire and roll them back. Server-rendered like the rest of the
console; the permissions are those of entries (:mod:`faq.content.permissions`, owner ``municipality:<code>``).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, HTTPException, Request

from bot.web.auth import Staff, editor_page
from bot.web.console.entry_workflow import faq_service_of
from bot.web.console.rendering import confirm_page, confirmed, redirect, render, today_in_japan
from bot.web.console.review import STEPS, Step, history_context, rollback_target, workflow
from faq.content.organisations import municipality_id, six_digit_code
from faq.content.permissions import EntryAction, PermissionDenied, allowed, can_see
from faq.content.staff_messages import VERSION_STATUS_LABELS, reason_in_japanese
from faq.content.supplement_versions import SupplementVersion, SupplementVersions
from faq.content.supplements import FIELDS, parse_supplement
from faq.content.workflow import WorkflowError
from faq.errors import FaqNotFound
from faq.search.scope import owning_municipality

logger = logging.getLogger(__name__)
pages = APIRouter(prefix="/console/supplements", include_in_schema=False)
FIELD_LABELS = {
    "window": "窓口",
    "address": "場所",
    "phone": "電話",
    "hours": "受付時間",
    "url": "URL",
    "note": "補足",
}


def _versions(request: Request) -> SupplementVersions:
    return SupplementVersions(faq_service_of(request).store)


def _code(staff: Staff, code: str) -> str:
    """The page's municipality as a 6-digit code; 404 for a malformed one, 403 for another's."""
    try:
        code = six_digit_code(code)
    except ValueError as exc:
        raise HTTPException(404, "no such municipality") from exc
    if not can_see(staff.actor, municipality_id(code)):
        raise HTTPException(403, f"地域の窓口は担当組織 {municipality_id(code)} の職員だけが扱えます。")
    return code


@pages.get("")
def list_page(request: Request, staff: Staff = editor_page):
    """The account's municipality's supplements (the national administrator's: every municipality's)."""
    own = owning_municipality(staff.actor.organisation)
    codes = [own] if own else []
    if staff.actor.is_admin:
        codes = sorted({v.supplement.municipality for v in _versions(request).working_all()})
    rows = [v for code in codes for v in _versions(request).working_for(code)]
    return render(
        request,
        "supplements.html",
        staff,
        title="地域の窓口",
        rows=rows,
        labels=VERSION_STATUS_LABELS,
        own=own,
    )


def _form_page(
    request: Request, staff: Staff, code: str, entry_id: str, fields: dict[str, Any], **extra: Any
):
    try:
        history: list[SupplementVersion] = _versions(request).history(entry_id, code)
    except FaqNotFound:
        history = []
    question = faq_service_of(request).store.get(entry_id).question
    return render(
        request,
        "supplement.html",
        staff,
        status_code=extra.pop("status_code", 200),
        title=f"地域の窓口 {entry_id}",
        code=code,
        entry_id=entry_id,
        question=question,
        fields=fields,
        field_names=FIELDS,
        field_labels=FIELD_LABELS,
        **history_context(history, {a.value for a in allowed(staff.actor, municipality_id(code))}),
        **extra,
    )


def _fields_of(version: SupplementVersion | None) -> dict[str, Any]:
    if version is None:
        return {"last_checked": today_in_japan().isoformat()}
    s = version.supplement
    return {
        **{name: getattr(s, name) for name in FIELDS},
        **{f"ref_{name}": ref for name, ref in s.field_refs.items()},
        "source_document": s.source.document,
        "source_section": s.source.section,
        "source_ref": s.source.ref,
        "last_checked": s.last_checked.isoformat(),
    }


@pages.get("/{code}")
def new_for_entry(request: Request, code: str, entry: str = "", staff: Staff = editor_page):
    """The list's 「窓口を追加する」: the supplement page of the entry id typed."""
    code = _code(staff, code)
    entry = entry.strip()
    if not entry or not entry.isascii() or "/" in entry:
        raise HTTPException(422, "国のFAQエントリのIDを入れてください")
    return redirect(f"/console/supplements/{code}/{entry}")


def _visible(request: Request, staff: Staff, entry_id: str, code: str) -> None:
    """403 unless the account may see the entry it would supplement (never another town's own entry)."""
    try:
        _versions(request).require(staff.actor, EntryAction.VIEW, entry_id, code)
    except PermissionDenied as exc:
        raise HTTPException(403, str(exc)) from exc
    except FaqNotFound as exc:
        raise HTTPException(404, f"no entry {entry_id}") from exc


@pages.get("/{code}/{entry_id}")
def supplement_page(request: Request, code: str, entry_id: str, staff: Staff = editor_page):
    code = _code(staff, code)
    _visible(request, staff, entry_id, code)
    try:
        version = _versions(request).working(entry_id, code)
    except FaqNotFound:
        version = None  # a new supplement for this entry
    try:
        return _form_page(request, staff, code, entry_id, _fields_of(version))
    except FaqNotFound as exc:
        raise HTTPException(404, f"no entry {entry_id}") from exc


@pages.post("/{code}/{entry_id}")
async def save_from_page(request: Request, code: str, entry_id: str, staff: Staff = editor_page):
    code = _code(staff, code)
    _visible(request, staff, entry_id, code)
    form = await request.form()
    fields = {k: str(v)[:2000] for k, v in form.items() if k != "csrf_token"}
    versions = _versions(request)
    step = fields.get("step", "save")
    if step in Step.__members__:
        return _take_step(request, staff, code, entry_id, Step(step), fields.get("reason") or "")
    try:
        faq_service_of(request).store.get(entry_id)
        raw = {
            "entry": entry_id,
            **{name: fields.get(name, "") for name in FIELDS},
            "field_refs": {name: fields.get(f"ref_{name}", "") for name in FIELDS},
            "source": {
                "document": fields.get("source_document", ""),
                "section": fields.get("source_section", ""),
                "ref": fields.get("source_ref", ""),
            },
            "last_checked": fields.get("last_checked", ""),
            "status": "draft",
        }
        supplement, problems = parse_supplement(raw, code, "console")
        if supplement is None:
            found = [{"item": FIELD_LABELS.get(p[2], p[2]), "reason": p[3]} for p in problems]
            return _form_page(request, staff, code, entry_id, fields, problems=found, status_code=422)
        versions.save_draft(supplement, staff.actor, fields.get("reason") or "編集")
    except FaqNotFound as exc:
        raise HTTPException(404, f"no entry or supplement {exc}") from exc
    except PermissionDenied as exc:
        raise HTTPException(403, str(exc)) from exc
    except WorkflowError as exc:
        conflict = [{"item": "全体", "reason": reason_in_japanese(str(exc))}]
        return _form_page(request, staff, code, entry_id, fields, problems=conflict, status_code=409)
    return redirect(f"/console/supplements/{code}/{entry_id}", "saved")


@pages.post("/{code}/{entry_id}/rollback")
async def rollback_from_page(request: Request, code: str, entry_id: str, staff: Staff = editor_page):
    """Publish an older version's content again (the domain's rollback), after a confirmation showing what
    the town's residents will read. Its reviewers only; the reason is required and kept in the history."""
    code = _code(staff, code)
    _visible(request, staff, entry_id, code)
    if EntryAction.ROLLBACK not in allowed(staff.actor, municipality_id(code)):
        raise HTTPException(
            403, f"地域の窓口を以前の版に戻せるのは {municipality_id(code)} のレビュー担当だけです。"
        )
    form = await request.form()
    reason = str(form.get("reason") or "").strip()[:500]
    versions = _versions(request)
    try:
        history = versions.history(entry_id, code)
    except FaqNotFound as exc:
        raise HTTPException(404, f"{entry_id} の地域の窓口はありません") from exc
    target = rollback_target(form, history, entry_id)
    if not reason:
        missing = [{"item": "理由", "reason": "以前の版に戻す理由を書いてください"}]
        fields = _fields_of(history[0])
        return _form_page(request, staff, code, entry_id, fields, problems=missing, status_code=422)
    if not confirmed(form):
        return _rollback_confirm(request, staff, code, entry_id, history, target, reason)
    workflow(lambda: versions.rollback(entry_id, code, target.number, staff.actor, reason))
    logger.info(
        "supplement %s/%s rolled back to v%s by %s", entry_id, code, target.number, staff.user.username
    )
    return redirect(f"/console/supplements/{code}/{entry_id}", "rolled_back")


@pages.post("/{code}/{entry_id}/{step}")
async def step_from_page(request: Request, code: str, entry_id: str, step: Step, staff: Staff = editor_page):
    """A step's own button (the review macros' forms), as on an entry's page."""
    code = _code(staff, code)
    _visible(request, staff, entry_id, code)
    form = await request.form()
    return _take_step(request, staff, code, entry_id, step, str(form.get("reason") or ""))


def _take_step(request: Request, staff: Staff, code: str, entry_id: str, step: Step, reason: str):
    """Submit, publish or retire the town's supplement; the reason defaults as the entries' do."""
    versions = _versions(request)
    default_reason, flash, _ = STEPS[step]
    workflow(
        lambda: getattr(versions, step.value)(entry_id, code, staff.actor, reason.strip() or default_reason)
    )
    if step != Step.submit:
        logger.info("supplement %s/%s %s by %s", entry_id, code, step.value, staff.user.username)
    return redirect(f"/console/supplements/{code}/{entry_id}", flash)


def _rollback_confirm(
    request: Request,
    staff: Staff,
    code: str,
    entry_id: str,
    history: list[SupplementVersion],
    target: SupplementVersion,
    reason: str,
):
    live = next((v for v in history if v.status in ("published", "retired")), None)
    shown = target.supplement.filled()
    effects = [
        f"{entry_id} の回答の下に表示する地域の窓口が、"
        + (f"いまの v{live.number} から" if live and live.status == "published" else "")
        + f" v{target.number} の内容になり、チャットにすぐ反映されます。",
        *(f"{FIELD_LABELS[name]}：{value}" for name, value in shown.items()),
    ]
    return confirm_page(
        request,
        staff,
        heading=f"地域の窓口 {entry_id}：v{target.number} の内容を公開しますか？",
        effects=effects,
        undo="公開後もこの画面の履歴から、直前に公開していた版に同じ手順で戻せます。",
        action=f"/console/supplements/{code}/{entry_id}/rollback",
        confirm_label=f"v{target.number} の内容を公開する",
        back=f"/console/supplements/{code}/{entry_id}",
        hidden={"version": str(target.number), "reason": reason},
    )
