"""POST /api/furigana: ruby readings for the widget's ふりがな toggle, from the index's own analyzer.

The cost of a request is bounded: at most MAX_TOTAL_CHARS characters in all (about 80 ms of analysis),
analysed on the heavy-work threads (bot.web.middleware.limits.HeavyWork), and limited per address.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import Field, conlist, constr

from bot.web.deps import get_faq_service
from bot.web.middleware.limits import heavy_work
from bot.web.schemas import BaseModel
from faq.service import FaqService
from faq.text.analyzer import JapaneseAnalyzer
from faq.text.furigana import ruby_segments

router = APIRouter(prefix="/api", tags=["widget"])
MAX_TEXTS = 30
MAX_TEXT_CHARS = 4000
# All texts of one request together: the widget's last 30 answers fit (the longest answers are ~250
# characters); more is refused with 413 and the reason, not analysed.
MAX_TOTAL_CHARS = 8000


class FuriganaRequest(BaseModel):
    texts: list[constr(strict=True, max_length=MAX_TEXT_CHARS)] = Field(..., max_items=MAX_TEXTS)  # type: ignore[valid-type]

    class Config:
        schema_extra = {"example": {"texts": ["罹災証明書は市町村の窓口で申請します。"]}}


class FuriganaAnswer(BaseModel):
    ruby: list[list[conlist(str, min_items=2, max_items=2)]]  # type: ignore[valid-type]  # [text, reading]


def _ruby(texts: list[str], analyzer: JapaneseAnalyzer) -> dict:
    return {"ruby": [ruby_segments(text, analyzer) for text in texts]}


@router.post("/furigana", response_model=FuriganaAnswer)
async def furigana(
    body: FuriganaRequest, request: Request, service: FaqService = Depends(get_faq_service)
) -> dict:
    """Each text cut into ``[text, reading]`` pieces; the reading is empty where no kanji needs one.
    At most MAX_TOTAL_CHARS characters in all texts together (413 beyond)."""
    total = sum(len(text) for text in body.texts)
    if total > MAX_TOTAL_CHARS:
        raise HTTPException(
            status_code=413,
            detail=f"ふりがなを付ける文は合わせて{MAX_TOTAL_CHARS}文字までです（送られたのは{total}文字）。"
            f"分けて送ってください。(texts total {total} characters; the limit is {MAX_TOTAL_CHARS})",
        )
    return await heavy_work(request.app).run(_ruby, body.texts, service.analyzer)
