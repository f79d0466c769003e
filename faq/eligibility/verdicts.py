"""Rules as data and the verdict for one resident's case (issue 27).

The rules live in ``faq/data/rules/*.yml`` (staff edit the numbers and texts, each with its seed ref);
this module knows only the kinds of condition. A verdict is given only for a rule whose entry the search
answered with, and only from facts the message states (:mod:`faq.eligibility.case`): a missing fact makes
the verdict 「資料だけでは決められません」 with what is missing, never a guess.

>>> verdict_for("任期1年目で店を開いたけど起業の支援って使える？", "kyoryokutai-kigyo-support-amount").outcome
'no'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from faq.eligibility.case import Case, read_case

RULES_DIR = Path(__file__).resolve().parent.parent / "data" / "rules"
KINDS = ("window", "term", "at_least", "moves")
YES, NO, UNKNOWN = "yes", "no", "unknown"
_MEASURES = {"visits_per_month": "現地滞在", "days_per_month": "勤務日数", "hours_per_month": "勤務時間"}
_UNITS = {"visits_per_month": "日", "days_per_month": "日", "hours_per_month": "時間"}


_FIELDS = frozenset({"id", "title", "entries", "kind", "rule", "ref"})


class RuleError(ValueError):
    """A rules file that cannot be used (a missing field, an unknown kind)."""


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    entries: tuple[str, ...]
    kind: str
    rule: str
    ref: str
    params: dict[str, Any]


@dataclass(frozen=True)
class Verdict:
    rule: Rule
    outcome: str  # yes, no or unknown
    reason: str  # the case's fact against the rule, in the resident's terms


def _rule(record: dict[str, Any], origin: str) -> Rule:
    try:
        kind = str(record["kind"])
        rule = Rule(
            id=str(record["id"]),
            title=str(record["title"]),
            entries=tuple(str(e) for e in record["entries"]),
            kind=kind,
            rule=str(record["rule"]),
            ref=str(record["ref"]),
            params={k: v for k, v in record.items() if k not in _FIELDS},
        )
    except (KeyError, TypeError) as exc:
        raise RuleError(f"{origin}: a rule needs id, title, entries, kind, rule and ref ({exc})") from exc
    if kind not in KINDS:
        raise RuleError(f"{origin}: rule {rule.id!r} has kind {kind!r}; known kinds: {', '.join(KINDS)}")
    return rule


@lru_cache(maxsize=1)
def rules(folder: Path = RULES_DIR) -> tuple[Rule, ...]:
    """Every rule, read once per process (the files ship with the entries)."""
    loaded: list[Rule] = []
    for path in sorted(folder.glob("*.yml")):
        records = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if not isinstance(records, list):
            raise RuleError(f"{path.name}: a list of rules is expected")
        loaded += [_rule(r, path.name) for r in records]
    return tuple(loaded)


def rules_for_entry(entry_id: str) -> list[Rule]:
    return [r for r in rules() if entry_id in r.entries]


def verdict_for(text: str, entry_id: str) -> Verdict | None:
    """The verdict for the case ``text`` tells, under a rule of the answered entry (the rule the message
    names when the entry has several: 副業型 or 企業派遣型); None when the entry has no rule or the message
    states no fact the rule reads (a plain question about the rule)."""
    found = verdict_among(text, [entry_id])
    return found[1] if found is not None else None


def verdict_among(text: str, entry_ids: Sequence[str]) -> tuple[str, Verdict] | None:
    """The first of ``entry_ids`` (a ranking, best first) with a rule the case ``text`` tells decides, and
    its verdict. The case is read once, and only when one of the entries has a rule at all."""
    ruled = [(entry_id, rules_for_entry(entry_id)) for entry_id in entry_ids]
    if not any(candidates for _, candidates in ruled):
        return None
    folded = unicodedata.normalize("NFKC", text)
    case = read_case(text)
    for entry_id, candidates in ruled:
        named = [r for r in candidates if any(n in folded for n in r.params.get("names", []))]
        for rule in named or candidates:
            decided = _KINDS[rule.kind](rule, case)
            if decided is not None:
                return entry_id, _left_open(Verdict(rule, *decided), folded)
    return None


def _left_open(verdict: Verdict, folded: str) -> Verdict:
    """A yes the sources cannot give: the message asks about a condition they leave open (上限200万円's
    雇用 requirement, a start before the new period) — then 「資料だけでは決められません」 and why."""
    if verdict.outcome != YES:
        return verdict
    for condition in verdict.rule.params.get("open_when", []):
        if re.search(str(condition["words"]), folded):
            return Verdict(verdict.rule, UNKNOWN, f"{verdict.reason}。{condition['reason']}")
    return verdict


def _years(value: float) -> str:
    return f"{int(value)}年" if value == int(value) else ("半年" if value == 0.5 else f"{int(value)}年半")


def _window(rule: Rule, case: Case) -> tuple[str, str] | None:
    first, last = int(rule.params["from_term_year"]), float(rule.params["until_years_after_term"])
    if case.term_year is not None:
        inside = case.term_year >= first
        return (YES if inside else NO), f"任期{_years(case.term_year)}目"
    if case.years_after_term is not None:
        inside = case.years_after_term <= last
        return (YES if inside else NO), f"任期終了後{_years(case.years_after_term)}"
    return None


def _term(rule: Rule, case: Case) -> tuple[str, str] | None:
    usual, longest = float(rule.params["usual_years"]), float(rule.params["extended_years"])
    wanted = case.wanted_years
    if wanted is None:
        return None
    said = f"{_years(wanted)}続ける"
    if wanted <= usual:
        return YES, said
    if wanted > longest:
        return NO, f"{said}（延長しても最大{_years(longest)}）"
    if case.plan == rule.params.get("extension_plan") and case.takes_over:
        return YES, f"{said}、任期後に従事先の事業を承継（一定の要件の詳細は受入自治体に確認）"
    if case.plan == rule.params.get("extension_plan"):
        reason = f"{said}、任期後に起業（従事する地場産業等に係る起業かどうかと、一定の要件で決まります）"
        return UNKNOWN, reason
    if case.plan == "job":
        return NO, f"{said}、任期後は就職（延長は起業・事業承継を行う場合のみ）"
    return UNKNOWN, f"{said}（任期後に地場産業等に係る起業・事業承継をするかが分かりません）"


def _at_least(rule: Rule, case: Case) -> tuple[str, str] | None:
    minimums: dict[str, float] = rule.params["minimums"]
    low, high = rule.params.get("contract_months", [0, 10**6])
    facts = {name: getattr(case, name) for name in minimums}
    stated = {name: value for name, value in facts.items() if value is not None}
    if not stated and case.contract_months is None:
        return None
    said = [f"{_MEASURES[name]} 月{value:g}{_UNITS[name]}" for name, value in stated.items()]
    if case.contract_months is not None:
        said.append(f"契約 {case.contract_months:g}か月")
    short = [name for name, value in stated.items() if value < float(minimums[name])]
    if short or (case.contract_months is not None and not low <= case.contract_months <= high):
        return NO, "、".join(said)
    company = company_qualifies(case, rule.params["company_in"]) if "company_in" in rule.params else True
    if company is False:
        return NO, "、".join([*said, "所属企業が三大都市圏・政令市・中核市・県庁所在市のいずれにもない"])
    missing = [_MEASURES[name] for name in minimums if facts[name] is None]
    if company is None:
        missing.append("所属企業の所在地")
    if missing:
        return UNKNOWN, "、".join(said) + f"（{'・'.join(missing)}が分かりません）"
    return YES, "、".join(said)


def _moves(rule: Rule, case: Case) -> tuple[str, str] | None:
    if case.moves is None:
        return None
    if case.moves and case.from_city and case.to_rural:
        return YES, "都市から住民票を移して住む（移った先が条件不利地域であることは自治体の募集で確認）"
    if case.moves:
        return UNKNOWN, "住民票を移す（移す前が都市地域か、移る先が条件不利地域かで決まります）"
    return NO, "住民票を移して生活の拠点を移すことはない"


_SMALL_TOWN = re.compile(
    r"(?:町|村)(?:に|の)?(?:ある)?(?:小さな|小さい|ちいさな)?(?:会社|本社|企業(?!派遣))|(?:町|村)に本社"
)  # noqa: E501 - a pattern reads best on one line
_NAMED_KIND = re.compile(r"政令(?:指定都)?市|中核市|県庁所在")
_NEGATION = re.compile(r"ない|なく|ありません|じゃな|ではな")


def company_qualifies(case: Case, company_in: dict[str, Any]) -> bool | None:
    """Whether the resident's company is where the rule wants it: in one of ``company_in``'s prefectures
    (三大都市圏), or — as the resident says — in a 政令市・中核市・県庁所在市; False for a company in a town
    or village elsewhere or one the resident says is none of them; None when the message does not say."""
    text = case.company_text
    if not text:
        return None
    prefectures = [str(p) for p in company_in.get("prefectures", [])]
    if any(p in text or p[:-1] in text for p in prefectures):
        return True
    denied = {
        kind
        for sentence in re.split(r"[。？?]", text)
        if _NEGATION.search(sentence)
        for kind in _NAMED_KIND.findall(sentence)
    }
    if len(denied) >= 3 or _SMALL_TOWN.search(text):
        return False  # a town or village, or none of the three kinds of city by the resident's words
    if denied:
        return None  # not a 県庁所在市, but a 中核市 perhaps: the sources give no list
    return True if _NAMED_KIND.search(text) else None


_KINDS = {"window": _window, "term": _term, "at_least": _at_least, "moves": _moves}
