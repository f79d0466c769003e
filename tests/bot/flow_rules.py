"""The per-flow rules, checked against the table of flows (faq/data/flows.yml): every row must be wired
through Rasa's domain and data the way every other flow is.

Two kinds of rule. Absolute ones hold for each row: its intent, form and opening question are declared;
the opening asks the form's first required slot and has its words; its resume payload starts it; a story
runs it; the other flows' free-text slots never swallow its intent. And symmetry: whatever rule one flow
has (the safety rules, answering a question inside it, stop, menu, switching to each other flow, starting
and finishing), every flow has, with its own names — so a new flow that forgot 「danger to life inside」
is named, not silently left without the 119 reply.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from faq.content.flows import Flow, FlowTable

Step = tuple[str, str]
Shape = tuple[tuple[Step, ...], tuple[Step, ...]]  # (condition, steps)
OTHER_FORM, OTHER_INTENT, OWN_ACTION = "{other_form}", "{other_intent}", "{own_action}"


@dataclass
class RasaFiles:
    """What the checks read of bot/domain and bot/data, merged as Rasa merges its files."""

    intents: set[str] = field(default_factory=set)
    actions: set[str] = field(default_factory=set)
    forms: dict[str, Any] = field(default_factory=dict)
    slots: dict[str, Any] = field(default_factory=dict)
    rules: list[dict] = field(default_factory=list)
    stories: list[dict] = field(default_factory=list)
    examples: dict[str, int] = field(default_factory=dict)  # intent → number of NLU examples

    @classmethod
    def read(cls, *folders: Path) -> RasaFiles:
        files = cls()
        for folder in folders:
            for path in sorted(folder.rglob("*.yml")) if folder.is_dir() else [folder]:
                files.add(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
        return files

    def add(self, doc: dict[str, Any]) -> None:
        self.intents |= {i if isinstance(i, str) else next(iter(i)) for i in doc.get("intents") or []}
        self.actions |= set(doc.get("actions") or [])
        self.forms.update(doc.get("forms") or {})
        self.slots.update(doc.get("slots") or {})
        self.rules += doc.get("rules") or []
        self.stories += doc.get("stories") or []
        for block in doc.get("nlu") or []:
            if "intent" in block:
                count = len([line for line in block["examples"].splitlines() if line.strip().startswith("-")])
                self.examples[block["intent"]] = self.examples.get(block["intent"], 0) + count


def _steps(items: Iterable[dict]) -> tuple[Step, ...]:
    found = []
    for item in items:
        ((key, value),) = item.items()
        if key == "slot_was_set":
            value = ",".join(sorted(f"{k}={v}" for s in value for k, v in s.items()))
        found.append((key, "null" if value is None else str(value)))
    return tuple(found)


def _of(rule: dict, flow: Flow) -> bool:
    """A rule belongs to the flow it is conditioned on, or, unconditioned, to the flow it starts."""
    condition = _steps(rule.get("condition") or [])
    if condition:
        return ("active_loop", flow.form) in condition
    return any(v in (flow.form, flow.intent) for _, v in _steps(rule["steps"]))


def _own_actions(table: FlowTable, rasa: RasaFiles) -> set[str]:
    """Actions in the rules of one flow only (a flow's own finish, 協力隊's verdict): equal in shape."""
    users: dict[str, set[str]] = {}
    for flow in table.flows:
        for rule in rasa.rules:
            if _of(rule, flow):
                for key, value in _steps(rule["steps"]):
                    if key == "action" and value not in table.forms:
                        users.setdefault(value, set()).add(flow.form)
    return {action for action, forms in users.items() if len(forms) == 1}


def _shapes(table: FlowTable, rasa: RasaFiles, flow: Flow, own: set[str]) -> set[Shape]:
    names = {flow.form: "{form}", flow.intent: "{intent}"}

    def name(step: Step) -> Step:
        key, value = step
        return (key, OWN_ACTION if key == "action" and value in own else names.get(value, value))

    return {
        (tuple(map(name, _steps(r.get("condition") or []))), tuple(map(name, _steps(r["steps"]))))
        for r in rasa.rules
        if _of(r, flow)
    }


def _general(shape: Shape, table: FlowTable) -> Shape:
    """A shape with any other flow's names as placeholders."""
    others = {**{f.form: OTHER_FORM for f in table.flows}, **{f.intent: OTHER_INTENT for f in table.flows}}
    return tuple(tuple((k, others.get(v, v)) for k, v in part) for part in shape)  # type: ignore[return-value]


def _instances(shape: Shape, table: FlowTable, flow: Flow) -> list[Shape]:
    text = repr(shape)
    if OTHER_FORM not in text and OTHER_INTENT not in text:
        return [shape]
    names = {OTHER_FORM: "form", OTHER_INTENT: "intent"}
    return [
        tuple(tuple((k, getattr(g, names[v]) if v in names else v) for k, v in part) for part in shape)  # type: ignore[misc]
        for g in table.flows
        if g is not flow
    ]


def _show(shape: Shape) -> str:
    condition, steps = shape
    said = " → ".join(f"{k} {v}" for k, v in steps)
    return f"[{', '.join(f'{k} {v}' for k, v in condition)}] {said}" if condition else said


def symmetry_problems(table: FlowTable, rasa: RasaFiles) -> list[str]:
    """Each rule shape one flow has that another flow lacks, named for the flow that lacks it."""
    own = _own_actions(table, rasa)
    shapes = {f.form: _shapes(table, rasa, f, own) for f in table.flows}
    expected = {_general(s, table) for found in shapes.values() for s in found}
    return [
        f"{flow.form}: no rule {_show(instance)}"
        for flow in table.flows
        for shape in sorted(expected)
        for instance in _instances(shape, table, flow)
        if instance not in shapes[flow.form]
    ]


def row_problems(table: FlowTable, rasa: RasaFiles, questions: Collection[str]) -> list[str]:
    """What each row itself must have in the domain, the data and messages.yml."""
    rowless = [form for form in rasa.forms if form not in table.forms]
    problems = [f"{form}: a form of the domain with no row in the table" for form in rowless]
    for flow in table.flows:
        said = []
        if flow.intent not in rasa.intents:
            said.append(f"intent {flow.intent} is not in the domain")
        if not rasa.examples.get(flow.intent):
            said.append(f"intent {flow.intent} has no NLU examples")
        if flow.form not in rasa.forms:
            said.append("form is not in the domain")
        else:
            first = (rasa.forms[flow.form].get("required_slots") or [""])[0]
            if flow.opening not in (f"action_ask_{flow.form}_{first}", f"action_ask_{first}"):
                said.append(f"opening {flow.opening} does not ask the first required slot {first!r}")
        if flow.opening not in rasa.actions:
            said.append(f"opening {flow.opening} is not an action of the domain")
        if flow.opening not in questions:
            said.append(f"opening {flow.opening} has no words in messages.yml")
        if flow.resume_payload[1:].split("{")[0] != flow.intent:
            said.append(f"resume payload {flow.resume_payload} does not start it")
        opens = (("intent", flow.intent), ("action", flow.form))
        if not any(_steps(s["steps"])[:2] == opens for s in rasa.stories):
            said.append("no story starts it")
        others = {g.intent for g in table.flows if g is not flow}
        for slot, spec in rasa.slots.items():
            for mapping in spec.get("mappings") or []:
                loops = {c.get("active_loop") for c in mapping.get("conditions") or []}
                missing = others - set(mapping.get("not_intent") or [])
                if mapping.get("type") == "from_text" and flow.form in loops and missing:
                    said.append(f"slot {slot} takes free text in it but not_intent lacks {sorted(missing)}")
        problems += [f"{flow.form}: {s}" for s in said]
    return problems


def problems(table: FlowTable, rasa: RasaFiles, questions: Collection[str]) -> list[str]:
    """Every per-flow rule the table, the domain and the data break; empty when the flows are sound."""
    return row_problems(table, rasa, questions) + symmetry_problems(table, rasa)


# -- a flow made up for the tests: tests/data/new_flow ----------------------------------------------------
NEW_FLOW = Path(__file__).resolve().parents[1] / "data" / "new_flow"
NEW_INTENT = "moving_help"


def table_with_new_flow(folder: Path) -> FlowTable:
    """The shipped table with the made-up flow's row appended, written in ``folder`` as a new
    faq/data/flows.yml would be."""
    from faq.content.flows import FLOWS_FILE

    path = folder / "flows.yml"
    row = (NEW_FLOW / "row.yml").read_text(encoding="utf-8")
    path.write_text(FLOWS_FILE.read_text(encoding="utf-8") + row, encoding="utf-8")
    return FlowTable.load(path)


def excluding(domain: dict[str, Any], intent: str) -> dict[str, Any]:
    """The one edit a new flow makes in the other flows' domain: its intent joins the not_intent of
    every free-text slot mapping, so starting it in the middle of another flow is not taken as an answer."""
    for spec in (domain.get("slots") or {}).values():
        for mapping in spec.get("mappings") or []:
            if mapping.get("type") == "from_text" and mapping.get("conditions"):
                mapping["not_intent"] = [*mapping.get("not_intent", []), intent]
    return domain
