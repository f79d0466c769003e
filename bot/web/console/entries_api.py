"""The staff JSON API for FAQ entries (``/api/staff/entries``): list, create, edit, workflow steps, roll
back and diff (「試しに質問する」's API is with its page, :mod:`bot.web.console.try_answer`). The console
pages (:mod:`bot.web.console.entries`) call the same domain functions (:mod:`faq.content.drafts`) and
workflow helpers (:mod:`bot.web.console.entry_workflow`).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request
from pydantic import Field, StrictStr, constr, validator

from bot.web.auth import Staff, editor_api, reviewer_api
from bot.web.console.entry_workflow import (
    ENTRY_ID_PATTERN,
    Step,
    after_publish,
    history_for,
    take_step,
    version_json,
    versions_of,
    workflow,
)
from bot.web.console.rendering import today_in_japan
from bot.web.console.schemas import (
    EntryDiffPublic,
    EntryHistoryPublic,
    EntryStepPublic,
    EntrySummaryPublic,
    EntryVersionPublic,
)
from bot.web.schemas import NOT_BLANK, BaseModel
from faq.content.corpus import MAX_EASY_JA_CHARS, MIN_ALTERNATES
from faq.content.diffs import diff
from faq.content.drafts import RESERVED_IDS, EntryExists, EntryProblems, create_entry, edit_entry, problem
from faq.content.organisations import ORG_ID_PATTERN
from faq.content.permissions import allowed, can_see
from faq.content.versions import EntryVersions
from faq.model import AUDIENCES, CATEGORIES

api = APIRouter(prefix="/api/staff/entries", tags=["staff"])
NEW_ENTRY_ID_PATTERN = rf"^(?!(?:{'|'.join(sorted(RESERVED_IDS))})$){ENTRY_ID_PATTERN[1:]}"


# The request shapes state the corpus's own rules (faq.content.corpus.parse_entry), so a request the
# OpenAPI document allows is one the domain accepts: text that must not be blank has a non-space character.
EntryId = Annotated[str, Path(pattern=ENTRY_ID_PATTERN, description="a-z, 0-9 and hyphens (3-81)")]


def text(max_length: int, required: bool = True) -> Any:
    """Text of at most ``max_length`` characters. ``required`` text must not be blank: the document says
    so (``pattern``) and the domain checks it, with a reason staff can read (pydantic would answer first,
    in English)."""
    if required:
        return Field(..., max_length=max_length, pattern=NOT_BLANK)
    return Field(..., max_length=max_length)


def text_items(**rules: Any) -> dict[str, Any]:
    return {"type": "string", "maxLength": 2000, **rules}


class EntryIn(BaseModel):
    """An entry as the API takes it. Types and lengths are checked here; the corpus's rules (categories,
    audiences, at least two phrasings, nothing blank) are stated in the document and checked by the domain
    (faq.content.corpus.parse_entry), whose 422 lists every problem with a reason in Japanese."""

    category: StrictStr = Field(..., enum=list(CATEGORIES))
    question: StrictStr = text(2000)
    alternates: list[constr(strict=True, max_length=2000)] = Field(  # type: ignore[valid-type]
        ..., max_items=100, minItems=MIN_ALTERNATES, item_schema=text_items(pattern=NOT_BLANK)
    )
    answer: StrictStr = text(20000)
    audience: list[StrictStr] = Field(
        [], max_items=len(AUDIENCES), item_schema=text_items(enum=list(AUDIENCES))
    )
    easy_ja: StrictStr = Field("", max_length=MAX_EASY_JA_CHARS)
    source_document: StrictStr = text(2000)
    source_section: StrictStr = Field("", max_length=2000)
    source_ref: StrictStr = text(2000)
    last_checked: date | None = None
    reason: constr(strict=True, max_length=2000, regex=NOT_BLANK)  # type: ignore[valid-type]

    @validator("last_checked", pre=True)
    def last_checked_is_iso_text(cls, value: Any) -> Any:  # noqa: N805 - pydantic validators take cls
        """As the schema says, YYYY-MM-DD text or null (pydantic would read a number as a timestamp)."""
        if value is not None and not isinstance(value, str):
            raise ValueError("last_checked must be a date as text (YYYY-MM-DD)")
        return value

    # national, centre:<n> or municipality:<団体コード>; only the national admin may set it (default: the
    # account's organisation for a new entry, unchanged for an edit)
    owner: constr(strict=True, max_length=64, regex=ORG_ID_PATTERN) | None = None  # type: ignore[valid-type]


class NewEntryIn(EntryIn):
    id: StrictStr = Field(..., max_length=100, pattern=NEW_ENTRY_ID_PATTERN)


class StepIn(BaseModel):
    reason: StrictStr = Field("", max_length=2000)


class RollbackIn(BaseModel):
    version: int = Field(..., ge=1)
    reason: StrictStr = Field("", max_length=2000)

    @validator("version", pre=True)
    def version_is_a_whole_number(cls, value: Any) -> Any:  # noqa: N805 - pydantic validators take cls
        """A JSON integer (5 or 5.0, as JSON Schema counts them); not text or true."""
        whole = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
        if isinstance(value, bool) or not whole:  # is_integer() is False for inf and nan
            raise ValueError("version must be a whole number")
        return int(value)


def _api_fields(body: EntryIn) -> dict[str, Any]:
    """The request's fields as the domain reads them (the date as ISO text; missing: today)."""
    data = body.dict()
    # What the document states and parse_entry would let pass (it drops blank phrasings, strips the id).
    problems = []
    if any(not alternate.strip() for alternate in body.alternates):
        problems.append(problem("alternates", "空欄の言い換えがあります。"))
    if isinstance(body, NewEntryIn) and body.id != body.id.strip():
        problems.append(problem("id", "IDの前後に空白や改行は使えません。"))
    if problems:
        raise EntryProblems(problems)
    data["last_checked"] = body.last_checked.isoformat() if body.last_checked else None
    return data


@api.get("", response_model=list[EntrySummaryPublic])
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
            "id": s.id,
            "category": s.category,
            "question": s.question,
            "status": s.status,
            "live_status": s.live_status,
            "version": s.version,
            "author": s.author,
            "owner": s.owner,
            "updated_at": s.updated_at.isoformat(),
            "actions": sorted(a.value for a in allowed(actor, s.owner)),
        }
        for s in versions_of(request).summaries(status, category, q)
        if can_see(actor, s.owner)
    ]


@api.post("", status_code=201, response_model=EntryVersionPublic)
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


@api.get("/{entry_id:entry_id}", response_model=EntryHistoryPublic)
def api_get(request: Request, entry_id: EntryId, staff: Staff = editor_api) -> dict[str, Any]:
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


@api.put("/{entry_id:entry_id}", response_model=EntryVersionPublic)
def api_edit(request: Request, entry_id: EntryId, body: EntryIn, staff: Staff = editor_api) -> dict[str, Any]:
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


@api.post("/{entry_id:entry_id}/rollback", response_model=EntryStepPublic)
def api_rollback(
    request: Request, entry_id: EntryId, body: RollbackIn, staff: Staff = reviewer_api
) -> dict[str, Any]:
    versions = versions_of(request)
    version = workflow(lambda: versions.rollback(entry_id, body.version, staff.actor, body.reason))
    return {**version_json(version), "index_revision": after_publish(request, version)}


@api.post(
    "/{entry_id:entry_id}/{step:step}",
    response_model=EntryStepPublic,
    response_model_exclude_unset=True,  # index_revision only when the step reached search
)
def api_step(
    request: Request, entry_id: EntryId, step: Step, body: StepIn, staff: Staff = editor_api
) -> dict[str, Any]:
    """submit (anyone), publish or retire (reviewers): a new version; publish and retire reach search."""
    version, revision = take_step(request, entry_id, step, staff, body.reason)
    return {**version_json(version), **({"index_revision": revision} if revision else {})}


@api.get("/{entry_id:entry_id}/diff", response_model=EntryDiffPublic)
def api_diff(
    request: Request, entry_id: EntryId, a: int, b: int, staff: Staff = editor_api
) -> dict[str, Any]:
    history_for(request, entry_id, staff)
    versions = versions_of(request)
    old = workflow(lambda: versions.version(entry_id, a))
    new = workflow(lambda: versions.version(entry_id, b))
    return {"id": entry_id, "a": a, "b": b, "diff": diff(old, new)}
