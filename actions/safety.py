"""Safety first, inside the dialogue: the 119 / 110 / crisis-line reply and the answers to abuse.

The chat route recognises these messages before NLU (faq.safety) and hands Rasa an intent payload, so the
turn is recorded in the tracker like any other. These actions only lay out the reply; its words come from
the 緊急・安全 entries, the domain's responses and the きくみみ directory.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    complaint_line_text,
    count_turn,
    directory,
    faq_service,
    flows,
    kikumimi_card,
    nearby_kikumimi_button,
)
from faq.content.messages import message
from faq.safety import SafetyKind
from faq.safety.replies import ABUSE_INTENTS, DANGER_INTENT, danger_reply, safety_entry

logger = logging.getLogger(__name__)
_PAYLOADS = tuple("/" + name for name in (DANGER_INTENT, *ABUSE_INTENTS.values()))


def forget_the_payload(tracker: Tracker) -> list[EventType]:
    """A flow's free-text slot may have taken the payload as the resident's answer: undo that."""
    return [
        SlotSet(name, None)
        for name, value in tracker.slots.items()
        if isinstance(value, str) and value.startswith(_PAYLOADS)
    ]


class ActionSafetyAlert(Action):
    """The number first, at once; any flow is stopped, with a button to go back to it."""

    def name(self) -> str:
        return "action_safety_alert"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        value = next(tracker.get_latest_entity_values("safety_kind"), None)
        kind = SafetyKind(value) if value in {k.value for k in SafetyKind if k.danger} else None
        entry = safety_entry(faq_service(), kind) if kind else None
        if kind is None or entry is None:
            logger.error("safety_alert without a known kind or entry (%s); answered as a question", value)
            from actions.answering import ActionAnswerFaq

            return ActionAnswerFaq().run(dispatcher, tracker, domain)
        flow = tracker.active_loop_name
        resume = flows().resume_button_for(flow)
        reply = danger_reply(entry, kind, resume)
        dispatcher.utter_message(text=reply["text"], buttons=reply["buttons"], json_message=reply["custom"])
        count_turn("safety", entry.category)
        events = forget_the_payload(tracker)
        if flow:
            events += [ActiveLoop(None), SlotSet("requested_slot", None)]
        return events


class ActionContactPerson(Action):
    """After an insult: the people who can help, from the directory (the local きくみみ when the
    prefecture is known). Changes nothing else."""

    def name(self) -> str:
        return "action_contact_person"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        d = directory()
        prefecture = tracker.get_slot("prefecture")
        centre = d.for_text(prefecture) if isinstance(prefecture, str) else None
        if centre is not None:
            kikumimi_card(dispatcher, centre, place_text=prefecture)
        else:
            line = d.complaint_line
            dispatcher.utter_message(
                text=message("card.contacts", complaint_line=complaint_line_text(), web_form=d.web_form.url),
                buttons=[nearby_kikumimi_button()],
                json_message={"type": "contacts", "phone": line.phone, "web_form": d.web_form.url},
            )
        return forget_the_payload(tracker)


class ActionForgetSafetyPayload(Action):
    """After a refusal: undo a flow slot that took the payload, so the flow asks its question again."""

    def name(self) -> str:
        return "action_forget_safety_payload"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        return forget_the_payload(tracker)
