"""The labelled context set (tests/data/context_cases.jsonl): two- and three-turn conversations as
residents type them, played through the actions with the tracker's slots carried from turn to turn."""

from __future__ import annotations

import pytest

from tests.actions.context_play import load_cases, play

pytestmark = [pytest.mark.integration, pytest.mark.slow]
THRESHOLD = 0.95


def test_the_labelled_set_is_big_enough_and_mixed() -> None:
    cases = load_cases()
    kinds = {c["kind"] for c in cases}
    assert len(cases) >= 80
    assert {"place", "facet", "follow_up", "three_turns", "disaster_need", "new"} <= kinds


def test_follow_ups_are_read_with_the_conversation() -> None:
    outcomes = [play(case) for case in load_cases()]
    failed = [f"{o.case['id']} {o.case['turns']} → {o.reply}" for o in outcomes if not o.passed]
    right = 1 - len(failed) / len(outcomes)
    assert right >= THRESHOLD, f"{right:.1%} right; failed:\n" + "\n".join(failed)
