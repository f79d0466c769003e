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

    text = _KANA_WORDS.sub(lambda m: _KANA_WORD[m.group()], _KANA_NUMBER.sub(_kana_digits, text))
    text = _KANJI_NUMBER.sub(digits, text)
    return text.replace("半年", "0.5年")


# Numbers and counters typed in kana (いちねん, つき4にち, はんとしご): read as the kanji a rule reads.
_KANA_UNITS = {
    "いち": 1, "に": 2, "さん": 3, "よん": 4, "よ": 4, "ご": 5, "ろく": 6, "なな": 7, "はち": 8, "きゅう": 9
}
_KANA_NUMBER = re.compile(
    r"(じゅう)?(いち|に|さん|よん|よ|ご|ろく|なな|はち|きゅう)?(じゅう)?(?=ねん|かげつ|かげっ|じかん|にち|かい)"
)
_KANA_WORD = {
    "はんとし": "半年", "ねんめ": "年目", "ねん": "年", "かげつ": "か月", "じかん": "時間", "にち": "日",
    "つき": "月", "にんき": "任期", "けいやく": "契約", "げんち": "現地", "かい": "回",
}
_KANA_WORDS = re.compile("|".join(sorted(_KANA_WORD, key=len, reverse=True)))


def _kana_digits(match: re.Match[str]) -> str:
    tens_before, unit, tens_after = match.groups()
    if not (tens_before or unit or tens_after):
        return match.group()
    value = _KANA_UNITS.get(unit or "", 0)
    if tens_after:
        value = (value or 1) * 10
    if tens_before:
        value += 10
    return str(value)


_NUMBER = r"(\d+(?:\.\d+)?)"
_HALF = r"(半)?"
_TERM_YEAR = re.compile(rf"(?:任期|着任|委嘱|隊員|協力隊)[^\d。？?]{{0,6}}?{_NUMBER}年目|{_NUMBER}年目")
_AFTER_TERM = re.compile(
    r"(?:任期後|満了|退任|卒業|終了|終わ|おわ|明け|辞め|やめ|退隊)[^\d。？?]{0,12}?"
    rf"{_NUMBER}年{_HALF}(?:目|後|ご|経|た|以内|くらい|ぐらい|程|ほど|近く|の|に|で|して|、|,|\s|$)"
)
_AFTER_TERM_REVERSED = re.compile(rf"(?:任期後|任期終了後|任期が?終わって(?:から)?){_NUMBER}年{_HALF}")
_WANTED_YEARS = re.compile(rf"{_NUMBER}年(?:間)?(?:くらい|ぐらい|ほど|程|まるまる|全部|だけ)?(?:続け|やり|やっ|に?延長|いたい|居たい|勤め|活動|まで|にし|に(?:延|伸|の)ば|[にも]でき|も続|にな|にして)")  # noqa: E501 - a pattern reads best on one line
_HOURS = re.compile(rf"(?<!\d)月(?:に|当たり|あたり)?[^。？?]{{0,12}}?(?<![\d.]){_NUMBER}時間|{_NUMBER}時間\s?/\s?月")  # noqa: E501 - a pattern reads best on one line
_WEEK_HOURS = re.compile(rf"週(?:に|当たり|あたり)?(?:だいたい|大体|約)?{_NUMBER}時間")
_DAYS = re.compile(rf"(?<![\d])月(?:に|当たり|あたり)?(?:だいたい|大体|約|平均)?{_NUMBER}日|{_NUMBER}日\s?/\s?月")  # noqa: E501 - a pattern reads best on one line
_HALF_MONTH = re.compile(r"月の半分")
_EVERY_DAY = re.compile(r"(?:勤務|仕事)[^。？?]{0,4}?(?:全部|ぜんぶ|すべて|全て|ほぼ毎日|毎日)|全部(?:町内|現地|村内)|常駐|住み込み|平日は(?:ほぼ)?毎日")  # noqa: E501 - a pattern reads best on one line
FULL_MONTH_DAYS = 20.0  # working days of a month spent in the town
_VISITS = re.compile(rf"(?:月(?:に)?{_NUMBER}(?:回|度)|現地(?:は|に|へ|滞在)?(?:月)?(?:に)?{_NUMBER}(?:日|回)|(?:うち)?{_NUMBER}日(?:は|だけ)?現地)")  # noqa: E501 - a pattern reads best on one line
_EVERY_MONTHS = re.compile(rf"{_NUMBER}(?:か|ヶ|ケ|カ|箇|ヵ)月に(?:1|一)(?:回|度)")
_NO_VISIT = re.compile(r"現地(?:に|へ|には|へは)?(?:一度も|全く|まったく|ぜんぜん|全然)?(?:行か|いか|行け|いけ)(?:ない|へん|ん)|フルリモート|完全(?:に)?リモート")  # noqa: E501 - a pattern reads best on one line
_CONTRACT = re.compile(rf"{_NUMBER}(?:か|ヶ|ケ|カ|箇|ヵ)?月(?:間)?(?:だけ)?[^。？?\d]{{0,10}}?(?:契約|派遣)|(?:契約|期間)(?:期間)?(?:は|が)?{_NUMBER}(?:か|ヶ|ケ|カ|箇|ヵ)月")  # noqa: E501 - a pattern reads best on one line
_CONTRACT_YEARS = re.compile(rf"{_NUMBER}年(?:間)?[^。？?\d]{{0,8}}?(?:契約|派遣)|(?:契約|期間|派遣)(?:期間)?(?:は|が)?{_NUMBER}年")  # noqa: E501 - a pattern reads best on one line
# taking over the business one works in (その農園, 研修先の, この工房), not another one (叔父の旅館)
_TAKES_OVER = re.compile(r"(?:その|この|研修先|受入先|受け入れ先|従事先|働いている|働いてる|今の|いまの|ここの|同じ)[^。？?]{0,12}?(?:承継|継ぐ|継ご|継ぎ|継い|跡を?継|後を?継|引き継|ひきつ)")  # noqa: E501 - a pattern reads best on one line
_UNDECIDED = re.compile(r"迷って|まよって|決めてない|決まってない|未定|どっちにするか|かまだ")
_COMPANY = re.compile(r"本社|会社|勤め|社員|企業|勤務先|職場|退職")
_BUSINESS = re.compile(r"起業|事業承継|承継|継ぐ|継ご|継ぎ|跡を?継|後を?継|開業|独立|店を(?:開|出|始)|会社を(?:作|つく|興|起)")  # noqa: E501 - a pattern reads best on one line
_JOB = re.compile(r"就職|就労|勤め(?:る|たい)|雇(?:われ|って)|社員に|会社員|正社員|職員に")
_NOT_MOVING = re.compile(r"住民票[^。？?]{0,10}?(?:移さ|うつさ|動かさ|移せ|うつせ|移して(?:い)?ない|そのまま|まんま|のまま|残し|残す|置いた(?:まま)?|置いとき|(?:移す|うつす)気(?:は)?ない)")  # noqa: E501 - a pattern reads best on one line
_MOVING = re.compile(r"住民票[^。？?]{0,20}?(?:移す|移し|うつす|うつし|移動|異動|移る|移ります|移した|ごと)")
# only the paper moves: 「住民票だけ移して、普段は東京で」 — the 生活の拠点 stays
_PAPER_ONLY = re.compile(r"住民票だけ|普段は[^。？?]{0,12}?(?:今まで通り|いままで通り|そのまま)|週末だけ通")
# where the 住民票 goes: a rural place (過疎, 離島, 山あいの村), not a city's centre
_TO_RURAL = re.compile(r"過疎|離島|島の|山あい|山間|中山間|村|田舎|条件不利")
# already living there: 「生まれも育ちも今住んでる過疎の町」「地元の町で」
_ALREADY_THERE = re.compile(r"生まれも育ちも|地元の(?:町|村)で|今住んでる(?:過疎|町|村)|ずっと住んで")
# from a city: 「世田谷区に住んで」「横浜市から」「大阪市から」
_FROM_CITY = re.compile(r"(?:区|都会|都市部|東京|大阪|名古屋|横浜|京都|神戸|福岡|札幌|仙台|広島|川崎|さいたま|千葉)(?:の[^。？?]{0,6}?)?(?:から|に住ん|に住んど|在住|住まい)")  # noqa: E501 - a pattern reads best on one line


@dataclass(frozen=True)
class Case:
    term_year: float | None = None
    years_after_term: float | None = None
    wanted_years: float | None = None
    plan: str | None = None  # "business" or "job"
    takes_over: bool = False  # the business is one taken over (継ぐ, 承継), not a new one
    hours_per_month: float | None = None
    days_per_month: float | None = None
    visits_per_month: float | None = None
    contract_months: float | None = None
    moves: bool | None = None
    to_rural: bool = False  # the 住民票 goes to a rural place (過疎, 離島, 村)
    from_city: bool = False  # says they come from (or live in) a city: 横浜市から, 世田谷区に住んで
    company_text: str = ""  # the sentences about the resident's company (本社, 会社, 勤め), for its place


def _value(match: re.Match[str]) -> float:
    value = next(g for g in match.groups() if g is not None and g != "半")
    return float(value) + (0.5 if "半" in match.groups()[1:] else 0.0)


def _first(pattern: re.Pattern[str], text: str) -> float | None:
    match = pattern.search(text)
    return _value(match) if match is not None else None


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
    if days is None and _EVERY_DAY.search(t):
        days = FULL_MONTH_DAYS  # 勤務は全部町内, 住み込み, ほぼ毎日
    months_apart = _first(_EVERY_MONTHS, t)  # 2か月に1回 → 0.5 a month
    visits = _first(_VISITS, t) if not months_apart else round(1 / months_apart, 2)
    visits = 0.0 if _NO_VISIT.search(t) else visits
    months = _first(_CONTRACT, t)
    if months is None and (years := _first(_CONTRACT_YEARS, t)) is not None:
        months = years * 12
    business, job = bool(_BUSINESS.search(t)), bool(_JOB.search(t))
    plan = "business" if business else "job" if job else None
    plan = "undecided" if (business and job) or _UNDECIDED.search(t) else plan
    moves = False if _NOT_MOVING.search(t) or _PAPER_ONLY.search(t) else True if _MOVING.search(t) else None
    if _ALREADY_THERE.search(t):
        moves = False
    return Case(
        term_year=term_year,
        years_after_term=after,
        wanted_years=max((_value(m) for m in _WANTED_YEARS.finditer(t)), default=None),
        plan=plan,
        takes_over=bool(_TAKES_OVER.search(t)),
        hours_per_month=hours,
        days_per_month=days,
        visits_per_month=visits,
        contract_months=months,
        moves=moves,
        from_city=bool(_FROM_CITY.search(t)),
        to_rural=bool(_TO_RURAL.search(t)),
        company_text="。".join(s for s in re.split(r"[。？?！!\n]", t) if _COMPANY.search(s)),
    )
