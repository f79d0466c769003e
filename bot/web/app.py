"""The FastAPI application: one router per resource, wired here."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI

from bot.web.routes import faq, health
from faq.errors import IndexNotReady
from faq.service import FaqService

logger = logging.getLogger(__name__)


def create_app(service: FaqService | None = None, *, warm_up: bool = True) -> FastAPI:
    """Build the app. ``service`` defaults to one configured from the environment.

    >>> app = create_app()   # then: uvicorn.run(app)
    """
    faq_service = service or FaqService()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if warm_up and not faq_service.ready:
            try:
                faq_service.warm_up()
            except IndexNotReady as exc:
                logger.error("FAQ index not ready, /healthz will answer 503: %s", exc)
        yield

    app = FastAPI(title="行政・地域づくり相談アシスタント", version="0.1.0", lifespan=lifespan)
    app.state.faq_service = faq_service
    app.include_router(health.router)
    app.include_router(faq.router)
    return app
