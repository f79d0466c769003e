"""One turn for every channel: :meth:`Turns.handle` (channel, sender, text, metadata) → Rasa's REST messages.

Every door — the REST channel the widget posts to (``bot/web/api/chat.py``) and LINE
(``bot/web/channels/line``) — hands the resident's words here and renders what comes back; none of them
repeats a guarantee of its own:

1. NFKC, then the empty and the length checks (limits count what reaches the engine);
2. redaction: personal data never reaches Rasa, its tracker store or a log; the sender is stored as a
   one-way key;
3. the safety check, two levels: a certain danger replaces the reply with the number, before Rasa and
   whether or not it answers; a possible one keeps the answer and puts one line with the number above it;
4. rate limits per conversation, and new conversations per address (a door that knows the address);
5. one turn per client message id (``metadata.client_id``, bot/web/replay.py);
6. the turn's time limit, and an apology with the 行政相談 contacts instead of silence or a 500.

The input channel's name is the door's: Rasa records it with the turn.
"""

from __future__ import annotations

import asyncio
import logging
import time
import unicodedata
from dataclasses import dataclass
from typing import Any

from bot.web import replay
from bot.web.assistant import ConversationNotSaved
from bot.web.middleware.limits import RateLimits
from bot.web.settings import get_settings
from faq.content.messages import message
from faq.metrics import TURN_SECONDS, TURNS
from faq.places.directory import KikumimiDirectory
from faq.residents.privacy import conversation_key, redact_message
from faq.safety import SafetyCheck, SafetyKind, SafetyVerdict
from faq.safety.replies import ABUSE_INTENTS, danger_reply, payload_for, possible_line, safety_entry
from faq.text.sanitise import plain_text

logger = logging.getLogger(__name__)

MAX_MUNICIPALITY_CHARS = 40
Messages = list[dict[str, Any]]


class UnknownMunicipality(ValueError):
    """``metadata.municipality`` names no single 市区町村 or 都道府県 (the REST door answers 422)."""


@dataclass(frozen=True)
class Replies:
    """What a turn answers: Rasa's REST messages, and how it went (``answered``, ``apology`` or
    ``not_saved`` — the conversation could not be stored, so nothing of it was kept)."""

    messages: Messages
    outcome: str = "answered"


def valid_municipality(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value.strip()) <= MAX_MUNICIPALITY_CHARS and value.isprintable()


def configured_place(directory: KikumimiDirectory, value: str | None) -> str | None:
    """The label of the place a widget's page is for (``municipality``: 17204, 172049, 輪島市), which the
    actions use when a message names none; :class:`UnknownMunicipality` when it names no single place."""
    if value is None:
        return None
    place = directory.place_of(value)
    if place is None:
        raise UnknownMunicipality(
            f"municipality {value[:MAX_MUNICIPALITY_CHARS]!r} names no single 市区町村 or 都道府県: "
            "send its 団体コード, or its name with the prefecture (北海道伊達市)"
        )
    return place.label


def record(result: str, started: float) -> None:
    """Count a turn (or a refused request at a door) and its time, as ``govbot_chat_turns_total``."""
    TURNS.labels(result=result).inc()
    TURN_SECONDS.observe(time.perf_counter() - started)


class Turns:
    """The turn every channel calls; built once by the app from its own services."""

    def __init__(
        self,
        assistant: Any,
        directory: KikumimiDirectory,
        safety: SafetyCheck,
        faq_service: Any,
        rate_limits: RateLimits,
    ):
        self.assistant = assistant
        self.directory = directory
        self.safety = safety
        self.faq_service = faq_service
        self.rate_limits = rate_limits

    async def handle(
        self,
        channel: str,
        sender: str,
        text: str,
        metadata: dict[str, Any] | None = None,
        *,
        address: str | None = None,
    ) -> Replies:
        """Answer ``text`` from ``sender`` on ``channel`` (Rasa's ``input_channel``). ``metadata`` may hold
        ``municipality`` (the page's place) and ``client_id`` (one turn per message id); ``address`` is
        the client's, for the per-address bound on new conversations (None: the door has none)."""
        started = time.perf_counter()
        result = "answered"
        try:
            replies = await self._turn(channel, sender, text, metadata or {}, address)
            result = replies.outcome
            return replies
        except UnknownMunicipality:
            result = "rejected"
            raise
        except Exception:  # never counted as answered
            result = "error"
            raise
        finally:
            record(result, started)

    async def _turn(
        self, channel: str, sender: str, raw: str, metadata: dict[str, Any], address: str | None
    ) -> Replies:
        assistant, directory = self.assistant, self.directory
        municipality = configured_place(directory, metadata.get("municipality"))
        limit = get_settings().max_message_chars
        # Limits count what reaches the engine: NFKC turns one 「㌖」 into six characters. Control and bidi
        # characters and lone surrogates (valid in JSON, not encodable) never reach it.
        text = plain_text(unicodedata.normalize("NFKC", raw or ""), keep_line_breaks=True).strip()
        if not text or not any(ch.isalnum() for ch in text):
            return _replies(
                sender,
                message("chat.empty"),
                buttons=[{"title": message("button.by_category"), "payload": "/menu"}],
            )
        if len(text) > limit:
            # A long, emotional message can carry danger anywhere in it: the safety check still reads it
            # (up to twice the limit, which bounds its cost) before the resident is asked to shorten it.
            verdict = self.safety.classify(redact_message(text[: 2 * limit], frozenset()))
            danger = self._danger_reply(sender, verdict)
            if danger is not None:
                return Replies(danger)
            too_long = _reply(sender, message("chat.too_long", length=len(text), limit=limit))
            return Replies(self._with_line(sender, verdict, too_long))
        # Personal data never reaches the dialogue engine, its tracker store or its logs: the text is
        # redacted (a button payload only if it names an intent) and the sender id stored as a one-way key.
        safe = redact_message(
            text,
            assistant.intents if assistant is not None else frozenset(),
            directory.postal_area,
        )
        # Safety first: danger to life, insults and manipulation are recognised before NLU and any flow.
        verdict = self.safety.classify(safe)
        fallback = self._danger_reply(sender, verdict) or self._apology(sender)
        # Every new sender id is a stored conversation: one address may start only so many a minute, so
        # rotating sender ids neither escapes the per-conversation limit nor fills the tracker store.
        if not verdict.danger and not self._allowed(sender, address):  # danger is never slowed down
            return _replies(sender, message("chat.too_many"))
        if assistant is None or not assistant.ready:
            return _outcome(fallback)
        to_rasa, rasa_metadata = safe, {}
        if verdict.danger or verdict.kind in ABUSE_INTENTS:  # Rasa records the intent, the words aside
            logger.info("safety check: %s (cue %s)", verdict.kind.value, verdict.cue)
            to_rasa, rasa_metadata = payload_for(verdict), {"text": safe}
        if municipality:
            rasa_metadata["municipality"] = municipality
        timeout = get_settings().turn_timeout_seconds
        try:
            key, client_id = conversation_key(sender), metadata.get("client_id")
            turn = (
                replay.handle_once(assistant.agent, key, to_rasa, client_id, rasa_metadata or None, channel)
                if client_id
                else assistant.handle(key, to_rasa, rasa_metadata or None, channel)
            )
            messages = await asyncio.wait_for(turn, timeout)
        except ConversationNotSaved as exc:  # Rasa would have kept it in memory only: lost at a restart
            logger.warning("turn not saved: %s", exc)
            # Danger to life: the number comes first, saved or not.
            if verdict.danger:
                return _outcome(fallback)
            not_saved = self._apology(sender, "chat.not_saved", reason="conversation_not_saved")
            return Replies(not_saved, "not_saved")
        except asyncio.TimeoutError:  # a slow or hung action server: answer now, never hang the resident
            logger.error("turn took over %.1f s; answered with an apology", timeout)
            return _outcome(fallback)
        except Exception as exc:  # the resident must never meet a silent turn or a 500
            logger.error(
                "turn failed for a conversation: %s", type(exc).__name__, exc_info=logger.isEnabledFor(10)
            )
            return _outcome(fallback)
        for reply in messages:
            reply["recipient_id"] = sender
        return _outcome(self._with_line(sender, verdict, messages or fallback))

    def _allowed(self, sender: str, address: str | None) -> bool:
        limits = self.rate_limits
        if (
            address is not None
            and limits.unseen("chat_per_conversation", sender)
            and not limits.allow("new_conversations_per_address", address)
        ):
            return False
        return limits.allow("chat_per_conversation", sender)

    def _apology(self, sender: str, wording: str = "chat.failed", **custom: str) -> Messages:
        line = self.directory.complaint_line
        complaint_line = message("card.complaint_line", name=line.name, phone=line.phone, hours=line.hours)
        return _reply(
            sender,
            message(wording, complaint_line=complaint_line, web_form=self.directory.web_form.url),
            custom={"type": "apology", **custom},
        )

    def _with_line(self, sender: str, verdict: SafetyVerdict, messages: Messages) -> Messages:
        """A possible danger keeps the answer and gets one line with the number above it."""
        if not verdict.line:
            return messages
        line = possible_line(self.faq_service, verdict.kind)
        if line is None:
            return messages
        logger.info("safety check: possible %s (cue %s)", verdict.kind.value, verdict.cue)
        # Only under the crisis line does a no-answer become the invitation to say more: under a possible
        # 119 / 110 line (a short follow-up the model half-suspects) the honest no-answer is the answer.
        kept = _no_answer_as_invitation(messages) if verdict.kind is SafetyKind.CRISIS else messages
        return [
            {"recipient_id": sender, "text": line["text"]},
            {"recipient_id": sender, "custom": line["custom"]},
            *kept,
        ]

    def _danger_reply(self, sender: str, verdict: SafetyVerdict) -> Messages | None:
        """The number, even when the dialogue engine cannot answer: from the serving index's entry."""
        entry = safety_entry(self.faq_service, verdict.kind) if verdict.danger else None
        if entry is None:
            return None
        reply = danger_reply(entry, verdict.kind)
        return [
            {"recipient_id": sender, "text": reply["text"], "buttons": reply["buttons"]},
            {"recipient_id": sender, "custom": reply["custom"]},
        ]


def _reply(sender: str, text: str, **extra: Any) -> Messages:
    return [{"recipient_id": sender, "text": text, **extra}]


def _replies(sender: str, text: str, **extra: Any) -> Replies:
    return Replies(_reply(sender, text, **extra))


def _outcome(messages: Messages) -> Replies:
    """As the chat route always counted it: a reply that opens with the apology is an apology."""
    if messages and messages[0].get("custom", {}).get("type") == "apology":
        return Replies(messages, "apology")
    return Replies(messages)


def _no_answer_as_invitation(messages: Messages) -> Messages:
    """Under the crisis line, 「お答えできる資料が見つかりませんでした」 reads as a door shut on
    someone who may be in distress (「もう生きとってもしょうがない」 matches no entry): it becomes an
    invitation to say more, with the same buttons to a person. Any other reply is kept as it is."""
    out: Messages = []
    for reply in messages:
        if (reply.get("custom") or {}).get("type") == "no_answer":
            buttons = out.pop().get("buttons", []) if out and "text" in out[-1] else []
            invitation = message("safety_line.invitation")
            out.append({"recipient_id": reply.get("recipient_id"), "text": invitation, "buttons": buttons})
            continue
        out.append(reply)
    return out
