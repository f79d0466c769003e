"""The kinds of condition a rule can be, each a function of the rule's data and the resident's case.

Each returns (outcome, reason) — yes, no or unknown, with the fact read and why — or None when the case
states no fact the condition reads. A "no" is given only when a stated fact breaks the rule; what the
sources leave open (a 中核市 list, whether 生活支援 is a 地場産業, the 本社 or the 支社) is "unknown".
``MISSING`` says, for a case that states nothing the rule reads, which facts would decide it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from faq.content.messages import message
from faq.eligibility.activity import relation
from faq.eligibility.case import Case
from faq.eligibility.rules import Rule
from faq.eligibility.where import Located

YES, NO, UNKNOWN = "yes", "no", "unknown"
_MEASURES = {
    "visits_per_month": "現地滞在",
    "days_per_month": "勤務日数",
    "local_days_per_month": "受入自治体区域内での勤務日数",
    "hours_per_month": "勤務時間",
}
_UNITS = {"hours_per_month": "時間"}  # the others are days
# (outcome, reason, the questions that would decide it: keys of eligibility.question or a flow's action_ask_*)
Outcome = tuple[str, str, tuple[str, ...]] | tuple[str, str] | None


def _years(value: float) -> str:
    if 0 < value - int(value) < 0.05:
        return f"{int(value)}年以上"
    if value == int(value):
        return f"{int(value)}年"
    if value == 0.5:
        return "半年"
    if value < 1:
        return f"{round(value * 12)}か月"
    if value * 2 == int(value * 2):
        return f"{int(value)}年半"
    return f"{int(value)}年{round((value - int(value)) * 12)}か月"


def window(rule: Rule, case: Case) -> Outcome:
    first, last = int(rule.params["from_term_year"]), float(rule.params["until_years_after_term"])
    if case.plan == "job" and (case.term_year is not None or case.years_after_term is not None):
        # the support is for 起業・事業承継: a job after the term is outside it whatever its timing
        return NO, "任期後は就職（支援の対象は起業・事業承継）"
    if case.term_year is None and case.years_after_term is None:
        return None
    # every moment the message says, and the business said to come later: the verdict holds at all or none
    moments = [(YES if y >= first else NO, f"任期{_years(y)}目") for y in case.term_years_said]
    moments += [(YES if a <= last else NO, f"任期終了後{_years(a)}") for a in case.years_after_said]
    if case.term_year is not None:
        read = (YES if case.term_year >= first else NO), f"任期{_years(case.term_year)}目"
    else:
        after = float(case.years_after_term)  # type: ignore[arg-type]
        read = (YES if after <= last else NO), f"任期終了後{_years(after)}"
    if case.later_by is not None:  # from a year of the term, N years on is at most N years after its end
        later = case.later_by + (case.years_after_term or 0.0)
        on_time = later <= last and (case.term_year is None or case.term_year + case.later_by >= first)
        moments.append(
            (
                YES if on_time else NO,
                message("eligibility.later", moment=read[1], years=_years(case.later_by)),
            )
        )
    if any(outcome != read[0] for outcome, _ in moments):
        said = "、".join(dict.fromkeys([read[1], *(said for _, said in moments)]))
        return UNKNOWN, message("eligibility.moments", said=said), ("timing",)
    return read


def term(rule: Rule, case: Case) -> Outcome:
    usual, longest = float(rule.params["usual_years"]), float(rule.params["extended_years"])
    if case.years_after_term is not None:
        return None  # the term is over (任期が終わって3年2か月): its years tell when, not how long to serve
    wanted = case.wanted_years
    if case.extra_years is not None:  # あと1年延ばして, 3年やってもう2年: beyond the usual term
        wanted = max(wanted or 0.0, usual + case.extra_years)
    if wanted is None and not (case.asks_extension and (case.plan or case.activity)):
        return None  # 「延長できる？」 alone asks about the rule, and the rule's entry answers it
    said = f"{_years(wanted)}続ける" if wanted is not None else "任期を延長する"
    shortest = rule.params.get("shortest")  # 概ね1年以上: how much less the sources do not say
    if wanted is not None and shortest and wanted < float(shortest["years"]):
        return UNKNOWN, f"{said}（{shortest['reason']}）"
    if wanted is not None and wanted <= usual:
        return YES, said
    if wanted is not None and wanted > longest:
        return NO, f"{said}（延長しても最大{_years(longest)}）"
    if case.plan in ("job", "leave"):
        after = "就職" if case.plan == "job" else "起業・事業承継の予定はない"
        return NO, f"{said}、任期後は{after}（延長は当該地場産業等で起業・事業承継をする場合のみ）"
    if case.plan != rule.params.get("extension_plan"):
        reason = f"{said}（任期後に地場産業等に係る起業・事業承継をするかが分かりません）"
        return UNKNOWN, reason, ("term_plan",)
    related = relation(case.activity, case.venture, case.takes_over, rule.params.get("industries", {}))
    if related.same is False:
        return NO, f"{said}、任期後の起業・事業承継が従事している地場産業等とは別の事業"
    if related.same and related.local is not False and (related.local or case.takes_over):
        return (
            YES,
            f"{said}、任期後に従事先の地場産業等で起業・事業承継（一定の要件の詳細は受入自治体に確認）",
        )
    if related.same:
        return (
            UNKNOWN,
            f"{said}（従事している活動が資料のいう地場産業等に当たるかは資料だけでは決められません）",
        )
    reason = f"{said}、任期後に起業（従事する地場産業等に係る起業かどうかと、一定の要件で決まります）"
    return UNKNOWN, reason, ("term_plan",)


def _half_of_worked(case: Case, measure: str) -> bool:
    """The town's days are half the days the resident works a month, or more (10 of 20)."""
    in_town, worked = getattr(case, measure), case.days_per_month
    return in_town is not None and worked is not None and worked > in_town and in_town * 2 >= worked


def at_least(rule: Rule, case: Case) -> Outcome:
    minimums: dict[str, float] = rule.params["minimums"]
    low, high = rule.params.get("contract_months", [0, 10**6])
    facts = {name: getattr(case, name) for name in minimums}
    stated = {name: value for name, value in facts.items() if value is not None}
    # a figure said out of reach (月20時間は無理): below the minimum when the figure is at most the minimum
    below = {n: b for n, b in case.below.items() if n in minimums and facts[n] is None and b <= minimums[n]}
    company = company_qualifies(case, rule.params["company_in"]) if "company_in" in rule.params else True
    if not stated and not below and case.contract_months is None and company is not False:
        return None
    said = [f"{_MEASURES[name]} 月{value:g}{_UNITS.get(name, '日')}" for name, value in stated.items()]
    said += [f"{_MEASURES[name]} 月{value:g}{_UNITS.get(name, '日')}未満" for name, value in below.items()]
    if case.contract_months is not None:
        said.append(f"契約 {case.contract_months:g}か月")
    # a measure said as figures on both sides of the minimum (月20時間…月15時間): which one holds is not read
    split = [n for n in stated if (f := case.figures.get(n)) and min(f) < float(minimums[n]) <= max(f)]
    other_short = [n for n, v in stated.items() if n not in split and v < float(minimums[n])] + list(below)
    if split and not other_short:  # 月2日10時間: 2 days is short whatever the hours are
        figures = "と".join(f"月{v:g}{_UNITS.get(split[0], '日')}" for v in case.figures[split[0]])
        reason = f"{_MEASURES[split[0]]}が{figures}の二通りに読めます（どちらが実際か分かりません）"
        return UNKNOWN, reason, ("measures",)
    short = [name for name, value in stated.items() if value < float(minimums[name])] + list(below)
    half = rule.params.get("half_of_worked")  # 「月の半分」: of the calendar or of the days worked?
    if half and short == [half["measure"]] and _half_of_worked(case, half["measure"]):
        return UNKNOWN, "、".join(said) + f"（{half['reason']}）"
    if short or (case.contract_months is not None and not low <= case.contract_months <= high):
        return NO, "、".join(said)
    if company is False:
        return NO, "、".join([*said, "所属企業が三大都市圏・政令市・中核市・県庁所在市のいずれにもない"])
    missing = [_MEASURES[name] for name in minimums if facts[name] is None]
    if case.contract_months is None and case.contract_open:
        missing.append("契約期間")  # 「期間はまだ決まっていません」: 6か月から3年に入るか
    asks: tuple[str, ...] = ("measures",) if missing else ()
    if company is None:
        missing.append("所属企業の所在地（本社か支社か、中核市かどうかを含む）")
        asks += ("company",)
    if "company_in" in rule.params and host_in_metropolitan(case, rule.params["company_in"]):
        missing.append("受入れ先が三大都市圏内の市町村なので、条件不利地域などに当たるか")
    if missing:
        return UNKNOWN, "、".join(said) + f"（{'・'.join(missing)}が分かりません）", asks
    return YES, "、".join(said)


def moves(rule: Rule, case: Case) -> Outcome:
    move = case.move
    if move.moves is None:
        return None
    if not move.moves:
        return NO, "住民票を移して生活の拠点を移すことはない"
    from_city = move.from_city or origin_is_city(case)
    if move.from_rural and not from_city:
        return NO, "移す前の住まいが都市地域ではない（過疎地域などから）"
    if from_city and move.to_rural and not move.split_life:
        return YES, "都市から住民票を移して住む（移った先が条件不利地域であることは自治体の募集で確認）"
    if move.split_life:
        return UNKNOWN, "住民票は移すが、生活の拠点を移したと言えるかの基準は資料にありません"
    asks: tuple[str, ...] = () if from_city else ("action_ask_lives_in_city",)
    asks += () if move.to_rural else ("action_ask_will_move",)
    return UNKNOWN, "住民票を移す（移す前が都市地域か、移る先が条件不利地域かで決まります）", asks


# The resident's own words about the company's city: 「政令市でも中核市でも県庁所在地でもなく」
_NAMED_KIND = re.compile(r"政令(?:指定都)?市|中核市|県庁所在")
_NEGATION = re.compile(r"ない|なく|ありません|じゃな|ではな")
_SMALL_TOWN = re.compile(
    r"(?:町|村)(?:に|の)?(?:ある)?(?:小さな|小さい|ちいさな)?(?:会社|本社|企業(?!派遣))|(?:町|村)に本社"
    r"|(?:町|村)内の[^。、,]{0,8}?(?:会社|企業(?!派遣)|工務店)|本社(?:も|は|が)?(?:町|村)内"
)


def _qualifies(place: Located, prefectures: list[str], capitals: list[str]) -> bool | None:
    if place.prefecture in prefectures or place.designated or place.special_ward:
        return True
    if place.city and place.city in capitals:
        return True
    if place.town:
        return False
    return None  # a city the sources give no list for (a 中核市?), or only a prefecture outside 三大都市圏


def _by_words(company_text: str, whole: str, prefectures: list[str], words: list[str]) -> bool | None:
    """The company's place from the resident's words when the gazetteer found none: a prefecture of the
    rule named in a sentence about the company, all three kinds of city denied (anywhere in the message:
    only the company's city has them), a town or village, or one kind said."""
    if any(p in company_text or p[:-1] in company_text for p in prefectures):
        return True
    if any(word in company_text for word in words):
        return True  # 都内の会社, 首都圏の企業: every prefecture of them is in 三大都市圏
    denied = {
        kind
        for sentence in re.split(r"[。？?]", whole)
        if _NEGATION.search(sentence)
        for kind in _NAMED_KIND.findall(sentence)
    }
    if len(denied) >= 3 or _SMALL_TOWN.search(company_text):
        return False
    if denied:
        return None  # not a 県庁所在市, but a 中核市 perhaps: the sources give no list
    return True if _NAMED_KIND.search(company_text) else None


def company_qualifies(case: Case, company_in: dict[str, Any]) -> bool | None:
    """Whether the resident's company is where the rule wants it (``company_in``: the 三大都市圏's
    prefectures and the 県庁所在市; a 政令市 is known from the gazetteer): True, False, or None when the
    message does not say — or says a 本社 and a 支社 that the rule would judge differently (the sources do
    not say which one counts)."""
    prefectures = [str(p) for p in company_in.get("prefectures", [])]
    capitals = [str(c) for c in company_in.get("capitals", [])]
    words = [str(w) for w in company_in.get("words", [])]
    found = case.places.company
    if not found:
        return _by_words(case.company_text, case.text, prefectures, words)
    heads = [_qualifies(p, prefectures, capitals) for p in found if not p.branch]
    branches = [_qualifies(p, prefectures, capitals) for p in found if p.branch]
    if heads and branches and set(heads) != set(branches):
        return None
    judged = heads or branches
    if any(j is True for j in judged):
        return True if all(j is not False for j in judged) else None
    if judged and all(j is False for j in judged):
        return False
    return _by_words(case.company_text, case.text, [], [])


def host_in_metropolitan(case: Case, company_in: dict[str, Any]) -> bool:
    """The town that takes the resident in lies in 三大都市圏 (then only its 条件不利地域 and the like are
    対象: 002:L1548-1550)."""
    prefectures = {str(p) for p in company_in.get("prefectures", [])}
    return any(h.prefecture in prefectures for h in case.places.hosts)


def origin_is_city(case: Case) -> bool:
    """The place the resident moves from is a city by the gazetteer: a 政令市 (or its ward), a 特別区, or
    東京 named on its own."""
    origin = case.places.origin
    if origin is None:
        return False
    return origin.designated or origin.special_ward or (origin.prefecture == "東京都" and not origin.city)


CONDITIONS: dict[str, Callable[[Rule, Case], Outcome]] = {
    "window": window,
    "term": term,
    "at_least": at_least,
    "moves": moves,
}
# For a case that states none of a rule's facts: what would decide it, as (question key, label).
MISSING: dict[str, Callable[[Rule, Case], list[tuple[str, str]]]] = {
    "window": lambda rule, case: [("timing", "起業・事業承継の時期（任期何年目か、任期終了後何年か）")],
    "term": lambda rule, case: [("term_years", "続けたい年数と任期後の予定")],
    "at_least": lambda rule, case: [
        ("company", "所属企業の所在地"),
        ("measures", "月の勤務日数・時間と現地に行く日数"),
    ],
    "moves": lambda rule, case: [("action_ask_will_move", "住民票と生活の拠点を移すか")],
}
