"""Ruby readings (ふりがな) for the kanji of an answer, from the fugashi analysis the index uses.

>>> from faq.text.analyzer import JapaneseAnalyzer
>>> ruby_segments("罹災証明書を届ける", JapaneseAnalyzer())[:2]
[('罹災', 'りさい'), ('証明', 'しょうめい')]
"""

from __future__ import annotations

import re

from faq.text.analyzer import JapaneseAnalyzer

KANJI = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々〆ヶ]")
KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}

Segment = tuple[str, str]  # (text, reading or "" when it needs none)


def to_hiragana(katakana: str) -> str:
    return katakana.translate(KATAKANA_TO_HIRAGANA)


def ruby_segments(text: str, analyzer: JapaneseAnalyzer) -> list[Segment]:
    """``text`` cut into pieces; a piece with kanji carries its reading, kana around it stays outside.

    The pieces joined give ``text`` back exactly, so the reader sees the same answer with readings.
    """
    segments: list[Segment] = []
    cursor = 0
    for token in analyzer.tokenize_original(text):
        if token.start > cursor:
            segments.append((text[cursor : token.start], ""))
        surface = token.text
        cursor = token.start + len(surface)
        if not KANJI.search(surface) or not token.reading or token.reading == "*":
            segments.append((surface, ""))
            continue
        segments.extend(_split_okurigana(surface, to_hiragana(token.reading)))
    if cursor < len(text):
        segments.append((text[cursor:], ""))
    return _merged(segments)


def _split_okurigana(surface: str, reading: str) -> list[Segment]:
    """届ける/とどける → 届(とど) + ける: kana the surface shares with its reading go outside the ruby."""
    plain = to_hiragana(surface)
    head = 0
    while (
        head < min(len(plain), len(reading)) - 1
        and plain[head] == reading[head]
        and not KANJI.match(surface[head])
    ):
        head += 1
    tail = 0
    while (
        tail < min(len(plain), len(reading)) - head - 1
        and plain[-1 - tail] == reading[-1 - tail]
        and not KANJI.match(surface[-1 - tail])
    ):
        tail += 1
    core = surface[head : len(surface) - tail]
    core_reading = reading[head : len(reading) - tail]
    pieces: list[Segment] = []
    if head:
        pieces.append((surface[:head], ""))
    pieces.append((core, core_reading if core_reading != to_hiragana(core) else ""))
    if tail:
        pieces.append((surface[len(surface) - tail :], ""))
    return pieces


def _merged(segments: list[Segment]) -> list[Segment]:
    """Neighbouring pieces without readings joined, so the answer stays few text nodes."""
    merged: list[Segment] = []
    for text, reading in segments:
        if not text:
            continue
        if not reading and merged and not merged[-1][1]:
            merged[-1] = (merged[-1][0] + text, "")
        else:
            merged.append((text, reading))
    return merged
