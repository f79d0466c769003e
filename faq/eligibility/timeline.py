"""The resident's moment on the 任期's timeline: the year of the term they are in (任期N年目,
着任してNか月) or the time since it ended (任期後N年, 任期が終わってNか月, 任期終了が2022年3月末…開業は
2025年6月), read from text with its numbers in digits (:mod:`.numbers`). Each reader also gives every
moment the message says of the resident, the one read first, so that a verdict can be decided at each
(:mod:`.conditions`).
"""

from __future__ import annotations

import math
import re

from faq.eligibility.numbers import first_number, number_of
from faq.text.eras import calendar_year

_N = r"(\d+(?:\.\d+)?)"
_MONTHS = r"(?:か|ヶ|ケ|カ|箇|ヵ)月"
_END = r"[^。？?！!\n]"  # within one sentence
# the term's end, said of the term (会社を辞めて2年, 大学を卒業して3年 are no term's end)
AFTER_WORDS = (
    r"(?:任期後|任期の?あと|満了|退任|退隊|OB|OG|(?<!大学|高校|学校)(?<!学を|校を)卒業"
    r"|(?:任期|協力隊|隊員|活動|委嘱)[^\d。？?、]{0,8}?(?:終了|終わ|おわ|終え|明け|辞め|やめ|卒業|(?:した|やった)(?:あと|後)))"
)
_TERM_YEAR = re.compile(rf"(?:任期|着任|委嘱|隊員|協力隊)[^\d。？?]{{0,6}}?{_N}年目|{_N}年目|最初の年()")
# the term's month (着任して10か月目, 任期14か月目): in its year ceil(N/12)
_TERM_MONTH = re.compile(rf"(?:任期|着任|委嘱|隊員|協力隊)[^\d。？?]{{0,6}}?{_N}{_MONTHS}目")
# the term just begun, said in words: 着任してすぐ, 着任早々, 委嘱と同時に
_JUST_STARTED = re.compile(r"(?:着任|委嘱|赴任)(?:して|後|した)?(?:から)?(?:すぐ|直後|早々|そうそう|と同時)")
# years of something else: 移住して3年目, 起業して2年目, 会社に入って5年目; 任期が終わって4年目 is after it
_OTHER_YEARS = re.compile(
    rf"(?:移住|起業|開業|創業|結婚|就職|入社|住んで|会社|店|お店)[^。？?、]{{0,6}}$|{AFTER_WORDS}[^\d。？?、]{{0,6}}$"
)
_BUSINESS_NEAR = re.compile(r"^[^。？?]{0,10}?(?:起業|開業|開店|独立|承継|継|創業|登記|店を)")
_ABOUT_TO = re.compile(r"(?:もうすぐ|まもなく|間もなく|そろそろ|もう少しで|もうじき)[^\d。？?]{0,6}$")
_SOMEONE_ELSE = re.compile(
    r"(?:友達|友人|知り合い|知人|先輩|後輩|同期|前任|他の隊員|ほかの隊員|別の隊員)(?:の[^。？?、]{0,6})?(?:は|が|も)"
)
_OWN_OR_END = re.compile(r"[。？?！!\n]|(?:私|わたし|僕|ぼく|俺|おれ|自分|うち)(?:は|も|が|の)")
_LAST_YEAR = re.compile(r"最終年|最後の年|最終の年|ラストの年|任期の終わり(?:ごろ|頃|近く)|任期満了(?:前|間際|直前)")  # noqa: E501 - a pattern reads best on one line
_TERM_LENGTH = re.compile(rf"任期(?:は|が)?{_N}年(?!目)")
_BEFORE_TERM = re.compile(r"(?:着任|委嘱|赴任|協力隊になる|隊員になる|応募)(?:する)?(?:より)?前(?:に|から)[^。？?]{0,12}?(?:起業|開業|独立|創業|法人|登記|店)")  # noqa: E501 - a pattern reads best on one line
_SINCE_START = re.compile(
    rf"(?:着任|委嘱|赴任|協力隊になって|隊員になって|来て)(?:して)?(?:から)?(?:まだ|もう|ちょうど|だいたい|約|ほぼ)?{_N}(年|{_MONTHS})"
)
_AFTER_TERM = re.compile(
    rf"{AFTER_WORDS}[^\d。？?]{{0,12}}?{_N}年(半)?"
    r"(?!以内(?:まで)?(?:って|と|が|の(?:はず|ルール|決まり|制度)))"  # 「任期後3年以内って聞いた」 quotes the rule  # noqa: E501 - a pattern reads best on one line
    r"(?:目|後|ご|経|た|以内|以上|超|過ぎ|[をは](?:過ぎ|超え)(?!て(?:い|お)?(?:な|ま?せん)|ず)|が(?:過ぎ|経)|と|くらい|ぐらい|程|ほど|近く|の|に|で|して|も|、|,|\s|$)"
)
# 3年以上たって, 3年は過ぎ: past the number, not at it
_PAST_NUMBER = re.compile(r"年半?(?:以上|超|強|余り|あまり|ちょっと|ちょい|と少し|[をは]?(?:過ぎ|すぎ|超え))")
# about the number, either side of it: 3年くらい, だいたい3年 (at a rule's bound, which side is not said)
_ABOUT_AFTER = re.compile(r"年半?(?:くらい|ぐらい|位|ほど|程|前後|程度)")
_ABOUT_BEFORE = re.compile(r"(?:約|だいたい|大体|およそ|ほぼ|たしか|確か)$")
BEYOND = 0.01  # a little past a number of years (3年以上 is past 任期後3年)
_AFTER_TERM_MONTHS = re.compile(rf"{AFTER_WORDS}[^\d。？?]{{0,12}}?{_N}{_MONTHS}")
# the term's end said as a date, and a later date of the business: 「任期終了が2022年3月末…2025年6月」
_TERM_ENDED_ON = re.compile(
    r"(?:任期|協力隊|隊員|委嘱)[^\d。？?]{0,6}?(?:終了|満了|終わ|退任|卒業)[^\d。？?]{0,4}?(\d{4})年(\d{1,2})月"
)
# ... or with the date first: 「2021年3月に任期終了」「2021年3月末で協力隊を卒業」
_ENDED_ON_DATE = re.compile(
    r"(\d{4})年(\d{1,2})月(?:末|いっぱい)?(?:に|で)?(?:任期|協力隊|隊員|委嘱)[^\d。？?]{0,6}?(?:終了|満了|終わ|終え|退任|卒業)"
)
# ... or inside it: 「任期が2024年3月に終わって」
_TERM_ENDED_IN = re.compile(
    r"(?:任期|協力隊|隊員|委嘱)(?:が|は|を)?(\d{4})年(\d{1,2})月(?:末|いっぱい)?(?:に|で)?(?:終了|満了|終わ|終え|退任|卒業)"
)
_DATE = re.compile(r"(\d{4})年(?:の)?(\d{1,2})月")
_YEAR_ONLY = re.compile(r"(\d{4})年(?!\d|の?\d{1,2}月|度?\d)")
# the term's start said as a date: 「2024年10月に着任」「着任は2025年4月」
_STARTED_ON = re.compile(
    r"(\d{4})年(\d{1,2})月(?:の|に|から)?(?:協力隊(?:に|として))?(?:着任|委嘱|赴任)|(?:着任|委嘱|赴任)(?:日)?(?:は|が)(\d{4})年(\d{1,2})月"
)
_ERA_YEAR = re.compile(r"(令和|平成|昭和|(?<![A-Za-z])R|(?<![A-Za-z])H)\s?(\d{1,2})(?=年)")
CALENDAR_YEAR = 1000  # a number of years this large is a date
# right after the term: 任期満了と同時に, 任期が終わってすぐ, 退任した翌年
_AFTER_TERM_SOON = re.compile(rf"{AFTER_WORDS}{_END}{{0,8}}?(?:と同時|直後|すぐ|翌月|翌年|次の年|その年)")
_AFTER_TERM_REVERSED = re.compile(
    rf"(?:任期後|任期終了後|任期が?終わって(?:から)?){_N}年(半)?(?!以内(?:まで)?(?:って|と|が|の(?:はず|ルール|決まり|制度)))"
)
# a rule quoted, not the resident's own moment: 「任期2年目からって聞いた」「2年目からと書いてある」
_QUOTED = re.compile(r"(?:から|以降|以上)?(?:って|と)(?:聞|言|い[うわっ]|書|あ|な[っる])")

def term_years(t: str) -> tuple[list[float], bool]:
    """The term's years the message says of the resident, the one read first, and whether it is the year
    the business is said to start in (今1年目…2年目に開業: 2, said with the business)."""
    t = _in_calendar(t)
    if _LAST_YEAR.search(t) and (length := first_number(_TERM_LENGTH, t)) is not None:
        return [length], False  # 任期3年の最後の年: its third
    if _BEFORE_TERM.search(t):
        return [0.0], True  # 着任前に起業: before the term's first year
    found = [
        m
        for m in _TERM_YEAR.finditer(t)
        if not _OTHER_YEARS.search(t[max(0, _number_start(m) - 16) : _number_start(m)])
        and not _QUOTED.match(t[m.end() :])
    ]
    # the year the business is (was) started, before the year the resident is in now (今1年目…2年目に開業)
    tied = [m for m in found if _BUSINESS_NEAR.match(t[m.end() : m.end() + 12])]
    # someone else's case beside the resident's (友達は2年目で起業…私は1年目): any year may be someone's;
    # only someone else's said (友達は3年目で…私も): the resident's is not read
    others = _others_clauses(t)
    chosen = found if others else tied or found
    in_months = list(_TERM_MONTH.finditer(t))  # 着任10か月目
    if others and all(any(a <= m.start() < b for a, b in others) for m in [*chosen, *in_months]):
        chosen, in_months = [], []
    months = [float(math.ceil(number_of(m) / 12)) for m in in_months]
    if chosen or months:
        # 1年2か月目 (read as 1.17年目): in the second year
        years = [1.0 if m.group(3) is not None else float(math.ceil(number_of(m))) for m in chosen]
        # もうすぐ2年目: still in the first
        soon = [_ABOUT_TO.search(t, 0, _number_start(m)) for m in chosen]
        years += [y - 1 for y, about_to in zip(years, soon, strict=False) if about_to]
        return list(dict.fromkeys(years + months)), bool(tied)
    if (since := _SINCE_START.search(t)) is not None:
        elapsed = float(since.group(1)) / (1 if since.group(2) == "年" else 12)
        return [float(int(elapsed) + 1)], False  # 着任して8か月 → 1年目, 1年3か月 → 2年目
    if _JUST_STARTED.search(t):
        return [1.0], False
    return _from_start_date(t), False


def _others_clauses(t: str) -> list[tuple[int, int]]:
    """Where the message tells someone else's case: from 友達は… to the end of its sentence, or to the
    resident's own (…けど、私は)."""
    spans = []
    for m in _SOMEONE_ELSE.finditer(t):
        end = _OWN_OR_END.search(t, m.end())
        spans.append((m.start(), end.start() if end else len(t)))
    return spans


def _from_start_date(t: str) -> list[float]:
    """The term's year of a business said as a date after the start's date (2024年10月に着任…2026年5月に
    開業: 19 months in, its second year)."""
    if (start := _STARTED_ON.search(t)) is None or (later := _DATE.search(t, start.end())) is None:
        return []
    start_year, start_month = (int(g) for g in start.groups() if g is not None)
    months = (int(later.group(1)) - start_year) * 12 + int(later.group(2)) - start_month
    return [float(months // 12 + 1)] if months >= 0 else []


def _number_start(match: re.Match[str]) -> int:
    starts = [match.start(i) for i in range(1, len(match.groups()) + 1) if match.group(i)]
    return min(starts, default=match.start())


def term_year(t: str) -> float | None:
    years, _ = term_years(t)
    return years[0] if years else None


def _in_calendar(t: str) -> str:
    """Era years as calendar years (令和5年 → 2023年): a year is a date, never years gone by."""
    return _ERA_YEAR.sub(lambda m: str(calendar_year(m.group(1), int(m.group(2)))), t)


def _durations(t: str) -> list[re.Match[str]]:
    """The times since the term's end said in ``t``, in order; a calendar year (任期が終わったのは2023年)
    is a date, not years."""
    found = sorted([*_AFTER_TERM_REVERSED.finditer(t), *_AFTER_TERM.finditer(t)], key=lambda m: m.start())
    return [m for m in found if number_of(m) < CALENDAR_YEAR]


def after_term(t: str) -> float | None:
    """Years since the term ended. A resident's own time (任期が終わって4年) before a bound they quote
    (任期後1年以内だったのが…): a figure followed by 以内 counts only when no other is said."""
    t = _in_calendar(t)
    found = _durations(t)
    own = [m for m in found if not t[m.end() - 2 : m.end() + 2].count("以内")]
    after = _after_value(t, own[0]) if own else None
    if after is None and (months := first_number(_AFTER_TERM_MONTHS, t)) is not None:
        after = round(months / 12, 2)
    if after is None and (span := _ended_to_date(t)) is not None:
        after = span[0]
    if after is None and found:
        after = _after_value(t, found[0])
    if after is None and (soon := _AFTER_TERM_SOON.search(t)) is not None:
        after = 1.0 if soon.group().endswith(("翌年", "次の年")) else 0.0
    return after


def _ended_to_date(t: str) -> tuple[float, float] | None:
    """The years from the term's end said as a date to a later date (任期終了が2022年3月末、開業が2025年6月),
    as the fewest and the most: a later date said by its year alone (2025年に開業) spans its months."""
    ended = _ENDED_ON_DATE.search(t) or _TERM_ENDED_IN.search(t) or _TERM_ENDED_ON.search(t)
    if ended is None:
        return None
    # the date before 終了 first: in 「2023年3月に任期終了、2026年6月に開業」 the later date is the business's
    end_year, end_month = (int(g) for g in ended.groups())
    if (later := _DATE.search(t, ended.end())) is not None:
        first = last = (int(later.group(1)) - end_year) * 12 + int(later.group(2)) - end_month
    elif (year := _YEAR_ONLY.search(t, ended.end())) is not None:
        first = (int(year.group(1)) - end_year) * 12 + 1 - end_month
        last = first + 11
    else:
        return None
    return (round(first / 12, 2), round(last / 12, 2)) if first >= 0 else None


def _after_value(t: str, match: re.Match[str]) -> float:
    """The match's years, a little more when the words after its number say past it (3年以上たって)."""
    number_end = max(match.end(i) for i in range(1, len(match.groups()) + 1) if match.group(i))
    return number_of(match) + (BEYOND if _PAST_NUMBER.match(t, number_end) else 0.0)


def after_terms(t: str) -> list[float]:
    """Every time since the term's end the message says of the resident, the one read first."""
    first = after_term(t)
    if first is None:
        return []
    t = _in_calendar(t)
    found = _durations(t)
    own = [m for m in found if not t[m.end() - 2 : m.end() + 2].count("以内")]
    about = [_after_value(t, m) + BEYOND for m in own if _about(t, m)]
    span = list(_ended_to_date(t) or ()) if not own else []  # 2025年に開業: any month of it
    return list(dict.fromkeys([first, *(_after_value(t, m) for m in own), *about, *span]))


def _about(t: str, match: re.Match[str]) -> bool:
    starts = [match.start(i) for i in range(1, len(match.groups()) + 1) if match.group(i)]
    ends = [match.end(i) for i in range(1, len(match.groups()) + 1) if match.group(i)]
    return bool(_ABOUT_AFTER.match(t, max(ends)) or _ABOUT_BEFORE.search(t, 0, min(starts)))
