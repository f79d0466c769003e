"""The wording residents read that is not an FAQ entry: one file, ``faq/data/messages.yml``.

Facts (phones, hours, caps, rules, addresses) are never written here: a message names them as fields
(``{phone}``) and the caller fills them from the entries or the きくみみ directory, so a staff edit there
reaches every flow. Wording only lives in the file, next to the entries staff already edit.

    >>> message("faq.no_category")
    'その分野は見つかりませんでした。'
    >>> prompt("action_ask_activity")["buttons"]
    []
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from faq.model import FaqEntry

MESSAGES_FILE = Path(__file__).resolve().parent.parent / "data" / "messages.yml"
CUES_FILE = Path(__file__).resolve().parent.parent / "data" / "flow_words.yml"


@lru_cache(maxsize=1)
def messages() -> dict[str, Any]:
    """Every message, as the file nests them (read once per process)."""
    loaded = yaml.safe_load(MESSAGES_FILE.read_text(encoding="utf-8"))
    if not isinstance(loaded, dict):
        raise ValueError(f"{MESSAGES_FILE} must hold a mapping of messages, got {type(loaded).__name__}")
    return loaded


def _lookup(key: str) -> Any:
    node: Any = messages()
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(f"no message {key!r} in {MESSAGES_FILE.name}")
        node = node[part]
    return node


def message(key: str, **fields: Any) -> str:
    """The message at dotted ``key`` (``"kyoryokutai.ask_role_again"``) with its ``{fields}`` filled."""
    text = _lookup(key)
    if not isinstance(text, str):
        raise KeyError(f"message {key!r} is a group, not a text")
    return text.format(**fields) if fields else text


def texts(group: str) -> dict[str, str]:
    """Every text of one group (``"widget"``: the chat widget's own words, served to it), unformatted."""
    found = _lookup(group)
    if not isinstance(found, dict) or not all(isinstance(v, str) for v in found.values()):
        raise KeyError(f"message {group!r} is not a group of texts")
    return dict(found)


def prompt(name: str) -> dict[str, Any]:
    """A flow's question (``action_ask_*``): ``{"text", "buttons"}``, buttons possibly empty."""
    found = _lookup(name)
    if not isinstance(found, dict) or "text" not in found:
        raise KeyError(f"message {name!r} is not a question with text and buttons")
    return {"text": found["text"], "buttons": list(found.get("buttons") or [])}


def source_line(entry: FaqEntry) -> str:
    """The line under every answer: the entry's source and its last-checked date."""
    return message(
        "source_line", citation=entry.source.citation(), checked=f"{entry.last_checked:%Y年%-m月%-d日}"
    )


def prompt_names() -> list[str]:
    """The names of every flow question in the file."""
    return [name for name in messages() if name.startswith("action_ask_")]


@lru_cache(maxsize=1)
def _cues() -> dict[str, Any]:
    return yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))


@cache
def cue_pattern(key: str) -> re.Pattern[str]:
    """What residents type for one answer (``"kyoryokutai.answer_no"``, in ``flow_words.yml``) as one
    case-insensitive pattern that finds any of the words inside a message."""
    node: Any = _cues()
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(f"no cue words {key!r} in {CUES_FILE.name}")
        node = node[part]
    if not isinstance(node, list) or not node:
        raise KeyError(f"cue words {key!r} must be a non-empty list")
    return re.compile("|".join(re.escape(str(word)) for word in node), re.I)
