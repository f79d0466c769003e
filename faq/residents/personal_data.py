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
- house numbers in romaji (2-14-7, 3-14-2-605 Kamiosaki, Room 301), a room in a 団地 or 仮設 (2号棟 301, B-12,
  5号棟 302号 after any place), a 〒 code said in
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
from faq.residents.personal_accounts import accounts
from faq.residents.personal_insurance import insurance_numbers
from faq.residents.personal_kinds import (  # noqa: F401 - the kinds are this module's vocabulary too
    ACCOUNT,
    ADDRESS,
    BIRTH_DATE,
    CARD,
    DASH,
    EMAIL,
    MY_NUMBER,
    NAME,
    PHONE,
    PLACEHOLDERS,
    POSTAL_CODE,
    RECEIPT,
    Span,
    birth_dates,
)
from faq.residents.personal_names import names
from faq.residents.personal_numbers import local_phones, numbers, postal_codes, spoken_numbers
from faq.residents.personal_receipts import receipt_numbers

__all__ = [
    "ACCOUNT",
    "ADDRESS",
    "BIRTH_DATE",
    "CARD",
    "DETECTORS",
    "EMAIL",
    "MY_NUMBER",
    "NAME",
    "PHONE",
    "PLACEHOLDERS",
    "POSTAL_CODE",
    "RECEIPT",
    "Span",
    "addresses",
    "emails",
    "numbers",
]

# -- e-mail ------------------------------------------------------------------------------------------------

_LOCAL = r"A-Za-z0-9._%+\-"
_AT = (
    r"(?:@{1,2}(?:マーク)?|\s?[(\[{<]\s?(?i:at)\s?[)\]}>]\s?|\s+(?:at|AT)\s+"
    r"|\s?[(\[【]?(?:アット\s?マーク|アット|あっと\s?まーく|あっと|at\s?mark)[)\]】]?\s?|\s?[(\[【](?:@|at|a)[)\]】]\s?|[★☆※◎*●■◆#])"
)
# a dot as itself, as a word, or bracketed against harvesters: [.] (.) 【ドット】 {dot} [点]
_DOT = (
    r"(?:\.|\s?[(\[【{<]\s?(?:\.|。|dot|DOT|Dot|点|ドット|どっと)\s?[)\]】}>]\s?|\s+(?:dot|DOT)\s+"
    r"|\s?(?:ドット|どっと)\s?|\.\s(?=(?:com|jp|net|org|co|ne|ac|or|info)\b))"  # gmail. com
)
# a domain's label, also said in kana after どっと (どっとこむ)
_LABEL = r"(?:[A-Za-z0-9\-]+|こむ|コム|じぇーぴー|ジェーピー|じぇいぴー|ジェイピー|ねっと|ネット)"
_EMAIL = re.compile(
    rf"(?:(?<![{_LOCAL}])[{_LOCAL}]+|(?:(?<=[\s:、「(])|^)[ぁ-ゖァ-ヺー]{{2,12}}(?:・\s?[ぁ-ゖァ-ヺー]{{1,12}})?(?=\s?(?:あっと|アット)))\s?(?:の\s?)?{_AT}\s?"
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
_PUBLIC_DOMAIN = re.compile(
    r"(?:\.|dot|ドット|どっと)\s?(?:lg|go)\s?(?:\.|dot|ドット|どっと)\s?jp$", re.IGNORECASE
)  # noqa: E501


_BRACKETS = re.compile(r"[\[\](){}<>【】\s]")
# …unless the words before give it as the resident's own (返信先：, 私のアドレスは, reply to:): a staff
# member's mailbox names a person as plainly as a private one does.
_OWN_ADDRESS = re.compile(
    r"(?:返信先|返信は|連絡先|私の|わたしの|自分の|僕の|ぼくの|俺の|個人の|(?i:my\s|reply\s?to|contact))"
    r"[^\n。@]{0,10}$"
)
_OFFICE_WORDS = re.compile(r"窓口|役所|役場|庁|センター|課|係|問い?合わせ|[市町村県]の")


def emails(text: str) -> Iterator[Span]:
    for match in _EMAIL.finditer(text):
        before = text[max(0, match.start() - 16) : match.start()]
        own = _OWN_ADDRESS.search(before) and not _OFFICE_WORDS.search(before)
        if _PUBLIC_DOMAIN.search(_BRACKETS.sub("", match.group())) and not own:  # info[at]city[.]lg[.]jp
            yield Span(match.start(), match.end(), "")  # taken, and kept as it is
            continue
        start = match.start()
        spoken = not match.group().isascii()
        spaced = _SPACED_LOCAL.search(text, max(0, start - 20), start) if spoken else None
        yield Span(spaced.start("word") if spaced else start, match.end(), EMAIL)
    for match in _EMAIL_AT_SIGN.finditer(text):  # 「taro@gmail」 without a dot, 「taro@の後は…」
        yield Span(match.start(), match.end(), EMAIL)


# -- street addresses ----------------------------------------------------------------------------------------

_KANJI_NUMBER = r"[〇一二三四五六七八九十百千]+"
_NUMBER = rf"(?:\d+|{_KANJI_NUMBER})"
# A house number in kanji or kana after the first part (三丁目の四, にちょうめ よんばんち) stands before a
# unit, a dash, a particle or a break, so 「三丁目の一部」「さんちょうめのしみんかん」 keep their words.
_THEN = rf"(?=\s?(?:番|ばん|号|ごう|の|{DASH}|[でにへをはがもやと、。,.!?)\s]|$))"
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
            rf"(?:\s?(?:{_BANCHI}|番|ばん|{DASH}|の)(?:\s?の?\s?{_HOUSE_NUMBER}\s?{_GO}?)?)?)?",
            # 123番地 / 5番地の2 / 12番地3 / 88ばんち
            rf"{_NUMBER}\s?{_BANCHI}(?:\s?の?\s?{_HOUSE_NUMBER}\s?{_GO}?)?",
            # よんばんち: a kana number before ばんち only where the word ends (いちばんちかい is 一番近い)
            rf"{kinds.KANA_N}\s?ばんち(?=\s?(?:の|で|に|です|{DASH}|\d|[、。,.!?)\s]|$))(?:\s?の?\s?{_HOUSE_NUMBER}\s?{_GO}?)?",
            # 2番5号 / 2番5-1号 / よんばんごごう — a bare 「110番」 or 「2番線」 is not an address
            rf"(?:{_NUMBER}|{kinds.KANA_N})\s?(?:番|ばん)\s?{_HOUSE_NUMBER}(?:{DASH}{_HOUSE_NUMBER})?\s?{_GO}",
            # 博多駅東2-11-1 / 山下町4435-1 / 宝立町鵜飼1-23: a place name, then house numbers with dashes
            rf"(?<={_WORD_CHAR})\s?(?!(?:19|20)\d\d{DASH}\d{{1,2}}{DASH}\d{{1,2}}(?!\d))"
            rf"[1-9]\d{{0,4}}(?:\s?(?:{DASH}|の)\s?\d{{1,4}}){{1,3}}{_NOT_A_QUANTITY}(?:\s?号)?",
            # 本町三ー四ー五: kanji numbers joined by dashes after a 町, 字, 村, 区 or 丁目
            rf"(?<=[町字村区目])\s?{_KANJI_NUMBER}(?:\s?(?:{DASH}|の)\s?{_KANJI_NUMBER}){{1,3}}(?![年月日時分歳円万人])",
            # 追分町14 / 大字馬瀬口1822 / 和倉町ひ部58 / ニ部の45: a 町, 字 or 部 and a lone house number
            rf"(?<=[町字部])\s?の?\s?[1-9]\d{{0,4}}{_NOT_A_QUANTITY}",
            # ハイツ白川203号室 / さんまるにごうしつ
            rf"(?:\d{{1,4}}|{_KANJI_NUMBER})\s?(?:号室|ごうしつ)",
            # 5号棟 302号 / 3棟の12号室: a numbered building and a room in it, after whatever place
            r"\d{1,3}\s?号?\s?棟\s?の?\s?\d{1,4}\s?号(?:室)?",
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
    rf"(?P<number>(?!(?:19|20)\d\d(?!\d))[1-9]\d{{0,4}}(?:\s?番地?)?(?:\s?(?:の|{DASH})\s?\d{{1,4}})*(?:\s?号)?){_COUNTED}"
)


# 富来領家町 イ の 10 / 字東山\nロ-15 / 甲12: a lot's いろは letter (katakana, or a hiragana one no particle
# shares) or 甲乙丙丁 between a 町, 字 or 村 and its number, on the same line or the next.
_LOT = re.compile(
    r"[町字村][\u4e00-\u9fff々]{0,4}?\s{0,2}"
    r"(?<![ァ-ヺー])[イロハニホヘトチリヌルヲワカヨタレソツネナラムろほちりぬる甲乙丙丁戊](?![ァ-ヺー\u4e00-\u9fff])"
    rf"\s?(?:の|ノ|{DASH})?\s?(?P<number>[1-9]\d{{0,4}}(?:\s?(?:番地?|の|{DASH})\s?\d{{1,4}})*(?:\s?号)?){_COUNTED}"
)


# ハイツ白川203 / 仮設住宅 3棟12号 / コーポ輪島A棟101: a room after the name of its building.
_ROOM = re.compile(
    r"(?:アパート|ハイツ|マンション|コーポ|レジデンス|メゾン|ハウス|コート|パレス|ヴィラ|荘|寮|団地|住宅|ビル)"
    r"[\u4e00-\u9fff々ァ-ヺーA-Za-z]{0,8}?\s?(?:の\s?)?"
    r"(?P<number>(?:[A-Za-z]\s?(?:棟|[-ー])\s?|\d{1,3}\s?号?\s?棟\s?の?\s?)?\d{1,4}(?:\s?号室?)?)"
    r"(?![\d年月日時分秒円万億人件階棟号%つ戸軒]|世帯|か所)"
    # a count said in kana, as a message all in katakana says it (アパートノ 1カイガ: the first floor)
    r"(?!\s?(?:かい|カイ|ねん|ネン|にん|ニン|がつ|ガツ|にち|ニチ|じ(?!ゃ)|ジ(?!ャ)|ふん|フン|えん|エン|けん|ケン))"
)


# Written in romaji: 2-5-8 Kohoku, Nishi-izumi 2-14-7, Kawai-machi 15-90, Room 301, Heights Sakura 203.
_ROMAJI_ADDRESS = re.compile(
    r"(?:(?<=[A-Za-z][.,:]\s)|(?<=[A-Za-z]\s)|(?<=[A-Za-z]:))(?P<number>(?!(?:19|20)\d\d-)[1-9]\d{0,3}(?:-\d{1,4}){2,3})(?![\d\-])"
    # 3-14-2-605 Kamiosaki, Shinagawa-ku: house numbers (a room after them) before the town's romaji name
    r"|(?<![\w\-/.])(?P<lead>(?!(?:19|20)\d\d-)[1-9]\d{0,3}(?:-\d{1,4}){2,3})(?![\d\-])(?=,?\s[A-Z][a-z]+)"
    r"|(?i:machi|chou?|mura|aza)[,\s]\s?(?P<short>[1-9]\d{0,3}-\d{1,4})(?![\d\-])"
    # Address: 2471-3 Mitsune — after the English label a lot number of two groups is enough
    r"|(?i:address)\s?(?::|is)\s?(?P<labelled>[1-9]\d{0,3}(?:-\d{1,4}){1,3})(?![\d\-])"
    r"|(?:Room|Rm\.?|Apt\.?|Heights|Haitsu|Mansion|Apartment|Corpo|Kopo|Residence)(?:\s[A-Z][a-z]+){0,2}\s?#?"
    r"(?P<room>\d{1,4})(?![\d\-:/]|\.\d|\s?(?:years?|yen|people|am|pm)\b)"
)


# A public building's room (説明会は公民館の201号室) is where residents meet, not where one lives.
_FACILITY_BEFORE = re.compile(
    r"(?:公民館|会館|センター|役所|役場|庁舎|会議室|集会所|集会場|図書館|体育館|学校|病院|支所|出張所|ホール"
    r"|事務所|研修室|交流館|コミュニティ|大学|プラザ|会場)[^\n、。]{0,8}$"
)

_NUMERALS = re.compile(r"[\d〇○◯一二三四五六七八九十百千]")
_LIVED_IN = re.compile(r"\s?(?:に住|に在住|在住|住まい|に入居|で暮ら|に避難)")


def addresses(text: str) -> Iterator[Span]:
    """House numbers (the municipality and the town before them stay: they route the question), in
    digits, kanji or kana (read in the hiragana view)."""
    kana = kinds.hiragana(text)
    for match in _ADDRESS.finditer(kana):
        if (
            match.group().endswith(("号室", "ごうしつ"))
            and _FACILITY_BEFORE.search(text, max(0, match.start() - 16), match.start())  # linear
            and not _LIVED_IN.match(text, match.end())
        ):
            continue  # 公民館の201号室: a room where a meeting is held, nobody's home
        numerals = _NUMERALS.findall(match.group())
        if numerals and all(numeral in "〇○◯" for numeral in numerals):
            continue  # 〇丁目〇番〇号: a form's blanks, how an address is written, nobody's
        yield Span(match.start(), match.end(), ADDRESS)
    for pattern, view in ((_TOWN_NUMBER, kana), (_ROOM, text), (_LOT, text)):
        for match in pattern.finditer(view):
            yield Span(match.start("number"), match.end("number"), ADDRESS)
    for match in _ROMAJI_ADDRESS.finditer(text):
        group = next(name for name in ("number", "lead", "short", "labelled", "room") if match.group(name))
        yield Span(match.start(group), match.end(group), ADDRESS)


DETECTORS = (
    emails,
    birth_dates,
    postal_codes,
    insurance_numbers,
    receipt_numbers,
    accounts,
    numbers,
    spoken_numbers,
    local_phones,
    addresses,
    names,
)
