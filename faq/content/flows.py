"""The table of flows (``faq/data/flows.yml``): one row per flow, so every place that names a flow — the
start menu of each channel, a reply that offers to start one, the opening question's early answer, the
button that resumes a flow after an interruption — reads the same form, intent, label and payloads.

Adding a flow is a row there plus its actions and its Rasa data; no consumer lists the flows itself.

    >>> flow_table().by_form("gyosei_form").payload
    '/gyosei_soudan'
    >>> [b["payload"] for b in start_menu()]
    ['/menu', '/disaster_help', '/kyoryokutai_eligibility', '/gyosei_soudan']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from faq.content.messages import message

FLOWS_FILE = Path(__file__).resolve().parent.parent / "data" / "flows.yml"
# LINE cuts a quick reply's label at 20 characters; a start button's label must fit whole.
MAX_BUTTON_CHARS = 20
_FIELDS = ("form", "intent", "button", "opening")


@dataclass(frozen=True)
class Flow:
    """One row: a Rasa form, the intent that starts it, its one label and its first question."""

    form: str
    intent: str
    button: str
    opening: str
    resume: str = ""

    @property
    def payload(self) -> str:
        """The payload that starts the flow (a button's, a LINE postback's)."""
        return "/" + self.intent

    @property
    def resume_payload(self) -> str:
        """The payload of 「さきほどの相談を続ける」: the row's own, else the one that starts it."""
        return self.resume or self.payload

    def start_button(self) -> dict[str, str]:
        """The button that starts the flow, with its one label."""
        return {"title": self.button, "payload": self.payload}

    def resume_button(self) -> dict[str, str]:
        """The button that takes the resident back into the flow after an interruption."""
        return {"title": message("button.resume_flow"), "payload": self.resume_payload}


@dataclass(frozen=True)
class FlowTable:
    """The flows in start-menu order, looked up by form or by intent."""

    flows: tuple[Flow, ...]

    def __post_init__(self) -> None:
        for field in _FIELDS:
            values = [getattr(f, field) for f in self.flows]
            repeated = sorted({v for v in values if values.count(v) > 1})
            if repeated:
                raise ValueError(f"two flows share the {field} {repeated[0]!r}")

    @classmethod
    def load(cls, path: Path = FLOWS_FILE) -> FlowTable:
        """Read and check a table file; a bad row is refused with its number and reason."""
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        rows = loaded.get("flows") if isinstance(loaded, dict) else None
        if not isinstance(rows, list) or not rows:
            raise ValueError(f"{path.name} must hold a non-empty list under 'flows'")
        flows = tuple(_flow(row, n, path.name) for n, row in enumerate(rows, start=1))
        try:
            return cls(flows)
        except ValueError as exc:
            raise ValueError(f"{path.name}: {exc}") from None

    def by_form(self, form: str) -> Flow:
        found = next((f for f in self.flows if f.form == form), None)
        if found is None:
            raise KeyError(f"no flow with the form {form!r} in the table of flows")
        return found

    def by_intent(self, intent: str) -> Flow | None:
        return next((f for f in self.flows if f.intent == intent), None)

    @property
    def forms(self) -> tuple[str, ...]:
        return tuple(f.form for f in self.flows)

    @property
    def intents(self) -> frozenset[str]:
        return frozenset(f.intent for f in self.flows)

    @property
    def openings(self) -> frozenset[str]:
        return frozenset(f.opening for f in self.flows)

    def resume_button_for(self, form: str | None) -> dict[str, str] | None:
        """The button back into the active form, or None when no flow of the table is active."""
        flow = next((f for f in self.flows if f.form == form), None)
        return flow.resume_button() if flow else None

    def start_menu(self) -> list[dict[str, str]]:
        """Where a conversation starts: browsing by category (シナリオ検索), then each flow's button."""
        browse = {"title": message("button.by_category"), "payload": "/menu"}
        return [browse, *(f.start_button() for f in self.flows)]


def _flow(row: Any, number: int, file: str) -> Flow:
    where = f"{file}, flow {number}"
    if not isinstance(row, dict):
        raise ValueError(f"{where}: a flow is a mapping of {', '.join(_FIELDS)}")
    unknown = sorted(set(row) - {*_FIELDS, "resume"})
    if unknown:
        raise ValueError(f"{where}: unknown field {unknown[0]!r}")
    for field in _FIELDS:
        if not isinstance(row.get(field), str) or not row[field].strip():
            raise ValueError(f"{where}: {field!r} must be a non-empty text")
    if not row["opening"].startswith("action_ask_"):
        raise ValueError(f"{where}: opening {row['opening']!r} is not an action_ask_ question")
    if len(row["button"]) > MAX_BUTTON_CHARS:
        raise ValueError(f"{where}: button {row['button']!r} is over {MAX_BUTTON_CHARS} characters")
    resume = row.get("resume", "")
    if resume and (not isinstance(resume, str) or not resume.startswith("/")):
        raise ValueError(f"{where}: resume {resume!r} is not a payload (/intent)")
    return Flow(**{k: row[k] for k in _FIELDS}, resume=resume)


@lru_cache(maxsize=1)
def flow_table() -> FlowTable:
    """The shipped table, read once per process."""
    return FlowTable.load()


def start_menu() -> list[dict[str, str]]:
    """The shipped start menu: every channel's first buttons."""
    return flow_table().start_menu()
