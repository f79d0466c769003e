"""What the detectors of personal data share: the kinds redaction knows, as the placeholders that replace
them, a found span, and how a message is read — the *probe* (kanji digits and a letter o read as digits,
the same length), the hiragana view (katakana folded, the same length), digits said as words, and the
parts of a date in digits, kanji or kana (しょうわ ごじゅうねん さんがつ とおか)."""

from __future__ import annotations

import re
from typing import NamedTuple

EMAIL, MY_NUMBER, PHONE = "[メール]", "[マイナンバー]", "[電話番号]"
POSTAL_CODE, ADDRESS = "[郵便番号]", "[住所]"
CARD, ACCOUNT, BIRTH_DATE, NAME = "[カード番号]", "[口座番号]", "[生年月日]", "[氏名]"
PLACEHOLDERS = (EMAIL, MY_NUMBER, PHONE, POSTAL_CODE, ADDRESS, CARD, ACCOUNT, BIRTH_DATE, NAME)


class Span(NamedTuple):
    start: int
    end: int
    kind: str  # one of the placeholders
    digits: str = ""  # phone: the number as dialled inside Japan; 〒: the code


# -- how a message is read ---------------------------------------------------------------------------

_KANJI_DIGIT_RUN = re.compile(r"[〇零一二三四五六七八九]{3,}")
_KANJI_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")


_SHORT_KANJI_GROUP = re.compile(
    r"(?<=\d[()\-ー・ の])[〇一二三四五六七八九]{1,2}(?=[()\-ー・ の]\d)"
    r"|(?<=\d)[〇一二三四五六七八九]{1,2}|[〇一二三四五六七八九]{1,2}(?=\d)"  # 0九0: one key missed
    r"|(?<![〇一二三四五六七八九])[〇一二三四五六七八九]{1,2}(?=[()\-ー・ の]\d{3})"  # 二二の四七一八
)
# The letter o typed for a zero at the edge of a number (o9o-1234-5678, 09O…), not inside a word (No1).
_LETTER_ZERO = re.compile(
    r"(?<![A-Za-z])[oO]{1,3}(?=\d)|(?<=\d)[oO]{1,3}(?![A-Za-z])|(?<=\d[\-ー])[oO]{1,3}(?=\d)"
)


def probe(text: str) -> str:
    """``text`` with runs of three or more kanji digits read as ASCII digits (same length): 〇九〇 → 090;
    a shorter run too when it sits between such groups (〇七六八(二二)一二三四) or touches a digit (0九0),
    and a letter o typed for a zero beside a digit. 「二三日」 stays a word."""
    text = _KANJI_DIGIT_RUN.sub(lambda m: m.group().translate(_KANJI_DIGITS), text)
    text = _SHORT_KANJI_GROUP.sub(lambda m: m.group().translate(_KANJI_DIGITS), text)
    return _LETTER_ZERO.sub(lambda m: "0" * len(m.group()), text)


# Digits said as words (ゼロきゅうゼロ、いちにさんよん…): seven or more in a row are a number. They are read
# in a hiragana view of the text (katakana folded, same length), so ゼロキュウ and ぜろきゅう are one case.
# 「にい」 is a long 2 unless 「いち」 follows (いちにいちに is 1 2 1 2).
SPOKEN_DIGIT = (
    r"(?:きゅう|きゅー|ぜろ|れい|まる|いち|にい(?!ち)|にー|ごー|さん|よん|ろく|なな|しち|はち|に|し|ご|く)"
)
# Words and digits mixed in one number (ぜろきゅうぜろ 1234 5678): each word or digit is one digit. A
# one-kana word touching a digit is a particle (0570-090110に), not a digit.
WORD_DIGIT = (
    r"(?:きゅう|きゅー|ぜろ|れい|まる|いち|にい(?!ち)|にー|ごー|さん|よん|ろく|なな|しち|はち|(?<!\d)[にしごく](?!\d))"
)
DIGIT_OF_WORD = {
    "ぜろ": "0", "れい": "0", "まる": "0", "いち": "1", "にい": "2", "にー": "2", "に": "2", "さん": "3",
    "よん": "4", "し": "4", "ごー": "5", "ご": "5", "ろく": "6", "なな": "7", "しち": "7", "はち": "8",
    "きゅう": "9", "きゅー": "9", "く": "9",
}
ZERO_WORDS = ("ぜろ", "れい", "まる")
SPOKEN_NUMBER = re.compile(
    rf"{SPOKEN_DIGIT}(?:[、・,\s]{{0,2}}の?[、・,\s]{{0,2}}{SPOKEN_DIGIT}){{6,}}"
)
SPOKEN_DIGITS = re.compile(SPOKEN_DIGIT)
MIXED_NUMBER = re.compile(
    rf"(?:{WORD_DIGIT}|\d)(?:[、・,\s\-ー]{{0,2}}の?[、・,\s\-ー]{{0,2}}(?:{WORD_DIGIT}|\d)){{9,11}}(?!\d)"
)
ONE_DIGIT = re.compile(rf"{WORD_DIGIT}|\d")
_KATAKANA = str.maketrans({chr(code): chr(code - 0x60) for code in range(0x30A1, 0x30F7)})


def hiragana(text: str) -> str:
    """``text`` with katakana read as hiragana, the same length: 「ショウワ」 → 「しょうわ」."""
    return text.translate(_KATAKANA)


# A date's parts in digits (57), kanji (五十七) or kana (ごじゅうなな), with their units (年/ねん, 月/がつ,
# 日/にち or a day's own word: みっか, はつか). Read in the hiragana view: katakana (ショウワ) is one case.
ERA = r"(?:明治|大正|昭和|平成|令和|めいじ|たいしょう|しょうわ|へいせい|れいわ|[MTSHRmtshr]\.?)"
KANA_DIGIT = r"(?:いち|いっ|に|さん|よん|よ|し|ご|ろく|ろっ|なな|しち|はち|はっ|きゅう|く)"
KANA_TENS = r"(?:(?:に|さん|よん|ご|ろく|なな|はち|きゅう)?(?:じゅう|じゅっ|じっ))"
KANA_N = rf"(?:{KANA_TENS}{KANA_DIGIT}?|{KANA_DIGIT})"  # 1–99 in kana
KANA_YEAR = rf"(?:(?:せん\s?きゅう\s?ひゃく|にせん)\s?{KANA_N}?|{KANA_N}|がん)"  # 50, 1975, 2003, 元
DATE_PART = rf"(?:\d{{1,2}}|[〇一二三四五六七八九十]{{1,3}}|{KANA_N})"  # a month, a day or an era's year
DAY_WORD = r"(?:ついたち|ふつか|みっか|よっか|いつか|むいか|なのか|なぬか|ようか|ここのか|とおか|はつか)"
YEAR = rf"(?:{ERA}\s?(?:{DATE_PART}|元|がん)|\d{{4}}(?:\s?\([^()\n]{{1,8}}\))?|{KANA_YEAR})\s?(?:年|ねん)"
MONTH_OF = rf"{DATE_PART}\s?(?:月|がつ)"
DAY_OF = rf"(?:{KANA_TENS}\s?{DAY_WORD}|{DAY_WORD}|{DATE_PART}\s?(?:日|にち)|\d{{1,2}}か(?![ぁ-ゖ]))"  # 10か
OTHER_YEAR = r"(?:\s?\([^()\n]{1,8}\))?"  # 1982年(昭和57年)
DATE = (
    rf"(?:(?:{ERA}\s?(?:{DATE_PART}|元)|\d{{4}})\s?(?:年{OTHER_YEAR}の?|[./\-])\s?{DATE_PART}\s?(?:月|[./\-])\s?{DATE_PART}\s?日?"  # noqa: E501
    rf"|{YEAR}{OTHER_YEAR}\s?の?\s?{MONTH_OF}\s?の?\s?{DAY_OF})"
)
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
ENGLISH_DATE = rf"(?:\d{{1,2}}\s{MONTH},?\s\d{{4}}|{MONTH}\s\d{{1,2}},?\s\d{{4}})"
