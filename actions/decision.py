"""What one question gets, decided once before anything is said (:class:`Decision`)."""

from __future__ import annotations

from dataclasses import dataclass

from faq.eligibility.verdicts import Verdict
from faq.model import Outcome, SearchResult
from faq.places.directory import Kikumimi


@dataclass
class Decision:
    """What one question gets: the way to pick a place (``ask_place``), a place's きくみみ card
    (``card``), the damage list (``damage``) or the search's reply (``search``)."""

    kind: str
    result: SearchResult | None = None
    centre: Kikumimi | None = None
    needs: tuple[str, ...] = ()
    verdict: Verdict | None = None  # the resident's own case under the answered entry's rule

    @property
    def answers(self) -> tuple[str, str] | None:
        """What answers the question, when something does with confidence: ("card", きくみみ石川),
        ("entry", id); None for a choice, the damage list, もしかして or no answer."""
        if self.kind == "card" and self.centre is not None:
            return ("card", self.centre.name)
        if self.kind == "search" and self.result is not None and self.result.outcome is Outcome.ANSWER:
            return ("entry", self.result.hits[0].entry.id)
        return None
