"""The policies' states replayed incrementally are Rasa's own, call after call on a growing tracker.

Every story and rule of the assistant's training data is turned into trackers by Rasa's own generator
(forms, slots, rule-only turns, hidden rule turns), then replayed event by event on one tracker object,
as a turn appends events between predictions; after every event both Rasa's
``Domain.states_for_tracker_history`` and ours are asked, with each set of arguments the policies use.
"""

from __future__ import annotations

from typing import Any

import pytest
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, UserUtteranceReverted, UserUttered
from rasa.shared.core.generator import TrainingDataGenerator
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.importers.importer import TrainingDataImporter

from bot.web.tracker_states import applied_events, states_for_tracker_history
from faq.settings import PROJECT_ROOT

pytestmark = pytest.mark.integration

# The stock methods, taken when the tests are collected, before any warm-up in this session replaces them.
RASA = Domain.states_for_tracker_history
RASA_APPLIED = DialogueStateTracker.applied_events


@pytest.fixture(autouse=True)
def stock_rasa(monkeypatch) -> None:
    """Rasa's own methods on the classes during these tests: the comparison is with stock Rasa."""
    monkeypatch.setattr(Domain, "states_for_tracker_history", RASA)
    monkeypatch.setattr(DialogueStateTracker, "applied_events", RASA_APPLIED)


@pytest.fixture(scope="module")
def training() -> tuple[Domain, list[DialogueStateTracker], dict[str, Any]]:
    importer = TrainingDataImporter.load_from_dict(
        domain_path=str(PROJECT_ROOT / "bot" / "domain"),
        training_data_paths=[str(PROJECT_ROOT / "bot" / "data")],
    )
    domain = importer.get_domain()
    trackers = TrainingDataGenerator(importer.get_stories(), domain, augmentation_factor=0).generate()
    rule_only = {
        "slots": list(domain.slots[i].name for i in range(0, len(domain.slots), 3)),
        "loops": domain.form_names[:1],
    }
    return domain, trackers, rule_only


def _arguments(rule_only: dict[str, Any]) -> list[dict[str, Any]]:
    # MemoizationPolicy and RulePolicy: rule-only turns ignored or not, with the rule-only data; and bare.
    return [
        {"ignore_rule_only_turns": True, "rule_only_data": rule_only},
        {"ignore_rule_only_turns": False, "rule_only_data": rule_only},
        {"omit_unset_slots": True},
    ]


def test_the_states_are_rasas_after_every_event_of_every_story_and_rule(training) -> None:
    domain, trackers, rule_only = training
    assert len(trackers) >= 50
    compared = 0
    for source in trackers:
        tracker = DialogueStateTracker(source.sender_id, domain.slots)
        for event in source.events:
            tracker.update(event)
            assert applied_events(tracker) == RASA_APPLIED(tracker)
            if not isinstance(event, ActionExecuted):
                continue
            for arguments in _arguments(rule_only):
                assert states_for_tracker_history(domain, tracker, **arguments) == RASA(
                    domain, tracker, **arguments
                ), (source.sender_id, len(tracker.events), arguments)
                compared += 1
    assert compared >= 900


def test_an_undone_turn_then_other_turns_are_replayed_from_the_start(training) -> None:
    domain, trackers, rule_only = training
    source = max(trackers, key=lambda t: len(t.events))
    tracker = DialogueStateTracker(source.sender_id, domain.slots)
    arguments = {"ignore_rule_only_turns": True, "rule_only_data": rule_only}
    for event in source.events:
        tracker.update(event)
        states_for_tracker_history(domain, tracker, **arguments)
    # The last user turn leaves the applied events; other turns take its place, as many events or more.
    tracker.update(UserUtteranceReverted())
    for number in range(len(source.events)):
        tracker.update(UserUttered(f"別の話 {number}", {"name": "thanks", "confidence": 1.0}))
        tracker.update(ActionExecuted("utter_thanks"))
        tracker.update(ActionExecuted(ACTION_LISTEN_NAME))
    assert applied_events(tracker) == RASA_APPLIED(tracker)
    assert states_for_tracker_history(domain, tracker, **arguments) == RASA(domain, tracker, **arguments)


def test_a_loop_named_after_its_action_ran_folds_the_events_again(training) -> None:
    domain, trackers, _ = training
    form = domain.form_names[0]
    tracker = DialogueStateTracker("loop-later", domain.slots)
    for event in (
        ActionExecuted(ACTION_LISTEN_NAME),
        UserUttered("はい", {"name": "affirm", "confidence": 1.0}),
        ActionExecuted(form),
        ActionExecuted("utter_thanks"),
        ActionExecuted(form),
    ):
        tracker.update(event)
        applied_events(tracker)
    tracker.update(ActiveLoop(form))  # now Rasa reads every earlier run of that action as the loop's
    tracker.update(ActionExecuted(form))
    assert applied_events(tracker) == RASA_APPLIED(tracker)


def test_the_caller_may_edit_its_states(training) -> None:
    domain, trackers, _ = training
    tracker = max(trackers, key=lambda t: len(t.events))
    first = states_for_tracker_history(domain, tracker)
    for state in first:  # as the featurizers do to the last one: delete the user's intent
        for sub_state in state.values():
            sub_state.clear()
    assert states_for_tracker_history(domain, tracker) == RASA(domain, tracker)
