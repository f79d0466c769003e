"""The per-flow rules against the table of flows (faq/data/flows.yml), for the shipped flows and for a flow
made up here (tests/data/new_flow): adding a flow is its row, its actions and its data, and a piece it
forgot is named."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from faq.content.flows import FlowTable, flow_table
from faq.content.messages import prompt_names
from faq.settings import PROJECT_ROOT
from tests.bot.flow_rules import NEW_FLOW, NEW_INTENT, RasaFiles, excluding, problems, table_with_new_flow
from tests.conftest import run_rasa

pytestmark = pytest.mark.unit

DOMAIN, DATA = PROJECT_ROOT / "bot" / "domain", PROJECT_ROOT / "bot" / "data"


def shipped_domain(edit: bool) -> list[tuple[str, dict]]:
    """bot/domain's files, with the new flow's one edit (its intent in the other flows' not_intent)."""
    docs = [(p.name, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in sorted(DOMAIN.glob("*.yml"))]
    return [(name, excluding(doc, NEW_INTENT) if edit else doc) for name, doc in docs]


def with_new_flow(tmp_path: Path, edit: bool = True) -> tuple[FlowTable, RasaFiles, set[str]]:
    """The table, domain, data and questions once the made-up flow is added."""
    rasa = RasaFiles.read(DATA, NEW_FLOW / "domain.yml", NEW_FLOW / "data.yml")
    for _, doc in shipped_domain(edit):
        rasa.add(doc)
    fixture_questions = yaml.safe_load((NEW_FLOW / "messages.yml").read_text(encoding="utf-8"))
    return table_with_new_flow(tmp_path), rasa, {*prompt_names(), *fixture_questions}


def test_every_shipped_flow_keeps_the_per_flow_rules() -> None:
    assert problems(flow_table(), RasaFiles.read(DOMAIN, DATA), prompt_names()) == []


def test_a_new_flow_is_its_row_its_actions_and_its_data(tmp_path: Path) -> None:
    table, rasa, questions = with_new_flow(tmp_path)
    assert table.forms[-1] == "moving_form"
    assert problems(table, rasa, questions) == []


def _drop_rule(name: str) -> Callable[[FlowTable, RasaFiles, set[str]], None]:
    def drop(table: FlowTable, rasa: RasaFiles, questions: set[str]) -> None:
        rasa.rules[:] = [r for r in rasa.rules if r["rule"] != name]

    return drop


def _drop_story(table: FlowTable, rasa: RasaFiles, questions: set[str]) -> None:
    rasa.stories[:] = [s for s in rasa.stories if "moving" not in s["story"]]


INSIDE = "moving_form: no rule [active_loop {form}]"
OPENING = "moving_form: opening action_ask_moving_form_town"
INTO_MOVING = "gyosei_form: no rule [active_loop {form}] intent moving_help"


def _no_examples(table: FlowTable, rasa: RasaFiles, questions: set[str]) -> None:
    rasa.examples.pop(NEW_INTENT)


def _no_words(table: FlowTable, rasa: RasaFiles, questions: set[str]) -> None:
    questions.discard("action_ask_moving_form_town")


def _another_slot_first(table: FlowTable, rasa: RasaFiles, questions: set[str]) -> None:
    rasa.forms["moving_form"]["required_slots"] = ["need", "town"]


@pytest.mark.parametrize(
    ("forgot", "problem"),
    [
        (_drop_rule("danger to life inside moving_form"), f"{INSIDE} intent safety_alert"),
        (_drop_rule("finish the moving flow"), f"{INSIDE} action {{form}} → active_loop null"),
        (_drop_rule("from the moving flow to disaster_form"), f"{INSIDE} intent disaster_help"),
        (_drop_rule("from gyosei_form to the moving flow"), INTO_MOVING),
        (_drop_rule("start the moving flow"), "moving_form: no rule intent {intent} → action {form}"),
        (_drop_story, "moving_form: no story starts it"),
        (_no_examples, "moving_form: intent moving_help has no NLU examples"),
        (_no_words, f"{OPENING} has no words"),
        (_another_slot_first, f"{OPENING} does not ask the first required slot 'need'"),
    ],
)
def test_a_piece_the_new_flow_forgot_is_named(tmp_path: Path, forgot, problem: str) -> None:
    table, rasa, questions = with_new_flow(tmp_path)
    forgot(table, rasa, questions)
    found = problems(table, rasa, questions)
    assert any(p.startswith(problem) for p in found), found


def test_without_its_row_or_the_not_intent_edit_the_new_flow_is_named(tmp_path: Path) -> None:
    table, rasa, questions = with_new_flow(tmp_path, edit=False)
    unguarded = "disaster_form: slot prefecture takes free text in it but not_intent lacks ['moving_help']"
    assert unguarded in problems(table, rasa, questions)
    _, rasa, questions = with_new_flow(tmp_path)
    rowless = "moving_form: a form of the domain with no row in the table"
    assert rowless in problems(flow_table(), rasa, questions)


@pytest.mark.slow
def test_rasa_accepts_the_new_flows_domain_and_data(tmp_path: Path) -> None:
    """The made-up flow is a real one: Rasa's own validator, warnings failing, over bot/ plus its files."""
    domain, data = tmp_path / "domain", tmp_path / "data"
    domain.mkdir()
    for name, doc in shipped_domain(edit=True):
        (domain / name).write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.copy(NEW_FLOW / "domain.yml", domain / "moving.yml")
    shutil.copytree(DATA, data)
    shutil.copy(NEW_FLOW / "data.yml", data / "moving.yml")
    done = run_rasa(
        "data", "validate", "--config", str(PROJECT_ROOT / "config.yml"), "--domain", str(domain),
        "--data", str(data), "--fail-on-warnings", timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
