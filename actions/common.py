"""What every action shares: the FAQ service, message building and the nationwide contacts."""

from __future__ import annotations

import json
import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.services import current
from faq.content.flows import FlowTable
from faq.content.messages import message, source_line
from faq.content.organisations import six_digit_code
from faq.content.supplement_versions import SupplementVersions
from faq.content.supplements import LocalSupplement
from faq.metrics import FALLBACKS
from faq.model import FaqEntry, Outcome, SearchResult
from faq.places.directory import Kikumimi, KikumimiDirectory
from faq.places.resolver import Resolution
from faq.residents.learning import record_unanswered
from faq.search.compound import second_answer
from faq.service import FaqService

logger = logging.getLogger(__name__)


def faq_service() -> FaqService:
    """The FAQ service of the host running this action (see actions.services)."""
    return current().faq


def directory() -> KikumimiDirectory:
    """The きくみみ directory of the host running this action."""
    return current().directory


def flows() -> FlowTable:
    """The table of flows the host gave (faq/data/flows.yml unless a test gives another)."""
    return current().flows


def start_button(form: str) -> dict[str, str]:
    """The button that starts ``form``'s flow, with its one label from the table of flows."""
    return flows().by_form(form).start_button()


def nearby_kikumimi_button() -> dict[str, str]:
    """Under the national contacts: the 行政相談 flow, worded as what it finds (the nearby きくみみ)."""
    return {"title": message("button.find_nearby"), "payload": flows().by_form("gyosei_form").payload}


def read_back(text: str) -> str:
    """``text`` with kana-typed and mis-converted words in the corpus' spelling (きくみみ広嶋 → 広島), as
    search sees it; place lookups use it too."""
    return faq_service().index.readings().restore(text)


def resolve_place(text: str, tracker: Tracker | None = None) -> tuple[str, Resolution]:
    """Where ``text`` says the resident is, and the text that said it. The resident's own words first: the
    gazetteer knows every reading (さいたま市, 十日町市), which read-back could turn into other words; the
    read-back text only when they name no place (広嶋 → 広島). When the words name none, the municipality
    the widget's page is for (REST ``metadata.municipality``, checked by the chat route) is the place."""
    where = directory().resolve(text)
    if where.place is None and not where.needs_choice:
        restored = read_back(text)
        if restored != text:
            text, where = restored, directory().resolve(restored)
    return text, or_the_page_place(where, tracker)


def or_the_page_place(where: Resolution, tracker: Tracker | None) -> Resolution:
    """``where`` the words said; when they name no place, the widget page's municipality (or none)."""
    if where.place is None and not where.needs_choice:
        configured = configured_municipality(tracker)
        if configured:
            return Resolution(place=directory().resolve(configured).place)
    return where


def configured_municipality(tracker: Tracker | None) -> str:
    """The place the widget's page is for, as the chat route resolved it (石川県輪島市), or ""."""
    metadata = ((tracker.latest_message or {}).get("metadata") if tracker else None) or {}
    value = metadata.get("municipality")
    return value if isinstance(value, str) else ""


def municipality_code(where: Resolution) -> str | None:
    """The 6-digit 団体コード of the one municipality ``where`` settled (a ward counts as itself), or None."""
    municipality = where.place.municipality if where.place is not None else None
    return six_digit_code(municipality.code) if municipality is not None else None


def town_names(where: Resolution) -> tuple[str, ...]:
    """The names the entries use for the municipality ``where`` settled (輪島市, 輪島; a ward and its
    city), for the search's town prior; () without one."""
    municipality = where.place.municipality if where.place is not None else None
    if municipality is None:
        return ()
    names = [municipality.name, municipality.parent]
    if municipality.bare and len(municipality.name) > 2:  # 輪島市 → 輪島 (never 津市 → 津)
        names.append(municipality.name[:-1])
    return tuple(n for n in dict.fromkeys(names) if n)


def conversation_place(tracker: Tracker, lookback: int = 6) -> Resolution:
    """The conversation's municipality for a turn that has no words to resolve (a button): the page's
    (``metadata.municipality``), else the one the resident's latest messages named; else no place."""
    configured = configured_municipality(tracker)
    if configured:
        return Resolution(place=directory().place_of(configured))
    texts = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
    for text in reversed(texts[-lookback:]):
        if text and not text.startswith("/"):
            where = directory().resolve(text)
            if municipality_code(where) is not None:
                return where
    return Resolution(place=None)


def conversation_municipality(tracker: Tracker, lookback: int = 6) -> str | None:
    """The 6-digit code of :func:`conversation_place`, or None."""
    return municipality_code(conversation_place(tracker, lookback))


def local_supplement(entry_id: str, municipality_code: str) -> LocalSupplement | None:
    """The published local window of a municipality (6-digit code) for a national entry, or None."""
    return SupplementVersions(faq_service().store).live(entry_id, municipality_code)


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def faq_payload(entry_id: str) -> str:
    return "/choose_faq" + json.dumps({"faq_id": entry_id}, ensure_ascii=False)


def same_topic(entry: FaqEntry, candidates: list[FaqEntry], limit: int = 2) -> list[FaqEntry]:
    """Related questions from ``entry``'s own category only (罹災証明 never leads to 住民票)."""
    return [c for c in candidates if c.category == entry.category and c.id != entry.id][:limit]


def utter_entry(
    dispatcher: CollectingDispatcher,
    entry: FaqEntry,
    related: list[FaqEntry] | None = None,
    confidence: float | None = None,
) -> None:
    """One answer: text, a source and last-checked line, and up to two related questions as buttons."""
    buttons = [{"title": e.question, "payload": faq_payload(e.id)} for e in (related or [])[:2]]
    custom: dict[str, Any] = {
        "type": "faq_answer",
        "faq_id": entry.id,
        "category": entry.category,
        "source": {
            "document": entry.source.document,
            "section": entry.source.section,
            "ref": entry.source.ref,
        },
        "last_checked": entry.last_checked.isoformat(),
    }
    if confidence is not None:
        custom["confidence"] = round(confidence, 3)
    if entry.easy_ja:
        custom["easy_ja"] = entry.easy_ja
    # The matched question heads the answer, so a resident can tell when it is not what they asked.
    dispatcher.utter_message(
        text=f"Q. {entry.question}\n{entry.answer}\n\n{source_line(entry)}",
        buttons=buttons,
        json_message=custom,
    )


def complaint_line_text() -> str:
    """行政苦情110番 with its number and hours, as the directory holds them."""
    line = directory().complaint_line
    return message("card.complaint_line", name=line.name, phone=line.phone, hours=line.hours)


def kikumimi_card(
    dispatcher: CollectingDispatcher, centre: Kikumimi, lead: str = "", place_text: str = ""
) -> None:
    """A contact card: name, address, tap-to-call phone; plus 行政苦情110番 and the web form. For a Hokkaido
    place whose centre is unconfirmed or not yet known (``place_text``), the directory's note says so."""
    d = directory()
    note = d.note_for_text(place_text) if place_text else ""
    text = message(
        "card.text",
        lead=lead,
        name=centre.name,
        address=centre.address,
        phone=centre.phone,
        complaint_line=complaint_line_text(),
        web_form=d.web_form.url,
    ) + (f"\n{note}" if note else "")
    card = {
        "type": "kikumimi_card",
        "name": centre.name,
        "prefecture": centre.prefecture,
        "address": centre.address,
        "phone": centre.phone,
        "tel": centre.tel_uri,
        "complaint_line": {"phone": d.complaint_line.phone, "hours": d.complaint_line.hours},
        "web_form": d.web_form.url,
        "source": message("card.source", ref=centre.ref),
    }
    if note:
        card["area_note"] = note
        card["area_source"] = d.hokkaido_source
    dispatcher.utter_message(text=text, json_message=card)


def no_answer(dispatcher: CollectingDispatcher) -> None:
    """An honest 'I don't know' with the way to a person."""
    d = directory()
    dispatcher.utter_message(
        text=message("faq.no_answer", complaint_line=complaint_line_text(), web_form=d.web_form.url),
        buttons=[
            start_button("gyosei_form"),
            {"title": message("button.by_category"), "payload": "/menu"},
        ],
        json_message={"type": "no_answer"},
    )


def answer_if_confident(dispatcher: CollectingDispatcher, text: str) -> SearchResult | None:
    """Search ``text`` (not a button payload) and give the top entry if the calibration says answer.
    Returns the search result, or None when there was nothing to search."""
    if not text or text.startswith("/"):
        return None
    result = faq_service().search(text, 3)
    if result.outcome is Outcome.ANSWER:
        utter_entry(dispatcher, result.hits[0].entry, confidence=result.confidence)
        count_turn("answer", result.hits[0].entry.category)
    return result


def count_turn(outcome: str, category: str = "", prefecture: str | None = None) -> None:
    """Count the turn's outcome for the overview (numbers only, no words). Never breaks the turn."""
    try:
        faq_service().count_turn(outcome, category, prefecture)
    except (SQLAlchemyError, OSError) as exc:
        logger.warning("could not count a turn (%s)", type(exc).__name__)


def remember_unanswered(result: SearchResult, offered: list[str], sender: str) -> None:
    """Keep a question the assistant could not answer confidently, for the staff's learning loop.

    Never breaks the turn: a database problem is logged at WARNING by its type only, because the
    exception text of a failed INSERT would carry the resident's question.
    """
    try:
        record_unanswered(faq_service().store, result.query, result.outcome.value, offered, sender)
    except (SQLAlchemyError, OSError) as exc:
        logger.warning("could not record an unanswered question (%s)", type(exc).__name__)


def clarify_text(result: SearchResult) -> str:
    """もしかして — or, when what the question asks is not in the nearest entries, that it is not (with
    the resident's own question words), before the same choices."""
    if not result.uncovered:
        return message("faq.clarify")
    what = "、".join(message("faq.not_covered_item", label=f.label, words=f.words) for f in result.uncovered)
    return message("faq.not_covered", what=what, complaint_line=complaint_line_text())


def reply_to_search(
    dispatcher: CollectingDispatcher, result: SearchResult, sender: str, prefecture: str | None = None
) -> None:
    """Answer, ask which one was meant, or admit there is no answer — as the calibration decided.

    Questions that get choices or no answer are recorded (redacted) for staff under ``sender``'s
    conversation key; every outcome is counted (numbers only) for the overview, with the resident's
    ``prefecture`` when known, so a disaster's questions count for that disaster.
    """
    if result.outcome is Outcome.ANSWER:
        top = result.hits[0]
        second = second_answer(result, faq_service().index.analyzer)
        both = second is not None
        related = same_topic(top.entry, [h.entry for h in result.hits[2 if both else 1 :]])
        utter_entry(dispatcher, top.entry, [] if both else related, result.confidence)
        if second is not None:
            utter_entry(dispatcher, second.entry, related)
        count_turn("answer", top.entry.category, prefecture)
    elif result.outcome is Outcome.CLARIFY:
        choices = [h.entry.id for h in result.hits[:3]]
        dispatcher.utter_message(
            text=clarify_text(result),
            buttons=[{"title": h.entry.question, "payload": faq_payload(h.entry.id)} for h in result.hits[:3]]
            + [{"title": message("button.none_of_these"), "payload": "/request_human"}],
            json_message={
                "type": "clarify",
                "choices": choices,
                "not_covered": [fact.label for fact in result.uncovered],
            },
        )
        remember_unanswered(result, choices, sender)
        count_turn("clarify", result.hits[0].entry.category if result.hits else "")
        FALLBACKS.labels(kind="clarify").inc()
    else:
        no_answer(dispatcher)
        remember_unanswered(result, [], sender)
        count_turn("no_answer")
        FALLBACKS.labels(kind="no_answer").inc()
