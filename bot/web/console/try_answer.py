"""「試しに質問する」: what a resident would see for a question, now and once an edited entry is published.

The reply is drawn with the chat's own message builders (:mod:`actions.common`), so the bubble, its
buttons and its source line are what the widget shows; the outcome is said in words, and ids and scores
stay in a details block for those who tune the search. Nothing here is recorded in the learning list.

Page: ``GET /console/try``. API: ``POST /api/staff/try`` (the search payloads before and after).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import constr
from rasa_sdk.executor import CollectingDispatcher

from actions.services import ActionServices, serving
from bot.web.auth import Staff, editor_api, editor_page
from bot.web.console.entry_workflow import ENTRY_ID_PATTERN, faq_service_of, history_for
from bot.web.console.rendering import render
from bot.web.console.schemas import TryPublic
from bot.web.deps import get_faq_service
from bot.web.schemas import NOT_BLANK, BaseModel
from faq.content.permissions import can_see
from faq.content.versions import EntryVersions
from faq.errors import FaqNotFound
from faq.model import Outcome, SearchResult
from faq.places.directory import KikumimiDirectory
from faq.search.presenting import search_payload

api = APIRouter(prefix="/api/staff/try", tags=["staff"])
pages = APIRouter(prefix="/console/try", include_in_schema=False)
CLARIFY_TEXT = "もしかして、次のどれかについてのご質問ですか？"  # as actions.common.reply_to_search asks


class TryIn(BaseModel):
    question: constr(strict=True, max_length=1000, regex=NOT_BLANK)  # type: ignore[valid-type]
    entry_id: constr(strict=True, regex=ENTRY_ID_PATTERN) | None = None  # type: ignore[valid-type]


@dataclass(frozen=True)
class ResidentView:
    """One search result as the resident meets it, and the outcome in a sentence for staff."""

    messages: list[dict[str, Any]]  # {"text", "buttons": [{"title"}]}
    outcome: str
    summary: str
    result: SearchResult


def resident_view(result: SearchResult) -> ResidentView:
    # The chat's builders, loaded when first used: the console does not need the actions package at
    # import time, and `mypy faq bot` stays within those two packages.
    chat = importlib.import_module("actions.common")
    faq_payload, no_answer, utter_entry = chat.faq_payload, chat.no_answer, chat.utter_entry
    dispatcher = CollectingDispatcher()
    if result.outcome is Outcome.ANSWER:
        top = result.hits[0].entry
        utter_entry(dispatcher, top, [h.entry for h in result.hits[1:3]], result.confidence)
        summary = f"「{top.question}」の回答をそのまま表示します。"
    elif result.outcome is Outcome.CLARIFY:
        dispatcher.utter_message(
            text=CLARIFY_TEXT,
            buttons=[{"title": h.entry.question, "payload": faq_payload(h.entry.id)} for h in result.hits[:3]]
            + [{"title": "どれも違う", "payload": "/request_human"}],
        )
        summary = "確信が持てないため、「もしかして」と候補を示して、住民に選んでもらいます。"
    else:
        no_answer(dispatcher)
        summary = "答えられる資料がないと判断し、推測では答えずに、相談の窓口を案内します。"
    return ResidentView(dispatcher.messages, result.outcome.value, summary, result)


def change_in_words(before: ResidentView, after: ResidentView) -> str:
    """What publishing the working version changes for this question."""
    same_top = (before.result.hits[:1] and after.result.hits[:1]) and (
        before.result.hits[0].entry.id == after.result.hits[0].entry.id
    )
    if before.outcome == after.outcome and (same_top or before.outcome == Outcome.NO_ANSWER.value):
        return "公開しても、この質問への答え方は変わりません。"
    return f"公開すると答え方が変わります。いまは{before.summary}公開後は{after.summary}"


@pages.get("")
def try_page(request: Request, q: str = "", entry: str = "", staff: Staff = editor_page):
    """The live answer, and with ``entry`` the answer once its working version is live."""
    before = after = None
    working = None
    if q.strip():
        service = get_faq_service(request)
        # The chat's builders read the host's services, as in a chat turn: this page hosts them here.
        with serving(ActionServices(faq=service, directory=KikumimiDirectory.default())):
            if entry:
                try:
                    working = EntryVersions(service.store).working(entry)
                except FaqNotFound as exc:
                    raise HTTPException(404, f"エントリ {entry} はありません") from exc
                if not can_see(staff.actor, working.entry.owner):  # another organisation's draft
                    raise HTTPException(403, f"エントリ {entry} は他の組織のエントリです。")
                now, then = service.preview(q, working.entry)
                before, after = resident_view(now), resident_view(then)
            else:
                before = resident_view(service.search(q, 3))
    return render(
        request,
        "try.html",
        staff,
        title="試しに質問する",
        q=q,
        entry=entry,
        before=before,
        after=after,
        working=working,
        change=change_in_words(before, after) if before and after else "",
    )


@api.post("", response_model=TryPublic, response_model_exclude_unset=True)
def api_try(request: Request, body: TryIn, staff: Staff = editor_api) -> dict[str, Any]:
    """Which entry answers ``question`` now and, with ``entry_id``, once its working version is live."""
    service = faq_service_of(request)
    if not body.entry_id:
        return {"before": search_payload(service.search(body.question, 3)), "after": None}
    working = history_for(request, body.entry_id, staff)[0]
    before, after = service.preview(body.question, working.entry)
    return {"before": search_payload(before), "after": search_payload(after), "version": working.number}
