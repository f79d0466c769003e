"""Public response shapes of the web API."""

from __future__ import annotations

import sys
import unicodedata
from typing import Any

from pydantic import BaseModel as PydanticModel
from pydantic import Field, StrictBool, StrictStr, validator


def _character_class(characters: list[str]) -> str:
    """A regex character class body for ``characters``, as \\uXXXX escapes that Python and ECMA-262
    (JSON Schema's regexes, which schemathesis reads) understand alike."""
    return "".join(f"\\u{ord(c):04x}" for c in characters)


# What str.strip() removes; the document spells it out because ECMA's \s is narrower than Python's.
WHITESPACE = _character_class([chr(c) for c in range(0x10000) if chr(c).isspace()])
NOT_BLANK = rf"^[{WHITESPACE}]*[^{WHITESPACE}]"  # text with a character that is not whitespace
assert sys.maxunicode > 0xFFFF and not any(chr(c).isspace() for c in range(0x10000, 0x110000, 0x100))


class BaseModel(PydanticModel):
    """Every public shape: ``Field(item_schema={...})`` adds rules for a list's items to the document, and
    a field that may be null says so in the OpenAPI document (pydantic 1 writes
    ``Optional[str]`` as a plain string, so clients and schemathesis took ``null`` for a violation)."""

    class Config:
        @staticmethod
        def schema_extra(schema: dict[str, Any], model: type[PydanticModel]) -> None:
            for field in model.__fields__.values():
                shown = schema.get("properties", {}).get(field.alias)
                if shown is not None and "item_schema" in shown:  # rules for each item of a list
                    shown["items"] = {**shown.get("items", {}), **shown.pop("item_schema")}
                if field.allow_none and shown is not None and "anyOf" not in shown:
                    title = shown.pop("title", None)
                    schema["properties"][field.alias] = {
                        "anyOf": [shown, {"type": "null"}],
                        **({"title": title} if title else {}),
                    }


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


class KikumimiPublic(BaseModel):
    name: str
    phone: str
    tel: str
    address: str
    note: str = ""  # Hokkaido: the centre is unconfirmed, or the town is not known yet


class PlacePublic(BaseModel):
    """The place ``municipality=`` names, as the one resolver reads it, and the きくみみ that serves it."""

    label: str  # 石川県輪島市
    prefecture: str
    code: str = ""  # 全国地方公共団体コード (5 digits) of a municipality
    kikumimi: KikumimiPublic


class SearchPayloadPublic(BaseModel):
    """What one search found (:func:`faq.search.presenting.search_payload`)."""

    query: str
    outcome: str  # answer | clarify | no_answer
    confidence: float
    revision: str
    # What the question asks (金額, 日数…) that the top result does not state; then outcome is clarify.
    not_covered: list[str] = []
    results: list[FaqHitPublic]


class FaqSearchPublic(SearchPayloadPublic):
    place: PlacePublic | None = None  # only when the request named a municipality


class HealthPublic(BaseModel):
    status: str  # ok | degraded (serving, but index files were refused) | starting
    revision: str = ""
    entries: int = 0
    problem: str = ""


class ContactPublic(BaseModel):
    name: str
    phone: str
    hours: str = ""
    tel: str


class DisasterBannerPublic(BaseModel):
    id: str
    name: str
    prefectures: list[str]
    contact: ContactPublic
    payload: str  # send it as a chat message to open the disaster flow for the region


class ButtonPublic(BaseModel):
    title: str  # the label residents read
    payload: str  # send it as the chat message when the button is chosen (/intent or /intent{...})


class WidgetPublic(BaseModel):
    """What the widget shows before the resident says anything, from the server's data, not its script."""

    start_menu: list[ButtonPublic]  # 分野から探す, then each flow's button (faq/data/flows.yml)
    texts: dict[str, str]  # the widget's own words by key (messages.yml's widget group), {fields} unfilled


class FeedbackIn(BaseModel):
    sender: StrictStr = Field(..., min_length=1, max_length=128, description="The chat's sender id.")
    faq_id: StrictStr = Field(..., min_length=1, max_length=100)
    helpful: StrictBool
    question: StrictStr = Field(
        "", max_length=2000, description="What the resident asked (redacted on arrival)."
    )

    @validator("question")
    def question_fits_once_normalised(cls, value: str) -> str:  # noqa: N805 - pydantic validators take cls
        """The limit counts what is stored and searched: NFKC turns one 「㌖」 into six characters."""
        normalised = unicodedata.normalize("NFKC", value)
        if len(normalised) > 2000:
            raise ValueError(f"question is {len(normalised)} characters once normalised; the limit is 2000")
        return normalised


class FeedbackPublic(BaseModel):
    faq_id: str
    helpful: bool
    replaced: bool  # True when this conversation had voted on the entry before


class ErrorPublic(BaseModel):
    """Every 4xx/5xx body: ``detail`` says why (a sentence, or a list of field problems); an import's
    refusal lists ``problems`` by row instead."""

    detail: object = None
    problems: object = None


def error_responses(*codes: int) -> dict[int | str, dict[str, object]]:
    """OpenAPI ``responses=`` for the errors a group of routes can answer, all in :class:`ErrorPublic`."""
    return {code: {"model": ErrorPublic, "description": _ERROR_MEANINGS[code]} for code in codes}


_ERROR_MEANINGS = {
    400: "a parameter or body that cannot be understood (e.g. JSON that does not parse)",
    401: "no valid session or token",
    403: "the role does not allow it, or the CSRF token is missing",
    404: "no such entry, disaster or item",
    405: "method not allowed (see Allow)",
    409: "the change conflicts with the current state",
    413: "request body too large",
    422: "the request is invalid; detail lists why",
    429: "too many requests from this address (see Retry-After)",
    503: "the database or the search index is unavailable; nothing was saved",
}
PUBLIC_ERRORS = error_responses(400, 413, 422, 429, 503)
STAFF_ERRORS = error_responses(400, 401, 403, 404, 409, 413, 422, 429, 503)
