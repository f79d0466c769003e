"""The resident's case as the rules need it: numbers with their units and what they are counted from.

Residents give their case in passing — 「任期1年目で店を開いた」「任期が終わって三年半」「月15時間くらい」
「本社は大阪」「住民票は移さない」 — in kanji numerals, full-width digits or kana (:mod:`.numbers` reads them
as digits first). :func:`read_case` finds:

- a moment on the 任期's timeline (:mod:`.timeline`): ``term_year`` (任期N年目, 着任してNか月) or
  ``years_after_term`` (任期後N年, 任期が終わってNか月), with every other moment said of the resident;
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
from dataclasses import dataclass, field, replace

from faq.eligibility.activity import clauses, takes_over
from faq.eligibility.measures import (
    CALENDAR_YEAR,
    CONTRACT_SAID,
    figures_said,
    plan_changed_at,
    read_bounds,
    read_measures,
)
from faq.eligibility.moving import Move, read_move
from faq.eligibility.numbers import first_number, number_of, with_digits
from faq.eligibility.timeline import AFTER_WORDS, after_term, after_terms, term_year, term_years
from faq.eligibility.where import CasePlaces, read_places
from faq.places.resolver import PlaceResolver

_N = r"(\d+(?:\.\d+)?)"
_MONTHS = r"(?:か|ヶ|ケ|カ|箇|ヵ)月"
_END = r"[^。？?！!\n]"  # within one sentence
# a clause about the resident's main job (本業は週5日, 本業で月160時間): its figures are not the 副業's
_MAIN_JOB = re.compile(
    r"(?:本業|本職|メインの仕事|普段の仕事)(?:は|で|では|の(?:勤務|仕事)は?)[^。、,，？?！!\n]*"
)
_FIGURE = re.compile(r"\d+(?:\.\d+)?")
# a figure denied (3年目ではない, 月4日じゃなくて): not the resident's; what stands is read, else asked for
_NEGATED = re.compile(
    r"\d+(?:\.\d+)?((?:年目|年|か月|日|時間|回)(?:以上|以内|未満)?(?:では|じゃ)(?:な(?!いと|きゃ|けれ)|ありません|ね))"
)
# the whole term wanted (5年に延長, 6年続けたい, 1年で終わっても) ...
_WANTED_YEARS = re.compile(
    rf"(?:できれば|できたら|出来れば|なるべく|せめて){_N}年(半)?(?![目後])"  # a wish said before the number
    rf"|(?<!あと)(?<!もう)(?<!さらに){_N}年(半)?(?:間)?(?:くらい|ぐらい|ほど|程|まるまる|全部|だけ|とか)?"
    r"(?:協力隊|隊員|任期)?(?:を|は)?(?:続け|つづけ|やり|やっ|やる|に延長|いたい|居たい|勤め|活動|まで|にし|にす(?:る|れ)|に(?:延|伸|の)ば|[にも]?でき(?!た)|おりたい|居りたい|おれる|も続|にな(?!ります|るかと|るので|った|って)|にして|で(?:終わ|おわ|終え|おえ|やめ|辞め)|(?:で|でも|だけでも)(?:いい|良い|よい|大丈夫|かまわ|構わ|可能|OK|ok))"
)
# ... or the years added to it (あと2年, 1年延長したい, もう1年のばして)
# ... or a term of months (任期を10か月くらいにしたい, 最初の任期が10か月しかない)
_WANTED_MONTHS = re.compile(
    rf"(?:任期|活動期間|期間)(?!後|終了後|が?終わ|の?あと)[^\d。？?、]{{0,6}}?{_N}{_MONTHS}(?!目)(?:間)?(?:くらい|ぐらい|ほど|程度|だけ)?"
    r"(?:に(?:し|す)|で(?:終|おわ|やめ|辞め)|しか(?:な|あ)|でも(?:いい|良い|大丈夫|可能)|でき)"
)
# 「30年勤めた会社」「3年やってきた」: years done, not years wanted (勤めたい, やりたい are wishes)
_PAST_VERB = re.compile(r"た(?!い)|てた|ていた|てきた|とった|とる|した(?!い)|してた|してきた")
_MORE_YEARS = re.compile(
    # もう3年になる, もう3年は過ぎた: years gone by, not years added
    rf"(?:あと|さらに){_N}年|もう{_N}年(?!半?(?:にな|経|たっ|たち|過ぎ|すぎ|です|だ|目|前|以上|も|は))|{_N}年(?:間)?(?:だけ|ほど|くらい|ぐらい)?(?:延長|延ば|のば|伸ば)"
)
_EXTENSION = re.compile(
    r"延長の?特例|特例で(?:延長|延ば|\d)|(?<![限切日]を)(?<![限切日]は)(?<![限切日])(?:延長|延ば|のば|伸ば)(?:して|せ)(?:もら|くれ|る|ま)|(?:任期(?!後|終了後|が?終わ|の?あと)|活動期間|(?<!後)期間)[^。？?]{0,10}?(?:延長|延ば|のば|伸ば|延び|伸び|のび|更新)|(?:延長|延ば|のば|伸ば)[^。？?]{0,6}?(?:任期|活動期間)|\d年(?:に|まで)(?:延長|延ば|のば|伸ば)"
)
_UNDECIDED = re.compile(r"迷って|まよって|決めてない|決まってない|未定|どっちにするか|かまだ")
# the contract's length said to be open: 「派遣期間はまだ調整中で決まっていません」「契約期間 未定」
_CONTRACT_OPEN = re.compile(
    r"(?:契約|期間)[^。？?]{0,24}?(?:未定|みてい|調整中|決まって(?:い)?(?:ない|ません)|決まってへん"
    r"|(?:分か|わか)(?:らない|りません|らん|らへん)|数(?:か|ヶ|カ)月)"
)
_COMPANY = re.compile(r"本社|会社|勤め|社員|企業|勤務先|職場|退職|商社|銀行|メーカー|工務店|法人")
_BUSINESS = re.compile(
    r"起業|創業|事業承継|承継|継ぐ|継ご|継ぎ|継い|継が|跡を?継|後を?継|跡取り|後継ぎ|引き継|開業|開店|独立|就農|自営|個人事業|店を(?:開|出|始|持)|を(?:開業|開店|開き|開く|開こう|開いて|ひらく|ひらき|構え)|会社を(?:作|つく|興|起|立ち上)|(?:農家|漁師|職人|猟師)(?:に|として)"
)
_JOB = re.compile(r"就職|就労|(?:働く|勤める)ことに|勤め(?:る|たい)|雇(?:われ|って|用され)|社員に|社員として|会社員|正社員|職員に|職員として|公務員|働く(?:予定|つもり)")  # noqa: E501 - a pattern reads best on one line
# leaving after the term: 「任期後は地元の仙台に帰る」
_LEAVE = re.compile(r"帰る|帰り|帰っ|戻る|戻り|戻っ|離れ|引き上げ|引っ越|出る(?:予定|つもり)|地元に")
_TERM_AFTER = re.compile(
    r"任期(?:後|の?あと|が?(?:終わ|おわ|明け|満了|終了)(?:っ|る|た|し)[^。？?、]{0,4}?)|卒業後|退任後"
)


@dataclass(frozen=True)
class Case:
    term_year: float | None = None
    years_after_term: float | None = None
    # every moment on the timeline the message says of the resident (前は1年目…今は3年目; 友達は2年目
    # で…私は1年目), and a business said to come later than the moment read (来年から, 2年後に): the
    # verdict must hold at each of them
    term_years_said: tuple[float, ...] = ()
    years_after_said: tuple[float, ...] = ()
    later_by: float | None = None
    wanted_years: float | None = None
    extra_years: float | None = None  # years added to the usual term (あと1年延ばして), none said in all
    asks_extension: bool = False  # 任期の延長, 延ばせる: more than the usual term, years or not
    plan: str | None = None  # "business", "job", "undecided" or "leave"
    takes_over: bool = False  # the business is the one they work in (その農園を承継), not another
    activity: str = ""  # what they do as a member (林業の現場で), for the 延長特例's 当該地場産業
    venture: str = ""  # what they will start or take over after the term (カフェを起業)
    hours_per_month: float | None = None
    days_per_month: float | None = None
    local_days_per_month: float | None = None  # days in the town that takes them (企業派遣型)
    visits_per_month: float | None = None
    contract_months: float | None = None
    contract_open: bool = False  # the contract's length said to be undecided (期間は未定)
    below: dict[str, float] = field(default_factory=dict)  # measures said out of reach (月20時間は無理)
    figures: dict[str, tuple[float, ...]] = field(default_factory=dict)  # a measure said as several figures
    move: Move = field(default_factory=Move)
    company_text: str = ""  # the sentences about the resident's company (本社, 会社, 勤め), for its place
    places: CasePlaces = field(default_factory=CasePlaces)
    text: str = ""  # the message with its numbers read

    @property
    def moves(self) -> bool | None:
        return self.move.moves


# the business said to come later than the moment read: 「今1年目で、来年から店を開く」「2年後に開業」
_LATER = re.compile(r"(再)?来(?:年度?|春|秋|夏|冬)|(?<![\d.])(\d+)年後")
AFTER_WORDS_BEFORE = re.compile(rf"{AFTER_WORDS}[^。？?]*$")


def _later_by(t: str) -> float | None:
    """Years from the moment the message reads to the business it says comes later, in a sentence about the
    business; N年後 said after the term's end is that end's time, not a later one."""
    for sentence in re.split(r"[。？?！!\n]", _SUPPORT_NAME.sub("", t)):
        if not _BUSINESS.search(sentence):
            continue
        for match in _LATER.finditer(sentence):
            if match.group(2) is None:
                return 2.0 if match.group(1) else 1.0
            if not AFTER_WORDS_BEFORE.search(sentence[: match.start()]):
                return float(match.group(2))
    return None


# the support's own name in the question is no plan: 「起業・事業承継の支援は受けられる？」
_SUPPORT_NAME = re.compile(r"(?:起業|開業|創業)(?:・事業承継)?(?:の|への|に(?:係る|かかる))?(?:支援|補助|経費|費用|助成)|事業承継(?:の)?支援")  # noqa: E501 - a pattern reads best on one line


def _plan(t: str, venture: str) -> tuple[str | None, bool]:
    """What they plan (the after-term clause first, else the whole message), and whether they take over."""
    t, venture = _SUPPORT_NAME.sub("", t), _SUPPORT_NAME.sub("", venture)
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


def _contract_unread(measures: dict[str, float | None], t: str) -> bool:
    """A contract's length said in words the reader does not read (期間のほうは4年): not known."""
    return measures["contract_months"] is None and any(
        number_of(m) < CALENDAR_YEAR for m in CONTRACT_SAID.finditer(t)
    )


def read_case(text: str, places: PlaceResolver | None = None) -> Case:
    """The facts of the resident's case that ``text`` states (see the module's list); ``places``: the
    gazetteer's resolver, to read the places named and their roles (none are read without it)."""
    t = _NEGATED.sub(r"何\1", with_digits(text))  # 3年目ではない: no moment of theirs, ask for it
    t = _MAIN_JOB.sub(lambda m: _FIGURE.sub("何", m.group()), t)  # 本業は週5日: not the 副業's days
    changed = plan_changed_at(t)  # 移さないつもりだったけど、移すことにしました: the plan that stands
    later = t[changed:] if changed is not None else ""
    after = after_term(t)
    year = term_year(later) if later and after is None else None
    if later and (later_after := after_term(later)) is not None:
        after, year = later_after, None
    move = read_move(t)
    if later and (later_move := read_move(later)).moves is not None:  # where they come from stays
        move = replace(move, moves=later_move.moves, to_rural=move.to_rural or later_move.to_rural)
    said = later if later and (term_years(later)[0] or after_terms(later)) else t
    years_said, tied = term_years(said)
    activity, venture = clauses(t, _TERM_AFTER)
    plan, took_over = _plan(t, venture)
    wanted = max(
        (number_of(m) for m in _WANTED_YEARS.finditer(t) if not _PAST_VERB.match(t[m.end() : m.end() + 4])),
        default=None,
    )
    if wanted is None and (months := first_number(_WANTED_MONTHS, t)) is not None:
        wanted = round(months / 12, 2)
    measures = read_measures(t)
    return Case(
        term_year=year if year is not None else term_year(t) if after is None else None,
        years_after_term=after,
        term_years_said=tuple(years_said),
        years_after_said=tuple(after_terms(said)),
        later_by=None if tied else _later_by(t),
        wanted_years=wanted,
        extra_years=first_number(_MORE_YEARS, t),
        asks_extension=bool(_EXTENSION.search(t)),
        plan=plan,
        takes_over=took_over,
        activity=activity,
        venture=venture,
        **measures,
        contract_open=bool(_CONTRACT_OPEN.search(t)) or _contract_unread(measures, t),
        below=read_bounds(t),
        figures=figures_said(t),
        move=move,
        company_text="。".join(s for s in re.split(r"[。？?！!\n]", t) if _COMPANY.search(s)),
        places=read_places(t, places) if places is not None else CasePlaces(),
        text=t,
    )
