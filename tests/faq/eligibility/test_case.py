"""The resident's case read from their words (faq/eligibility/case.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from faq.eligibility.case import read_case

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("任期1年目で店を開いた", "term_year", 1),
        ("協力隊になって２年目で独立しました", "term_year", 2),
        ("任期が終わって三年半たってから起業", "years_after_term", 3.5),
        ("任期後2年で事業承継する予定", "years_after_term", 2),
        ("卒業して半年後に開業", "years_after_term", 0.5),
        ("協力隊って6年続けられる？", "wanted_years", 6),
        ("副業で月１５時間くらい", "hours_per_month", 15),
        ("月に四日、十五時間", "hours_per_month", 15),
        ("週5時間なら", "hours_per_month", 21.7),
        ("月に10日くらい現地で働く", "days_per_month", 10),
        ("月の半分は現地", "days_per_month", 15),
        ("現地には行かないでフルリモート", "visits_per_month", 0),
        ("契約は4年の予定", "contract_months", 48),
        ("2か月だけの契約", "contract_months", 2),
        ("任期後は地元の会社に就職するつもり", "plan", "job"),
        ("酒蔵を継ぐつもり", "plan", "business"),
        ("協力隊をしたあと2年たって起業", "years_after_term", 2),
        ("任期終了が2022年3月末で、開業は2025年6月の予定", "years_after_term", 3.25),  # two dates
        ("任期のあとは町の社協で働くことになりました", "plan", "job"),
        ("任期1ねん2かげつめで開業", "term_year", 2),  # 1年2か月目: the second year
        ("住民票は移さないで", "moves", False),
        ("東京から住民票を移します", "moves", True),
    ],
)
def test_a_fact_of_the_case_is_read_as_residents_write_it(text: str, fact: str, value) -> None:
    assert getattr(read_case(text), fact) == value


@pytest.mark.parametrize(
    "text",
    ["11月16日に3時間の相談会", "任期は何年？", "令和8年1月の資料", "一緒に働く人は何人？"],
)
def test_dates_and_plain_questions_state_no_case(text: str) -> None:
    case = read_case(text)
    assert case.hours_per_month is None and case.term_year is None and case.years_after_term is None
    assert case.wanted_years is None and case.days_per_month is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_reads_as_a_case_of_plausible_numbers(text: str) -> None:
    case = read_case(text)  # never raises, whatever a resident types
    numbers = [v for v in vars(case).values() if isinstance(v, float)]
    assert all(v >= 0 for v in numbers), case
