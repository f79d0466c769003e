"""Conversations of 3–5 turns with follow-ups, written by writers who never saw the code, over the REST
channel (issue 26: answer in context). ``tests/data/conversations`` says how they were written and judged.

A turn is right when every group of its ``all`` words is in the reply and none of its ``none`` words is; a
turn the sources do not answer (``unknown``) is right when the reply says so instead of answering from a
nearby fact. Measured 2026-12-07 (this test's server): on main tuning 92 of 142 turns right, held-out 132 of
237; with the follow-up mechanisms of issue 26 item 1 (README, "Follow-ups read with the conversation")
tuning 101, held-out 155 (65 %). Writers 3 and 4 (200 conversations, 776 turns, written after those
mechanisms) are held out whole: measured once before the follow-up branch was merged, 448 of 776 (58 %),
and once after, 482 (62 %). The whole held-out split: 637 of 1013 (63 %). Then the key-terms check of
issue 27 (a question whose key nouns the entry lacks gets もしかして) cost 17 held-out turns: 620 of 1013
(61 %; writers 3–4 472), tuning 101 → 103 — far from issue 26's 95 %. Then the dialogue state kept past a
もしかして, a fact the last entry lacks taken from a sibling entry, and a centre's own hours after its card
(README, "Follow-ups read with the conversation"): tuning 106, held-out 633 (62 %), 2026-12-07. The floors
keep what is reached.

Writers 5 (輪島市's page, the page's town sent with each turn) and 6 (national page, mixed kinds), measured
once as they came: 119 of 231 and 166 of 246 (tests/data/conversations/README.md), then split like writers
1–2. With them, the sibling-entry follow-ups and the page's town in the decision (2026-12-07): tuning 213 of
326, held-out 830 of 1306 (64 %); with disaster needs read in their kana readings and every need of a
message on its damage list (tests/data/disaster_needs): tuning 216, held-out 839. With a follow-up's search
carrying the resident's own words as its query (one question, one answer: no second entry read from the
subject joined to it; branch context3, 2026-12-07): tuning 216, held-out 838 — one held-out turn fewer, a
floor lowered on purpose for the lead to weigh against the duplicate it removes. With a possible 119 / 110
line keeping the honest no-answer below it and fewer lines on ordinary follow-ups (branch safety5,
2026-12-07): tuning 222, held-out 851. With follow-ups read with the entry last answered (its words filter
the subject; a fact it carries answers from it; branch conv5, measured alone on 82562c1): tuning 221 → 227,
held-out 846 → 852."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from tests.server import text_of

pytestmark = [pytest.mark.integration, pytest.mark.slow]
DATA = Path(__file__).resolve().parents[1] / "data" / "conversations"
# What a reply that does not answer from the sources says (no answer, もしかして, not covered, no verdict).
HONEST = (
    "見つかりませんでした", "書かれていません", "記載がありません", "記載はありません",
    "もしかして", "決められません",
)  # fmt: skip


def _folded(text: str) -> str:
    """Numbers and words compared without spaces, hyphens or brackets (082(222)1100 = 082-222-1100)."""
    return re.sub(r"[\s\-ー－()（）]", "", unicodedata.normalize("NFKC", text))


def _right(turn: dict, reply: list[dict]) -> bool:
    text = text_of(reply)
    folded = _folded(text)
    if any(_folded(word) in folded for word in turn.get("none", [])):
        return False
    if turn.get("unknown"):
        types = {(m.get("custom") or {}).get("type") for m in reply}
        return any(h in text for h in HONEST) or bool(types & {"no_answer", "clarify"})
    return all(any(_folded(word) in folded for word in group) for group in turn.get("all", []))


def _played(server, split: str) -> tuple[int, int]:
    right = total = 0
    for line in (DATA / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
        conversation = json.loads(line)
        sender = f"test-conversation-{split}-{conversation['id']}"
        # A conversation on a town's page (「municipality」: 172049 for 輪島市) sends every turn as the widget
        # there does, with REST metadata {"municipality": ...}; the others as the national page, with none.
        page = conversation.get("municipality")
        metadata = {"municipality": str(page)} if page else None
        for turn in conversation["turns"]:
            right += _right(turn, server.say(sender, turn["say"], metadata=metadata))
            total += 1
    return right, total


@pytest.mark.parametrize(("split", "right_at_least"), [("tuning", 227), ("heldout", 852)])
def test_conversations_written_by_others_are_answered_in_context(
    server, split: str, right_at_least: int
) -> None:
    """With key terms before an answer (faq/search/key_terms.py, 2026-12-07, on main with the follow-up
    mechanisms): tuning 101 → 103 of 142 (turns the sources do not answer now get もしかして), held-out
    155 → 148 of 237 (turns in the resident's own words, which the entry lacks, get もしかして instead of
    the entry). Before the follow-up mechanisms it was 91 → 94 and 130 → 126. Then (issue 26, same session)
    the subject kept past a もしかして, siblings for a fact the entry lacks, a centre's own hours: tuning
    103 → 106, held-out 620 → 633 of 1013."""
    right, total = _played(server, split)
    print(f"{split}: {right}/{total} turns right")
    assert right >= right_at_least, (right, total)
