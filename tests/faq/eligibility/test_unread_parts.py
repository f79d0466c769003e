"""A verdict holds back where part of the message is not read, and reads the kinds writers 11–12 wrote.

Kinds of text, written for these tests (never taken from the labelled sets): a moment said in months of the
term (着任10か月目) beside someone else's year, someone else's year alone, a contract's length said in a
form the reader does not read (期間のほうは4年) or cut short with a hedge (4か月で打ち切りになるかも); for
the 延長特例, work of two industries against a business of a third, an industry said given up (漁業は続けま
せん), going home said as 帰って, taking over said as そこの…継がせて, years wanted said as 6年にする; on the
timeline, 任期が終わってN年目, an attempt given up before the moment that stands, 着任してすぐ, a start and a
business said as dates, the term's end as a date and the business as a year; places of the company and the
town said in words (商社, 町内の会社, 〜県の町です, 平日はぜんぶ); a move made years ago (5年前に移住して),
the life kept in the city (実際の生活は…村には週に1回通う).
"""

from __future__ import annotations

import pytest

from faq.eligibility.case import read_case
from faq.eligibility.verdicts import verdict_among
from tests.faq.eligibility.conftest import outcome_under

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "fact", "value"),
    [
        ("着任して14か月目です", "term_year", 2),
        ("任期10か月目", "term_year", 1),
        ("任期が終わって5年目です", "years_after_term", 5),
        ("4月に着任します。着任してすぐ店を開きたい", "term_year", 1),
        ("2025年7月に着任しました。2026年9月に開業予定", "term_year", 2),
        ("令和7年4月着任で、令和8年2月に開業したい", "term_year", 1),
        ("任期が2024年3月に終わって、2026年5月に開業します", "years_after_term", 2.17),
    ],
)
def test_moments_of_the_term_as_residents_say_them(text: str, fact: str, value: float) -> None:
    assert getattr(read_case(text), fact) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("派遣期間はちょうど半年（6か月）です", 6),
        ("契約期間を4年にしたい", 48),
        ("先方の都合で4か月で打ち切り", 4),
    ],
)
def test_a_contracts_length_as_residents_say_it(text: str, months: float) -> None:
    assert read_case(text).contract_months == months


def test_years_after_the_end_are_no_year_of_the_term() -> None:
    assert read_case("任期が終わって5年目です").term_years_said == ()


@pytest.mark.parametrize(
    ("text", "rule", "outcome"),
    [
        # someone else's year beside the resident's said in months; someone else's year alone
        (
            "先輩は2年目で開業して支援を受けたそうです。私は着任して11か月目ですが、起業の支援を使えますか",
            "kigyo_timing",
            "unknown",
        ),
        (
            "友達は3年目で店を開いて支援を受けたって。私も店を開きたいけど協力隊の起業支援は使える？",
            "kigyo_timing",
            "unknown",
        ),
        # a contract's length said in other words: read, or else held back
        ("東京の会社員。副業型で月5日・25時間、現地は月1回、契約期間を5年にしたい", "fukugyo", "no"),
        (
            "東京の会社員。副業型で月5日・25時間、現地は月1回。期間のほうは4年で話が進んでます",
            "fukugyo",
            "unknown",
        ),  # noqa: E501
        (
            "大阪の会社から企業派遣型で村へ。村内勤務は月18日。期間は1年の予定だけど、4か月で打ち切りになるかも",
            "haken",
            "unknown",
        ),
        # the 延長特例: the business against the work
        (
            "伝統の竹細工と林業の手伝いをしてます。任期後はアプリ開発で起業したい。任期を5年にできますか",
            "term_extension",
            "no",
        ),
        (
            "漁業の手伝いをしてる協力隊です。任期後は民宿を開く予定で、漁業は続けません。5年に延長できる？",
            "term_extension",
            "no",
        ),
        (
            "みかん農家の手伝いをしています。任期が終わったら実家に帰って家の仕事をするつもり。任期を4年にできますか",  # noqa: E501
            "term_extension",
            "no",
        ),
        (
            "酒蔵で協力隊として働いてます。任期後はそこの蔵を継がせてもらう話です。延長特例で5年にできますか",
            "term_extension",
            "yes",
        ),
        (
            "工芸の工房で働く協力隊です。任期後はその工房を継ぐ予定。5年に延長して、さらに6年にすることはできますか",  # noqa: E501
            "term_extension",
            "no",
        ),
        # the timeline: an attempt given up, the start said in words or as dates, the end as a date
        (
            "隊員2年目のときに開業しようとしたけど、やめました。今は任期が終わって5年目です。今から開業しても協力隊の起業支援の対象ですか",  # noqa: E501
            "kigyo_timing",
            "no",
        ),
        (
            "4月に協力隊に着任します。着任してすぐ店を開きたいのですが、起業の支援は使えますか",
            "kigyo_timing",
            "no",
        ),  # noqa: E501
        (
            "2025年7月に着任した隊員です。2026年9月に開業予定です。協力隊の起業支援の対象ですか",
            "kigyo_timing",
            "yes",
        ),  # noqa: E501
        (
            "2019年3月に協力隊の任期満了。2025年に工房を開業しました。起業の支援は使えますか",
            "kigyo_timing",
            "no",
        ),  # noqa: E501
        ("2024年3月に協力隊の任期満了、2026年に開業予定。起業の支援は使えますか", "kigyo_timing", "yes"),
        ("2023年3月に協力隊の任期満了、2026年に開業予定。起業の支援は使えますか", "kigyo_timing", "unknown"),
        # places said in words
        (
            "山形の村の総務課です。東京の商社と協定を結んで社員さんに来てもらう予定。村内勤務は月18日、期間1年。企業派遣型に合ってますか",  # noqa: E501
            "haken",
            "yes",
        ),
        ("村内の製材会社（本社も村内）の社員に企業派遣型で来てもらいたい。月16日、1年", "haken", "no"),
        (
            "埼玉県の町です。東京の会社から企業派遣型で社員さんを月18日、1年。うちの町は受入自治体になれますか",
            "haken",
            "unknown",
        ),
        ("福岡市の会社です。企業派遣型で社員を村へ1年。平日はぜんぶ村で勤務します", "haken", "yes"),
        # a term shorter than the sources' 概ね1年; a business before the new window (2025年8月に開業)
        ("家の事情で、協力隊の任期を8か月くらいにしたい。大丈夫ですか", "term_extension", "unknown"),
        (
            "2024年3月に協力隊の任期満了、2025年8月に開業しました。協力隊の起業の支援は今から使えますか",
            "kigyo_timing",
            "unknown",
        ),
        # the move: already made years ago, or the life kept in the city while the 住民票 moves
        (
            "5年前に大阪市から過疎の村に移住して、ずっとここで暮らしています。今から協力隊に応募できますか",
            "kyoryokutai_move",
            "unknown",
        ),
        (
            "住民票は過疎の村に移すけど、実際の生活はほとんど名古屋市のアパートで、村には週に1回通う予定。協力隊になれますか",  # noqa: E501
            "kyoryokutai_move",
            "no",
        ),
    ],
)
def test_a_verdict_reads_the_kind_or_holds_back(text: str, rule: str, outcome: str, places) -> None:
    assert outcome_under(text, rule, places) == outcome


def test_a_window_widened_is_no_question_of_the_term(places) -> None:
    """「任期後3年以内に延びた」 quotes the 起業 support's window, not a lengthening of the term."""
    text = "2018年3月に任期満了した元隊員です。2025年に加工所を作りました。任期後3年以内に延びたと聞いたけど、私も入りますか"  # noqa: E501
    entries = ["kyoryokutai-term-length", "kyoryokutai-kigyo-period"]
    found = verdict_among(text, entries, places)
    assert found is not None and (found[1].rule.id, found[1].outcome) == ("kigyo_timing", "no"), found
