"""Issue 23 (5): the cache of analyses is bounded by bytes, not by a count of entries.

Each unique 1,000-character query added ~0.4-0.55 MB to a 4,096-entry lru_cache: about 2.2 GB a worker at
the cap. Now the cache keeps at most ~64 MB by a generous estimate of each analysis.
"""

from __future__ import annotations

import gc
import tracemalloc

import pytest

from faq.text.analyzer import AnalysisCache, JapaneseAnalyzer, _analyze_cached, analysis_bytes

pytestmark = pytest.mark.slow

BASE = (
    "罹災証明書は、住家の被害の程度を市町村が調査して証明するものです。申請は市町村の窓口で受け付けて"
    "おり、郵送やオンラインで申請できる自治体もあります。地域おこし協力隊の任期はおおむね一年以上三年以下です。"
)


def _unique_texts(count: int, chars: int) -> list[str]:
    """Different texts of ``chars`` characters, each with its own number in it."""
    body = BASE * (chars // len(BASE) + 1)
    return [(f"{n}番目の質問。" + body)[:chars] for n in range(count)]


def test_unique_long_queries_do_not_grow_memory_without_bound() -> None:
    analyzer = JapaneseAnalyzer()
    analyzer.analyze("準備")
    _analyze_cached.cache_clear()
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for text in _unique_texts(300, 1000):
            analyzer.analyze(text)
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
        _analyze_cached.cache_clear()
    assert grown < 72 * 1024 * 1024, f"{grown / 2**20:.0f} MB kept"  # was ~110 MB for 300 queries


@pytest.mark.parametrize(
    "text",
    [
        BASE * 8,
        "りさいしょうめいってどこでもらうの" * 20,
        "hello world 123 " * 40,
        "1234567890" * 50,
        "！？。、…" * 100,
        "😀" * 300,
    ],
    ids=["kanji", "kana", "ascii", "digits", "punctuation", "emoji"],
)
def test_the_estimate_of_an_analysis_is_not_below_its_memory(text: str) -> None:
    analyzer = JapaneseAnalyzer()
    analyzer._analyze("準備 hello 123")
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        analysis = analyzer._analyze(text)
        gc.collect()
        measured = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert analysis_bytes(analysis) >= measured


def test_the_cache_evicts_the_least_recently_used_and_skips_long_texts() -> None:
    analyzer = JapaneseAnalyzer()
    short = _unique_texts(3, 100)
    one = analysis_bytes(analyzer._analyze(short[0])) + 2 * len(short[0])
    cache = AnalysisCache(max_bytes=int(one * 2.5), max_chars=200)
    first = cache(analyzer, short[0])
    cache(analyzer, short[1])
    assert cache(analyzer, short[0]) is first  # a hit, now the most recent
    cache(analyzer, short[2])  # over the budget: short[1] goes
    assert len(cache) == 2 and cache.bytes <= cache.max_bytes
    assert cache(analyzer, short[0]) is first
    long_text = _unique_texts(1, 300)[0]
    cache(analyzer, long_text)
    assert len(cache) == 2  # texts over max_chars are analysed, not kept
