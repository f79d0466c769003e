"""POST /webhooks/rest/webhook — Rasa's REST channel contract — and the in-process action webhook."""

from __future__ import annotations

import json
import logging
import secrets
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError, validator

from faq.kikumimi import KikumimiDirectory
from faq.privacy import redact
from faq.settings import get_settings

logger = logging.getLogger(__name__)
router = APIRouter(tags=["chat"])


class RestMessage(BaseModel):
    sender: str = Field(..., min_length=1, max_length=128)
    message: str = Field("", max_length=100_000)

    @validator("sender")
    def sender_is_printable(cls, value: str) -> str:  # noqa: N805 - pydantic validators take cls
        if not value.isprintable():
            raise ValueError("sender must be printable text")
        return value


def _reply(sender: str, text: str, **extra: Any) -> list[dict[str, Any]]:
    return [{"recipient_id": sender, "text": text, **extra}]


def _apology(sender: str) -> list[dict[str, Any]]:
    line = KikumimiDirectory.default().complaint_line
    return _reply(
        sender,
        "申し訳ありません、ただいまうまくお答えできませんでした。少し時間をおいてもう一度お試しください。"
        f"お急ぎの場合は{line.name} {line.phone}（{line.hours}）へご相談ください。",
    )


def _parse(raw: bytes) -> RestMessage:
    """The JSON body, whatever Content-Type the client sent.

    Rasa's own channel reads it so, and `curl -d` does not say application/json.
    """
    try:
        return RestMessage.parse_obj(json.loads(raw or b"null"))
    except ValueError as exc:  # invalid JSON, or a body of the wrong shape
        errors = exc.errors() if isinstance(exc, ValidationError) else [{"msg": f"invalid JSON: {exc}"}]
        raise HTTPException(status_code=422, detail=errors) from exc


_BODY_SCHEMA = {"required": True, "content": {"application/json": {"schema": RestMessage.schema()}}}


@router.post("/webhooks/rest/webhook", openapi_extra={"requestBody": _BODY_SCHEMA})
async def rest_webhook(request: Request) -> list[dict[str, Any]]:
    """Rasa's REST channel: ``{"sender", "message"}`` → a list of bot messages."""
    body = _parse(await request.body())
    assistant = request.app.state.assistant
    limit = get_settings().max_message_chars
    text = (body.message or "").strip()
    if not text or not any(ch.isalnum() for ch in text):
        return _reply(
            body.sender,
            "ご質問を文字で入力してください。例：「協力隊の任期は？」「被災して困っています」",
            buttons=[{"title": "分野から探す", "payload": "/menu"}],
        )
    if len(text) > limit:
        return _reply(
            body.sender,
            f"メッセージが長すぎます（{len(text)}文字）。{limit}文字以内で、知りたいことを"
            "ひとつずつ入力してください。",
        )
    if assistant is None or not assistant.ready:
        return _apology(body.sender)
    # Personal data never reaches the dialogue engine, its tracker store or its logs.
    safe = text if text.startswith("/") else redact(text)
    try:
        messages = await assistant.handle(body.sender, safe)
    except Exception:  # the resident must never meet a silent turn or a 500
        logger.exception("turn failed for a conversation")
        return _apology(body.sender)
    return messages or _apology(body.sender)


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
