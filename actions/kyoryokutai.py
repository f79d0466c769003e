"""地域おこし協力隊 eligibility flow: a verdict that quotes the rule and its source, never more."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import count_turn, faq_payload, faq_service
from faq.content.messages import cue_pattern, message, source_line
from faq.content.store import FaqStore
from faq.errors import FaqNotFound
from faq.model import FaqEntry

logger = logging.getLogger(__name__)

# The facts the verdict quotes, each from the entry staff edit: the rule (住民票と生活の拠点), the term
# (概ね1～3年, the 5-year special case), caps on 特別交付税措置 for a start-up, the support desk (address).
RULE_ENTRY = "kyoryokutai-eligibility"
TERM_ENTRY = "kyoryokutai-term-length"
STARTUP_ENTRY = "kyoryokutai-kigyo-support-amount"
SUPPORT_DESK_ENTRY = "kyoryokutai-consult"
EXTENSION_ENTRY = "kyoryokutai-term-extension-5yr"
STAFF_ENTRIES = ("kyoryokutai-tokko-overview", "kyoryokutai-advisor-what", "kyoryokutai-training-jichitai")
ANSWER = {"yes": "yes", "no": "no"}


def yes_no(value: Any) -> str | None:
    text = str(value or "")
    if text in ANSWER:
        return text
    if cue_pattern("kyoryokutai.answer_unknown").search(text):
        return "unknown"
    if cue_pattern("kyoryokutai.answer_no").search(text):
        return "no"
    if cue_pattern("kyoryokutai.answer_yes").search(text):
        return "yes"
    return None


class ValidateKyoryokutaiForm(FormValidationAction):
    def name(self) -> str:
        return "validate_kyoryokutai_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        if tracker.get_slot("role") == "staff":
            return ["role"]
        return domain_slots

    def validate_role(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        text = str(value or "")
        if text in ("member", "staff"):
            return {"role": text}
        if cue_pattern("kyoryokutai.role_staff").search(text):
            return {"role": "staff"}
        if cue_pattern("kyoryokutai.role_member").search(text):
            return {"role": "member"}
        dispatcher.utter_message(text=message("kyoryokutai.role_again"))
        return {"role": None}

    def validate_lives_in_city(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        answer = yes_no(value)
        if answer is None:
            dispatcher.utter_message(text=message("kyoryokutai.yes_no_again"))
        return {"lives_in_city": answer}

    def validate_will_move(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        answer = yes_no(value)
        if answer not in ("yes", "no"):
            dispatcher.utter_message(text=message("kyoryokutai.will_move_again"))
            return {"will_move": None}
        return {"will_move": answer}


class ActionKyoryokutaiVerdict(Action):
    def name(self) -> str:
        return "action_kyoryokutai_verdict"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        if tracker.get_slot("role") == "staff":
            self._staff(dispatcher)
        else:
            self._member(dispatcher, tracker)
        count_turn("flow", "地域おこし協力隊")
        return [SlotSet(s, None) for s in ("role", "lives_in_city", "will_move", "activity")]

    def _member(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
        city, move = tracker.get_slot("lives_in_city"), tracker.get_slot("will_move")
        activity = str(tracker.get_slot("activity") or "")
        store = faq_service().store
        if move == "no":
            verdict = "verdict_will_not_move"
        elif city == "no":
            verdict = "verdict_not_city"
        elif city == "unknown":
            verdict = "verdict_city_unknown"
        else:
            verdict = "verdict_fits"
        lines = [message(f"kyoryokutai.{verdict}"), *facts(store, RULE_ENTRY, TERM_ENTRY)]
        if cue_pattern("kyoryokutai.local_industry").search(activity):
            lines.append(message("kyoryokutai.local_industry", activity=activity[:30]))
        lines += [
            *facts(store, STARTUP_ENTRY),
            message("kyoryokutai.next_steps"),
            *facts(store, SUPPORT_DESK_ENTRY),
        ]
        buttons = [
            {"title": entry.question, "payload": faq_payload(entry.id)}
            for entry in (published(store, SUPPORT_DESK_ENTRY), published(store, EXTENSION_ENTRY))
            if entry is not None
        ]
        dispatcher.utter_message(
            text="\n\n".join(lines),
            buttons=buttons,
            json_message={
                "type": "kyoryokutai_verdict",
                "verdict": verdict,
                "lives_in_city": city,
                "will_move": move,
            },
        )

    def _staff(self, dispatcher: CollectingDispatcher) -> None:
        store = faq_service().store
        parts = [message("kyoryokutai.staff_lead")]
        for entry_id in STAFF_ENTRIES:
            entry = published(store, entry_id)
            if entry is not None:
                parts.append(
                    message(
                        "kyoryokutai.staff_entry",
                        question=entry.question,
                        answer=entry.answer,
                        source_line=source_line(entry),
                    )
                )
        dispatcher.utter_message(text="\n\n".join(parts), json_message={"type": "kyoryokutai_staff"})


def published(store: FaqStore, entry_id: str) -> FaqEntry | None:
    """The entry as staff last published it; None (logged) when it was retired or removed."""
    try:
        entry = store.get(entry_id)
    except FaqNotFound:
        logger.warning("kyoryokutai verdict: entry %s is missing", entry_id)
        return None
    if entry.status != "published":
        logger.warning("kyoryokutai verdict: entry %s is %s, left out", entry_id, entry.status)
        return None
    return entry


def facts(store: FaqStore, *entry_ids: str) -> list[str]:
    """Each entry's answer with its source (document and section), as the verdict quotes them."""
    return [
        message("kyoryokutai.fact", answer=entry.answer, citation=entry.source.citation())
        for entry in (published(store, entry_id) for entry_id in entry_ids)
        if entry is not None
    ]
