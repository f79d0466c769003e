"""What the disaster flow asks and offers: the needs residents name, and the 生活支援ガイドブック's items
for each (framework-free). The disasters themselves are in :mod:`faq.disasters`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

GUIDE_FILE = Path(__file__).with_name("data") / "disaster_guide.yml"
NEEDS = ("住まい", "お金", "役所の手続・公共料金", "保険・預金", "教育", "事業", "医療・介護", "外国人向け")
# Words residents use for each need (matched after normalisation).
NEED_WORDS = {
    "住まい": (
        "住まい",
        "すまい",
        "家",
        "いえ",
        "住宅",
        "雨漏り",
        "屋根",
        "避難",
        "修理",
        "片付け",
        "がれき",
    ),
    "お金": ("お金", "おかね", "金", "支援金", "生活費", "給付", "貸付", "ローン", "見舞金", "弔慰金"),
    "役所の手続・公共料金": (
        "手続",
        "手続き",
        "税",
        "年金",
        "公共料金",
        "書類",
        "証明",
        "登記",
        "車",
        "自動車",
        "免許",
    ),
    "保険・預金": ("保険", "預金", "貯金", "通帳", "印鑑", "口座"),
    "教育": ("教育", "学校", "奨学金", "授業料", "子ども", "学生"),
    "事業": ("事業", "仕事", "店", "会社", "農業", "漁業", "林業", "商売", "経営"),
    "医療・介護": ("医療", "病院", "介護", "薬", "診療", "けが", "怪我"),
    "外国人向け": ("外国人", "がいこくじん", "foreign", "english", "英語"),
}


@dataclass(frozen=True)
class GuideItem:
    number: int
    title: str
    page: str
    entry: str
    ref: str


@lru_cache(maxsize=1)
def guide_items() -> dict[str, tuple[GuideItem, ...]]:
    data = yaml.safe_load(GUIDE_FILE.read_text(encoding="utf-8"))
    return {need: tuple(GuideItem(**item) for item in items) for need, items in data["needs"].items()}


def need_from_text(text: str) -> str | None:
    """The need a resident's words point to, or None."""
    from faq.text import normalize

    norm = normalize(text)
    for need in NEEDS:
        if need in norm:
            return need
    for need, words in NEED_WORDS.items():
        if any(w in norm for w in words):
            return need
    return None
