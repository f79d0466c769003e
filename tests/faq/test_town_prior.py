"""The page's town is used to understand (issue 26): on 輪島市's page a question that does not name the town
(「相談所ってどこにあるがや」) is read with it — entries about the town weigh more in the one ranking, and the
town's entry that clearly leads is answered though the calibrator is unsure of dialect words
(faq/search/town.py) — while national questions asked on that page keep their answers and near-misses asked
on it are answered no more often.

``tests/data/town_page``: messages written by two writers who never saw the code (能登弁 and standard, kana,
half-width), each labelled with the 輪島 entry that answers it; ``tuning`` chose ``TOWN_PRIOR``, ``OWN_LEAD``
and ``OTHERS_LEAD``, ``heldout`` is what is reported (2026-12-07, TOWN_PRIOR 0.4: top-1 65 → 92 of 138,
answered with the right entry 50 → 62, answered wrong 18 → 11; the dev national questions on the page lose
none. 2026-12-07, the town in the decision: answered right 61 → 70 of 138, tuning 35 → 45 of 102; answered
wrong 10 → 11, tuning 11 → 12; near-miss tuning answered on the page 32 of 94 with and without the town).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration
DATA = Path(__file__).resolve().parents[1] / "data"
WAJIMA, TOWN = "172049", ("輪島市", "輪島")


def _rows(name: str) -> list[dict]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _top1(service, rows: list[tuple[str, list[str]]], town: tuple[str, ...]) -> tuple[int, int]:
    """(right at the top, answered with the right entry)."""
    top, answered, _ = _counts(service, rows, town)
    return top, answered


def _counts(service, rows: list[tuple[str, list[str]]], town: tuple[str, ...]) -> tuple[int, int, int]:
    """(right at the top, answered with the right entry, answered with a wrong one)."""
    top = answered = wrong = 0
    for query, expected in rows:
        result = service.search(query, 3, municipality=WAJIMA, town=town)
        right = bool(result.hits) and result.hits[0].entry.id in expected
        top += right
        answered += right and result.outcome.value == "answer"
        wrong += not right and result.outcome.value == "answer"
    return top, answered, wrong


def test_on_the_towns_page_its_entries_come_first_where_they_fit(built_service) -> None:
    rows = [(r["text"], r["expected"]) for r in _rows("town_page/heldout.jsonl")]
    without, without_answered = _top1(built_service, rows, ())
    with_town, with_answered = _top1(built_service, rows, TOWN)
    assert with_town >= without + len(rows) // 5, (without, with_town)
    assert with_answered > without_answered


def test_national_questions_on_the_towns_page_keep_their_answers(built_service) -> None:
    rows = [(r["query"], r["expected"]) for r in _rows("faq_queries.jsonl") if r["expected"]]
    _, without = _top1(built_service, rows, ())
    _, with_town = _top1(built_service, rows, TOWN)
    assert with_town >= without - len(rows) // 100, (without, with_town)  # at most one point lower


@pytest.mark.parametrize(
    ("split", "top", "answered", "wrong"),
    # measured 2026-12-07 (the predicate check of branch nearmiss2, which would cost one held-out answer, was
    # not merged: it missed its own budget)
    # Then (2026-12-07) the rule of the last test below moved one held-out top hit: (92, 70, 11); tuning
    # unchanged (no tuning row names a place elsewhere).
    # Then the pointed key terms (faq/search/key_terms.py) made one held-out town answer もしかして:
    # (92, 69, 11).
    [("tuning", 61, 45, 12), ("heldout", 92, 69, 11)],
)
def test_the_towns_own_entry_is_answered_not_offered(built_service, split, top, answered, wrong) -> None:
    """「合同相談所っていつあるがけ？」 on 輪島's page gets 輪島's entry as the answer, not もしかして: the
    page says which town is meant where dialect words leave the calibrator unsure (35 of 102 tuning rows
    were answered right before the town counted in the decision)."""
    rows = [(r["text"], r["expected"]) for r in _rows(f"town_page/{split}.jsonl")]
    measured = _counts(built_service, rows, TOWN)
    assert measured[0] >= top and measured[1] >= answered and measured[2] <= wrong, measured


def test_the_page_never_turns_a_near_miss_into_an_answer(built_service) -> None:
    """Near-misses (questions the sources do not answer, 「輪島の相談会に手話通訳の人おられますか」) asked on
    輪島's page are answered no more often with the page's town than without it."""
    rows = [r["text"] for r in _rows("near_miss/tuning.jsonl") if r["label"] == "near_miss"]

    def answered(town: tuple[str, ...]) -> int:
        results = [built_service.search(text, 3, municipality=WAJIMA, town=town) for text in rows]
        return sum(result.outcome.value == "answer" for result in results)

    assert answered(TOWN) <= answered(())


@pytest.mark.parametrize("text", ["きくみみ大分って予約いるの？", "きくみみ ふくおか よやく ひつよう？"])
def test_a_question_about_a_place_elsewhere_gets_no_town_prior(built_service, text: str) -> None:
    """On 輪島's page a question naming another town's centre, in kanji or kana, is not answered from 輪島's
    予約 entry: the page's prior holds only where the question names no place the town's entries lack."""
    result = built_service.search(text, 3, municipality=WAJIMA, town=TOWN)
    assert result.outcome.value != "answer", (result.outcome, result.hits[0].entry.id)
