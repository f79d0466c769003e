"""What one question gets, decided once before anything is said (:class:`Decision`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from faq.eligibility.verdicts import Verdict
from faq.model import Outcome, SearchResult
from faq.places.directory import Kikumimi
from faq.places.resolver import Resolution


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


class Answerer(Protocol):
    """What answers one question: decides it, then says it (the FAQ action; a message of several questions
    hands each of its parts back to it)."""

    def decide(
        self,
        text: str,
        place_text: str,
        where: Resolution,
        result: SearchResult | None = None,
        alongside: bool = False,
    ) -> Decision: ...

    def reply(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        decision: Decision,
        place_text: str,
        where: Resolution,
        subject: str | None,
    ) -> list: ...
