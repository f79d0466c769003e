"""Personal numbers in a message: phones, マイナンバー, card numbers and 〒 codes (detectors of
:mod:`faq.residents.personal_data`).

Residents group digits with whatever their keyboard gives — 「０９０ー１２３４ー５６７８」「090・1234・5678」
「076(25)4839」「0 9 0 …」 — or say them as words (ぜろきゅうぜろ…). The detectors read digit *groups*
joined by any of those separators, and where the words around say what a number is (電話, 携帯, 郵便番号,
ポストコード) they take it whatever its length or spacing. Every pattern is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from faq.residents import personal_kinds as kinds
from faq.residents.personal_accounts import ACCOUNT_WORDS_NEAR
from faq.residents.personal_kinds import (
    ACCOUNT,
    CARD,
    DASH,
    MY_NUMBER,
    PHONE,
    POSTAL_CODE,
    Span,
)

# -- numbers in digit groups -------------------------------------------------------------------------------

# What separates digit groups in a phone number, a マイナンバー or a card number.
# Each group in its own brackets is a separator too: 【090】【2735】【8841】, [090][…], (090)(…).
_SEPARATORS = r"\s\-‐‑‒–—―−ー~〜.()・/,、_の*|【】\[\]"
_GROUP = re.compile(r"\d+")
_OPENING, _CLOSING = "(【[", ")】]"
# A group that is a time or a count (8:30, 9時, 2人, 12日) is no digit of the number before it:
# 「090-2287-6613 8:30〜17:15は仕事中」 keeps the hours.
_QUANTITY_AFTER = r"(?![\d:時分秒日月年円万人歳才件回個枚%])"
_DIGIT_RUN = re.compile(
    rf"(?<![\d+])(?:\+\s?|[(【\[]\s?\+?)?\d+(?:[{_SEPARATORS}]{{1,3}}\d+{_QUANTITY_AFTER})*[)】\]]?"
)
_MAX_GROUPS_PER_NUMBER = 16  # a number typed one digit at a time: 「0 9 0 1 2 3 4 5 6 7 8」


# Numbers a company or an office rents, never a person: free dial, navi dial, 0180 and 0990 services.
_BUSINESS_PREFIXES = ("0120", "0570", "0180", "0990")  # not 0800: 080 mobiles share its digits


def _classify(digits: str, international: bool) -> str | None:
    """Which kind of personal number a run of digits is, or None for an ordinary number."""
    if international and digits.startswith("81"):
        national = digits[2:]
        national = national[1:] if national.startswith("0") else national
        return PHONE if 9 <= len(national) <= 10 else None
    if digits.startswith(_BUSINESS_PREFIXES) and len(digits) in (10, 11):
        return None  # free dial, navi dial and other numbers only organisations have: 0120, 0570, 0800…
    if digits.startswith("0") and len(digits) in (10, 11):
        return PHONE  # 03-xxxx-xxxx, 090/080/070/050-xxxx-xxxx
    if len(digits) == 12:
        return MY_NUMBER
    if 14 <= len(digits) <= 16 and not digits.startswith("0"):
        return CARD
    return None


def national(digits: str, international: bool) -> str:
    """「81 90 1234 5678」 → 「09012345678」: how the number is dialled inside Japan."""
    if not international:
        return digits
    rest = digits[2:]
    return rest if rest.startswith("0") else "0" + rest


def _joins(run: str, end: int, next_start: int, next_end: int) -> bool:
    """Whether the separator between two groups joins them into one number: 「1,000,000」 is an amount
    (a comma before three digits), 「090,2245,6618」 a phone."""
    between = run[end:next_start]
    return not ("," in between and next_end - next_start == 3)


def _opened(run: str, start: int, end: int, which: int) -> bool:
    """Whether more brackets of kind ``which`` open than close in ``run[start:end]``."""
    return run.count(_OPENING[which], start, end) > run.count(_CLOSING[which], start, end)


def digit_spans(run: str) -> list[tuple[int, int, str, bool, str]]:
    """(start, end, digits, international, kind) of each personal number inside one run of digit groups.

    A run can hold several numbers (「090-1234-5678 または 03-1234-5678」) or a number after a date, so
    from each group the longest span of up to sixteen groups that forms a number is taken.
    """
    groups = [(m.start(), m.end()) for m in _GROUP.finditer(run)]
    spans: list[tuple[int, int, str, bool, str]] = []
    i = 0
    while i < len(groups):
        found: tuple[int, str, str] | None = None
        digits = ""
        international = "+" in run[groups[i - 1][1] if i else 0 : groups[i][0]]
        for j in range(i, min(len(groups), i + _MAX_GROUPS_PER_NUMBER)):
            if j > i and not _joins(run, groups[j - 1][1], *groups[j]):
                break
            digits += run[groups[j][0] : groups[j][1]]
            kind = _classify(digits, international)
            if kind is not None:
                found = (j, kind, digits)
            if len(digits) > 16:
                break
        if found is None:
            i += 1
            continue
        j, kind, number = found
        start, end = groups[i][0], groups[j][1]
        if start > 0 and run[start - 1] in _OPENING:  # 「(03)3363-1100」「【090】…」: the number's bracket
            start -= 1
        if start > 0 and run[start - 1] == "+":
            start -= 1
        if end < len(run) and run[end] in _CLOSING and _opened(run, start, end, _CLOSING.index(run[end])):
            end += 1
        spans.append((start, end, number, international, kind))
        i = j + 1
    return spans


def numbers(text: str) -> Iterator[Span]:
    """Phones (with the number as dialled, for the public-number check), マイナンバー and card numbers."""
    for match in _DIGIT_RUN.finditer(text):
        for start, end, digits, international, kind in digit_spans(match.group()):
            dialled = national(digits, international) if kind == PHONE else ""
            yield Span(match.start() + start, match.start() + end, kind, dialled)


def spoken_numbers(text: str) -> Iterator[Span]:
    """A phone (ten or eleven digits from zero), a マイナンバー (twelve), a 〒 code (seven) said as one or,
    said as one, an account."""
    kana = kinds.hiragana(text)
    for match in kinds.SPOKEN_NUMBER.finditer(kana):
        count = len(kinds.SPOKEN_DIGITS.findall(match.group()))
        if count in (10, 11) and match.group().startswith(kinds.ZERO_WORDS):
            yield Span(match.start(), match.end(), PHONE)
        elif count == 12:
            yield Span(match.start(), match.end(), MY_NUMBER)
        elif count == 7 and _POSTAL_WORDS_BEFORE.search(kana, max(0, match.start() - 12), match.start()):
            yield Span(match.start(), match.end(), POSTAL_CODE)
        elif ACCOUNT_WORDS_NEAR.search(kana, max(0, match.start() - 12), match.start()):
            yield Span(match.start(), match.end(), ACCOUNT)
    for match in kinds.MIXED_NUMBER.finditer(kana):
        parts = kinds.ONE_DIGIT.findall(match.group())
        if all(part.isdigit() for part in parts) or not any(part.isdigit() for part in parts):
            continue  # all digits (numbers) or all words (above)
        digits = "".join(kinds.DIGIT_OF_WORD.get(part, part) for part in parts)
        if _classify(digits, international=False) == PHONE:
            yield Span(match.start(), match.end(), PHONE, digits)


# A number the words before say is a phone is one whatever its length or its first digit: without its area
# code (「自宅は22-4718」), with the 市内局番 in brackets (076(25)4839) or a digit short or over, since a
# resident may mistype it. Its groups, joined by any separator, end in at least the four digits every
# Japanese number ends in (076-2254839: the last two groups run together).
_PHONE_WORDS = r"(?:電話|でんわ|デンワ|TEL|Tel|tel|FAX|Fax|fax|自宅|携帯|けいたい|ケータイ|連絡先|番号)"
_LOCAL_SEPARATOR = r"(?:\s?[-‐ー−()・.の/_,、*|~〜]\s?|\s)"
_LOCAL_PHONE = re.compile(
    rf"{_PHONE_WORDS}[^\d\n]{{0,8}}?(?P<number>(?<![\dA-Za-z])\(?\d{{1,5}}(?:{_LOCAL_SEPARATOR}\d{{1,4}}){{0,2}}"
    rf"{_LOCAL_SEPARATOR}\d{{4,9}}(?![\d.\-年月日時分秒円万件回人歳%]))"
)
_LOCAL_DIGITS = (5, 11)  # fewer is no phone (a 局番 alone), more is a マイナンバー or a card


# 「自宅は224718」「携帯09012345678」: five to eleven digits run together, right after a word that can only
# mean a phone.
_LOCAL_PHONE_RUN = re.compile(
    r"(?:電話|でんわ|デンワ|TEL|Tel|tel|自宅|家電|固定|携帯|けいたい|ケータイ|連絡先)(?:番号)?\s?[:はもが]?\s?"
    r"(?P<number>(?<!\d)\d{5,11})(?![\d年月日時分秒円万件回人歳%])"
)


def local_phones(text: str) -> Iterator[Span]:
    """A number the words before say is a phone; an organisation's (0570…) stays, and a published one is
    known by its digits (privacy's public numbers)."""
    for pattern in (_LOCAL_PHONE, _LOCAL_PHONE_RUN):
        for match in pattern.finditer(text):
            digits = re.sub(r"\D", "", match.group("number"))
            short, long = _LOCAL_DIGITS
            if not short <= len(digits) <= long or digits.startswith(_BUSINESS_PREFIXES):
                continue
            yield Span(match.start("number"), match.end("number"), PHONE, digits)


# -- 〒 codes ----------------------------------------------------------------------------------------------

# The words residents put before a 〒 code, in kanji, kana, katakana loanwords and English.
_POSTAL_WORD = (
    r"(?:〒|〠|郵便番号|ゆうびんばんごう|ユウビンバンゴウ|郵便|ゆうびん|郵番|(?i:zip|post(?:al)?\s?code)"
    r"|ポスト\s?コード|ポスタル\s?コード|ジップ\s?コード)"
)
# A remark in brackets between the word and the code may hold digits: 郵便番号（7桁）: 7100042, 〒(半角3-4)
_POSTAL_REMARK = r"\([^()\n]{1,12}\)"
_POSTAL_MARKED = re.compile(
    rf"(?:{_POSTAL_WORD}|(?P<address>住所))(?P<gap>(?:[^\d\n()]|{_POSTAL_REMARK}){{0,20}}?)"
    # seven digits, a space between any two of them (92 085 80), a dash, ・ _ / or の after the third only
    rf"(?P<code>\d(?:\s?\d){{2}}\s?(?:{DASH}|[.・の_/])?[~〜]?\s?\d(?:\s?\d){{3}}|\d{{4}}\s?{DASH}?\s?\d{{3}})"
    rf"(?![\d円万])(?!\s?{DASH}\s?\d)"
)
_POSTAL_BARE = re.compile(
    rf"(?<![\d\-‐‑‒–—―−ー.,/])(?P<code>\d{{3}}{DASH}\d{{4}})(?![\d\-‐‑‒–—―−ー,/年月日時分円])(?!\.\d)"
)
# Seven digits run together are a 〒 code when a prefecture or a municipality follows (9270023 石川県…).
_POSTAL_BEFORE_PLACE = re.compile(
    r"(?<![\d\-‐‑‒–—―−ー.,/])(?P<code>\d{3}\s?\d{4})(?!\d)(?=\s?[\u4e00-\u9fff々ヶ]{1,6}?[都道府県市区町村])"
)
# 「9280001が郵便番号です」: the code, then the word.
_POSTAL_WORD_AFTER = re.compile(
    rf"(?<![\d\-‐‑‒–—―−ー.,/])(?P<code>\d{{3}}\s?{DASH}?\s?\d{{4}})(?!\d)"
    r"(?=\s?\(?\s?(?:が|は|:)?\s?(?:〒|郵便番号|ゆうびんばんごう))"
)
_SHORT_GAP = re.compile(r"\s?(?:は|:|→|=|＝|が)?\s?[、,]?\s?")
_POSTAL_WORDS_BEFORE = re.compile(rf"{_POSTAL_WORD}[^\n\d]{{0,6}}$")
# An office's own code (総務省（〒100-8926）): the code stands right after the office's name.
_OFFICE_BEFORE = re.compile(
    r"(?:省|庁|局|役所|役場|センター|事務所|機構|本部|支所|出張所|税務署|年金事務所|委員会|協議会)\s?[(（:：]?\s?〒?\s?$"
)

# 「〒100-8926 は総務省ですよね」: the office named right after the code.
_OFFICE_AFTER = re.compile(
    r"\s?(?:は|って|が|[(:=])\s?[^\s\d、。]{0,10}?(?:省|庁|役所|役場|センター|事務所|税務署|支所|合同庁舎|きくみみ\S{1,4})"
    r"\s?(?:です|でしょ|だ|[)?]|の(?:住所|郵便番号|番号))"
)


def _office_code(text: str, start: int, end: int) -> bool:
    return bool(
        _OFFICE_BEFORE.search(text, max(0, start - 12), start) or _OFFICE_AFTER.match(text[end : end + 24])
    )


# 「郵便番号…939-17 までは覚えてて、あと2けたが 44」: a code said in pieces, seven digits in all.
_POSTAL_PIECES = re.compile(
    rf"(?:〒|郵便番号|ゆうびんばんごう)[^\d\n。]{{0,10}}?(?<!\d)\d{{3}}\s?{DASH}?\s?(?P<head>\d{{1,3}})(?!\d)"
    r"(?:[^\d\n。]|\d(?=\s?(?:けた|桁|ケタ))){1,24}?(?P<tail>(?<!\d)\d{1,3})(?![\d年月日時分円万歳人件回]|\s?(?:けた|桁|ケタ))"
)


def postal_codes(text: str) -> Iterator[Span]:
    """A 〒 code with its mark or word (the mark is replaced too), a bare 「892-0816」 that is not the
    tail of a phone number whose area code stands in brackets before it (「(011) 000-0000」), or seven
    digits before a place name. An office's code, said right after its name, is kept (taken, no kind)."""
    for match in _POSTAL_MARKED.finditer(text):
        kind = "" if _office_code(text, match.start(), match.end()) else POSTAL_CODE
        # 〒 and 郵便番号は go with the code; the words of 「郵便番号を聞かれたら9270023」 stay
        said_with = _SHORT_GAP.fullmatch(match.group("gap")) and not match.group("address")  # 住所 stays
        start = match.start() if said_with else match.start("code")
        yield Span(start, match.end(), kind, re.sub(r"\D", "", match.group("code")))
    phones = (  # a phone's tail is no 〒 code: (011)000-0000, 電話は0(222-0000
        [(s.start, s.end) for s in (*numbers(text), *local_phones(text)) if s.kind == PHONE]
        if _POSTAL_BARE.search(text)
        else []
    )
    for match in _POSTAL_BARE.finditer(text):
        if any(start <= match.start() and match.end() <= end for start, end in phones):
            continue
        if ACCOUNT_WORDS_NEAR.search(text, max(0, match.start() - 12), match.start()):
            continue  # 口座番号 123-4567: an account (below)
        kind = "" if _office_code(text, match.start(), match.end()) else POSTAL_CODE
        yield Span(match.start(), match.end(), kind, re.sub(r"\D", "", match.group("code")))
    for match in _POSTAL_PIECES.finditer(text):
        if len(match.group("head")) + len(match.group("tail")) == 4:
            yield Span(match.start("tail"), match.end("tail"), POSTAL_CODE)
    for match in _POSTAL_WORD_AFTER.finditer(text):
        yield Span(match.start(), match.end(), POSTAL_CODE, re.sub(r"\D", "", match.group("code")))
    for match in _POSTAL_BEFORE_PLACE.finditer(text):
        if ACCOUNT_WORDS_NEAR.search(text, max(0, match.start() - 12), match.start()):
            continue  # 口座 1234567: an account (below)
        yield Span(match.start(), match.end(), POSTAL_CODE, re.sub(r"\D", "", match.group("code")))
