"""Questions that name a place: whether a message is nothing but a place, asks only for the place's window,
or is answered by an entry about that very place; the resident's prefecture as the resolver reads it; the
place's きくみみ card; and a search again without the place words. Used by :mod:`actions.answering`.
"""

from __future__ import annotations

import re

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import count_turn, directory, faq_service, kikumimi_card
from actions.context import card_events
from faq.content.messages import message
from faq.model import Outcome, SearchResult
from faq.places.directory import Kikumimi
from faq.places.resolver import Resolution
from faq.residents.privacy import without_placeholders
from faq.search.compound import is_question
from faq.search.context import topic_words
from faq.text.analyzer import shared_analyzer
from faq.text.endings import without_dialect_endings

ROUTING_CATEGORY = "行政相談"  # its entries are general; a named place gets its きくみみ card instead
# 行政相談 asks for the window, but not as the first half of another noun: 特別行政相談所 (a disaster's
# event), 行政相談委員 (a person), 行政相談週間 — a card there was a centre nobody asked for (八丈町).
ROUTING_WORDS = re.compile(
    r"きくみみ|行政相談(?:窓口|(?![\u4e00-\u9fff]))|相談窓口|相談先|相談センター|行政評価|苦情"
    r"|kikumimi|gyou?sei ?sou?dan|madoguchi"
)
_PLACE_FILLER = re.compile(
    r"[都道府県市区町村]|です|だよ|だ|に|(住|す)んで(い|る|ます)*|在住|住み|から|の|。|、|!|\?|\s"
    r"|\b(ni|sunde|imasu|masu|iru|desu|kara|zaij[uy]u+)\b"  # Sapporo ni sunde imasu
)


def only_names_a_place(text: str) -> bool:
    """「鹿児島県です」「北海道の釧路」「〒760-0019」: nothing but a place, as residents answer 'where?'."""
    # A redacted 〒 code arrives as 「[郵便番号]（香川県高松市）」: the placeholder says nothing more.
    rest = directory().without_places(without_placeholders(text))
    rest = directory().resolver.areas.without_answer_ending(rest)  # 函館住みなんだけど: said as the answer
    return len(_PLACE_FILLER.sub("", re.sub(r"[()（）]", "", rest))) <= 1


def asks_only_about_the_place(place_text: str) -> bool:
    """「広島の窓口はどこ」「あと山形の人はどこにかけるの」: a question that names a place and nothing but
    what is asked of it (窓口, どこ, 電話) asks for that place's window. Asked only when the search found no
    confident answer (「輪島の相談会は何時から」 has one: 会 is too short to count as a topic word), where it
    used to answer that there was no answer."""
    rest = without_dialect_endings(directory().without_places(place_text), shared_analyzer())
    return is_question(place_text) and not topic_words(rest)


def answers_about_the_place(result: SearchResult, centre: Kikumimi) -> bool:
    """Whether the confident answer is an entry about the place itself (輪島の合同相談所,
    鹿児島の専用ダイヤル) rather than a general 行政相談 one: then it says more than the place's card."""
    if result.outcome is not Outcome.ANSWER or not result.hits:
        return False
    entry = result.hits[0].entry
    if entry.category == ROUTING_CATEGORY:
        return False
    prefecture = centre.prefecture
    place = centre.hokkaido_area or (prefecture if prefecture == "北海道" else prefecture[:-1])
    return place in " ".join((*entry.phrasings, entry.answer))


def where_the_resident_is(tracker: Tracker, where: Resolution) -> list[SlotSet]:
    """The ``prefecture`` slot as the resolver reads the message, not as NLU's entity filled it.

    Rasa fills ``prefecture`` from any prefecture a message names, so 「町田市に住んでます。神奈川のほうが近い
    けど…」 would leave 神奈川県 for the flows that follow (a disaster message next got きくみみ神奈川). The
    resolver settles where the resident lives (町田市 → 東京都); a name it cannot settle clears the slot, so
    a flow asks instead of guessing. A message naming no place leaves the slot as it was. ``where`` is the
    message's words as the resolver read them (the page's municipality not added).
    """
    settled = where.place.prefecture if where.place is not None else None
    if where.place is None and not where.needs_choice:
        return []
    if tracker.get_slot("prefecture") == settled:
        return []
    return [SlotSet("prefecture", settled)]


def give_place_card(dispatcher: CollectingDispatcher, centre: Kikumimi, where: Resolution) -> list:
    """The きくみみ card for the place the message named, counted as a 行政相談 flow turn."""
    place_text = where.place.label if where.place else ""
    kikumimi_card(dispatcher, centre, lead=message("card.lead_asked"), place_text=place_text)
    count_turn("flow", ROUTING_CATEGORY, centre.prefecture)
    return card_events(centre)


def without_the_place_words(
    text: str, result: SearchResult, municipality: str | None, town: tuple[str, ...]
) -> SearchResult:
    """A place the message names must never cost it its answer: 「倉敷の真備町に住んでます。…」 searched
    whole found nothing, since no entry knows 真備町. Searched again without the place words (the place is
    the search's municipality already), the better of the two is kept."""
    rest = directory().without_places(text)
    if not rest.strip() or rest == text:
        return result
    again = faq_service().search(rest, 5, municipality=municipality, town=town)
    return again if again.outcome is not Outcome.NO_ANSWER else result
