"""Offices' published addresses as residents write them in romaji (part of privacy's published list).

The entries and the きくみみ directory give addresses in Japanese (新宿区百人町3-28-8, 中央区京橋1-1-6); a
resident writing in English quotes them as 「3-28-8 Hyakunincho, Shinjuku」「1-1-6 Kyobashi」. A key of the
town's romaji (read from UniDic's kana, folded as :func:`faq.places.readings.romaji_key` folds any spelling:
Hyakuninchou, Hyakunincho) and the house number lets such a quote keep its address, while the same number in
another town, or another number in the same town, is still a resident's and is redacted.
"""

from __future__ import annotations

import re
import threading

import fugashi

from faq.places.readings import romaji_key
from faq.text.normalize import to_hiragana

_BASE = dict(
    zip(
        "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん"
        "がぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽ",
        "a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu he ho "
        "ma mi mu me mo ya yu yo ra ri ru re ro wa o n ga gi gu ge go za ji zu ze zo da ji zu de do "
        "ba bi bu be bo pa pi pu pe po".split(),
        strict=True,
    )
)
_SMALL = {"ゃ": "a", "ゅ": "u", "ょ": "o"}
_TOWN = re.compile(r"[\u4e00-\u9fff々ヶぁ-ゖァ-ヺー]{1,8}$")
_WARD = re.compile(r".*[都道府県市区郡]")
_tagger = threading.local()
_WORD_AFTER = re.compile(r"[,\s]{0,2}(?P<word>[A-Za-z][A-Za-z\-]+)")
_WORD_BEFORE = re.compile(r"(?P<word>[A-Za-z][A-Za-z\-]+)[,\s]{0,2}$")


def kana_to_romaji(kana: str) -> str:
    """Hepburn for ``kana`` (hiragana or katakana): ヒャクニンチョウ → hyakuninchou."""
    out: list[str] = []
    double = False
    text = to_hiragana(kana)
    for i, char in enumerate(text):
        if char == "っ":
            double = True
            continue
        if char in _SMALL:
            continue
        syllable = _BASE.get(char, "")
        vowel = _SMALL.get(text[i + 1], "") if i + 1 < len(text) else ""
        if vowel and syllable:
            glide = "" if syllable[:-1] in ("sh", "ch", "j") else "y"  # しゃ sha, きゃ kya
            syllable = syllable[:-1] + glide + vowel
        if double and syllable:
            syllable = ("t" if syllable.startswith("ch") else syllable[0]) + syllable
        double = False
        out.append(syllable)
    return "".join(out)


def town_keys(before: str) -> set[str]:
    """Romaji keys of the town written just before a house number (新宿区百人町 → hyakunincho); a town in
    町 with both its readings (新川町: shinkawamachi, shinkawacho)."""
    town = _TOWN.search(before)
    if not town:
        return set()
    name = _WARD.sub("", town.group()) or town.group()
    tagger = getattr(_tagger, "value", None) or fugashi.Tagger()
    _tagger.value = tagger
    words = tagger(name)
    if any(word.is_unk or not word.feature.kana for word in words):
        return set()
    kana = "".join(str(word.feature.kana) for word in words)
    keys = {romaji_key(kana_to_romaji(kana))}
    if name.endswith("町"):
        stem = kana_to_romaji(kana).removesuffix("machi").removesuffix("chou")
        keys |= {romaji_key(stem + "machi"), romaji_key(stem + "chou")}
    return keys


def romaji_address_keys(text: str, start: int, end: int) -> set[str]:
    """Keys of a romaji house number at ``text[start:end]``: with the word after it (3-28-8 Hyakunincho)
    or before it (Sainen 3-4-1)."""
    number = re.sub(r"\s", "", text[start:end])
    after = _WORD_AFTER.match(text, end)
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return {romaji_key(word.group("word")) + number for word in (after, before) if word}


def published_keys(text: str, start: int, end: int) -> set[str]:
    """Keys of a house number published in Japanese at ``text[start:end]`` (百人町3-28-8)."""
    number = re.sub(r"\s", "", text[start:end])
    return {key + number for key in town_keys(text[max(0, start - 12) : start])}
