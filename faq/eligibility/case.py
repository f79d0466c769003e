"""The resident's case as the rules need it: numbers with their units and what they are counted from.

Residents give their case in passing — 「任期1年目で店を開いた」「任期が終わって三年半」「月15時間くらい」
「本社は大阪」「住民票は移さない」 — in kanji numerals, full-width digits or words (半年). :func:`read_case`
finds, in the NFKC text with kanji numerals read as digits:

- a moment on the 任期's timeline: ``term_year`` (任期N年目) or ``years_after_term`` (任期後N年, 半年);
- the years someone wants to stay (``wanted_years``: 6年続けたい) and what they plan after (``plan``:
  起業・事業承継 or a job);
- per-month measures: ``hours_per_month`` (月20時間, 週5時間 ≈ 21.7), ``days_per_month`` (月に10日),
  ``visits_per_month`` (現地に月1回; 0 for 現地には行かない); a contract's ``contract_months``;
- whether the 住民票 moves (``moves``: True, False or None).

Every pattern is linear in the length of the text; an absent fact stays None, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_KANJI_DIGITS = dict(zip("〇零一二三四五六七八九", (0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_KANJI_NUMBER = re.compile(r"[〇零一二三四五六七八九十]+")
WEEKS_PER_MONTH = 52 / 12


def _kanji_value(text: str) -> int | None:
    """一 → 1, 十五 → 15, 二十 → 20, 二十三 → 23; None for what is not a number below a hundred."""
    if "十" not in text:
        return int("".join(str(_KANJI_DIGITS[c]) for c in text))
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (_KANJI_DIGITS[tens] if tens else 1) * 10 + (_KANJI_DIGITS[ones] if ones else 0)


def _with_digits(text: str) -> str:
    """NFKC text with kanji numerals as digits, except inside words (一緒, 一度 stay as they are)."""
    text = unicodedata.normalize("NFKC", text)

    def digits(match: re.Match[str]) -> str:
        value = _kanji_value(match.group())
        following = text[match.end() : match.end() + 1]
        return str(value) if value is not None and following in "年か箇ヶケカ月日時週回人" else match.group()

    text = _KANJI_NUMBER.sub(digits, text)
    return text.replace("半年", "0.5年")


_NUMBER = r"(\d+(?:\.\d+)?)"
_HALF = r"(半)?"
_TERM_YEAR = re.compile(rf"(?:任期|着任|委嘱|隊員|協力隊)[^\d。？?]{{0,6}}?{_NUMBER}年目|{_NUMBER}年目")
_AFTER_TERM = re.compile(
    r"(?:任期後|満了|退任|卒業|終了|終わ|おわ|明け|辞め|やめ|退隊)[^\d。？?]{0,12}?"
    rf"{_NUMBER}年{_HALF}(?:目|後|経|た|以内|くらい|ぐらい|程|ほど|近く|の|に|で|して|、|,|\s|$)"
)
_AFTER_TERM_REVERSED = re.compile(rf"(?:任期後|任期終了後|任期が?終わって(?:から)?){_NUMBER}年{_HALF}")
_WANTED_YEARS = re.compile(rf"{_NUMBER}年(?:間)?(?:続け|やり|に?延長|いたい|居たい|勤め|活動|まで|にし|に延ば|もでき|も続)")  # noqa: E501 - a pattern reads best on one line
_HOURS = re.compile(rf"(?<!\d)月(?:に|当たり|あたり)?[^。？?]{{0,12}}?(?<![\d.]){_NUMBER}時間|{_NUMBER}時間\s?/\s?月")  # noqa: E501 - a pattern reads best on one line
_WEEK_HOURS = re.compile(rf"週(?:に|当たり|あたり)?(?:だいたい|大体|約)?{_NUMBER}時間")
_DAYS = re.compile(rf"(?<![\d])月(?:に|当たり|あたり)?(?:だいたい|大体|約|平均)?{_NUMBER}日|{_NUMBER}日\s?/\s?月")  # noqa: E501 - a pattern reads best on one line
_HALF_MONTH = re.compile(r"月の半分")
_VISITS = re.compile(rf"月(?:に)?{_NUMBER}(?:回|度)")
_NO_VISIT = re.compile(r"現地(?:に|へ|には|へは)?(?:一度も|全く|まったく|ぜんぜん|全然)?(?:行か|いか|行け|いけ)(?:ない|へん|ん)|フルリモート|完全(?:に)?リモート")  # noqa: E501 - a pattern reads best on one line
_CONTRACT = re.compile(rf"{_NUMBER}(?:か|ヶ|ケ|カ|箇|ヵ)?月(?:間)?(?:だけ)?(?:の)?契約|契約(?:期間)?(?:は|が)?{_NUMBER}(?:か|ヶ|ケ|カ|箇|ヵ)月")  # noqa: E501 - a pattern reads best on one line
_CONTRACT_YEARS = re.compile(rf"{_NUMBER}年(?:間)?(?:の)?契約|契約(?:期間)?(?:は|が)?{_NUMBER}年")
_BUSINESS = re.compile(r"起業|事業承継|承継|継ぐ|継ご|継ぎ|跡を?継|後を?継|開業|独立|店を(?:開|出|始)|会社を(?:作|つく|興|起)")  # noqa: E501 - a pattern reads best on one line
_JOB = re.compile(r"就職|就労|勤め(?:る|たい)|雇(?:われ|って)|社員に|会社員|正社員|職員に")
_NOT_MOVING = re.compile(r"住民票[^。？?]{0,10}?(?:移さ|うつさ|動かさ|移せ|うつせ|移して(?:い)?ない|そのまま|残し|置いた(?:まま)?|置いとき)")  # noqa: E501 - a pattern reads best on one line
_MOVING = re.compile(r"住民票[^。？?]{0,10}?(?:移す|移し|うつす|うつし|移動|異動|移る|移ります|移した)")


@dataclass(frozen=True)
class Case:
    term_year: float | None = None
    years_after_term: float | None = None
    wanted_years: float | None = None
    plan: str | None = None  # "business" or "job"
    hours_per_month: float | None = None
    days_per_month: float | None = None
    visits_per_month: float | None = None
    contract_months: float | None = None
    moves: bool | None = None


def _first(pattern: re.Pattern[str], text: str) -> float | None:
    match = pattern.search(text)
    if match is None:
        return None
    value = next(g for g in match.groups() if g is not None and g != "半")
    return float(value) + (0.5 if "半" in match.groups()[1:] else 0.0)


def read_case(text: str) -> Case:
    """The facts of the resident's case that ``text`` states (see the module's list)."""
    t = _with_digits(text)
    after = _first(_AFTER_TERM_REVERSED, t)
    if after is None:
        after = _first(_AFTER_TERM, t)
    term_year = _first(_TERM_YEAR, t) if after is None else None
    hours = _first(_HOURS, t)
    if hours is None and (weekly := _first(_WEEK_HOURS, t)) is not None:
        hours = round(weekly * WEEKS_PER_MONTH, 1)
    days = _first(_DAYS, t)
    if days is None and _HALF_MONTH.search(t):
        days = 15.0
    visits = 0.0 if _NO_VISIT.search(t) else _first(_VISITS, t)
    months = _first(_CONTRACT, t)
    if months is None and (years := _first(_CONTRACT_YEARS, t)) is not None:
        months = years * 12
    plan = "business" if _BUSINESS.search(t) else "job" if _JOB.search(t) else None
    moves = False if _NOT_MOVING.search(t) else True if _MOVING.search(t) else None
    return Case(
        term_year=term_year,
        years_after_term=after,
        wanted_years=_first(_WANTED_YEARS, t),
        plan=plan,
        hours_per_month=hours,
        days_per_month=days,
        visits_per_month=visits,
        contract_months=months,
        moves=moves,
    )
