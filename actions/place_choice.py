"""Asking where the resident is, with a button for each place: a name several centres share (伊達市), and a
place read only from a name below the municipality (真備町, 博多駅), which is confirmed, never given.

A 町域 or a station shares its name with places nobody meant (a 蔵王 町域 in 熊本県, a 川内 in 岐阜市), so
the resolver marks such a place ``confirm`` (:class:`faq.places.place.Resolution`) and the resident
chooses it: 「倉敷市（岡山県）の真備町のことですか？」 with a button for 岡山県倉敷市 — the same payload as
any place choice, which the FAQ action reads as the place and answers with its card — and 「ちがう」,
which asks for the prefecture: outside a flow it opens the 行政相談 flow, whose first question is the
prefecture; inside a flow asking for it, the flow asks again."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.common import directory
from faq.content.messages import message
from faq.places.place import Place
from faq.places.resolver import Resolution

OPENS_THE_WINDOW_FLOW = "/gyosei_soudan"


def ask_which_place(
    dispatcher: CollectingDispatcher, text: str, resolution: Resolution, in_flow: bool = False
) -> None:
    """Ask which place, with a button for each; a confirmation (``resolution.confirm``) also gets 「ちがう」.
    ``in_flow``: a flow is asking for the prefecture, so 「ちがう」 is an answer to it, read by
    :func:`is_not_this`."""
    if resolution.confirm:
        question = _confirmation(directory().names_said(text, resolution), resolution.choices)
    else:
        question = directory().which_place(text, resolution)[0]
    buttons = [{"title": c.label, "payload": c.label} for c in resolution.choices[:10]]
    if resolution.confirm:
        not_this = message("place.not_this")
        buttons.append({"title": not_this, "payload": not_this if in_flow else OPENS_THE_WINDOW_FLOW})
    dispatcher.utter_message(
        text=question,
        buttons=buttons,
        json_message={
            "type": "place_choice",
            "choices": [c.label for c in resolution.choices[:10]],
            "confirm": resolution.confirm,
        },
    )


def is_not_this(value: object) -> bool:
    """Whether a flow's answer is the 「ちがう」 button of a confirmation."""
    return isinstance(value, str) and value.strip() == message("place.not_this")


def _confirmation(named: str, choices: tuple[Place, ...]) -> str:
    """「倉敷市（岡山県）の真備町のことですか？」; the centre's area when several of its towns share the
    name (新宿駅: 東京都); a question among them when several centres do."""
    if len(choices) != 1:
        return message("place.confirm_several", name=named)
    place = choices[0]
    town = place.municipality
    if town is None:
        return message("place.confirm_area", area=place.label, name=named)
    return message("place.confirm", town=town.name, prefecture=town.prefecture, name=named)
