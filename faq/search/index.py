"""Index artefacts on disk (one folder, one manifest) and the searcher that serves them."""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import numpy as np

from faq.content.corpus import corpus_revision
from faq.errors import IndexMismatch, IndexNotReady
from faq.model import AskedFact, FaqEntry, Hit, Outcome, SearchResult, Source
from faq.search.confidence import Calibrator, feature_vector
from faq.search.coverage import asked_facts
from faq.search.dense import DenseIndex
from faq.search.encoder import Encoder
from faq.search.key_terms import EntryTerms
from faq.search.lexical import LexicalIndex
from faq.search.ranking import Fusion, Signals, fuse, top_positions
from faq.search.scope import visibility, visible_to
from faq.search.town import TownPrior
from faq.text import JapaneseAnalyzer
from faq.text.analyzer import ANALYZER_VERSION
from faq.text.endings import without_dialect_endings
from faq.text.normalize import kana_typed_in_katakana
from faq.text.readings import ReadingLexicon

logger = logging.getLogger(__name__)
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CLARIFY_CHOICES = 3
# An entry scored within this share of the top one that carries what the question asks comes first.
CARRIER_MARGIN = 0.05


@dataclass
class Manifest:
    """What an index folder was built from; loading refuses a folder that does not match."""

    format_version: int
    corpus_revision: str
    entry_count: int
    analyzer_version: str
    dictionary: str
    encoder: dict | None  # {"name", "path", "dimension", "fingerprint"} or None for lexical-only
    fusion: dict
    calibration: dict
    built_at: str

    def write(self, folder: Path) -> None:
        (folder / MANIFEST).write_text(
            json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8"
        )

    def mismatches(self, analyzer: JapaneseAnalyzer, encoder: Encoder | None) -> list[str]:
        """Why these artefacts cannot serve with this analyzer and encoder (an empty list: they can)."""
        problems = []
        if self.format_version != FORMAT_VERSION:
            problems.append(f"format {self.format_version} != {FORMAT_VERSION}")
        if self.analyzer_version != ANALYZER_VERSION:
            problems.append(f"analyzer {self.analyzer_version} != {ANALYZER_VERSION}")
        if self.dictionary != analyzer.dictionary_version():
            problems.append(f"dictionary {self.dictionary} != {analyzer.dictionary_version()}")
        built_with = (self.encoder or {}).get("fingerprint")
        current = encoder.fingerprint if encoder is not None else None
        if built_with != current:
            problems.append(f"encoder {built_with} != {current}")
        return problems

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        path = folder / MANIFEST
        if not path.is_file():
            raise IndexNotReady(f"no index at {folder} (run `python -m faq index`)")
        try:
            return cls(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError) as exc:  # unreadable, not JSON, not an object, fields missing
            raise IndexNotReady(f"unreadable manifest {path}: {exc}") from exc


def _entry_to_json(entry: FaqEntry) -> dict:
    data = asdict(entry)
    data["last_checked"] = entry.last_checked.isoformat()
    return data


def _entry_from_json(data: dict) -> FaqEntry:
    return FaqEntry(
        id=data["id"],
        category=data["category"],
        question=data["question"],
        answer=data["answer"],
        source=Source(**data["source"]),
        last_checked=date.fromisoformat(data["last_checked"]),
        alternates=tuple(data["alternates"]),
        audience=tuple(data["audience"]),
        status=data["status"],
        easy_ja=data.get("easy_ja", ""),  # indexes built before the field have none
        # Who may see it (faq.search.scope); corpus_revision counts a non-national owner, so an index
        # written before owners existed never serves a store that has municipality entries.
        owner=data.get("owner", "national"),
    )


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
        self._carried: dict[int, frozenset[str]] = {}
        self._positions: dict[str, int] = {}
        self._scopes: dict[str | None, np.ndarray | None] = {}
        self.town = TownPrior(self.entries, analyzer)
        self._readings: ReadingLexicon | None = None
        self._terms: EntryTerms | None = None

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

    def as_searched(self, query: str) -> str:
        """The query as it is searched: ｶﾀｶﾅ made kana, kana-typed words read back, dialect endings off."""
        query = kana_typed_in_katakana(query)  # ｷｸﾐﾐ ﾉ ﾃﾞﾝﾜ: the particles are particles again
        query = self.readings().restore(query)  # ｷｮｳﾘｮｸﾀｲ → 協力隊: kana-typed words read back first
        return without_dialect_endings(query, self.analyzer)  # あるがや: not 茅

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
        entries = [_entry_to_json(e) for e in self.entries]
        (staging / "entries.json").write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
        manifest = Manifest(
            format_version=FORMAT_VERSION,
            corpus_revision=self.revision,
            entry_count=len(self.entries),
            analyzer_version=ANALYZER_VERSION,
            dictionary=self.analyzer.dictionary_version(),
            encoder=self._encoder_info(),
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

    def _encoder_info(self) -> dict | None:
        if self.encoder is None:
            return None
        return {
            "name": self.encoder.name,
            "dimension": self.encoder.dimension,
            "fingerprint": self.encoder.fingerprint,
        }

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
            entries = [_entry_from_json(d) for d in json.loads((folder / "entries.json").read_text("utf-8"))]
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

    # -- searching --------------------------------------------------------------------------------
    def visible(self, municipality: str | None) -> np.ndarray | None:
        """The scope mask for a conversation in ``municipality`` (None: every entry visible), cached."""
        if municipality not in self._scopes:
            self._scopes[municipality] = visibility(self.entries, municipality)
        return self._scopes[municipality]

    def entries_for(self, municipality: str | None) -> list[FaqEntry]:
        """The entries a conversation in ``municipality`` may see (menus, category lists)."""
        return [e for e in self.entries if visible_to(e, municipality)]

    def signals(self, query: str, municipality: str | None = None, searched: str | None = None) -> Signals:
        """Measure ``query`` against every entry the scope lets through (others score 0 before fusion,
        so they neither rank nor scale the visible entries' scores). ``searched``: the query as searched,
        when the caller already has it."""
        query = self.as_searched(query) if searched is None else searched
        analysis = self.analyzer.analyze(query)
        words = self.lexical.word_weights(analysis.words)
        mask = self.visible(municipality)
        scores = self.lexical.field_scores(analysis)
        if mask is not None:
            scores = {name: values * mask for name, values in scores.items()}
        signals = Signals(scores, None, words)
        if self.dense is not None and self.encoder is not None and not analysis.is_empty:
            vector = self.encoder.encode_queries([query])[0]
            dense = self.dense.scores(vector, self.fusion.dense_answer_weight)
            lexical = signals.lexical(self.fusion.field_weights)  # kept: fusion reuses it
            candidates = top_positions(lexical, 50)
            candidates = candidates[lexical[candidates] > 0]
            if candidates.size:
                dense[candidates] = self.dense.exact_scores(
                    vector, candidates, self.fusion.dense_answer_weight
                )
            signals.dense = dense
        elif self.dense is not None:
            signals.dense = np.zeros(len(self.entries), dtype=np.float32)
        if mask is not None and signals.dense is not None:
            signals.dense = signals.dense * mask
        return signals

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

    def carried_facts(self, entry_id: str) -> frozenset[str]:
        """The kinds of fact an entry's answer carries (:mod:`faq.search.coverage`), read once per entry."""
        if not self._positions:
            self._positions = {entry.id: i for i, entry in enumerate(self.entries)}
        position = self._positions[entry_id]
        carried = self._carried.get(position)
        if carried is None:
            carried = asked_facts().carried_by(self.analyzer.analyze(self.entries[position].answer))
            self._carried[position] = carried
        return carried

    def uncovered(self, asked: tuple[AskedFact, ...], entry_id: str) -> tuple[AskedFact, ...]:
        """What the question asks that the entry's answer does not carry."""
        return asked_facts().uncovered(asked, self.carried_facts(entry_id)) if asked else ()

    def _carrying_first(
        self, hits: list[Hit], asked: tuple[AskedFact, ...], uncovered: tuple[AskedFact, ...]
    ) -> tuple[list[Hit], tuple[AskedFact, ...]]:
        """When the top entry lacks what is asked and an entry scored within :data:`CARRIER_MARGIN` of it
        carries it (「ガーデンは東京駅から何分？」: the access entry, a hair below the services one), that
        entry comes first: of two entries about the same thing, the one that says what is asked."""
        floor = hits[0].score * (1.0 - CARRIER_MARGIN)
        for hit in hits[1:CLARIFY_CHOICES]:
            if hit.score >= floor and not self.uncovered(asked, hit.entry.id):
                return [hit, *(h for h in hits if h is not hit)], ()
        return hits, uncovered

    def rank(
        self, signals: Signals, k: int, mode: str = "hybrid", fusion: Fusion | None = None
    ) -> tuple[list[Hit], list[float]]:
        """Top ``k`` hits and the confidence features of the ranking."""
        fused, lexical, dense = fuse(signals, fusion or self.fusion, mode)
        order = top_positions(fused, max(k, CLARIFY_CHOICES))
        order = order[fused[order] > 0]
        hits = [Hit(self.entries[i], float(fused[i]), float(lexical[i]), float(dense[i])) for i in order]
        top_match = signals.matched_by(self.entry_words(int(order[0]))) if hits else 0.0
        features = feature_vector(
            [h.score for h in hits],
            hits[0].lexical if hits else 0.0,
            hits[0].dense if hits else 0.0,
            signals.coverage,
            top_match,
        )
        return hits[:k], features

    def _town_leads(self, signals: Signals, mode: str, town: tuple[str, ...], query: str, top: Hit) -> bool:
        """Whether the page's town decides for the top hit (:meth:`faq.search.town.TownPrior.leads`); the
        ranking's scores are fused again (cheap: the fields are combined once) only when it is asked."""
        fused, _, _ = fuse(signals, self.fusion, mode)
        return self.town.leads(fused, town, query, top.entry)

    def search(
        self,
        query: str,
        k: int = 5,
        mode: str = "hybrid",
        municipality: str | None = None,
        town: tuple[str, ...] = (),
    ) -> SearchResult:
        """Rank the entries a conversation in ``municipality`` may see (national ones, plus that
        municipality's own) for ``query`` in one ranking, and decide: answer, clarify or no answer.
        ``town``: the names of the conversation's town (the page's), whose entries come first where
        they fit (:class:`faq.search.town.TownPrior`).

        >>> index.search("りさいしょうめいってどこでもらうの", k=3).hits[0].entry.id   # doctest: +SKIP
        'disaster-risai-shomeisho'
        """
        started = time.perf_counter()
        searched = self.as_searched(query)  # once a search: the signals, the town's prior and the key terms
        signals = self.signals(query, municipality, searched)
        signals.prior = self.town.weights(town, (query, searched) if town else ())
        hits, features = self.rank(signals, k, mode)
        if not hits:
            return SearchResult(
                query,
                (),
                Outcome.NO_ANSWER,
                0.0,
                self.revision,
                {"total": (time.perf_counter() - started) * 1000},
            )
        probability = self.calibrator.probability(features)
        outcome = self.calibrator.decide(probability)
        led = (
            outcome is not Outcome.ANSWER
            and bool(town)
            and self._town_leads(signals, mode, town, query, hits[0])
        )
        if led:
            outcome = Outcome.ANSWER  # the page's town says which entry is meant; coverage, key terms follow
        # Question words are grammar: read from the words as typed (only ｶﾀｶﾅ made kana), not read back
        # into the corpus' words, which would turn 「なんかいいこと」 into 何回.
        asked = asked_facts().asked_in(self.analyzer.analyze(kana_typed_in_katakana(query)))
        uncovered = self.uncovered(asked, hits[0].entry.id)
        if uncovered:
            hits, uncovered = self._carrying_first(hits, asked, uncovered)
        if uncovered and outcome is Outcome.ANSWER:
            outcome = Outcome.CLARIFY  # near the topic, but what is asked is not in the entry
        unmatched: tuple[str, ...] = ()
        if outcome is Outcome.ANSWER:
            # a term pointed at weighs against the ranking's doubt, which the page's town overruled
            outcome, unmatched = self.entry_terms().decide(
                searched, hits[0].entry, probability, pointed=not led
            )
        return SearchResult(
            query,
            tuple(hits),
            outcome,
            probability,
            self.revision,
            {"total": (time.perf_counter() - started) * 1000},
            uncovered,
            unmatched,
        )
