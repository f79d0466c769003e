"""Bank accounts in a message (a detector of :mod:`faq.residents.personal_data`): the number and the
holder's name.

Residents give an account the way a passbook or a transfer form lays it out (「北陸銀行 高岡支店 普通
6092215 名義 タカダ ケイコ」「ﾐﾂｲｽﾐﾄﾓ ﾅﾝﾊﾞ支店 普通 7714203 ｶﾜﾉ ﾐﾕｷ」) or in a sentence: 口座番号は…です,
ゆうちょの記号・番号 apart or run together, in kana (こうざ, ふつう, きごう), romaji (futsu, kigou) or
English (savings); the bank may be a 信金, a 労金, a 信組 or ＪＡ; the number may come before its words
(1234567（普通）, 1234567 の口座) or be corrected (「…やなくて、1234567」). The number goes, and so does
the holder's name: in katakana after the number, as banks print it, or before 名義 (after 名義 it is a
form's field, :mod:`faq.residents.personal_name_frames`). The bank, its branch and the branch's
three-digit number stay: they name an office, not a person. Every pattern is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from faq.residents.personal_kinds import ACCOUNT, CARD, NAME, Span, hiragana
from faq.residents.personal_name_reading import loanword, ordinary_word

# not an amount, nor the head of a phone (0120-…)
_NOT_AN_ACCOUNT = r"(?![\d年月日時分円万歳人件%]|[.,]\d)(?!\s?[\-ー−]\s?\d)(?!\s?(?i:yen)\b)"
# The account words in romaji, as residents abroad and foreign residents write them (Hepburn, its long vowels
# spelt any way: kigou, kigo, kigoh; yuucho, yucho), and in English (savings 1234567, checking).
_ROMAJI_ACCOUNT = (
    r"(?i:futsuu?|futsu|touza|kou?za|kigou?|kigoh|bangou?|bangoh|yu+cho|account|acct|a/c|savings?|checking)"
)
# A bank of any kind, in kanji or in kana (the hiragana view folds ギンコウ): 銀行, 信金, 労金, 信組, JA.
_BANK = (
    r"(?:銀行|信金|信用金庫|労金|労働金庫|信組|信用組合|農協|JA"
    r"|ぎんこう|しんきん|ろうきん|しんくみ|のうきょう)"
)
# The kind of account, after the number as readily as before it: 1234567（普通）, 6092215 普通 北陸銀行.
_KIND = r"(?:普通|当座|貯蓄|口座|預金|\(普\)|\(当\)|ふつう|とうざ|ちょちく|こうざ|よきん|(?i:futsuu?|touza))"
# Between the digits of an account number, what residents put between any digits: 1234567, 123-4567,
# 8・8・2・0・4・1・7, 1 2 3 4 5 6 7.
_ACCOUNT_GAP = r"(?:\s?[\-ー−・.,/]\s?|\s)"
_ACCOUNT = re.compile(
    rf"(?:口座番号|口座|預金|普通|当座|記号|番号|通帳|{_BANK}|貯蓄|支店|振込先|\(普\)|\(当\)|普(?=\s?\d)"
    rf"|こうざ|よきん|ふつう|とうざ|ちょちく|きごう|ばんごう|つうちょう|{_ROMAJI_ACCOUNT})"
    # words between, not past a sentence's end: 「口座は普通。番号は…」 is read from its own 番号
    r"(?:[^\d\n。]|\n(?!\n)|\(\s?\d{1,2}\s?(?:桁|けた)\s?\)){0,12}?"
    rf"(?P<number>(?<!\d)(?<!\d[\-ー−])\d(?:{_ACCOUNT_GAP}?\d){{4,7}})" + _NOT_AN_ACCOUNT
)
ACCOUNT_WORDS_NEAR = re.compile(
    rf"口座|預金|普通|当座|貯蓄|記号|ゆうちょ|{_BANK}|振込|振り込|通帳|名義"
    rf"|こうざ|よきん|ふつう|とうざ|ちょちく|きごう|ふりこみ|つうちょう|{_ROMAJI_ACCOUNT}|(?i:bank)"
)
# ゆうちょ's 記号-番号 written as one (10140-38271651), or each after its word (kigou 10140 bangou 38271651)
_YUCHO = re.compile(
    rf"(?:ゆうちょ|口座|記号|こうざ|きごう|{_ROMAJI_ACCOUNT})[^\d\n]{{0,8}}?"
    r"(?P<number>(?<!\d)\d{5}(?:\s?[-ー−の]\s?|\s?(?:番号|ばんごう|(?i:bangou?|bangoh|no\.?))\s?:?\s?|\s)?\d{6,8})(?!\d)"
)
# A number with its own label (団体コード172049, 郵便番号, 受付番号) belongs to that label, not to an account
# word said before it.
_OWN_LABEL = re.compile(
    r"(?:コード|郵便番号|〒|受付番号|整理番号|会員番号|法人番号|(?<!被)保険者番号|電話番号?|TEL)\s?[:はが]?\s?$"
)
# what comes with a card number: its expiry and security code
_CARD_EXTRAS = re.compile(
    r"(?:(?P<word>有効期限|期限|有効|(?i:expiry|exp\.?|valid thru))\s?[:は]?\s?"
    # 09/27, 9/2027, or in words: 2027年9月, 27年9月末, 9月/27年
    r"(?P<expiry>(?<!\d)(?:\d{1,2}\s?/\s?\d{2,4}|(?P<in_words>(?:20)?\d{2}\s?年\s?\d{1,2}\s?月末?"
    r"|\d{1,2}\s?月\s?/?\s?(?:20)?\d{2}\s?年)))"
    r"|(?:セキュリティコード|セキュリティーコード|CVV|CVC|cvv|cvc)\s?[:は]?\s?(?P<code>(?<!\d)\d{3,4}))(?![\d年月日/\-])"
)

# 4739…4257 期限08/28: a card's number or its word shortly before a bare 期限 or exp
_CARD_NUMBER = r"\d{4}[\s\-]?\d{4}[\s\-]?\d{4}[\s\-]?\d{2,4}"
_CARD_BEFORE = re.compile(rf"{_CARD_NUMBER}|カード|クレカ|(?i:card|visa|master)")
# an expiry in words (2027年9月) only after the card's number: 「在留カードの期限 2027年9月」 is a deadline
_CARD_NUMBER_BEFORE = re.compile(_CARD_NUMBER)


# 北國銀行 123-1234567: a branch's three digits, then the account's seven
_BRANCH_ACCOUNT = re.compile(
    rf"(?:口座|{_BANK}|支店|普通|当座|こうざ|ふつう)[^\d\n]{{0,12}}?"
    r"(?<!\d)\d{3}\s?[\-ー−]\s?(?P<number>\d{7})(?![\d\-])"
)
# 「1234-567やなくて、1234567」: the number said again, corrected
_CORRECTED = re.compile(
    r"\s?(?:じゃ|や|では|で)なく(?:て)?[、,]?\s?(?:正しくは|本当は)?\s?(?P<number>(?<!\d)\d(?:[\s\-ー−]?\d){4,7})"
    + _NOT_AN_ACCOUNT
)


# 1234567（普通）, 6092215 普通 北陸銀行, 1234567 の口座, 7654321番の口座: the number before the words.
_NUMBER_BEFORE = re.compile(
    rf"(?<![\d\-ー−.,/:])(?P<number>\d(?:{_ACCOUNT_GAP}?\d){{4,7}})(?![\d.,:/])"
    rf"(?=\s?(?:番\s?)?(?:の\s?)?\(?{_KIND})"
)
# The holder's name as a bank prints it, in katakana (half-width folded by NFKC), after the number — on the
# same line or the next, 名義 said or not — up to the field's end: 普通 7714203 ｶﾜﾉ ﾐﾕｷ.
_KATAKANA_WORDS = r"[ァ-ヺー]{2,10}(?:[ \u3000][ァ-ヺー]{1,10}){0,2}"
_FIELD_END = r"(?=\s?(?:$|\n|[)。、,.!?/]|で|です|様|さま|さん|名義|の口座))"
_HOLDER_AFTER = re.compile(
    rf"\)?\s{{1,2}}(?:\(?(?:口座)?名義人?\s?[:は]?\s?)?(?P<name>{_KATAKANA_WORDS}){_FIELD_END}"
)
# …or before 名義: カワノ ミユキ名義の口座 (夫名義, 本人名義: a word, no name)
_HOLDER_BEFORE = re.compile(rf"(?<![ァ-ヺー])(?P<name>{_KATAKANA_WORDS})\s?(?=名義)")


def _holder(name: str) -> bool:
    """Whether katakana words where a holder's name stands are one: not loanwords or one ordinary word each
    (キャッシュカード, ネット バンキング, フツウ)."""
    return not all(loanword(word) or ordinary_word(word) for word in name.split())


def holders(text: str, numbers: list[Span]) -> Iterator[Span]:
    """The account holder's name after one of ``numbers`` (the account numbers found) or before 名義."""
    for number in numbers:
        match = _HOLDER_AFTER.match(text, number.end)
        if match and _holder(match.group("name")):
            yield Span(match.start("name"), match.end("name"), NAME)
    for match in _HOLDER_BEFORE.finditer(text):
        if _holder(match.group("name")):
            yield Span(match.start("name"), match.end("name"), NAME)


def accounts(text: str) -> Iterator[Span]:
    """An account number said as one; 「番号」 alone counts only near banking words (口座, ゆうちょ…). A
    branch number (支店番号, 店番: three digits) identifies no one and stays. Then the holder's name."""
    kana = hiragana(text)  # コウザ, キゴウ: one case with こうざ
    found: list[Span] = []
    for pattern in (_YUCHO, _BRANCH_ACCOUNT):
        found += [Span(m.start("number"), m.end("number"), ACCOUNT) for m in pattern.finditer(kana)]
    for match in _CARD_EXTRAS.finditer(text):
        group = "expiry" if match.group("expiry") else "code"
        before = _CARD_NUMBER_BEFORE if match.group("in_words") else _CARD_BEFORE
        unsure = match.group("word") not in (None, "有効期限") or match.group("in_words")
        if unsure and not before.search(text, max(0, match.start() - 40), match.start()):
            continue  # 「申請期限 03/31」「有効期限 2026年3月」: a deadline; a card's only after the card
        yield Span(match.start(group), match.end(group), CARD)
    for match in _ACCOUNT.finditer(kana):
        said = match.group()
        if _OWN_LABEL.search(text, max(0, match.start("number") - 8), match.start("number")):
            continue
        near = ACCOUNT_WORDS_NEAR.search(kana, max(0, match.start() - 20), match.end())
        if said.startswith(("番号", "ばんごう")) and not near:
            continue
        found.append(Span(match.start("number"), match.end("number"), ACCOUNT))
        corrected = _CORRECTED.match(kana, match.end())
        if corrected:
            found.append(Span(corrected.start("number"), corrected.end("number"), ACCOUNT))
    for match in _NUMBER_BEFORE.finditer(kana):
        if not _OWN_LABEL.search(text, max(0, match.start() - 8), match.start()):
            found.append(Span(match.start("number"), match.end("number"), ACCOUNT))
    yield from found
    yield from holders(text, found)
