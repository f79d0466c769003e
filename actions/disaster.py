"""災害時の生活支援 flow: where, what is needed, then the matching guidebook items and where to ask."""

from __future__ import annotations

import json
import re
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.asks import let_go_if_moved_on
from actions.common import (
    answer_if_confident,
    complaint_line_text,
    conversation_municipality,
    conversation_place,
    count_turn,
    directory,
    faq_service,
    latest_text,
    municipality_code,
    resolve_place,
)
from actions.local_windows import give_local_windows
from actions.place_choice import ask_which_place, is_not_this
from faq.content.disaster_needs import (
    KAGOSHIMA,
    NEEDS,
    guide_citation,
    guide_items,
    need_from_text,
    page_label,
)
from faq.content.disasters import active_disasters, disaster_contact
from faq.content.messages import message, prompt
from faq.model import Outcome
from faq.places.resolver import Place, Resolution
from faq.residents.question_counts import DISASTER_CATEGORY
from faq.search.context import DISASTER
from faq.text import normalize


def where_the_answer_says(value: Any, tracker: Tracker) -> tuple[str, Resolution]:
    """The place the resident's answer names (read back as search reads them, ワジマ → 輪島, when it names
    none as typed). The slot's value — the understanding's entity, a guess — is added only when the words
    alone name no place, so 「伊達市です」 is asked about as 伊達市, never as a guessed 「東京都・伊達市」."""
    said = latest_text(tracker)
    text, where = resolve_place(said, tracker)
    if where.place is None and not where.needs_choice and value:
        text, where = resolve_place(" ".join(str(v) for v in (value, said) if v), tracker)
    return text, where


def validate_place(
    value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, example: str
) -> dict[str, Any]:
    """The prefecture slot (and the Hokkaido area when the same words name one), or ask again."""
    # 「ちがう」 to a confirmation (真備町 → 倉敷市?): the flow asks for the prefecture again
    if is_not_this(value) or is_not_this(latest_text(tracker)):
        return {"prefecture": None}
    text, where = where_the_answer_says(value, tracker)
    if where.needs_choice:  # 伊達市, 府中市: ask which, never guess; 真備町: confirm
        ask_which_place(dispatcher, text, where, in_flow=True)
        return {"prefecture": None}
    prefecture = where.place.prefecture if where.place else None
    area = hokkaido_slot(where.place)
    if prefecture is None:
        answer_side_question_or_say_why(dispatcher, tracker, example)
        return {"prefecture": None}
    return {"prefecture": prefecture, **({"hokkaido_place": area} if area else {})}


def hokkaido_slot(place: Place | None) -> str | None:
    """The hokkaido_place slot: the centre's area (函館), or the place itself (北海道北見市) when its centre
    is unconfirmed, so the card can say so; None when no Hokkaido centre is settled."""
    if place is None or place.prefecture != "北海道" or place.hokkaido_area is None:
        return None
    return place.hokkaido_area if directory().area_confirmed(place) else place.label


def extract_place(
    dispatcher: CollectingDispatcher, tracker: Tracker, with_area: bool = False
) -> dict[str, Any]:
    """The prefecture from a message that starts a flow with a place in it (「札幌市中央区です。行政相談の窓口
    を教えて」), which no entity marks, or from the widget page's municipality. A shared name is asked about
    at once; when the flow itself asks for the prefecture, its own slot mapping reads the answer instead.
    ``with_area``: the Hokkaido centre's area too, so the 行政相談 flow does not ask for it again."""
    if tracker.get_slot("prefecture") or tracker.get_slot("requested_slot") == "prefecture":
        return {}
    text, where = resolve_place(latest_text(tracker), tracker)
    if where.needs_choice:
        ask_which_place(dispatcher, text, where, in_flow=True)
    if where.place is None:
        return {}
    area = hokkaido_slot(where.place) if with_area else None
    return {"prefecture": where.place.prefecture, **({"hokkaido_place": area} if area else {})}


_QUESTION_END = re.compile(r"(\?|？|か|の|なに|何|いつ|どこ|だれ|誰|いくら)\W*$")


def answer_side_question_or_say_why(dispatcher: CollectingDispatcher, tracker: Tracker, example: str) -> None:
    """Asked for a prefecture, the resident wrote something else. A question the FAQ answers gets its
    answer; another question is told plainly that the sources do not cover it; anything else is told
    that no prefecture was recognised. The flow then asks for the prefecture again."""
    text = str((tracker.latest_message or {}).get("text") or "").strip()
    result = answer_if_confident(dispatcher, text)
    if result is not None and result.outcome is Outcome.ANSWER:
        return
    if _QUESTION_END.search(normalize(text)):
        dispatcher.utter_message(text=message("disaster.side_question_unanswered", example=example))
        return
    dispatcher.utter_message(text=message("disaster.prefecture_again", example=example))


def disaster_lines(prefecture: str, municipality: str | None = None) -> list[str]:
    """What is active for the prefecture, as staff declared it (read from the database each time): a
    municipality's own disaster only for its residents (``municipality``, the 6-digit 団体コード of the page
    or of the place the resident named; None: not known)."""
    lines = []
    for disaster in active_disasters(faq_service().store, prefecture, municipality):
        since = (
            message("disaster.relief_act", date=disaster.relief_act_applied)
            if disaster.relief_act_applied
            else ""
        )
        if not since and disaster.start_date:
            since = message("disaster.since", date=f"{disaster.start_date:%Y年%-m月%-d日}")
        lines.append(message("disaster.active", name=disaster.name) + (f"（{since}）" if since else ""))
        contact = disaster_contact(disaster, prefecture, directory())
        if contact.dedicated:  # the centre otherwise: local_lines names it once for every disaster
            hours = f"（{contact.hours}）" if contact.hours else ""
            lines.append(f"・{contact.name} {contact.phone}{hours}")
        lines += guidebook_lines(disaster.guidebook, prefecture)
        if disaster.guidebook_url:
            lines.append(message("disaster.guidebook_url", url=disaster.guidebook_url))
        lines += [event_line(event) for event in disaster.events]
        if disaster.special_consultation:
            lines.append(message("disaster.special_consultation"))
    return lines


def guidebook_lines(guidebook: dict, prefecture: str) -> list[str]:
    """A disaster's guidebook and its dial. A guidebook made for another prefecture (鹿児島県版 for a
    熊本 resident) is named as that prefecture's, without its dial: never another prefecture's number
    as the resident's own."""
    name = guidebook.get("name")
    if not name:
        return []
    owner = directory().find_prefecture(name)
    if owner is not None and owner != prefecture:
        centre = directory().for_text(prefecture)
        ask = (
            message(
                "disaster.other_prefecture_window",
                prefecture=prefecture,
                name=centre.name,
                phone=centre.phone,
            )
            if centre
            else ""
        )
        return [message("disaster.other_prefecture_guidebook", owner=owner, name=name, ask=ask)]
    return [f"・{name}"] + ([f"・{guidebook['dial']}"] if guidebook.get("dial") else [])


def event_line(event: dict) -> str:
    """One 特別行政相談所 event: when, where, who; the seed's events also say how to book and whom to ask."""
    details = [event["time"], event["place"], event.get("reservation", "")]
    line = message(
        "disaster.event",
        name=event.get("name") or message("disaster.event_default_name"),
        details="、".join(d for d in details if d),
        specialists=event["specialists"],
    )
    return line + (
        message("disaster.event_contact", contact=event["contact"]) if event.get("contact") else ""
    )


class ValidateDisasterForm(FormValidationAction):
    def name(self) -> str:
        return "validate_disaster_form"

    async def extract_prefecture(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        return extract_place(dispatcher, tracker)

    def validate_prefecture(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        slots = validate_place(value, dispatcher, tracker, "鹿児島県")
        if slots["prefecture"] is None:
            return slots
        found = need_from_text((tracker.latest_message or {}).get("text") or "")
        slots.pop("hokkaido_place", None)
        if found and not tracker.get_slot("need"):
            slots["need"] = found
        return slots

    def validate_need(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        need = str(value) if value in NEEDS else need_from_text(str(value or ""))
        if need is None:
            dispatcher.utter_message(text=message("disaster.need_again"))
            return {"need": None}
        return {"need": need}


class ActionAskDisasterNeed(Action):
    """Before asking what is needed, say where to ask in that prefecture (and what is active there)."""

    def name(self) -> str:
        return "action_ask_disaster_form_need"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        let_go = let_go_if_moved_on(dispatcher, tracker)
        if let_go is not None:
            return let_go
        prefecture = tracker.get_slot("prefecture")
        centre = directory().for_text(prefecture) if prefecture else None
        lines = [message("disaster.your_prefecture", prefecture=prefecture)] if prefecture else []
        lines += disaster_lines(prefecture, conversation_municipality(tracker)) if prefecture else []
        if centre:
            lines.append(
                message(
                    "disaster.window",
                    name=centre.name,
                    phone=centre.phone,
                    address=centre.address,
                    complaint_line=complaint_line_text(),
                )
            )
        question = prompt("action_ask_disaster_form_need")
        lines.append(question["text"])
        dispatcher.utter_message(text="\n".join(lines), buttons=question["buttons"])
        return []


def local_lines(prefecture: str, brief: bool = False, municipality: str | None = None) -> list[str]:
    """The prefecture's window and what is active there for a resident of ``municipality`` (its 団体コード,
    or None) (``brief``: the disasters' names only, for the phone-sized summary; the full list comes with
    a need's items)."""
    centre = directory().for_text(prefecture)
    lines = (
        [
            message(
                "disaster.local_window",
                prefecture=prefecture,
                name=centre.name,
                phone=centre.phone,
                complaint_line=complaint_line_text(),
            )
        ]
        if centre
        else []
    )
    if brief:
        found = active_disasters(faq_service().store, prefecture, municipality)
        return lines + [message("disaster.active", name=d.name) for d in found]
    return lines + disaster_lines(prefecture, municipality)


def support_reply(
    dispatcher: CollectingDispatcher,
    prefecture: str | None,
    need: str | None,
    home: Resolution | None = None,
) -> list:
    """The guidebook items for one need, one line each, and where to ask in the resident's prefecture;
    under them, the windows ``home`` (the conversation's municipality) published for those items.

    Page numbers are the 鹿児島県版's: shown as the resident's own only in 鹿児島, elsewhere as an example.
    """
    items = guide_items().get(need or "", ())
    entries = {e.id: e for e in faq_service().index.entries}
    own = prefecture == KAGOSHIMA
    guidebook = message("disaster.guidebook_own" if own else "disaster.guidebook_example")
    lines = [message("disaster.support_heading", need=need, guidebook=guidebook)]
    for item in items:
        lines.append(f"・{item.title}（{page_label(item, prefecture)}）")
    lines.append(message("disaster.guide_source", citation=guide_citation()))
    lines.append(message("disaster.amounts_not_in_sources"))
    centre = directory().for_text(prefecture) if prefecture else None
    where = [
        message("disaster.where_heading"),
        message("disaster.special_consultation_line"),
        message("disaster.nationwide_line", complaint_line=complaint_line_text()),
    ]
    if centre:
        where.append(
            message("disaster.centre_line", name=centre.name, phone=centre.phone, address=centre.address)
        )
    buttons = [
        {"title": item.title[:40], "payload": "/choose_faq" + json.dumps({"faq_id": item.entry})}
        for item in items
        if item.entry in entries
    ][:8]
    town = municipality_code(home) if home is not None else None  # a municipality's disaster: its own only
    dispatcher.utter_message(
        text="\n".join(lines + where + disaster_lines(prefecture or "", town)),
        buttons=buttons,
        json_message={
            "type": "disaster_support",
            "prefecture": prefecture,
            "need": need,
            "items": [item.entry for item in items],
        },
    )
    if home is not None:  # the resident's municipality's own windows for the listed items, one short block
        give_local_windows(dispatcher, {i.entry: i.short for i in items if i.entry in entries}, home)
    count_turn("flow", DISASTER_CATEGORY, prefecture)
    return [
        SlotSet("context_topic", DISASTER),
        SlotSet("context_need", need),
        SlotSet("context_place", prefecture),
        SlotSet("faq_id", None),
    ]


class ActionDisasterSupport(Action):
    """The end of the disaster flow: the items for the chosen need in the resident's prefecture."""

    def name(self) -> str:
        return "action_disaster_support"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        if not tracker.get_slot("need"):
            return []  # the flow was let go for another topic (actions.asks.let_go_if_moved_on)
        where = conversation_place(tracker)
        events = support_reply(dispatcher, tracker.get_slot("prefecture"), tracker.get_slot("need"), where)
        return [*events, SlotSet("need", None)]
