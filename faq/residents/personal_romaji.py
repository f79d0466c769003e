"""Names written in romaji (part of the detectors of :mod:`faq.residents.personal_data`).

Residents abroad, foreign residents and forms filled in Latin letters write 「Taro Yamada」
「YAMADA TARO」「名前は yamada taro」「John Smith と申します」「Tanaka-san」. No tagger reads them:
a pair of words made of Japanese syllables (Hepburn), any capitalised words after a cue (my name is,
名前は) or before a plain naming (と申します), a word with an honorific (-san, -sama). Once said, the
same word with its long vowel spelt another way is a name everywhere in the message (SATO, SATOH,
SATOU). Short capitals that are no Japanese name are acronyms (「I am JET ALT」).
"""

from __future__ import annotations

import re

from faq.residents.personal_kinds import NAME, Span

# Tanaka-san: a romaji word with an honorific
_ROMAJI_HONORIFIC = re.compile(
    r"(?<![A-Za-z])(?P<name>[A-Z][a-z]{2,})-?(?:san|sama|chan|kun|sensei)(?![A-Za-z])"
)
_NAMED_ROMAJI = re.compile(
    r"(?<![A-Za-z])(?P<name>[A-Z][a-zA-Z]+(?:\s[A-Z][a-zA-Z]+){1,2})\s?"
    r"(?=と申します|といいます|と言います|っていいます|です。?\s?よろしく)"  # John Smith と申します
)
# The naming said in romaji (WANG Lei desu, Kim Minji to moushimasu): the words before must each be made of
# Japanese (Hepburn) or Chinese (pinyin) syllables, or end in m or ng as Korean and Vietnamese ones do, so
# that 「LINE Pay desu」「Tokyo Station desu ka」 keep their words.
_ROMAJI_NAMING = re.compile(
    r"(?<![A-Za-z])(?P<name>[A-Z][a-zA-Z]+(?:\s[A-Z][a-zA-Z]+){1,2})\s?"
    r"(?=(?i:desu|to\s?mo+u?shimasu|to\s?iimasu)(?![A-Za-z])(?!\s?ka\b))"
)
_ROMAJI_NAME = re.compile(
    r"(?:[Mm]y name is|I'm|I am|[Nn]ame\s?:|[Cc]ontact(?: person)?\s?:|名前(?:\s?[:は]|\s)|氏名\s?:"
    r"|[Aa]ccount [Hh]older(?:'s name)?\s?:?|[Nn]ame on the account\s?:?)\s?"
    r"(?P<name>[A-Z][a-zA-Z]+(?:\s[A-Z][a-zA-Z]+){1,2}|(?-i:[a-z]{2,12}(?:\s[a-z]{2,12}){1,2})(?=\s?(?:です|と申します|$|[。.、,])))"
)
# Hepburn romaji: two capitalised words, each made of Japanese syllables (Taro Yamada, YAMADA TARO).
_HEPBURN = r"(?:(?:[kgsztdnhbpmyrwfjc]h?y?|ts)?[aiueo]|n(?![aiueoy]))+"
_ROMAJI_PAIR = re.compile(
    rf"(?<![A-Za-z])(?P<name>[A-Z](?i:{_HEPBURN})\s(?-i:[A-Z])(?i:{_HEPBURN}))(?![A-Za-z])"
)
_PINYIN = (
    r"(?:(?:zh|ch|sh|ng|nh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|uyen|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er"
    r"|am|im|om|um|[aoeiuv]))+"
)
_SYLLABLES = re.compile(rf"(?i:{_HEPBURN}|{_PINYIN})")
_ACRONYMS = re.compile(r"[A-Z]{2,3}(?:\s[A-Z]{2,3})+")
_HEPBURN_WORDS = re.compile(rf"(?i:{_HEPBURN})(?:\s(?i:{_HEPBURN}))*")
_ROMAJI_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{3,}(?![A-Za-z])")
_LONG_VOWEL = re.compile(r"(?<=O)(?:U|O|H(?![AIUEO]))|(?<=U)U")  # SATOU, SATOH, SATOO → SATO


def _long_vowels_folded(word: str) -> str:
    return _LONG_VOWEL.sub("", word.upper())


def romaji_names(text: str) -> list[Span]:
    """The spans of names written in romaji in ``text``."""
    spans: list[Span] = []
    romaji: set[str] = set()
    for match in (
        *_ROMAJI_NAME.finditer(text),
        *_ROMAJI_PAIR.finditer(text),
        *_NAMED_ROMAJI.finditer(text),
        *(m for m in _ROMAJI_NAMING.finditer(text) if all(map(_SYLLABLES.fullmatch, m["name"].split()))),
        *_ROMAJI_HONORIFIC.finditer(text),
    ):
        if match.re is _ROMAJI_PAIR and len(match.group("name")) < 7:
            continue
        if _ACRONYMS.fullmatch(match.group("name")) and not _HEPBURN_WORDS.fullmatch(match.group("name")):
            continue  # 「I am JET ALT」: short capitals that are no Japanese name are acronyms
        spans.append(Span(match.start("name"), match.end("name"), NAME))
        romaji.update(_long_vowels_folded(part) for part in match.group("name").split())
    if romaji:
        for match in _ROMAJI_WORD.finditer(text):
            if _long_vowels_folded(match.group()) in romaji:
                spans.append(Span(match.start(), match.end(), NAME))
    return spans
