"""A damage message is known however it is typed: kana only, dialect endings, conjugated verbs.

Written the way residents type after a disaster (not rephrased from the guidebook): the words that say
damage are matched as typed, as UniDic's dictionary forms (つかりました → 浸かる, つぶれてもうた → 潰れる),
or as a thing of theirs said with what happened to it (やねが とんで いった). Messages that only share a
word with damage (燃えるゴミ, 飛行機が飛ぶ, お金を使う) are not damage.
"""

from __future__ import annotations

import pytest

from faq.content.disaster_needs import is_damage_message, needs_from_text

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
]

NOT_DAMAGE = [
    "燃えるゴミの日はいつですか",
    "飛行機が飛ぶ時間を知りたい",
    "お金を使う手続きを教えて",
    "協力隊の任期って何年？",
    "家から近い行政相談の窓口はどこ？",
    "つかえる制度はありますか",
    "住民票コンビニで取れる？",
]


@pytest.mark.parametrize(("text", "needs"), DAMAGE)
def test_damage_typed_any_way_is_damage(text: str, needs: set[str]) -> None:
    assert is_damage_message(text), text
    assert needs <= set(needs_from_text(text)), needs_from_text(text)


@pytest.mark.parametrize("text", NOT_DAMAGE)
def test_a_word_shared_with_damage_is_not_damage(text: str) -> None:
    assert not is_damage_message(text), text
