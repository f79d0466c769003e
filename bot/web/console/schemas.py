"""Public response shapes of the staff JSON API (``/api/staff/…``): what the console's clients read.

Each model mirrors what the route returned before it was declared; dates and times are ISO text.
"""

from __future__ import annotations

from typing import Any

from bot.web.schemas import BaseModel, SearchPayloadPublic


class EntryRecordPublic(BaseModel):
    """One entry's content, flat (:func:`faq.content.corpus.flat_record`)."""

    id: str
    category: str
    question: str
    alternates: list[str]
    answer: str
    audience: list[str]
    source_document: str
    source_section: str
    source_ref: str
    last_checked: str
    easy_ja: str


class EntryVersionPublic(BaseModel):
    number: int
    status: str  # draft | review | published | retired
    author: str
    reason: str
    created_at: str
    entry: EntryRecordPublic
    owner: str  # national, centre:<n> or municipality:<団体コード>


class EntryStepPublic(EntryVersionPublic):
    """A version written by a workflow step; publish, retire and rollback also name the live index."""

    index_revision: str | None = None


class EntrySummaryPublic(BaseModel):
    id: str
    category: str
    question: str
    status: str  # the working version's
    live_status: str | None  # published | retired | None (never published)
    version: int
    author: str
    owner: str  # the organisation whose staff edit and publish it
    updated_at: str
    actions: list[str]  # what the account asking may do to it (edit, publish, …)


class EntryHistoryPublic(BaseModel):
    id: str
    working: EntryVersionPublic
    live: int | None
    live_status: str | None
    history: list[EntryVersionPublic]  # newest first


class EntryDiffPublic(BaseModel):
    id: str
    a: int
    b: int
    diff: list[str]  # unified diff lines


class TryPublic(BaseModel):
    before: SearchPayloadPublic
    after: SearchPayloadPublic | None
    version: int | None = None  # the working version tried, when an entry was named


class ImportCountsPublic(BaseModel):
    added: int
    changed: int
    unchanged: int


class MemoPublic(BaseModel):
    """One 相談メモ (redacted when it was saved)."""

    reference: str
    topic: str
    prefecture: str
    kikumimi: str
    contact_method: str
    centre: str  # the inbox it is in: centre:<n>, or "" for the national queue (memos with no place)
    status: str  # new | contacted | closed
    created_at: str
    updated_at: str | None
    updated_by: str | None


class DisasterPublic(BaseModel):
    """A disaster as staff set it, with its status and who changed it when."""

    id: str
    status: str  # active | ended
    name: str
    prefectures: list[str]
    municipalities: dict[str, str]
    start_date: str | None
    relief_act_applied: str
    guidebook_from: str
    guidebook_url: str
    special_consultation: bool
    dial: dict[str, Any]  # {name, phone, hours}
    events: list[dict[str, Any]]  # {time, place, specialists, …}
    guidebook: dict[str, Any]  # the printed guidebook's block (seed data)
    owner: str  # national | municipality:<6-digit 団体コード>: who may change it, whose residents hear of it
    updated_by: str | None
    created_at: str | None
    updated_at: str | None
    ended_at: str | None
