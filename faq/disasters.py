"""Disaster-mode configuration and the guidebook's items grouped by need (framework-free)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from sqlalchemy import Boolean, Column, Date, DateTime, String, Text

from faq.settings import PROJECT_ROOT
from faq.store import Base

DISASTERS_FILE = PROJECT_ROOT / "bot" / "disasters.yml"
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


@dataclass(frozen=True)
class Disaster:
    id: str
    name: str
    prefectures: tuple[str, ...]
    relief_act_applied: str = ""
    guidebook_from: str = ""
    special_consultation: bool = False
    active: bool = False
    guidebook: dict = field(default_factory=dict)
    events: tuple[dict, ...] = ()
    municipalities: dict[str, str] = field(default_factory=dict)  # town → prefecture
    dial: dict = field(default_factory=dict)  # a dedicated number: {name, phone, hours}


@lru_cache(maxsize=1)
def guide_items() -> dict[str, tuple[GuideItem, ...]]:
    data = yaml.safe_load(GUIDE_FILE.read_text(encoding="utf-8"))
    return {need: tuple(GuideItem(**item) for item in items) for need, items in data["needs"].items()}


@lru_cache(maxsize=4)
def load_disasters(path: Path = DISASTERS_FILE) -> tuple[Disaster, ...]:
    if not Path(path).is_file():
        return ()
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return tuple(_disaster(d) for d in data.get("disasters", []))


def _disaster(raw: dict) -> Disaster:
    prefectures = tuple(raw.get("prefectures", ()))
    towns = raw.get("municipalities") or {}
    if isinstance(towns, list):  # a list means: all in the disaster's only prefecture
        towns = {town: prefectures[0] for town in towns}
    return Disaster(
        **{
            **raw,
            "prefectures": prefectures,
            "events": tuple(raw.get("events", ())),
            "municipalities": dict(towns),
        }
    )


def prefecture_of_disaster_town(text: str, path: Path = DISASTERS_FILE) -> str | None:
    """A town named in the disaster configuration (輪島市 → 石川県), for residents naming only a town."""
    from faq.text import normalize

    norm = normalize(text)
    for disaster in load_disasters(path):
        for town, prefecture in disaster.municipalities.items():
            bare = town.removesuffix("市")
            if town in norm or (len(bare) >= 2 and bare in norm):
                return prefecture
    return None


def active_disasters(prefecture: str | None, path: Path = DISASTERS_FILE) -> list[Disaster]:
    """Disasters switched on for ``prefecture``."""
    return [d for d in load_disasters(path) if d.active and prefecture in d.prefectures]


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


class DisasterRow(Base):
    """A disaster in disaster mode (``status`` active) or archived (``ended``)."""

    __tablename__ = "disasters"

    id = Column(String(100), primary_key=True)
    name = Column(Text, nullable=False)
    prefectures = Column(Text, nullable=False, default="[]")  # JSON list
    municipalities = Column(Text, nullable=False, default="{}")  # JSON {town: prefecture}
    start_date = Column(Date, nullable=True)
    relief_act_applied = Column(String(40), nullable=False, default="")
    guidebook_from = Column(String(40), nullable=False, default="")
    guidebook_url = Column(Text, nullable=False, default="")
    special_consultation = Column(Boolean, nullable=False, default=False)
    dial = Column(Text, nullable=False, default="{}")  # JSON {name, phone, hours}
    events = Column(Text, nullable=False, default="[]")  # JSON list of 特別行政相談所 events
    status = Column(String(20), nullable=False, default="active", index=True)  # active | ended
    created_at = Column(DateTime(timezone=True), nullable=False)
    updated_at = Column(DateTime(timezone=True), nullable=False)
    updated_by = Column(String(64), nullable=False, default="")
    ended_at = Column(DateTime(timezone=True), nullable=True)
