"""POST /webhooks/line/webhook — served only when ``GOVBOT_LINE_CHANNEL_SECRET`` is set (404 otherwise).

The signature is checked on the raw body, in constant time, before anything is parsed: missing or wrong
is 401, and nothing is stored or answered. A verified batch's events are taken (deduplicated) in the
database, then it is answered 200 at once (the console's verify call has no events) and its events are
handled in the background; a database that cannot take them makes it 503, and LINE redelivers.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from bot.web.channels.line.channel import LineChannel
from bot.web.channels.line.client import LineClient
from bot.web.channels.line.store import LineStore

logger = logging.getLogger(__name__)
router = APIRouter(tags=["line"])
PATH = "/webhooks/line/webhook"


def line_channel(settings: Any, turns: Any, directory: Any, faq_service: Any) -> LineChannel:
    """The app's LINE door, from the web settings (``GOVBOT_LINE_*``) and the app's own services."""
    return LineChannel(
        turns,
        LineClient(settings.line_channel_access_token, settings.line_api_base),
        LineStore(faq_service.store, settings.tracker_store_url),
        directory,
        settings.line_channel_secret,
        settings.line_user_key_secret,
    )


@router.post(PATH, include_in_schema=False)
async def line_webhook(request: Request) -> JSONResponse:
    line: LineChannel = request.app.state.line
    body = await request.body()
    if not line.verified(body, request.headers.get("x-line-signature")):
        logger.warning("LINE webhook with a missing or wrong signature: refused")
        return JSONResponse({"detail": "invalid signature"}, status_code=401)
    try:
        events = json.loads(body).get("events")
    except (ValueError, AttributeError, RecursionError):
        return JSONResponse({"detail": "invalid JSON"}, status_code=400)
    if not isinstance(events, list):
        return JSONResponse({"detail": "events must be a list"}, status_code=400)
    await line.receive(events)  # taken in the database first: a failure there is a 503, not a loss
    return JSONResponse({}, status_code=200)
