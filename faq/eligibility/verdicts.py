"""The verdict for one resident's case under the rule their question is about (issue 27).

The rules are data (:mod:`faq.eligibility.rules`), the kinds of condition :mod:`.conditions`. The rule is
the one the message asks about (its ``asks`` and ``names``, its question sentence first, then the rules'
order: 副業型 before the 起業 support), else the first rule of the answered entries whose facts the message
states. The verdict comes only from facts the message states (:mod:`faq.eligibility.case`): a
missing fact makes it 「資料だけでは決められません」 with what is missing — when the resident tells their own
case (私も対象？) — never a guess.

>>> verdict_for("任期1年目で店を開いたけど起業の支援って使える？", "kyoryokutai-kigyo-support-amount").outcome
'no'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from faq.content.messages import message
from faq.eligibility.case import Case, read_case
from faq.eligibility.conditions import CONDITIONS, MISSING
from faq.eligibility.numbers import alternatives, with_digits
from faq.eligibility.rules import Rule, rules, rules_for_entry
from faq.eligibility.uncertain import uncertain_parts
from faq.places.resolver import PlaceResolver

YES, NO, UNKNOWN = "yes", "no", "unknown"
# the resident tells their own case (私も対象？, 〜する予定です), not a question about the rule in general
_OWN_CASE = re.compile(
    r"私|わたし|あたし|僕|ぼく|俺|おれ|自分|うち|わし|わだす|おら|当方|弊社|者です|予定|つもり|考えて|思って"
    r"|たい(?:です|んです|んや|けど|のですが|ねん)|しました|しています|してます|やってた|やってる|経ちました|たちました"
    r"|夫|妻|主人|息子|娘|家族|元隊員|OB|OG|隊員です|隊員でした|場合|たら|なら|れば|ても"
)
# a statement before the question: the message tells something, then asks about it
_TOLD_THEN_ASKED = re.compile(r"(?:です|ます|した|ている|てる|だ|んや|けど|が)[。、,][^。]*[?？]?$")


_SENTENCE = re.compile(r"[^。！!\n?？]+[?？]?")


@dataclass(frozen=True)
class Verdict:
    rule: Rule
    outcome: str  # yes, no or unknown
    reason: str  # the case's fact against the rule, in the resident's terms
    asks: tuple[str, ...] = ()  # what to ask: eligibility.question.<key>, or a flow's action_ask_*
    told: bool = True  # decided from facts the message states (False: none stated, the facts are asked for)


def verdict_for(text: str, entry_id: str, places: PlaceResolver | None = None) -> Verdict | None:
    """The verdict for the case ``text`` tells, under a rule of the entry ``entry_id``; None when the entry
    has no rule or the message states no fact the rule reads (a plain question about the rule)."""
    found = verdict_among(text, [entry_id], places, only_ranked=True)
    return found[1] if found is not None else None


def verdict_among(
    text: str, entry_ids: Sequence[str], places: PlaceResolver | None = None, only_ranked: bool = False
) -> tuple[str, Verdict] | None:
    """The entry to answer with and the verdict for the case ``text``: under the rule the message asks
    about, else the first of ``entry_ids`` (a ranking, best first) with a rule the case decides. None when
    no entry of the ranking has a rule (most turns: the case is then not read) or nothing is decided.
    ``only_ranked``: consider only the ranking's rules (a verdict under one given entry).

    A yes or no holds only if the message without each clause the reader cannot place (a fact said with a
    hedge or for one period among others: :mod:`.uncertain`) gives it too."""
    found = _verdict_among(text, entry_ids, places, only_ranked)
    if found is None or found[1].outcome == UNKNOWN:
        return found
    entry_id, verdict = found
    for without, clause in uncertain_parts(with_digits(text)):
        other = _verdict_among(without, entry_ids, places, only_ranked)
        if other is None or (other[1].rule.id == verdict.rule.id and other[1].outcome != verdict.outcome):
            reason = message("eligibility.uncertain", clause=clause, reason=verdict.reason)
            asks = tuple(key for key, _ in MISSING[verdict.rule.kind](verdict.rule, Case()))
            return entry_id, Verdict(verdict.rule, UNKNOWN, reason, asks)
    return found


def _verdict_among(
    text: str, entry_ids: Sequence[str], places: PlaceResolver | None, only_ranked: bool
) -> tuple[str, Verdict] | None:
    ranked_rules = list({r.id: r for entry_id in entry_ids for r in rules_for_entry(entry_id)}.values())
    if not ranked_rules and (only_ranked or not asks_a_rule(text)):
        return None
    if (two := alternatives(with_digits(text))) is not None:
        return _at_both_ends(two, entry_ids, places, only_ranked)
    case = read_case(text, places)
    folded = case.text  # NFKC, numbers in digits
    pool = ranked_rules if only_ranked else list(rules())
    asked = _asked_rule(pool, case, folded)
    if asked is not None:
        verdict = _decide(asked, case, folded)
        if verdict is None and _tells_a_case(folded, case):
            verdict = _undecided(asked, case)
        return (_entry_for(asked, entry_ids), verdict) if verdict is not None else None
    for rule in ranked_rules:
        if not (_names_program(rule, folded) or rule.named(folded) or entry_ids[0] in rule.entries):
            continue  # 住民票を移したら郵便局で…: a 協力隊 rule only for a message about 協力隊 or its answer
        verdict = _decide(rule, case, folded)
        if verdict is not None:
            return _entry_for(rule, entry_ids), verdict
    return None


def _at_both_ends(
    two: tuple[str, str, str, str],
    entry_ids: Sequence[str],
    places: PlaceResolver | None,
    only_ranked: bool,
) -> tuple[str, Verdict] | None:
    """A fact said as two values (月に3日か4日): the verdict both give, else 「資料だけでは決められません」
    with what each would give — never the verdict of one of them."""
    low_text, high_text, low_said, high_said = two
    low = verdict_among(low_text, entry_ids, places, only_ranked)
    high = verdict_among(high_text, entry_ids, places, only_ranked)
    if low is None and high is None:
        return None
    if low is not None and high is not None and low[1].outcome == high[1].outcome:
        return low
    if low is None or high is None or low[1].rule.id != high[1].rule.id:  # one value decides nothing
        entry_id, verdict = low or high  # type: ignore[misc]
        return entry_id, Verdict(verdict.rule, UNKNOWN, verdict.reason, verdict.asks)
    word = {o: message(f"eligibility.outcome_word.{o}") for o in (YES, NO, UNKNOWN)}
    reason = message(
        "eligibility.alternatives",
        low=low_said,
        high=high_said,
        low_outcome=word[low[1].outcome],
        high_outcome=word[high[1].outcome],
    )
    return low[0], Verdict(low[1].rule, UNKNOWN, reason, low[1].asks or high[1].asks)


def asks_a_rule(text: str) -> bool:
    """Whether ``text`` asks about a rule of a programme it names, whatever the search ranked: a question
    in dialect or kana (支援の対象になると？) can miss the rule's entries and still be about the rule. Cheap:
    no case is read."""
    folded = with_digits(text)
    return any((_names_program(r, folded) or r.named(folded)) and r.asked(folded) for r in rules())


def _asked_rule(pool: Sequence[Rule], case: Case, folded: str) -> Rule | None:
    """The rule the message asks about: its words in the question (the last sentence, or one that ends
    with ？) count twice those elsewhere; ties go to the rules' order."""
    # only the rules of the programmes the message names (協力隊, 起業人): 住民票 alone asks about the
    # 住民票, not about the 協力隊's rule on it
    pool = [r for r in pool if _names_program(r, folded) or r.named(folded)]
    sentences = [s for s in _SENTENCE.findall(folded) if s.strip()]
    questions = [s for s in sentences[:-1] if s.endswith(("?", "？"))] + sentences[-1:]
    best, best_score = None, 0
    for rule in pool:
        score = 2 * any(rule.asked(q) for q in questions) + rule.asked(folded)
        if score > best_score:
            best, best_score = rule, score
    return best


def _tells_a_case(folded: str, case: Case) -> bool:
    """The resident tells their own case (私も対象？, 起業したら, 〜しています。〜ですか, a number of theirs),
    not asks about the rule in general (副業型の要件は？, シニア起業人ってどういう制度ですか？受け入れる自治体
    には国からいくら支援が出ますか？)."""
    return bool(_OWN_CASE.search(folded) or _TOLD_THEN_ASKED.search(folded) or _states_a_fact(case))


def _states_a_fact(case: Case) -> bool:
    facts = (case.term_year, case.years_after_term, case.wanted_years, case.extra_years, case.moves)
    measures = (case.hours_per_month, case.days_per_month, case.visits_per_month, case.contract_months)
    places = case.places
    return any(f is not None for f in (*facts, *measures)) or bool(places.company or places.origin)


def _names_program(rule: Rule, folded: str) -> bool:
    return any(word in folded for word in rule.params.get("program", ()))


def _entry_for(rule: Rule, entry_ids: Sequence[str]) -> str:
    """The rule's entry highest in the ranking, else the rule's first entry."""
    return next((e for e in entry_ids if e in rule.entries), rule.entries[0])


def _decide(rule: Rule, case: Case, folded: str) -> Verdict | None:
    decided = CONDITIONS[rule.kind](rule, case)
    if decided is None:  # no fact the numbers read; what the sources rule out whatever they are decides
        closed = _ruled_out(Verdict(rule, UNKNOWN, ""), folded)
        return closed if closed.outcome == NO else None
    return _left_open(_ruled_out(Verdict(rule, *decided), folded), folded)


def _ruled_out(verdict: Verdict, folded: str) -> Verdict:
    """A case the sources rule out whatever its numbers (a retired person and the 企業派遣型, which sends a
    company's employees): 「対象になりません」 and why, from the rule's ``closed_when``."""
    for condition in verdict.rule.params.get("closed_when", []):
        if re.search(str(condition["words"]), folded):
            return Verdict(verdict.rule, NO, str(condition["reason"]))
    return verdict


def _undecided(rule: Rule, case: Case) -> Verdict:
    """「資料だけでは決められません」 for a case that states none of the facts the rule reads."""
    facts = MISSING[rule.kind](rule, case)
    reason = f"{'・'.join(label for _, label in facts)}が分かりません"
    return Verdict(rule, UNKNOWN, reason, tuple(key for key, _ in facts), told=False)


def _left_open(verdict: Verdict, folded: str) -> Verdict:
    """A yes the sources cannot give: the message asks about a condition they leave open (上限200万円's
    雇用 requirement, a start before the new period) — then 「資料だけでは決められません」 and why."""
    if verdict.outcome != YES:
        return verdict
    for condition in verdict.rule.params.get("open_when", []):
        if re.search(str(condition["words"]), folded):
            return Verdict(verdict.rule, UNKNOWN, f"{verdict.reason}。{condition['reason']}", verdict.asks)
    return verdict
