"""How much a 地域活性化起業人 works in the town: per-month measures read from the resident's words.

副業型 asks for 月1日 in the town, 月4日 and 月20時間 of work; 企業派遣型 for half the month's working days in
the town; both for a contract of 6 months to 3 years. Residents say it every way: 「月4日・20時間」「週2日、
1日4時間」「1回5時間を月4回」「現地は月1回」「2か月に1回」「年に4回」「月22日のうち17日を町で」「平日はほぼ毎日
役場で」「月の3分の1くらい」「3か月だけ」「期間は半年」. :func:`read_measures` gives each as a number a month
(a week is 52/12 of a month), or None when the message does not say it. Text comes with its numbers in
digits (:mod:`.numbers`).
"""

from __future__ import annotations

import re

from faq.eligibility.numbers import first_number, number_of

WEEKS_PER_MONTH = 52 / 12
FULL_MONTH_DAYS = 20.0  # working days of a month spent in the town
MONTH_DAYS = 30.0  # a month's days, for 月の3分の1
CALENDAR_YEAR = 1000  # 2026年4月から…: a number of years this large is a date, not a contract's length
_N = r"(\d+(?:\.\d+)?)"
_MONTHS = r"(?:か|ヶ|ケ|カ|箇|ヵ)月"
_END = r"[^。？?！!\n]"  # within one sentence
# 月 as a period, not a date: 4月10日, 来月10日 are days of the calendar
_PER_MONTH = r"(?<![\d来今先翌])(?:毎|ひと)?月(?:に|当たり|あたり|間|で)?"
# 「月6日30時間」: the hours right after a month's days are the month's (1日8時間 is a day's)
_HOURS = re.compile(rf"{_PER_MONTH}(?:だいたい|約)?\d+(?:\.\d+)?日{_N}時間|{_PER_MONTH}{_END}{{0,12}}?(?<![\d.]|日|回){_N}時間|{_N}時間\s?/\s?月|{_N}時間(?:/|／)月")  # noqa: E501 - a pattern reads best on one line
# 「合計で20時間」「トータル20時間」 (a month's, when days a month are said), 「5時間×4日」
_TOTAL_HOURS = re.compile(rf"(?:合計|計|トータル|全部で|あわせて|合わせて|総)(?:で)?(?:だいたい|約)?{_N}時間")
_HOURS_TIMES_DAYS = re.compile(rf"{_N}時間(?:\s?[×xX*]\s?|を|ずつ)(?:月)?{_N}(?:日|回)")
_WEEK_HOURS = re.compile(rf"週(?:に|当たり|あたり)?(?:だいたい|大体|約)?{_N}時間")
_SESSION_HOURS = re.compile(rf"(?:1日|1回|一日|一回|毎回)(?:あたり|当たり|に)?(?:だいたい|約)?{_N}時間|{_N}時間ずつ")  # noqa: E501 - a pattern reads best on one line
_DAYS = re.compile(rf"{_PER_MONTH}(?:だいたい|大体|約|平均|最低)?{_N}日|{_N}日\s?/\s?月")
_SESSIONS = re.compile(rf"{_PER_MONTH}(?:だいたい|大体|約)?{_N}(?:回|度)")
_WEEK_DAYS = re.compile(rf"週(?:に)?(?:だいたい|約)?{_N}(?:日|回)")
_YEARLY = re.compile(rf"年(?:に|間)?(?:だいたい|約)?{_N}(?:回|度)")
_EVERY_MONTH_VISIT = re.compile(r"毎月(?:必ず)?(?:現地|町|村|島)(?:に|へ|を)?(?:行|通|訪|出向)|現地(?:に|へ)(?:は)?毎月")  # noqa: E501 - a pattern reads best on one line
_EVERY_MONTHS = re.compile(rf"{_N}{_MONTHS}に(?:1|一)(?:回|度)")
# a days figure said with the town or 現地: 現地勤務は月10日, 月16日は町内で, 町に月18日
_PLACE = r"(?:現地|町内|村内|市内|区域内|島内|役場|受け?入れ(?:先|自治体)?|町|村|島)"
# the place, then what is done there, then the topic: 「町で働くのは月に10日」「町におるんは9日」
_DOING_THERE = r"(?:(?:勤務|滞在|出勤|常駐|行く(?:の)?)|[^\d。？?、,]{0,6}?(?:の|ん)(?=は|が))?"
_PLACE_BEFORE = re.compile(rf"{_PLACE}(?:での|で|に|へ)?(?:の)?{_DOING_THERE}(?:は|が)?$")
_PLACE_AFTER = re.compile(rf"^(?:くらい|ぐらい|ほど|程度|以上)?(?:は|を|だけ|ずつ)?{_PLACE}")
# 「町内は10日」「現地で12日ほど」「10日は現地」: a month's days in the town, said without 月
_LOCAL_DAYS = re.compile(
    rf"{_PLACE}(?:での|で|に|へ)?(?:の)?{_DOING_THERE}(?:は|が)?(?:月)?(?:に)?(?:だいたい|約)?{_N}日|(?<![\d月週]){_N}日(?:は|を|だけ)?{_PLACE}"
)
_WEEK_LOCAL_DAYS = re.compile(
    rf"週(?:に)?(?:だいたい|約)?{_N}日(?:は|を|だけ|が)?{_PLACE}"
    rf"|{_PLACE}(?:での|で|に|へ)?(?:の)?{_DOING_THERE}(?:は|が)?週(?:に)?{_N}(?:日|回)?(?![\d.時])"  # noqa: E501 - 現地勤務は週1だけ
)
# the week's other days said with the other workplace: 「週2日は京都の本社」
_WEEK_ELSEWHERE = re.compile(rf"週(?:に)?{_N}日(?:は|が|を)?[^。？?、\d]{{0,8}}?(?:本社|自宅|リモート|テレワーク|在宅)")  # noqa: E501 - a pattern reads best on one line
# a days figure said with the other workplace: 「本社が月12日」「東京の本社で働くのが月に12日」
_ELSEWHERE_BEFORE = re.compile(rf"(?:本社|自宅|リモート|テレワーク|在宅)(?:での|で|に|へ)?(?:の)?{_DOING_THERE}(?:は|が)?$")  # noqa: E501 - a pattern reads best on one line
_BACK_HOME = re.compile(r"^(?:だけ|ほど|くらい)?(?:は)?(?:本社|自宅|実家|東京|家)に?(?:戻|帰)")
_SHARE = re.compile(rf"(?:の)?うち(?:、)?(?:月)?{_N}日(?!{_END}{{0,3}}(?:本社|自宅|東京|リモート))")
_FRACTION = re.compile(rf"月の{_N}分の{_N}")
_TENTHS = re.compile(rf"(?:月|勤務|勤務日)の(?:うち)?(?:約|だいたい)?{_N}割")
_HALF_MONTH = re.compile(r"月の半分|半月")
_MOST_OF_MONTH = re.compile(
    r"月の(?:大半|ほとんど)|ほぼ(?:毎日|ずっと)|常勤|フルタイム|駐在|毎日(?:町|村|島|現地|役場)|基本(?:的に)?(?:は)?(?:ずっと)?(?:現地|町|村|島)"
)
_EVERY_DAY = re.compile(
    r"(?:勤務|仕事)[^。？?]{0,4}?(?:全部|ぜんぶ|すべて|全て|ほぼ毎日|毎日)|全部(?:町内|現地|村内)|常駐|住み込み|平日は(?:ほぼ)?(?:毎日|ずっと|全部|ぜんぶ|すべて|全て)"
)
_VISIT_SAID = re.compile(
    rf"現地{_END}{{0,10}}?{_PER_MONTH}?{_N}(?:日|回|度)|{_N}日(?:は|だけ)?現地|{_PER_MONTH}{_N}(?:回|度)(?:は|だけ)?現地"
    rf"|{_N}日{_END}{{0,10}}?{_PLACE}(?:に|へ|さ|まで)(?:通|行|出向|滞在)"  # 月に10日くらい秋田の町さ通って
)
_NO_VISIT = re.compile(
    rf"現地(?!{_END}{{0,6}}?(?:ほとんど|あまり|なかなか|めったに|たまにしか)){_END}{{0,8}}?(?:行か|いか|行け|いけ|通わ|行き|いき|訪れ)(?:ませ)?(?:ない|へん|ん|ず)|現地(?:滞在|訪問)?(?:は|に)?(?:なし|ゼロ|0日|0回)|フルリモート|完全(?:に)?リモート|全部(?:オンライン|リモート)"
)
_ABOUT = r"(?:ちょうど|約|だいたい|およそ|ほぼ)?"
# 「4か月で打ち切り」「3か月で終わる」: a contract cut short is its length
_CONTRACT = re.compile(
    rf"{_N}{_MONTHS}(?:間)?(?:だけ)?[^。？?\d]{{0,10}}?(?:契約|派遣)|(?:契約|期間)(?:期間)?(?:は|が|を|も)?{_ABOUT}{_N}{_MONTHS}|{_N}{_MONTHS}(?:間)?(?:だけ|ほど|くらい|程度|限定|の予定|の期間)(?!に)"
    rf"|{_N}{_MONTHS}(?:間)?で(?:終わ|おわ|終了|切り上げ|打ち切|打切|引き上げ)"
)
_CONTRACT_YEARS = re.compile(
    rf"{_N}年(半)?(?:間)?[^。？?\d]{{0,8}}?(?:契約|派遣|行かせ|送)|(?:契約|期間|派遣)(?:期間)?(?:は|が|を|も)?{_ABOUT}{_N}年(半)?|{_N}年(半)?(?:間)?(?:の予定|の期間|限定)"
)
# a length said of the contract in words the patterns above do not read (期間のほうは4年): the contract is
# then not known, never taken as unsaid
CONTRACT_SAID = re.compile(
    rf"(?:契約|期間)[^。？?\d]{{0,8}}?(?<![\d.]){_N}(?:年(?!目|度|\d)|{_MONTHS}(?!目))"
)

# a period given by its first and last months: 「期間は2026年4月から2029年3月まで」 (36 months)
_DATE_SPAN = re.compile(
    r"(?:契約|期間|派遣)[^。？?\d]{0,6}?(\d{4})年(\d{1,2})月[^。？?\d]{0,4}?から(\d{4})年(\d{1,2})月"
)


def _span_months(t: str) -> float | None:
    """The months of a period said by its first and last months, both counted."""
    if (span := _DATE_SPAN.search(t)) is None:
        return None
    first_year, first_month, last_year, last_month = (int(g) for g in span.groups())
    months = (last_year - first_year) * 12 + last_month - first_month + 1
    return float(months) if months > 0 else None


def _with_place(t: str, m: re.Match[str]) -> bool:
    """A figure said with the town or 現地 (現地勤務は月10日, 月16日は町内で)."""
    before = t[max(0, m.start() - 10) : m.start()]
    return bool(_PLACE_BEFORE.search(before) or _PLACE_AFTER.match(t[m.end() :]))


def _days(t: str) -> tuple[float | None, float | None]:
    """(days worked a month, days of them in the town that takes them in). A figure said with the place
    (現地勤務は月10日, 月16日は町内で, 月2日は現地) is the town's; the largest other one is the month's."""
    total: list[float] = []
    local: list[float] = []
    elsewhere: list[float] = []
    for m in _DAYS.finditer(t):
        if _ELSEWHERE_BEFORE.search(t[max(0, m.start() - 12) : m.start()]):
            elsewhere.append(number_of(m))
        else:
            (local if _with_place(t, m) else total).append(number_of(m))
    if elsewhere:  # days worked all the same; 町で8日、本社で12日: the month's days are both
        total.append(max(local, default=0.0) + sum(elsewhere))
    if not local:
        local = [number_of(m) for m in _LOCAL_DAYS.finditer(t)]
    if not local:  # 週4日は町で: a week's days in the town, a month's are 52/12 as many
        local = [round(number_of(m) * WEEKS_PER_MONTH, 1) for m in _WEEK_LOCAL_DAYS.finditer(t)]
        week_elsewhere = [number_of(m) for m in _WEEK_ELSEWHERE.finditer(t)]
        if local and week_elsewhere and not total:  # 週3日が現地、週2日は本社: the days worked are both
            total.append(round(max(local) + sum(week_elsewhere) * WEEKS_PER_MONTH, 1))
    if not total and (weekly := first_number(_WEEK_DAYS, t)) is not None:
        total.append(round(weekly * WEEKS_PER_MONTH, 1))
    days = max(total) if total else None
    if days is None and (fraction := _FRACTION.search(t)) is not None and float(fraction.group(1)):
        days = round(MONTH_DAYS * float(fraction.group(2)) / float(fraction.group(1)), 1)
    if days is None and (tenths := first_number(_TENTHS, t)) is not None:
        days = round(MONTH_DAYS * tenths / 10, 1)  # 月の8割
    if days is None and _HALF_MONTH.search(t):
        days = 15.0
    if days is None and (_EVERY_DAY.search(t) or _MOST_OF_MONTH.search(t)):
        days = FULL_MONTH_DAYS  # 勤務は全部町内, 住み込み, ほぼ毎日
    if days is None and not local:  # 月4回、1回5時間: each time a day of work, unless a visit (現地に月1回)
        sessions = [
            number_of(m)
            for m in _SESSIONS.finditer(t)
            if not _with_place(t, m) and not _BACK_HOME.match(t[m.end() : m.end() + 8])
        ]
        days = max(sessions) if sessions else None
    share = first_number(_SHARE, t)
    in_town: float | None = days
    if local:
        in_town = max(local)
    elif share is not None and days is not None and share <= days:
        in_town = share  # 月22日のうち17日を町で
    return (days if days is not None else in_town), in_town


def _visits(t: str) -> float | None:
    if _NO_VISIT.search(t):
        return 0.0
    if _EVERY_MONTH_VISIT.search(t):
        return 1.0  # 毎月現地へ
    if (months_apart := first_number(_EVERY_MONTHS, t)) is not None:
        return round(1 / months_apart, 2)  # 2か月に1回 → 0.5 a month
    if (said := first_number(_VISIT_SAID, t)) is not None:
        return said
    if (sessions := first_number(_SESSIONS, t)) is not None:
        return sessions  # 月1回: a visit a month
    if (yearly := first_number(_YEARLY, t)) is not None:
        return round(yearly / 12, 2)  # 年に4回
    return None


# a plan changed mid-message: 「月15日の予定だったけど、町は月10日になりそう」「…で考えてたんですけど、
# 月12時間に減らすことにしました」 — what is said after the change replaces what was said before it
_REVISED = re.compile(
    r"(?:予定|つもり|はず|考えて|考えとっ|思って|話)(?:だった|でした|た|いた|てた|ていた)?(?:んです|んだ|のです|んや)?"
    r"(?:けど|けれど|が|のに|ものの)(?:、)?"
)
# a figure corrected: 「月4日、いや月3日」「20時間じゃなくて15時間」「訂正です、月10日」
_TAKEN_BACK = r"(?:、|,)?(?:いや|じゃなくて|ではなくて|ではなく|じゃなく)(?:、|,)?"
_CORRECTED = re.compile(rf"(?<=[日間回月年]){_TAKEN_BACK}|訂正(?:です|します)?(?:。|、|:)?")
# the corrected figure said bare after the one it replaces: 「月25時間じゃなくて15時間」 → 月15時間
_CORRECTED_FIGURE = re.compile(rf"\d+(?:\.\d+)?(時間|日|回){_TAKEN_BACK}(?:月|月に)?(\d+(?:\.\d+)?)\1")
# an attempt given up: 「1年目で会社をつくろうとしたけど、やめました。今は…」 — the moment that stands follows
_GIVEN_UP = re.compile(
    r"(?:よう|ろう|こう|そう|おう|ごう|ぼう|もう|とう)と(?:し|思っ|考え)(?:た|てた|ていた|ました)"
    r"(?:んです|んだ|のです|んや)?(?:けど|けれど|が|のに)(?:、)?"
)
_PAST_PLAN = re.compile(r"だった|でした|てた|ていた|とった|(?:て|で)(?:た|いた)")


# a figure said out of reach or as a bound below: 「月20時間は無理」「月に4日も行けません」「月20時間弱」
# — the month's is below it, not
# it (「月に14時間しか取れない」 is 14)
_OUT_OF_REACH = re.compile(
    rf"(?:毎月|月)(?:に)?{_N}(時間|日|回)(?:も|は|なんて|とか|だと|では)?(?:(?!しか|だけ)[^。？?、\d]){{0,6}}?"
    r"(?:無理|むり|できな|できませ|出来な|出来ませ|難し|むずかし|厳し|きびし|行けな|いけな|行けませ|働けな|働けませ"
    r"|取れな|とれな|取れませ|足りな|確保できな|届かな|未満|弱(?!い)|足らず|を切|に満た|を下回)"
)
_BOUND_OF = {
    "時間": ("hours_per_month",),
    "日": ("days_per_month", "local_days_per_month"),
    "回": ("visits_per_month",),
}


def read_bounds(t: str) -> dict[str, float]:
    """The measures said to be below a figure (月20時間は無理: hours_per_month below 20)."""
    bounds: dict[str, float] = {}
    for m in _OUT_OF_REACH.finditer(t):
        for name in _BOUND_OF[m.group(2)]:
            bounds[name] = min(bounds.get(name, float(m.group(1))), float(m.group(1)))
    return bounds


def plan_changed_at(t: str) -> int | None:
    """Where the message turns from a plan given up to the one that stands (:data:`_REVISED`), if it does."""
    changes = [m.end() for m in _REVISED.finditer(t) if _PAST_PLAN.search(m.group())]
    changes += [m.end() for m in _CORRECTED.finditer(t)]
    changes += [m.end() for m in _GIVEN_UP.finditer(t)]
    return max(changes) if changes else None


def _prepared(t: str) -> str:
    """The text with figures out of reach masked and corrected figures in place of those they replace."""
    t = _OUT_OF_REACH.sub(lambda m: "－" * len(m.group()), t)
    return _CORRECTED_FIGURE.sub(lambda m: m.group(2) + m.group(1), t)


_DAYS_THEN_HOURS = re.compile(rf"{_PER_MONTH}(?:だいたい|約)?(\d+)日(\d+(?:\.\d+)?)時間")
DAY_HOURS = 12  # hours right after a month's days this few may be a day's
# a figure that is part of the month's (うち現地は月1日2時間, 在宅で月10時間): no second figure for it
_PART_OF = re.compile(rf"(?:うち|{_PLACE}|本社|在宅|自宅|リモート|テレワーク)[^。？?]{{0,6}}$")


def figures_said(t: str) -> dict[str, tuple[float, ...]]:
    """A month's hours said as two different figures with no change of plan between them (「月20時間の予定。
    実際は月15時間くらい」): every figure, for the verdict to see whether they agree."""
    t = _prepared(t)
    if plan_changed_at(t) is not None:
        return {}
    whole = [m for m in _HOURS.finditer(t) if not _PART_OF.search(t[max(0, m.start() - 10) : m.start()])]
    # 「月4日6時間」: 6 a month, or 6 a day of the 4 (24)
    pairs = [
        (float(m.group(1)), float(m.group(2)))
        for m in _DAYS_THEN_HOURS.finditer(t)
        if not _PART_OF.search(t[max(0, m.start() - 10) : m.start()])
    ]
    per_day = [days * hours for days, hours in pairs if hours <= DAY_HOURS]
    hours = tuple(sorted({number_of(m) for m in whole} | set(per_day)))
    return {"hours_per_month": hours} if len(hours) > 1 else {}


def read_measures(t: str) -> dict[str, float | None]:
    """hours_per_month, days_per_month, local_days_per_month, visits_per_month and contract_months; a
    measure said again after a change of plan (:data:`_REVISED`) is read from what follows the change, a
    figure out of reach (:func:`read_bounds`) is no reading of its measure."""
    t = _prepared(t)
    said = _read_measures(t)
    if (changed := plan_changed_at(t)) is None:
        return said
    later = _read_measures(t[changed:])
    return {name: later[name] if later[name] is not None else value for name, value in said.items()}


def _read_measures(t: str) -> dict[str, float | None]:
    hours = first_number(_HOURS, t)
    if hours is None and (weekly := first_number(_WEEK_HOURS, t)) is not None:
        hours = round(weekly * WEEKS_PER_MONTH, 1)
    days, in_town = _days(t)
    if hours is None and (product := _HOURS_TIMES_DAYS.search(t)) is not None:
        hours = float(product.group(1)) * float(product.group(2))  # 5時間×4日
    if hours is None and days is not None and _SESSION_HOURS.search(t) is None:
        hours = first_number(_TOTAL_HOURS, t)  # 月4日、合計で20時間
    sessions = days if days is not None else first_number(_SESSIONS, t)
    if hours is None and sessions is not None and (each := first_number(_SESSION_HOURS, t)) is not None:
        hours = each * sessions  # 月3日、1日8時間; 1回5時間を月4回
    months = first_number(_CONTRACT, t)
    years = [number_of(m) for m in _CONTRACT_YEARS.finditer(t) if number_of(m) < CALENDAR_YEAR]
    if months is None and years:
        months = years[0] * 12
    if months is None:
        months = _span_months(t)
    return {
        "hours_per_month": hours,
        "days_per_month": days,
        "local_days_per_month": in_town,
        "visits_per_month": _visits(t),
        "contract_months": months,
    }
