"""GET /api/faq/search: the FAQ engine over HTTP."""

from __future__ import annotations

import logging
import unicodedata

from fastapi import APIRouter, Depends, HTTPException, Query

from bot.web.deps import get_faq_service
from bot.web.schemas import FaqSearchPublic
from bot.web.settings import get_settings
from faq.errors import IndexNotReady
from faq.metrics import SEARCH_SECONDS, SEARCHES
from faq.search.presenting import search_payload
from faq.service import MAX_K, FaqService

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/api/faq", tags=["faq"])


@router.get("/search", response_model=FaqSearchPublic)
def search(
    q: str = Query(..., description="The question, as a resident types it."),
    k: int = Query(5, ge=1, le=MAX_K, description=f"How many results (1-{MAX_K})."),
    service: FaqService = Depends(get_faq_service),
) -> dict:
    """Rank published FAQ entries for ``q``; ``outcome`` says answer, clarify or no_answer."""
    limit = get_settings().max_query_chars
    if not q.strip():
        raise HTTPException(status_code=422, detail="q is empty: send the question to search for")
    length = len(unicodedata.normalize("NFKC", q))  # the limit counts what is searched: 「㌖」 is 6 chars
    if length > limit:
        raise HTTPException(status_code=422, detail=f"q is {length} characters long; the limit is {limit}")
    try:
        with SEARCH_SECONDS.time():
            result = service.search(q, k)
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
    return search_payload(result)
