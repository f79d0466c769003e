"""The parts of a resident's case as they write it: numbers, per-month measures, the move, the work and the
business after the term (faq/eligibility/numbers.py, measures.py, moving.py, activity.py)."""

from __future__ import annotations

import pytest

from faq.eligibility.activity import relation
from faq.eligibility.case import read_case
from faq.eligibility.kana import kana_in_kanji
from faq.eligibility.numbers import with_digits
from faq.eligibility.rules import rules

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "read"),
    [
        (
            "にんき いちねんで お"
            "わっても いいんですか",
            "任期1年でおわってもいいんですか",  # spaces between words
        ),
        ("ろっかげつ けいやく", "6か月契約"),
        ("つきに ふつか", "月に2日"),
        ("町にかいしゃがある", "町にかいしゃがある"),  # かいしゃ is no 回
        ("任期が終わって3年と半年", "任期が終わって3.5年"),
        ("任期終わって1年と2か月", "任期終わって1.17年"),
        ("任期を４．５年（４年半）に", "任期を4.5年に"),  # a number said again in brackets
    ],
)
def test_numbers_are_read_in_digits_before_their_counters(text: str, read: str) -> None:
    assert with_digits(text) == read


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("月22日勤務のうち17日を鳥取の町で勤務", "local_days_per_month", 17),
        ("月20日出勤のうち16日は町内で勤務", "local_days_per_month", 16),
        ("月20日勤務のうち町内は10日です", "local_days_per_month", 10),
        ("現地勤務は月10日くらい、残りの12日は本社勤務", "local_days_per_month", 10),
        ("月6日・24時間（現地は月2日）", "days_per_month", 6),
        ("月に2日は現地、残りはリモートで月6日、30時間", "visits_per_month", 2),
        ("週2日、1日4時間", "hours_per_month", 34.7),
        ("月4回、1回5時間手伝います", "hours_per_month", 20),
        ("年に4回現地に行く", "visits_per_month", 0.33),
        # a count before 現地 is the visits; hours right after a month's days are the month's; h is hours
        ("月に3回現地へ、ほかは在宅で月7日", "visits_per_month", 3),
        ("在宅込みで月7日35時間", "hours_per_month", 35),
        ("月7日 35h", "hours_per_month", 35),
        # a plan changed mid-message: the later figure
        ("月に20時間のつもりでしたが、結局月に14時間しか取れません", "hours_per_month", 14),
        ("平日はずっと島の事務所で勤務", "days_per_month", 20),
        ("現地にはいっぺんも行かへん", "visits_per_month", 0),
        ("平日はほぼ毎日島の役場で勤務、月に1回だけ本社に戻る", "days_per_month", 20),
        ("4か月だけ社員を出したい", "contract_months", 4),
        ("月16日、1年半行かせたい", "contract_months", 18),
        ("月4日、合計で20時間ほど", "hours_per_month", 20),
        ("5時間×4日の予定", "hours_per_month", 20),
        ("勤務日の8割は町で", "days_per_month", 24),
        ("町役場に常勤で出向します", "days_per_month", 20),
        ("現地には月に一度行きます", "visits_per_month", 1),
        ("毎月現地に通います", "visits_per_month", 1),
        ("期間は2026年4月から2029年3月まで、週4日は現地", "contract_months", 36),  # a date is no length
        ("月に10日くらい秋田の町さ通って", "visits_per_month", 10),  # days of going to the town
        ("現地勤務は週1だけで、あとは本社", "local_days_per_month", 4.3),
        ("週3日が現地、週2日は名古屋の本社", "days_per_month", 21.7),  # the week's days are both
    ],
)
def test_per_month_measures_are_read_as_residents_say_them(text: str, fact: str, value: float) -> None:
    assert getattr(read_case(text), fact) == pytest.approx(value, abs=0.1)


@pytest.mark.parametrize(
    "text",
    ["来月10日に面談", "4月10日から", "現地にはほとんど行けませんが、月に8日働けます"],
)
def test_dates_and_hedges_are_no_measure_of_zero_or_days(text: str) -> None:
    case = read_case(text)
    assert case.visits_per_month != 0 and case.days_per_month in (None, 8)


@pytest.mark.parametrize(
    ("text", "moves"),
    [
        ("住民票は実家に置いておきたい", False),
        ("住民票もそのまま移します", True),
        ("今は実家から通っていますが、住民票を移して住みます", True),
        ("実家から毎日車で通って活動したい", False),
        ("住民票だけじゃなくて家族ごと引っ越します", True),
        ("住民票だけ移して、普段は東京で働く", False),
        ("生まれも育ちもこの村です", False),
    ],
)
def test_whether_the_life_moves(text: str, moves: bool) -> None:
    assert read_case(text).move.moves is moves


def test_a_question_about_the_place_is_no_fact_about_it() -> None:
    assert not read_case("移住先が条件不利地域かどうかって関係あります？").move.to_rural
    assert read_case("長野の過疎の村に住民票を移す").move.to_rural


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("任期を終えて3年以上たってから店を開きました", "years_after_term", 3.01),
        ("任期後3年以内って聞いたけど、任期が終わって4年目です", "years_after_term", 4),
        ("任期が終わってすぐに起業する", "years_after_term", 0),
        ("着任してまだ8か月", "term_year", 1),
        ("今2年目で、あと2年延長したい", "extra_years", 2),
        ("任期は1年でもいいんですか", "wanted_years", 1),
        ("任期は3年で、その最後の年に店を開きます", "term_year", 3),
        ("着任する前に起業していました", "term_year", 0),
        ("今1年目ですが、2年目に入ったら開業します", "term_year", 2),  # the business's year, not today's
        ("協力隊を去年の春に卒業して、2年後に起業", "years_after_term", 2),
    ],
)
def test_the_timeline_of_the_term(text: str, fact: str, value: float) -> None:
    assert getattr(read_case(text), fact) == pytest.approx(value)


@pytest.mark.parametrize("text", ["会社を辞めて2年たちます", "大学を卒業して3年", "移住して3年目です"])
def test_years_of_something_else_are_no_years_of_the_term(text: str) -> None:
    case = read_case(text)
    assert case.term_year is None and case.years_after_term is None


def _industries() -> dict:
    return next(r for r in rules() if r.id == "term_extension").params["industries"]


@pytest.mark.parametrize(
    ("text", "same"),
    [
        ("林業の現場で活動しています。任期後は町でカフェを起業する予定", False),
        ("和紙すきの工房で協力隊しとります。任期のあとは和紙の工房として独立", True),
        ("農業に従事しています。任期後は農家レストランを開きたい", None),  # 農業 and 飲食: not all the same
        ("漁業に従事しています。任期後は今の仕事とは別の、叔父の旅館を継ぐ", False),
        ("ぶどう農家さんのところで働いています。任期が終わったらその農園を事業承継", True),
    ],
)
def test_the_business_after_the_term_against_the_work(text: str, same: bool | None) -> None:
    case = read_case(text)
    assert relation(case.activity, case.venture, case.takes_over, _industries()).same is same


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("住民票を おいたまま", "住民票を置いたまま"),
        ("じゅうみんひょう", "じゅうみんひょう"),  # a three-kana noun (ひょう: 票 or 雹?) stays as typed
        ("にんきが おわったら とうきょうに もどる", "戻る"),
        ("にんきを 4ねんに のばせる？", "伸ばせる"),  # the lemma's reading (ノバス), not the form's
        ("まいにち こうぼうで しごと", "毎日工房で"),
        ("きょうりょくたいって できますか", "できますか"),  # a verb written in kana stays so
        ("むらに いちねん", "むらに1年"),  # a two-kana noun (村 or 斑?) stays as typed
    ],
)
def test_a_case_typed_in_hiragana_reads_its_words_in_kanji(text: str, read: str) -> None:
    assert read in kana_in_kanji(with_digits(text))
