"""Redaction of personal data before anything is logged or stored.

Residents type numbers the way their IME and their habits give them: 「０９０ー１２３４ー５６７８」,
「03(3363)1100」, 「+81 90 1234 5678」, 「1234 5678 9012」. Redaction therefore works on digit *groups*
(runs of digits joined by the separators people use) rather than on one fixed layout, and every pattern
is linear in the length of the text: a pattern may only start where the previous character cannot
continue it, so no position is scanned again from each of its predecessors.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Collection
from functools import lru_cache
from pathlib import Path

from faq.residents.personal_corrections import corrections
from faq.residents.personal_data import (
    ACCOUNT,
    ADDRESS,
    BIRTH_DATE,
    CARD,
    DETECTORS,
    EMAIL,
    MY_NUMBER,
    NAME,
    PHONE,
    POSTAL_CODE,
    RECEIPT,
    Span,
    addresses,
    emails,
    numbers,
    postal_codes,
)
from faq.residents.personal_data import (
    PLACEHOLDERS as _ALL_PLACEHOLDERS,
)
from faq.residents.personal_kinds import INVISIBLE, probe
from faq.residents.published_romaji import published_keys, romaji_address_keys
from faq.text.sanitise import plain_text

_DATA_DIR = Path(__file__).resolve().parent.parent / "data"

__all__ = [
    "ACCOUNT", "ADDRESS", "BIRTH_DATE", "CARD", "EMAIL", "MY_NUMBER", "NAME", "PHONE", "POSTAL_CODE",
    "RECEIPT", "conversation_key", "public_addresses", "public_numbers", "redact", "redact_message",
    "without_placeholders",
]


@lru_cache(maxsize=1)
def public_numbers() -> frozenset[str]:
    """Phone numbers the shipped FAQ entries and the きくみみ directory publish (行政苦情110番, centres).

    An office's public number is not personal data: a resident asking 「0570-090110って何の番号？」 keeps
    the question the search needs.
    """
    found: set[str] = set()
    for path in sorted(_DATA_DIR.rglob("*.yml")):
        text = unicodedata.normalize("NFKC", path.read_text(encoding="utf-8"))
        found.update(span.digits for span in numbers(text) if span.kind == PHONE)
    return frozenset(found)


def _address_key(text: str, span: Span) -> str:
    """A house number with the two characters of the place before it (西念3-4-1): what a published
    address and a resident's quote of it share."""
    place = re.sub(r"\s", "", text[max(0, span.start - 6) : span.start])[-2:]
    return place + re.sub(r"\s", "", text[span.start : span.end])


@lru_cache(maxsize=1)
def public_addresses() -> frozenset[str]:
    """Offices' addresses the shipped entries and the きくみみ directory publish (金沢市西念3-4-1): a resident
    quoting one (「きくみみ石川（金沢市西念3-4-1）に行くべき？」) keeps it."""
    found: set[str] = set()
    for path in sorted(_DATA_DIR.rglob("*.yml")):
        text = unicodedata.normalize("NFKC", path.read_text(encoding="utf-8"))
        found.update(_address_key(text, span) for span in addresses(text))
    return frozenset(found)


@lru_cache(maxsize=1)
def public_romaji_addresses() -> frozenset[str]:
    """The same addresses as residents quote them in romaji (3-28-8 Hyakunincho): the town's romaji key and
    the house number (:mod:`faq.residents.published_romaji`)."""
    found: set[str] = set()
    for path in sorted(_DATA_DIR.rglob("*.yml")):
        text = unicodedata.normalize("NFKC", path.read_text(encoding="utf-8"))
        for span in addresses(text):
            found |= published_keys(text, span.start, span.end)
    return frozenset(found)


@lru_cache(maxsize=1)
def public_postcodes() -> frozenset[str]:
    """〒 codes the shipped entries and the きくみみ directory publish (a centre's 〒892-0812): a resident
    asking where to send a letter keeps the code the answer is about."""
    found: set[str] = set()
    for path in sorted(_DATA_DIR.rglob("*.yml")):
        text = unicodedata.normalize("NFKC", path.read_text(encoding="utf-8"))
        found.update(span.digits for span in postal_codes(text) if len(span.digits) == 7)
    return frozenset(found)


def _email_key(text: str) -> str:
    return re.sub(r"\s", "", text).lower()


@lru_cache(maxsize=1)
def public_emails() -> frozenset[str]:
    """E-mail addresses the shipped entries publish (an organisation's newb-r3@jcrd.jp): not a person's."""
    found: set[str] = set()
    for path in sorted(_DATA_DIR.rglob("*.yml")):
        text = unicodedata.normalize("NFKC", path.read_text(encoding="utf-8"))
        found.update(_email_key(text[span.start : span.end]) for span in emails(text) if span.kind == EMAIL)
    return frozenset(found)


def _published(text: str, span: Span) -> bool:
    """Whether ``span`` is an organisation's published contact: a phone, a 〒 code, an e-mail or a house
    number the entries and the directory give (a house number whatever kind took it: 河井町23-1-42 after
    「JA」 reads like an account)."""
    if span.kind == PHONE and span.digits in public_numbers():
        return True
    if span.kind == POSTAL_CODE and span.digits in public_postcodes():
        return True
    if span.kind == EMAIL and _email_key(text[span.start : span.end]) in public_emails():
        return True
    if span.kind == ADDRESS and text[span.start : span.end].isascii():  # 3-28-8 Hyakunincho, Shinjuku
        if romaji_address_keys(text, span.start, span.end) & public_romaji_addresses():
            return True
    return span.kind in (ADDRESS, ACCOUNT) and _address_key(text, span) in public_addresses()


PostalArea = Callable[[str], "str | None"]  # a 〒 code → its municipality, or None


def _chosen(text: str) -> list[Span]:
    """The spans to replace: each detector in turn (:data:`DETECTORS`, the surer kinds first); a span
    overlapping one already taken is dropped, and a public number is taken but kept as it is."""
    marked = probe(text)
    occupied = bytearray(len(text))  # linear, however many spans: no span is compared with every other
    taken: list[Span] = []
    for detector in DETECTORS:
        for span in detector(marked):
            if span.end <= span.start or any(occupied[span.start : span.end]):
                continue
            occupied[span.start : span.end] = b"\x01" * (span.end - span.start)
            taken.append(span)
    kept = [s for s in taken if s.kind and not _published(marked, s)]  # no kind: taken only to be kept
    for span in corrections(marked, sorted(kept, key=lambda s: s.start)):  # 「203じゃなくて204でした」
        if span.end > span.start and not any(occupied[span.start : span.end]):
            occupied[span.start : span.end] = b"\x01" * (span.end - span.start)
            kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def redact(text: str, postal_area: PostalArea | None = None) -> str:
    """Replace personal data with placeholders: phone numbers, マイナンバー, card and account numbers,
    e-mail, street addresses, 〒 codes, birth dates and names (:mod:`faq.residents.personal_data`).

    ``postal_area`` (the directory's :meth:`~faq.places.directory.KikumimiDirectory.postal_area`) names the
    municipality of a 〒 code, kept after its placeholder (「[郵便番号]（香川県高松市）」), so that a resident
    who gives only a postal code still reaches the centre of their area; the code itself is not kept.

    The text is NFKC-normalised first (full-width digits and 「＠」 become ASCII) and loses invisible
    characters (a zero-width space between digit groups). The placeholders keep the meaning for the
    dialogue (「[電話番号]」) and search ignores them (:func:`without_placeholders`).

    >>> redact("０９０ー１２３４ー５６７８ に電話ください。番号は123456789012です")
    '[電話番号] に電話ください。番号は[マイナンバー]です'
    >>> redact("令和8年1月、第90条の2、任期は3年")
    '令和8年1月、第90条の2、任期は3年'
    """
    # Invisible characters go, and what no store can encode (a lone surrogate), whoever calls.
    text = plain_text(INVISIBLE.sub("", unicodedata.normalize("NFKC", text)), keep_line_breaks=True)
    out: list[str] = []
    cursor = 0
    for span in _chosen(text):
        out += [text[cursor : span.start], _placeholder(span, postal_area)]
        cursor = span.end
    out.append(text[cursor:])
    return "".join(out)


def _placeholder(span: Span, postal_area: PostalArea | None) -> str:
    if span.kind != POSTAL_CODE:
        return span.kind
    code = f"{span.digits[:3]}-{span.digits[3:]}"
    area = postal_area(code) if postal_area is not None else None
    return f"{POSTAL_CODE}（{area}）" if area else POSTAL_CODE


_PAYLOAD = re.compile(r"/(?P<intent>[A-Za-z_][A-Za-z0-9_]*)(?P<rest>\{.*\})?", re.DOTALL)


def redact_message(text: str, intents: Collection[str], postal_area: PostalArea | None = None) -> str:
    """A chat message made safe to hand to the dialogue engine.

    A button press (``/choose_faq{"faq_id": "..."}``) reaches the engine as a payload only when it names
    an intent of the domain; its entity values are redacted like any text. Anything else that starts
    with 「/」 (``/ask_faq 電話は090-…``) is ordinary text and redacted whole.

    >>> redact_message('/choose_faq{"faq_id": "a"}', {"choose_faq"})
    '/choose_faq{"faq_id": "a"}'
    >>> redact_message("/ask_faq 電話は090-1234-5678", {"choose_faq"})
    '/ask_faq 電話は[電話番号]'
    """
    payload = _PAYLOAD.fullmatch(text)
    if payload and payload.group("intent") in intents:
        return "/" + payload.group("intent") + redact(payload.group("rest") or "", postal_area)
    return redact(text, postal_area)


def conversation_key(sender: str) -> str:
    """A stable, one-way key for a conversation: what is stored instead of the client's sender id.

    >>> len(conversation_key("widget-3f2a")), conversation_key("a") == conversation_key("a")
    (32, True)
    """
    return hashlib.sha256(sender.encode("utf-8")).hexdigest()[:32]


PLACEHOLDERS = re.compile("|".join(re.escape(placeholder) for placeholder in _ALL_PLACEHOLDERS))


def without_placeholders(text: str) -> str:
    """Text with the redaction placeholders taken out: 「[電話番号]」 says nothing about the question.

    >>> without_placeholders("協力隊の任期は？ [電話番号] まで")
    '協力隊の任期は？   まで'
    """
    return PLACEHOLDERS.sub(" ", text)
