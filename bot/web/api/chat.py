"""POST /webhooks/rest/webhook — Rasa's REST channel contract — and the in-process action webhook."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import secrets
import time
import unicodedata
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import Field, StrictStr, ValidationError, validator

from bot.web import replay
from bot.web.assistant import ConversationNotSaved
from bot.web.middleware.limits import client_address
from bot.web.schemas import BaseModel
from bot.web.settings import get_settings
from faq.content.messages import message
from faq.metrics import TURN_SECONDS, TURNS
from faq.places.directory import KikumimiDirectory
from faq.residents.privacy import conversation_key, redact_message
from faq.safety import SafetyVerdict
from faq.safety.replies import ABUSE_INTENTS, danger_reply, payload_for, possible_line, safety_entry

logger = logging.getLogger(__name__)
router = APIRouter(tags=["chat"])


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


MAX_MUNICIPALITY_CHARS = 40


def valid_municipality(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value.strip()) <= MAX_MUNICIPALITY_CHARS and value.isprintable()


def configured_place(directory: KikumimiDirectory, value: str | None) -> str | None:
    """The label of the place a widget's page is for (``municipality``: 17204, 172049, 輪島市), which the
    actions use when a message names none; 422 when it names no single place."""
    if value is None:
        return None
    place = directory.place_of(value)
    if place is None:
        raise HTTPException(
            status_code=422,
            detail=f"municipality {value[:MAX_MUNICIPALITY_CHARS]!r} names no single 市区町村 or 都道府県: "
            "send its 団体コード, or its name with the prefecture (北海道伊達市)",
        )
    return place.label


def _reply(sender: str, text: str, **extra: Any) -> list[dict[str, Any]]:
    return [{"recipient_id": sender, "text": text, **extra}]


def _apology(
    sender: str, directory: KikumimiDirectory, wording: str = "chat.failed", **custom: str
) -> list[dict[str, Any]]:
    line = directory.complaint_line
    complaint_line = message("card.complaint_line", name=line.name, phone=line.phone, hours=line.hours)
    return _reply(
        sender,
        message(wording, complaint_line=complaint_line, web_form=directory.web_form.url),
        custom={"type": "apology", **custom},
    )


def _not_saved(sender: str, directory: KikumimiDirectory) -> JSONResponse:
    """The conversation could not be stored: say so (503), never answer as if it had been."""
    messages = _apology(sender, directory, "chat.not_saved", reason="conversation_not_saved")
    return JSONResponse(messages, status_code=503, headers={"Retry-After": "30"})


def _slow_down(sender: str) -> list[dict[str, Any]]:
    return _reply(sender, message("chat.too_many"))


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
    """Rasa's REST channel: ``{"sender", "message"}`` → a list of bot messages."""
    started = time.perf_counter()
    result = "answered"
    try:
        messages = await _turn(request)
        if isinstance(messages, JSONResponse):
            result = "not_saved"
        elif messages and messages[0].get("custom", {}).get("type") == "apology":
            result = "apology"
        return messages
    except HTTPException:
        result = "rejected"
        raise
    except Exception:  # never counted as answered
        result = "error"
        raise
    finally:
        TURNS.labels(result=result).inc()
        TURN_SECONDS.observe(time.perf_counter() - started)


async def _turn(request: Request) -> list[dict[str, Any]] | JSONResponse:
    body = _parse(await request.body())
    assistant = request.app.state.assistant
    directory: KikumimiDirectory = request.app.state.directory
    municipality = configured_place(directory, (body.metadata or {}).get("municipality"))
    limit = get_settings().max_message_chars
    # Limits count what reaches the engine: NFKC turns one 「㌖」 into six characters.
    text = unicodedata.normalize("NFKC", body.message or "").strip()
    if not text or not any(ch.isalnum() for ch in text):
        return _reply(
            body.sender,
            message("chat.empty"),
            buttons=[{"title": message("button.by_category"), "payload": "/menu"}],
        )
    if len(text) > limit:
        # A long, emotional message can carry danger anywhere in it: the safety check still reads it
        # (up to twice the limit, which bounds its cost) before the resident is asked to shorten it.
        verdict = request.app.state.safety.classify(redact_message(text[: 2 * limit], frozenset()))
        danger = _danger_reply(request, body.sender, verdict)
        if danger is not None:
            return danger
        too_long = _reply(body.sender, message("chat.too_long", length=len(text), limit=limit))
        return _with_line(request, body.sender, verdict, too_long)
    # Personal data never reaches the dialogue engine, its tracker store or its logs: the text is redacted
    # (a button payload only if it names an intent) and the sender id is stored as a one-way key.
    safe = redact_message(
        text,
        assistant.intents if assistant is not None else frozenset(),
        directory.postal_area,
    )
    # Safety first: danger to life, insults and manipulation are recognised before NLU and any flow.
    verdict = request.app.state.safety.classify(safe)
    fallback = _danger_reply(request, body.sender, verdict) or _apology(body.sender, directory)
    limits = request.app.state.rate_limits
    # Every new sender id is a stored conversation: one address may start only so many a minute, so
    # rotating sender ids neither escapes the per-conversation limit nor fills the tracker store.
    if not verdict.danger:  # danger to life is never slowed down
        address = client_address(request.scope)
        if limits.unseen("chat_per_conversation", body.sender) and not limits.allow(
            "new_conversations_per_address", address
        ):
            return _slow_down(body.sender)
        if not limits.allow("chat_per_conversation", body.sender):
            return _slow_down(body.sender)
    if assistant is None or not assistant.ready:
        return fallback
    to_rasa, metadata = safe, {}
    if verdict.danger or verdict.kind in ABUSE_INTENTS:  # Rasa records the turn: the intent, the words aside
        logger.info("safety check: %s (cue %s)", verdict.kind.value, verdict.cue)
        to_rasa, metadata = payload_for(verdict), {"text": safe}
    if municipality:
        metadata["municipality"] = municipality
    timeout = get_settings().turn_timeout_seconds
    try:
        key, client_id = conversation_key(body.sender), (body.metadata or {}).get("client_id")
        turn = (
            replay.handle_once(assistant.agent, key, to_rasa, client_id, metadata or None)
            if client_id
            else assistant.handle(key, to_rasa, metadata or None)
        )
        messages = await asyncio.wait_for(turn, timeout)
    except ConversationNotSaved as exc:  # Rasa would have kept it in memory only: lost at the next restart
        logger.error("turn not saved, answered 503: %s", exc)
        # Danger to life: the number comes first, saved or not.
        return fallback if verdict.danger else _not_saved(body.sender, directory)
    except asyncio.TimeoutError:  # a slow or hung action server: answer now, never hang the resident
        logger.error("turn took over %.1f s; answered with an apology", timeout)
        return fallback
    except Exception as exc:  # the resident must never meet a silent turn or a 500
        logger.error(
            "turn failed for a conversation: %s", type(exc).__name__, exc_info=logger.isEnabledFor(10)
        )
        return fallback
    for reply in messages:
        reply["recipient_id"] = body.sender
    return _with_line(request, body.sender, verdict, messages or fallback)


def _with_line(request: Request, sender: str, verdict: SafetyVerdict, messages: list) -> list[dict[str, Any]]:
    """A possible danger keeps the answer and gets one line with the number above it."""
    if not verdict.line:
        return messages
    line = possible_line(request.app.state.faq_service, verdict.kind)
    if line is None:
        return messages
    logger.info("safety check: possible %s (cue %s)", verdict.kind.value, verdict.cue)
    return [
        {"recipient_id": sender, "text": line["text"]},
        {"recipient_id": sender, "custom": line["custom"]},
        *messages,
    ]


def _danger_reply(request: Request, sender: str, verdict: SafetyVerdict) -> list[dict[str, Any]] | None:
    """The number, even when the dialogue engine cannot answer: straight from the serving index's entry."""
    entry = safety_entry(request.app.state.faq_service, verdict.kind) if verdict.danger else None
    if entry is None:
        return None
    reply = danger_reply(entry, verdict.kind)
    return [
        {"recipient_id": sender, "text": reply["text"], "buttons": reply["buttons"]},
        {"recipient_id": sender, "custom": reply["custom"]},
    ]


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
