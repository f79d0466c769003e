"""What every action shares: the FAQ service, message building and the nationwide contacts."""

from __future__ import annotations

import json
import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

import faq
from bot.web.middleware.metrics import FALLBACKS
from faq.model import FaqEntry, Outcome, SearchResult
from faq.places.directory import Kikumimi, KikumimiDirectory
from faq.places.resolver import Resolution
from faq.residents.learning import record_unanswered
from faq.search.compound import second_answer

logger = logging.getLogger(__name__)


def faq_service():
    """The process-wide FAQ service (the web app registers its own; otherwise one is warmed here)."""
    return faq.default_service()


def directory() -> KikumimiDirectory:
    return KikumimiDirectory.default()


def read_back(text: str) -> str:
    """``text`` with kana-typed and mis-converted words in the corpus' spelling (きくみみ広嶋 → 広島), as
    search sees it; place lookups use it too."""
    return faq_service().index.readings().restore(text)


def resolve_place(text: str) -> tuple[str, Resolution]:
    """Where ``text`` says the resident is, and the text that said it. The resident's own words first: the
    gazetteer knows every reading (さいたま市, 十日町市), which read-back could turn into other words; the
    read-back text only when they name no place (広嶋 → 広島)."""
    where = directory().resolve(text)
    if where.place is None and not where.needs_choice:
        restored = read_back(text)
        if restored != text:
            return restored, directory().resolve(restored)
    return text, where


def latest_text(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def faq_payload(entry_id: str) -> str:
    return "/choose_faq" + json.dumps({"faq_id": entry_id}, ensure_ascii=False)


def source_line(entry: FaqEntry) -> str:
    return f"出典：{entry.source.citation()}／最終確認日：{entry.last_checked:%Y年%-m月%-d日}"


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
    line = directory().complaint_line
    return f"{line.name} {line.phone}（{line.hours}）"


def kikumimi_card(dispatcher: CollectingDispatcher, centre: Kikumimi, lead: str = "") -> None:
    """A contact card: name, address, tap-to-call phone; plus 行政苦情110番 and the web form."""
    d = directory()
    text = (
        f"{lead}{centre.name}（総務省 行政相談センター）\n住所：{centre.address}\n電話：{centre.phone}\n"
        f"全国共通：{complaint_line_text()}\nインターネット受付：{d.web_form.url}"
    )
    card = {
        "type": "kikumimi_card",
        "name": centre.name,
        "prefecture": centre.prefecture,
        "address": centre.address,
        "phone": centre.phone,
        "tel": centre.tel_uri,
        "complaint_line": {"phone": d.complaint_line.phone, "hours": d.complaint_line.hours},
        "web_form": d.web_form.url,
        "source": f"総務省 行政相談センター「きくみみ」一覧（{centre.ref}）",
    }
    dispatcher.utter_message(text=text, json_message=card)


def ask_which_place(dispatcher: CollectingDispatcher, text: str, resolution: Resolution) -> None:
    """A name shared by places of different centres (伊達市, 府中市): ask, with a button for each."""
    question, buttons = directory().which_place(text, resolution)
    dispatcher.utter_message(
        text=question,
        buttons=buttons,
        json_message={"type": "place_choice", "choices": [b["title"] for b in buttons]},
    )


def no_answer(dispatcher: CollectingDispatcher) -> None:
    """An honest 'I don't know' with the way to a person."""
    d = directory()
    dispatcher.utter_message(
        text=(
            "すみません、お答えできる資料が見つかりませんでした。推測ではお答えしません。\n"
            f"国の手続や行政サービスの困りごとは、行政相談で相談できます：{complaint_line_text()}、"
            f"インターネット {d.web_form.url}。お住まいの市区町村の窓口にもお問い合わせいただけます。"
        ),
        buttons=[
            {"title": "行政相談の窓口を探す", "payload": "/gyosei_soudan"},
            {"title": "分野から探す", "payload": "/menu"},
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
    return result


def remember_unanswered(result: SearchResult, offered: list[str], sender: str) -> None:
    """Keep a question the assistant could not answer confidently, for the staff's learning loop.

    Never breaks the turn: a database problem is logged at WARNING by its type only, because the
    exception text of a failed INSERT would carry the resident's question.
    """
    try:
        record_unanswered(faq_service().store, result.query, result.outcome.value, offered, sender)
    except (SQLAlchemyError, OSError) as exc:
        logger.warning("could not record an unanswered question (%s)", type(exc).__name__)


def reply_to_search(dispatcher: CollectingDispatcher, result: SearchResult, sender: str) -> None:
    """Answer, ask which one was meant, or admit there is no answer — as the calibration decided.

    Questions that get choices or no answer are recorded (redacted) for staff under ``sender``'s
    conversation key.
    """
    if result.outcome.value == "answer":
        top = result.hits[0]
        second = second_answer(result, faq_service().index.analyzer)
        both = second is not None
        related = same_topic(top.entry, [h.entry for h in result.hits[2 if both else 1 :]])
        utter_entry(dispatcher, top.entry, [] if both else related, result.confidence)
        if second is not None:
            utter_entry(dispatcher, second.entry, related)
    elif result.outcome.value == "clarify":
        choices = [h.entry.id for h in result.hits[:3]]
        dispatcher.utter_message(
            text="もしかして、次のどれかについてのご質問ですか？",
            buttons=[{"title": h.entry.question, "payload": faq_payload(h.entry.id)} for h in result.hits[:3]]
            + [{"title": "どれも違う", "payload": "/request_human"}],
            json_message={"type": "clarify", "choices": choices},
        )
        remember_unanswered(result, choices, sender)
        FALLBACKS.labels(kind="clarify").inc()
    else:
        no_answer(dispatcher)
        remember_unanswered(result, [], sender)
        FALLBACKS.labels(kind="no_answer").inc()
