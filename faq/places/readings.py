"""Readings of place names: the kana stem without 市・区・町・村, and a romaji key that any Hepburn or
kunrei spelling a resident types (Ōsaka, Oosaka, Osaka; Kushiro-shi, kusiro) folds onto."""

from __future__ import annotations

import re
import unicodedata

from faq.text.normalize import to_hiragana

# The kana a suffix is read with; 町 and 村 have two readings each.
SUFFIX_READINGS = {"市": ("し",), "区": ("く",), "町": ("まち", "ちょう"), "村": ("むら", "そん")}
_KUNREI = (
    ("sy", "sh"),
    ("ty", "ch"),
    ("zy", "j"),
    ("si", "shi"),
    ("ti", "chi"),
    ("tu", "tsu"),
    ("zi", "ji"),
    ("di", "ji"),
    ("du", "zu"),
)
_LONG_VOWELS = (("ou", "o"), ("oo", "o"), ("uu", "u"), ("aa", "a"), ("ii", "i"))


def stem_of(name: str, kana: str) -> str:
    """The kana of ``name`` without the reading of its 市・区・町・村 (くしろし → くしろ)."""
    kana = to_hiragana(kana)
    for reading in SUFFIX_READINGS.get(name[-1:], ()):
        if kana.endswith(reading) and len(kana) > len(reading):
            return kana[: -len(reading)]
    return kana


def romaji_key(text: str) -> str:
    """Fold a romaji spelling to a key: lower case, letters only, no macrons, kunrei → Hepburn,
    long vowels single (Ōsaka, Oosaka, osaka → osaka; Tookyou → tokyo)."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if "a" <= c <= "z")
    text = text.replace("nn", "n").replace("mb", "nb").replace("mp", "np").replace("m-", "n")
    for old, new in _KUNREI:
        text = text.replace(old, new)
    text = re.sub(r"(?<![sc])hu", "fu", text)
    previous = None
    while previous != text:
        previous = text
        for old, new in _LONG_VOWELS:
            text = text.replace(old, new)
    return text.replace("oh", "o") if text.endswith("oh") else text
