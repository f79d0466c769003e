"""A resident's own case in a typed question: the verdict of the rule it asks about, said above the rule's
entry (issue 27). The engine decides (:mod:`faq.eligibility`); this module picks the answered entry for it
and says the verdict, with the questions that would decide a case missing a fact."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from rasa_sdk.executor import CollectingDispatcher

from actions.common import directory, faq_service, read_back
from faq.content.messages import message, prompt
from faq.eligibility.kana import kana_in_kanji
from faq.eligibility.numbers import with_digits
from faq.eligibility.rules import rules_for_entry
from faq.eligibility.verdicts import Verdict, asks_a_rule, verdict_among
from faq.model import Hit, Outcome, SearchResult
from faq.text.normalize import kana_typed_in_katakana

RULE_DEPTH = 5  # how far down the ranking an entry with a rule the case decides is looked for
KANA_MESSAGE_KANJI_SHARE = 0.1  # below this share of kanji a message is read as typed in kana
_KANJI = re.compile(r"[\u4e00-\u9fff々]")
# a word typed in half-width katakana among kanji and hiragana (名古屋市→過疎の村 ｼﾞｭｳﾐﾝﾋｮｳも移す)
_HALF_WIDTH_WORD = re.compile("[\uff66-\uff9f]{2,}")


def with_verdict(text: str, result: SearchResult) -> tuple[SearchResult, Verdict | None]:
    """The search's result and the verdict for the resident's case under the rule of the answered entry.
    When the top entry has no rule the case's facts decide, or the search is unsure (「協力隊って6年続け
    られる？」 got もしかして), an entry among the first few that has one becomes the answer, with its
    verdict: the facts the resident gives say which rule they ask about."""
    ranked = [hit.entry.id for hit in result.hits[:RULE_DEPTH]]
    # きょうりょくたい, にんき, ｷｮｳﾘｮｸﾀｲ: a message typed in kana is read in the corpus' words (katakana
    # throughout as the hiragana it stands for, as search reads it); one with kanji as typed (read-back can
    # turn a verb into a noun: 開きたい → 開期待)
    kanji = len(_KANJI.findall(text))
    kana_typed = kanji < KANA_MESSAGE_KANJI_SHARE * len(text)
    case_text = kana_in_kanji(with_digits(read_back(kana_typed_in_katakana(text)))) if kana_typed else text
    if not kana_typed:
        case_text = _HALF_WIDTH_WORD.sub(_half_width_word, case_text)
    if not any(rules_for_entry(entry_id) for entry_id in ranked) and not asks_a_rule(case_text):
        return result, None  # most turns: no entry with a rule and no rule asked about, nothing to read
    found = verdict_among(case_text, ranked, directory().resolver)
    if found is None:
        return result, None
    entry_id, verdict = found
    hit = next((h for h in result.hits if h.entry.id == entry_id), None)
    if hit is None:  # the rule the question is about, whose entries the search ranked lower
        entry = next((e for e in faq_service().index.entries if e.id == entry_id), None)
        if entry is None:
            return result, None
        hit = Hit(entry, score=result.hits[0].score if result.hits else 0.0)
    hits = (hit, *(h for h in result.hits if h is not hit))
    return replace(result, hits=hits, outcome=Outcome.ANSWER), verdict


def _half_width_word(match: re.Match[str]) -> str:
    """A half-width katakana word in the corpus' spelling when its reading splits into corpus words
    (ｼﾞｭｳﾐﾝﾋｮｳ → 住民票, ｷｮｳﾘｮｸﾀｲ → 協力隊), as search reads it; a loanword stays katakana (ﾘﾓｰﾄ)."""
    return read_back(unicodedata.normalize("NFKC", match.group()))


def say_verdict(dispatcher: CollectingDispatcher, verdict: Verdict) -> None:
    """The verdict line, and for a case missing a fact of the resident's, the questions that would decide it
    (the 協力隊 flow's own where it has one)."""
    text = message(f"eligibility.{verdict.outcome}", reason=verdict.reason, rule=verdict.rule.rule)
    if verdict.outcome == "unknown" and verdict.asks:
        questions = [
            prompt(key)["text"] if key.startswith("action_ask_") else message(f"eligibility.question.{key}")
            for key in verdict.asks
        ]
        text += "\n" + message("eligibility.ask", questions="\n".join(f"・{q}" for q in questions))
    dispatcher.utter_message(
        text=text,
        json_message={
            "type": "verdict",
            "rule": verdict.rule.id,
            "outcome": verdict.outcome,
            "asks": list(verdict.asks),
        },
    )
