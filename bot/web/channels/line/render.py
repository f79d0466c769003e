"""Rasa's REST messages, rendered for LINE — only what the replies contain, no wording of its own.

- at most :data:`MAX_MESSAGES` (5) messages, the reply call's limit: neighbouring texts are joined first;
- text split at :data:`MAX_TEXT` (5,000) characters, at a line break where there is one;
- the turn's buttons (clarify, place choice, flow buttons, the start menu) as quick replies on the last
  message, at most 13, labels cut to 20 characters; each a postback whose data the bot signed
  (:class:`PostbackSigner`), shown in the chat as the button's whole title;
- the きくみみ card, the emergency and the possible-danger line as Flex bubbles: the reply's text in the
  body (a line with a web address opens it), a ``tel:`` button per number, the text as ``altText``;
- an answer's source as a short line: the document and the last-checked date, not its section.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from datetime import date
from typing import Any

from faq.content.messages import message
from faq.model import Source

MAX_MESSAGES = 5
MAX_TEXT = 5000
MAX_QUICK_REPLIES = 13
MAX_LABEL = 20
MAX_DATA = 300  # postback data, and a postback's displayText
MAX_ALT_TEXT = 400
CARDS = ("kikumimi_card", "emergency", "safety_line")
URL = re.compile(r"https?://[^\s　）)」]+")

Messages = list[dict[str, Any]]


class PostbackSigner:
    """Signs the payloads the bot puts in buttons, so that a postback is only ever data the bot issued."""

    PREFIX = "g1."

    def __init__(self, secret: bytes):
        self.key = hmac.new(secret, b"line-postback", hashlib.sha256).digest()

    def _mac(self, payload: str) -> str:
        digest = hmac.new(self.key, payload.encode("utf-8"), hashlib.sha256).digest()[:16]
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def sign(self, payload: str) -> str | None:
        """The postback data for ``payload``; None when it would be over LINE's 300 characters."""
        data = f"{self.PREFIX}{self._mac(payload)}.{payload}"
        return data if len(data) <= MAX_DATA else None

    def verify(self, data: str) -> str | None:
        """The payload of data this bot signed; None for anything else."""
        if not data.startswith(self.PREFIX):
            return None
        mac, dot, payload = data[len(self.PREFIX) :].partition(".")
        if not dot or not hmac.compare_digest(mac, self._mac(payload)):
            return None
        return payload


def render(replies: Messages, signer: PostbackSigner) -> Messages:
    """One turn's REST messages → at most five LINE messages, quick replies on the last."""
    items: list[dict[str, Any]] = []  # {"text"} or {"card", "text"}
    buttons: list[dict[str, Any]] = []
    for reply in replies:
        if reply.get("text"):
            items.append({"text": str(reply["text"])})
        for button in reply.get("buttons") or []:
            if button.get("payload") and all(b["payload"] != button["payload"] for b in buttons):
                buttons.append(button)
        custom = reply.get("custom")
        if isinstance(custom, dict):
            _apply_custom(items, custom)
    messages = _fit([m for item in items for m in _line_messages(item)])
    if messages and buttons:
        messages[-1]["quickReply"] = {"items": [_quick_reply(b, signer) for b in buttons[:MAX_QUICK_REPLIES]]}
    return messages


def _apply_custom(items: list[dict[str, Any]], custom: dict[str, Any]) -> None:
    """A card takes the text that came with it as its body; an answer's source line is shortened."""
    kind = custom.get("type")
    if kind in CARDS:
        if items and "card" not in items[-1]:
            items[-1]["card"] = custom
        else:
            fields = (custom.get("name"), custom.get("address"), custom.get("phone"))
            items.append({"text": "\n".join(f for f in fields if f), "card": custom})
    elif kind == "faq_answer":
        _short_source(items, custom)


def _short_source(items: list[dict[str, Any]], custom: dict[str, Any]) -> None:
    source = custom.get("source") or {}
    try:
        checked = date.fromisoformat(str(custom.get("last_checked")))
    except ValueError:
        return
    day = f"{checked:%Y年%-m月%-d日}"
    cited = Source(source.get("document", ""), source.get("section", ""), source.get("ref", ""))
    long = message("source_line", citation=cited.citation(), checked=day)
    short = message("source_line", citation=cited.document, checked=day)
    for item in reversed(items[-2:]):  # the answer, or the paragraph Rasa split from it
        if long in item["text"]:
            item["text"] = item["text"].replace(long, short)
            return


def _line_messages(item: dict[str, Any]) -> Messages:
    if "card" in item:
        return [_bubble(item["text"], item["card"])]
    return [{"type": "text", "text": part} for part in split_text(item["text"])]


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """``text`` in parts of at most ``limit`` characters, cut at the last line break that fits."""
    parts = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        cut = cut if cut > limit // 2 else limit
        parts.append(text[:cut])
        text = text[cut:].lstrip("\n")
    return [*parts, text] if text else parts


def _fit(messages: Messages) -> Messages:
    """At most five: join neighbouring texts, then neighbouring bubbles into carousels, then texts at
    the end."""
    joined: Messages = []
    for m in messages:
        last = joined[-1] if joined else None
        if (
            len(messages) > MAX_MESSAGES
            and last is not None
            and last["type"] == m["type"] == "text"
            and len(last["text"]) + 2 + len(m["text"]) <= MAX_TEXT
        ):
            last["text"] += "\n\n" + m["text"]
            continue
        joined.append(dict(m))
    if len(joined) > MAX_MESSAGES:
        joined = _carousels(joined)
    while len(joined) > MAX_MESSAGES:  # only long texts left: the tail is cut, never the beginning
        tail = joined.pop()
        text = (_plain(joined[-1]) + "\n\n" + _plain(tail))[:MAX_TEXT]
        joined[-1] = {"type": "text", "text": text}
    return joined


def _carousels(messages: Messages) -> Messages:
    out: Messages = []
    for m in messages:
        last = out[-1] if out else None
        if m["type"] == "flex" and last is not None and last["type"] == "flex":
            if last["contents"]["type"] == "bubble":
                last["contents"] = {"type": "carousel", "contents": [last["contents"]]}
            if len(last["contents"]["contents"]) < 12:
                last["contents"]["contents"].append(m["contents"])
                last["altText"] = (last["altText"] + "\n" + m["altText"])[:MAX_ALT_TEXT]
                continue
        out.append(m)
    return out


def _plain(m: dict[str, Any]) -> str:
    return m["text"] if m["type"] == "text" else m["altText"]


def _label(title: str, limit: int = MAX_LABEL) -> str:
    title = " ".join(title.split())
    return title if len(title) <= limit else title[: limit - 1] + "…"


def _quick_reply(button: dict[str, Any], signer: PostbackSigner) -> dict[str, Any]:
    title = str(button.get("title") or button["payload"])
    data = signer.sign(str(button["payload"]))
    if data is None:  # too long to sign: the title is sent as the resident's words instead
        action = {"type": "message", "label": _label(title), "text": title[:MAX_DATA]}
    else:
        action = {"type": "postback", "label": _label(title), "data": data, "displayText": title[:MAX_DATA]}
    return {"type": "action", "action": action}


def _bubble(text: str, card: dict[str, Any]) -> dict[str, Any]:
    """A card: the reply's lines (one with a web address opens it), and a call button per number."""
    lines: list[dict[str, Any]] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        component: dict[str, Any] = {"type": "text", "text": line, "wrap": True, "size": "sm"}
        url = URL.search(line)
        if url:
            component["action"] = {"type": "uri", "label": _label(line), "uri": url.group(0)}
            component["color"] = "#1d4f91"
            component["decoration"] = "underline"
        lines.append(component)
    if lines and card.get("type") != "safety_line":
        lines[0]["weight"] = "bold"
    calls = [{"phone": c.get("phone", ""), "tel": c.get("tel", "")} for c in card.get("calls") or []]
    if card.get("tel"):
        calls.insert(0, {"phone": card.get("phone", ""), "tel": card["tel"]})
    complaint = card.get("complaint_line") or {}
    if complaint.get("phone"):
        calls.append({"phone": complaint["phone"], "tel": "tel:" + re.sub(r"\D", "", complaint["phone"])})
    emergency = card.get("type") in ("emergency", "safety_line")
    buttons = [
        {
            "type": "button",
            "style": "primary",
            "height": "sm",
            "color": "#c0392b" if emergency else "#1d4f91",
            "action": {"type": "uri", "label": _label("☎ " + c["phone"]), "uri": c["tel"]},
        }
        for c in calls
        if c["tel"].startswith("tel:")
    ][:4]
    bubble: dict[str, Any] = {
        "type": "bubble",
        "body": {"type": "box", "layout": "vertical", "spacing": "sm", "contents": lines[:40]},
    }
    if buttons:
        bubble["footer"] = {"type": "box", "layout": "vertical", "spacing": "sm", "contents": buttons}
    return {"type": "flex", "altText": text[:MAX_ALT_TEXT] or card.get("type", ""), "contents": bubble}
