"""The dialogue states the policies read, computed once per event instead of once per call.

Every prediction, MemoizationPolicy and RulePolicy each ask Rasa for the tracker's states
(``Domain.states_for_tracker_history``), and Rasa answers by replaying the whole session's events on a
fresh copy of the tracker: five replays a turn in this assistant, one of them a repeat of the call before,
and each as long as the conversation. At turn 40 (about 400 events) that was the largest part of why a
turn cost twice turn 1 (issue 30; ``benchmarks/turn_growth.py``).

This module keeps, on each tracker object, where the replay got to for each set of arguments: the events
applied so far, the replayed copy, the states and the loop's two variables. A later call on the same
tracker — the second policy, the next prediction after an action's events were appended — replays only
the new events. The loop below is Rasa 3.6's own, unchanged; only its starting point differs. The cache
is used only while the tracker's applied events begin with the very same event objects it replayed (an
undo or a rewind drops events: then it starts again), and each caller gets its own copy of the states,
because the featurizers edit the last one in place (sub-states shared by two states stay shared, as Rasa
makes them). A tracker loaded for the next turn is a new object and starts from the beginning once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rasa.shared.core.constants import PREVIOUS_ACTION
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

# The replays, on the tracker object they belong to (trackers are not hashable: no weak dictionary).
REPLAYS = "_govbot_state_replays"
APPLIED = "_govbot_applied_events"


@dataclass
class Replay:
    """Rasa's ``states_for_tracker_history`` loop, stopped after ``events``."""

    events: list[Any]
    tracker: Any  # the replayed copy, after ``events``
    states: list[dict[str, Any]]
    last_ml_action_sub_state: Any
    turn_was_hidden: bool
    rule_only_data: Any


def states_for_tracker_history(
    domain: Any,
    tracker: Any,
    omit_unset_slots: bool = False,
    ignore_rule_only_turns: bool = False,
    rule_only_data: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """What Rasa's ``Domain.states_for_tracker_history`` returns, replaying only events not seen before."""
    applied = tracker.applied_events()
    replays: dict[tuple, Replay] | None = getattr(tracker, REPLAYS, None)
    if replays is None:
        replays = {}
        setattr(tracker, REPLAYS, replays)
    key = (id(domain), omit_unset_slots, ignore_rule_only_turns)
    replay = replays.get(key)
    if (
        replay is None
        or replay.rule_only_data != rule_only_data
        or len(replay.events) > len(applied)
        or any(seen is not event for seen, event in zip(replay.events, applied, strict=False))
    ):
        replay = Replay([], tracker.init_copy(), [], None, False, rule_only_data)
        replays[key] = replay
    for event in applied[len(replay.events) :]:
        if isinstance(event, ActionExecuted):
            _visit(domain, replay, event.hide_rule_turn, omit_unset_slots, ignore_rule_only_turns)
        replay.tracker.update(event)
        replay.events.append(event)
    # The state after the last event, as Rasa's generator yields it last: on a copy, not kept.
    final = Replay(
        replay.events,
        replay.tracker,
        list(replay.states),
        replay.last_ml_action_sub_state,
        replay.turn_was_hidden,
        rule_only_data,
    )
    _visit(domain, final, False, omit_unset_slots, ignore_rule_only_turns)
    return _copied(final.states)


def _copied(states: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The states and their sub-states copied, a sub-state shared by two states (Rasa hands the user's
    sub-state on to the bot's turns after it) still shared in the copy, as in a fresh replay."""
    copies: dict[int, dict[str, Any]] = {}
    return [
        {name: copies.setdefault(id(sub_state), dict(sub_state)) for name, sub_state in state.items()}
        for state in states
    ]


def _visit(
    domain: Any, replay: Replay, hide_rule_turn: bool, omit_unset_slots: bool, ignore_rule_only_turns: bool
) -> None:
    """One pass of Rasa 3.6's loop (rasa/shared/core/domain.py, states_for_tracker_history) for the
    tracker as replayed so far."""
    tr = replay.tracker
    if ignore_rule_only_turns:
        if not replay.turn_was_hidden:
            replay.last_ml_action_sub_state = domain._get_prev_action_sub_state(tr)
        if not tr.followup_action and not tr.latest_action_name == tr.active_loop_name:
            replay.turn_was_hidden = hide_rule_turn
        if replay.turn_was_hidden:
            return
    state = domain.get_active_state(tr, omit_unset_slots=omit_unset_slots)
    if ignore_rule_only_turns:
        domain._remove_rule_only_features(state, replay.rule_only_data)
        if replay.states:
            domain._substitute_rule_only_user_input(state, replay.states[-1])
        if replay.last_ml_action_sub_state:
            state[PREVIOUS_ACTION] = replay.last_ml_action_sub_state
    replay.states.append(domain._clean_state(state))


@dataclass
class Applied:
    """Rasa's ``applied_events`` fold, stopped after ``seen`` events whose last one is ``last``."""

    seen: int
    last: Any
    loop_names: set[str]
    events: list[Any]


def applied_events(tracker: Any) -> list[Any]:
    """What Rasa 3.6's ``DialogueStateTracker.applied_events`` returns, folding only events not seen
    before. Rasa's fold treats an action as a loop's only if an ``ActiveLoop`` of that name is anywhere in
    the events, later ones included: a new loop name whose action came earlier starts the fold again."""
    events = tracker.events
    cached: Applied | None = getattr(tracker, APPLIED, None)
    if cached is not None and (
        cached.seen > len(events) or (cached.seen and events[cached.seen - 1] is not cached.last)
    ):
        cached = None
    new = list(events)[cached.seen :] if cached is not None else list(events)
    names = {event.name for event in new if isinstance(event, ActiveLoop) and event.name}
    if cached is not None and names - cached.loop_names:
        added = names - cached.loop_names
        if any(
            isinstance(event, ActionExecuted) and event.action_name in added
            for event in list(events)[: cached.seen]
        ):
            cached = None
            new = list(events)
    if cached is None:
        cached = Applied(0, None, set(), [])
    cached.loop_names |= names
    _fold(tracker, new, cached)
    cached.seen, cached.last = len(events), (events[-1] if events else None)
    setattr(tracker, APPLIED, cached)
    return list(cached.events)


def _fold(tracker: Any, new: list[Any], cached: Applied) -> None:
    """Rasa 3.6's loop (rasa/shared/core/trackers.py, applied_events) over ``new``, continuing ``cached``."""
    applied = cached.events
    for event in new:
        if isinstance(event, (Restarted, SessionStarted)):
            applied.clear()
        elif isinstance(event, ActionReverted):
            tracker._undo_till_previous(ActionExecuted, applied)
        elif isinstance(event, UserUtteranceReverted):
            tracker._undo_till_previous(UserUttered, applied)
            tracker._undo_till_previous(ActionExecuted, applied)
        elif (
            isinstance(event, ActionExecuted)
            and event.action_name in cached.loop_names
            and not tracker._first_loop_execution_or_unhappy_path(event.action_name, applied)
        ):
            tracker._undo_till_previous_loop_execution(event.action_name, applied)
        else:
            applied.append(event)


def replay_states_incrementally() -> None:
    """Make Rasa answer the policies' state requests with :func:`states_for_tracker_history` and
    :func:`applied_events` (the web process calls this once, at warm-up, beside ``run_without_dask``)."""
    Domain.states_for_tracker_history = states_for_tracker_history  # type: ignore[method-assign]
    DialogueStateTracker.applied_events = applied_events  # type: ignore[method-assign]
