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

_DATA_DIR = Path(__file__).resolve().parent.parent / "data"

EMAIL, MY_NUMBER, PHONE, POSTAL_CODE, ADDRESS = (
    "[メール]",
    "[マイナンバー]",
    "[電話番号]",
    "[郵便番号]",
    "[住所]",
)

# After NFKC: 「＠」→「@」, full-width digits → ASCII, 「（」→「(」, 「～」→「~」, ideographic space → space.
_LOCAL = r"A-Za-z0-9._%+\-"
_EMAIL = re.compile(
    rf"(?<![{_LOCAL}])[{_LOCAL}]+\s?(?:@|\(at\)|\[at\]|アットマーク)\s?"
    r"[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*"
)
# 〒 or the word, then 3 + 4 digits with or without a separator.
_POSTAL = re.compile(r"(?:〒|郵便番号|ZIP|zip)\s?[:は]?\s?\d{3}\s?[-‐‑‒–—―−ー~〜]?\s?\d{4}(?!\d)")

# What separates digit groups in a phone number or a マイナンバー.
_SEPARATORS = r"\s\-‐‑‒–—―−ー~〜.()"
_GROUP = re.compile(r"\d+")
_DIGIT_RUN = re.compile(rf"(?<![\d+])(?:\+\s?|\(\s?\+?)?\d+(?:[{_SEPARATORS}]{{1,3}}\d+)*\)?")
_MAX_GROUPS_PER_NUMBER = 6

_KANJI_NUMBER = r"[〇一二三四五六七八九十百千]+"
_NUMBER = rf"(?:\d+|{_KANJI_NUMBER})"
_DASH = r"[-‐‑‒–—―−ー]"
_ADDRESS = re.compile(
    r"(?<![0-9〇一二三四五六七八九十百千])(?:"
    + "|".join(
        (
            # 三丁目 / 1丁目2番3号 / 二丁目5番地 / 1丁目2-3
            rf"{_NUMBER}\s?丁目(?:\s?{_NUMBER}\s?(?:番地?|{_DASH})(?:\s?{_NUMBER}\s?号?)?)?",
            # 123番地 / 5番地の2 / 12番地3
            rf"{_NUMBER}\s?番地(?:\s?の?\s?{_NUMBER}\s?号?)?",
            # 2番5号 / 2番5-1号 — a bare 「110番」 or 「2番線」 is not an address
            rf"{_NUMBER}\s?番\s?{_NUMBER}(?:{_DASH}{_NUMBER})?\s?号",
            # 博多駅東2-11-1 / 中央1ー2ー3: town name, 丁目-番-号 with dashes (a 丁目 never starts with 0)
            rf"(?<=[\u3041-\u309f\u30a1-\u30fa\u4e00-\u9fff々ヶ])\s?[1-9]\d{{0,2}}\s?(?:{_DASH}|の)\s?\d{{1,4}}"
            rf"\s?(?:{_DASH}|の)\s?\d{{1,4}}(?!\d)(?:\s?号)?",
        )
    )
    + ")"
)


def _classify(digits: str, international: bool) -> str | None:
    """Which kind of personal number a run of digits is, or None for an ordinary number."""
    if international and digits.startswith("81"):
        national = digits[2:]
        national = national[1:] if national.startswith("0") else national
        return PHONE if 9 <= len(national) <= 10 else None
    if digits.startswith("0") and len(digits) in (10, 11):
        return PHONE  # 03-xxxx-xxxx, 090/080/070/050-xxxx-xxxx, 0120/0570-xxx-xxx, 0800-xxx-xxxx
    if len(digits) == 12:
        return MY_NUMBER
    return None


def _national(digits: str, international: bool) -> str:
    """「81 90 1234 5678」 → 「09012345678」: how the number is dialled inside Japan."""
    if not international:
        return digits
    national = digits[2:]
    return national if national.startswith("0") else "0" + national


@lru_cache(maxsize=1)
def public_numbers() -> frozenset[str]:
    """Phone numbers the shipped FAQ entries and the きくみみ directory publish (行政苦情110番, centres).

    An office's public number is not personal data: a resident asking 「0570-090110って何の番号？」 keeps
    the question the search needs.
    """
    found: set[str] = set()
    for path in sorted(_DATA_DIR.rglob("*.yml")):
        text = unicodedata.normalize("NFKC", path.read_text(encoding="utf-8"))
        for match in _DIGIT_RUN.finditer(text):
            for digits, international, kind in _numbers_in(match.group(0)):
                if kind == PHONE:
                    found.add(_national(digits, international))
    return frozenset(found)


def _numbers_in(run: str) -> list[tuple[str, bool, str]]:
    """Every phone number and マイナンバー in a run, as (digits, written with +, kind)."""
    return [(digits, international, kind) for _, _, digits, international, kind in _spans(run)]


def _spans(run: str) -> list[tuple[int, int, str, bool, str]]:
    """(start, end, digits, international, kind) of each personal number inside one run of digit groups.

    A run can hold several numbers (「090-1234-5678 または 03-1234-5678」) or a number after a date, so
    from each group the longest span of up to six groups that forms a number is taken; the work is
    linear in the number of groups.
    """
    groups = [(m.start(), m.end()) for m in _GROUP.finditer(run)]
    spans: list[tuple[int, int, str, bool, str]] = []
    i = 0
    while i < len(groups):
        found: tuple[int, str, str] | None = None
        digits = ""
        international = "+" in run[groups[i - 1][1] if i else 0 : groups[i][0]]
        for j in range(i, min(len(groups), i + _MAX_GROUPS_PER_NUMBER)):
            digits += run[groups[j][0] : groups[j][1]]
            kind = _classify(digits, international)
            if kind is not None:
                found = (j, kind, digits)
        if found is None:
            i += 1
            continue
        j, kind, number = found
        start, end = groups[i][0], groups[j][1]
        if start > 0 and run[start - 1] == "(":  # 「(03)3363-1100」: the bracket belongs to the number
            start -= 1
        if start > 0 and run[start - 1] == "+":
            start -= 1
        if end < len(run) and run[end] == ")" and run.count("(", start, end) > run.count(")", start, end):
            end += 1
        spans.append((start, end, number, international, kind))
        i = j + 1
    return spans


def _redact_digit_run(match: re.Match[str]) -> str:
    """Replace the phone numbers and マイナンバー inside one run of digit groups, leaving other numbers."""
    run = match.group(0)
    out: list[str] = []
    cursor = 0
    for start, end, digits, international, kind in _spans(run):
        if kind == PHONE and _national(digits, international) in public_numbers():
            continue
        out += [run[cursor:start], kind]
        cursor = end
    out.append(run[cursor:])
    return "".join(out)


PostalArea = Callable[[str], "str | None"]  # a 〒 code → its municipality, or None


def redact(text: str, postal_area: PostalArea | None = None) -> str:
    """Replace phone numbers, マイナンバー, e-mail and street addresses and 〒 codes with placeholders.

    ``postal_area`` (the directory's :meth:`~faq.places.directory.KikumimiDirectory.postal_area`) names the
    municipality of a 〒 code, kept after its placeholder (「[郵便番号]（香川県高松市）」), so that a resident
    who gives only a postal code still reaches the centre of their area; the code itself is not kept.

    The text is NFKC-normalised first (full-width digits and 「＠」 become ASCII). The placeholders keep
    the meaning for the dialogue (「[電話番号]」) and search ignores them (:func:`without_placeholders`).

    >>> redact("０９０ー１２３４ー５６７８ に電話ください。番号は123456789012です")
    '[電話番号] に電話ください。番号は[マイナンバー]です'
    >>> redact("令和8年1月、第90条の2、任期は3年")
    '令和8年1月、第90条の2、任期は3年'
    """
    text = unicodedata.normalize("NFKC", text)
    text = _EMAIL.sub(EMAIL, text)
    text = _POSTAL.sub(lambda m: _postal_placeholder(m.group(), postal_area), text)
    text = _DIGIT_RUN.sub(_redact_digit_run, text)
    return _ADDRESS.sub(ADDRESS, text)


def _postal_placeholder(code: str, postal_area: PostalArea | None) -> str:
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


PLACEHOLDERS = re.compile(
    "|".join(re.escape(placeholder) for placeholder in (EMAIL, MY_NUMBER, PHONE, POSTAL_CODE, ADDRESS))
)


def without_placeholders(text: str) -> str:
    """Text with the redaction placeholders taken out: 「[電話番号]」 says nothing about the question.

    >>> without_placeholders("協力隊の任期は？ [電話番号] まで")
    '協力隊の任期は？   まで'
    """
    return PLACEHOLDERS.sub(" ", text)
