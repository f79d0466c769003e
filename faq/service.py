"""The FAQ engine as one object: store, encoder and index, warmed up once per process."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from faq.content.corpus import corpus_revision, load_corpus
from faq.content.disasters import seed_disasters
from faq.content.rule_versions import RuleVersions
from faq.content.store import FaqStore
from faq.content.supplement_versions import SupplementVersions
from faq.content.supplements import load_supplements
from faq.content.versions import EntryVersions, LoadReport
from faq.eligibility import rules as eligibility_rules
from faq.errors import IndexNotReady
from faq.model import FaqEntry, SearchResult
from faq.residents.privacy import without_placeholders
from faq.residents.question_counts import TurnCounter
from faq.search.artefacts import MANIFEST, Manifest
from faq.search.decision import search
from faq.search.encoder import SentenceEncoder
from faq.search.evaluation import load_labelled
from faq.search.index import SearchIndex
from faq.search.tuning import tune
from faq.settings import DEFAULT_LABELLED_QUERIES, Settings, get_settings
from faq.text import JapaneseAnalyzer

logger = logging.getLogger(__name__)
LABELLED_QUERIES = DEFAULT_LABELLED_QUERIES  # the default; a service reads its own settings
MAX_K = 50


class FaqService:
    """Store → index → search.

    >>> service = FaqService()
    >>> service.warm_up()                                   # doctest: +SKIP
    >>> service.search("協力隊の任期は？", k=3).outcome        # doctest: +SKIP
    <Outcome.ANSWER: 'answer'>
    """

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or get_settings()
        self.store = FaqStore(self.settings.database_url)
        self.analyzer = JapaneseAnalyzer()
        self._index: SearchIndex | None = None
        self._lock = threading.Lock()
        self._rebuild_lock = threading.Lock()  # one rebuild at a time; searches never wait for it
        # Why the index on disk was last refused (empty when all is well); /healthz and the console show it.
        self.index_problem = ""
        self._turn_counter: TurnCounter | None = None  # made at the first counted turn

    # -- construction helpers ---------------------------------------------------------------------
    def make_encoder(self) -> SentenceEncoder | None:
        if not self.settings.encoder_path:
            return None
        encoder = SentenceEncoder(
            self.settings.encoder_path,
            self.analyzer,
            self.settings.encoder_query_prefix,
            self.settings.encoder_document_prefix,
        )
        encoder.warm_up()
        return encoder

    def load_corpus(self, entries_dir: Path | None = None) -> LoadReport:
        """Validate the YAML files and bring them into the store as versions (staff edits are kept)."""
        entries = load_corpus(entries_dir or self.settings.entries_dir)
        self.store.migrate()
        seed_disasters(self.store)  # only while the table is empty: staff own disaster mode after that
        return EntryVersions(self.store).sync_seed(entries)

    def load_supplements(self, folder: Path | None = None) -> LoadReport:
        """Validate the municipalities' supplement files against the stored entries and bring them into
        the store as versions (staff edits are kept). Run after :meth:`load_corpus`."""
        self.store.migrate()
        entry_ids = {v.entry.id for v in EntryVersions(self.store).working_all()}
        supplements = load_supplements(folder or self.settings.supplements_dir, entry_ids)
        return SupplementVersions(self.store).sync_seed(supplements)

    def load_rules(self) -> LoadReport:
        """Bring the eligibility rules files into the store as published versions (staff edits are kept)."""
        self.store.migrate()
        return RuleVersions(self.store).sync_files()

    def use_published_rules(self) -> int:
        """Make the rules table as published in the store the one verdicts read (at start-up and after a
        rule is published, retired or rolled back); a store never seeded with rules leaves the shipped
        files in use. Returns how many rules are in use."""
        versions = RuleVersions(self.store)
        if not versions.histories():
            return len(eligibility_rules.rules())
        return len(eligibility_rules.use_published(versions.published_records()))

    def index_is_current(self, encoder: SentenceEncoder | None) -> bool:
        try:
            manifest = Manifest.read(self.settings.index_dir)
        except IndexNotReady:
            return False
        return not manifest.mismatches(
            self.analyzer, encoder
        ) and manifest.corpus_revision == corpus_revision(self.store.published())

    def build_index(
        self,
        force: bool = False,
        progress: Callable[[str], None] | None = None,
        labelled: Path | None = None,
    ) -> Manifest | None:
        """Rebuild the index when the published entries or the encoder changed; None if it was current."""
        self.store.migrate()
        encoder = self.make_encoder()
        if not force and self.index_is_current(encoder):
            return None
        entries = self.store.published()
        if not entries:
            raise IndexNotReady("the store has no published entries (run `python -m faq load`)")
        index = SearchIndex(entries, self.analyzer, encoder)
        index.build(progress)
        labelled = labelled or self.settings.labelled_queries
        if labelled.is_file():
            dev = [q for q in load_labelled(labelled) if q.split == "dev"]
            index.fusion, index.calibrator, report = tune(index, dev)
            logger.info("tuning: %s", report)
        manifest = index.save(self.settings.index_dir)
        with self._lock:
            self._index = index
        return manifest

    def refresh_index(self, save: bool = True) -> str:
        """Rebuild the index from the published entries now and swap it in; returns the new revision.

        Built aside with the serving index's encoder, fusion weights and calibration (no retuning, about
        1.5 s for 300 entries), saved atomically, then swapped by one reference assignment: a search in
        flight keeps the index it started with, and no search ever sees a half-built one.
        """
        with self._rebuild_lock:
            current = self.index
            entries = self.store.published()
            if corpus_revision(entries) == current.revision:
                return current.revision
            if not entries:
                raise IndexNotReady("no published entries left to search")
            fresh = current.rebuilt_with(entries)
            fresh.readings()  # built before the swap, not by the first resident's question
            if save:  # the worker that published saves; the others only follow in memory
                fresh.save(self.settings.index_dir)
            with self._lock:
                self._index = fresh
            logger.info(
                "index swapped: revision %s → %s (%d entries)", current.revision, fresh.revision, len(entries)
            )
            return fresh.revision

    def follow_published(self) -> str:
        """After staff published or retired something: refresh the index, or, when it cannot be built
        now, log why and keep serving (the change stands; the index catches up at the next build).
        Returns the serving revision."""
        try:
            return self.refresh_index()
        except IndexNotReady as exc:
            logger.error("published, but the search index was not refreshed: %s", exc)
            return self._index.revision if self._index is not None else ""

    def reload_from_disk(self) -> str:
        """Load the index files another process wrote, if they hold a new revision; returns the serving one.

        Files that do not load (corrupt, or built for another analyzer or encoder) are refused: the
        serving index stays, and ``index_problem`` says why until a good index replaces them.
        """
        with self._rebuild_lock:
            current = self.index
            try:
                manifest = Manifest.read(self.settings.index_dir)
                if manifest.corpus_revision == current.revision:
                    self.index_problem = ""
                    return current.revision
                fresh = SearchIndex.load(self.settings.index_dir, self.analyzer, current.encoder)
                fresh.readings()  # built before the swap
            except IndexNotReady as exc:
                self.index_problem = f"index files at {self.settings.index_dir} refused: {exc}"
                logger.error("%s; still serving revision %s", self.index_problem, current.revision)
                return current.revision
            self.index_problem = ""
            with self._lock:
                self._index = fresh
            logger.info("index loaded from disk: revision %s → %s", current.revision, fresh.revision)
            return fresh.revision

    def preview(self, question: str, changed: FaqEntry, k: int = 3) -> tuple[SearchResult, SearchResult]:
        """「試しに質問する」: how ``question`` is answered now, and once ``changed`` were published."""
        question = self._query(question)
        before = search(self.index, question, k)
        entries = [e for e in self.store.published() if e.id != changed.id]
        after_index = self.index.rebuilt_with([*entries, replace(changed, status="published")])
        return before, search(after_index, question, k)

    # -- serving ----------------------------------------------------------------------------------
    def warm_up(self) -> None:
        """Bring the database schema up to date (and disaster mode's first rows), then load the index
        (and the encoder it was built with)."""
        self.store.migrate()
        seed_disasters(self.store)
        self.use_published_rules()
        try:
            index = SearchIndex.load(self.settings.index_dir, self.analyzer, self.make_encoder())
        except IndexNotReady as exc:
            if not (self.settings.index_dir / MANIFEST).exists():
                raise  # never built here: `make run` / `python -m faq index` builds it
            # Files left broken (a full disk, a failed deploy): rebuild from the store rather than serve
            # nothing until someone restarts us by hand.
            logger.error("index files refused at start-up (%s); rebuilding from the published entries", exc)
            self.build_index(force=True)
            index = self.index
            logger.warning("index rebuilt at start-up: revision %s", index.revision)
        index.readings()  # built now, not by the first resident's question
        with self._lock:
            self._index = index
        logger.info("index ready: %d entries, revision %s", len(index.entries), index.revision)

    @property
    def index(self) -> SearchIndex:
        if self._index is None:
            raise IndexNotReady("the index is not loaded (call warm_up())")
        return self._index

    @property
    def ready(self) -> bool:
        return self._index is not None

    def search(
        self,
        query: str,
        k: int | None = None,
        municipality: str | None = None,
        town: tuple[str, ...] = (),
    ) -> SearchResult:
        """Validated search: ``k`` in 1..50; over-long text is cut to the configured limit. A conversation's
        ``municipality`` (6-digit code) adds that municipality's own entries to the one ranking; without it
        only entries every resident may see are searched (:mod:`faq.search.scope`). ``town``: the names of
        the page's town, whose entries come first where they fit."""
        k = self.settings.default_k if k is None else k
        if not 1 <= k <= MAX_K:
            raise ValueError(f"k must be between 1 and {MAX_K}, got {k!r}")
        return search(self.index, self._query(query), k, municipality=municipality, town=town)

    def count_turn(self, outcome: str, category: str = "", prefecture: str | None = None) -> str:
        """Count one resident turn's outcome for the overview (numbers only, no words); returns the
        disaster id it counted for, or "". Written within a second, with the other turns' counts of that
        second (:class:`faq.residents.question_counts.TurnCounter`)."""
        if self._turn_counter is None:
            self._turn_counter = TurnCounter(self.store)
        return self._turn_counter.add(outcome, category, prefecture)

    def _query(self, text: str) -> str:
        """What is searched for: cut to the configured length, redaction placeholders removed (a redacted
        phone number must not make the question look like one about phone numbers)."""
        return without_placeholders(text[: self.settings.max_query_chars])
