"""GET /api/faq/search: the FAQ engine over HTTP.

A search runs on the heavy-work threads (bot.web.middleware.limits.HeavyWork), so a flood of them cannot
starve the chat's event loop; its cost is bounded by the query's length (``GOVBOT_MAX_QUERY_CHARS``).
"""

from __future__ import annotations

import logging
import unicodedata

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from bot.web.deps import get_directory, get_faq_service
from bot.web.middleware.limits import heavy_work
from bot.web.schemas import FaqSearchPublic
from bot.web.settings import get_settings
from faq.content.organisations import six_digit_code
from faq.errors import IndexNotReady
from faq.metrics import SEARCH_SECONDS, SEARCHES
from faq.places.directory import KikumimiDirectory
from faq.search.presenting import search_payload
from faq.service import MAX_K, FaqService

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/api/faq", tags=["faq"])


# Without municipality= the response is exactly as before: ``place`` appears only when it was asked for.
@router.get("/search", response_model=FaqSearchPublic, response_model_exclude_unset=True)
async def search(
    request: Request,
    q: str = Query(..., description="The question, as a resident types it."),
    k: int = Query(5, ge=1, le=MAX_K, description=f"How many results (1-{MAX_K})."),
    municipality: str | None = Query(
        None,
        max_length=40,
        description="The page's municipality: a 団体コード (17204, 172049) or a name (輪島市, 北海道伊達市).",
    ),
    service: FaqService = Depends(get_faq_service),
    directory: KikumimiDirectory = Depends(get_directory),
) -> dict:
    """Rank published FAQ entries for ``q``; ``outcome`` says answer, clarify or no_answer. With
    ``municipality``, ``place`` says where that is and which きくみみ serves it."""
    return await heavy_work(request.app).run(_search, q, k, municipality, service, directory)


def _search(
    q: str, k: int, municipality: str | None, service: FaqService, directory: KikumimiDirectory
) -> dict:
    limit = get_settings().max_query_chars
    if not q.strip():
        raise HTTPException(status_code=422, detail="q is empty: send the question to search for")
    place = _place_payload(directory, municipality) if municipality is not None else None
    code = six_digit_code(place["code"]) if place and place["code"] else None  # its own entries join
    length = len(unicodedata.normalize("NFKC", q))  # the limit counts what is searched: 「㌖」 is 6 chars
    if length > limit:
        raise HTTPException(status_code=422, detail=f"q is {length} characters long; the limit is {limit}")
    try:
        with SEARCH_SECONDS.time():
            result = service.search(q, k, municipality=code)
    except IndexNotReady as exc:
        logger.error("search while the index is not ready: %s", exc)
        raise HTTPException(status_code=503, detail="the FAQ index is not ready yet") from exc
    SEARCHES.labels(outcome=result.outcome.value).inc()
    logger.info(
        "faq search outcome=%s confidence=%.3f hits=%d top=%s",
        result.outcome.value,
        result.confidence,
        len(result.hits),
        result.hits[0].entry.id if result.hits else "-",
    )
    payload = search_payload(result)
    if place is not None:
        payload["place"] = place
    return payload


def _place_payload(directory: KikumimiDirectory, municipality: str) -> dict:
    """``place`` for the response; 422 when ``municipality`` names no single place (unknown, or 伊達市)."""
    place = directory.place_of(municipality) if municipality.strip() else None
    if place is None:
        raise HTTPException(
            status_code=422,
            detail=f"municipality {municipality!r} names no single 市区町村 or 都道府県: "
            "send its 団体コード, or its name with the prefecture (北海道伊達市)",
        )
    centre = directory.for_place(place)
    return {
        "label": place.label,
        "prefecture": place.prefecture,
        "code": place.municipality.code if place.municipality else "",
        "kikumimi": {
            "name": centre.name,
            "phone": centre.phone,
            "tel": centre.tel_uri,
            "address": centre.address,
            "note": directory.area_note(place),
        },
    }
