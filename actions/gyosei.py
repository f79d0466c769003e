"""行政相談 routing: prefecture (and Hokkaido area) → the きくみみ card → an optional 相談メモ hand-off."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.asks import ask
from actions.common import count_turn, directory, faq_service, kikumimi_card
from actions.disaster import extract_place, hokkaido_slot, validate_place
from faq.content.messages import message
from faq.content.organisations import centre_id
from faq.metrics import HANDOFFS
from faq.residents.handoff import is_a_topic, memo_preview, save_memo

CONTACT_METHODS = ("電話", "メール", "来訪")
FLOW_SLOTS = ("hokkaido_place", "handoff_consent", "contact_method", "handoff_topic", "handoff_centre")


class ValidateGyoseiForm(FormValidationAction):
    def name(self) -> str:
        return "validate_gyosei_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        slots = list(domain_slots)
        if tracker.get_slot("prefecture") != "北海道" and "hokkaido_place" in slots:
            slots.remove("hokkaido_place")
        if tracker.get_slot("handoff_consent") == "no":
            slots = [s for s in slots if s not in ("handoff_topic", "contact_method")]
        return slots

    async def extract_prefecture(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        return extract_place(dispatcher, tracker, with_area=True)

    def validate_prefecture(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        return validate_place(value, dispatcher, tracker, "福岡県")

    def validate_hokkaido_place(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        area = hokkaido_slot(directory().resolve(str(value or ""), within="北海道").place)
        if area is None:
            dispatcher.utter_message(text=message("gyosei.hokkaido_place_again"))
        return {"hokkaido_place": area}

    def validate_handoff_topic(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        """The trouble in the resident's words; a contact method or 「苦情を言いたい」 is asked again."""
        text = str(value or "").strip()
        if text.startswith("/") or not is_a_topic(text):
            dispatcher.utter_message(text=message("handoff_memo.not_a_topic"))
            return {"handoff_topic": None}
        return {"handoff_topic": text}

    def validate_contact_method(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        text = str(value or "")
        if text == "no":
            return {"contact_method": "no"}  # 「残さない」: the resident withdrew consent
        for method in CONTACT_METHODS:
            if method in text or (method == "来訪" and ("窓口" in text or "行く" in text)):
                return {"contact_method": method}
        dispatcher.utter_message(text=message("gyosei.contact_method_again"))
        return {"contact_method": None}


class ActionAskHandoffConsent(Action):
    """Show the contact card first, then offer the hand-off."""

    def name(self) -> str:
        return "action_ask_handoff_consent"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        text = " ".join(filter(None, [tracker.get_slot("prefecture"), tracker.get_slot("hokkaido_place")]))
        centre = directory().for_text(text)
        if centre:
            kikumimi_card(dispatcher, centre, lead=message("card.lead_nearby"), place_text=text)
        ask(dispatcher, "action_ask_handoff_consent")
        # The memo goes to the centre shown here, whatever place the topic mentions later.
        return [SlotSet("handoff_centre", str(centre.number) if centre else None)]


class ActionAskContactMethod(Action):
    """Show what will be stored (redacted) and ask consent with the way to be contacted."""

    def name(self) -> str:
        return "action_ask_contact_method"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        preview = memo_preview(tracker.get_slot("handoff_topic") or "")
        dispatcher.utter_message(text=f"{message('handoff_memo.show')}\n「{preview}」")
        ask(dispatcher, "action_ask_contact_method")
        return []


class ActionGyoseiRouting(Action):
    """After the form: store the 相談メモ when the resident agreed, and say what happens next."""

    def name(self) -> str:
        return "action_gyosei_routing"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        events = [SlotSet(s, None) for s in FLOW_SLOTS]
        count_turn("flow", "行政相談", tracker.get_slot("prefecture"))
        if tracker.get_slot("handoff_consent") == "yes" and tracker.get_slot("contact_method") == "no":
            dispatcher.utter_message(text=message("handoff_memo.not_stored"))
            return events
        if tracker.get_slot("handoff_consent") != "yes":
            dispatcher.utter_message(text=message("gyosei.no_memo"))
            return events
        centre = directory().by_number(tracker.get_slot("handoff_centre"))
        if centre is None:  # no card was shown (no place known): the place the flow settled, if any
            slots = ("prefecture", "hokkaido_place")
            centre = directory().for_text(" ".join(filter(None, map(tracker.get_slot, slots))))
        memo = save_memo(
            faq_service().store,
            tracker.get_slot("handoff_topic") or "",
            tracker.get_slot("prefecture") or "",
            centre.name if centre else "",
            tracker.get_slot("contact_method") or "",
            centre=centre_id(centre.number) if centre else "",  # that centre's inbox; none: national
        )
        HANDOFFS.inc()
        dispatcher.utter_message(
            text=message("gyosei.memo_stored", reference=memo.reference),
            json_message={"type": "handoff", "reference": memo.reference},
        )
        return events
