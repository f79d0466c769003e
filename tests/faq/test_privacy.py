from __future__ import annotations

import json
import statistics
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from faq.residents.personal_kinds import hiragana, probe
from faq.residents.privacy import conversation_key, public_numbers, redact, redact_message

pytestmark = pytest.mark.unit

LABELLED = Path(__file__).resolve().parents[1] / "data" / "faq_queries.jsonl"

# Text around a number, as residents write it; none of it holds a digit.
BEFORE = st.sampled_from(["", "電話は", "連絡先：", "携帯 ", "こちらに→", "番号は、", "TEL", "でんわ "])
AFTER = st.sampled_from(["", "です", "に電話ください", " までお願いします", "。よろしく", "!!", "（日中）"])
# What residents put between digit groups: an IME's 「ー」, the minus and dash look-alikes, spaces, none.
SEPARATOR = st.sampled_from(["-", "ー", "−", "‐", "―", "〜", "～", ".", " ", "　", "", "－", " - "])
FULL_WIDTH = str.maketrans("0123456789+-()@", "０１２３４５６７８９＋－（）＠")


def _digits(n: int) -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=n, max_size=n)


def _maybe_full_width(draw: st.DrawFn, text: str) -> str:
    return text.translate(FULL_WIDTH) if draw(st.booleans()) else text


@st.composite
def phone_numbers(draw: st.DrawFn) -> str:
    """Japanese phone numbers in the layouts residents type (mobile, IP, landline). Free dial and navi dial
    numbers belong to organisations only and are kept (test_business_numbers_are_not_personal_data)."""
    kind = draw(st.sampled_from(["mobile", "ip", "landline"]))
    if kind == "mobile":
        groups = [draw(st.sampled_from(["090", "080", "070"])), draw(_digits(4)), draw(_digits(4))]
    elif kind == "ip":
        groups = ["050", draw(_digits(4)), draw(_digits(4))]
    else:
        area_len = draw(st.integers(1, 4))
        area = "0" + draw(st.text("123456789", min_size=area_len, max_size=area_len))
        local = draw(_digits(9 - area_len))
        cut = draw(st.integers(1, len(local) - 1))
        groups = [area, local[:cut], local[cut:]]
        # 0120, 0570, 0180 and 0990 are service numbers, never a landline's area code
        assume(not (area + local).startswith(("0120", "0570", "0180", "0990")))
    layout = draw(st.sampled_from(["plain", "brackets-area", "brackets-middle", "+81", "+81(0)"]))
    sep = draw(SEPARATOR)
    if layout == "brackets-area":
        number = f"({groups[0]}){groups[1]}{sep}{groups[2]}"
    elif layout == "brackets-middle":
        number = f"{groups[0]}({groups[1]}){groups[2]}"
    elif layout == "+81":
        number = "+81" + draw(SEPARATOR) + sep.join([groups[0][1:], *groups[1:]])
    elif layout == "+81(0)":
        number = "+81(0)" + sep.join([groups[0][1:], *groups[1:]])
    else:
        number = sep.join(groups)
    return _maybe_full_width(draw, number)


@st.composite
def my_numbers(draw: st.DrawFn) -> str:
    digits = draw(_digits(12))
    sizes = draw(st.sampled_from([(4, 4, 4), (3, 3, 3, 3), (12,), (6, 6), (4, 8), (2, 4, 6)]))
    sep = draw(SEPARATOR)
    parts, at = [], 0
    for size in sizes:
        parts.append(digits[at : at + size])
        at += size
    return _maybe_full_width(draw, sep.join(parts))


@st.composite
def emails(draw: st.DrawFn) -> str:
    word = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=10)
    local = draw(word) + draw(st.sampled_from(["", ".", "_", "+", "-"])) + draw(word)
    labels = draw(
        st.lists(st.text("abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8), min_size=1, max_size=3)
    )
    at = draw(st.sampled_from(["@", "＠"]))
    return f"{draw(st.sampled_from(['', 'x']))}{local}{at}{'.'.join(labels)}"


TOWNS = ["博多駅東", "中央", "浜町", "字中原", "本町", "東雲", "西新宿", "大手町"]
KANJI = st.sampled_from(["一", "二", "三", "十二", "二十五", "百三"])
ARABIC = st.integers(1, 999).map(str)


@st.composite
def street_addresses(draw: st.DrawFn) -> str:
    """The 丁目/番地/号 part of an address, kanji or Arabic numerals, with or without the town before it."""
    number = st.one_of(KANJI, ARABIC) if draw(st.booleans()) else ARABIC
    space = draw(st.sampled_from(["", " "]))
    a, b, c = draw(number), draw(number), draw(number)
    dash = draw(st.sampled_from(["-", "ー", "−", "‐", "―"]))
    layout = draw(st.sampled_from(["chome", "chome-ban-go", "banchi", "ban-go", "dashes"]))
    if layout == "chome":
        part = f"{a}{space}丁目"
    elif layout == "chome-ban-go":
        part = f"{a}丁目{space}{b}番{space}{c}号"
    elif layout == "banchi":
        part = f"{a}番地{draw(st.sampled_from(['', 'の' + b]))}"
    elif layout == "ban-go":
        part = f"{a}番{b}号"
    else:
        nums = [str(draw(st.integers(1, 99))), str(draw(st.integers(1, 999))), str(draw(st.integers(1, 99)))]
        return draw(st.sampled_from(TOWNS)) + _maybe_full_width(draw, dash.join(nums))
    return draw(st.sampled_from(["", *TOWNS])) + _maybe_full_width(draw, part)


@st.composite
def postal_codes(draw: st.DrawFn) -> str:
    code = f"{draw(_digits(3))}{draw(SEPARATOR.filter(lambda s: s.strip() in ('-', 'ー', '−', '‐', '')))}"
    code += draw(_digits(4))
    return draw(st.sampled_from(["〒", "〒 ", "郵便番号", "郵便番号は"])) + _maybe_full_width(draw, code)


def _assert_hidden(value: str, before: str, after: str, placeholder: str) -> None:
    out = redact(before + value + after)
    assert placeholder in out, (value, out)
    assert not any(ch.isdigit() for ch in out), (value, out)  # the context has no digit: all were removed


@settings(max_examples=400, deadline=None)
@given(phone_numbers(), BEFORE, AFTER)
@example("(011)000-0000", "", "")  # found by the generator: the tail read as a 〒 code, the area code left
@example("(011) 000-0000", "TEL", "です")
def test_phone_numbers_are_redacted_in_every_layout(number: str, before: str, after: str) -> None:
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", number) if ch.isdigit())
    if "0" + digits.removeprefix("81").removeprefix("0") in public_numbers():
        return  # an office's published number is kept (tested below)
    _assert_hidden(number, before, after, "[電話番号]")


@settings(max_examples=200, deadline=None)
@given(my_numbers(), BEFORE, AFTER)
def test_my_numbers_are_redacted_in_any_grouping(number: str, before: str, after: str) -> None:
    out = redact(before + number + after)
    assert not any(ch.isdigit() for ch in out), (number, out)
    assert "[マイナンバー]" in out or "[電話番号]" in out  # a 0-led 12-digit group may read as a phone too


@settings(max_examples=200, deadline=None)
@given(
    emails(), st.sampled_from(["", "メールは", "返信先 "]), st.sampled_from(["", "です", " まで", "に送って"])
)
def test_emails_are_redacted_with_or_without_a_dotted_domain(address: str, before: str, after: str) -> None:
    out = redact(before + address + after)
    assert "[メール]" in out and "@" not in out, (address, out)
    assert out == before + "[メール]" + after


@settings(max_examples=300, deadline=None)
@given(street_addresses(), st.sampled_from(["", "住所は", "自宅：", "福岡市博多区"]), AFTER)
def test_street_addresses_are_redacted(address: str, before: str, after: str) -> None:
    out = redact(before + address + after)
    assert "[住所]" in out, (address, out)
    assert not any(ch.isdigit() for ch in out), (address, out)
    assert not any(ch in "番号" for ch in out.replace("[住所]", "").replace("番号は", "")), (address, out)


@settings(max_examples=100, deadline=None)
@given(postal_codes(), AFTER)
def test_postal_codes_are_redacted(code: str, after: str) -> None:
    out = redact(code + after)
    assert "[郵便番号]" in out and not any(ch.isdigit() for ch in out), (code, out)


@pytest.mark.parametrize(
    "text",
    [
        "令和8年1月から申請できますか",
        "第90条の2の規定",
        "協力隊の任期は3年",
        "令和7年8月6日からの大雨",
        "R8.4.13〜4.15の研修",
        "550万円",
        "9時〜17時",
        "2026-03-31まで",
        "2026.11.29に被災",
        "1000-2000円くらい",
        "台風10号で被害",
        "110番に電話した",
        "119番はどこ",
        "2番線の電車",
        "1番窓口",
        "人口3,000人の村",
        "12月3日 10:00-17:00",
        "災害救助法第4条第1項",
        "0570-090110と0570-090-110って別の番号？",  # the public 行政苦情110番
        "きくみみ東京は03-3363-1100ですか",
    ],
)
def test_near_misses_are_not_redacted(text: str) -> None:
    assert redact(text) == unicodedata.normalize("NFKC", text)


def test_no_labelled_resident_question_is_changed_by_redaction() -> None:
    """Redaction never changes which entry answers: none of the resident questions loses a word."""
    queries = [
        json.loads(line)["query"] for line in LABELLED.read_text(encoding="utf-8").splitlines() if line
    ]
    changed = [q for q in queries if redact(q) != unicodedata.normalize("NFKC", q)]
    assert len(queries) > 500 and changed == []


OTHER_SETS = (
    "near_miss/tuning.jsonl",
    "near_miss/heldout.jsonl",
    "town_page/tuning.jsonl",
    "town_page/heldout.jsonl",
    "disaster_messages.jsonl",
    "safety_messages.jsonl",
)


def test_no_message_of_the_other_labelled_sets_is_changed_by_redaction() -> None:
    """Messages written by other writers for other questions (near-misses, a town's page, disasters,
    dangers and their look-alikes: dialect, kana only, half-width katakana) hold no personal data, and
    many hold words that are also names (もり, はな, 輪島, 金沢): redaction leaves every one as it is."""
    texts = []
    for name in OTHER_SETS:
        lines = (LABELLED.parent / name).read_text(encoding="utf-8").splitlines()
        texts += [json.loads(line)["text"] for line in lines if line.strip()]
    changed = [t for t in texts if redact(t) != unicodedata.normalize("NFKC", t)]
    assert len(texts) > 1000 and changed == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('/choose_faq{"faq_id": "center-what-is"}', '/choose_faq{"faq_id": "center-what-is"}'),
        ("/menu", "/menu"),
        ("/ask_faq 電話は090-1234-5678", "/ask_faq 電話は[電話番号]"),
        ('/inform{"phone": "090-1234-5678"}', '/inform{"phone": "[電話番号]"}'),
        ('/menu{"note": "taro@example.jp"}', '/menu{"note": "[メール]"}'),
    ],
)
def test_only_a_payload_naming_an_intent_passes_as_a_button(text: str, expected: str) -> None:
    assert redact_message(text, {"choose_faq", "menu"}) == expected


def test_the_conversation_key_is_one_way_and_stable() -> None:
    key = conversation_key("widget-0123456789")
    assert key == conversation_key("widget-0123456789") != conversation_key("widget-0123456788")
    assert "0123456789" not in key and len(key) == 32


def _size_ratio_of_times(small: str, large: str, rounds: int = 5) -> float:
    """Median time for ``large`` over median time for ``small``, measured interleaved (a busy machine
    slows both alike)."""
    small_times, large_times = [], []
    for _ in range(rounds):
        for text, times in ((small, small_times), (large, large_times)):
            started = time.perf_counter()
            redact(text)
            times.append(time.perf_counter() - started)
    return statistics.median(large_times) / max(statistics.median(small_times), 1e-6)


@pytest.mark.parametrize(
    "unit",
    ["a", "a.", "1", "1-", "1 ", "a@", "1丁目", "東1-", "〒1", "a" * 9 + "@b.", "にじゅう", "さんちょうめ"],
    ids=[
        "letters", "dotted", "digits", "dashed", "spaced", "at", "chome", "town-dash", "postal", "mail",
        "kana-number", "kana-chome",
    ],
)
def test_redaction_time_grows_linearly_with_adversarial_input(unit: str) -> None:
    """8x the text may cost about 8x the time, not 64x (the old e-mail pattern was quadratic)."""
    ratio = _size_ratio_of_times(unit * (20_000 // len(unit)), unit * (160_000 // len(unit)), rounds=3)
    assert ratio < 24, f"{unit!r}: 8x the input took {ratio:.1f}x the time"


@pytest.mark.parametrize("number", ["0120-123-456", "0570-05-1165", "０１２０ー９９９ー１２３"])
def test_business_numbers_are_not_personal_data(number: str) -> None:
    """Free dial and navi dial numbers are rented by companies and offices, never by a person: a
    resident quoting one (ねんきんダイヤル) keeps it, and the search can read it."""
    message = f"{number}に電話したけど繋がらない"
    assert redact(message) == unicodedata.normalize("NFKC", message)


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=()), max_size=80))
@example("\ud800\u0000罹災証明")  # the message that answered 500
@example("山田\udfff太郎です")
def test_redaction_takes_any_text_a_json_body_can_carry(text: str) -> None:
    """JSON carries lone surrogates and control characters ("\\ud800\\u0000"); a 500 from the tagger on
    one of them was found by hand. What comes out can be stored (encodes as UTF-8)."""
    redact(text).encode("utf-8")


# Issue 23, item 6: the forms the labelled set's tuning misses showed, written out as kinds (kana and kanji
# numerals, the day said apart, an office's own 〒 code). Each fails without its mechanism.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("しょうわ にじゅうろくねん はちがつ みっか うまれです", "[生年月日] うまれです"),
        ("たんじょうびは へいせい がんねん ろくがつ にじゅうよっか", "たんじょうびは [生年月日]"),
        ("ショウワ50ネン3ガツ10ニチ生まれ", "[生年月日]生まれ"),
        ("せんきゅうひゃくななじゅうごねん しがつ ついたち うまれ", "[生年月日] うまれ"),
        ("昭和五十年三月生まれです", "[生年月日]生まれです"),
        ("昭和50年3月10日が誕生日です", "[生年月日]が誕生日です"),
        ("生まれは昭和二十二年の十月、日にちは二十九日です", "生まれは[生年月日]、日にちは[生年月日]です"),
    ],
)
def test_birth_dates_in_kana_and_kanji_numerals_are_redacted(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("わじましかわいまち 2ぶ 88ばんち", "わじましかわいまち 2ぶ [住所]"),
        ("かわいまち さんちょうめ よんばんち です", "かわいまち [住所] です"),
        ("にちょうめ じゅうにばんち の さん", "[住所]"),
        ("よんばんごごう", "[住所]"),
        ("本町三丁目四番地の五", "本町[住所]"),
        ("河井町三丁目の四に住んでます", "河井町[住所]に住んでます"),
        ("本町三ー四ー五", "本町[住所]"),
        ("ハイツ白川三〇二号室", "ハイツ白川[住所]"),
    ],
)
def test_addresses_in_kana_and_kanji_numerals_are_redacted(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ぜろきゅうぜろ、よんよんはちはち、いちにいちにの番号です", "[電話番号]の番号です"),
        ("ゼロキュウゼロ イチニサンヨン ゴロクナナハチ", "[電話番号]"),
        ("ゆうびんばんごうは きゅうにいななのぜろぜろにいさん", "ゆうびんばんごうは [郵便番号]"),
        ("郵便番号は、9218034です", "[郵便番号]です"),
        ("9270023 石川県輪島市河井町", "[郵便番号] 石川県輪島市河井町"),
        ("口座番号 123-4567", "口座番号 [口座番号]"),
        ("0九0-1234-5678", "[電話番号]"),  # one kanji digit among ASCII ones
        ("o9o-1234-5678", "[電話番号]"),  # the letter o for a zero
        ("090*1234*5678", "[電話番号]"),
        ("電話 二二の四七一八", "電話 [電話番号]"),
        ("ぜろはちぜろの、いちいちにーにーの、さんさんよんよん", "[電話番号]"),
        ("〒927.0023", "[郵便番号]"),
        ("誕生日 3/10", "誕生日 [生年月日]"),
        ("わたしは しょうわ50ねん 3がつ10か うまれです", "わたしは [生年月日] うまれです"),
        ("通帳の番号 1234567", "通帳の番号 [口座番号]"),
        ("ゆうちょ 10140の38271651", "ゆうちょ [口座番号]"),
        ("taroあっとgmailどっとこむ", "[メール]"),
        ("hanako※gmail.com", "[メール]"),
        ("hanako[@]gmail.com", "[メール]"),
        ("hanako@の後ろはgmail.com", "[メール]の後ろはgmail.com"),
        ("郵便番号を聞かれたら9270023でいいですか", "郵便番号を聞かれたら[郵便番号]でいいですか"),
        ("郵便番号→927-0023", "[郵便番号]"),
        ("口座番号は、えっと、1234567", "口座番号は、えっと、[口座番号]"),
        ("taro あっと まーく gmail.com", "[メール]"),
        ("taro.yamada(あっと)gmail(どっと)com", "[メール]"),
        ("たろう@gmail.com まで", "[メール] まで"),
        ("DOB: 10/03/1975", "DOB: [生年月日]"),
        ("1975(昭和50)年3月10日生まれ", "[生年月日]生まれ"),
        ("輪島市門前町走出6", "輪島市門前町走出[住所]"),
        ("字東山12番地です", "字東山[住所]です"),
        ("ぜろきゅうぜろ 1234 5678", "[電話番号]"),
        ("090 いちにさんよん ごろくななはち", "[電話番号]"),
        ("零九零の一二三四の五六七八", "[電話番号]"),
        ("090、1234、5678", "[電話番号]"),
        ("ぜろきゅーぜろ いちにさんよん ごろくななはち", "[電話番号]"),
        ("自宅は224718", "自宅は[電話番号]"),
        ("927-OO23", "[郵便番号]"),  # letters O for zeros: the probe keeps the length
        ("taro(a)gmail.com", "[メール]"),
        ("住所 927 0023 石川県輪島市", "住所 [郵便番号] 石川県輪島市"),
        ("ゆうちょ 1419021093871", "ゆうちょ [口座番号]"),
        ("北國銀行 輪島支店 1234567", "北國銀行 輪島支店 [口座番号]"),
        ("ハイツ白川203", "ハイツ白川[住所]"),
        ("仮設住宅 3棟12号", "仮設住宅 [住所]"),
    ],
)
def test_numbers_said_or_grouped_as_residents_do_are_redacted(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "いちばんちかいひなんじょはどこ",  # 一番近い, not 1番地
        "しちょうめんかいはできますか",  # 市長面会
        "さんちょうめのしみんかん",  # only the 丁目 goes: [住所]のしみんかん (checked below)
        "令和6年1月1日の地震で被災しました",
        "昭和56年5月31日以前に建てた家です",
        "れいわろくねん いちがつ ついたち の じしん",
        "息子は小学2年生です",
        "総務省（〒100-8926）宛に送ればいいですか",  # an office's own code
        "三丁目の一部が浸水",
        "令和7年生活再建支援",
        "No1の窓口とCO2削減",  # a letter o inside a word is a letter
        "締切は3/10です",  # a date not said to be a birth date
        "2*3=6",
        "郵便局の電話は0120-123-456",  # a 〒 word before a number that is not a code
        "郵便で1000000円送った",
        "町営住宅3棟と町長選挙2024",
        "0570-090110に電話した",  # に beside a digit is a particle
        "1時から3時に5678",
        "銀行 0120-123-456",  # an account word before a free dial: not an account
        "電話で団体コード172049を伝えた",
        "電話代は5000円",
        "1、2、3、4、5、6、7、8、9、10",
        "マンション5階、住宅3棟が全壊、団地の2号棟、住宅ローン3000万",
    ],
)
def test_kana_and_kanji_look_alikes_survive(text: str) -> None:
    out = redact(text)
    if text.startswith("さんちょうめ"):
        assert out == "[住所]のしみんかん"
    elif text.startswith("三丁目"):
        assert out == "[住所]の一部が浸水"
    else:
        assert out == unicodedata.normalize("NFKC", text)


# Names: the tagger's analysis in context, what the dictionary knows a word as when said as a name
# (「…さん」, katakana for hiragana), and a name said once being a name everywhere in the message.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("わたしは すずき たろう です", "わたしは [氏名] です"),  # hiragana, read as katakana: タロウ
        ("なまえは もりた けいこ です", "なまえは [氏名] です"),  # a spaced kana word the tagger cut
        ("すずきです。りさいしょうめいのことで", "[氏名]です。りさいしょうめいのことで"),
        ("自分は森と言います", "自分は[氏名]と言います"),  # 森 is a forest in context
        ("志賀町の寺井です。よろしく。", "志賀町の[氏名]です。よろしく。"),  # a place in context
        ("息子 健太（けんた）が協力隊に", "息子 [氏名]が協力隊に"),  # a reading given says it is a name
        ("代理人：鈴木（すずき）一郎", "代理人:[氏名]"),  # a reading between the two names
        ("名前が 髙橋 になっています", "名前が [氏名] になっています"),  # a kanji variant
        ("旧姓の高橋から小川に変えたい。小川 真理子です", "旧姓の[氏名]から[氏名]に変えたい。[氏名]です"),
        ("自分は森と言います、森本じゃなくて森です", "自分は[氏名]と言います、[氏名]じゃなくて[氏名]です"),
        ("HANAKO SATO のローマ字をSATOHに変えたい", "[氏名] のローマ字を[氏名]に変えたい"),
        ("被災者: 林 大輔、同居家族: 林 蒼（小3）", "被災者: [氏名]、同居家族: [氏名](小3)"),
        ("よろしくお願いします m(_ _)m　のぶこ", "よろしくお願いします m(_ _)m [氏名]"),
        ("母 よしえ 82歳", "母 [氏名] 82歳"),
        ("むすめの ゆい が ひなんじょに いる", "むすめの [氏名] が ひなんじょに いる"),
        ("私の名前は東です（あずま と読みます）", "私の名前は[氏名]です([氏名] と読みます)"),
        ("やまだたろうです。しえんきんのこと", "[氏名]です。しえんきんのこと"),  # one kana word, split in two
        ("わし、こばやし言うもんやけど", "わし、[氏名]言うもんやけど"),
        ("はなこの母です", "[氏名]の母です"),
        ("グエン・ヴァン・ナムです", "[氏名]です"),  # UniDic's 人名 with neither 姓 nor 名
        ("私は王偉です", "私は[氏名]です"),
        ("名前は yamada taro です", "名前は [氏名] です"),
    ],
)
def test_names_the_words_around_or_the_message_say_are_names(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("輪島市に住んでる輪島 健太です", "輪島市に住んでる[氏名]です"),  # the town keeps its name
        ("佐々木と申します。今は金沢のみなし仮設にいます", "[氏名]と申します。今は金沢のみなし仮設にいます"),
        ("耳が不自由な母のために", "耳が不自由な母のために"),  # ため is a name only as タメ
        ("私は輪島に住んでいます", "私は輪島に住んでいます"),
        ("石川県の輪島です", "石川県の輪島です"),
        ("オンラインで申請できる？", "オンラインで申請できる?"),  # オン + ライン
        ("台風でサトウキビ畑が倒れた", "台風でサトウキビ畑が倒れた"),
        ("#7119 うちのけんにもあるがけ？", "#7119 うちのけんにもあるがけ?"),
        ("路地だ いまだ", "路地だ いまだ"),  # no closing before it: not a signature
        ("といあわせ さき", "といあわせ さき"),
        ("夫は仕事で私一人です", "夫は仕事で私一人です"),
        ("火災保険と支援金 りょうほうもらえる？", "火災保険と支援金 りょうほうもらえる?"),
        ("輪島の母です", "輪島の母です"),
        ("ベトナム人の同僚とキリスト教の教会", "ベトナム人の同僚とキリスト教の教会"),
        ("ありがとうございます よろしくおねがいします", "ありがとうございます よろしくおねがいします"),
    ],
)
def test_words_that_are_also_names_survive_where_nothing_says_they_are_one(text: str, expected: str) -> None:
    assert redact(text) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("0123456789oO〇零一二三四五六七八九-ー の、アカさしはa "), max_size=40))
def test_the_probe_and_the_kana_view_keep_the_length(text: str) -> None:
    """Spans found on the probe or the hiragana view are cut from the text: both keep every position."""
    assert len(probe(text)) == len(text) and len(hiragana(text)) == len(text)


# Issue 23, item 6, two more writers: the forms their tuning rows showed, as kinds. Each fails without its
# mechanism (a 昭和 date in a form's layout, a code in pieces, kana and romaji words of banking, …).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("旦那は S22/1/15 生まれで、私は S25/6/6 です", "旦那は [生年月日] 生まれで、私は [生年月日] です"),
        ("妻 昭和22.8.15 / 私 昭和20.1.3", "妻 [生年月日] / 私 [生年月日]"),
        ("生まれは平成十年の七夕（7月7日）です", "生まれは[生年月日]です"),
        ("おらは昭和九年さ生まれで、もう92だ", "おらは[生年月日]さ生まれで、もう92だ"),
        ("郵便番号 7000 012（岡山）", "[郵便番号](岡山)"),
        ("郵便番号 939-17、あと2けたが 44 です", "郵便番号[住所]、あと2けたが [郵便番号] です"),
        ("実家は大字穴水字大町ホ の 12 です", "実家は大字穴水字大町ホ の [住所] です"),
        ("原町区本町一の十の三、アパートの二〇二号だべ", "原町区本町[住所]、アパートの[住所]だべ"),
        ("みどりが丘団地 2号棟 301 です", "みどりが丘団地 [住所] です"),
        ("応急仮設住宅 B-12", "応急仮設住宅 [住所]"),
        ("団地の3号棟の201", "団地の[住所]"),
        ("Address: 2-5-8 Kohoku, Iwate. Room 301.", "Address: [住所] Kohoku, Iwate. Room [住所]."),
        ("Nishi-izumi 2-14-7, Heights Sakura 203.", "Nishi-izumi [住所], Heights Sakura [住所]."),
        ("こうざは ふつう の いちにさんよんごろくなな です", "こうざは ふつう の [口座番号] です"),
        ("口座番号は1234-567やなくて、1234567やったわ", "口座番号は[口座番号]やなくて、[口座番号]やったわ"),
        ("account futsu 0012345.", "account futsu [口座番号]."),
        ("ゆうちょ キゴウ １４０５０ ばんごう ２２３３４４５１", "ゆうちょ キゴウ [口座番号]"),
        ("aya-0315 の あっとまーく ezweb.ne.jp です", "[メール] です"),
        ("アドレスは tanaka kiyo あっと i cloud どっと com", "アドレスは [メール]"),
        ("taro@@gmail.com", "[メール]"),
        ("携帯（ゼロキューゼロ・ロクロクナナナ・ハチハチキューキュー）まで", "携帯([電話番号])まで"),
        ("口座番号：普通0024681 名義：ｽｽﾞｷ ﾄﾒ。", "口座番号:普通[口座番号] 名義:[氏名]。"),
        ("ぼくは ラジュ・シャルマ です。", "ぼくは [氏名] です。"),
        ("娘 はるか(12) の分も", "娘 [氏名](12) の分も"),
        ("市営ひばり住宅 Ｃ棟 １０５号 の さとう です ごみ", "市営ひばり住宅 [住所] の [氏名] です ごみ"),
    ],
)
def test_forms_of_the_new_writers_are_redacted(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "きくみみ石川（金沢市西念3-4-1）に行くべき？",  # an office's address, published in the directory
        "富山市丸の内1-5-13は役所ですよね",
        "〒 100-8926 は総務省ですよね",  # an office's own code, its office named after it
        "昭和56.5.31以前に建てた家です",  # an older date that is an event's
        "H23.3.11の地震で被災",
        "わたしは ケア・マネージャー です",  # katakana words joined by ・ that the dictionary knows
        "I am JET ALT.",  # short capitals that are no Japanese name
        "ふつうは3日で届きます",
        "住宅3棟の2つが全壊",
        "for 3-4 weeks",
    ],
)
def test_look_alikes_of_the_new_writers_survive(text: str) -> None:
    assert redact(text) == unicodedata.normalize("NFKC", text)
