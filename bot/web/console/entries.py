"""FAQ entries in the staff console: edit, review, publish, retire, roll back, history with diffs. The
staff JSON API is :mod:`bot.web.console.entries_api`, the list :mod:`bot.web.console.entry_list`.

Publishing (and retiring, rolling back) rebuilds the search index at once (`FaqService.refresh_index`):
built aside, swapped atomically, about a second and a half for 300 entries.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from rasa_sdk.executor import CollectingDispatcher
from starlette.concurrency import run_in_threadpool

from bot.web.auth import Staff, editor_page, reviewer_page
from bot.web.console.entry_workflow import (
    STEPS,
    Step,
    after_publish,
    faq_service_of,
    history_for,
    take_step,
    versions_of,
    workflow,
)
from bot.web.console.rendering import confirm_page, confirmed, redirect, render, today_in_japan
from bot.web.console.review import history_context, rollback_target
from faq.content.corpus import flat_record
from faq.content.diffs import diff, side_by_side
from faq.content.drafts import EntryExists, EntryProblems, create_entry, edit_entry
from faq.content.organisations import Organisations
from faq.content.permissions import EntryAction, PermissionDenied, allowed
from faq.content.staff_messages import reason_in_japanese
from faq.content.versions import EntryVersion, EntryVersions, WorkflowError
from faq.errors import FaqNotFound
from faq.model import AUDIENCES, CATEGORIES, FaqEntry
from faq.places.directory import KikumimiDirectory
from faq.residents.learning import LearningError, parse_refs, resolve

logger = logging.getLogger(__name__)
pages = APIRouter(prefix="/console/entries", include_in_schema=False)


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
                "owner",  # only the national admin's form has it
            )
        },
        "audience": [str(a) for a in form.getlist("audience")],
    }


def _edit_page(request: Request, staff: Staff, entry_id: str | None, fields: dict[str, Any], **extra: Any):
    history = extra.pop("history", None)
    if history is None and entry_id:
        history = history_for(request, entry_id, staff)
    owner = history[0].entry.owner if history else staff.actor.organisation
    organisations = Organisations(faq_service_of(request).store, KikumimiDirectory.default())
    return render(
        request,
        "entry.html",
        staff,
        status_code=extra.pop("status_code", 200),
        title=f"エントリ {entry_id}" if entry_id else "新しいエントリ",
        entry_id=entry_id,
        fields=fields,
        categories=CATEGORIES,
        audiences=AUDIENCES,
        owner=owner,
        owner_name=organisations.name_of(owner),
        **history_context(history or [], {action.value for action in allowed(staff.actor, owner)}),
        **extra,
    )


def _fields_of(version: EntryVersion) -> dict[str, Any]:
    """The edit form's values: the flat record, alternates one per line."""
    fields = flat_record(version.entry)
    return {
        **fields,
        "alternates": "\n".join(fields["alternates"]),
        "reason": "",
        "owner": version.entry.owner,
    }


@pages.get("/new")
def new_page(request: Request, question: str = "", items: str = "", staff: Staff = editor_page):
    """A new entry; from the learning list, ``question`` prefills it and ``items`` are resolved on save."""
    fields = {
        "question": question[:1000],
        "audience": [],
        "last_checked": today_in_japan().isoformat(),
        "items": items[:2000],
    }
    return _edit_page(request, staff, None, fields, new=True)


@pages.post("/new")
async def create_from_page(request: Request, staff: Staff = editor_page):
    form = await request.form()
    fields = _form_fields(form)
    entry_id = str(form.get("id") or "").strip()
    versions = versions_of(request)
    try:
        create_entry(
            versions, fields, entry_id, today_in_japan(), staff.actor, fields["reason"] or "新規作成"
        )
    except PermissionDenied as exc:
        raise HTTPException(403, str(exc)) from exc
    except (EntryProblems, EntryExists) as exc:
        problems = (
            exc.problems
            if isinstance(exc, EntryProblems)
            else [{"field": "id", "item": "ID", "reason": f"{entry_id} は既にあります。"}]
        )
        fields = {**fields, "id": entry_id, "items": str(form.get("items") or "")}
        return _edit_page(request, staff, None, fields, new=True, problems=problems, status_code=422)
    _resolve_learning_items(request, str(form.get("items") or ""), entry_id, staff)
    return redirect(f"/console/entries/{entry_id}", "saved")


def _resolve_learning_items(request: Request, items: str, entry_id: str, staff: Staff) -> None:
    """The residents' questions this new entry was written for leave the learning list."""
    refs = [ref for ref in items.split(",") if ref.strip()]
    if not refs:
        return
    try:
        resolve(
            faq_service_of(request).store, parse_refs(refs), f"new entry {entry_id} by {staff.user.username}"
        )
    except LearningError as exc:  # a malformed reference must not lose the saved entry
        logger.warning("learning items not resolved for %s: %s", entry_id, exc)


@pages.get("/{entry_id}")
def entry_page(request: Request, entry_id: str, staff: Staff = editor_page):
    history = history_for(request, entry_id, staff)
    return _edit_page(request, staff, entry_id, _fields_of(history[0]), history=history)


@pages.post("/{entry_id}")
async def save_from_page(request: Request, entry_id: str, staff: Staff = editor_page):
    form = await request.form()
    fields = _form_fields(form)
    versions = versions_of(request)
    try:
        edit_entry(versions, fields, entry_id, today_in_japan(), staff.actor, fields["reason"] or "編集")
    except FaqNotFound as exc:
        raise HTTPException(404, f"no entry {exc}") from exc
    except PermissionDenied as exc:
        raise HTTPException(403, str(exc)) from exc
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


@pages.post("/{entry_id}/rollback")
async def rollback_from_page(request: Request, entry_id: str, staff: Staff = reviewer_page):
    """Put an older version's content live again, after a confirmation showing what residents will read.

    ``undo=yes`` is the 「元に戻す」 of the last publish, rollback or retirement: the same rollback, to the
    version that was live before.
    """
    form = await request.form()
    undo = str(form.get("undo") or "") == "yes"
    history = history_for(request, entry_id, staff, EntryAction.ROLLBACK)
    target = rollback_target(form, history, entry_id)
    number = target.number
    if not confirmed(form):
        return _rollback_confirm(request, staff, entry_id, history, target, undo)
    reason = str(form.get("reason") or (f"元に戻す（v{number}）" if undo else f"v{number} に戻す"))

    def roll_back_and_follow() -> None:  # the index rebuild must not hold up the event loop (chat turns)
        version = workflow(lambda: versions_of(request).rollback(entry_id, number, staff.actor, reason))
        after_publish(request, version)

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


@pages.post("/{entry_id}/{step}")
async def step_from_page(request: Request, entry_id: str, step: Step, staff: Staff = editor_page):
    form = await request.form()
    reason = str(form.get("reason") or "")
    history = history_for(request, entry_id, staff, STEPS[step][2])  # refused before any confirmation
    if step == Step.publish and not confirmed(form):
        return _publish_confirm(request, staff, entry_id, history, reason)
    if step == Step.retire and not confirmed(form):
        working = workflow(lambda: versions_of(request).working(entry_id))
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
    await run_in_threadpool(take_step, request, entry_id, step, staff, reason)
    return redirect(f"/console/entries/{entry_id}", STEPS[step][1])


def _publish_confirm(request: Request, staff: Staff, entry_id: str, history: list[EntryVersion], reason: str):
    """Publishing asks first, as rolling back and retiring do: what changes for residents, the diff against
    the version they see now, and the answer as the chat will show it."""
    working, live = history[0], EntryVersions.live_of(history)
    if working.status not in ("draft", "review"):
        raise HTTPException(409, f"{entry_id} v{working.number} は公開できる状態ではありません")
    question, number = working.entry.question, working.number
    if live is None:
        effects = [f"「{question}」に、v{number} の内容で住民への回答を始めます（はじめての公開）。"]
    elif live.status == "retired":
        effects = [f"公開を終了していた「{question}」に、v{number} の内容で再び回答するようになります。"]
    else:
        effects = [
            f"「{question}」への住民への回答が、いま公開中の v{live.number} から"
            f" v{number} の内容に変わります。"
        ]
    effects.append("検索にはすぐ反映され、チャットで質問した住民に新しい内容が表示されます。")
    old_label = ""
    if live is not None:
        old_label = (
            f"いま住民に見えている v{live.number}"
            if live.status == "published"
            else f"公開終了の v{live.number}"
        )
    return confirm_page(
        request,
        staff,
        heading=f"{entry_id}：v{number} を公開しますか？",
        effects=effects,
        undo=(
            "公開後もこのエントリの画面の「元に戻す」で、直前に公開していた版に戻せます。"
            if live is not None
            else "公開後もこのエントリの画面の「公開を終了する」で、住民に表示しないようにできます。"
        ),
        action=f"/console/entries/{entry_id}/publish",
        confirm_label=f"v{number} を公開する",
        back=f"/console/entries/{entry_id}",
        hidden={"reason": reason},
        danger=False,
        sides=side_by_side(live.entry, working.entry) if live is not None else None,
        old_label=old_label,
        new_label=f"公開する v{number}",
        preview=_residents_read(working.entry),
        easy=working.entry.easy_ja,
    )


def _residents_read(entry: FaqEntry) -> list[dict[str, Any]]:
    """The answer as the chat shows it once published, drawn by the chat's own builder (loaded when first
    used, as 試しに質問する does)."""
    dispatcher = CollectingDispatcher()
    importlib.import_module("actions.common").utter_entry(dispatcher, entry)
    return dispatcher.messages


@pages.get("/{entry_id}/diff")
def diff_page(request: Request, entry_id: str, a: int, b: int, staff: Staff = editor_page):
    history_for(request, entry_id, staff)
    versions = versions_of(request)
    old = workflow(lambda: versions.version(entry_id, a))
    new = workflow(lambda: versions.version(entry_id, b))
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
