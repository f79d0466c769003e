"""POST /webhooks/rest/webhook — Rasa's REST channel contract — and the in-process action webhook."""

from __future__ import annotations

import json
import logging
import re
import secrets
import time
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import Field, StrictStr, ValidationError, validator

from bot.web import replay
from bot.web.middleware.limits import client_address
from bot.web.schemas import BaseModel
from bot.web.turn import MAX_MUNICIPALITY_CHARS, Turns, UnknownMunicipality, record, valid_municipality

logger = logging.getLogger(__name__)
router = APIRouter(tags=["chat"])
CHANNEL = "rest"  # Rasa's input channel for this door (the widget posts here too)


# A sender id is text without control characters or line breaks (it reaches logs and keys), stated so
# that the OpenAPI document (ECMA regex) and the check here agree on every string.
SENDER_PATTERN = "^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029]+$"
SENDER_TEXT = re.compile("[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029]+")


class RestMessage(BaseModel):
    sender: StrictStr = Field(..., min_length=1, max_length=128, pattern=SENDER_PATTERN)
    message: StrictStr = Field("", max_length=100_000)
    metadata: dict[str, Any] | None = None  # Rasa's; `client_id` makes a resent message one turn

    @validator("metadata", pre=True)
    def metadata_is_an_object(cls, value: Any) -> Any:  # noqa: N805 - pydantic validators take cls
        """As the schema says: an object or null (pydantic would take a list of pairs as a mapping)."""
        if value is not None and not isinstance(value, dict):
            raise ValueError("metadata must be an object")
        return value

    @validator("sender")
    def sender_is_printable(cls, value: str) -> str:  # noqa: N805 - pydantic validators take cls
        if not SENDER_TEXT.fullmatch(value):
            raise ValueError("sender must be printable text (no control characters or line breaks)")
        return value

    @validator("metadata")
    def client_id_is_short_text(cls, value: dict[str, Any] | None) -> dict[str, Any] | None:  # noqa: N805
        if value and "client_id" in value and not replay.valid_client_id(value["client_id"]):
            raise ValueError(
                f"metadata.client_id must be printable text of 1-{replay.MAX_CLIENT_ID_CHARS} chars"
            )
        if value and "municipality" in value and not valid_municipality(value["municipality"]):
            raise ValueError(
                f"metadata.municipality must be a 団体コード or a name of 1-{MAX_MUNICIPALITY_CHARS} chars"
            )
        return value


def _not_saved(messages: list[dict[str, Any]]) -> JSONResponse:
    """The conversation could not be stored: say so (503), never answer as if it had been."""
    return JSONResponse(messages, status_code=503, headers={"Retry-After": "30"})


def _parse(raw: bytes) -> RestMessage:
    """The JSON body, whatever Content-Type the client sent.

    Rasa's own channel reads it so, and `curl -d` does not say application/json.
    """
    try:
        return RestMessage.parse_obj(json.loads(raw or b"null"))
    except RecursionError as exc:  # JSON nested ~1,000 deep: a client error, not a server one
        raise HTTPException(status_code=422, detail=[{"msg": "invalid JSON: nested too deeply"}]) from exc
    except ValueError as exc:  # invalid JSON, or a body of the wrong shape
        errors = exc.errors() if isinstance(exc, ValidationError) else [{"msg": f"invalid JSON: {exc}"}]
        raise HTTPException(status_code=422, detail=errors) from exc


_BODY_SCHEMA = {"required": True, "content": {"application/json": {"schema": RestMessage.schema()}}}


@router.post(
    "/webhooks/rest/webhook",
    response_model=list[dict[str, Any]],
    openapi_extra={"requestBody": _BODY_SCHEMA},
)
async def rest_webhook(request: Request) -> Any:  # the messages, or a 503 JSONResponse of them
    """Rasa's REST channel: ``{"sender", "message"}`` → a list of bot messages. A thin door: the turn
    (bot/web/turn.py) holds every guarantee; this route parses the body and names the channel."""
    started = time.perf_counter()
    try:
        body = _parse(await request.body())
    except HTTPException:
        record("rejected", started)
        raise
    turns: Turns = request.app.state.turns
    try:
        replies = await turns.handle(
            CHANNEL, body.sender, body.message, body.metadata, address=client_address(request.scope)
        )
    except UnknownMunicipality as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    if replies.outcome == "not_saved":
        logger.error("turn not saved, answered 503")
        return _not_saved(replies.messages)
    return replies.messages


@router.post("/actions/webhook", include_in_schema=False)
async def action_webhook(request: Request) -> JSONResponse:
    """rasa-sdk's action server protocol, served in-process for the agent above."""
    from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException

    assistant = request.app.state.assistant
    if assistant is None or not secrets.compare_digest(
        request.query_params.get("token", ""), assistant.action_token
    ):
        return JSONResponse({"error": "forbidden"}, status_code=403)
    try:
        action_call = await request.json()
    except ValueError:
        return JSONResponse({"error": "invalid JSON"}, status_code=400)
    try:
        result = await assistant.run_action(action_call)
    except ActionExecutionRejection as exc:
        return JSONResponse({"error": exc.message, "action_name": exc.action_name}, status_code=400)
    except ActionNotFoundException as exc:
        return JSONResponse({"error": exc.message, "action_name": exc.action_name}, status_code=404)
    return JSONResponse(result or {"events": [], "responses": []})
