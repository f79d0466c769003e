"""A municipality's own entries are searched only in that municipality's conversations (issue 17): one
ranking with the national entries there, and nowhere else — whatever the query."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faq.content.corpus import parse_entry
from faq.model import Outcome
from faq.search.decision import search
from faq.search.index import SearchIndex
from faq.search.scope import visibility, visible_to
from tests.conftest import made_up_entry

pytestmark = pytest.mark.unit

WAJIMA, KAGOSHIMA = "172049", "462012"
# Made up for the test (never shipped): each town's own entry on a topic the national corpus lacks.
OWN = {
    WAJIMA: made_up_entry(
        id="test-wajima-sodai-gomi",
        category="地域づくり・地域運営",
        question="粗大ごみの出し方を教えてください",
        alternates=["粗大ごみ どうやって出す", "そだいごみ 出したい"],
        answer="テスト用の輪島市の回答です。",
        owner=f"municipality:{WAJIMA}",
    ),
    KAGOSHIMA: made_up_entry(
        id="test-kagoshima-sodai-gomi",
        category="地域づくり・地域運営",
        question="粗大ごみの出し方を教えてください",
        alternates=["粗大ごみ どうやって出す", "そだいごみ 出したい"],
        answer="テスト用の鹿児島市の回答です。",
        owner=f"municipality:{KAGOSHIMA}",
    ),
}
OWN_IDS = {code: raw["id"] for code, raw in OWN.items()}
# Residents' words: casual, hiragana, half-width kana, dialect; some about the own topic, some not.
QUERIES = [
    "粗大ごみってどうやって出すん？",
    "そだいごみ だしたい",
    "ｿﾀﾞｲｺﾞﾐ",
    "罹災証明書はどこでもらえますか",
    "応急修理の申し込みはどこ",
    "行政相談ってなに",
    "ごみ",
]


@pytest.fixture(scope="module")
def scoped_index(corpus, analyzer) -> SearchIndex:
    own = [parse_entry(raw, "test", raw["id"])[0] for raw in OWN.values()]
    entries = [e for e in corpus if e.status == "published"] + [replace(e, status="published") for e in own]
    index = SearchIndex(entries, analyzer, None)
    index.build()
    return index


def ids(index: SearchIndex, query: str, municipality: str | None, k: int = 10) -> list[str]:
    return [h.entry.id for h in search(index, query, k, municipality=municipality).hits]


@pytest.mark.parametrize("code", [WAJIMA, KAGOSHIMA])
def test_the_towns_own_entry_answers_its_residents_in_the_one_ranking(scoped_index, code) -> None:
    result = search(scoped_index, "粗大ごみってどうやって出すん？", 5, municipality=code)
    assert result.hits[0].entry.id == OWN_IDS[code] and result.outcome is Outcome.ANSWER
    # national entries are ranked with it, not replaced by it
    assert ids(scoped_index, "罹災証明書はどこでもらえますか", code)[0] == "disaster-guide-01-risai-shomeisho"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=st.one_of(st.sampled_from(QUERIES), st.text(min_size=1, max_size=40)),
    viewer=st.sampled_from([None, WAJIMA, KAGOSHIMA, "131016", "011002"]),
)
def test_an_own_entry_never_reaches_another_municipality(scoped_index, query, viewer) -> None:
    if not query.strip():
        return
    result = search(scoped_index, query, 20, municipality=viewer)
    for hit in result.hits:
        assert visible_to(hit.entry, viewer), (query, viewer, hit.entry.id)
    shown = {h.entry.id for h in result.hits}
    assert not (shown & {i for code, i in OWN_IDS.items() if code != viewer})


def test_menus_list_only_what_the_conversation_may_see(scoped_index) -> None:
    for viewer in (None, WAJIMA, KAGOSHIMA, "131016"):
        listed = {e.id for e in scoped_index.entries_for(viewer)}
        assert listed & set(OWN_IDS.values()) == ({OWN_IDS[viewer]} if viewer in OWN_IDS else set())


def test_without_municipality_entries_nothing_is_masked(lexical_index) -> None:
    # The shipped corpus has no municipality entries: the scope costs nothing and changes nothing.
    assert visibility(lexical_index.entries, WAJIMA) is None
    assert ids(lexical_index, "罹災証明書はどこでもらえますか", WAJIMA) == ids(
        lexical_index, "罹災証明書はどこでもらえますか", None
    )
