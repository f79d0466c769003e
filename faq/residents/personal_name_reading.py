"""How the name detector reads a message and a word (part of :mod:`faq.residents.personal_names`): the
tagger's analysis of the message in pieces (UniDic's 人名 and 地名 tags), kana words the resident set apart
read whole or as a family and a given name, and what the dictionary knows one word as — a name (「…さん」),
a place (「…に住んでいます」), a loanword, one ordinary word. Reading is here; deciding what is a name is in
:mod:`faq.residents.personal_names` and the account holder's name in :mod:`faq.residents.personal_accounts`.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import fugashi

from faq.residents import personal_name_cues as cues

_TO_KATAKANA = str.maketrans({chr(code): chr(code + 0x60) for code in range(0x3041, 0x3097)})
_tagger = threading.local()


# The tagger reads pieces between punctuation, at most _PIECE characters each: MeCab's time grows faster
# than the length of one long unbroken run, and a name never spans a full stop or 64 characters.
_PIECE = 64
_PIECES = re.compile(rf"[^\n、。,.!?！？「」『』()（）:：;；/|]{{1,{_PIECE}}}")
_JAPANESE = re.compile(r"[\u3041-\u30ff\u4e00-\u9fff]")


def get_tagger() -> fugashi.Tagger:
    tagger = getattr(_tagger, "value", None)
    if tagger is None:
        tagger = _tagger.value = fugashi.Tagger()
    return tagger


def message_tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each token, kind 姓, 名, 地 (UniDic's 人名 subtypes, 地名) or ""; pieces without
    Japanese are not read (a name in romaji is found by its own patterns). A word in kana that the
    resident set apart with spaces (なまえは もりた けいこ) is one token when the dictionary knows it as a
    name, however the tagger cut it (もり + た)."""
    tagger = get_tagger()
    out: list[tuple[int, int, str]] = []
    for piece in _PIECES.finditer(text):
        if not _JAPANESE.search(piece.group()):
            continue
        cursor = piece.start()
        tokens: list[tuple[int, int, str]] = []
        for word in tagger(piece.group()):
            start = text.find(word.surface, cursor, piece.end())
            if start < 0:
                continue
            cursor = start + len(word.surface)
            kind = word.feature.pos4 if word.feature.pos3 == "人名" else ""
            kind = "地" if word.feature.pos3 == "地名" else kind
            kind = "人" if kind == "一般" else kind  # a name that is neither: グエン, マリア, 王偉
            tokens.append((start, cursor, kind if kind in ("姓", "名", "人", "地") else ""))
        out += _kana_words_joined(text, tokens, piece.start(), piece.end())
        out.append((piece.end(), piece.end(), ""))  # a piece's end breaks a name
    return out


def _kana_words_joined(
    text: str, tokens: list[tuple[int, int, str]], start: int, end: int
) -> list[tuple[int, int, str]]:
    """``tokens`` with each kana word that stands apart (a space, a break or the piece's edge before it; a
    space, a break, or a name's cue after it: もりた けいこ です, やまだたろうです) made one token when the
    dictionary knows it as a name, or two when it splits into a family and a given name it knows."""
    out: list[tuple[int, int, str]] = []
    i = 0
    for run in cues.KANA_RUN.finditer(text, start, end):
        if not (run.start() == start or text[run.start() - 1].isspace()):
            continue
        tail = cues.KANA_CUE_TAIL.search(run.group())
        body_end = run.start() + tail.start() if tail else run.end()
        if not tail and not (run.end() == end or text[run.end()].isspace()):
            continue
        body = text[run.start() : body_end]
        inside = [t for t in tokens if run.start() <= t[0] and t[1] <= body_end]
        aligned = inside and inside[0][0] == run.start() and inside[-1][1] == body_end
        if not aligned or any(t[2] for t in inside):
            continue
        joined = _as_name_words(body, run.start())
        if not joined or (len(joined) == 1 and len(inside) == 1):
            continue
        while i < len(tokens) and tokens[i][0] < run.start():
            out.append(tokens[i])
            i += 1
        out += joined
        while i < len(tokens) and tokens[i][1] <= body_end:
            i += 1
    return out + tokens[i:]


def _as_name_words(body: str, at: int) -> list[tuple[int, int, str]]:
    """``body`` as one name word, or as a family and a given name (やまだ + たろう), or nothing."""
    if len(body) < 2:
        return []
    if name_kind(body):
        return [(at, at + len(body), "")]
    for cut in range(2, len(body) - 1):
        if name_kind(body[:cut]) == "姓" and name_kind(body[cut:]) == "名":
            return [(at, at + cut, ""), (at + cut, at + len(body), "")]
    return []


@lru_cache(maxsize=4096)
def place_word(word: str) -> bool:
    """Whether the dictionary reads ``word`` as a place when it is said as one (「…に住んでいます」)."""
    return get_tagger()(word + "に住んでいます")[0].feature.pos3 == "地名"


def loanword(word: str) -> bool:
    """Whether the dictionary reads ``word`` as a loanword (ビル, センター, ホテル): never a Japanese given
    name in katakana (トメ, キヨ are 和 or 固)."""
    return all(token.feature.goshu == "外" for token in get_tagger()(word))


@lru_cache(maxsize=4096)
def ordinary_word(word: str) -> bool:
    """Whether the dictionary reads ``word`` as one ordinary word (まだ, いま, 学校), neither a name nor a
    word it cannot read whole (おおたけ, 陸斗)."""
    read = get_tagger()(word)  # an unknown word (タカダケイコ, read as one noun) is no ordinary one
    return (
        len(read) == 1 and not read[0].is_unk and read[0].feature.pos2 != "固有名詞" and not name_kind(word)
    )


@lru_cache(maxsize=16384)
def name_kind(word: str) -> str:
    """What the dictionary knows ``word`` as when it is said as a name (「…さん」): 姓, 名 or "".

    >>> name_kind("寺井"), name_kind("たろう"), name_kind("避難所")
    ('姓', '名', '')
    """
    if not cues.WORD.fullmatch(word):
        return ""
    forms = [word, word.translate(_TO_KATAKANA)] if cues.HIRAGANA_ONLY.fullmatch(word) else [word]
    tagger = get_tagger()
    for form in forms:
        analysed = tagger(form + "さん")
        if len(analysed) == 2 and analysed[0].surface == form and analysed[0].feature.pos3 == "人名":
            kind = analysed[0].feature.pos4
            if kind in ("姓", "名"):
                return str(kind)
    return ""
