"""What the resident sees when the safety check fires: the staff-editable 緊急・安全 entry, number first.

The wording and the numbers live in ``faq/data/entries/safety.yml``; this module only lays the entry out
as one chat message with a tap-to-call button per number and an offer to go on.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from faq.content.messages import message, source_line
from faq.errors import FaqError
from faq.model import FaqEntry
from faq.safety.detector import SafetyKind, SafetyVerdict

ENTRY_IDS = {
    SafetyKind.EMERGENCY: "safety-call-119",
    SafetyKind.POLICE: "safety-call-110",
    SafetyKind.CRISIS: "safety-crisis-lines",
    SafetyKind.POLICE_LATER: "safety-police-consult",
}
# Safety entries outside the searched corpus (the police line for a crime found later).
SAFETY_DATA = Path(__file__).resolve().parents[1] / "data" / "safety"
# The intents the chat route hands Rasa instead of the resident's words (bot/domain/safety.yml).
DANGER_INTENT = "safety_alert"
ABUSE_INTENTS = {SafetyKind.INSULT: "insult", SafetyKind.MANIPULATION: "manipulation"}
# 119 / 110 / #9110 on their own, or a Japanese phone number with hyphens (0570-064-556, 0120-279-338).
_PHONE = re.compile(r"(?<![\d-])(11[09]|#9110|0\d{1,4}-\d{1,4}-\d{3,4})(?![\d-])")
_LABEL_NOISE = re.compile(r"^(?:すぐに|今すぐ|いま|まず)|[\s：:、。]+")


def payload_for(verdict: SafetyVerdict) -> str:
    """The intent payload the chat route hands Rasa for a flagged message.

    >>> payload_for(SafetyVerdict(SafetyKind.CRISIS))
    '/safety_alert{"safety_kind": "crisis"}'
    """
    if verdict.kind.danger:
        return "/" + DANGER_INTENT + json.dumps({"safety_kind": verdict.kind.value})
    if verdict.kind in ABUSE_INTENTS:
        return "/" + ABUSE_INTENTS[verdict.kind]
    raise ValueError(f"no payload for {verdict.kind.value!r}")


def calls_in(answer: str) -> list[dict[str, str]]:
    """One tap-to-call entry per line that holds a number, in the order of the answer."""
    calls: list[dict[str, str]] = []
    for line in answer.splitlines():
        match = _PHONE.search(line)
        if not match or any(c["phone"] == match.group(1) for c in calls):
            continue
        phone = match.group(1)
        label = _LABEL_NOISE.sub("", line[: match.start()])
        tel = "tel:" + phone.replace("-", "").replace("#", "%23")
        calls.append({"phone": phone, "tel": tel, "label": label})
    return calls


def _first_number(entry: FaqEntry | None) -> str:
    calls = calls_in(entry.answer) if entry else []
    return calls[0]["phone"] if calls else ""


def possible_line(service: Any, kind: SafetyKind) -> dict[str, Any] | None:
    """One line above a kept answer for a possible danger: its numbers from the 緊急・安全 entries (staff
    edit them there), a call button each, and the entry's source — ``{"text", "custom"}``."""
    entries = {k: safety_entry(service, k) for k in ENTRY_IDS}
    first = {k: _first_number(e) for k, e in entries.items()}
    numbers = {
        "emergency": first[SafetyKind.EMERGENCY] or "119",
        "police": first[SafetyKind.POLICE] or "110",
        "crisis": first[SafetyKind.CRISIS],
        "consult": first[SafetyKind.POLICE_LATER],
    }
    entry = entries.get(kind)
    if entry is None:
        return None
    text = message(f"safety_line.{kind.value}", **numbers)
    calls = calls_in(text)
    custom = {
        "type": "safety_line",
        "kind": kind.value,
        "faq_id": entry.id,
        "calls": calls,
        "source": {
            "document": entry.source.document,
            "section": entry.source.section,
            "ref": entry.source.ref,
        },
        "last_checked": entry.last_checked.isoformat(),
    }
    return {"text": text, "custom": custom}


def danger_reply(entry: FaqEntry, kind: SafetyKind, resume: dict[str, str] | None = None) -> dict[str, Any]:
    """The reply as ``{"text", "buttons", "custom"}``: the entry's answer with its source line, a call
    button per number (``custom.calls``), and the way to go on — first ``resume``, the button back into
    the flow it interrupted (the flow's row in faq/data/flows.yml gives it), when there was one."""
    text = f"{entry.answer}\n\n{source_line(entry)}"
    buttons = [resume] if resume else []
    buttons.append({"title": message("button.something_else"), "payload": "/menu"})
    custom = {
        "type": "emergency",
        "kind": kind.value,
        "faq_id": entry.id,
        "calls": calls_in(entry.answer),
        "source": {
            "document": entry.source.document,
            "section": entry.source.section,
            "ref": entry.source.ref,
        },
        "last_checked": entry.last_checked.isoformat(),
    }
    return {"text": text, "buttons": buttons, "custom": custom}


def find_entry(entries: list[FaqEntry], kind: SafetyKind) -> FaqEntry | None:
    """The published entry for ``kind`` among the serving index's entries."""
    wanted = ENTRY_IDS.get(kind)
    return next((e for e in entries if e.id == wanted and e.status == "published"), None)


def safety_entry(service: Any, kind: SafetyKind) -> FaqEntry | None:
    """The entry for ``kind``, wherever it can still be read: the serving index, else the store (even a
    version staff retired by mistake), else the entry files themselves. Safety must not depend on one."""
    try:
        found = find_entry(service.index.entries, kind)
        if found is not None:
            return found
    except FaqError:
        pass
    try:
        return service.store.get(ENTRY_IDS[kind])
    except (FaqError, SQLAlchemyError, OSError):
        pass
    try:
        folders = (SAFETY_DATA, Path(service.settings.entries_dir))  # the small safety folder first
        return next((e for f in folders for e in _file_entries(f) if e.id == ENTRY_IDS[kind]), None)
    except (FaqError, OSError, ValueError):
        return None


def _file_entries(folder: Path) -> tuple[FaqEntry, ...]:
    """The entries of a folder's files, parsed once per version of the files (a possible-danger line reads
    the police entry from here on every such turn: parsing the corpus each time cost 0.4 s)."""
    versions = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(folder.glob("*.yml")))
    return _parsed(str(folder), versions)


@lru_cache(maxsize=8)
def _parsed(folder: str, versions: tuple) -> tuple[FaqEntry, ...]:
    from faq.content.corpus import load_corpus

    return tuple(load_corpus(Path(folder)))
