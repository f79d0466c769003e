"""Run labelled conversations through the trained Rasa model in this process and name each turn's route.

The route is read from what the assistant actually did in the turn (the actions it ran, the loop it
started, the yes/no slot it filled), not from the NLU intent alone: rules, forms and the FAQ action all
take part, as they do for a resident. Used by tests/nlu/test_routing_turns.py and
benchmarks/routing_benchmark.py.
"""

from __future__ import annotations

import asyncio
import json
import time
import unicodedata
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actions.services import ActionServices
from faq.content.flows import flow_table
from faq.safety.replies import ABUSE_INTENTS, payload_for

ROUTING_TURNS = Path(__file__).resolve().parents[1] / "data" / "routing_turns.jsonl"
SMALL_TALK = frozenset({"greet", "thanks", "goodbye", "affirm", "deny", "stop"})
FLOWS = flow_table().forms
YES_NO_SLOTS = ("lives_in_city", "will_move", "handoff_consent")
# An action the turn ran → its route (checked in this order; the first one found wins).
ACTION_ROUTES = (
    ("action_safety_alert", "safety"),
    ("utter_abuse_insult", "insult"),
    ("utter_abuse_refusal", "manipulation"),
    ("action_answer_faq", "faq"),
    ("action_show_faq", "faq"),
    ("action_request_human", "human"),
    ("action_show_menu", "menu"),
    ("action_show_category", "menu"),
    ("action_out_of_scope", "out_of_scope"),
    ("utter_iamabot", "bot"),
    ("action_record_feedback", "feedback"),
    ("action_greet", "greet"),
    ("utter_thanks", "thanks"),
    ("utter_goodbye", "goodbye"),
    ("utter_flow_stopped", "stop"),
    ("action_ok_outside_flow", "affirm"),
    ("action_deny_outside_flow", "deny"),
    ("utter_ask_again", "deny"),
)


@dataclass
class Turn:
    conversation: str
    text: str
    expected: tuple[str, ...]
    got: str
    intent: str
    confidence: float
    cpu_ms: float
    reply: str = ""

    @property
    def right(self) -> bool:
        return self.got in self.expected

    @property
    def small_talk_to_a_question(self) -> bool:
        """A small-talk reply where the resident asked something (the worst misroute)."""
        return self.got in SMALL_TALK and not SMALL_TALK.intersection(self.expected)


@dataclass
class Report:
    turns: list[Turn] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return sum(t.right for t in self.turns) / len(self.turns)

    @property
    def wrong(self) -> list[Turn]:
        return [t for t in self.turns if not t.right]

    @property
    def small_talk_misroutes(self) -> list[Turn]:
        return [t for t in self.turns if t.small_talk_to_a_question]

    def median_cpu_ms(self) -> float:
        values = sorted(t.cpu_ms for t in self.turns)
        return values[len(values) // 2]

    def confusion(self) -> str:
        """Expected route (first label) × route taken, then every wrong turn."""
        pairs = Counter((t.expected[0], t.got) for t in self.turns)
        expected = sorted({e for e, _ in pairs})
        right = len(self.turns) - len(self.wrong)
        lines = [f"routing: {right}/{len(self.turns)} right ({self.accuracy:.1%})"]
        for label in expected:
            row = {g: n for (e, g), n in pairs.items() if e == label}
            total = sum(row.values())
            cells = ", ".join(f"{g} {n}" for g, n in sorted(row.items(), key=lambda kv: -kv[1]))
            lines.append(f"  {label:<18} {row.get(label, 0):>3}/{total:<3} → {cells}")
        for t in self.wrong:
            lines.append(
                f"  WRONG {t.conversation}: {t.text!r} expected {'|'.join(t.expected)} got {t.got}"
                f" (intent {t.intent} {t.confidence:.2f})"
            )
        return "\n".join(lines)


def load_conversations(path: Path = ROUTING_TURNS) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        for turn in row["turns"]:
            if isinstance(turn["route"], str):
                turn["route"] = [turn["route"]]
    return rows


def route_of(new_events: list[Any], active_before: str | None, intent: str = "") -> str:
    """Name what the assistant did with one message, from the events the turn added.

    Before this issue a bare 「はい」 outside a flow got utter_thanks: that reply is still affirm's small
    talk, so it is named affirm (the baseline is measured fairly)."""
    actions = [e.action_name for e in new_events if type(e).__name__ == "ActionExecuted"]
    if intent == "affirm" and "utter_thanks" in actions:
        return "affirm"
    for event in new_events:
        name = type(event).__name__
        if name == "ActiveLoop" and event.name in FLOWS and event.name != active_before:
            return event.name
    for action, route in ACTION_ROUTES:
        if action in actions:
            return route
    for event in new_events:
        if type(event).__name__ == "SlotSet" and event.key in YES_NO_SLOTS and event.value:
            return {"yes": "affirm", "no": "deny"}.get(str(event.value), "inform")
    if "action_deactivate_loop" in actions:
        return "stop"
    if any(a in FLOWS for a in actions):
        return "inform"  # a flow's question answered (a place, a need, a role, an activity)
    if "action_default_fallback" in actions:
        return "fallback"
    return "silent"


class RoutingRunner:
    """The trained model loaded once, with actions in process and conversations kept in memory."""

    def __init__(self, model_path: Path, services: ActionServices):
        from bot.web.assistant import Assistant
        from faq.safety.detector import SafetyCheck

        self.safety = SafetyCheck()
        self.loop = asyncio.new_event_loop()
        self.assistant = Assistant(model_path, action_url="", services=services)
        self.loop.run_until_complete(self.assistant.warm_up())

    def _as_the_chat_route_sends(self, text: str) -> tuple[str, dict[str, Any] | None]:
        """What the turn (bot/web/turn.py) hands Rasa: NFKC text, and a certain danger, insults and
        manipulation as the safety check's intent payload (recognised before NLU), the words kept in the
        metadata. A possible danger goes on as the words (its line is added to the reply, not routed)."""
        text = unicodedata.normalize("NFKC", text).strip()
        verdict = self.safety.classify(text)
        if not (verdict.danger or verdict.kind in ABUSE_INTENTS):
            return text, None
        return payload_for(verdict), {"text": text}

    def close(self) -> None:
        self.loop.close()

    async def _turn(self, sender: str, text: str) -> tuple[list[Any], str | None, list[dict], float]:
        store = self.assistant.agent.tracker_store
        before = await store.retrieve(sender)
        count = len(before.events) if before else 0
        active = before.active_loop_name if before else None
        started = time.process_time()
        messages = await self.assistant.handle(sender, *self._as_the_chat_route_sends(text))
        cpu_ms = (time.process_time() - started) * 1000
        after = await store.retrieve(sender)
        return list(after.events)[count:], active, messages, cpu_ms

    def run(self, conversations: list[dict[str, Any]]) -> Report:
        report = Report()
        for conversation in conversations:
            sender = f"routing-{uuid.uuid4().hex[:12]}"
            for turn in conversation["turns"]:
                events, active, messages, cpu_ms = self.loop.run_until_complete(
                    self._turn(sender, turn["text"])
                )
                parsed = [e for e in events if type(e).__name__ == "UserUttered"]
                intent = parsed[0].intent if parsed else {}
                name = str(intent.get("name"))
                report.turns.append(
                    Turn(
                        conversation=conversation["id"],
                        text=turn["text"],
                        expected=tuple(turn["route"]),
                        got=route_of(events, active, name),
                        intent=name,
                        confidence=float(intent.get("confidence") or 0.0),
                        cpu_ms=cpu_ms,
                        reply=" / ".join(m.get("text") or "" for m in messages)[:80],
                    )
                )
        return report
