"""The resident's case as the rules need it: numbers with their units and what they are counted from.

Residents give their case in passing — 「任期1年目で店を開いた」「任期が終わって三年半」「月15時間くらい」
「本社は大阪」「住民票は移さない」 — in kanji numerals, full-width digits or kana (:mod:`.numbers` reads them
as digits first). :func:`read_case` finds:

- a moment on the 任期's timeline: ``term_year`` (任期N年目, 着任してNか月) or ``years_after_term``
  (任期後N年, 任期が終わってNか月);
- the years someone wants to serve (``wanted_years``: 6年続けたい, あと1年延ばして) or that they ask for an
  extension at all (``asks_extension``), what they plan after the term (``plan``) and how that plan stands
  to the work they do as a member (``activity`` and ``venture``, the two clauses, for :mod:`.activity`);
- per-month measures: ``hours_per_month`` (月20時間, 週5時間, 1日8時間を月3日), ``days_per_month``,
  ``local_days_per_month`` (the days in the town that takes them: 月22日のうち17日を町で),
  ``visits_per_month`` (現地に月1回; 0 for 現地には行かない); a contract's ``contract_months``;
- whether the 住民票 moves (``moves``) and, with a place resolver, the places and their roles
  (:mod:`.where`).

Every pattern is linear in the length of the text; an absent fact stays None, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from faq.eligibility.activity import clauses, takes_over
from faq.eligibility.numbers import with_digits
from faq.eligibility.where import CasePlaces, read_places
from faq.places.resolver import PlaceResolver

WEEKS_PER_MONTH = 52 / 12
FULL_MONTH_DAYS = 20.0  # working days of a month spent in the town
_N = r"(\d+(?:\.\d+)?)"
_MONTHS = r"(?:か|ヶ|ケ|カ|箇|ヵ)月"
_END = r"[^。？?！!\n]"  # within one sentence
_AFTER_WORDS = r"(?:任期後|任期の?あと|満了|退任|卒業|終了|終わ|おわ|終え|明け|辞め|やめ|退隊|OB|OG)"
_TERM_YEAR = re.compile(rf"(?:任期|着任|委嘱|隊員|協力隊)[^\d。？?]{{0,6}}?{_N}年目|{_N}年目|最初の年()")
_SINCE_START = re.compile(
    rf"(?:着任|委嘱|赴任|協力隊になって|隊員になって|来て)(?:して)?(?:から)?(?:まだ|もう)?{_N}(年|{_MONTHS})"
)  # noqa: E501 - a pattern reads best on one line
_AFTER_TERM = re.compile(
    rf"{_AFTER_WORDS}[^\d。？?]{{0,12}}?{_N}年(半)?"
    r"(?:目|後|ご|経|た|以内|くらい|ぐらい|程|ほど|近く|の|に|で|して|も|、|,|\s|$)"
)
_AFTER_TERM_MONTHS = re.compile(rf"{_AFTER_WORDS}[^\d。？?]{{0,12}}?{_N}{_MONTHS}")
_AFTER_TERM_REVERSED = re.compile(rf"(?:任期後|任期終了後|任期が?終わって(?:から)?){_N}年(半)?")
# the whole term wanted (5年に延長, 6年続けたい, 1年で終わっても) ...
_WANTED_YEARS = re.compile(
    rf"(?<!あと)(?<!もう)(?<!さらに){_N}年(?:間)?(?:くらい|ぐらい|ほど|程|まるまる|全部|だけ|とか)?(?:続け|やり|やっ|やる|に延長|いたい|居たい|勤め|活動|まで|にし|に(?:延|伸|の)ば|[にも]でき|も続|にな|にして|で(?:終わ|おわ|やめ|辞め))"
)  # noqa: E501 - a pattern reads best on one line
# ... or the years added to it (あと2年, 1年延長したい, もう1年のばして)
_MORE_YEARS = re.compile(
    rf"(?:あと|もう|さらに){_N}年|{_N}年(?:間)?(?:だけ|ほど|くらい|ぐらい)?(?:延長|延ば|のば|伸ば)"
)  # noqa: E501 - a pattern reads best on one line
_EXTENSION = re.compile(r"延長|延ば|のば|伸ば|延び|のび")
_HOURS = re.compile(rf"(?<!\d)月(?:に|当たり|あたり)?{_END}{{0,12}}?(?<![\d.]|日){_N}時間|{_N}時間\s?/\s?月")
_WEEK_HOURS = re.compile(rf"週(?:に|当たり|あたり)?(?:だいたい|大体|約)?{_N}時間")
_DAY_HOURS = re.compile(rf"1日{_N}時間")
_DAYS = re.compile(rf"(?<![\d])月(?:に|当たり|あたり)?(?:だいたい|大体|約|平均)?{_N}日|{_N}日\s?/\s?月")
_WEEK_DAYS = re.compile(rf"週(?:に)?{_N}日")
_WEEKLY_VISITS = re.compile(rf"週(?:に)?{_N}(?:回|度)")
_YEARLY = re.compile(rf"年(?:に)?{_N}(?:回|度)")
# a days figure said with the town or 現地: 現地勤務は月10日, 月16日は町内で
_PLACE_BEFORE = re.compile(
    r"(?:現地|町内|村内|市内|区域内|島内|町|村|島|受け?入れ先)(?:での|で)?(?:勤務|滞在|出勤)?(?:は|が)?(?:月)?(?:に)?$"
)  # noqa: E501 - a pattern reads best on one line
_PLACE_AFTER = re.compile(
    r"(?:くらい|ぐらい|ほど)?(?:は|を|だけ)?(?:現地|町内|村内|市内|区域内|島内|町で|村で|島で|町の|村の|受け?入れ)"
)  # noqa: E501 - a pattern reads best on one line
_SHARE = re.compile(rf"(?:の)?うち(?:、)?(?:月)?{_N}日(?!{_END}{{0,3}}(?:本社|自宅|東京|リモート))")
_HALF_MONTH = re.compile(r"月の半分")
_EVERY_DAY = re.compile(
    r"(?:勤務|仕事)[^。？?]{0,4}?(?:全部|ぜんぶ|すべて|全て|ほぼ毎日|毎日)|全部(?:町内|現地|村内)|常駐|住み込み|平日は(?:ほぼ)?毎日"
)  # noqa: E501 - a pattern reads best on one line
_VISITS = re.compile(
    rf"(?:現地(?:は|に|へ|滞在)?(?:は|に)?(?:月)?(?:に)?{_N}(?:日|回|度)|月(?:に)?{_N}(?:回|度)|(?:うち)?{_N}日(?:は|だけ)?現地)"
)  # noqa: E501 - a pattern reads best on one line
_EVERY_MONTHS = re.compile(rf"{_N}{_MONTHS}に(?:1|一)(?:回|度)")
_NO_VISIT = re.compile(
    rf"現地{_END}{{0,8}}?(?:行か|いか|行け|いけ|通わ|行きませ|いきませ)(?:ない|へん|ん|ず)|現地(?:滞在)?(?:は|に)?(?:なし|ゼロ)|フルリモート|完全(?:に)?リモート|全部(?:オンライン|リモート)"
)  # noqa: E501 - a pattern reads best on one line
_CONTRACT = re.compile(
    rf"{_N}{_MONTHS}?(?:間)?(?:だけ)?[^。？?\d]{{0,10}}?(?:契約|派遣)|(?:契約|期間)(?:期間)?(?:は|が)?{_N}{_MONTHS}"
)  # noqa: E501 - a pattern reads best on one line
_CONTRACT_YEARS = re.compile(
    rf"{_N}年(半)?(?:間)?[^。？?\d]{{0,8}}?(?:契約|派遣|行かせ|送)|(?:契約|期間|派遣)(?:期間)?(?:は|が)?{_N}年(半)?"
)  # noqa: E501 - a pattern reads best on one line
_UNDECIDED = re.compile(r"迷って|まよって|決めてない|決まってない|未定|どっちにするか|かまだ")
_COMPANY = re.compile(r"本社|会社|勤め|社員|企業|勤務先|職場|退職")
_BUSINESS = re.compile(
    r"起業|事業承継|承継|継ぐ|継ご|継ぎ|跡を?継|後を?継|引き継|開業|独立|店を(?:開|出|始)|会社を(?:作|つく|興|起)"
)  # noqa: E501 - a pattern reads best on one line
_JOB = re.compile(r"就職|就労|勤め(?:る|たい)|雇(?:われ|って)|社員に|社員として|会社員|正社員|職員に")
# leaving after the term: 「任期後は地元の仙台に帰る」
_LEAVE = re.compile(r"帰る|帰り|戻る|戻り|離れ|引き上げ|引っ越")
_NOT_MOVING = re.compile(
    r"(?:住民票|住所)[^。？?]{0,10}?(?:移さ|うつさ|動かさ|変えず|かえず|変えな|移せ|うつせ|移して(?:い)?ない|移すつもりは|そのまま|まんま|のまま|残し|残す|置いた(?:まま)?|置いとき|(?:移す|うつす)気(?:は)?ない)|(?:自宅|実家|今の家|いまの家)から(?:毎日|車で|電車で)?[^。？?]{0,8}?(?:通う|通っ|通い|かよ)"
)  # noqa: E501 - a pattern reads best on one line
_MOVING = re.compile(r"住民票[^。？?]{0,20}?(?:移す|移し|うつす|うつし|移動|異動|移る|移ります|移した|ごと)")
# only the paper moves: 「住民票だけ移して、普段は東京で」 — the 生活の拠点 stays
_PAPER_ONLY = re.compile(
    r"住民票だけ(?!じゃ|で(?:は)?な)|普段は[^。？?]{0,12}?(?:今まで通り|いままで通り|そのまま)|週末だけ通"
)  # noqa: E501 - a pattern reads best on one line
# where the 住民票 goes: a rural place (過疎, 離島, 山あいの村), not a city's centre — stated, not asked
_TO_RURAL = re.compile(r"過疎|離島|島の|山あい|山間|中山間|村|田舎|条件不利")
_ASKED = re.compile(
    r"^[^。？?！!、]{0,6}?(?:かどうか|か(?:[?？]|な|わから)|に(?:当た|該当|入)る(?:か|の)|って(?:こと)?[?？])"
)  # noqa: E501 - a pattern reads best on one line
_SPLIT_LIFE = re.compile(r"二拠点|2拠点|月の半分は|半分は(?:東京|都内|都会|実家|自宅)|行ったり来たり|行き来")
# already living there: 「生まれも育ちも今住んでる過疎の町」「地元の町で」
_ALREADY_THERE = re.compile(r"生まれも育ちも|地元の(?:町|村)で|今住んでる(?:過疎|町|村)|ずっと住んで")
_FROM_CITY_WORDS = re.compile(r"(?:区|都会|都市部)(?:の[^。？?]{0,6}?)?(?:から|に住ん|に住んど|在住|住まい)")
_TERM_AFTER = re.compile(
    r"任期(?:後|の?あと|が?(?:終わ|おわ|明け|満了|終了)(?:っ|る|た|し)[^。？?、]{0,4}?)|卒業後|退任後"
)  # noqa: E501 - a pattern reads best on one line


@dataclass(frozen=True)
class Case:
    term_year: float | None = None
    years_after_term: float | None = None
    wanted_years: float | None = None
    extra_years: float | None = None  # years added to the usual term (あと1年延ばして), none said in all
    asks_extension: bool = False  # 延長, 延ばせる: more than the usual term, years or not
    plan: str | None = None  # "business", "job", "undecided" or "leave"
    takes_over: bool = False  # the business is the one they work in (その農園を承継), not another
    activity: str = ""  # what they do as a member (林業の現場で), for the 延長特例's 当該地場産業
    venture: str = ""  # what they will start or take over after the term (カフェを起業)
    hours_per_month: float | None = None
    days_per_month: float | None = None
    local_days_per_month: float | None = None  # days in the town that takes them (企業派遣型)
    visits_per_month: float | None = None
    contract_months: float | None = None
    moves: bool | None = None
    to_rural: bool = False  # the 住民票 goes to a rural place (過疎, 離島, 村)
    from_city: bool = False  # says they come from a city in words (都会から, 世田谷区に住んで)
    split_life: bool = False  # 二拠点, 月の半分は東京: whether the 生活の拠点 moves is left open
    company_text: str = ""  # the sentences about the resident's company (本社, 会社, 勤め), for its place
    places: CasePlaces = field(default_factory=CasePlaces)
    text: str = ""  # the message with its numbers read


def _value(match: re.Match[str]) -> float:
    value = next(g for g in match.groups() if g is not None and g not in ("半", ""))
    return float(value) + (0.5 if "半" in match.groups()[1:] else 0.0)


def _first(pattern: re.Pattern[str], text: str) -> float | None:
    match = pattern.search(text)
    return _value(match) if match is not None else None


def _term_year(t: str) -> float | None:
    match = _TERM_YEAR.search(t)
    if match is not None:
        return 1.0 if match.group(3) is not None else _value(match)
    since = _SINCE_START.search(t)
    if since is None:
        return None
    elapsed = float(since.group(1)) / (1 if since.group(2) == "年" else 12)
    return float(int(elapsed) + 1)  # 着任して8か月 → 1年目, 1年3か月 → 2年目


def _after_term(t: str) -> float | None:
    after = _first(_AFTER_TERM_REVERSED, t)
    if after is None:
        after = _first(_AFTER_TERM, t)
    if after is None and (months := _first(_AFTER_TERM_MONTHS, t)) is not None:
        after = round(months / 12, 2)
    return after


def _plan(t: str, venture: str) -> tuple[str | None, bool]:
    """What they plan (the after-term clause first, else the whole message), and whether they take over."""
    said = venture or t
    business, job = bool(_BUSINESS.search(said)), bool(_JOB.search(said))
    plan = "business" if business else "job" if job else None
    if plan is None and venture and _LEAVE.search(venture):
        plan = "leave"
    if plan is None and said is venture:
        business, job = bool(_BUSINESS.search(t)), bool(_JOB.search(t))
        plan = "business" if business else "job" if job else None
    if (business and job) or _UNDECIDED.search(t):
        plan = "undecided"
    return plan, takes_over(t)


def _days(t: str) -> tuple[float | None, float | None]:
    """(days worked a month, days of them in the town that takes them in). A figure said with the place
    (現地勤務は月10日, 月16日は町内で, 月2日は現地) is the town's; the largest other one is the month's."""
    total: list[float] = []
    local: list[float] = []
    for m in _DAYS.finditer(t):
        value = _value(m)
        near = _PLACE_BEFORE.search(t[max(0, m.start() - 8) : m.start()]) or _PLACE_AFTER.match(t[m.end() :])
        (local if near else total).append(value)
    if not total and (weekly := _first(_WEEK_DAYS, t)) is not None:
        total.append(round(weekly * WEEKS_PER_MONTH, 1))
    days = max(total) if total else None
    if days is None and _HALF_MONTH.search(t):
        days = 15.0
    if days is None and _EVERY_DAY.search(t):
        days = FULL_MONTH_DAYS  # 勤務は全部町内, 住み込み, ほぼ毎日
    share = _first(_SHARE, t)
    in_town: float | None = days
    if local:
        in_town = max(local)
    elif share is not None and days is not None and share <= days:
        in_town = share  # 月22日のうち17日を町で
    return (days if days is not None else in_town), in_town


def _visits(t: str) -> float | None:
    if _NO_VISIT.search(t):
        return 0.0
    if (months_apart := _first(_EVERY_MONTHS, t)) is not None:
        return round(1 / months_apart, 2)  # 2か月に1回 → 0.5 a month
    if (yearly := _first(_YEARLY, t)) is not None:
        return round(yearly / 12, 2)  # 年に4回
    if (weekly := _first(_WEEKLY_VISITS, t)) is not None:
        return round(weekly * WEEKS_PER_MONTH, 1)
    return _first(_VISITS, t)


def _measures(t: str) -> dict[str, float | None]:
    hours = _first(_HOURS, t)
    if hours is None and (weekly := _first(_WEEK_HOURS, t)) is not None:
        hours = round(weekly * WEEKS_PER_MONTH, 1)
    days, in_town = _days(t)
    if hours is None and days is not None and (daily := _first(_DAY_HOURS, t)) is not None:
        hours = daily * days  # 月3日、1日8時間
    months = _first(_CONTRACT, t)
    if months is None and (years := _first(_CONTRACT_YEARS, t)) is not None:
        months = years * 12
    return {
        "hours_per_month": hours,
        "days_per_month": days,
        "local_days_per_month": in_town,
        "visits_per_month": _visits(t),
        "contract_months": months,
    }


def _to_rural(t: str) -> bool:
    return any(not _ASKED.match(t[m.end() : m.end() + 16]) for m in _TO_RURAL.finditer(t))


def read_case(text: str, places: PlaceResolver | None = None) -> Case:
    """The facts of the resident's case that ``text`` states (see the module's list); ``places``: the
    gazetteer's resolver, to read the places named and their roles (none are read without it)."""
    t = with_digits(text)
    after = _after_term(t)
    activity, venture = clauses(t, _TERM_AFTER)
    plan, took_over = _plan(t, venture)
    wanted = max((_value(m) for m in _WANTED_YEARS.finditer(t)), default=None)
    moves = False if _NOT_MOVING.search(t) or _PAPER_ONLY.search(t) else True if _MOVING.search(t) else None
    if _ALREADY_THERE.search(t):
        moves = False
    return Case(
        term_year=_term_year(t) if after is None else None,
        years_after_term=after,
        wanted_years=wanted,
        extra_years=_first(_MORE_YEARS, t) if wanted is None else None,
        asks_extension=bool(_EXTENSION.search(t)),
        plan=plan,
        takes_over=took_over,
        activity=activity,
        venture=venture,
        **_measures(t),
        moves=moves,
        from_city=bool(_FROM_CITY_WORDS.search(t)),
        to_rural=_to_rural(t),
        split_life=bool(_SPLIT_LIFE.search(t)),
        company_text="。".join(s for s in re.split(r"[。？?！!\n]", t) if _COMPANY.search(s)),
        places=read_places(t, places) if places is not None else CasePlaces(),
        text=t,
    )
