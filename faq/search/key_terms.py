"""Key terms of a question that the chosen entry has no counterpart for (issue 27, coverage before an answer).

A near-miss often names the entry's topic and one thing more that the sources never mention:
「輪島の相談会に手話通訳の人おられますか」 ranks the 輪島 consultation entry first, and nothing in it says
手話 or 通訳. The key terms are the question's nouns — read by fugashi, without question words, numbers,
counters, place names or nouns that work as adverbs (今, 自分の「うち」), which a resident adds to anything —
each weighed by its IDF over the entries, so a rare word weighs more than 制度 and a word no entry uses
weighs most. A term is matched when the entry's question, paraphrases or answer has it as a word, has its
spelling inside a longer word (罹災 in 罹災証明書), or has its reading (再発光 typed for 再発行). The
uncovered share is the weight of the unmatched terms over the weight of all of them.

A term the question points at weighs more than its share: a noun that is the means, place or person
of the question's predicate (「コンビニで取れる？」「LINEでできる？」「高校生でも参加できる？」
「マイナポータルから申請」) or the thing whose being there is asked (「託児とかある？」). When the entry
has no counterpart for such a term, it speaks of the topic and not of the thing asked, however small
the term's share. A noun before で that does not lead straight to the predicate is the resident's
circumstance (「台風で家が…」), not the point.

An ordinal names which one is meant (第10回, 第6版): an entry that does not mention it (it is about 第9回)
answers about another one, however close the rest of the question is.

>>> terms = EntryTerms(index.analyzer, index.lexical.word_weights)           # doctest: +SKIP
>>> terms.unmatched("輪島の相談会に手話通訳の人おられますか", entry).terms        # doctest: +SKIP
('手話', '通訳')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from faq.model import FaqEntry, Outcome
from faq.search.coverage import WHAT, asked_facts
from faq.text.analyzer import STOP_LEMMAS, JapaneseAnalyzer
from faq.text.normalize import normalize

# UniDic's second and third levels of a noun that mark it as no key term: a number, a place (the town is the
# resident's, not the question's), a noun used as an adverb (今, 近く, うち) or as a counter (月, 年間 — the
# numbers asked for are read by faq.search.coverage).
NOT_KEY_POS2 = frozenset({"固有名詞", "数詞"})
NOT_KEY_POS3 = frozenset({"副詞可能", "助数詞可能"})
# An answer whose entry has no counterpart for this share of the question's key terms (by IDF) becomes
# もしかして, unless the ranking is this sure of it: both chosen on the tuning split of
# tests/data/near_miss and the dev queries of faq_queries.jsonl (2026-12-07).
UNMATCHED_SHARE = 0.6
KEEP_CONFIDENCE = 0.8
MIN_READING = 2  # a reading shorter than this (ハ, カ) would be found in any entry
ORDINAL = "第"
# Grammar of a pointed term: the case particles that mark a means, place or person (で, から; でも is
# で + も or one word), the predicate's parts that may follow within POINT_REACH words, and the lemmas of
# 「ある」「ない」 that ask whether a thing is there (with とか, って, は, が or も between).
POINTING_PARTICLES = frozenset({"で", "から", "でも"})
PREDICATE_POS1 = frozenset({"動詞", "形容詞"})
POINT_REACH = 2
BEING_THERE = frozenset({"有る", "無い"})
ASKING_POS1 = frozenset({"代名詞", "連体詞", "副詞"})  # 何, どの／どんな, どう(いう)
BEFORE_BEING_THERE = frozenset({"とか", "と", "か", "って", "は", "が", "も"})
_DIGITS = re.compile(r"^[0-9.]+$")

WordWeights = Callable[[Sequence[str]], dict[str, tuple[float, bool]]]


@dataclass(frozen=True)
class Unmatched:
    """The question's key terms the entry has no counterpart for, and their share of the terms' weight."""

    terms: tuple[str, ...]
    share: float


@dataclass(frozen=True)
class _EntryText:
    """What of an entry a term can be matched against: its words, its text and its reading."""

    words: frozenset[str]
    text: str
    reading: str


class EntryTerms:
    """Reads a question's key terms and matches them against one entry; an entry is read once."""

    def __init__(self, analyzer: JapaneseAnalyzer, word_weights: WordWeights) -> None:
        self.analyzer = analyzer
        self.word_weights = word_weights
        self._entries: dict[str, _EntryText] = {}

    def key_terms(self, query: str) -> list[tuple[str, str, str]]:
        """(surface, lemma, reading) of each key noun of ``query``, first occurrence of each lemma."""
        found: dict[str, tuple[str, str, str]] = {}
        for word in self.analyzer.tagger(normalize(query)):
            feature = word.feature
            if getattr(feature, "pos1", "") != "名詞":
                continue
            if feature.pos2 in NOT_KEY_POS2 or feature.pos3 in NOT_KEY_POS3:
                continue
            lemma = ((getattr(feature, "lemma", None) or word.surface).split("-")[0]) or word.surface
            lemma = normalize(lemma) or lemma
            if lemma in STOP_LEMMAS or lemma.isdigit() or lemma in found or _asks(lemma):
                continue
            found[lemma] = (word.surface, lemma, getattr(feature, "kana", None) or "")
        return list(found.values())

    def decide(
        self, query: str, entry: FaqEntry, probability: float, pointed: bool = True
    ) -> tuple[Outcome, tuple[str, ...]]:
        """An answer from ``entry`` stays one unless the entry does not mention the numbered thing asked
        about, or has no counterpart for most of the key terms while the ranking is not sure; then it is
        もしかして, with what the entry lacks. ``query``: as searched (kana-typed words read back);
        ``pointed``: whether a term the question points at counts (not when the page's town chose it)."""
        numbers = self.unstated(query, entry)
        if numbers:  # 「第10回サミットいつ？」 against the entry about the 9th
            return Outcome.CLARIFY, numbers
        if probability < KEEP_CONFIDENCE:
            terms = self.key_terms(query)  # read once for both checks
            lacking = self.unmatched_pointed(query, entry, terms) if pointed else ()
            if lacking:  # 「罹災証明書ってコンビニで取れる？」: the entry never speaks of コンビニ
                return Outcome.CLARIFY, lacking
            gap = self.unmatched(query, entry, terms)
            if gap.share >= UNMATCHED_SHARE:  # the entry is about the topic, not about what is asked
                return Outcome.CLARIFY, gap.terms
        return Outcome.ANSWER, ()

    def ordinals(self, query: str) -> list[str]:
        """The numbered things the question names (第10回, 第6版), width made half. Only an ordinal names
        which one is meant: a quantity (9時から？, 4年目) is a premise the entry's answer may correct."""
        words = [w for w in self.analyzer.tagger(normalize(query)) if w.surface.strip()]
        named: list[str] = []
        for i in range(1, len(words) - 1):
            number, counter = words[i], words[i + 1]
            if words[i - 1].surface == ORDINAL and _DIGITS.match(number.surface):
                named.append(ORDINAL + number.surface + counter.surface)
        return named

    def unstated(self, query: str, entry: FaqEntry) -> tuple[str, ...]:
        """The numbered things ``query`` names that ``entry`` does not mention."""
        text = self._entry(entry).text
        return tuple(named for named in self.ordinals(query) if named not in text)

    def pointed(self, query: str) -> set[str]:
        """Surfaces of the nouns ``query`` points at: a noun (with the nouns and suffixes joined to it)
        marked by で, から or でも right before its predicate, or followed by 「ある」「ない」."""
        words = [w for w in self.analyzer.tagger(normalize(query)) if w.surface.strip()]
        found: set[str] = set()
        i = 0
        while i < len(words):
            if words[i].feature.pos1 != "名詞":
                i += 1
                continue
            end = i + 1  # the noun phrase: 高校 + 生, マイナ + ポータル (a space ends it)
            while (
                end < len(words)
                and words[end].feature.pos1 in ("名詞", "接尾辞")
                and not words[end].white_space
            ):
                end += 1
            if _points_at(words, end) and not _asked_for(words, i):
                found.update(w.surface for w in words[i:end])
            i = end
        return found

    def unmatched_pointed(
        self, query: str, entry: FaqEntry, terms: list[tuple[str, str, str]] | None = None
    ) -> tuple[str, ...]:
        """The key terms ``query`` points at that ``entry`` has no counterpart for (``terms``: its
        :meth:`key_terms`, when already read)."""
        pointed = self.pointed(query)
        seen = self._entry(entry)
        return tuple(
            lemma
            for surface, lemma, reading in (self.key_terms(query) if terms is None else terms)
            if surface in pointed and not _matched(surface, lemma, reading, seen)
        )

    def unmatched(
        self, query: str, entry: FaqEntry, terms: list[tuple[str, str, str]] | None = None
    ) -> Unmatched:
        """The key terms of ``query`` that ``entry`` has no counterpart for, and their IDF share
        (``terms``: its :meth:`key_terms`, when already read)."""
        terms = self.key_terms(query) if terms is None else terms
        if not terms:
            return Unmatched((), 0.0)
        weights = self.word_weights([lemma for _, lemma, _ in terms])
        seen = self._entry(entry)
        total = missing = 0.0
        left: list[str] = []
        for surface, lemma, reading in terms:
            weight = weights[lemma][0]
            total += weight
            if not _matched(surface, lemma, reading, seen):
                missing += weight
                left.append(lemma)
        return Unmatched(tuple(left), missing / total if total else 0.0)

    def _entry(self, entry: FaqEntry) -> _EntryText:
        known = self._entries.get(entry.id)
        if known is None:
            texts = (*entry.phrasings, entry.answer)
            analyses = [self.analyzer.analyze(text) for text in texts]
            known = _EntryText(
                frozenset(word for analysis in analyses for word in analysis.words),
                " ".join(analysis.normalized for analysis in analyses),
                "".join(token.reading for analysis in analyses for token in analysis.tokens),
            )
            self._entries[entry.id] = known
        return known


def _asks(lemma: str) -> bool:
    """A question word (何時, 幾ら) asks; faq.search.coverage reads what it asks for."""
    return lemma.startswith(WHAT) or lemma in asked_facts().question_words


def _points_at(words: list, end: int) -> bool:
    """Whether the noun phrase ending before ``end`` is pointed at: で／から／でも then the predicate
    within :data:`POINT_REACH` words (a verb, an adjective or a サ変 noun: 申請できる, 参加OK), or
    「ある」「ない」 (after とか, って, は...)."""
    if end >= len(words):
        return False
    after = end
    if words[after].surface in POINTING_PARTICLES and words[after].feature.pos1 == "助詞":
        after += 1
        if after < len(words) and words[after].surface == "も":
            after += 1
        return any(_predicate(w) for w in words[after : after + POINT_REACH])
    while after < len(words) and words[after].surface in BEFORE_BEING_THERE:
        after += 1
    return after < len(words) and words[after].feature.lemma in BEING_THERE


def _asked_for(words: list, start: int) -> bool:
    """Whether a question word comes right before the noun phrase at ``start`` (何の得, どういう基準, どんな
    方法, どの窓口): then the noun is what the answer supplies, not a thing the resident names."""
    for word in words[max(start - 2, 0) : start]:
        lemma = word.feature.lemma or word.surface
        if word.feature.pos1 in ASKING_POS1 and (lemma.startswith(WHAT) or word.surface.startswith("ど")):
            return True
    return False


def _predicate(word) -> bool:
    feature = word.feature
    return feature.pos1 in PREDICATE_POS1 or feature.pos3 == "サ変可能"


def _matched(surface: str, lemma: str, reading: str, entry: _EntryText) -> bool:
    """Whether the entry has the term: as a word, spelled inside its text, or by the term's reading."""
    if lemma in entry.words or surface in entry.text or lemma in entry.text:
        return True
    return len(reading) >= MIN_READING and reading in entry.reading
