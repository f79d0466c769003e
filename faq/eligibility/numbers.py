"""Numbers as residents write them, turned into digits a rule can read.

Residents type 「三年半」「八か月」「１５時間」「いちねん」「つき4にち」「はんとしご」「ろっかげつ」, and
kana-only messages come with spaces between words (「まずは 1ねんだけ やってみたい」). :func:`with_digits`
gives the NFKC text with every such number as ASCII digits before its counter, 半年 as 0.5年, and the
spaces between Japanese words taken out, so the patterns of :mod:`faq.eligibility.case` see one spelling.
Numerals inside words (一緒, 一度, 二人三脚) stay as they are: only a numeral right before a counter is read.
"""

from __future__ import annotations

import re
import unicodedata

_KANJI_DIGITS = dict(zip("〇零一二三四五六七八九", (0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_KANJI_NUMBER = re.compile(r"[〇零一二三四五六七八九十]+")
_COUNTERS = "年か箇ヶケカヵ月日時週回人"
# A space between two Japanese characters separates words of a kana-only message, not facts.
_JAPANESE = r"[\u3041-\u30ff\u4e00-\u9fff々ー0-9]"
_WORD_SPACE = re.compile(rf"(?<={_JAPANESE})[ \u3000]+(?={_JAPANESE})")

# Numbers and counters typed in kana: read as the kanji a rule reads. いっ/ろっ/はっ/じゅっ are the forms
# before かげつ (いっかげつ, ろっかげつ).
_KANA_UNITS = {
    "いち": 1, "いっ": 1, "に": 2, "さん": 3, "よん": 4, "よ": 4, "ご": 5, "ろく": 6, "ろっ": 6,
    "なな": 7, "しち": 7, "はち": 8, "はっ": 8, "きゅう": 9,
}  # fmt: skip
_KANA_COUNTERS = {
    "ねんめ": "年目", "ねんはん": "年半", "ねん": "年", "かげつ": "か月", "かげっ": "か月", "じかん": "時間",
    "にち": "日", "かい": "回",
}  # fmt: skip
_KANA_NUMBER = re.compile(
    r"(じゅう|じゅっ)?(いち|いっ|に|さん|よん|よ|ご|ろく|ろっ|なな|しち|はち|はっ|きゅう)?(じゅう|じゅっ)?"
    r"(ねんめ|ねんはん|ねん|かげつ|かげっ|じかん|にち|かい(?=[^ぁ-ゖ]|$|くらい|ぐらい|ほど|だけ|は|も|いく|いっ))"
)
# Words of a case typed in kana; つき is 月 only before a number (つき4日, つきに2回), not in つきあい.
_KANA_WORD = {
    "はんとし": "半年", "にんき": "任期", "けいやく": "契約", "げんち": "現地",
    "ふつか": "2日", "みっか": "3日", "よっか": "4日", "むいか": "6日", "とおか": "10日",
}  # fmt: skip
_KANA_WORDS = re.compile("|".join(sorted(_KANA_WORD, key=len, reverse=True)))
_KANA_MONTH = re.compile(r"つき(?=に?\d)")
# 「1年と2か月」「2年10か月」: one length, in years
_MONTHLY_ONCE = re.compile(r"月(?:に)?(?:一度|一回|イチ|いち)(?!年|日)")
# a number said again in brackets: 「4.5年(4年半)」「2年半(2年6か月)」 — the first is read
_RESTATED = re.compile(r"(\d+(?:\.\d+)?(?:年|か月|ヶ月|日|時間)半?)\(\d[^()]{0,10}\)")
_COUNTER_ME = re.compile(r"(?<=\d年|か月|ヶ月|カ月)め")
_YEARS_AND_HALF = re.compile(r"(\d+)年(?:と|間と)0\.5年")  # 3年と半年
_HOUR_LETTER = re.compile(r"(?<=\d)\s?[hH](?![a-zA-Z])")  # 30h, 20H: hours
_YEARS_AND_MONTHS = re.compile(r"(\d+)年(?:と|間と)?(\d+)(?:か|ヶ|ケ|カ|箇|ヵ)月")


def _kanji_value(text: str) -> int | None:
    """一 → 1, 十五 → 15, 二十 → 20, 二十三 → 23; None for what is not a number below a hundred."""
    if "十" not in text:
        return int("".join(str(_KANJI_DIGITS[c]) for c in text))
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (_KANJI_DIGITS[tens] if tens else 1) * 10 + (_KANJI_DIGITS[ones] if ones else 0)


def _kana_digits(match: re.Match[str]) -> str:
    tens_before, unit, tens_after, counter = match.groups()
    if not (tens_before or unit or tens_after):  # 「1ねん」: the digit is typed, the counter in kana
        before = match.string[match.start() - 1 : match.start()]
        return _KANA_COUNTERS[counter] if before.isdigit() else match.group()
    value = _KANA_UNITS.get(unit or "", 0)
    if tens_after:
        value = (value or 1) * 10
    if tens_before:
        value += 10
    return f"{value}{_KANA_COUNTERS[counter]}"


def _years_and_months(match: re.Match[str]) -> str:
    years, months = int(match.group(1)), int(match.group(2))
    return f"{years + months / 12:.2f}".rstrip("0").rstrip(".") + "年"


def with_digits(text: str) -> str:
    """NFKC ``text`` with its numbers in digits before their counters (see the module's docstring).

    >>> with_digits("任期が終わって三年半、まずは いちねんだけ、つきに ふつか")
    '任期が終わって3年半、まずは1年だけ、月に2日'
    """
    text = _WORD_SPACE.sub("", unicodedata.normalize("NFKC", text))
    text = _KANA_NUMBER.sub(_kana_digits, text)
    text = _KANA_MONTH.sub("月", _KANA_WORDS.sub(lambda m: _KANA_WORD[m.group()], text))

    def digits(match: re.Match[str]) -> str:
        value = _kanji_value(match.group())
        following = text[match.end() : match.end() + 1]
        return str(value) if value is not None and following and following in _COUNTERS else match.group()

    text = _KANJI_NUMBER.sub(digits, text)
    text = _HOUR_LETTER.sub("時間", text)
    text = _RESTATED.sub(r"\1", text)
    text = _COUNTER_ME.sub("目", text)  # 1年め, 2か月め
    text = _MONTHLY_ONCE.sub("月1回", text)  # 月に一度, 月イチ (一度 alone is 一度も, never)
    text = text.replace("半年", "0.5年")
    text = _YEARS_AND_HALF.sub(lambda m: f"{m.group(1)}.5年", text)
    return _YEARS_AND_MONTHS.sub(_years_and_months, text)


# A fact said as two values: 「月に3日か4日」「週2〜3日」「1年目の終わりなのか2年目に入ったばかりなのか」.
_ALT_COUNTER = r"(年目|年|か月|日|時間|回)"
_ALTERNATIVE = re.compile(
    rf"(?<![\d.])(\d+(?:\.\d+)?)(?:{_ALT_COUNTER}|(?!年|か月|日|時間|回|(?:ヶ|ケ|カ|箇|ヵ)月))"
    r"(?:〜|~|-|から|または|(?:の[^\d。？?、]{0,6}?)?(?:なのか|か)[^\d。？?]{0,12}?)"
    rf"(\d+(?:\.\d+)?){_ALT_COUNTER}"
)


def alternatives(text: str) -> tuple[str, str, str, str] | None:
    """For a fact said as two values of one counter (``text`` in digits): the text with the first value
    only, the text with the second only, and the two values as said (「3日」「4日」); None when there is none.
    The verdict is decided at both ends (:mod:`.verdicts`)."""
    for match in _ALTERNATIVE.finditer(text):
        first, first_counter, second, counter = match.groups()
        said_apart = match.start(3) - match.end(1) > len("から")  # 「1年目の終わりなのか2年目」
        if first_counter not in (None, counter) or (said_apart and first_counter is None):
            continue  # 「R8からの延長特例…令和6年」: two numbers, not one fact said twice
        if float(first) == float(second):
            continue
        low, high = f"{first}{counter}", f"{second}{counter}"
        head, tail = text[: match.start()], text[match.end() :]
        return head + low + tail, head + high + tail, low, high
    return None


def number_of(match: re.Match[str]) -> float:
    """The number a reading pattern caught: its first group that holds one, plus a half for 「半」
    (「3年半」 → 3.5)."""
    value = next(g for g in match.groups() if g is not None and g not in ("半", ""))
    return float(value) + (0.5 if "半" in match.groups()[1:] else 0.0)


def first_number(pattern: re.Pattern[str], text: str) -> float | None:
    """The number of ``pattern``'s first match in ``text``, or None."""
    match = pattern.search(text)
    return number_of(match) if match is not None else None
