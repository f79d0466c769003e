"""The safety check on messages it was never tuned on (issue 25).

``tests/data/safety_heldout.jsonl``: 1,263 messages by five writers who never saw the code (東北・北海道,
北陸・関西, 九州・沖縄・中国四国, standard/kana/half-width/emoji; writer 9, added later, long disaster
messages with the danger buried in the middle, measured once as it came), split off before any pattern,
threshold or training run saw them. Labels: ``emergency`` (119), ``police_now`` (110), ``crisis`` (the lines),
``police_later`` (the police, not urgent) and ``lookalike`` (past events, idioms, quotes, questions about
the numbers, things not people, dialect endings). The figures asserted are the ones the README reports.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from faq.safety import SafetyCheck, SafetyKind

pytestmark = pytest.mark.unit
HELD_OUT = Path(__file__).parents[2] / "data" / "safety_heldout.jsonl"
NOW = {"emergency": SafetyKind.EMERGENCY, "police_now": SafetyKind.POLICE, "crisis": SafetyKind.CRISIS}


@pytest.fixture(scope="module")
def judged() -> list[tuple[dict, object]]:
    check = SafetyCheck()
    rows = [json.loads(line) for line in HELD_OUT.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(row, check.classify(row["text"])) for row in rows]


def test_the_held_out_set_is_large_enough(judged) -> None:
    labels = Counter(row["label"] for row, _ in judged)
    assert sum(labels[k] for k in NOW) + labels["police_later"] >= 300 and labels["lookalike"] >= 600
    assert len({row["region"] for row, _ in judged}) >= 6


def test_every_danger_gets_a_number_and_false_alarms_rarely_replace_an_answer(judged) -> None:
    missed = [row["text"] for row, v in judged if row["label"] in NOW and not (v.danger or v.line)]
    dangers = sum(1 for row, _ in judged if row["label"] in NOW)
    look = [(row, v) for row, v in judged if row["label"] == "lookalike"]
    replaced = [row["text"] for row, v in look if v.danger]
    lines = sum(1 for _, v in look if v.line)
    certain = sum(1 for row, v in judged if row["label"] in NOW and v.danger)
    print(f"\nheld-out: {dangers} dangers, missed {len(missed)}, certain {certain}; "
          f"{len(look)} look-alikes, replaced {len(replaced)}, line {lines}")
    assert not missed, missed
    assert len(replaced) / len(look) <= 0.005, replaced


def test_a_police_matter_found_later_points_to_the_police(judged) -> None:
    later = [(row, v) for row, v in judged if row["label"] == "police_later"]
    police = (SafetyKind.POLICE, SafetyKind.POLICE_LATER)
    pointed = [v for _, v in later if v.kind in police and (v.line or v.danger)]
    assert len(pointed) >= 0.6 * len(later), len(pointed)
