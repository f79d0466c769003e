"""A possible-danger line is one line above a kept answer — cheap for a danger missed otherwise, but on an
ordinary question it is a false 119 alarm. Ordinary messages here: the tuning splits of the labelled sets
written by writers who never saw the code (follow-ups of the conversations without a danger, near-miss and
in-scope questions, eligibility cases, a town page's questions, messages of several questions).

The dangers of the training file had been written in hiragana far more often than the ordinary questions,
so hiragana had become a sign of danger; the model now also learns every training message in its hiragana
form (faq/safety/learned.py). Measured 2026-12-07, before → after: lines on these messages 61 → 44 of
945; held-out (safety_heldout.jsonl) dangers without a number 0 → 0 of 392, given at once 278 → 299,
look-alikes with a line 201 → 177 of 830, replaced 0 → 0; ordinary held-out splits: near-misses 17 → 12 of
553, eligibility 22 → 20 of 568, conversation turns (dangers included) 148 → 107 of 1,306. Then the
western dialects' sentence-end copula 「〜のやけど／〜がやけど」 (〜のだけど) no longer read as a burn
(cues.py, branch safety5): 44 → 42; held-out dangers without a number 0, look-alikes with a line 177 → 174.
Then a line earned by the likeliest danger class at 0.04, not the three summed at 0.05 (detector.py): 42 →
32; held-out dangers without a number 0, look-alikes with a line 174 → 155. Eligibility writers 11–12's
tuning half (64 cases) added one message with a line: 33 of 1,009.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from faq.safety import SafetyCheck
from faq.safety.learned import in_hiragana, with_hiragana_forms
from faq.text import JapaneseAnalyzer

pytestmark = pytest.mark.unit
DATA = Path(__file__).parents[2] / "data"
LINES_AT_MOST = 33


def _rows(name: str) -> list[dict]:
    path = DATA / name / "tuning.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _danger_turn(turn: dict) -> bool:
    return any(number in word for group in turn.get("all", []) for word in group for number in ("119", "110"))


def ordinary_messages() -> list[str]:
    turns = [t["say"] for c in _rows("conversations") for t in c["turns"] if not _danger_turn(t)]
    sets = ("near_miss", "eligibility", "town_page", "multi_question")
    plain = [r["text"] for name in sets for r in _rows(name)]
    return turns + plain


def test_ordinary_messages_seldom_get_a_possible_danger_line() -> None:
    check = SafetyCheck()
    messages = ordinary_messages()
    lined = [text for text in messages if (verdict := check.classify(text)).line or verdict.danger]
    print(f"\n{len(lined)} of {len(messages)} ordinary messages with a line or a number")
    assert len(lined) <= LINES_AT_MOST, lined


def test_every_training_message_is_also_learned_in_hiragana() -> None:
    analyzer = JapaneseAnalyzer()
    rows = [{"text": "家が燃えてる", "label": "emergency"}, {"text": "かじです", "label": "emergency"}]
    forms = with_hiragana_forms(rows, analyzer)
    assert in_hiragana("家が燃えてる", analyzer) == "いえがもえてる"
    assert forms == [*rows, {"text": "いえがもえてる", "label": "emergency"}]  # かじです is its own form
