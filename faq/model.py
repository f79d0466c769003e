"""Plain data types of the FAQ domain, free of any framework."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date


class TextEnum(str, enum.Enum):
    """A string enum that prints and formats as its value (in logs, JSON, templates), as the bare
    strings it replaces did; stored rows keep the plain value."""

    def __str__(self) -> str:
        return str.__str__(self)

    def __format__(self, spec: str) -> str:
        return str.__format__(str.__str__(self), spec)


class VersionStatus(TextEnum):
    """Where one version of an entry is in the workflow draft → review → published → retired."""

    DRAFT = "draft"
    REVIEW = "review"  # submitted, waiting for a reviewer
    PUBLISHED = "published"
    RETIRED = "retired"


LIVE_STATUSES = (VersionStatus.PUBLISHED, VersionStatus.RETIRED)  # a live version decides the answer


AUDIENCES = ("住民", "被災者", "協力隊志望者", "自治体職員")
# What an entry file may say of itself (an entry waiting for review is exported as draft).
STATUSES = (VersionStatus.DRAFT, VersionStatus.PUBLISHED, VersionStatus.RETIRED)
CATEGORIES = (
    "地域おこし協力隊",
    "地域活性化起業人",
    "行政相談",
    "災害時の生活支援",
    "移住・関係人口",
    "地域づくり・地域運営",
    "地域活性化センター",
    "Govbot・このサービス",
    "緊急・安全",
)


@dataclass(frozen=True, slots=True)
class Source:
    """Where an answer comes from: a seed document and section, or a law or official page."""

    document: str
    section: str
    ref: str

    def citation(self) -> str:
        """One line for residents, e.g. ``総務省「…」資料（令和8年1月） 地域おこし協力隊の概要``.

        The line reference (``002:L1165``) is for staff: it travels in the answer's ``custom`` payload.
        """
        section = f" {self.section}" if self.section else ""
        return f"{self.document}{section}"


@dataclass(frozen=True, slots=True)
class FaqEntry:
    """One published question and its answer."""

    id: str
    category: str
    question: str
    answer: str
    source: Source
    last_checked: date
    alternates: tuple[str, ...] = ()
    audience: tuple[str, ...] = ()
    status: str = "published"
    # The answer in やさしい日本語 (short sentences, everyday words), saying nothing the answer does not.
    easy_ja: str = ""
    # The organisation that writes and publishes the entry (faq/content/organisations.py): national,
    # centre:<n> or municipality:<6-digit 団体コード>.
    owner: str = "national"

    @property
    def phrasings(self) -> tuple[str, ...]:
        """The question first, then its alternates."""
        return (self.question, *self.alternates)


class Outcome(TextEnum):
    """What the assistant should do with a search result."""

    ANSWER = "answer"  # confident: give the top entry
    CLARIFY = "clarify"  # unsure: offer the top three as choices
    NO_ANSWER = "no_answer"  # nothing fits: say so and route to a person


@dataclass(frozen=True, slots=True)
class Hit:
    """One ranked entry with the scores that placed it."""

    entry: FaqEntry
    score: float  # fused score used for ranking
    lexical: float = 0.0  # BM25 part, before fusion
    dense: float = 0.0  # cosine similarity, before fusion


@dataclass(frozen=True, slots=True)
class AskedFact:
    """A kind of fact a question asks for, read from its question word (faq/search/coverage.py)."""

    kinds: tuple[str, ...]  # amount, when, days, hours, ... (faq/data/asked_facts.yml): any of them answers
    label: str  # what residents read: 金額, 日数, 割合
    words: str  # the resident's own words that ask it: 「何日」「いくら」


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Ranked hits plus the calibrated decision about them."""

    query: str
    hits: tuple[Hit, ...]
    outcome: Outcome
    confidence: float  # estimated probability that hits[0] answers the query
    revision: str = ""
    timings_ms: dict[str, float] = field(default_factory=dict)
    # What the question asks for that the top entry's answer does not carry (「金利は何％？」 against an entry
    # that states no rate): such a result is never answered from the entry (coverage before an answer).
    uncovered: tuple[AskedFact, ...] = ()
    # The question's key terms the top entry has no counterpart for, when they made an answer もしかして
    # (「手話」「通訳」 against the 輪島 consultation entry; faq/search/key_terms.py).
    unmatched: tuple[str, ...] = ()
