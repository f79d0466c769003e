"""fugashi + unidic-lite analysis: content-word lemmas, kana readings and character n-grams.

One analyzer serves the FAQ index and the Rasa tokenizer (``nlu/``), so both split text alike.
"""

from __future__ import annotations

import importlib.metadata
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import fugashi
import yaml

from faq.text.normalize import normalize, normalize_with_offsets, to_katakana

# Bump when the analysis changes in a way that makes old index artefacts wrong.
ANALYZER_VERSION = "7"

# Parts of speech (UniDic pos1) that carry meaning for retrieval.
CONTENT_POS = frozenset({"名詞", "代名詞", "動詞", "形容詞", "形状詞", "副詞", "接頭辞", "接尾辞"})
# Lemmas too common to help: light verbs, pronoun-like nouns and question words residents add to anything.
STOP_LEMMAS = frozenset(
    {
        "為る",
        "居る",
        "有る",
        "成る",
        "出来る",
        "言う",
        "思う",
        "呉れる",
        "貰う",
        "行く",
        "来る",
        "いる",
        "ある",
        "する",
        "なる",
        "事",
        "物",
        "方",
        "所",
        "時",
        "様",
        "的",
        "さん",
        "ちゃん",
        "ください",
        "教える",
        "知る",
        "分かる",
        "良い",
        "いい",
        "よい",
    }
)
KANA_ONLY = re.compile(r"^[\u3041-\u309f\u30a0-\u30ffー]+$")
TERMS_FILE = Path(__file__).with_name("terms.yml")
_MATCHABLE = re.compile(r"[\w\u3041-\u30ff\u4e00-\u9fff々〆ヵヶ]")


@dataclass(frozen=True, slots=True)
class Token:
    """One morpheme as Rasa and the index see it."""

    text: str  # surface form as typed (after normalisation)
    start: int  # character offset in the normalised text
    lemma: str  # dictionary form, or the surface when UniDic has none
    pos: str  # UniDic pos1 (名詞, 動詞, ...)
    reading: str  # katakana reading
    content: bool  # kept for retrieval


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything retrieval needs from one text."""

    normalized: str
    tokens: tuple[Token, ...]
    words: tuple[str, ...]  # content lemmas
    reading_grams: tuple[str, ...]  # katakana reading bigrams of the content words
    char_grams: tuple[str, ...]  # surface character bigrams

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.reading_grams or self.char_grams)


@lru_cache(maxsize=1)
def _protected_terms() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    terms = {
        normalize(k, variants=False): str(v)
        for k, v in (yaml.safe_load(TERMS_FILE.read_text(encoding="utf-8")) or {}).items()
    }
    if not terms:
        return None, {}
    return re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))), terms


def _bigrams(text: str) -> list[str]:
    if len(text) < 2:
        return [text] if text else []
    return [text[i : i + 2] for i in range(len(text) - 1)]


class JapaneseAnalyzer:
    """Normalise and analyse Japanese text with fugashi + unidic-lite.

    >>> a = JapaneseAnalyzer()
    >>> "罹災" in a.analyze("罹災証明書の発行").words
    True
    """

    def __init__(self) -> None:
        self._tagger: fugashi.Tagger | None = None

    @property
    def tagger(self) -> fugashi.Tagger:
        if self._tagger is None:
            self._tagger = fugashi.Tagger()
        return self._tagger

    @staticmethod
    def dictionary_version() -> str:
        """Version of the UniDic package, recorded in index manifests."""
        return "unidic-lite " + importlib.metadata.version("unidic-lite")

    def tokenize(self, text: str, *, normalized: bool = False) -> list[Token]:
        """Morphemes of ``text`` with offsets into the normalised text."""
        norm = text if normalized else normalize(text)
        pattern, terms = _protected_terms()
        tokens: list[Token] = []
        cursor = 0
        for match in pattern.finditer(norm) if pattern else ():
            tokens.extend(self._tag(norm[cursor : match.start()], cursor))
            term = match.group(0)
            tokens.append(Token(term, match.start(), term, "名詞", terms[term], True))
            cursor = match.end()
        tokens.extend(self._tag(norm[cursor:], cursor))
        return tokens

    def _tag(self, text: str, offset: int) -> list[Token]:
        tokens: list[Token] = []
        cursor = 0
        for word in self.tagger(text) if text.strip() else ():
            surface = word.surface
            if not surface.strip():
                continue
            start = text.find(surface, cursor)
            start = cursor if start < 0 else start
            cursor = start + len(surface)
            feature = word.feature
            pos = getattr(feature, "pos1", None) or "*"
            lemma = getattr(feature, "lemma", None) or surface
            lemma = lemma.split("-")[0] or surface
            if KANA_ONLY.match(surface):
                reading = to_katakana(surface)
            else:
                reading = getattr(feature, "kana", None) or to_katakana(surface)
            content = (
                (pos in CONTENT_POS or getattr(feature, "pos2", "") == "数詞")
                and lemma not in STOP_LEMMAS
                and bool(_MATCHABLE.search(surface))
            )
            tokens.append(Token(surface, offset + start, lemma, pos, reading, content))
        return tokens

    def tokenize_original(self, text: str) -> list[Token]:
        """Morphemes with offsets into ``text`` exactly as typed (for Rasa's entity spans).

        The surface is the typed text; the lemma is normalised (width, case and 表記ゆれ) so features
        built on lemmas agree with the FAQ index.
        """
        width_normalised, owners = normalize_with_offsets(text)
        tokens: list[Token] = []
        for token in self.tokenize(width_normalised, normalized=True):
            start = owners[token.start]
            end = owners[token.start + len(token.text) - 1] + 1
            lemma = normalize(token.lemma) or token.lemma
            tokens.append(Token(text[start:end], start, lemma, token.pos, token.reading, token.content))
        return tokens

    def analyze(self, text: str) -> Analysis:
        """Normalise ``text`` and derive the three views retrieval uses."""
        return _analyze_cached(self, text)

    def _analyze(self, text: str) -> Analysis:
        norm = normalize(text)
        tokens = self.tokenize(norm, normalized=True)
        words: list[str] = []
        readings: list[str] = []
        for token in tokens:
            if token.content:
                words.append(token.lemma)
            if token.pos not in ("補助記号", "記号", "空白"):
                readings.append(token.reading)
        reading_text = "".join(readings)
        surface_text = re.sub(r"[^\w\u3041-\u30ff\u4e00-\u9fff々ー]", "", norm)
        return Analysis(
            normalized=norm,
            tokens=tuple(tokens),
            words=tuple(words),
            reading_grams=tuple(_bigrams(reading_text)),
            char_grams=tuple(_bigrams(surface_text)),
        )


def analysis_bytes(analysis: Analysis) -> int:
    """A generous estimate of an analysis' memory (measured with tracemalloc: ~370 bytes a character of
    Japanese text, most of it the tokens' strings), without walking it."""
    grams = len(analysis.reading_grams) + len(analysis.char_grams)
    strings = 2 * len(analysis.normalized) + 8 * len(analysis.words)
    return 1024 + strings + 480 * len(analysis.tokens) + 96 * grams


class AnalysisCache:
    """Recent analyses, least recently used evicted first, bounded by their estimated bytes.

    Only texts up to ``max_chars`` are kept (questions, entry texts); a 1,000-character query costs
    ~0.4 MB, so the old 4,096-entry cache could grow to gigabytes a worker on unique long queries.
    """

    def __init__(self, max_bytes: int = 64 * 1024 * 1024, max_chars: int = 1000):
        self.max_bytes = max_bytes
        self.max_chars = max_chars
        self.bytes = 0
        self._entries: OrderedDict[tuple[type, str], tuple[Analysis, int]] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, analyzer: JapaneseAnalyzer, text: str) -> Analysis:
        key = (type(analyzer), text)
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found[0]
        analysis = analyzer._analyze(text)
        if len(text) > self.max_chars:
            return analysis
        size = analysis_bytes(analysis) + 2 * len(text)
        with self._lock:
            if key not in self._entries and size <= self.max_bytes:
                self._entries[key] = (analysis, size)
                self.bytes += size
                while self.bytes > self.max_bytes:
                    _, (_, dropped) = self._entries.popitem(last=False)
                    self.bytes -= dropped
        return analysis

    def __len__(self) -> int:
        return len(self._entries)

    def cache_clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.bytes = 0


# One for the process: the index, the chat's helpers and the tokenizer analyse the same texts.
_analyze_cached = AnalysisCache()


@lru_cache(maxsize=1)
def shared_analyzer() -> JapaneseAnalyzer:
    """One analyzer (one fugashi tagger) for the helpers that read residents' messages on the event loop
    (follow-up context, damage words). Code on other threads keeps its own: a tagger is not shared across
    threads."""
    return JapaneseAnalyzer()
