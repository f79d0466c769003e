"""What the detectors of personal data share: the kinds redaction knows, as the placeholders that replace
them, a found span, and how a message is read — the *probe* (kanji digits and a letter o read as digits,
the same length), the hiragana view (katakana folded, the same length), digits said as words, and the
parts of a date in digits, kanji or kana (しょうわ ごじゅうねん さんがつ とおか) — and the detector made of
those dates: birth dates (a 昭和 date in a form's layout, S25/6/6, is one even unsaid). Bank accounts are in
:mod:`faq.residents.personal_accounts`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

EMAIL, MY_NUMBER, PHONE = "[メール]", "[マイナンバー]", "[電話番号]"
POSTAL_CODE, ADDRESS = "[郵便番号]", "[住所]"
CARD, ACCOUNT, BIRTH_DATE, NAME = "[カード番号]", "[口座番号]", "[生年月日]", "[氏名]"
RECEIPT = "[受付番号]"  # the number of the resident's own file at a window (受付番号, 申請番号)
PLACEHOLDERS = (EMAIL, MY_NUMBER, PHONE, POSTAL_CODE, ADDRESS, CARD, ACCOUNT, BIRTH_DATE, NAME, RECEIPT)


class Span(NamedTuple):
    start: int
    end: int
    kind: str  # one of the placeholders
    digits: str = ""  # phone: the number as dialled inside Japan; 〒: the code


# -- how a message is read ---------------------------------------------------------------------------

# ○ and ◯ (circles) are what an IME often gives for 〇: ○九○-一二三四-…
_KANJI_DIGIT_RUN = re.compile(r"[〇○◯零一二三四五六七八九]{3,}")
_KANJI_DIGITS = str.maketrans("〇○◯零一二三四五六七八九", "0000123456789")
INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
DASH = r"[-‐‑‒–—―−ー]"  # the dashes and their look-alikes an IME gives


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
    r"(?:きゅう|きゅー|ぜろ|れい|まる|いち|にい(?!ち)|にー|ごー|ごお|さん|よん|ろく|なな|しち|はち|に|し|ご|く|な)"
)
# Words and digits mixed in one number (ぜろきゅうぜろ 1234 5678): each word or digit is one digit. A
# one-kana word touching a digit is a particle (0570-090110に), not a digit.
WORD_DIGIT = (
    r"(?:きゅう|きゅー|ぜろ|れい|まる|いち|にい(?!ち)|にー|ごー|ごお|さん|よん|ろく|なな|しち|はち|(?<!\d)[にしごく](?!\d))"
)
DIGIT_OF_WORD = {
    "ぜろ": "0", "れい": "0", "まる": "0", "いち": "1", "にい": "2", "にー": "2", "に": "2", "さん": "3",
    "よん": "4", "し": "4", "ごー": "5", "ごお": "5", "ご": "5", "ろく": "6", "なな": "7", "しち": "7",
    "はち": "8", "きゅう": "9", "きゅー": "9", "く": "9", "な": "7",
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
    rf"(?:(?:{ERA}\s?(?:{DATE_PART}|元)|\d{{4}})\s?(?:年{OTHER_YEAR}の?|[./\-])\s?{DATE_PART}\s?(?:月|[./\-])\s?{DATE_PART}\s?日?"
    rf"|{YEAR}{OTHER_YEAR}\s?の?\s?{MONTH_OF}\s?の?\s?{DAY_OF})"
)
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
ENGLISH_DATE = rf"(?:\d{{1,2}}\s{MONTH},?\s\d{{4}}|{MONTH}\s\d{{1,2}},?\s\d{{4}})"


# -- birth dates (a detector of :mod:`faq.residents.personal_data`) ----------------------------------------

# Said to be a birth date, a date needs no era (57.6.18, 19600229), may lack its year (8月30日) or its day
# (昭和五十年三月).
_BIRTH_DATE = (
    rf"(?:{DATE}|{ENGLISH_DATE}|\d{{1,2}}[./]\d{{1,2}}[./](?:19|20)\d\d|\d{{2}}(?:[./]\d{{1,2}}[./]|-\d{{1,2}}-)\d{{1,2}}"
    rf"|(?:19|20)\d{{6}}|{MONTH_OF}\s?の?\s?{DAY_OF}"
    rf"|\d{{1,2}}\s?年\s?の?\s?{MONTH_OF}\s?の?\s?{DAY_OF}"  # 30年4月1日: the era left out
    rf"|{YEAR}{OTHER_YEAR}\s?の?\s?{MONTH_OF}|\d{{1,2}}[/・]\d{{1,2}}(?![/・\d])"
    # the day named, its date in brackets: 平成十年の七夕（7月7日）
    rf"|{YEAR}\s?の?[^\d\n()]{{0,4}}?\(\s?{MONTH_OF}\s?の?\s?{DAY_OF}\s?\))"
)
# The words that say a birth date follows, in kanji or kana, with the spaces a kana writer puts between
# words (うまれ は, うまれた ひ は) and the particle left out after 生まれた日.
_BORN = r"(?:生まれ|うまれ|産まれ)"
_BIRTH_WORDS = (
    r"(?:生年月日|誕生日|せいねんがっぴ|たんじょうび|たんじょう日"
    rf"|{_BORN}\s?は|{_BORN}た\s?の\s?は|{_BORN}た\s?(?:日|ひ)(?:\s?(?:は|が|:))?"
    r"|ばーすでー|ばーすでい|DOB|[Dd]ate of birth|[Bb]irth(?:day| date)?|[Bb]orn(?: on| in)?)"
)
# An event's date keeps its words (令和6年1月1日の地震, 昭和56年5月31日以前): no birth date is said so.
_EVENT_AFTER = (
    r"(?!\s?(?:以前|以降|まで|から|より|に(?:建|被災|発生|起き)"
    r"|の(?:地震|災害|台風|豪雨|大雨|水害|震災|火事|火災|津波|噴火|大雪|事故)))"
)
_BIRTH_BEFORE = re.compile(
    rf"{_BIRTH_WORDS}[^\d\n〇一二三四五六七八九十。]{{0,12}}?(?P<date>{_BIRTH_DATE})(?![\d日]){_EVENT_AFTER}"
)
_BIRTH_AFTER = re.compile(
    rf"(?P<date>{_BIRTH_DATE}|(?:{ERA}\s?(?:{DATE_PART}|元|がん)|\d{{4}}|{KANA_YEAR})\s?(?:年|ねん))"
    r"\s?(?:(?:に|の|さ)?\s?(?:生まれ|うまれ|産まれ)|生(?!活|産|命|徒|涯|存|協|保)"
    r"|(?:が|は)\s?(?:[^\s\d、。]{1,4}の)?\s?(?:誕生日|たんじょうび|生年月日))"  # …が私の誕生日
)
# A birth year said as one, apart from the day (「生まれは昭和63年」「生まれ年は1990年」,
# 「としは しょうわ45ねん」 after a birthday): the year of a birth date, redacted like 「昭和63年生まれ」.
# The year follows the cue at once (「生まれは輪島で、昭和63年に…」 keeps the year of the move);
# 「とし」「年」 only with an era (an age has none).
_BIRTH_YEAR = re.compile(
    rf"(?:{_BORN}(?:た\s?)?(?:年|とし|どし)?\s?(?:は|が|:)|生年\s?(?:は|:)|(?<![^\s、。,.!?])(?:とし|年)\s?(?:は|:))"
    rf"\s?(?:西暦|和暦)?で?\s?(?P<date>(?:{ERA}\s?(?:{DATE_PART}|元|がん)|\d{{4}}(?=\s?年)|{KANA_YEAR}(?=\s?ねん))\s?(?:年|ねん))"
)
# A date in a form's layout (S25/6/6, 昭和22.8.15) in an era before 平成 is a birth date even unsaid: no event
# a resident asks about today is dated so; an older event said with its date keeps it (昭和56.5.31以前).
_FORM_DATE = re.compile(
    r"(?<![A-Za-z0-9])(?:明治|大正|昭和|めいじ|たいしょう|しょうわ|[MTSmts]\.?)\s?\d{1,2}(?:\s?[./]\s?\d{1,2}){2}"
    r"(?![\d./])(?!\s?(?:以前|以降|まで|から|より|に建|築|施行|改正|の(?:地震|災害|台風|豪雨|水害|法)))"
)
# 昭和30年4月1日（69歳）: a whole date with an age in brackets is whose birth date it gives, said or not.
_AGED_DATE = re.compile(rf"(?P<date>{DATE}|{ENGLISH_DATE})\s?\(\s?\d{{1,3}}\s?(?:歳|さい|才)\s?\)")
# The day said after the rest of the date: 「生まれは昭和二十二年の十月、日にちは二十九日です」.
_DAY_AFTER = re.compile(rf"^[、,\s]{{0,2}}(?:日にち|ひにち|日付|日)\s?(?:は|が)?\s?(?P<day>{DAY_OF})")


def birth_dates(text: str) -> Iterator[Span]:
    """A date said to be a birth date (生年月日は…, …生まれ, …が誕生日), in digits, kanji or kana."""
    kana = hiragana(text)
    for match in _FORM_DATE.finditer(kana):
        yield Span(match.start(), match.end(), BIRTH_DATE)
    for pattern in (_BIRTH_BEFORE, _BIRTH_AFTER):
        for match in pattern.finditer(kana):
            yield Span(match.start("date"), match.end("date"), BIRTH_DATE)
            end = match.end("date")
            day = _DAY_AFTER.match(kana[end : end + 16])
            if day:
                yield Span(end + day.start("day"), end + day.end("day"), BIRTH_DATE)
    for match in _AGED_DATE.finditer(kana):
        yield Span(match.start("date"), match.end("date"), BIRTH_DATE)
    for match in _BIRTH_YEAR.finditer(kana):  # after the full dates above: a day said with it goes too
        if match.group("date")[:1].isdigit() and match.group().startswith(("とし", "年")):
            continue  # 「年は2024年」: 「とし」 and 「年」 say a birth year only with an era
        yield Span(match.start("date"), match.end("date"), BIRTH_DATE)
