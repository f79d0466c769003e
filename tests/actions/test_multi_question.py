"""Messages that ask two or three things, measured on a set written the way residents type (issue 26).

``tests/data/multi_question``: 240 messages written from the sources only (the writer never saw the code;
one writer session with three slants — disaster and 能登, younger residents and 移住, older residents and
行政相談), each question labelled afterwards from the entries with what answers it (``expect``: an entry,
a きくみみ card, or nothing when the sources do not say). ``tuning`` is what the splitting was built
against; ``heldout`` is only measured. A question counts as right when one of its expected answers is
among the turn's replies; a card for a centre no question of the message expects is a wrong centre.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.answering import ActionAnswerFaq
from tests.actions.conftest import answers_given, make_tracker

pytestmark = pytest.mark.integration
DATA = Path(__file__).resolve().parents[1] / "data" / "multi_question"


def _score(split: str) -> tuple[float, int, list[str]]:
    """(share of answerable questions answered right, messages with a wrong centre, those messages)."""
    rows = [json.loads(line) for line in (DATA / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()]
    answerable = right = 0
    wrong_centre: list[str] = []
    for row in rows:
        dispatcher = CollectingDispatcher()
        ActionAnswerFaq().run(dispatcher, make_tracker(row["text"]), {})
        given = set(answers_given(dispatcher))
        expected = {answer for q in row["questions"] for answer in q["expect"]}
        for question in row["questions"]:
            if question["expect"]:
                answerable += 1
                right += bool(given & set(question["expect"]))
        if any(g.startswith("card:") and g not in expected for g in given):
            wrong_centre.append(row["text"])
    return right / answerable, len(wrong_centre), wrong_centre


@pytest.mark.parametrize(
    ("split", "right_at_least", "wrong_centres_at_most"), [("tuning", 0.818, 0), ("heldout", 0.714, 3)]
)
def test_each_question_of_a_message_is_answered(
    split: str, right_at_least: float, wrong_centres_at_most: int
) -> None:
    """Floors at the measured figures (2026-12-07): tuning 136/182 questions right, held-out 176/249 (71 %);
    answering the whole message as one question, as before, got 91/182 and 124/249 (50 %). Messages with a
    centre nobody asked for: tuning 1, held-out 2 (3 before). A part that asks nothing is context, never
    answered on its own (「大阪市に住んでるけど京都府のほうが近いねん。行政相談の窓口どこ？」).
    Key terms before an answer (faq/search/key_terms.py, 2026-12-07, before → after in one run) cost
    tuning 135 → 134 of 182 and held-out 175 → 168 of 249 (67 %), and one more held-out message with a
    centre nobody asked for (2 → 3): a message searched whole has its second question's terms unmatched by
    the first one's entry (「…何階にありますか。郵便番号も教えてください。」), or tells a story around its
    question (母, 親戚), and gets もしかして instead of the entry.
    Issue 26 item 2 (2026-12-07, main → branch in one session): tuning 134 → 143 of 182, wrong centres
    1 → 0; held-out 169 → 173 of 249 (69 %), wrong centres 3 → 3. The tuning failures sorted by mechanism:
    行政相談 as the first half of another noun (特別行政相談所) asked for a card (the one tuning wrong
    centre); a part ending in a kana noun, 「わからん」 or a dialect question mark was not taken as asking;
    a question leaving out its subject (「期間は？」) is now read with the question before it
    (actions/question_before.py).
    Issue 26, every question answered (branch multi6, 2026-12-07, on main 26f4ec3, before → after):
    tuning 143 → 149 of 182 (151 on a884ebf), wrong centres 0 → 0; held-out at the end 172 → 178 of 249
    (69.1 → 71.5 %), wrong centres 3 → 3. Mechanisms: 「…知りたいです」「教えてほしいです」 ask (they were
    taken as telling and dropped); a list of three shares the predicate after its last noun with its
    question word (「罹災証明書と応急修理と支援金、ぜんぶどこで…」); 〜て、 after a question word ends a
    question (「誰がつくってて、…誰が書いてて、どうやって…」); a space after 〜のかと is a comma; the subject
    is carried along the questions as a conversation carries it, and a question that found nothing leaves
    the one before as the context; the answer found with a sibling must be confident and meet the
    question's own key terms; a story told first is the context of the question after it (never
    answered itself); a part naming one of a damage message's needs gets the entry written for it, and
    only the list's own buttons are not answered twice; 「和歌山のセンターの住所」 after a carded
    「奈良の行政相談センターの電話」 asks for a card.
    Not mended yet: kana written word by word where fugashi cuts the nouns apart
    (「さいがいえんごしきんと…」), a neighbouring entry of the same topic ranked first (ふるさと住民登録の
    what-is against its app or start-date entries), a place's row in a list entry that does not name the
    place (特別行政相談所 in 八丈町, 佐賀関), and questions whose own words the search misses."""
    share, wrong, texts = _score(split)
    print(f"{split}: {share:.3f} of answerable questions right, {wrong} messages with a wrong centre")
    assert share >= right_at_least, share
    assert wrong <= wrong_centres_at_most, texts
