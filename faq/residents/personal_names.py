"""Names in a message: UniDic's 人名 tags, and the cues residents give with a name (part of the detectors
of :mod:`faq.residents.personal_data`)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator

import fugashi

from faq.residents.personal_kinds import NAME, Span

_NAME_BEFORE = re.compile(
    r"(?:氏名|名前|なまえ|申請者|代表者|世帯主|旧姓|私|わたし|わたくし|僕|ぼく|俺|わん|自分)\s?[はがの:、]?\s?$"  # noqa: E501
)
_KATAKANA_GIVEN = re.compile(r"\s?[ァ-ヺー]{2,4}(?:子)?(?![ァ-ヺー])")
_ROMAJI_NAME = re.compile(
    r"(?:[Mm]y name is|I'm|I am|[Nn]ame\s?:|名前\s?[:は]|氏名\s?:)\s?"
    r"(?P<name>[A-Z][a-zA-Z]+(?:\s[A-Z][a-zA-Z]+){1,2})"
)
_NAME_AFTER = re.compile(
    r"^\s?(?:と申します|といいます|と言います|っていいます|って言います|っていう|と申す|です|でございます|だけど|やけど"  # noqa: E501
    r"|さん|様|さま|ちゃん|くん|君|氏)"
)
# 「…よろしくお願いします。山本」: a family name in kanji, alone after a full stop, signs the message.
_SIGNATURE_BEFORE = re.compile(r"[。.!！?？\n]\s?$")
_SIGNATURE_AFTER = re.compile(r"\s?[。.]?\s?$")
_KANJI_ONLY = re.compile(r"[\u4e00-\u9fff々]+")
_READING = re.compile(r"\s?\([\u3041-\u309f\u30a1-\u30fa ー]{1,12}\)")  # 岡本(おかもと)
# A given name in katakana (older women's names: トメ, キヨ, ハツエ) said with a family word or as a name.
_RELATION = r"(?:母|父|祖母|祖父|妻|夫|娘|息子|姉|妹|兄|弟|嫁|義母|義父|おば|おじ|孫|叔母|伯母|隣の家の|近所の)"  # noqa: E501
_KATAKANA_NAME = re.compile(
    rf"(?:{_RELATION}[のはが](?P<after_relation>[ァ-ヺ]{{2,4}})(?=[がはのもを、\s]|といい|って)"
    r"|(?<![ァ-ヺー])(?P<before_family>[ァ-ヺ]{2,4})(?=ばあちゃん|じいちゃん|おばあちゃん|おじいちゃん|さん|ちゃん|といいます|っていいます))"  # noqa: E501
)
# Hepburn romaji: two capitalised words, each made of Japanese syllables (Taro Yamada, YAMADA TARO).
_HEPBURN = r"(?:(?:[kgsztdnhbpmyrwfjc]h?y?|ts)?[aiueo]|n(?![aiueoy]))+"
_ROMAJI_PAIR = re.compile(rf"(?<![A-Za-z])(?P<name>[A-Z](?i:{_HEPBURN})\s(?-i:[A-Z])(?i:{_HEPBURN}))(?![A-Za-z])")  # noqa: E501 - a pattern reads best on one line
_tagger = threading.local()


# The tagger reads pieces between punctuation, at most _PIECE characters each: MeCab's time grows faster
# than the length of one long unbroken run, and a name never spans a full stop or 64 characters.
_PIECE = 64
_PIECES = re.compile(rf"[^\n、。,.!?！？「」『』()（）:：;；/|]{{1,{_PIECE}}}")
_JAPANESE = re.compile(r"[\u3041-\u30ff\u4e00-\u9fff]")


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each token, kind 姓, 名 or "" (UniDic's 人名 subtypes); pieces without
    Japanese are not read (a name in romaji is not recognised)."""
    tagger = getattr(_tagger, "value", None)
    if tagger is None:
        tagger = _tagger.value = fugashi.Tagger()
    out = []
    for piece in _PIECES.finditer(text):
        if not _JAPANESE.search(piece.group()):
            continue
        cursor = piece.start()
        for word in tagger(piece.group()):
            start = text.find(word.surface, cursor, piece.end())
            if start < 0:
                continue
            cursor = start + len(word.surface)
            kind = word.feature.pos4 if word.feature.pos3 == "人名" else ""
            out.append((start, cursor, kind if kind in ("姓", "名") else ""))
        out.append((piece.end(), piece.end(), ""))  # a piece's end breaks a name
    return out


def names(text: str) -> Iterator[Span]:
    """A family name followed by a given name (one space allowed between), or either alone where the
    words around say it is a name (氏名:…, 私は…, …と申します, …さん). Place names (UniDic's 地名) never."""
    tokens = _tokens(text)
    i = 0
    while i < len(tokens):
        start, end, kind = tokens[i]
        if not kind:
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and tokens[j + 1][2] and not text[tokens[j][1] : tokens[j + 1][0]].strip():
            j += 1
        end = tokens[j][1]
        reading = _READING.match(text, end)
        if reading:
            end = reading.end()
        full = j > i and tokens[i][2] == "姓"
        given = _KATAKANA_GIVEN.match(text, end) if j == i and kind == "姓" else None
        if given:  # 井上トメ: older women's given names in katakana are not in the dictionary
            end, full = given.end(), True
        said_as_name = bool(_NAME_BEFORE.search(text[max(0, start - 8) : start])) or bool(
            _NAME_AFTER.match(text[end : end + 8])
        )
        signed = (
            kind == "姓"
            and _KANJI_ONLY.fullmatch(text[start:end]) is not None
            and _SIGNATURE_BEFORE.search(text[max(0, start - 3) : start]) is not None
            and _SIGNATURE_AFTER.fullmatch(text[end:]) is not None
        )
        if full or said_as_name or signed:
            yield Span(start, end, NAME)
        i = j + 1
    for match in _ROMAJI_NAME.finditer(text):
        yield Span(match.start("name"), match.end("name"), NAME)
    for match in _ROMAJI_PAIR.finditer(text):
        if len(match.group("name")) >= 7:
            yield Span(match.start("name"), match.end("name"), NAME)
    for match in _KATAKANA_NAME.finditer(text):
        group = "after_relation" if match.group("after_relation") else "before_family"
        yield Span(match.start(group), match.end(group), NAME)
