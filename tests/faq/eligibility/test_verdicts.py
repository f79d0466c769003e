"""Verdicts for a resident's case under the rules as data (faq/eligibility/verdicts.py, faq/data/rules)."""

from __future__ import annotations

import pytest

from faq.eligibility.rules import RuleError, rules
from faq.eligibility.verdicts import verdict_for
from faq.settings import get_settings

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "entry", "outcome"),
    [
        ("任期1年目で店を開いたけど起業の支援って使える？", "kyoryokutai-kigyo-support-amount", "no"),
        ("任期2年目で独立しました。対象？", "kyoryokutai-kigyo-support-amount", "yes"),
        ("任期が終わって三年半たってから起業した", "kyoryokutai-kigyo-period", "no"),
        ("協力隊って6年続けられる？", "kyoryokutai-term-length", "no"),
        ("5年やりたいけど任期後は地元の会社に就職する", "kyoryokutai-term-extension-5yr", "no"),
        ("5年に延長して、任期後は従事先の酒蔵を継ぎたい", "kyoryokutai-term-extension-5yr", "yes"),
        ("5年に延長して、任期後はカフェで起業したい", "kyoryokutai-term-extension-5yr", "unknown"),
        ("副業型で月15時間くらいしか働けない", "kigyojin-fukugyo", "no"),
        ("東京の会社員です。副業型で月に5日、25時間、現地には月1回。契約は1年", "kigyojin-fukugyo", "yes"),
        ("村の小さな会社に勤めています。副業型で月に5日、25時間、現地に月1回", "kigyojin-fukugyo", "no"),
        ("任期後1年で起業して人を雇う予定。上限200万円の方に当たる？", "kyoryokutai-kigyo-200man", "unknown"),
        ("副業型で月に5日、25時間働けます", "kigyojin-fukugyo", "unknown"),  # the visits are not said
        ("企業派遣型で月10日くらい現地で働く", "kigyojin-kigyo-haken", "no"),
        ("住民票は移さないで協力隊になれますか", "kyoryokutai-eligibility", "no"),
    ],
)
def test_the_verdict_follows_the_rule_for_the_case_told(text: str, entry: str, outcome: str) -> None:
    verdict = verdict_for(text, entry)
    assert verdict is not None and verdict.outcome == outcome, verdict


@pytest.mark.parametrize(
    ("text", "entry"),
    [("協力隊の任期は何年？", "kyoryokutai-term-length"), ("任期1年目で起業", "kyoryokutai-salary")],
)
def test_no_verdict_without_a_fact_or_without_a_rule(text: str, entry: str) -> None:
    assert verdict_for(text, entry) is None


def test_every_rule_names_entries_that_exist_and_a_seed_ref() -> None:
    import yaml

    ids = set()
    for path in get_settings().entries_dir.glob("*.yml"):
        ids |= {e["id"] for e in yaml.safe_load(path.read_text(encoding="utf-8"))}
    for rule in rules():
        assert set(rule.entries) <= ids, rule.id
        assert rule.ref.startswith("00"), rule.id


def test_a_rule_of_an_unknown_kind_is_refused(tmp_path) -> None:
    (tmp_path / "bad.yml").write_text(
        "- {id: x, title: t, entries: [a], kind: guess, rule: r, ref: '002:L1'}\n", encoding="utf-8"
    )
    with pytest.raises(RuleError, match="unknown|known kinds"):
        rules.__wrapped__(tmp_path)
