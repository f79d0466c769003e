"""Verdicts for residents' own cases, measured on cases written by writers who never saw the code (issue 27).

``tests/data/eligibility``: 960 messages, each telling the writer's own case with its numbers and asking
whether a rule applies (起業・事業承継 timing, 任期 and its extension, 副業型/シニア起業人, 企業派遣型, the
住民票 move), labelled yes / no / unknown from the sources (seed_digest.md) with the reason. Writer 1 and
about 40 % of writers 7–12 (by a hash of the text) are the tuning split the reader and the rules were
built against; writers 2–6 and the rest of 7–12 are held out and only measured (writer 2: older residents,
rural towns, small companies, long roundabout messages; writers 3 and 4 wrote while the reader was being
changed and were measured before their rows were added). Played through the FAQ action; a verdict is right
when it is the label, a contradiction when it says yes for no or no for yes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.answering import ActionAnswerFaq
from tests.actions.conftest import make_tracker

pytestmark = pytest.mark.integration
DATA = Path(__file__).resolve().parents[1] / "data" / "eligibility"


def _verdicts(split: str) -> list[tuple[str, str]]:
    """(expected, given or "none") for every case of ``split``."""
    out = []
    for line in (DATA / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        dispatcher = CollectingDispatcher()
        ActionAnswerFaq().run(dispatcher, make_tracker(row["text"]), {})
        verdicts = [
            m["custom"] for m in dispatcher.messages if (m.get("custom") or {}).get("type") == "verdict"
        ]
        out.append((row["verdict"], verdicts[0]["outcome"] if verdicts else "none"))
    return out


@pytest.mark.parametrize(
    ("split", "right_at_least", "contradictions_at_most"), [("tuning", 277, 0), ("heldout", 468, 5)]
)
def test_a_residents_case_gets_the_verdict_its_rule_gives(
    split: str, right_at_least: int, contradictions_at_most: int
) -> None:
    """Sixth round (2026-12-07, branch elig6), kinds named from the tuning split's failures only,
    with unit cases written for them (tests/faq/eligibility/test_unread_parts.py). Contradictions first: a
    moment said in months of the term (着任10か月目) beside someone else's year, someone else's year alone, a
    contract's length said in words not read (契約期間を4年に; 期間のほうは4年 is unknown, never unsaid). Then
    a contract cut short under a hedge, 任期が終わってN年目, an attempt given up, 着任してすぐ, the start and
    the business as dates, the term's end as a date and the business as a year, the 起業 window's widening
    quoted; for the 延長特例 a business against work of several industries or an industry given up, 帰って,
    そこの…継がせて, a term of months under 概ね1年; a business before the new window; company words (商社),
    a town that writes, a company in the town, a move made years ago, the life kept in the city. Tuning
    255 -> 277 of 296, contradictions 2 -> 0; held-out measured once after: 467 -> 468 of 664, 7 -> 5
    (the rows never printed).

    Writers 11 and 12 (160 cases, 2026-12-07, second session: current members and their families in 東北/北陸
    dialect and hiragana; company staff and HR for 起業人, 関西/九州, half-width and romaji) measured once as
    they came on main at `a08246f`: 101 right (49 and 52), 4 contradictions (1 and 3); split by a hash of the
    text, 64 to tuning (41 right, 2 contradictions) and 96 to held-out (59 right, 2 contradictions). Floors
    with them: tuning 255 of 296 (2 contradictions), held-out 467 of 664 (7).

    Fifth round (2026-12-07, branch elig5): a yes or no only when every reading of the case gives it —
    kinds of text written for unit tests (tests/faq/eligibility/test_uncertain.py), none taken from either
    split: a business later than the moment read (来年から), several moments said (もうすぐ2年目, 友達は…),
    a figure denied, a hedge or one period among others (移さないかも, 最初の3か月は), the main job's figures
    (本業は週5日), a figure about a bound (3年くらい), calendar years read as durations (令和5年). Tuning 214
    -> 214 of 232 (no right verdict lost to the caution), 0 -> 0 contradictions; held-out measured once
    after: 408 -> 407 of 568, 5 -> 5 contradictions (the rows never printed).

    Fourth round (2026-12-07, branch verdicts4), kinds named from the tuning split's failures only, and a
    check that every fact a yes or no needs is read from the message: a plan changed or a figure corrected
    mid-message read from what stands; a figure out of reach or a bound below (月20時間は無理, 20時間弱);
    hours said as two figures either side of the minimum (月20時間…実際は15時間, 月4日6時間) decide nothing;
    an origin denied, 退職 denied, 定年 not yet come; a condition the resident says they do not know, months
    below, a move already made (open_when); closed_when without numbers; the term over is no question of
    its length; dates and words the reader missed (2021年3月に任期終了, 3年は過ぎ, ちょうど2年, 延長の特例, a
    lengthening asked for, half-width words among kanji, 月6日30時間, 30h). Tuning 198 -> 214 of 232,
    contradictions 2 -> 0. Held-out measured twice: 408 of 568 with 8 contradictions after the first
    commits (a company's place assumed when unsaid among them), then 408 with 5 once yes/no readings that
    rested on what the message does not state were taken back (the rows never printed).

    Writers 9 and 10 (160, 2026-12-07: 9 standard with borderline numbers in kanji, 10 older residents,
    dialect and cases of someone else) measured once as they came on main at `d97f9bb`: 111 right (55 and
    56), 3 contradictions (0 and 3); split by a hash of the text, 64 to tuning and 96 to held-out. Floors
    with them: tuning 198 of 232 (2 contradictions), held-out 398 of 568 (5).

    Third round (2026-12-07, branch verdicts3), mends named from the tuning split's failures only:
    katakana read as the hiragana it stands for and hiragana verbs in kanji (UniDic's lemma); a rule
    asked about decided even when the search ranked none of its entries; a fact said as two values
    decided at both ends; a contract said by two dates, no calendar year read as years; a week's days
    in the town; a contract said to be open; years wanted restated in brackets; origins said without に;
    open_when for the move's timing and age. Tuning 128 -> 153 of 168 (contradictions 2 -> 0); held-out
    measured once after: 328 -> 331 of 472 (4 -> 4).

    Writers 7 and 8 (160; 7 standard and polite with several facts a message, 8 dialect, kana-only,
    half-width and fragments) measured once as they came: 91 right (53 and 38) and 3 contradictions. Split
    by a hash of the text, 88 went to tuning (there was nothing left to learn from: 79 of 80) and 72 to
    held-out; floors at the figures of that split before any change: tuning 128 of 168 (2 contradictions),
    held-out 328 of 472 (4).

    Before them (2026-12-07, second round): tuning 79 of 80 right, 0 contradictions;
    held-out 286 of 400 right, 3 contradictions. Writers 5 and 6 (160) were measured once on the reader as
    it stood, 110 right and 4 contradictions, then once after the mends of this round (kinds named from
    writers 2–4's contradictions: a job after the term, a rule quoted as a moment, years done read as years
    wanted, a place's days said with a verb, a week's days in the town, the home kept while commuting, the
    family's 住民票, a retired person and the 企業派遣型): 112 and 3. Writers 2–4 went 164 → 174 of 240 and
    10 → 0 contradictions, but those mends were made looking at their failures. First round: writers 3 and
    4 as they came 46 of 80 (1 contradiction) and 42 of 80 (5); before verdicts none was given; the first
    reader got 58 (tuning) and 47 (writer 2, 4 contradictions), and 33 and 30 of writers 3 and 4."""
    pairs = _verdicts(split)
    right = sum(expected == given for expected, given in pairs)
    contradictions = sum({expected, given} == {"yes", "no"} for expected, given in pairs)
    print(f"{split}: {right}/{len(pairs)} right, {contradictions} contradictions")
    assert right >= right_at_least and contradictions <= contradictions_at_most, (right, contradictions)


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("協力隊やってた者です。起業したら100万もらえるって聞いたけど、私も対象？", "任期の何年目"),
        # the 協力隊 flow's own question
        ("地方の市に住んでて、隣の過疎の村で協力隊になりたい。住民票は移すよ。", "都市部ですか"),
        ("東京の会社員です。副業型で月4日くらい手伝いますが、時間数はまだ未定。現地は月1回。", "勤務時間"),
    ],
)
def test_a_case_missing_a_fact_is_asked_for_it(text: str, asked: str) -> None:
    """「資料だけでは決められません」 for a case without the fact the rule reads, then the question that would
    decide it (the 協力隊 flow's question where it has one)."""
    dispatcher = CollectingDispatcher()
    ActionAnswerFaq().run(dispatcher, make_tracker(text), {})
    verdict = next(m for m in dispatcher.messages if (m.get("custom") or {}).get("type") == "verdict")
    assert verdict["custom"]["outcome"] == "unknown" and verdict["custom"]["asks"]
    assert asked in verdict["text"].split("判断します。")[1]


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("ﾌｸｷﾞｮｳｶﾞﾀ ﾃﾞ ﾂｷ2ﾆﾁ 10ｼﾞｶﾝ ﾀﾞｹ ｹﾞﾝﾁ ﾂｷ1 ｲｹﾙ?", "no"),  # half-width katakana throughout
        ("にんきが おわったら おおさかに もどる よてい だけど にんきを ごねんに のばせる？", "no"),  # noqa: E501 - hiragana
        ("横浜市→過疎の島 ｼﾞｭｳﾐﾝﾋｮｳ移して住む予定 ｷｮｳﾘｮｸﾀｲの対象?", "yes"),  # half-width words among kanji
        (  # the search ranks none of the rule's entries first
            "去年、群馬の山の村で「地域おこし協力隊インターン」に参加しました（隊員として委嘱はされていません）。"
            "そのご縁で村で起業することにしたのですが、インターン参加者も隊員と同じように起業の支援の対象になりますか？",
            "unknown",
        ),
    ],
)
def test_a_case_in_katakana_or_missed_by_the_search_gets_its_verdict(text: str, outcome: str) -> None:
    """A message typed in katakana is read as the hiragana it stands for (as search reads it), one in
    hiragana with its verbs in kanji (もどる → 戻る: the reader's words), and a rule
    the message asks about is decided even when the search ranked none of its entries."""
    dispatcher = CollectingDispatcher()
    ActionAnswerFaq().run(dispatcher, make_tracker(text), {})
    verdicts = [m["custom"] for m in dispatcher.messages if (m.get("custom") or {}).get("type") == "verdict"]
    assert verdicts and verdicts[0]["outcome"] == outcome, verdicts
