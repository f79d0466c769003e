"""GET /healthz: 200 once the assistant can answer, 503 before."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse, Response

from bot.web.deps import get_faq_service
from bot.web.middleware.metrics import exposition
from bot.web.schemas import HealthPublic
from bot.web.settings import get_settings
from faq.metrics import record_index
from faq.service import FaqService

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthPublic)
def healthz(request: Request, service: FaqService = Depends(get_faq_service)):
    assistant = request.app.state.assistant
    if not service.ready or (assistant is not None and not assistant.ready):
        return JSONResponse(status_code=503, content={"status": "starting", "revision": "", "entries": 0})
    index = service.index
    # Still serving, but index files on disk were refused: say so (staff see it in the console too).
    status = "degraded" if service.index_problem else "ok"
    return {
        "status": status,
        "revision": index.revision,
        "entries": len(index.entries),
        "problem": service.index_problem,
    }


@router.get("/metrics", include_in_schema=False)
def metrics(service: FaqService = Depends(get_faq_service)) -> Response:
    """Prometheus text format: turns, latencies, fallbacks, hand-offs, rate limits, the index revision.

    404 unless ``GOVBOT_OPEN_METRICS`` is set: counts and revisions are for the operator, not the public.
    """
    if not get_settings().open_metrics:
        raise HTTPException(status_code=404, detail="Not Found")
    if service.ready:
        record_index(service.index.revision, len(service.index.entries))
    body, content_type = exposition()
    return Response(body, media_type=content_type)
