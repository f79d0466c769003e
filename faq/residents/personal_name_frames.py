"""Names the frame around them says are names, whatever the dictionary knows (part of the name detector,
:mod:`faq.residents.personal_names`).

The dictionary knows common names; residents have others (おおたけ, 陸斗), and write them in kana only or
in half-width katakana (ﾅﾏｴ ﾊ ｸﾎﾞﾀ ｼｹﾞﾙ ﾃﾞｽ, folded by NFKC and read in the hiragana view). Where the frame
leaves no other reading, the frame decides:

- a name word and its particle before, a naming after: 名前は X です, なまえ は X Y です, 氏名: X です
  (not a mere break: 「名前が 髙橋 になっています」 says what a form shows);
- a form's field (氏名, 名義, 宛名, 受取人), after は, a colon or a space, and the words in it up to the
  field's end (a slash, a comma, a bracket, で): 氏名:ﾀﾅｶ ﾊﾅｺ / 住所…, 名義はモリタ ケイコでお願いします,
  （名義 タカダ ケイコ）;
- a first person before and a naming verb after: おらは X っていいます, 私は X と申します;
- a first person before two words set apart, then です: わたしは X Y です (a family and a given name;
  one word alone, 「わたしは げんき です」, says how the resident is as readily as who);
- a family word, の, the word, then what only a person has — a birth, an age, a school year:
  次男の X は平成21年…生まれ, 娘の X が 5歳.

A word the dictionary reads as one ordinary word (まだ, いま, ひとり, 学校) is not taken: 「名前はまだです」
「わたしは いま ひなん です」 keep their words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from faq.residents.personal_kinds import NAME, Span, hiragana

_WORD = r"(?:[ぁ-ゖー]{2,8}?|[\u4e00-\u9fff々]{1,4})"
_FIRST_PERSON = r"(?:わたし|わたくし|あたし|ぼく|おれ|おら|わし|うち|じぶん|私|僕|俺|自分)"
_NAME_WORD = r"(?:なまえ|名前|氏名|しめい|ふりがな|ふるねーむ|ふるねいむ)"
# a naming after the words, not a mere break: 「名前が 髙橋 になっています」 says what a form shows, no naming
_AFTER_NAME = (
    r"(?:です|でした|でございます|と\s?(?:いいます|もうします|申します)|って\s?いいます|やけど|だけど)"
)
_FIELD = r"(?:氏名|しめい|名義人?|めいぎ(?:にん)?|宛名|あてな|受取人|うけとりにん)"
_NAMING_VERB = r"(?:って|と)\s?(?:いいます|言います|もうします|申します|いう|言う|ゆう|ゆーます|いいよります)"
_FRAMES = (
    # up to three words: a foreign resident's name (なまえ は グエン ティ ラン です)
    re.compile(rf"{_NAME_WORD}\s?(?:は|わ|:)\s?(?P<name>{_WORD}(?:\s{_WORD}){{0,2}})(?=\s?{_AFTER_NAME})"),
    re.compile(rf"{_FIRST_PERSON}\s?(?:は|わ)\s?(?P<name>{_WORD}(?:\s{_WORD})?)(?=\s?{_NAMING_VERB})"),
    re.compile(
        rf"{_FIRST_PERSON}\s?(?:は|わ)\s(?P<name>[ぁ-ゖー]{{2,8}}\s[ぁ-ゖー]{{2,8}})(?=\s?(?:です|でございます))"
    ),
    # a form's field and the name in it, up to the field's end: 氏名:ﾀﾅｶ ﾊﾅｺ / …, 名義はモリタ ケイコでお願い
    re.compile(rf"{_FIELD}(?:\s?(?:は|:)\s?|\s)(?P<name>{_WORD}(?:\s{_WORD})?)(?=\s?(?:[/、。,.)\n]|で|$))"),
)
_RELATION = (
    r"(?:母|父|祖母|祖父|妻|夫|娘|息子|姉|妹|兄|弟|孫|長男|長女|次男|次女|三男|三女|むすめ|むすこ|まご"
    r"|ちょうなん|ちょうじょ|じなん|じじょ)"
)
_PERSON_ONLY = re.compile(
    rf"{_RELATION}\s?の\s?(?P<name>[\u4e00-\u9fff々]{{1,3}}|[ぁ-ゖー]{{2,6}})\s?(?:は|が)"
    r"[^。\n]{0,24}?(?:生まれ|うまれ|\d{1,3}\s?(?:歳|さい|才)|年生|[小中高]\s?\d|小学|中学|高校|保育園|幼稚園)"
)
_RELATION_WORD = re.compile(rf"{_RELATION}|嫁|婿|子|方|人|家|夫婦|家族")


def framed_names(text: str, ordinary: Callable[[str], bool]) -> Iterator[Span]:
    """The spans of names that a frame in ``text`` gives; ``ordinary`` says whether the dictionary reads
    a word as one ordinary word (the name detector's tagger)."""
    kana = hiragana(text)  # the same length: ナマエ ハ and なまえ は are one case
    for pattern in _FRAMES:
        # in a form's field one word the dictionary cannot read as an everyday one is enough (おおたけ りく)
        for match in pattern.finditer(kana):
            said = text[match.start("name") : match.end("name")]
            # and three words (グエン ティ ラン) are a name unless every one is an everyday word
            enough = all if pattern is _FRAMES[-1] or said.count(" ") > 1 else any
            if not enough(ordinary(word) for word in said.split()):
                yield Span(match.start("name"), match.end("name"), NAME)
    for match in _PERSON_ONLY.finditer(kana):
        word = text[match.start("name") : match.end("name")]
        if not _RELATION_WORD.fullmatch(word) and not ordinary(word):
            yield Span(match.start("name"), match.end("name"), NAME)
