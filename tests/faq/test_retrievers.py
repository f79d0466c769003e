"""One set of checks that every retrieval mode passes (lexical-only, dense-only, hybrid)."""

from __future__ import annotations

import pytest

from faq.model import Outcome
from faq.search.decision import rank as rank_by
from faq.search.index import SearchIndex
from faq.search.query_signals import query_signals
from faq.search.ranking import MODES

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module", params=MODES)
def ranker(request, built_service):
    index: SearchIndex = built_service.index
    mode = request.param

    def rank(query: str, k: int = 5):
        return rank_by(index, query_signals(index, query), k, mode)[0]

    return rank


def test_a_canonical_question_finds_its_entry(ranker, built_service) -> None:
    entries = built_service.index.entries[::25]
    found = sum(ranker(e.question, 3)[0].entry.id == e.id for e in entries)
    assert found >= 0.9 * len(entries)


def test_scores_are_sorted_and_k_is_respected(ranker) -> None:
    hits = ranker("協力隊の任期", 4)
    assert 1 <= len(hits) <= 4
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert len({h.entry.id for h in hits}) == len(hits)


def test_ranking_is_deterministic(ranker) -> None:
    first = [h.entry.id for h in ranker("罹災証明書はどこでもらえますか", 5)]
    assert first == [h.entry.id for h in ranker("罹災証明書はどこでもらえますか", 5)]


def test_nothing_to_match_gives_no_hits(ranker) -> None:
    assert ranker("！？…", 5) == []


def test_search_result_carries_source_and_outcome(built_service) -> None:
    result = built_service.search("りさいしょうめいってどこでもらうの", 3)
    assert result.outcome in (Outcome.ANSWER, Outcome.CLARIFY)
    assert "罹災" in result.hits[0].entry.question
    assert result.hits[0].entry.source.ref
    assert result.revision == built_service.index.revision


@pytest.mark.parametrize(
    ("query", "expected_word"),
    [
        ("ｷｸﾐﾐってなに", "きくみみ"),  # half-width katakana
        ("きょうりょくたいのにんきはなんねん", "任期"),  # hiragana only
        ("協力体の任期って何年？", "任期"),  # misspelling
        ("ふるさとわーほりって何日くらい", "ワーキングホリデー"),
    ],
)
def test_resident_spellings_reach_the_right_topic(built_service, query: str, expected_word: str) -> None:
    top = built_service.search(query, 3).hits[0].entry
    assert expected_word in top.question + top.answer


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("地域起こし協力体の任期", "地域おこし協力隊の任期"),
        ("ｷｸﾐﾐ大阪の電話番号", "きくみみ大阪の電話番号"),
        ("り災証明書はどこで", "罹災証明書はどこで"),
        ("ガボットって夜でも使える？", "Govbotって夜でも使える？"),
    ],
)
def test_spelling_variants_rank_exactly_like_the_standard_spelling(
    built_service, typed: str, meant: str
) -> None:
    ranked = [h.entry.id for h in built_service.search(typed, 5).hits]
    assert ranked == [h.entry.id for h in built_service.search(meant, 5).hits]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("ｷｮｳﾘｮｸﾀｲの任期は?", "協力隊の任期は?"),
        ("ギョウセイソウダンイインって何", "行政相談委員って何"),
        ("ｼｭｳﾗｸｼｴﾝｲﾝの特交", "集落支援員の特交"),
        ("ﾋｻｲｼｬｾｲｶﾂｻｲｹﾝｼｴﾝｷﾝはいくら", "被災者生活再建支援金はいくら"),
        ("いじゅう そうだん まどぐち の じゅうしょ", "移住 相談 窓口 の 住所"),
        ("行政想談委員って誰が任命してるの？", "行政相談委員って誰が任命してるの？"),
    ],
)
def test_kana_typed_and_mis_converted_words_are_answered_like_kanji(
    built_service, typed: str, meant: str
) -> None:
    typed_result, meant_result = built_service.search(typed, 3), built_service.search(meant, 3)
    assert typed_result.hits[0].entry.id == meant_result.hits[0].entry.id
    assert typed_result.outcome == meant_result.outcome
    assert typed_result.confidence == pytest.approx(meant_result.confidence, abs=0.05)
