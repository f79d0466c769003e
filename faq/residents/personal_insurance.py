"""Numbers of a resident's insurance and pension cards, said with their word (a detector of
:mod:`faq.residents.personal_data`).

A 保険証, a 介護保険 or 後期高齢者 card, a 年金手帳 carry numbers that identify their holder: 「保険証の番号は
30581922」「被保険者番号 0402771836」「国保で、記号 701234 番号 56」「基礎年金番号 1234-567890」. Their length
says nothing (a 記号 may have six digits, its 番号 two), so the word before decides: a number after a card's
word and its 番号 or 記号 is the card's, and a 番号 said right after its 記号 goes with it. They are replaced
by the card placeholder: what the resident's question needs is that a card was named, not its number.
An amount (保険料は月6000円) or a count keeps its words, and so does the 保険者番号: it names the
insurer (協会けんぽ's branch, a 広域連合), is printed alike on every member's card and identifies no one
(decided in the sixth round; the 被保険者番号 and the 記号・番号 are the member's). A 記号 said in a
sentence after the card was named is the card's too (保険証をなくしました。記号 12-345 番号 67).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from faq.residents.personal_kinds import CARD, Span

# the card's word, then its 番号 or 記号 within a few words (保険証の番号, 介護保険の被保険者番号)
_CARD_WORD = (
    r"(?:被保険者|保険者|保険証|ほけんしょう|健康保険|介護保険|国保|国民健康保険|社保|後期高齢者|医療証|受給者証"
    r"|年金手帳|基礎年金|年金|ねんきん|マイナ保険証)"
)
_LABEL = r"(?:番号|記号|ばんごう|きごう|No\.?|no\.?)"
# an office's number is no card's: 年金事務所の番号, 国保の窓口の電話番号
_OFFICE = r"(?!事務所|センター|窓口|ダイヤル|電話|課|係|機構|協会|組合)"
_DIGITS = r"(?<!\d)\d(?:[\s\-ー−・]?\d){1,11}(?![\d年月日時分秒歳才円万億%人件回個枚台号階])"
# an insurer's own number (保険者番号, not 被保険者番号) names the insurer, not the member: it stays
_NOT_INSURER = r"(?:(?<!保険者)|(?<=被保険者))"
_INSURANCE = re.compile(
    rf"{_CARD_WORD}(?:{_OFFICE}[^\d\n。]){{0,10}}?{_NOT_INSURER}{_LABEL}\s?(?:は|が|:|=)?\s?(?P<number>{_DIGITS})"
)
# 保険証をなくしました。記号 12-345 番号 67: a 記号 said in a later sentence, the card named before it
_SIGN = re.compile(rf"(?<![\u4e00-\u9fff])(?:記号|きごう)\s?(?:は|が|:|=)?\s?(?P<number>{_DIGITS})")
_CARD_NAMED = re.compile(r"保険証|ほけんしょう|国保|健康保険|介護保険|後期高齢者|医療証|受給者証")
# 記号 701234 番号 56 / 記号:12 番号:345 枝番 01: a 番号 or 枝番 right after the number before it
_FOLLOWING = re.compile(
    rf"\s?[、,]?\s?(?:番号|ばんごう|枝番|えだばん)\s?(?:は|が|:)?\s?(?P<number>{_DIGITS})"
)


# A 在留カード's number has its own shape — two letters, eight digits, two letters (AB12345678CD) — that
# no amount, date or code shares: it is the card's with or without its word, and however it is grouped
# (SK 7204 1186 EN, XY-12345678-ZW).
_RESIDENCE_CARD = re.compile(
    r"(?<![A-Za-z0-9])[A-Z]{2}[\s\-]{0,2}\d{4}[\s\-]{0,2}\d{4}[\s\-]{0,2}[A-Z]{2}(?![A-Za-z0-9])"
)


def insurance_numbers(text: str) -> Iterator[Span]:
    """The numbers of an insurance or pension card said with the card's word, and a 番号 said after them;
    a 在留カード's number by its shape.

    >>> text = "国保で、記号 701234 番号 56 です"
    >>> [text[s.start : s.end] for s in insurance_numbers(text)]
    ['701234', '56']
    """
    for match in _RESIDENCE_CARD.finditer(text):
        yield Span(match.start(), match.end(), CARD)
    signs = (m for m in _SIGN.finditer(text) if _CARD_NAMED.search(text, max(0, m.start() - 60), m.start()))
    for match in (*_INSURANCE.finditer(text), *signs):
        yield Span(match.start("number"), match.end("number"), CARD)
        end = match.end("number")
        for _ in range(2):  # 記号, 番号, 枝番: at most two more
            following = _FOLLOWING.match(text, end)
            if not following:
                break
            yield Span(following.start("number"), following.end("number"), CARD)
            end = following.end("number")
