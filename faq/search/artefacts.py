"""An index folder on disk: the manifest that says what it was built from, and the entries it serves.

Loading reads the manifest first and refuses a folder built with another analyzer, dictionary or encoder
(:meth:`Manifest.mismatches`); the entries are stored as JSON beside the lexical and dense artefacts, so a
loaded index serves exactly what it was built over (no pickle).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from faq.errors import IndexNotReady
from faq.model import FaqEntry, Source
from faq.search.encoder import Encoder
from faq.text import JapaneseAnalyzer
from faq.text.analyzer import ANALYZER_VERSION

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
ENTRIES = "entries.json"


@dataclass
class Manifest:
    """What an index folder was built from; loading refuses a folder that does not match."""

    format_version: int
    corpus_revision: str
    entry_count: int
    analyzer_version: str
    dictionary: str
    encoder: dict | None  # {"name", "path", "dimension", "fingerprint"} or None for lexical-only
    fusion: dict
    calibration: dict
    built_at: str

    def write(self, folder: Path) -> None:
        (folder / MANIFEST).write_text(
            json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8"
        )

    def mismatches(self, analyzer: JapaneseAnalyzer, encoder: Encoder | None) -> list[str]:
        """Why these artefacts cannot serve with this analyzer and encoder (an empty list: they can)."""
        problems = []
        if self.format_version != FORMAT_VERSION:
            problems.append(f"format {self.format_version} != {FORMAT_VERSION}")
        if self.analyzer_version != ANALYZER_VERSION:
            problems.append(f"analyzer {self.analyzer_version} != {ANALYZER_VERSION}")
        if self.dictionary != analyzer.dictionary_version():
            problems.append(f"dictionary {self.dictionary} != {analyzer.dictionary_version()}")
        built_with = (self.encoder or {}).get("fingerprint")
        current = encoder.fingerprint if encoder is not None else None
        if built_with != current:
            problems.append(f"encoder {built_with} != {current}")
        return problems

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        path = folder / MANIFEST
        if not path.is_file():
            raise IndexNotReady(f"no index at {folder} (run `python -m faq index`)")
        try:
            return cls(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError) as exc:  # unreadable, not JSON, not an object, fields missing
            raise IndexNotReady(f"unreadable manifest {path}: {exc}") from exc


def encoder_record(encoder: Encoder | None) -> dict | None:
    """The manifest's record of the encoder an index was built with (None: lexical only)."""
    if encoder is None:
        return None
    return {"name": encoder.name, "dimension": encoder.dimension, "fingerprint": encoder.fingerprint}


def write_entries(folder: Path, entries: list[FaqEntry]) -> None:
    """The entries an index serves, as JSON in ``folder``."""
    data = [_entry_to_json(entry) for entry in entries]
    (folder / ENTRIES).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def read_entries(folder: Path) -> list[FaqEntry]:
    """The entries :func:`write_entries` wrote (raises OSError, ValueError or KeyError when unreadable)."""
    return [_entry_from_json(data) for data in json.loads((folder / ENTRIES).read_text("utf-8"))]


def _entry_to_json(entry: FaqEntry) -> dict:
    data = asdict(entry)
    data["last_checked"] = entry.last_checked.isoformat()
    return data


def _entry_from_json(data: dict) -> FaqEntry:
    return FaqEntry(
        id=data["id"],
        category=data["category"],
        question=data["question"],
        answer=data["answer"],
        source=Source(**data["source"]),
        last_checked=date.fromisoformat(data["last_checked"]),
        alternates=tuple(data["alternates"]),
        audience=tuple(data["audience"]),
        status=data["status"],
        easy_ja=data.get("easy_ja", ""),  # indexes built before the field have none
        # Who may see it (faq.search.scope); corpus_revision counts a non-national owner, so an index
        # written before owners existed never serves a store that has municipality entries.
        owner=data.get("owner", "national"),
    )
