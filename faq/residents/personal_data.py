"""Where personal data sits in a message: each kind has one detector that returns character spans.

Residents type personal data the way their keyboard, their habits and their fear of spam give it:
「０９０ー１２３４ー５６７８」「090・1234・5678」「〇九〇の四四一〇の…」「0 9 0 - 8 8 1 2 …」, e-mail as
「taro アットマーク gmail どっと com」「hanako★example.jp」, a house number as 「宝立町鵜飼1-23」. The
detectors therefore read a *probe* of the message — the same length, kanji digit runs (〇九〇) read as
ASCII digits — or its hiragana view (both in :mod:`faq.residents.personal_kinds`) and report spans of
it, which :func:`faq.residents.privacy.redact` replaces in the text.

What counts, and what does not (the labelled set ``tests/data/redaction`` measures both):

- phone numbers (with or without an area code where the words around say it is a phone), マイナンバー
  (12 digits), card numbers (14–16 digits), e-mail, 〒 codes, street addresses with house numbers;
- a bank account number (5–8 digits) said as one (口座・普通・当座・記号・番号), a date said to be a birth
  date (生年月日, 誕生日, 〜生まれ, 〜が誕生日) in digits, kanji (昭和五十年三月) or kana
  (しょうわごじゅうねん さんがつ とおか), a person's name (UniDic's 人名: a family name with a given name, or
  one of them said as a name: 氏名, 名前は, と申します, 〜さん);
- house numbers also in kanji or kana (三丁目の四, さんちょうめ よんばんち); digits said as words
  (ぜろきゅうぜろ…) are read in a hiragana view, so katakana and hiragana are one case;
- house numbers in romaji (2-14-7, Room 301), a room in a 団地 or 仮設 (2号棟 301, B-12), a 〒 code said in
  pieces (939-17 … あと2けたが 44);
- never an office's public number, address (privacy's published list) or its own 〒 code
  (総務省（〒100-8926）, 〒100-8926は総務省),
  an amount, an event's date, a 団体コード, an age, a law's article.

Every pattern is linear in the length of the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from faq.residents import personal_kinds as kinds
from faq.residents.personal_kinds import (  # noqa: F401 - the kinds are this module's vocabulary too
    ACCOUNT,
    ADDRESS,
    BIRTH_DATE,
    CARD,
    EMAIL,
    MY_NUMBER,
    NAME,
    PHONE,
    PLACEHOLDERS,
    POSTAL_CODE,
    Span,
    accounts,
    birth_dates,
)
from faq.residents.personal_names import names

# -- e-mail ------------------------------------------------------------------------------------------------

_LOCAL = r"A-Za-z0-9._%+\-"
_AT = (
    r"(?:@{1,2}(?:マーク)?|\s?\(\s?at\s?\)\s?|\s?\[\s?at\s?\]\s?|\s+at\s+"
    r"|\s?[(\[【]?(?:アット\s?マーク|アット|あっと\s?まーく|あっと|at\s?mark)[)\]】]?\s?|\s?[(\[【](?:@|at|a)[)\]】]\s?|[★☆※◎*●■◆#])"
)
_DOT = r"(?:\.|\s?\(\s?dot\s?\)\s?|\s?\[\s?dot\s?\]\s?|\s+dot\s+|\s?[(\[【]?(?:ドット|どっと)[)\]】]?\s?)"
# a domain's label, also said in kana after どっと (どっとこむ)
_LABEL = r"(?:[A-Za-z0-9\-]+|こむ|コム|じぇーぴー|ジェーピー|じぇいぴー|ジェイピー|ねっと|ネット)"
_EMAIL = re.compile(
    rf"(?:(?<![{_LOCAL}])[{_LOCAL}]+|(?:(?<=[\s:、「(])|^)[ぁ-ゖァ-ヺー]{{2,12}}(?=\s?(?:あっと|アット)))\s?(?:の\s?)?{_AT}\s?"
    rf"(?:[A-Za-z0-9\-]+(?:\s[A-Za-z0-9\-]+)?|[ぁ-ゖァ-ヺー]{{2,10}}(?=\s?(?:どっと|ドット)))(?:{_DOT}{_LABEL})+"
)
# 「tanaka kiyo あっと …」: a local part said in two words, before a spoken at
_SPACED_LOCAL = re.compile(r"(?:^|[^\x00-\x7f])\s?(?P<word>[a-z0-9._\-]{2,16})\s$")
_EMAIL_AT_SIGN = re.compile(
    rf"(?<![{_LOCAL}])[{_LOCAL}]+\s?@\s?[A-Za-z0-9\-]+|(?<![{_LOCAL}])[{_LOCAL}]{{3,}}\s?@(?![A-Za-z0-9\s])"
    # たろう@gmail.com, 山田@gmail.com: a local part in kana or kanji before the sign itself
    rf"|(?<![ぁ-ゖァ-ヺー\u4e00-\u9fff])(?:[ぁ-ゖァ-ヺー]{{2,16}}|[\u4e00-\u9fff々]{{1,8}})\s?@\s?[A-Za-z0-9\-]+"
    rf"(?:{_DOT}{_LABEL})*"
)


# An office's address (…lg.jp for local government, …go.jp for the state) is not a person's.
_PUBLIC_DOMAIN = re.compile(r"(?:\.|dot|ドット|どっと)\s?(?:lg|go)\s?(?:\.|dot|ドット|どっと)\s?jp$", re.IGNORECASE)  # noqa: E501


def emails(text: str) -> Iterator[Span]:
    for match in _EMAIL.finditer(text):
        if _PUBLIC_DOMAIN.search(match.group()):
            yield Span(match.start(), match.end(), "")  # taken, and kept as it is
            continue
        start = match.start()
        spoken = not match.group().isascii()
        spaced = _SPACED_LOCAL.search(text, max(0, start - 20), start) if spoken else None
        yield Span(spaced.start("word") if spaced else start, match.end(), EMAIL)
    for match in _EMAIL_AT_SIGN.finditer(text):  # 「taro@gmail」 without a dot, 「taro@の後は…」
        yield Span(match.start(), match.end(), EMAIL)


# -- numbers in digit groups -------------------------------------------------------------------------------

# What separates digit groups in a phone number, a マイナンバー or a card number.
_SEPARATORS = r"\s\-‐‑‒–—―−ー~〜.()・/,、_の*|"
_GROUP = re.compile(r"\d+")
_DIGIT_RUN = re.compile(rf"(?<![\d+])(?:\+\s?|\(\s?\+?)?\d+(?:[{_SEPARATORS}]{{1,3}}\d+)*\)?")
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
        if start > 0 and run[start - 1] == "(":  # 「(03)3363-1100」: the bracket belongs to the number
            start -= 1
        if start > 0 and run[start - 1] == "+":
            start -= 1
        if end < len(run) and run[end] == ")" and run.count("(", start, end) > run.count(")", start, end):
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
        elif kinds.ACCOUNT_WORDS_NEAR.search(kana, max(0, match.start() - 12), match.start()):
            yield Span(match.start(), match.end(), ACCOUNT)
    for match in kinds.MIXED_NUMBER.finditer(kana):
        parts = kinds.ONE_DIGIT.findall(match.group())
        if all(part.isdigit() for part in parts) or not any(part.isdigit() for part in parts):
            continue  # all digits (numbers) or all words (above)
        digits = "".join(kinds.DIGIT_OF_WORD.get(part, part) for part in parts)
        if _classify(digits, international=False) == PHONE:
            yield Span(match.start(), match.end(), PHONE, digits)


# A number without its area code (「自宅は22-4718」) is a phone only where the words before say so.
_PHONE_WORDS = r"(?:電話|でんわ|デンワ|TEL|Tel|tel|FAX|Fax|fax|自宅|携帯|けいたい|ケータイ|連絡先|番号)"
_LOCAL_PHONE = re.compile(
    rf"{_PHONE_WORDS}[^\d\n]{{0,8}}?(?P<number>(?<![\dA-Za-z])\d{{1,4}}\s?[-‐ー−()・.の]\s?\d{{4}}(?![\d.\-年月日時分円]))"
)


# 「自宅は224718」: five to eight digits run together, right after a word that can only mean a phone.
_LOCAL_PHONE_RUN = re.compile(
    r"(?:電話|でんわ|デンワ|TEL|Tel|tel|自宅|家電|固定)(?:番号)?\s?[:はもが]?\s?(?P<number>(?<!\d)\d{5,8})(?![\d年月日時分秒円万件回人歳%])"
)


def local_phones(text: str) -> Iterator[Span]:
    for pattern in (_LOCAL_PHONE, _LOCAL_PHONE_RUN):
        for match in pattern.finditer(text):
            yield Span(match.start("number"), match.end("number"), PHONE, "")


# -- 〒 codes ----------------------------------------------------------------------------------------------

_DASH = r"[-‐‑‒–—―−ー]"
_POSTAL_MARKED = re.compile(
    rf"(?:〒|〠|郵便番号|ゆうびんばんごう|ユウビンバンゴウ|郵便|ゆうびん|ZIP|zip|Zip|(?P<address>住所))(?P<gap>[^\d\n]{{0,20}}?)(?P<code>\d{{3}}\s?(?:{_DASH}|[.・の])?[~〜]?\s?\d{{4}}|\d{{4}}\s?{_DASH}?\s?\d{{3}}|\d(?:\s\d){{2}}\s?{_DASH}?\s?\d(?:\s\d){{3}})(?![\d円万])(?!\s?{_DASH}\s?\d)"
)
_POSTAL_BARE = re.compile(
    rf"(?<![\d\-‐‑‒–—―−ー.,/])(?P<code>\d{{3}}{_DASH}\d{{4}})(?![\d\-‐‑‒–—―−ー.,/年月日時分円])"
)
# Seven digits run together are a 〒 code when a prefecture or a municipality follows (9270023 石川県…).
_POSTAL_BEFORE_PLACE = re.compile(
    r"(?<![\d\-‐‑‒–—―−ー.,/])(?P<code>\d{3}\s?\d{4})(?!\d)(?=\s?[\u4e00-\u9fff々ヶ]{1,6}?[都道府県市区町村])"
)
# 「9280001が郵便番号です」: the code, then the word.
_POSTAL_WORD_AFTER = re.compile(
    rf"(?<![\d\-‐‑‒–—―−ー.,/])(?P<code>\d{{3}}\s?{_DASH}?\s?\d{{4}})(?!\d)"
    r"(?=\s?\(?\s?(?:が|は|:)?\s?(?:〒|郵便番号|ゆうびんばんごう))"
)
_SHORT_GAP = re.compile(r"\s?(?:は|:|→|=|＝|が)?\s?[、,]?\s?")
_POSTAL_WORDS_BEFORE = re.compile(r"(?:〒|郵便番号|ゆうびんばんごう|郵便|ゆうびん)[^\n\d]{0,6}$")
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
    rf"(?:〒|郵便番号|ゆうびんばんごう)[^\d\n。]{{0,10}}?(?<!\d)\d{{3}}\s?{_DASH}?\s?(?P<head>\d{{1,3}})(?!\d)"
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
    phones = [(s.start, s.end) for s in numbers(text) if s.kind == PHONE] if _POSTAL_BARE.search(text) else []
    for match in _POSTAL_BARE.finditer(text):
        if any(start <= match.start() and match.end() <= end for start, end in phones):
            continue
        if kinds.ACCOUNT_WORDS_NEAR.search(text, max(0, match.start() - 12), match.start()):
            continue  # 口座番号 123-4567: an account (below)
        kind = "" if _office_code(text, match.start(), match.end()) else POSTAL_CODE
        yield Span(match.start(), match.end(), kind, re.sub(r"\D", "", match.group("code")))
    for match in _POSTAL_PIECES.finditer(text):
        if len(match.group("head")) + len(match.group("tail")) == 4:
            yield Span(match.start("tail"), match.end("tail"), POSTAL_CODE)
    for match in _POSTAL_WORD_AFTER.finditer(text):
        yield Span(match.start(), match.end(), POSTAL_CODE, re.sub(r"\D", "", match.group("code")))
    for match in _POSTAL_BEFORE_PLACE.finditer(text):
        if kinds.ACCOUNT_WORDS_NEAR.search(text, max(0, match.start() - 12), match.start()):
            continue  # 口座 1234567: an account (below)
        yield Span(match.start(), match.end(), POSTAL_CODE, re.sub(r"\D", "", match.group("code")))


# -- street addresses ----------------------------------------------------------------------------------------

_KANJI_NUMBER = r"[〇一二三四五六七八九十百千]+"
_NUMBER = rf"(?:\d+|{_KANJI_NUMBER})"
# A house number in kanji or kana after the first part (三丁目の四, にちょうめ よんばんち) stands before a
# unit, a dash, a particle or a break, so 「三丁目の一部」「さんちょうめのしみんかん」 keep their words.
_THEN = rf"(?=\s?(?:番|ばん|号|ごう|の|{_DASH}|[でにへをはがもやと、。,.!?)\s]|$))"
_HOUSE_NUMBER = rf"(?:\d+|(?:{_KANJI_NUMBER}|{kinds.KANA_N}){_THEN})"
_CHOME = r"(?:丁目|ちょうめ(?!ん))"
_BANCHI = r"(?:番地|ばんち)"
_GO = r"(?:号|ごう)"
_WORD_CHAR = r"[\u3041-\u309f\u30a1-\u30fa\u4e00-\u9fff々ヶ]"
_NOT_A_QUANTITY = r"(?![\d年月日時分秒歳円万億%度階回人件個枚台名泊期割倍条項号])"
_ADDRESS = re.compile(
    r"(?<![0-9〇一二三四五六七八九十百千])(?:"
    + "|".join(
        (
            # 三丁目 / 1丁目2番3号 / 二丁目5番地 / 1丁目2-3 / 三丁目の四 / さんちょうめ よんばんち
            rf"(?:{_NUMBER}|{kinds.KANA_N})\s?{_CHOME}(?:\s?の?\s?{_HOUSE_NUMBER}"
            rf"(?:\s?(?:{_BANCHI}|番|ばん|{_DASH}|の)(?:\s?の?\s?{_HOUSE_NUMBER}\s?{_GO}?)?)?)?",
            # 123番地 / 5番地の2 / 12番地3 / 88ばんち
            rf"{_NUMBER}\s?{_BANCHI}(?:\s?の?\s?{_HOUSE_NUMBER}\s?{_GO}?)?",
            # よんばんち: a kana number before ばんち only where the word ends (いちばんちかい is 一番近い)
            rf"{kinds.KANA_N}\s?ばんち(?=\s?(?:の|で|に|です|{_DASH}|\d|[、。,.!?)\s]|$))(?:\s?の?\s?{_HOUSE_NUMBER}\s?{_GO}?)?",
            # 2番5号 / 2番5-1号 / よんばんごごう — a bare 「110番」 or 「2番線」 is not an address
            rf"(?:{_NUMBER}|{kinds.KANA_N})\s?(?:番|ばん)\s?{_HOUSE_NUMBER}(?:{_DASH}{_HOUSE_NUMBER})?\s?{_GO}",
            # 博多駅東2-11-1 / 山下町4435-1 / 宝立町鵜飼1-23: a place name, then house numbers with dashes
            rf"(?<={_WORD_CHAR})\s?(?!(?:19|20)\d\d{_DASH}\d{{1,2}}{_DASH}\d{{1,2}}(?!\d))"
            rf"[1-9]\d{{0,4}}(?:\s?(?:{_DASH}|の)\s?\d{{1,4}}){{1,3}}{_NOT_A_QUANTITY}(?:\s?号)?",
            # 本町三ー四ー五: kanji numbers joined by dashes after a 町, 字, 村, 区 or 丁目
            rf"(?<=[町字村区目])\s?{_KANJI_NUMBER}(?:\s?(?:{_DASH}|の)\s?{_KANJI_NUMBER}){{1,3}}(?![年月日時分歳円万人])",
            # 追分町14 / 大字馬瀬口1822 / 和倉町ひ部58 / ニ部の45: a 町, 字 or 部 and a lone house number
            rf"(?<=[町字部])\s?の?\s?[1-9]\d{{0,4}}{_NOT_A_QUANTITY}",
            # ハイツ白川203号室 / さんまるにごうしつ
            rf"(?:\d{{1,4}}|{_KANJI_NUMBER})\s?(?:号室|ごうしつ)",
        )
    )
    + ")"
)


# 門前町走出6 / 字東山12番地 / 香能 ろ 15: a lone house number after a 町, 字 or 村 and the name of its part,
# with its いろは letter apart (read in the hiragana view; not a particle: 町に 15人).
_COUNTED = r"(?![\d年月日時分秒歳才円万億%度階回人件個枚台名泊期割倍条項号棟軒戸世帯本冊通社組班便畳坪点品着種頁]|ページ|キロ|メートル|か月|ヶ月|カ月|か所|ヶ所|カ所|km|m)"  # noqa: E501
_TOWN_NUMBER = re.compile(
    r"[町字村](?:[\u4e00-\u9fff々ヶ]|[ァ-ヺ]){1,4}?(?:[ぁ-ゖ](?=\s?の)|\s?(?![はにへとをのかやもよねなでがし])[ぁ-ゖ](?=\s?[1-9]))?"
    r"\s?(?:の\s?)?"
    rf"(?P<number>(?!(?:19|20)\d\d(?!\d))[1-9]\d{{0,4}}(?:\s?番地?)?(?:\s?(?:の|{_DASH})\s?\d{{1,4}})*(?:\s?号)?){_COUNTED}"
)


# ハイツ白川203 / 仮設住宅 3棟12号 / コーポ輪島A棟101: a room after the name of its building.
_ROOM = re.compile(
    r"(?:アパート|ハイツ|マンション|コーポ|レジデンス|メゾン|ハウス|コート|パレス|ヴィラ|荘|寮|団地|住宅|ビル)"
    r"[\u4e00-\u9fff々ァ-ヺーA-Za-z]{0,8}?\s?(?:の\s?)?"
    r"(?P<number>(?:[A-Za-z]\s?(?:棟|[-ー])\s?|\d{1,3}\s?号?\s?棟\s?の?\s?)?\d{1,4}(?:\s?号室?)?)"
    r"(?![\d年月日時分秒円万億人件階棟号%つ戸軒]|世帯|か所)"
)


# Written in romaji: 2-5-8 Kohoku, Nishi-izumi 2-14-7, Kawai-machi 15-90, Room 301, Heights Sakura 203.
_ROMAJI_ADDRESS = re.compile(
    r"(?:(?<=[A-Za-z][.,:]\s)|(?<=[A-Za-z]\s)|(?<=[A-Za-z]:))(?P<number>(?!(?:19|20)\d\d-)[1-9]\d{0,3}-\d{1,4}-\d{1,4})(?![\d\-])"
    r"|(?i:machi|chou?|mura|aza)[,\s]\s?(?P<short>[1-9]\d{0,3}-\d{1,4})(?![\d\-])"
    r"|(?:Room|Rm\.?|Apt\.?|Heights|Haitsu|Mansion|Apartment|Corpo|Kopo|Residence)(?:\s[A-Z][a-z]+){0,2}\s?#?"
    r"(?P<room>\d{1,4})(?![\d\-:/]|\.\d|\s?(?:years?|yen|people|am|pm)\b)"
)


def addresses(text: str) -> Iterator[Span]:
    """House numbers (the municipality and the town before them stay: they route the question), in
    digits, kanji or kana (read in the hiragana view)."""
    kana = kinds.hiragana(text)
    for match in _ADDRESS.finditer(kana):
        yield Span(match.start(), match.end(), ADDRESS)
    for pattern, view in ((_TOWN_NUMBER, kana), (_ROOM, text)):
        for match in pattern.finditer(view):
            yield Span(match.start("number"), match.end("number"), ADDRESS)
    for match in _ROMAJI_ADDRESS.finditer(text):
        group = next(name for name in ("number", "short", "room") if match.group(name))
        yield Span(match.start(group), match.end(group), ADDRESS)


DETECTORS = (
    emails, birth_dates, postal_codes, accounts, numbers, spoken_numbers, local_phones, addresses, names
)
