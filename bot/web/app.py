"""The FastAPI application: one router per resource, wired here."""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError
from starlette.routing import Match

from actions.services import ActionServices
from bot.web import pages
from bot.web.api import chat, disasters, feedback, furigana, health, widget
from bot.web.api import faq as faq_routes
from bot.web.assistant import Assistant
from bot.web.auth import SignInRequired
from bot.web.channels.line import webhook as line_webhook
from bot.web.console import auth as console_auth
from bot.web.console import disasters as console_disasters
from bot.web.console import entries as console_entries
from bot.web.console import entries_api as console_entries_api
from bot.web.console import entry_list as console_entry_list
from bot.web.console import handoff_memos as console_handoff_memos
from bot.web.console import learning as console_learning
from bot.web.console import overview as console_overview
from bot.web.console import rules as console_rules
from bot.web.console import supplements as console_supplements
from bot.web.console import transfer as console_transfer
from bot.web.console import try_answer as console_try
from bot.web.console.rendering import sign_in_redirect
from bot.web.index_watch import follow_published_entries
from bot.web.middleware.limits import AddressRateLimit, BodySizeLimit, rate_limits_from_settings
from bot.web.middleware.logs import AccessLog
from bot.web.middleware.security import SecurityHeaders
from bot.web.schemas import PUBLIC_ERRORS, STAFF_ERRORS
from bot.web.settings import get_settings
from bot.web.turn import Turns
from faq.content.flows import flow_table
from faq.errors import IndexNotReady
from faq.places.directory import KikumimiDirectory
from faq.safety import SafetyCheck
from faq.service import FaqService
from faq.text import JapaneseAnalyzer

logger = logging.getLogger(__name__)


async def database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    """The database is restarting or unreachable: say so with a 503, never a 500; nothing was written."""
    logger.error(
        "database unavailable for %s %s: %s", request.method, request.scope["path"], type(exc).__name__
    )
    return JSONResponse(
        {"detail": "the database is unavailable; nothing was saved. Try again in a moment."},
        status_code=503,
        headers={"Retry-After": "5"},
    )


async def index_not_ready(request: Request, exc: Exception) -> JSONResponse:
    """No search index is loaded (never built, or nothing published): a 503 with the reason, never a 500."""
    logger.error("search index not ready for %s %s: %s", request.method, request.scope["path"], exc)
    return JSONResponse(
        {"detail": "search is not available yet; try again in a moment."},
        status_code=503,
        headers={"Retry-After": "30"},
    )


async def method_not_allowed(request: Request, exc: Exception) -> JSONResponse:
    """405 with ``Allow`` listing every method of the path, not only those of the first route matched
    (GET and POST /api/staff/entries are two routes)."""
    allowed: set[str] = set()
    for route in request.app.routes:
        match, _ = route.matches({**request.scope, "method": ""})
        if match is not Match.NONE:
            allowed |= set(getattr(route, "methods", None) or ())
    if "GET" in allowed:
        allowed.add("HEAD")
    return JSONResponse(
        {"detail": "Method Not Allowed"}, status_code=405, headers={"Allow": ", ".join(sorted(allowed))}
    )


async def expire_hourly(service: FaqService, settings) -> None:
    """Apply the retention period now and every hour; a failure is logged and retried next hour."""
    from faq.residents.retention import apply_retention

    while True:
        try:
            await asyncio.to_thread(
                apply_retention,
                service.store,
                settings.tracker_store_url,
                settings.conversation_retention_days,
            )
        except Exception as exc:  # the database restarting must not end the schedule
            logger.warning("retention: %s: %s", type(exc).__name__, exc)
        await asyncio.sleep(3600)


def create_app(
    service: FaqService | None = None,
    *,
    warm_up: bool = True,
    with_assistant: bool = False,
) -> FastAPI:
    """Build the app. ``service`` defaults to one configured from the environment.

    ``with_assistant`` loads the Rasa model for the chat channel (``make run`` does; the FAQ API's tests
    do not need it).

    >>> app = create_app(with_assistant=True)   # then: uvicorn.run(app, port=8000)
    """
    settings = get_settings()
    faq_service = service or FaqService(settings)  # the engine reads the same settings object
    # One directory (gazetteer + resolver) for the process: the routes read it from app.state, the
    # in-process actions through KikumimiDirectory.default(), which is this same object.
    directory = KikumimiDirectory.default()
    flows = flow_table()  # the table of flows the widget's route and the in-process actions share
    action_url = settings.action_endpoint  # empty: actions run in this process
    assistant = (
        Assistant(
            Path(settings.rasa_model),
            action_url,
            ActionServices(faq=faq_service, directory=KikumimiDirectory.default(), flows=flows),
            settings.tracker_store_url,
            settings.action_token,
            settings.lock_store_url,
        )
        if with_assistant
        else None
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if warm_up and not faq_service.ready:
            try:
                faq_service.warm_up()
            except IndexNotReady as exc:
                logger.error("FAQ index not ready, /healthz will answer 503: %s", exc)
            directory.warm_up()  # the gazetteer's index, before the first resident asks
        if assistant is not None:
            try:
                await assistant.warm_up()
            except FileNotFoundError as exc:
                logger.error("chat channel disabled: %s", exc)
        background = []
        if settings.index_poll_seconds > 0:
            background.append(
                asyncio.create_task(follow_published_entries(faq_service, settings.index_poll_seconds))
            )
        if settings.conversation_retention_days > 0:
            background.append(asyncio.create_task(expire_hourly(faq_service, settings)))
        yield
        for task in background:
            task.cancel()
        if getattr(app.state, "line", None) is not None:
            await app.state.line.close()  # the LINE events being handled, then its HTTP client

    docs = settings.open_api_docs  # the API's map is not public unless configured (GOVBOT_OPEN_API_DOCS)
    app = FastAPI(
        title="行政・地域づくり相談アシスタント",
        version="0.1.0",
        lifespan=lifespan,
        docs_url="/docs" if docs else None,
        redoc_url="/redoc" if docs else None,
        openapi_url="/openapi.json" if docs else None,
    )
    app.state.faq_service = faq_service
    app.state.assistant = assistant
    app.state.directory = directory  # the one place resolver every route reads places with
    app.state.flows = flows
    app.state.safety = SafetyCheck(JapaneseAnalyzer())  # its own tagger: chat turns run on the event loop
    app.include_router(health.router)
    # Every error a route can answer is in the OpenAPI document, in the one shape it has (ErrorPublic).
    for public in (faq_routes, chat, feedback, furigana, disasters, widget):
        app.include_router(public.router, responses=PUBLIC_ERRORS)
    app.include_router(pages.router)
    # The staff console: each area's pages (/console/…, not in the API's document) and its JSON API
    # (/api/staff/…), each router with its prefix. Order matters where paths overlap: transfer's API comes
    # before the entries' (/api/staff/entries/export is not an entry id).
    for staff_routes in (
        console_auth.pages,
        console_transfer.pages,
        console_transfer.api,
        console_entries.pages,
        console_entries_api.api,
        console_try.api,
        console_try.pages,
        console_entry_list.pages,
        console_learning.pages,
        console_learning.api,
        console_disasters.api,
        console_disasters.pages,
        console_handoff_memos.api,
        console_handoff_memos.pages,
        console_overview.pages,
        console_supplements.pages,
        console_rules.pages,
    ):
        app.include_router(staff_routes, responses=STAFF_ERRORS)
    app.add_exception_handler(SignInRequired, sign_in_redirect)
    app.add_exception_handler(DBAPIError, database_unavailable)
    app.add_exception_handler(IndexNotReady, index_not_ready)
    app.add_exception_handler(405, method_not_allowed)
    app.mount("/static", pages.static_files(), name="static")
    # The widget may be embedded by other sites' pages only when their origin is configured.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origin_list,
        allow_methods=["GET", "POST"],
        allow_headers=["Content-Type"],
        max_age=600,
    )
    limits = rate_limits_from_settings(settings)
    app.state.rate_limits = limits
    # The one turn every channel's door calls (bot/web/turn.py).
    app.state.turns = Turns(assistant, directory, app.state.safety, faq_service, limits)
    app.state.line = None
    if settings.line_channel_secret:  # LINE's door is served only when the channel is configured
        app.state.line = line_webhook.line_channel(settings, app.state.turns, directory, faq_service)
        app.include_router(line_webhook.router)
    app.add_middleware(AddressRateLimit, limits=limits)
    app.add_middleware(BodySizeLimit, read_timeout=settings.read_timeout_seconds)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(AccessLog)
    return app
