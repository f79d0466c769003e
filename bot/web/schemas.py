"""Public response shapes of the web API."""

from __future__ import annotations

from pydantic import BaseModel


class SourcePublic(BaseModel):
    document: str
    section: str
    ref: str
    last_checked: str


class FaqHitPublic(BaseModel):
    id: str
    question: str
    answer: str
    category: str
    score: float
    source: SourcePublic


class FaqSearchPublic(BaseModel):
    query: str
    outcome: str  # answer | clarify | no_answer
    confidence: float
    revision: str
    results: list[FaqHitPublic]


class HealthPublic(BaseModel):
    status: str
    revision: str = ""
    entries: int = 0
