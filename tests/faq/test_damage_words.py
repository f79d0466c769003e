"""A damage message is known however it is typed: kana only, dialect endings, conjugated verbs.

Written the way residents type after a disaster (not rephrased from the guidebook): the words that say
damage are matched as typed, as UniDic's dictionary forms (つかりました → 浸かる, つぶれてもうた → 潰れる),
or as a thing of theirs said with what happened to it (やねが とんで いった). Messages that only share a
word with damage (燃えるゴミ, 飛行機が飛ぶ, お金を使う) are not damage.
"""

from __future__ import annotations

import pytest

from faq.content.disaster_needs import is_damage_message, is_plain_japanese, needs_from_text

pytestmark = pytest.mark.unit

DAMAGE = [
    ("いえ が みず に つかりました。たすけ の おかね ありますか", {"住まい", "お金"}),
    ("いえがみずにつかった", {"住まい"}),
    ("屋根がつぶれてもうた、どないしたらええ", {"住まい"}),
    ("家がつぶれてしもうた", {"住まい"}),
    ("やねが とんで いった", {"住まい"}),
    ("台風で屋根がとばされた", {"住まい"}),
    ("がけがくずれて家がうまった", {"住まい"}),
    ("地震で家がかたむいてしまった", {"住まい"}),
    ("まどが ぜんぶ われました", set()),
    ("うちが火事で燃えてしまった", set()),
    ("ゆかうえまで みずに つかった", set()),
    ("車が水没してしもた", {"役所の手続・公共料金"}),
    ("畑が流されてもうて仕事にならん", {"事業"}),
    ("ｲｴｶﾞ ﾐｽﾞﾆ ﾂｶﾘﾏｼﾀ", {"住まい"}),
    # a damage or need word typed in its kana reading (地震 → じしん, 介護 → かいご, 自動車 → ｼﾞﾄﾞｳｼｬ)
    ("じしんで いえが はんかいに なりました", {"住まい"}),
    ("おおあめの あと かいごしせつが しまった", {"医療・介護"}),
    ("ﾀｲﾌｳﾃﾞ ｼﾞﾄﾞｳｼｬｶﾞ ﾀﾞﾒﾆﾅｯﾀ", {"役所の手続・公共料金"}),
    ("どしゃくずれで はたけが やられた しゅうにゅうが ない", {"事業", "お金"}),
    # how residents name a home, a procedure, an insurance and care besides the guidebook's words
    ("大雨でアパートが浸水した", {"住まい"}),
    ("地震で マイナンバーカードを なくした", {"役所の手続・公共料金"}),
    ("台風でハウスが壊れた。共済はおりるか", {"保険・預金"}),
    ("豪雨で デイサービスが 休みに なった", {"医療・介護"}),
]

NOT_DAMAGE = [
    "燃えるゴミの日はいつですか",
    "飛行機が飛ぶ時間を知りたい",
    "お金を使う手続きを教えて",
    "協力隊の任期って何年？",
    "家から近い行政相談の窓口はどこ？",
    "つかえる制度はありますか",
    "住民票コンビニで取れる？",
    "ぜいきんの てつづきを おしえて ください",
]


@pytest.mark.parametrize(("text", "needs"), DAMAGE)
def test_damage_typed_any_way_is_damage(text: str, needs: set[str]) -> None:
    assert is_damage_message(text), text
    assert needs <= set(needs_from_text(text)), needs_from_text(text)


def test_plain_japanese_with_readings_after_kanji_names_is_plain_japanese() -> None:
    """やさしい日本語 writes a place with its reading after it (那覇市（なはし）), asides in brackets: still
    kana with spaces, so the message gets the 外国人向け items."""
    assert is_plain_japanese("わたし は 那覇市（なはし） に すんで います。 いえ が こわれました")
    assert is_plain_japanese("じしんで りょう(すむ ところ)が こわれました。")
    assert not is_plain_japanese("那覇市に住んでいます。家が壊れました")


@pytest.mark.parametrize("text", NOT_DAMAGE)
def test_a_word_shared_with_damage_is_not_damage(text: str) -> None:
    assert not is_damage_message(text), text
