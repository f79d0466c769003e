"""Surface normalisation: NFKC, width, case, control characters and 表記ゆれ."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

SYNONYMS_FILE = Path(__file__).with_name("synonyms.yml")

_CONTROL = re.compile(r"[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_SPACES = re.compile(r"\s+")
# Long-vowel and dash look-alikes that NFKC leaves apart; residents type any of them.
_DASHES = str.maketrans({"‐": "-", "‑": "-", "–": "-", "—": "-", "―": "-", "−": "-", "～": "~", "〜": "~"})


def to_katakana(text: str) -> str:
    """Hiragana → katakana (other characters unchanged)."""
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)


def to_hiragana(text: str) -> str:
    """Katakana → hiragana (other characters unchanged)."""
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


_HALF_WIDTH_KANA = re.compile("[\uff66-\uff9f]")
_HIRAGANA = re.compile("[\u3041-\u3096]")
_KATAKANA = re.compile("[\u30a1-\u30fa]")
_KANJI = re.compile("[\u4e00-\u9fff々]")


def kana_typed_in_katakana(text: str) -> str:
    """A message typed in katakana throughout — half-width from an older phone (ｷｸﾐﾐ ﾉ ﾃﾞﾝﾜ), or katakana
    with neither hiragana nor kanji — read as the hiragana it stands for, so that its particles (ノ, ハ, ヲ)
    are particles again and its words meet their kanji through their readings as a hiragana message's do.
    Other text is returned as it is (katakana loanwords beside hiragana or kanji stay katakana)."""
    folded = unicodedata.normalize("NFKC", text)
    katakana = len(_KATAKANA.findall(folded))
    if not katakana or _HIRAGANA.search(folded):
        return text
    if _HALF_WIDTH_KANA.search(text) or not _KANJI.search(folded):
        return to_hiragana(folded)
    return text


@lru_cache(maxsize=1)
def _variant_table() -> tuple[re.Pattern[str], dict[str, str]]:
    """Compile the 表記ゆれ table into one alternation, longest variant first."""
    raw = yaml.safe_load(SYNONYMS_FILE.read_text(encoding="utf-8")) or {}
    mapping: dict[str, str] = {}
    for canonical, variants in raw.items():
        target = _base_normalize(str(canonical))
        # The canonical form maps to itself so that, longest match first, a variant inside it
        # (苦情110番 inside 行政苦情110番) is never rewritten.
        mapping[target] = target
        for variant in variants or []:
            key = _base_normalize(str(variant))
            if key:
                mapping.setdefault(key, target)
    if not mapping:
        return re.compile(r"(?!x)x"), {}
    pattern = re.compile("|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)))
    return pattern, mapping


def _base_normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _CONTROL.sub(" ", text).translate(_DASHES).lower()
    return _SPACES.sub(" ", text).strip()


def normalize(text: str, *, variants: bool = True) -> str:
    """Normalise a resident's text for matching.

    NFKC folds half-width katakana and full-width ASCII (ｷｸﾐﾐ → キクミミ, ＡＢＣ → abc after lower-casing),
    control and zero-width characters become spaces, and known 表記ゆれ are mapped to one spelling
    (協力体 → 協力隊, 地域起こし → 地域おこし).

    >>> normalize("ｷｸﾐﾐ　大阪")
    'きくみみ 大阪'
    """
    text = _base_normalize(text)
    if variants:
        pattern, mapping = _variant_table()
        if mapping:
            text = pattern.sub(lambda m: mapping[m.group(0)], text)
    return text


_COMBINING_MARKS = {"\u3099", "\u309a"}


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Width/case normalisation that remembers where each output character came from.

    Returns the normalised text and, for each of its characters, the index of the original character.
    Unlike :func:`normalize` it keeps the text's length structure (no 表記ゆれ rewriting, spaces kept),
    so tokens found in the result can be mapped back onto what the resident typed — Rasa needs the
    original offsets for entities.
    """
    chars: list[str] = []
    owners: list[int] = []
    for index, char in enumerate(text):
        piece = unicodedata.normalize("NFKC", char)
        if piece in _COMBINING_MARKS and chars:
            composed = unicodedata.normalize("NFC", chars[-1] + piece)
            if len(composed) == 1:  # ｶﾞ: the half-width voiced mark joins the letter before it
                chars[-1] = composed
                continue
        piece = _CONTROL.sub(" ", piece).translate(_DASHES).lower()
        for out in piece:
            chars.append(out)
            owners.append(index)
    return "".join(chars), owners
