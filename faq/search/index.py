"""The in-memory search index: its entries' lexical fields, dense vectors, fusion weights and calibration,
and what is read from the entries once and kept (readings, key terms, words, the facts an answer carries,
scope masks). Built from entries, saved to and loaded from one folder (:mod:`faq.search.artefacts`).

Searching it is :mod:`faq.search.query_signals` (what a query measures) and :mod:`faq.search.decision`
(the ranking and answer, clarify or no answer).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from faq.content.corpus import corpus_revision
from faq.errors import IndexMismatch, IndexNotReady
from faq.model import AskedFact, FaqEntry
from faq.search.artefacts import (
    FORMAT_VERSION,
    MANIFEST,
    Manifest,
    encoder_record,
    read_entries,
    write_entries,
)
from faq.search.confidence import Calibrator
from faq.search.coverage import asked_facts
from faq.search.dense import DenseIndex
from faq.search.encoder import Encoder
from faq.search.key_terms import EntryTerms
from faq.search.lexical import LexicalIndex
from faq.search.ranking import Fusion
from faq.search.scope import visibility, visible_to
from faq.search.town import TownPrior
from faq.text import JapaneseAnalyzer
from faq.text.analyzer import ANALYZER_VERSION
from faq.text.readings import ReadingLexicon


class SearchIndex:
    """An in-memory index: lexical fields, optional dense vectors, fusion weights and calibration."""

    def __init__(self, entries: Sequence[FaqEntry], analyzer: JapaneseAnalyzer, encoder: Encoder | None):
        self.entries = list(entries)
        self.analyzer = analyzer
        self.encoder = encoder
        self.lexical = LexicalIndex(analyzer)
        self.dense: DenseIndex | None = DenseIndex() if encoder is not None else None
        self.fusion = Fusion(dense_weight=0.3 if encoder is not None else 0.0)
        self.calibrator = Calibrator()
        self.revision = corpus_revision(self.entries)
        self._entry_words: dict[int, set[str]] = {}
        self._carried: dict[str, frozenset[str]] = {}  # by answer text
        self._scopes: dict[str | None, np.ndarray | None] = {}
        self.town = TownPrior(self.entries, analyzer)
        self._readings: ReadingLexicon | None = None
        self._terms: EntryTerms | None = None

    # -- building ---------------------------------------------------------------------------------
    def build(self, progress: Callable[[str], None] | None = None) -> None:
        self.lexical.build(self.entries, progress)
        if self.dense is not None and self.encoder is not None:
            self.dense.build(self.entries, self.encoder)

    def rebuilt_with(self, entries: Sequence[FaqEntry]) -> SearchIndex:
        """A new index over ``entries`` with this one's analyzer, encoder, fusion and calibration.

        No retuning: staff changes take effect in about a second and keep the measured thresholds.
        """
        fresh = SearchIndex(entries, self.analyzer, self.encoder)
        fresh.build()
        fresh.fusion, fresh.calibrator = self.fusion, self.calibrator
        return fresh

    def save(self, folder: Path) -> Manifest:
        """Write the artefacts to ``folder`` atomically (built aside, then swapped in)."""
        folder = Path(folder)
        staging = folder.with_name(f"{folder.name}.staging-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        self.lexical.save(staging)
        if self.dense is not None:
            self.dense.save(staging / "dense")
        write_entries(staging, self.entries)
        manifest = Manifest(
            format_version=FORMAT_VERSION,
            corpus_revision=self.revision,
            entry_count=len(self.entries),
            analyzer_version=ANALYZER_VERSION,
            dictionary=self.analyzer.dictionary_version(),
            encoder=encoder_record(self.encoder),
            fusion=asdict(self.fusion),
            calibration=self.calibrator.to_dict(),
            built_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        )
        manifest.write(staging)
        retired = folder.with_name(f"{folder.name}.old-{os.getpid()}")
        if folder.exists():
            folder.rename(retired)
        staging.rename(folder)
        shutil.rmtree(retired, ignore_errors=True)
        return manifest

    # -- loading ----------------------------------------------------------------------------------
    @classmethod
    def load(cls, folder: Path, analyzer: JapaneseAnalyzer, encoder: Encoder | None) -> SearchIndex:
        """Load ``folder``; refuses artefacts built with another analyzer, dictionary or encoder."""
        folder = Path(folder)
        manifest = Manifest.read(folder)
        problems = manifest.mismatches(analyzer, encoder)
        if problems:
            raise IndexMismatch(f"index at {folder} does not match: " + "; ".join(problems))
        try:
            entries = read_entries(folder)
            index = cls(entries, analyzer, encoder)
            index.lexical.load(folder, len(entries))
            if index.dense is not None:
                index.dense.load(folder / "dense", len(entries))
        except (OSError, ValueError, KeyError) as exc:
            raise IndexNotReady(f"index at {folder} is unreadable: {exc}") from exc
        if index.revision != manifest.corpus_revision:
            raise IndexMismatch(
                f"index at {folder}: entries do not match revision {manifest.corpus_revision}"
            )
        try:
            index.fusion = Fusion(**manifest.fusion)
            index.calibrator = Calibrator.from_dict(manifest.calibration)
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            raise IndexNotReady(f"index at {folder}: unreadable weights in {MANIFEST}: {exc}") from exc
        return index

    # -- read from the entries once, kept ---------------------------------------------------------
    def readings(self) -> ReadingLexicon:
        """The entries' words by reading, built on first need (about 0.4 s for 300 entries)."""
        if self._readings is None:
            texts = [text for entry in self.entries for text in (*entry.phrasings, entry.answer)]
            self._readings = ReadingLexicon.from_texts(self.analyzer, texts)
        return self._readings

    def entry_terms(self) -> EntryTerms:
        """Key terms before an answer (:mod:`faq.search.key_terms`) by this index's IDF, made when needed."""
        if self._terms is None:
            self._terms = EntryTerms(self.analyzer, self.lexical.word_weights)
        return self._terms

    def visible(self, municipality: str | None) -> np.ndarray | None:
        """The scope mask for a conversation in ``municipality`` (None: every entry visible), cached."""
        if municipality not in self._scopes:
            self._scopes[municipality] = visibility(self.entries, municipality)
        return self._scopes[municipality]

    def entries_for(self, municipality: str | None) -> list[FaqEntry]:
        """The entries a conversation in ``municipality`` may see (menus, category lists)."""
        return [e for e in self.entries if visible_to(e, municipality)]

    def entry_words(self, position: int) -> set[str]:
        """Content words of an entry's phrasings and answer (analysed once, on first need)."""
        words = self._entry_words.get(position)
        if words is None:
            entry = self.entries[position]
            words = set()
            for text in (*entry.phrasings, entry.answer):
                words.update(self.analyzer.analyze(text).words)
            self._entry_words[position] = words
        return words

    def carried_facts(self, entry: FaqEntry) -> frozenset[str]:
        """The kinds of fact an entry's answer carries (:mod:`faq.search.coverage`), read once per answer."""
        carried = self._carried.get(entry.answer)
        if carried is None:
            carried = asked_facts().carried_by(self.analyzer.analyze(entry.answer))
            self._carried[entry.answer] = carried
        return carried

    def uncovered(self, asked: tuple[AskedFact, ...], entry: FaqEntry) -> tuple[AskedFact, ...]:
        """What the question asks that the entry's answer does not carry (a time, a date, an amount)."""
        return asked_facts().uncovered(asked, self.carried_facts(entry)) if asked else ()
