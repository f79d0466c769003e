"""POST /api/furigana: ruby readings for the widget's ふりがな toggle, from the index's own analyzer."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import Field, conlist, constr

from bot.web.deps import get_faq_service
from bot.web.schemas import BaseModel
from faq.service import FaqService
from faq.text.furigana import ruby_segments

router = APIRouter(prefix="/api", tags=["widget"])
MAX_TEXTS = 30
MAX_TEXT_CHARS = 4000


class FuriganaRequest(BaseModel):
    texts: list[constr(strict=True, max_length=MAX_TEXT_CHARS)] = Field(..., max_items=MAX_TEXTS)  # type: ignore[valid-type]

    class Config:
        schema_extra = {"example": {"texts": ["罹災証明書は市町村の窓口で申請します。"]}}


class FuriganaAnswer(BaseModel):
    ruby: list[list[conlist(str, min_items=2, max_items=2)]]  # type: ignore[valid-type]  # [text, reading]


@router.post("/furigana", response_model=FuriganaAnswer)
def furigana(body: FuriganaRequest, service: FaqService = Depends(get_faq_service)) -> dict:
    """Each text cut into ``[text, reading]`` pieces; the reading is empty where no kanji needs one."""
    return {"ruby": [ruby_segments(text, service.analyzer) for text in body.texts]}
