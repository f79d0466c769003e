"""A value said again: a correction after a redacted value, and the same number repeated (part of
:func:`faq.residents.privacy.redact`).

Residents correct themselves in the message they are typing: 「203号室、あ、203じゃなくて204でした」,
「普通の0328815、あ、ちがう0328851やった」, 「〒868 0008、いや868 0018だったかも」,
「漢字は遥じゃなくて遙でした」.
The corrected value is the same kind of data as the one it corrects, and it stands bare — no word before it
says what it is — so no detector of a kind can find it alone. What decides is the value redacted just
before it: a number of about the same length (a digit more or fewer: a mistyped phone) near a word of
correction, or a word in the place of a name after 「じゃなくて」, takes that value's kind. A number said
twice (「0018 842 … 0018842です」) is the same value wherever it stands, and a value restated in brackets
right after itself (「[氏名] (RODRIGUEZ Carlos)」) is that value again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from faq.residents.personal_kinds import (
    ACCOUNT,
    ADDRESS,
    CARD,
    MY_NUMBER,
    NAME,
    PHONE,
    POSTAL_CODE,
    Span,
)

_NUMERIC = (PHONE, ADDRESS, ACCOUNT, POSTAL_CODE, MY_NUMBER, CARD)
_WINDOW = 48  # characters after a value where its correction is read: the same breath, not the message
_CORRECTION = re.compile(
    r"じゃなく|ではなく|やなく|でなく|ちゃう|ちがう|ちがった|違う|違った|違い|まちが|間違|いや|訂正|正しくは|正しい"
    r"|本当は|ほんとは|ほんとうは|だった|でした|やった|じゃった|だったかも"
)
# a bare number: digit groups joined as residents join them, not a count, a date's part or an amount
_NUMBER = re.compile(r"(?<![\d\-ー−./])\d(?:[\s\-ー−・.]?\d)*(?![\d年月日時分秒歳才円万億%人件回個枚台号階])")
_NAME_CORRECTED = re.compile(
    r"\s?(?:じゃなくて|じゃなく|ではなくて|ではなく|やなくて|でなくて|でなく)[、,]?\s?"
    r"(?P<name>[\u4e00-\u9fff々]{1,4}|[ァ-ヺー]{2,8}|[ぁ-ゖー]{2,8}?)"
    r"(?=\s?(?:でした|です|だった|やった|が正しい|と書|って書|に直))"
)
_SENTENCE_END = re.compile(r"[。!?\n]")
_CORRECTION_OPENS = re.compile(r"\s?(?:あ[っ、,]|いや|ちが|違|訂正|間違|まちが|すみません|すいません|ごめん)")
_OWN_LABEL = re.compile(r"(?:コード|番号|No\.?|第)\s?[:は]?\s?$")
_REPEATED_AT_LEAST = 4  # digits: a shorter number said twice may be anything (a floor, a count)
# A name restated in brackets right after itself, in another script: 「[氏名] (RODRIGUEZ Carlos)」,
# 「平野健太（ひらのけんた）」, 「Wang (王小明)」. Only letters, kana or three kanji or more: a bracket
# after a name usually says something else — an age (65), a grade (小3), a relation (長男).
_RESTATED = re.compile(
    r"\s?[(（](?P<value>[A-Za-z][A-Za-z .'-]{1,29}|[ぁ-ゖァ-ヺー・\s]{2,16}|[\u4e00-\u9fff々]{3,5})[)）]"
)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _window_end(text: str, start: int) -> int:
    """Where a correction of the value ending at ``start`` may stand: its own sentence, and the next one
    when that begins as a correction does (「…203 です。あ、203じゃなくて204でした」)."""
    limit = min(len(text), start + _WINDOW)
    end = _SENTENCE_END.search(text, start, limit)
    if end is None:
        return limit
    if _CORRECTION_OPENS.match(text, end.end()):
        following = _SENTENCE_END.search(text, end.end(), limit)
        return following.start() if following else limit
    return end.start()


def corrections(text: str, taken: Iterable[Span]) -> Iterator[Span]:
    """Spans of values said again after the ``taken`` spans of ``text``, each with its value's kind.

    >>> list(corrections("部屋は203号室、あ、203じゃなくて204でした", [Span(3, 9, "[住所]")]))
    [Span(start=11, end=14, kind='[住所]', digits=''), Span(start=19, end=22, kind='[住所]', digits='')]
    """
    repeated: dict[str, str] = {}
    for span in taken:
        restated = _RESTATED.match(text, span.end) if span.kind == NAME else None
        if restated:  # 「[氏名] (王小明)」: the same name again, in another script, in brackets
            yield Span(restated.start("value"), restated.end("value"), span.kind)
            continue
        if span.kind == NAME:
            named = _NAME_CORRECTED.match(text, span.end)
            if named:
                yield Span(named.start("name"), named.end("name"), NAME)
            continue
        if span.kind not in _NUMERIC:
            continue
        said = _digits(text[span.start : span.end])
        if len(said) >= _REPEATED_AT_LEAST:
            repeated[said] = span.kind
        if len(said) < 2:
            continue
        window_end = _window_end(text, span.end)
        for number in _NUMBER.finditer(text, span.end, window_end):
            if abs(len(_digits(number.group())) - len(said)) > 1:
                continue
            if _OWN_LABEL.search(text, max(0, number.start() - 8), number.start()):
                continue  # 団体コード172049: a number with its own label is that label's
            if _CORRECTION.search(text, span.end, min(len(text), number.end() + 8)):
                yield Span(number.start(), number.end(), span.kind)
    if repeated:
        for number in _NUMBER.finditer(text):
            kind = repeated.get(_digits(number.group()))
            if kind:
                yield Span(number.start(), number.end(), kind)
