"""POST /api/feedback: a resident's 役に立った / 役に立たなかった vote on an answer."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, HTTPException, status

from bot.web.deps import get_faq_service
from bot.web.schemas import FeedbackIn, FeedbackPublic, error_responses
from faq.errors import FaqNotFound
from faq.residents.feedback import record_vote
from faq.service import FaqService

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/api", tags=["feedback"])


@router.post(
    "/feedback",
    response_model=FeedbackPublic,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(404),  # no such entry
)
def feedback(vote: FeedbackIn, service: FaqService = Depends(get_faq_service)) -> dict:
    """Store the vote for staff; the question is redacted before it is stored."""
    try:
        service.store.get(vote.faq_id)
    except FaqNotFound as exc:
        raise HTTPException(status_code=404, detail=f"no FAQ entry {vote.faq_id!r}") from exc
    new = record_vote(service.store, vote.faq_id, vote.helpful, vote.question, vote.sender)
    logger.info("feedback faq_id=%s helpful=%s new=%s", vote.faq_id, vote.helpful, new)
    return {"faq_id": vote.faq_id, "helpful": vote.helpful, "replaced": not new}
