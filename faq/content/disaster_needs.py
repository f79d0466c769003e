"""What the disaster flow asks and offers: the needs residents name, and the 生活支援ガイドブック's items
for each (framework-free). The words and items are data (faq/data/disaster_guide.yml); the disasters
themselves are in :mod:`faq.content.disasters`.

Usage::

    needs_from_text("家が半壊、車も流された、通帳もハンコもない、収入がない")
    # ('住まい', 'お金', '役所の手続・公共料金', '保険・預金')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from faq.content.messages import message
from faq.text import normalize
from faq.text.analyzer import shared_analyzer
from faq.text.normalize import to_hiragana

GUIDE_FILE = Path(__file__).resolve().parent.parent / "data" / "disaster_guide.yml"
NEEDS = ("住まい", "お金", "役所の手続・公共料金", "保険・預金", "教育", "事業", "医療・介護", "外国人向け")
FOREIGN = "外国人向け"
KAGOSHIMA = "鹿児島県"
# やさしい日本語 as foreign residents type it: kana words split by spaces, no kanji at all.
_PLAIN_JAPANESE = re.compile(r"^[\u3041-\u309f\u30a0-\u30ffー、。？！?!()（）\s]+$")
# A kanji word with its reading after it, as やさしい日本語 writes names (那覇市（なはし）): read as its kana.
_RUBY = re.compile(r"[\u4e00-\u9fff々]+[（(]([\u3041-\u309f\u30a0-\u30ffー]+)[）)]")
MIN_READING = 3  # kana: a word's reading shorter than this (いえ, かね, みせ) is too often part of another


@dataclass(frozen=True)
class GuideItem:
    number: int
    short: str
    title: str
    page: str
    entry: str
    ref: str


@lru_cache(maxsize=1)
def _guide() -> dict[str, Any]:
    return yaml.safe_load(GUIDE_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def guide_items() -> dict[str, tuple[GuideItem, ...]]:
    return {need: tuple(GuideItem(**item) for item in items) for need, items in _guide()["needs"].items()}


def guide_citation() -> str:
    """How replies cite the guidebook's list of items (its edition, date and seed lines)."""
    return str(_guide()["citation"])


def need_words() -> dict[str, tuple[str, ...]]:
    """The words residents use for each need, normalised as messages are."""
    return {need: tuple(normalize(w) for w in words) for need, words in _guide()["words"].items()}


def specific_entries(need: str) -> set[str]:
    """Entries that answer one worry of a need: its guidebook items and the worries written for it."""
    return {item.entry for item in guide_items().get(need, ())} | set(
        _guide().get("worries", {}).get(need, ())
    )


def is_plain_japanese(text: str) -> bool:
    """A message in kana with spaces (「いえが こわれました」), as foreign residents often write."""
    stripped = unicodedata.normalize("NFKC", text).strip()  # ｲｴｶﾞ ｺﾜﾚﾏｼﾀ is kana with spaces too
    stripped = _RUBY.sub(r"\1", stripped)
    return bool(stripped) and " " in stripped and bool(_PLAIN_JAPANESE.match(stripped))


def _forms(text: str) -> tuple[str, ...]:
    """The normalised text and its hiragana form (ｲｴｶﾞﾅｶﾞｻﾚﾀ meets いえ and ながされ), each also without
    the spaces of kana written word by word (「すむ ところ が ない」 meets すむところ)."""
    norm = normalize(text)
    forms = (norm, to_hiragana(norm))
    return forms + tuple(f.replace(" ", "") for f in forms if " " in f)


def is_damage_message(text: str) -> bool:
    """Whether the resident says they were hit (家が流された, 半壊, 通帳をなくした...): a damage word as
    typed, or in its dictionary form however it was typed (いえが みずに つかりました, 屋根がつぶれてもうた),
    or a thing of theirs said together with what happened to it (やねが とんで いった)."""
    forms = _forms(text)
    if any(normalize(w) in f for w in _guide()["damage"] for f in forms):
        return True
    if any(r in f for r in _readings(tuple(_guide()["damage"])) for f in forms[1:]):
        return True  # じしんで いえが はんかい, ｼﾞｼﾝﾃﾞ: a damage word typed in its kana reading
    lemmas = _lemmas(text)
    damage, things, events = _damage_lemmas()
    return bool(lemmas & damage) or (bool(lemmas & things) and bool(lemmas & events))


@lru_cache(maxsize=1)
def _damage_lemmas() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The guide's dictionary forms: damage alone, and the things and events that are damage together."""
    guide = _guide()
    return (
        frozenset(guide.get("damage_lemmas", ())),
        frozenset(guide.get("damaged_things", ())),
        frozenset(guide.get("damage_events", ())),
    )


@lru_cache(maxsize=16)
def _readings(words: tuple[str, ...]) -> frozenset[str]:
    """The hiragana readings UniDic gives the list's words (地震 → じしん, 介護 → かいご), so a word typed
    in kana meets its list without every kana spelling written there; short readings are left out."""
    analyzer = shared_analyzer()
    readings = (to_hiragana("".join(t.reading for t in analyzer.tokenize(normalize(w)))) for w in words)
    return frozenset(r for r in readings if len(r) >= MIN_READING)


@lru_cache(maxsize=1024)  # a turn asks twice (is it damage? which needs?) about the same message
def _lemmas(text: str) -> frozenset[str]:
    """UniDic's dictionary forms of the message's words (つかり → 浸かる, とん → 飛ぶ, やね → 屋根)."""
    return frozenset(token.lemma for token in shared_analyzer().tokenize(text))


def needs_from_text(text: str) -> tuple[str, ...]:
    """Every need the words point to, in the guidebook's order; 外国人向け too for やさしい日本語."""
    forms = _forms(text)
    words = need_words()
    lemmas = _lemmas(text)  # やね → 屋根, おうち → 御家: a need word typed in kana
    found = [
        need
        for need in NEEDS
        if any(need in f or any(w in f for w in words.get(need, ())) for f in forms)
        or not lemmas.isdisjoint(words.get(need, ()))
        or any(r in f for r in _readings(words.get(need, ())) for f in forms[1:])
    ]
    if FOREIGN not in found and is_plain_japanese(text):
        found.append(FOREIGN)
    return tuple(found)


def need_from_text(text: str) -> str | None:
    """The first need the words point to, or None."""
    found = needs_from_text(text)
    return found[0] if found else None


def page_label(item: GuideItem, prefecture: str | None) -> str:
    """A guidebook page is the resident's own only in 鹿児島; elsewhere it is labelled as an example."""
    return item.page if prefecture == KAGOSHIMA else message("disaster.example_page", page=item.page)


_NEED_FILLER = re.compile(r"[のこともとかや、・\s]|について|のこと|が心配|が不安|も知りたい")


def names_only_needs(text: str) -> bool:
    """「お金のことも」「住まいとお金」: nothing but needs (a specific item such as 罹災証明書 is not)."""
    rest = normalize(text)
    words = sorted((w for ws in need_words().values() for w in ws), key=len, reverse=True)
    if not any(w in rest for w in words):
        return False
    for word in words:
        rest = rest.replace(word, "")
    return not _NEED_FILLER.sub("", rest)


def summary_lines(needs: tuple[str, ...], prefecture: str | None = None) -> list[str]:
    """One line per need with its items' short names (pages only for 鹿児島): 「・住まい：罹災証明書、…」."""
    items = guide_items()
    lines = []
    for need in needs:
        names = [
            f"{item.short}({item.page})" if prefecture == KAGOSHIMA else item.short
            for item in items.get(need, ())
            if item.short != "その他"
        ]
        lines.append(f"・{need}：{'、'.join(names)}")
    return lines


def item_entries(needs: tuple[str, ...], per_need: int, limit: int) -> list[GuideItem]:
    """The first items of each need, for buttons to the details (each need gets its turn first)."""
    items = guide_items()
    chosen: list[GuideItem] = []
    for rank in range(per_need):
        for need in needs:
            group = items.get(need, ())
            if rank < len(group) and len(chosen) < limit:
                chosen.append(group[rank])
    return chosen
