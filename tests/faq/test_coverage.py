"""Coverage before an answer (issue 27): a question that asks a kind of fact its nearest entry does not state
is not answered from that entry.

``tests/data/near_miss``: questions next to the sources' topics that the sources do not answer, beside
answerable ones in the same styles, by four writers who never saw the code. ``tuning`` (writers 1–2, split
by a hash) is what the table of question words was checked against; ``heldout`` (the rest of writers 1–2,
and all of writers 3–4, who wrote after the mechanism was built) is only measured. Measured 2026-12-07 on
the index `make data` builds, before → after: held-out near-misses answered from an entry 101 → 78 of 166
(writers 1–2) and 89 → 58 of 140 (writers 3–4); in-scope questions of those sets answered 65 → 65 of 67
and 57 → 56 of 60; `faq_queries.jsonl` in-scope answered 247/258 (dev) and 270/282 (test), as before.
With key terms before an answer (faq/search/key_terms.py, chosen on the tuning split and the dev queries),
measured the same day in one run: held-out near-misses answered 78 → 61 of 166 and 58 → 45 of 140; their
in-scope questions 65 → 65 of 67 and 56 → 54 of 60; the labelled in-scope queries answered right 504 → 500
of 540 (0.74 points).
Writers 11–12 (200 rows, written 2026-12-07 after all of the above, measured once as they came on main at
`d97f9bb`: near-misses answered 68 of 140, in-scope 48 of 60) were split by a hash of the text, 40 % to
``tuning``; their held-out part: near-misses answered 40 of 84, in-scope 31 of 36.
A margin gate on words no entry uses (branch nearmiss4: held-out near-misses 146 -> 141 of 390) was merged
and taken back the same day: it cost the several-question messages 3 held-out questions of 249 (0.695 ->
0.683, over one point) and the town page one held-out answer.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from faq.model import Outcome
from faq.search.coverage import AskedFacts, asked_facts

DATA = Path(__file__).resolve().parents[1] / "data"
BATCHES = {1: "1-2", 2: "1-2", 3: "3-4", 4: "3-4", 11: "11-12", 12: "11-12"}  # writers by when they wrote


def _kinds(analyzer, text: str) -> list[tuple[str, ...]]:
    return [fact.kinds for fact in asked_facts().asked_in(analyzer.analyze(text))]


@pytest.mark.unit
@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("災害援護資金の金利って何％？", [("rate",)]),
        ("罹災証明って申請してから何日で出るの", [("days",)]),
        ("なんにちで でるの", [("days",)]),  # kana only
        ("行政相談委員の活動費って月なんぼくらい出るん？", [("amount",)]),  # 関西
        ("手数料いくら？", [("amount",)]),
        ("ふるさと住民アプリ、いつからダウンロードできるんですか", [("when",)]),
        ("何時まで受け付けてる？", [("hours",)]),  # 何 + 時
        ("大雨の件で電話相談したい、何時まで受け付けてる？", [("hours", "when")]),  # 何時: なんじ or いつ
        ("相談は何時から何時まで受け付けてますか", [("hours", "when")]),  # asked once
        ("定例相談所って何曜日にやってる？", [("weekday",)]),
        ("協力隊インターンって何日間？参加費いくら？", [("days",), ("amount",)]),
    ],
)
def test_the_question_word_says_what_is_asked(analyzer, text: str, kinds: list) -> None:
    assert _kinds(analyzer, text) == kinds


@pytest.mark.unit
@pytest.mark.parametrize(
    "text",
    [
        "ふるさと住民登録するとなんかいいことある？",  # なんか + いい, not 何回
        "罹災証明書はどこでもらえますか",
        "何を持っていけばいいですか",
        "いつも電話がつながらない",
    ],
)
def test_questions_without_a_number_asked_ask_none(analyzer, text: str) -> None:
    assert _kinds(analyzer, text) == []


@pytest.mark.unit
@pytest.mark.parametrize(
    ("answer", "kind", "carried"),
    [
        ("上限は200万円です。", "amount", True),
        ("参加は無料です。", "amount", True),
        ("受付は8:30〜17:15です。", "hours", True),
        ("平日の午前中に開いています。", "weekday", True),
        ("対象は任期2年目から任期終了後3年以内の起業です。", "years", True),
        ("市町村の窓口で申請します。", "amount", False),
        ("市町村の窓口で申請します。", "days", False),
        ("災害援護資金の貸付があります。", "rate", False),
    ],
)
def test_an_answer_carries_a_kind_by_a_number_with_its_counter_or_a_word(
    analyzer, answer: str, kind: str, carried: bool
) -> None:
    assert (kind in asked_facts().carried_by(analyzer.analyze(answer))) is carried


@pytest.mark.unit
def test_a_table_naming_an_undefined_kind_is_refused(tmp_path) -> None:
    table = tmp_path / "asked_facts.yml"
    table.write_text("counters:\n  日: {kind: days}\nkinds: {}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="days"):
        AskedFacts.load(table)


@pytest.mark.integration
def test_a_near_miss_is_not_answered_from_its_nearest_entry(built_service) -> None:
    result = built_service.search("災害援護資金の金利って何％？", 3)
    assert result.outcome is not Outcome.ANSWER
    assert [fact.label for fact in result.uncovered] == ["割合"]


@pytest.mark.integration
def test_of_two_close_entries_the_one_that_says_what_is_asked_answers(built_service) -> None:
    result = built_service.search("移住・交流情報ガーデン 東京駅から何分", 3)
    assert result.outcome is Outcome.ANSWER and not result.uncovered
    assert "分" in result.hits[0].entry.answer


def _answered(service, split: str) -> dict[tuple[str, str], list[int]]:
    counts: dict[tuple[str, str], list[int]] = {}
    for line in (DATA / "near_miss" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        answered = service.search(row["text"], 3).outcome is Outcome.ANSWER
        tally = counts.setdefault((row["label"], BATCHES[row["writer"]]), [0, 0])
        tally[0] += answered
        tally[1] += 1
    return counts


@pytest.mark.integration
def test_near_misses_written_by_others_are_seldom_answered_from_an_entry(built_service) -> None:
    """Ceilings and floors at the figures of the docstring; not issue 27's 5 % (see README, known limits)."""
    counts = _answered(built_service, "heldout")
    print(counts)
    near_miss = {batch: counts[("near_miss", batch)][0] for batch in ("1-2", "3-4", "11-12")}
    # 61/45/40 → 55/38/36: a key term the question points at (で/から/でも before a predicate, …ある/ない)
    # counts whatever its share (faq/search/key_terms.py `pointed`, 2026-12-07)
    assert near_miss["1-2"] <= 55 and near_miss["3-4"] <= 38 and near_miss["11-12"] <= 36, near_miss
    # 56 → 54: residents' own words for an entry's thing (スマホ苦手, 日本語が苦手) read as uncovered terms
    in_scope = {batch: counts[("in_scope", batch)][0] for batch in ("1-2", "3-4", "11-12")}
    # 65/54/31 → 64/54/30 with the pointed terms: one in-scope question per batch becomes もしかして
    assert in_scope["1-2"] >= 64 and in_scope["3-4"] >= 54 and in_scope["11-12"] >= 30, in_scope


@pytest.mark.integration
def test_answerable_questions_keep_their_answers(built_service) -> None:
    """The labelled in-scope queries lose at most one point of answered to the coverage checks."""
    answered = total = 0
    for line in (DATA / "faq_queries.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["expected"]:
            result = built_service.search(row["query"], 3)
            answered += result.outcome is Outcome.ANSWER and result.hits[0].entry.id in row["expected"]
            total += 1
    # 504 of 540 answered right before the key-term check, 500 after (-0.74 points; 2026-12-07): paraphrases
    # whose own words the entry lacks (地元の特産品 for 地域産品, 最短 for a period) become もしかして
    # 500 → 497 (-0.56 points) with the pointed terms (2026-12-07), for 17 fewer held-out near-misses answered
    assert answered >= 497, (answered, total)
