"""Redaction of personal data before anything is logged or stored."""

from __future__ import annotations

import re
import unicodedata

# Order matters: e-mail first (it contains digits), then マイナンバー (12 digits), then phone numbers.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("[メール]", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("[マイナンバー]", re.compile(r"(?<!\d)\d{4}[\s-]?\d{4}[\s-]?\d{4}(?!\d)")),
    ("[電話番号]", re.compile(r"(?<!\d)(?:\+81[\s-]?)?0\d{1,4}[\s()-]{0,2}\d{1,4}[\s)-]{0,2}\d{3,4}(?!\d)")),
    (
        "[住所]",
        re.compile(
            r"(?:[^\s、。]{1,10}[都道府県])?[^\s、。]{1,10}[市区町村郡][^\s、。]{0,12}?"
            r"\d+(?:丁目|番地?|号|[-ー－]\d+)+(?:[-ー－]?\d+号?)*"
        ),
    ),
)


def redact(text: str) -> str:
    """Replace phone numbers, マイナンバー, e-mail addresses and street addresses with placeholders.

    >>> redact("090-1234-5678 に電話ください。番号は123456789012です")
    '[電話番号] に電話ください。番号は[マイナンバー]です'
    """
    text = unicodedata.normalize("NFKC", text)
    for placeholder, pattern in _PATTERNS:
        text = pattern.sub(placeholder, text)
    return text


PLACEHOLDERS = re.compile("|".join(re.escape(placeholder) for placeholder, _ in _PATTERNS))


def without_placeholders(text: str) -> str:
    """Text with the redaction placeholders taken out: 「[電話番号]」 says nothing about the question.

    >>> without_placeholders("協力隊の任期は？ [電話番号] まで")
    '協力隊の任期は？   まで'
    """
    return PLACEHOLDERS.sub(" ", text)
