"""The safety check over the labelled messages in tests/data/safety_messages.jsonl (the team's first set,
now also part of the learned model's training file: the held-out measure is test_safety_heldout.py).

Every message about danger to life must get the right number, replacing the reply or as a line above a
kept answer (recall 100 %), and at most 2 % of the other messages may have their answer replaced. The
confusion table is printed (``pytest -s``).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faq.safety import SafetyCheck, SafetyKind, SafetyVerdict
from faq.safety.detector import combine

pytestmark = pytest.mark.unit
MESSAGES = Path(__file__).parents[2] / "data" / "safety_messages.jsonl"
DANGER = {SafetyKind.EMERGENCY, SafetyKind.POLICE, SafetyKind.CRISIS}
ABUSE = {SafetyKind.INSULT, SafetyKind.MANIPULATION}


@pytest.fixture(scope="module")
def check() -> SafetyCheck:
    return SafetyCheck()


@pytest.fixture(scope="module")
def labelled(check) -> list[tuple[dict, SafetyKind]]:
    rows = [json.loads(line) for line in MESSAGES.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(row, _shown(check.classify(row["text"]))) for row in rows]


def _shown(verdict) -> SafetyKind:
    """What the resident is shown: a danger's number (replacing the reply or as a line), or nothing."""
    if verdict.kind in DANGER and not (verdict.danger or verdict.line):
        return SafetyKind.NONE
    return verdict.kind


def confusion(labelled) -> str:
    kinds = list(SafetyKind)
    counts = Counter((SafetyKind(row["label"]), got) for row, got in labelled)
    head = "expected \\ got".ljust(16) + "".join(k.value[:8].rjust(10) for k in kinds)
    lines = [head] + [
        e.value.ljust(16) + "".join(str(counts[(e, g)]).rjust(10) for g in kinds) for e in kinds
    ]
    return "\n".join(lines)


def test_the_set_is_large_and_varied(labelled) -> None:
    texts = [row["text"] for row, _ in labelled]
    assert len(texts) >= 150 and len(set(texts)) == len(texts)
    labels = Counter(row["label"] for row, _ in labelled)
    assert labels["emergency"] >= 40 and labels["police"] >= 15 and labels["crisis"] >= 20
    assert labels["none"] >= 60  # questions about emergencies, aftermath and aid, everyday words
    styles = {row["style"] for row, _ in labelled}
    assert {"kana", "halfwidth", "dialect", "typo", "long", "aftermath", "question_about"} <= styles


def test_every_danger_message_gets_its_number_and_few_false_alarms(check, labelled) -> None:
    print("\n" + confusion(labelled))
    missed = [
        (row["text"], row["label"], got.value)
        for row, got in labelled
        if SafetyKind(row["label"]) in DANGER and got is not SafetyKind(row["label"])
    ]
    others = [(row, got) for row, got in labelled if SafetyKind(row["label"]) not in DANGER]
    alarms = [(row["text"], got.value) for row, got in others if check.classify(row["text"]).danger]
    print(f"danger recall misses: {len(missed)}; false alarms: {len(alarms)} of {len(others)}", alarms)
    assert not missed, missed
    assert len(alarms) / len(others) <= 0.02, alarms


def test_insults_and_manipulation_are_recognised(labelled) -> None:
    abuse = [(row, got) for row, got in labelled if SafetyKind(row["label"]) in ABUSE]
    wrong = [(row["text"], got.value) for row, got in abuse if got is not SafetyKind(row["label"])]
    assert len(wrong) <= len(abuse) // 10, wrong
    questions = [row["text"] for row, got in labelled if row["label"] == "none" and got in ABUSE]
    assert not questions, questions  # a question that vents is still answered


@pytest.mark.parametrize(
    "text",
    ["119番って何番？", "救急車の呼び方", "火災保険", "防犯の相談", "自殺対策の予算"]
    + ["家が火事で焼けた、支援は？"],
)
def test_questions_about_emergencies_keep_their_answer(check, text) -> None:
    """A question about the numbers is answered; at most a line with the number goes above the answer."""
    assert not check.classify(text).danger


def test_death_as_an_intensifier_is_not_a_crisis_but_hopelessness_is(check) -> None:
    # The decision written in the README: 「死ぬほど」 is a degree adverb (死ぬほど忙しい) ...
    assert not check.classify("死ぬほど疲れた").danger
    # ... while exhaustion that turns to wanting to disappear or die is a crisis.
    for text in ("死ぬほど疲れた。もう消えたい", "疲れた、もう生きていたくない"):
        verdict = check.classify(text)
        assert verdict.kind is SafetyKind.CRISIS and (verdict.danger or verdict.line)


@pytest.mark.parametrize("text", ["明日は行けんのやけど", "書類まだ出しとらんがやけど", "来週行くんやけど"])
def test_the_copula_yakedo_of_western_dialects_is_not_a_burn(check, text) -> None:
    """「〜のやけど」「〜がやけど」 is 「〜のだけど」: an ordinary follow-up, not a possible 119."""
    assert check.pattern_verdict(text).kind is SafetyKind.NONE


@pytest.mark.parametrize("text", ["手をやけど", "子どもがやけど！", "熱湯でやけどした"])
def test_a_burn_is_still_a_possible_emergency(check, text) -> None:
    assert check.pattern_verdict(text).kind is SafetyKind.EMERGENCY


def _model(**danger: float) -> dict[str, float]:
    classes = ("emergency", "police_now", "police_later", "crisis", "manipulation")
    probabilities = {c: danger.get(c, 0.0) for c in classes}
    return {**probabilities, "none": 1 - sum(probabilities.values())}


def test_a_line_is_earned_by_one_danger_not_by_three_faint_ones_summed() -> None:
    """A line names one number: three faint suspicions (a short follow-up's 0.02 each) are none of them."""
    nothing = SafetyVerdict(SafetyKind.NONE)
    assert combine(nothing, _model(emergency=0.02, police_now=0.02, crisis=0.015)).kind is SafetyKind.NONE
    verdict = combine(nothing, _model(emergency=0.045))
    assert verdict.kind is SafetyKind.EMERGENCY and verdict.line


def test_button_payloads_are_never_checked(check) -> None:
    assert check.classify('/choose_faq{"faq_id": "safety-call-119"}').kind is SafetyKind.NONE


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_gets_a_verdict(check, text) -> None:
    assert check.classify(text).kind in set(SafetyKind)
