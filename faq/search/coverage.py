"""Coverage before an answer: what kind of fact a question asks for, and whether an entry carries it.

A near-miss question is usually about an entry's topic but asks for a fact the sources do not give:
「災害援護資金の金利って何％？」 ranks the 災害援護資金 entry first with confidence, yet that entry states no
rate. The question word says what is asked (何 + a counter, いくら, いつ); the entry's answer either has a
number with a counter of that kind (3％, 8時30分, 200万円) or a word that answers it (無料, 随時, 平日), or it
does not — and then the entry does not answer the question, however close its topic is. The kinds live in
``faq/data/asked_facts.yml``: grammar (question words and counters), the same for every entry.

>>> facts = AskedFacts.load()
>>> [f.label for f in facts.asked_in(analyzer.analyze("金利って何％？"))]         # doctest: +SKIP
['割合']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from faq.model import AskedFact
from faq.text.analyzer import Analysis, Token

FACTS_FILE = Path(__file__).resolve().parent.parent / "data" / "asked_facts.yml"
WHAT = "何"  # 何日, なんじ (何 + 時), 何％: the question word before a counter
_NUMBER = re.compile(r"^[0-9.,]+$|^[〇一二三四五六七八九十百千万億]+$|^[数何]$")
_AFTER_A_COUNTER = frozenset({"助詞", "助動詞", "補助記号", "接尾辞", "空白"})
_CLOCK = re.compile(r"\d{1,2}[:：]\d{2}")  # 8:30〜17:15 carries hours without the word 時


@dataclass(frozen=True)
class FactKind:
    """One kind of fact: what residents read, and what in an answer carries it."""

    label: str
    after_number: frozenset[str]  # counters (lemmas) that carry the kind after a number
    or_words: frozenset[str]  # words (lemmas or surfaces) that carry it alone


@dataclass(frozen=True)
class AskedFacts:
    """The table of ``asked_facts.yml``: read a question's asked kinds, and an answer's carried kinds."""

    counters: dict[str, str]  # counter lemma after 何 → kind
    question_words: dict[str, tuple[str, ...]]  # question word lemma → kinds
    both_ways: dict[str, tuple[str, ...]]  # a question word's surface that reads two ways → either kind
    kinds: dict[str, FactKind]

    @classmethod
    def load(cls, path: Path = FACTS_FILE) -> AskedFacts:
        """Read and check the table: every kind named by a counter or a question word is defined."""
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        kinds = {
            name: FactKind(
                str(spec["label"]),
                frozenset(map(str, spec.get("after_number") or ())),
                frozenset(map(str, spec.get("or_words") or ())),
            )
            for name, spec in (data.get("kinds") or {}).items()
        }
        counters = {str(k): str(v["kind"]) for k, v in (data.get("counters") or {}).items()}
        question_words = {str(k): tuple(map(str, v)) for k, v in (data.get("question_words") or {}).items()}
        both_ways = {str(k): tuple(map(str, v)) for k, v in (data.get("written_both_ways") or {}).items()}
        named = (*question_words.values(), *both_ways.values())
        used = {*counters.values()} | {kind for kinds in named for kind in kinds}
        unknown = sorted(used - kinds.keys())
        if unknown:
            raise ValueError(f"{path.name}: kinds used but not defined: {unknown!r}")
        return cls(counters, question_words, both_ways, kinds)

    def asked_in(self, analysis: Analysis) -> tuple[AskedFact, ...]:
        """The kinds of fact the question asks for, each label once, in the order asked."""
        found: dict[str, AskedFact] = {}  # by label: 「何時から何時まで」 asks one thing
        tokens = analysis.tokens
        for i, token in enumerate(tokens):
            kinds: tuple[str, ...] = ()
            words, last = token.text, i
            if token.lemma == WHAT and self._counter_after(tokens, i):
                counter = tokens[i + 1]
                kinds, words, last = (self.counters[counter.lemma],), token.text + counter.text, i + 1
            elif token.lemma.startswith(WHAT) and token.lemma in self.counters:  # 何曜 is one word
                kinds = (self.counters[token.lemma],)
            elif token.text in self.both_ways:
                kinds = self.both_ways[token.text]
            elif token.lemma in self.question_words:
                kinds = self.question_words[token.lemma]
            if _indefinite(tokens, last):  # いつも, 何回でも, いくらでも: no question
                continue
            label = self.kinds[kinds[0]].label if kinds else ""
            if kinds and label not in found:
                found[label] = AskedFact(kinds, label, words)
        return tuple(found.values())

    def _counter_after(self, tokens: tuple[Token, ...], i: int) -> bool:
        """Whether 何 at ``i`` asks a number of the counter after it. Written in kana the pair is often
        another word cut in two (「なんかいいことある？」 is なんか + いい, not 何回), so then it counts only
        when no word follows the counter but a particle, an ending or punctuation (「なんかいまで」)."""
        if i + 1 >= len(tokens) or tokens[i + 1].lemma not in self.counters:
            return False
        if tokens[i].text == WHAT or i + 2 >= len(tokens):
            return True
        return tokens[i + 2].pos in _AFTER_A_COUNTER

    def carried_by(self, analysis: Analysis) -> frozenset[str]:
        """The kinds of fact an answer's text carries (a number with its counter, or a word that says it)."""
        carried: set[str] = set()
        tokens = analysis.tokens
        words = {t.lemma for t in tokens} | {t.text for t in tokens}
        after_number = {
            tokens[i + 1].lemma for i in range(len(tokens) - 1) if _NUMBER.match(tokens[i].text)
        }
        for name, kind in self.kinds.items():
            if kind.after_number & after_number or kind.or_words & words:
                carried.add(name)
        if _CLOCK.search(analysis.normalized):
            carried.add("hours")
        return frozenset(carried)

    def uncovered(self, asked: tuple[AskedFact, ...], carried: frozenset[str]) -> tuple[AskedFact, ...]:
        """What is asked and not carried (a fact is carried when any of its kinds is)."""
        return tuple(fact for fact in asked if not carried.intersection(fact.kinds))


def _indefinite(tokens: tuple[Token, ...], last: int) -> bool:
    """Whether the question word ending at ``last`` is followed by も or でも (いつも, 何回でも)."""
    after = [t.text for t in tokens[last + 1 : last + 3]]
    return bool(after) and (after[0] == "も" or after[:2] == ["で", "も"] or after[0] == "でも")


@lru_cache(maxsize=1)
def asked_facts() -> AskedFacts:
    """The table, read once per process."""
    return AskedFacts.load()
