"""Where words start and end in a message, and where verbs and ordinary nouns are (fugashi), for the place
resolver (:mod:`faq.places.resolver`): a kana name is a place only where it is a word of its own."""

from __future__ import annotations

import re

_KANJI = re.compile(r"[\u4e00-\u9fff々〆ヶ]")


class Grammar:
    """Where words start and end in ``text``, and where verbs start (fugashi, run on first need).

    A kana stretch right after a particle that starts with a verb is the verb: 「九州になると？」 reads に +
    なる (成る) + と, not 鳴門. Kana place names alone are often mis-tagged (みまさかし), so only this
    construction is judged. A short kana name (a town's bare stem, a 町域's reading) must start and end where
    words do: 「ひがいの」 holds いの (いの町) and 「ですけど」 すけど, inside other words."""

    def __init__(self, text: str):
        self.text = text
        self._verbs: set[int] | None = None
        self._edges: set[int] = set()
        self._nouns: set[int] = set()
        self._common: set[tuple[int, int]] = set()

    def _tag(self) -> set[int]:
        if self._verbs is None:
            from faq.text.analyzer import (
                shared_analyzer,
            )  # lazy: fugashi loads only when a kana name needs it

            tokens = shared_analyzer().tokenize(self.text, normalized=True)
            self._verbs = {t.start for t in tokens if t.pos == "動詞"}
            self._edges = {t.start for t in tokens} | {t.start + len(t.text) for t in tokens}
            self._nouns = {t.start for t in tokens if t.pos == "名詞"}
            self._common = {
                (t.start, t.start + len(t.text)) for t in tokens if t.pos == "名詞" and _KANJI.search(t.lemma)
            }
        return self._verbs

    def verb_at(self, start: int) -> bool:
        return start in self._tag()

    def compound_at(self, start: int) -> bool:
        """Whether a noun starts at ``start`` with no particle or space before it: a name right before it
        is the first half of one word (秋田犬, 夕張メロン)."""
        self._tag()
        return start in self._nouns

    def common_word(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is one kana word the dictionary writes with other characters (みなみ →
        南, かわら → 瓦): an ordinary word, where a place's own reading has a kana dictionary form."""
        self._tag()
        return (start, end) in self._common

    def word_at(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` starts and ends at word boundaries (spaces count as words' ends)."""
        self._tag()
        text = self.text
        starts = start in self._edges or start == 0 or text[start - 1].isspace()
        ends = end in self._edges or end == len(text) or text[end].isspace()
        return starts and ends
