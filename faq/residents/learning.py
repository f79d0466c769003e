"""The learning loop: residents' questions that got no confident answer, kept (redacted) for staff.

Two kinds of *items* reach staff:

* ``unanswered`` — a chat turn where the search only offered choices (clarify) or found nothing (no_answer);
* ``feedback`` — a 役に立たなかった vote that came with the resident's question (the answer shown was wrong
  or not enough). Votes without a question have nothing to learn from; they still count per entry.

Staff see the open items grouped by similarity, so thirty ways of asking for a 罹災証明書 are one decision:
add them to an existing entry as an alternate phrasing (a new *draft* version, published by a reviewer as
usual), make a new entry, or dismiss them. Either way the items are marked resolved and leave the list.

Framework-free: the console routes and the Rasa actions both call these functions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING

import numpy as np
from sqlalchemy import select, update

from faq.content.permissions import EntryAction, can_see, require
from faq.content.store import FaqStore
from faq.content.versions import Actor, EntryVersion, EntryVersions
from faq.errors import FaqError, FaqNotFound
from faq.residents.feedback import MAX_QUESTION_CHARS, FeedbackRow, conversation_key
from faq.residents.privacy import redact, without_placeholders
from faq.tables import UnansweredRow
from faq.text import normalize

if TYPE_CHECKING:
    from faq.service import FaqService

UNANSWERED, FEEDBACK = "unanswered", "feedback"
KINDS = (UNANSWERED, FEEDBACK)
OUTCOMES = ("clarify", "no_answer")
NOT_HELPFUL = "not_helpful"  # the outcome shown for a feedback item
MAX_RESOLUTION_CHARS = 500
DEFAULT_LIMIT = 500

# Grouping thresholds, measured by clustering the first 500 in-scope queries of tests/data/faq_queries.jsonl
# (labelled with fine-grained entries, so a sibling entry counts as a wrong join). Project encoder,
# cosine >= 0.65: 141 questions joined a group, 17 of them one led by another entry's question (0.6:
# 188 / 43, 0.7: 97 / 9). Content lemmas, Jaccard >= 0.5: 57 joined, 33 wrongly (0.4: 90 / 63, 0.6:
# 23 / 9) — lemma overlap is a weak signal for short questions and only the fallback for deployments
# without an encoder. A wrong join costs more than a missed one, and staff can untick a member that
# does not belong before they decide.
DENSE_THRESHOLD = 0.65
LEXICAL_THRESHOLD = 0.5
DENSE, LEXICAL = "dense", "lexical"


class LearningError(FaqError):
    """A learning-loop request that cannot be carried out (bad item reference, empty phrasing...)."""


@dataclass(frozen=True, order=True)
class ItemRef:
    """Which stored row an item is: ``unanswered:12`` or ``feedback:7`` in forms and the API."""

    kind: str
    id: int

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"

    @classmethod
    def parse(cls, text: str) -> ItemRef:
        kind, _, number = text.strip().partition(":")
        if kind not in KINDS or not number.isdigit() or len(number) > 12:
            raise LearningError(f"not an item reference: {text[:40]!r} (expected unanswered:N or feedback:N)")
        return cls(kind, int(number))


def parse_refs(texts: Iterable[str]) -> list[ItemRef]:
    """Item references from form fields or JSON, de-duplicated in order; raises LearningError."""
    refs: list[ItemRef] = []
    for text in texts:
        ref = ItemRef.parse(text)
        if ref not in refs:
            refs.append(ref)
    return refs


@dataclass(frozen=True)
class LearningItem:
    """One open question for staff, redacted."""

    ref: ItemRef
    question: str
    outcome: str  # clarify | no_answer | not_helpful
    entry_ids: tuple[str, ...]  # the entries offered (clarify) or the answer voted down (feedback)
    created_at: datetime


@dataclass(frozen=True)
class Suggestion:
    """What the search picks today for a group's representative question."""

    entry_id: str
    question: str
    score: float
    confidence: float
    outcome: str  # the calibrated decision: answer | clarify | no_answer


@dataclass(frozen=True)
class LearningGroup:
    """Similar questions, to be handled with one decision."""

    representative: str
    members: tuple[LearningItem, ...]
    suggestion: Suggestion | None

    @property
    def count(self) -> int:
        return len(self.members)

    @property
    def refs(self) -> list[ItemRef]:
        return [m.ref for m in self.members]


@dataclass(frozen=True)
class AlternateAdded:
    """The outcome of adding a question to an entry as an alternate phrasing."""

    entry_id: str
    version: int  # the entry's working version afterwards
    added: bool  # False when the entry already had this phrasing (no new version)
    resolved: int  # items marked resolved


# -- recording --------------------------------------------------------------------------------------
def record_unanswered(
    store: FaqStore, question: str, outcome: str, candidate_ids: Sequence[str], sender: str
) -> int | None:
    """Keep a question the assistant could not answer confidently; returns the row id (None: nothing kept).

    The text is redacted here whatever the caller did, so no phone number or マイナンバー is ever stored.
    """
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome must be one of {OUTCOMES}, got {outcome!r}")
    text = redact(question.strip())[:MAX_QUESTION_CHARS].strip()
    if not text:
        return None
    row = UnansweredRow(
        question=text,
        outcome=outcome,
        candidates=json.dumps(list(candidate_ids), ensure_ascii=False),
        conversation=conversation_key(sender),
        created_at=datetime.now(timezone.utc),
    )
    with store.session() as session, session.begin():
        session.add(row)
        session.flush()
        return int(row.id)


# -- reading ----------------------------------------------------------------------------------------
def _unanswered_item(row: UnansweredRow) -> LearningItem:
    try:
        candidates = tuple(str(c) for c in json.loads(row.candidates or "[]"))
    except ValueError:
        candidates = ()
    return LearningItem(ItemRef(UNANSWERED, row.id), row.question, row.outcome, candidates, row.created_at)


def _feedback_item(row: FeedbackRow) -> LearningItem:
    return LearningItem(ItemRef(FEEDBACK, row.id), row.question, NOT_HELPFUL, (row.faq_id,), row.created_at)


def _open_votes():
    """Unresolved 役に立たなかった votes that say what the resident asked."""
    return select(FeedbackRow).where(
        FeedbackRow.resolved_at.is_(None), FeedbackRow.helpful.is_(False), FeedbackRow.question != ""
    )


_MEANINGFUL = re.compile(r"[ぁ-んァ-ヶ一-龠々〆ヵヶA-Za-zＡ-Ｚａ-ｚ]")


def is_noise(question: str) -> bool:
    """A message nobody can improve an entry from: digits and symbols only (「12345」「？？」), or one
    character. Hidden from 改善候補 by default, never deleted."""
    return len(question.strip()) <= 1 or not _MEANINGFUL.search(question)


def learning_items(store: FaqStore, limit: int = DEFAULT_LIMIT) -> list[LearningItem]:
    """The open items, newest first: unresolved unanswered questions and 役に立たなかった votes."""
    with store.session() as session:
        unanswered = session.execute(
            select(UnansweredRow)
            .where(UnansweredRow.resolved_at.is_(None))
            .order_by(UnansweredRow.created_at.desc(), UnansweredRow.id.desc())
            .limit(limit)
        ).scalars()
        items = [_unanswered_item(r) for r in unanswered]
        votes = session.execute(
            _open_votes().order_by(FeedbackRow.created_at.desc(), FeedbackRow.id.desc()).limit(limit)
        ).scalars()
        items += [_feedback_item(r) for r in votes]
    items.sort(key=lambda i: i.created_at, reverse=True)
    return items[:limit]


def items_for(store: FaqStore, refs: Sequence[ItemRef]) -> list[LearningItem]:
    """The items named by ``refs`` (resolved or not), in the order given; unknown ones are left out."""
    found: dict[ItemRef, LearningItem] = {}
    with store.session() as session:
        ids = [r.id for r in refs if r.kind == UNANSWERED]
        if ids:
            for row in session.execute(select(UnansweredRow).where(UnansweredRow.id.in_(ids))).scalars():
                found[ItemRef(UNANSWERED, row.id)] = _unanswered_item(row)
        ids = [r.id for r in refs if r.kind == FEEDBACK]
        if ids:
            for vote in session.execute(select(FeedbackRow).where(FeedbackRow.id.in_(ids))).scalars():
                found[ItemRef(FEEDBACK, vote.id)] = _feedback_item(vote)
    return [found[r] for r in refs if r in found]


# -- grouping ---------------------------------------------------------------------------------------
def similarity_text(question: str) -> str:
    """What grouping compares: the normalised question without redaction placeholders."""
    return normalize(without_placeholders(question))


def similarity_method(service: FaqService) -> str:
    """``dense`` when the serving index has an encoder, ``lexical`` otherwise."""
    return DENSE if service.ready and service.index.encoder is not None else LEXICAL


class _Similarity:
    """Similarity between the distinct texts being grouped, by the encoder or by content lemmas."""

    def __init__(self, texts: list[str], service: FaqService, method: str):
        self.vectors: np.ndarray | None = None
        self.words: list[frozenset[str]] = []
        encoder = service.index.encoder if method == DENSE else None
        if encoder is not None:
            vectors = np.asarray(encoder.encode_queries(texts), dtype=np.float32)
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            self.vectors = np.nan_to_num(vectors / np.where(norms > 0, norms, 1.0))
        else:
            self.words = [frozenset(service.analyzer.analyze(t).words) for t in texts]

    def to(self, position: int, others: list[int]) -> np.ndarray:
        """Similarity of text ``position`` to each of ``others`` (cosine or Jaccard, 0..1)."""
        if self.vectors is not None:
            return self.vectors[others] @ self.vectors[position]
        mine = self.words[position]
        return np.array(
            [
                len(mine & self.words[o]) / len(mine | self.words[o]) if mine and self.words[o] else 0.0
                for o in others
            ]
        )


def group_similar(
    items: Sequence[LearningItem], service: FaqService, threshold: float | None = None
) -> list[LearningGroup]:
    """Group similar questions, largest group first.

    Greedy leader clustering over the distinct normalised texts: the most frequent (then newest) text
    leads; every other text joins the most similar leader when the similarity reaches ``threshold``
    (default: :data:`DENSE_THRESHOLD` for the encoder's cosine, :data:`LEXICAL_THRESHOLD` for Jaccard
    over content lemmas), or leads a new group. Identical texts always share a group. Each group carries
    the entry the search would pick today for its representative (the leader's question).

    ``items`` are expected newest first, as :func:`learning_items` returns them.
    """
    if not items:
        return []
    method = similarity_method(service)
    if threshold is None:
        threshold = DENSE_THRESHOLD if method == DENSE else LEXICAL_THRESHOLD
    by_text: dict[str, list[int]] = {}
    for position, item in enumerate(items):
        by_text.setdefault(similarity_text(item.question), []).append(position)
    texts = sorted(by_text, key=lambda t: (-len(by_text[t]), by_text[t][0]))
    similarity = _Similarity(texts, service, method)
    leaders: list[int] = []
    clusters: list[list[int]] = []
    for position in range(len(texts)):
        if leaders:
            scores = similarity.to(position, leaders)
            best = int(np.argmax(scores))
            if scores[best] >= threshold:
                clusters[best].append(position)
                continue
        leaders.append(position)
        clusters.append([position])
    groups = []
    for cluster in clusters:
        positions = sorted(p for t in cluster for p in by_text[texts[t]])
        representative = items[by_text[texts[cluster[0]]][0]].question
        groups.append(
            LearningGroup(
                representative, tuple(items[p] for p in positions), suggest(service, representative)
            )
        )
    groups.sort(key=lambda g: -g.count)  # stable: equal sizes keep the newest-first order
    return groups


def suggest(service: FaqService, question: str) -> Suggestion | None:
    """The entry the search ranks first for ``question`` now (None: no hit, or no index loaded)."""
    if not service.ready or not question.strip():
        return None
    try:
        result = service.search(question, 1)
    except (FaqError, ValueError):
        return None
    if not result.hits:
        return None
    top = result.hits[0]
    return Suggestion(top.entry.id, top.entry.question, top.score, result.confidence, result.outcome.value)


# -- resolving --------------------------------------------------------------------------------------
def resolve(store: FaqStore, refs: Sequence[ItemRef], resolution: str) -> int:
    """Mark the items handled (they leave the list); returns how many were still open."""
    now = datetime.now(timezone.utc)
    note = resolution.strip()[:MAX_RESOLUTION_CHARS]
    resolved = 0
    with store.session() as session, session.begin():
        for kind, model in ((UNANSWERED, UnansweredRow), (FEEDBACK, FeedbackRow)):
            ids = [r.id for r in refs if r.kind == kind]
            if not ids:
                continue
            result = session.execute(
                update(model)
                .where(model.id.in_(ids), model.resolved_at.is_(None))
                .values(resolved_at=now, resolution=note)
                .execution_options(synchronize_session=False)
            )
            resolved += int(result.rowcount or 0)
    return resolved


def _already_phrased(version: EntryVersion, question: str) -> bool:
    wanted = normalize(question)
    return any(normalize(p) == wanted for p in version.entry.phrasings)


def add_alternate(
    store: FaqStore, refs: Sequence[ItemRef], entry_id: str, actor: Actor, question: str | None = None
) -> AlternateAdded:
    """Add a question to an entry as an alternate phrasing (a new draft version) and resolve the items.

    ``question`` defaults to the first item's text; staff may pass an edited phrasing. It is redacted again
    (staff may paste anything). When the entry already has the phrasing no version is written, and the
    items are still resolved. Raises FaqNotFound for an unknown entry and LearningError for no text.

    The draft and the resolution are two transactions: if the second fails, the items stay open and doing
    it again finds the phrasing present and only resolves them.
    """
    if question is None:
        found = items_for(store, refs)
        question = found[0].question if found else ""
    text = redact(question.strip())[:MAX_QUESTION_CHARS].strip()
    if not text:
        raise LearningError("the phrasing to add is empty")
    versions = EntryVersions(store)
    working = versions.working(entry_id)
    # Permission before anything is compared: whether another organisation's draft already has this
    # phrasing must not be learnt from the answer (an entry out of sight is not found).
    if not can_see(actor, working.entry.owner):
        raise FaqNotFound(entry_id)
    require(actor, EntryAction.EDIT, working.entry.owner, entry_id)
    added = not _already_phrased(working, text)
    if added:
        entry = replace(working.entry, alternates=(*working.entry.alternates, text))
        working = versions.save_draft(entry, actor, "改善候補（住民の質問）を言い換えに追加")
    resolved = resolve(store, refs, f"alternate of {entry_id} by {actor.username}")
    return AlternateAdded(entry_id, working.number, added, resolved)
