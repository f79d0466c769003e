"""Verdicts for a resident's case under the rules as data (faq/eligibility/verdicts.py, faq/data/rules)."""

from __future__ import annotations

import pytest

from faq.eligibility.rules import RuleError, rules
from faq.eligibility.verdicts import verdict_among, verdict_for
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
        # a job after the term, the support named in the question (起業支援) being no plan
        ("任期を終えたら町の会社に正社員で就職します。任期後1年以内なら起業支援はもらえますか", "kyoryokutai-kigyo-support-amount", "no"),  # noqa: E501
        # the rule quoted (2年目からと聞いた) is not the resident's moment (10か月: the first year)
        ("着任して10か月です。任期2年目からと聞きましたが、来月開業しても対象ですか", "kyoryokutai-kigyo-support-amount", "no"),  # noqa: E501
        # years done elsewhere (20年勤めた) are not years wanted
        ("20年勤めた会社を辞めて協力隊で酒蔵の仕事をしています。任期後はその酒蔵を継ぐので任期を延ばせますか", "kyoryokutai-term-extension-5yr", "yes"),  # noqa: E501
        # a wish said before the number, with a half year
        ("任期後は今の農園を継ぎます。できれば5年半やらせてほしいのですが延長できますか", "kyoryokutai-term-extension-5yr", "no"),  # noqa: E501
        # the town's days said with what is done there, and a week's days in the town
        ("東京の会社から企業派遣型で、町で働くのは月に8日、本社が月12日です。派遣は1年", "kigyojin-kigyo-haken", "no"),  # noqa: E501
        ("東京の会社から企業派遣型で、週4日は町の事務所で週1日は本社。派遣は1年", "kigyojin-kigyo-haken", "yes"),  # noqa: E501
        # the home kept while commuting; the family's 住民票 beside the member's
        ("東京在住です。住民票は村に移すけど、今の家に住み続けて村まで通います。協力隊になれますか", "kyoryokutai-eligibility", "no"),  # noqa: E501
        ("都内在住の夫婦です。夫が住民票を過疎の村に移して一人で住みます。私と子どもは都内に残り住民票もそのまま。夫は協力隊の対象？", "kyoryokutai-eligibility", "yes"),  # noqa: E501
        # what the sources rule out whatever the numbers (closed_when): a retired person and 企業派遣型
        ("去年定年退職しました。企業派遣型で月20日町で働けますか", "kigyojin-kigyo-haken", "no"),
        # a fact said as two values: decided at both ends, unknown when they differ
        ("東京の会社員です。副業型で月に3日か4日、1日6時間、現地に月1回", "kigyojin-fukugyo", "unknown"),
        ("今が任期の1年目なのか2年目なのか曖昧ですが来月開業します。起業支援の対象？", "kyoryokutai-kigyo-support-amount", "unknown"),  # noqa: E501
        ("東京の会社から企業派遣型で、現地は月に5〜8日。派遣は1年", "kigyojin-kigyo-haken", "no"),
        # years wanted said with a number restated in brackets, with 終えて, with とかできる
        ("任期は2年半（2年6か月）で区切って地元に戻ります。2年半で終えても大丈夫？", "kyoryokutai-term-length", "yes"),  # noqa: E501
        ("この島に6年くらいおりたいけど、協力隊の任期って6年とかできる？", "kyoryokutai-term-length", "no"),
        # the contract's length said to be open is a missing fact, not a yes
        ("東京の会社員です。副業型で月に5日、25時間、現地に月1回。契約期間はまだ決まっていません", "kigyojin-fukugyo", "unknown"),  # noqa: E501
        # a plan changed mid-message: what follows the change is read
        ("東京の会社から企業派遣型で町に月16日行くつもりだったけど、結局町は月9日になりました。派遣は1年", "kigyojin-kigyo-haken", "no"),  # noqa: E501
        # a month's hours right after its days (月5日25時間), hours as h
        ("大阪の会社員です。副業型で月5日25時間、現地に月1回、契約1年", "kigyojin-fukugyo", "yes"),  # noqa: E501
        ("愛知県の会社員。副業型 月5日 30h 現地月1回 契約1年", "kigyojin-fukugyo", "yes"),  # noqa: E501
        # an origin denied right after it is said (都会から来るわけではない)
        ("今は山あいの村に住んでいます。都会から来るわけではないですが、隣町の過疎の集落に住民票を移して協力隊になりたい", "kyoryokutai-eligibility", "no"),  # noqa: E501
        # what the sources rule out decides without any number
        ("会社を退職して今は無職です。企業派遣型で町に行けますか", "kigyojin-kigyo-haken", "no"),  # noqa: E501
        # nothing of the company said, or a present job: its place is asked, never assumed
        ("企業派遣型で町の勤務は月18日、期間は2年です。大丈夫？", "kigyojin-kigyo-haken", "unknown"),  # noqa: E501
        ("地元の工務店で働いています。企業派遣型で町の勤務は月18日、期間は2年です。大丈夫？", "kigyojin-kigyo-haken", "unknown"),  # noqa: E501
        # the message qualifies its facts: a condition not known, months below, a move already made
        ("東京の会社員です。副業型で月5日25時間、現地に月1回、契約1年。受入れの町が条件不利地域かどうかはわかりません", "kigyojin-fukugyo", "unknown"),  # noqa: E501
        ("東京の会社員。企業派遣型で町の勤務は月16日くらい、少し下回る月もあります。派遣は1年", "kigyojin-kigyo-haken", "unknown"),  # noqa: E501
        ("去年都内から過疎の村にもう移住して、住民票も移しました。今から協力隊になれますか", "kyoryokutai-eligibility", "unknown"),  # noqa: E501
        # a plan changed mid-message: the move and the moment that stand
        ("都内在住です。住民票は移さないつもりだったけど、やっぱり過疎の村に移して住むことにしました。協力隊になれますか", "kyoryokutai-eligibility", "yes"),  # noqa: E501
        ("任期3年目に開業する予定だったけど、早めて任期1年目の今年開業することにしました。起業支援の対象？", "kyoryokutai-kigyo-support-amount", "no"),  # noqa: E501
        # a figure corrected (いや, じゃなくて): the corrected one, said bare or in full
        ("東京の会社員です。副業型で月5日、月25時間、いや月15時間くらいかな。現地に月1回、契約1年", "kigyojin-fukugyo", "no"),  # noqa: E501
        ("東京の会社員です。副業型で月25時間じゃなくて15時間です。月5日、現地に月1回、契約1年", "kigyojin-fukugyo", "no"),  # noqa: E501
        # a month's hours as two figures either side of the minimum, no change said: which holds is not read
        ("東京の会社員です。副業型で月5日、月20時間の予定。実際は月15時間くらいになりそう。現地に月1回、契約1年", "kigyojin-fukugyo", "unknown"),  # noqa: E501
        ("東京の会社員です。副業型で月4日・20時間、うち現地は月1日2時間、契約1年", "kigyojin-fukugyo", "yes"),
        # 月4日6時間: hours right after the days may be the month's or a day's — decided only when both agree
        ("東京の会社員です。副業型で月4日6時間、現地に月1回、契約1年", "kigyojin-fukugyo", "unknown"),
        ("東京の会社員です。副業型で月4日4時間、現地に月1回、契約1年", "kigyojin-fukugyo", "no"),
        ("東京の会社員です。副業型で月2日10時間、現地に月1回、契約1年", "kigyojin-fukugyo", "no"),
        # 退職 denied is no retirement
        ("東京の会社を退職せずに企業派遣型で町へ行きます。町の勤務は月18日、派遣は2年", "kigyojin-kigyo-haken", "yes"),  # noqa: E501
        # 定年 ahead is no retirement; 3年は過ぎていない is not past 3 years
        ("定年まであと10年の東京の会社員です。企業派遣型で町の勤務は月18日、派遣は2年", "kigyojin-kigyo-haken", "yes"),  # noqa: E501
        ("任期が終わってまだ3年は過ぎていません。今から開業しても起業支援の対象ですか", "kyoryokutai-kigyo-support-amount", "unknown"),  # noqa: E501
        # a figure said out of reach is below it: no at the minimum, unknown above it
        ("東京の会社員です。副業型で月5日、月20時間弱、現地に月1回、契約1年", "kigyojin-fukugyo", "no"),
        ("東京の会社員です。副業型で月5日、現地に月1回行けますが、月20時間は無理そうです。契約1年", "kigyojin-fukugyo", "no"),  # noqa: E501
        ("東京の会社員です。副業型で月5日、現地に月1回、月40時間は無理ですが25時間ならできます。契約1年", "kigyojin-fukugyo", "unknown"),  # noqa: E501
        # years past the term's end (3年は過ぎ), a start with ちょうど, the 延長特例 in other words, 年半
        ("任期が終わってもう3年は過ぎてしまいましたが、今から開業しても起業支援の対象ですか", "kyoryokutai-kigyo-support-amount", "no"),  # noqa: E501
        ("着任してからちょうど2年ほどです。来月開業したら起業支援の対象？", "kyoryokutai-kigyo-support-amount", "yes"),  # noqa: E501
        ("醤油蔵で働いている隊員です。任期後はその醤油蔵を継ぐ予定。延長の特例で4年半にしてもらえますか", "kyoryokutai-term-extension-5yr", "yes"),  # noqa: E501
    ],
)
def test_the_verdict_follows_the_rule_for_the_case_told(text: str, entry: str, outcome: str) -> None:
    verdict = verdict_for(text, entry)
    assert verdict is not None and verdict.outcome == outcome, verdict


def test_a_term_already_over_is_no_question_of_its_length() -> None:
    """Years since the term ended (the end said by its date first, もう3年半 gone by) decide the 起業 timing;
    they are neither years wanted nor years added to the term."""
    text = "2021年3月に任期終了。開業は2024年9月の予定で、もう3年半になります。使えますか"
    found = verdict_among(text, ["kyoryokutai-term-length", "kyoryokutai-kigyo-support-amount"])
    assert found is not None and (found[1].rule.id, found[1].outcome) == ("kigyo_timing", "no"), found


def test_the_extension_asked_in_other_words_is_the_rule_decided() -> None:
    """「延長の特例で4年半に」asks about the 延長特例 (years with 半 too), not about the 事業承継 support the
    message also names."""
    text = "醤油蔵で働く隊員です。任期後はその醤油蔵を事業承継する予定。延長の特例で4年半にしてもらえますか"
    found = verdict_among(text, ["kyoryokutai-kigyo-support-amount", "kyoryokutai-term-extension-5yr"])
    assert found is not None and (found[1].rule.id, found[1].outcome) == ("term_extension", "yes"), found


@pytest.mark.parametrize(
    ("text", "rule", "outcome"),
    [
        (
            "工房で職人の仕事を覚えている隊員です。任期が終わったらその工房を継ぐ話になっていますが、"
            "3年では足りません。延ばしてもらえますか",
            "term_extension",
            "yes",
        ),
        ("任期2年目で来月開業します。起業支援の申請期限を延ばしてもらえますか", "kigyo_timing", "yes"),
    ],
)
def test_a_lengthening_asked_for_is_the_term_not_a_deadline(text: str, rule: str, outcome: str) -> None:
    found = verdict_among(text, ["kyoryokutai-kigyo-support-amount", "kyoryokutai-term-extension-5yr"])
    assert found is not None and (found[1].rule.id, found[1].outcome) == (rule, outcome), found


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


@pytest.mark.parametrize(
    ("text", "rule", "outcome"),
    [
        # the company's place by the gazetteer: a 政令市, a head office and a branch judged apart, a host
        # town in 三大都市圏 (only its 条件不利地域 are 対象)
        ("名古屋の会社員です。副業型で岩手の町に月4日・20時間、現地は月1回、1年契約", "fukugyo", "yes"),
        ("本社が札幌の会社です。企業派遣型で道内の過疎の町に1年、町内勤務は月18日", "haken", "yes"),
        (
            "本社は鹿児島の離島の町ですが、東京にも支社があります。"
            "企業派遣型で現地勤務月20日、2年",
            "haken", "unknown",
        ),
        (
            "大阪市の会社員。奈良県の山あいの村と副業型で契約したい。"
            "月4日20時間、現地2日、1年",
            "fukugyo", "unknown",
        ),
        (
            "神戸本社の会社員です。企業派遣型で、"
            "月22日勤務のうち17日を鳥取の町で勤務、期間は2年",
            "haken", "yes",
        ),
        (
            "本社は人口3万人の市。政令市でも中核市でも県庁所在地でもありません。"
            "企業派遣型で社員を出したい",
            "haken", "no",
        ),
        ("都内の会社に勤めています。副業型で月5日・25時間、現地は月1回、1年", "fukugyo", "yes"),
        # the name of the scheme typed with one character wrong
        ("横浜の会社から企業派遺型で秋田の町へ。でも現地勤務は月7日だけです", "haken", "no"),
        # where the resident moves from, by the gazetteer
        (
            "札幌市から道東の過疎の町へ住民票ごと引っ越して、"
            "協力隊に応募するつもりです",
            "kyoryokutai_move", "yes",
        ),
        # what the sources leave open (open_when): the move's timing, an age
        ("東京から過疎の村に住民票を移します。委嘱されてから数か月後でもいいですか", "kyoryokutai_move", "unknown"),  # noqa: E501
        ("56歳です。東京から過疎の村に住民票を移して移住予定。協力隊になれる？", "kyoryokutai_move", "unknown"),  # noqa: E501
        # said without に (横浜市住み), or as a student of the city's university; from a 過疎 town
        ("横浜市住みです。過疎の村に住民票を移して住みます。協力隊になれますか", "kyoryokutai_move", "yes"),
        ("仙台市内の大学3年です。過疎の町に住民票を移して協力隊をしたい", "kyoryokutai_move", "yes"),
        ("過疎の町に住んでいます。隣の県の過疎の村へ住民票を移して協力隊をやりたい", "kyoryokutai_move", "no"),  # noqa: E501
        (
            "東京から県庁所在地の市の中心部に住民票を移します。"
            "移住先が条件不利地域かどうかって関係ある？",
            "kyoryokutai_move", "unknown",
        ),
        # the 延長特例: the business after the term against the work
        (
            "林業の現場で活動しよるけど、任期後は町でカフェば起業する予定。"
            "延長特例で5年にできると？",
            "term_extension", "no",
        ),
        (
            "和紙すきの工房で協力隊しとります。"
            "任期のあとは和紙の工房として独立するつもり。任期を5年にできるかね",
            "term_extension", "yes",
        ),
        (
            "農業の手伝いをしている協力隊です。"
            "任期後は地元に帰るつもりだけど、任期4年にできますか",
            "term_extension", "no",
        ),
        (
            "R8からの延長特例って、令和6年度に着任した私にも使えますか。"
            "任期後は研修先の農園を承継します",
            "term_extension", "unknown",
        ),
        # the rule asked about when the facts are missing: the verdict says what would decide it
        (
            "協力隊やってた者です。"
            "起業したら100万もらえるって聞いたけど、私も対象？",
            "kigyo_timing", "unknown",
        ),
    ],
)
def test_the_rule_asked_about_decides_the_case(text: str, rule: str, outcome: str, places) -> None:
    from faq.eligibility.rules import rules_for_entry
    from faq.eligibility.verdicts import verdict_among

    any_entry = next(r for r in rules() if r.id == rule).entries[0]
    found = verdict_among(text, [any_entry], places)
    assert found is not None and (found[1].rule.id, found[1].outcome) == (rule, outcome), found
    assert rules_for_entry(found[0])


@pytest.mark.parametrize("text", ["延長できる？", "副業型の要件は？", "住民票は移す必要がある？"])
def test_a_plain_question_about_a_rule_gets_no_verdict(text: str) -> None:
    from faq.eligibility.verdicts import verdict_among

    entries = [e for r in rules() for e in r.entries]
    assert verdict_among(text, entries) is None


@pytest.mark.parametrize(
    "text",
    [
        "住民票を移したら郵便局で何か手続きがいる？",
        "引っ越して住民票を移すんだけど、マイナンバーカードの住所変更はどこで？",
    ],
)
def test_a_message_about_something_else_gets_no_kyoryokutai_verdict(text: str) -> None:
    """A 協力隊 entry can rank among the hits of a 住民票 question; its rule decides only a message about
    協力隊 (or one it answers first)."""
    from faq.eligibility.verdicts import verdict_among

    entries = ["yubinkyoku-juminhyo", *(e for r in rules() for e in r.entries)]
    assert verdict_among(text, entries) is None


def test_a_case_reads_a_bare_names_own_place_not_the_towns_the_name_also_says(places) -> None:
    """「日野の会社」: the resolver asks 日野市 or 日野町 (滋賀, 鳥取) before a centre is given, but
    the case reader keeps reading the name's own place (日野市, 東京都), as before that question
    existed: a company in 三大都市圏."""
    from faq.eligibility.verdicts import verdict_among

    fukugyo = next(r for r in rules() if r.id == "fukugyo").entries[0]
    text = "日野の会社に勤めてます。副業型で岩手の町に月4日・20時間、現地は月1回、1年契約"
    found = verdict_among(text, [fukugyo], places)
    assert found is not None and found[1].outcome == "yes", found
