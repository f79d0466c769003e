"""The page's town as evidence (issue 26): on a town's page its own entry answers a question not naming it.

On 輪島市's page 「合同相談所っていつあるがけ？」 ranks 輪島's consultation entry first once the town weighs
in (:meth:`TownPrior.weights`), yet the calibrator — fitted on national questions, which name their topic in
the corpus' words — is unsure of it: dialect endings and the resident's own words are not in the entry, so
the lexical and dense scores and the share of the question the entry contains stay low, and the resident got
もしかして or no answer although the town's own entry answers it. The page says which town is meant; that is
evidence the calibrator never saw. So an entry about the page's town that leads the ranking clearly
(:data:`OWN_LEAD` over its next entry) is answered when the question names no other place. Coverage and
key terms still come after (:func:`faq.search.decision.search`): a question asking what
the town's entry does not say (「整理券って何時から配るの」, 「手話通訳の人おられますか」) stays もしかして,
so the town never turns a near-miss into an answer.

>>> town = TownPrior(index.entries, index.analyzer)                                 # doctest: +SKIP
>>> town.leads(fused, ("輪島市", "輪島"), "合同相談所っていつあるがけ？", entry)             # doctest: +SKIP
True
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from faq.model import FaqEntry
from faq.text import JapaneseAnalyzer, normalize

# How much more an entry about the conversation's town weighs: the largest prior that cost no dev national
# question on the town's page (tests/data/town_page tuning split and faq_queries dev, 2026-12-07).
TOWN_PRIOR = 0.4
# The town's entry answers when its score (with the prior) is this share above the town's next entry (the page
# says which town, not which of its entries) and this share above the best entry not about the town: chosen
# on the tuning split of tests/data/town_page against the near-miss tuning split asked on the page.
OWN_LEAD = 0.6
OTHERS_LEAD = 0.05
PLACE = "地名"
SENTENCE_END = "。"  # UniDic's third level of a proper noun that names a place


class TownPrior:
    """Which entries are about a town (its name in their phrasings), and when the town decides the answer."""

    def __init__(self, entries: Sequence[FaqEntry], analyzer: JapaneseAnalyzer) -> None:
        self.entries = entries
        self.analyzer = analyzer
        self._about: dict[tuple[str, ...], np.ndarray] = {}
        self._texts: dict[tuple[str, ...], str] = {}  # the town's entries' words, for places named elsewhere
        self._positions = {entry.id: i for i, entry in enumerate(entries)}

    def about(self, names: tuple[str, ...]) -> np.ndarray:
        """A mask of the entries about the town (any of ``names``), computed once per town: those whose
        phrasings name it, or whose answer names it in its first sentence — the sentence that says where the
        answer holds (「輪島市の災害合同相談所では「地震で土地の境界が…」」, asked without the town)."""
        if names not in self._about:
            wanted = [normalize(n) for n in names if n]
            self._about[names] = np.fromiter(
                (any(w in text for text in _where_it_holds(e) for w in wanted) for e in self.entries),
                dtype=bool,
                count=len(self.entries),
            )
        return self._about[names]

    def weights(self, names: tuple[str, ...], queries: tuple[str, ...] = ()) -> np.ndarray | None:
        """The prior the ranking multiplies by: :data:`TOWN_PRIOR` more for the town's entries; None when
        there is no town, no entry is about it, or the question (any of ``queries``: as typed, as searched)
        names a place none of the town's entries does — 「ｷｸﾐﾐ ｵｵｲﾀ ﾖﾔｸ ﾋﾂﾖｳ？」 on 輪島's page asks about
        大分's centre, not 輪島's 予約."""
        if not names:
            return None
        about = self.about(names)
        if not about.any() or any(self._elsewhere(query, names) for query in queries):
            return None
        return (1.0 + TOWN_PRIOR * about).astype(np.float32)

    def _elsewhere(self, query: str, names: tuple[str, ...]) -> list[str]:
        """The place names in ``query`` that none of the town's entries contains."""
        if names not in self._texts:
            own = [e for e, about in zip(self.entries, self.about(names), strict=True) if about]
            self._texts[names] = normalize(" ".join(t for e in own for t in (*e.phrasings, e.answer)))
        return [name for name in self._place_names(query) if name not in self._texts[names]]

    def _place_names(self, query: str) -> list[str]:
        return [w.surface for w in self.analyzer.tagger(normalize(query)) if w.feature.pos3 == PLACE]

    def leads(self, fused: np.ndarray, names: tuple[str, ...], query: str, entry: FaqEntry) -> bool:
        """Whether the page's town decides the answer: the top ``entry`` is about the town; in ``fused`` (the
        ranking's scores, with the prior) it leads the town's next entry by :data:`OWN_LEAD` and every entry
        not about the town by :data:`OTHERS_LEAD`; and the question names no place the entry does not
        (「金沢の子供に」, 「きくみみ東京」 ask about somewhere else; 「能登の相談所」 names the entry's own
        area)."""
        if not names:
            return False
        about, top = self.about(names), self._positions[entry.id]
        if not about[top]:
            return False
        own = np.delete(fused, top)[np.delete(about, top)]
        others = fused[~about]
        if own.size and fused[top] < (1.0 + OWN_LEAD) * float(own.max()):
            return False
        if others.size and fused[top] < (1.0 + OTHERS_LEAD) * float(others.max()):
            return False
        return not self.other_places(query, entry)

    def other_places(self, query: str, entry: FaqEntry) -> list[str]:
        """The place names in ``query`` (UniDic 地名) that ``entry``'s phrasings and answer do not contain."""
        text = normalize(" ".join((*entry.phrasings, entry.answer)))
        return [name for name in self._place_names(query) if name not in text]


def _where_it_holds(entry: FaqEntry) -> list[str]:
    """The texts that say which place an entry is about: its phrasings and its answer's first sentence."""
    return [normalize(text) for text in (*entry.phrasings, entry.answer.split(SENTENCE_END)[0])]
