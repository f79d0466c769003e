"""BM25 over several analysed fields of each entry (bm25s), combined with per-field weights."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np

from faq.model import FaqEntry
from faq.text import Analysis, JapaneseAnalyzer


@dataclass(frozen=True)
class Field:
    """One BM25 index: which text of an entry it reads and which analysis view it keeps."""

    name: str
    text: Callable[[FaqEntry], str]
    view: Callable[[Analysis], Sequence[str]]


def _phrasings(entry: FaqEntry) -> str:
    return "\n".join(entry.phrasings)


FIELDS: tuple[Field, ...] = (
    Field("phrasing_words", _phrasings, lambda a: a.words),
    Field("phrasing_readings", _phrasings, lambda a: a.reading_grams),
    Field("phrasing_chars", _phrasings, lambda a: a.char_grams),
    Field("answer_words", lambda e: e.answer, lambda a: a.words),
)
# Starting weights; `python -m faq index` tunes them on labelled queries and stores the result.
logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG
# BM25 parameters; a low k1 saturates repeated words quickly, so a question that matches more of the
# query's distinct words beats one that repeats a common word in every alternate.
# Chosen on the dev split among k1 0.6-1.5, b 0.3-0.75.
BM25_K1 = 1.0
BM25_B = 0.75
DEFAULT_WEIGHTS = {
    "phrasing_words": 1.0,
    "phrasing_readings": 0.3,
    "phrasing_chars": 0.3,
    "answer_words": 0.3,
}


class LexicalIndex:
    """Weighted sum of BM25 scores over the fields in :data:`FIELDS`.

    >>> index = LexicalIndex(JapaneseAnalyzer())
    >>> index.build(entries)                      # doctest: +SKIP
    >>> index.field_scores(analyzer.analyze("りさいしょうめい"))   # doctest: +SKIP
    """

    def __init__(self, analyzer: JapaneseAnalyzer):
        self.analyzer = analyzer
        self.retrievers: dict[str, bm25s.BM25] = {}
        self.size = 0

    def build(self, entries: Sequence[FaqEntry], progress: Callable[[str], None] | None = None) -> None:
        # Keep only the token lists: Analysis objects of 100k entries would cost gigabytes.
        corpora: dict[str, list[list[str]]] = {field.name: [] for field in FIELDS}
        for entry in entries:
            for field in FIELDS:
                analysis = self.analyzer.analyze(field.text(entry))
                corpora[field.name].append(list(field.view(analysis)) or ["\u0000"])
            if progress:
                progress("analyse")
        for field in FIELDS:
            retriever = bm25s.BM25(k1=BM25_K1, b=BM25_B)
            retriever.index(corpora.pop(field.name), show_progress=False)
            self.retrievers[field.name] = retriever
        self.size = len(entries)

    def field_scores(self, analysis: Analysis) -> dict[str, np.ndarray]:
        """BM25 score of every entry for each field (arrays of length ``size``)."""
        return {
            field.name: self._score(self.retrievers[field.name], field.view(analysis)) for field in FIELDS
        }

    def _score(self, retriever: bm25s.BM25, tokens: Sequence[str]) -> np.ndarray:
        """Sum the precomputed BM25 contributions of the query tokens.

        bm25s stores one column per token (entries × contribution) and adds columns with
        ``np.add.at``, which costs ~100 ms a query at 100k entries for common kana bigrams. A token's
        column holds each entry at most once, so one ``np.bincount`` over the concatenated columns
        gives the same sums in a single C pass.
        """
        vocab = retriever.vocab_dict
        ids = [vocab[t] for t in tokens if t in vocab]
        matrix = retriever.scores
        indptr = matrix["indptr"]
        ids = [i for i in ids if i + 1 < len(indptr)]
        if not ids:
            return np.zeros(self.size, dtype=np.float32)
        slices = [slice(indptr[i], indptr[i + 1]) for i in ids]
        rows = np.concatenate([matrix["indices"][s] for s in slices])
        values = np.concatenate([matrix["data"][s] for s in slices])
        return np.bincount(rows, weights=values, minlength=self.size).astype(np.float32)

    def document_frequency(self, field: str, token: str) -> int:
        """In how many entries ``token`` occurs in ``field`` (0 when unknown)."""
        retriever = self.retrievers[field]
        column = retriever.vocab_dict.get(token)
        indptr = retriever.scores["indptr"]
        if column is None or column + 1 >= len(indptr):
            return 0
        return int(indptr[column + 1] - indptr[column])

    def word_weights(self, words: Sequence[str]) -> dict[str, tuple[float, bool]]:
        """IDF weight of each distinct query word and whether the index knows it.

        An unknown word weighs as much as the rarest known one: a question about パスポート is not
        about the entries that merely share its other words.
        """
        size = max(self.size, 1)
        weights: dict[str, tuple[float, bool]] = {}
        for word in dict.fromkeys(words):
            df = max(
                self.document_frequency("phrasing_words", word), self.document_frequency("answer_words", word)
            )
            weights[word] = (float(np.log(1.0 + size / (df + 0.5))), df > 0)
        return weights

    @staticmethod
    def combine(field_scores: dict[str, np.ndarray], weights: dict[str, float]) -> np.ndarray:
        total = np.zeros_like(next(iter(field_scores.values())))
        for name, values in field_scores.items():
            weight = weights.get(name, 0.0)
            if weight:
                total += weight * values
        return total

    def save(self, folder: Path) -> None:
        for name, retriever in self.retrievers.items():
            retriever.save(str(folder / name), show_progress=False)

    def load(self, folder: Path, size: int) -> None:
        for field in FIELDS:
            self.retrievers[field.name] = bm25s.BM25.load(str(folder / field.name), show_progress=False)
        self.size = size
