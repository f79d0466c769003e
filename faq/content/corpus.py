"""Read and validate the human-edited YAML entry files."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from faq.content.organisations import NATIONAL, InvalidOrganisation, parse_org_id
from faq.errors import CorpusError
from faq.model import AUDIENCES, CATEGORIES, STATUSES, FaqEntry, Source

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{2,80}$")
MIN_ALTERNATES = 2
MAX_EASY_JA_CHARS = 2000
Problem = tuple[str, str, str, str]


def parse_entry(raw: Any, where: str, label: str) -> tuple[FaqEntry | None, list[Problem]]:
    """Turn one mapping into an entry, or report every problem found in it."""
    problems: list[Problem] = []

    def bad(field: str, reason: str) -> None:
        problems.append((where, label, field, reason))

    if not isinstance(raw, dict):
        bad("-", "an entry must be a mapping")
        return None, problems
    entry_id = str(raw.get("id", "")).strip()
    if not ID_PATTERN.match(entry_id):
        bad("id", f"{entry_id!r} is not a lowercase slug (a-z, 0-9, -)")
    for name in ("question", "answer"):
        if not str(raw.get(name) or "").strip():
            bad(name, "is empty")
    category = raw.get("category")
    if category not in CATEGORIES:
        bad("category", f"{category!r} is not one of {', '.join(CATEGORIES)}")
    alternates = raw.get("alternates") or []
    if not isinstance(alternates, list) or len([a for a in alternates if str(a).strip()]) < MIN_ALTERNATES:
        bad("alternates", f"needs at least {MIN_ALTERNATES} phrasings")
        alternates = alternates if isinstance(alternates, list) else []
    audience = raw.get("audience") or []
    if isinstance(audience, str):
        audience = [audience]
    for who in audience:
        if who not in AUDIENCES:
            bad("audience", f"{who!r} is not one of {', '.join(AUDIENCES)}")
    easy_ja = raw.get("easy_ja") or ""
    if not isinstance(easy_ja, str):
        bad("easy_ja", "must be text (the answer in やさしい日本語)")
        easy_ja = ""
    easy_ja = easy_ja.strip()
    if len(easy_ja) > MAX_EASY_JA_CHARS:
        bad("easy_ja", f"is {len(easy_ja)} characters long; the limit is {MAX_EASY_JA_CHARS}")
    status = raw.get("status", "published")
    if status not in STATUSES:
        bad("status", f"{status!r} is not one of {', '.join(STATUSES)}")
    source = raw.get("source") or {}
    if not isinstance(source, dict) or not str(source.get("document") or "").strip():
        bad("source", "needs at least a document")
        source = source if isinstance(source, dict) else {}
    if not str(source.get("ref") or "").strip():
        bad("source.ref", "needs a line reference, law article or URL")
    checked = raw.get("last_checked")
    if isinstance(checked, str):
        try:
            checked = date.fromisoformat(checked)
        except ValueError:
            bad("last_checked", f"{checked!r} is not a date (YYYY-MM-DD)")
    elif not isinstance(checked, date):
        bad("last_checked", "is missing")
    owner = str(raw.get("owner") or NATIONAL).strip()
    try:
        owner = parse_org_id(owner).id
    except InvalidOrganisation as error:
        bad("owner", str(error))
    if problems:
        return None, problems
    entry = FaqEntry(
        id=entry_id,
        category=str(category),
        question=str(raw["question"]).strip(),
        answer=str(raw["answer"]).strip(),
        source=Source(
            document=str(source["document"]).strip(),
            section=str(source.get("section") or "").strip(),
            ref=str(source["ref"]).strip(),
        ),
        last_checked=checked,  # type: ignore[arg-type]
        alternates=tuple(str(a).strip() for a in alternates if str(a).strip()),
        audience=tuple(audience),
        status=str(status),
        easy_ja=easy_ja,
        owner=owner,
    )
    return entry, []


# The flat form of an entry (forms, the JSON API, CSV columns); the YAML files nest the source instead.
FLAT_FIELDS = (
    "id",
    "category",
    "question",
    "alternates",
    "answer",
    "audience",
    "source_document",
    "source_section",
    "source_ref",
    "last_checked",
    "easy_ja",
    "owner",
)


def flat_record(entry: FaqEntry) -> dict[str, Any]:
    """``entry`` as FLAT_FIELDS (lists stay lists, the date is ISO text)."""
    return {
        "id": entry.id,
        "category": entry.category,
        "question": entry.question,
        "alternates": list(entry.alternates),
        "answer": entry.answer,
        "audience": list(entry.audience),
        "source_document": entry.source.document,
        "source_section": entry.source.section,
        "source_ref": entry.source.ref,
        "last_checked": entry.last_checked.isoformat(),
        "easy_ja": entry.easy_ja,
        "owner": entry.owner,
    }


def nested_record(flat: dict[str, Any]) -> dict[str, Any]:
    """A flat mapping in the layout :func:`parse_entry` reads; it reports what is missing."""
    raw = {
        name: flat.get(name) for name in ("id", "category", "question", "answer", "alternates", "audience")
    }
    raw["source"] = {
        "document": flat.get("source_document"),
        "section": flat.get("source_section") or "",
        "ref": flat.get("source_ref"),
    }
    raw["last_checked"] = flat.get("last_checked")
    if flat.get("easy_ja"):
        raw["easy_ja"] = flat["easy_ja"]
    if flat.get("owner"):
        raw["owner"] = flat["owner"]
    if flat.get("status"):
        raw["status"] = flat["status"]
    return raw


def load_corpus(entries_dir: Path) -> list[FaqEntry]:
    """Every entry in ``entries_dir/*.yml``; raises :class:`CorpusError` listing all problems.

    >>> from faq.settings import get_settings
    >>> len(load_corpus(get_settings().entries_dir)) >= 200
    True
    """
    files = sorted(Path(entries_dir).glob("*.yml"))
    if not files:
        raise CorpusError([(str(entries_dir), "-", "-", "no *.yml entry files")])
    entries: list[FaqEntry] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as exc:
            problems.append((path.name, "-", "-", f"not valid YAML: {exc}"))
            continue
        if not isinstance(data, list):
            problems.append((path.name, "-", "-", "the file must hold a list of entries"))
            continue
        for i, raw in enumerate(data):
            label = str(raw.get("id")) if isinstance(raw, dict) and raw.get("id") else f"#{i + 1}"
            entry, found = parse_entry(raw, path.name, label)
            problems.extend(found)
            if entry is None:
                continue
            if entry.id in seen:
                problems.append((path.name, entry.id, "id", f"duplicate of an entry in {seen[entry.id]}"))
                continue
            seen[entry.id] = path.name
            entries.append(entry)
    if problems:
        raise CorpusError(problems)
    return entries


def corpus_revision(entries: list[FaqEntry]) -> str:
    """A short content hash of the published entries: changes whenever search input changes."""
    digest = hashlib.sha256()
    for entry in sorted((e for e in entries if e.status == "published"), key=lambda e: e.id):
        record = [
            entry.id,
            entry.category,
            entry.question,
            list(entry.alternates),
            entry.answer,
            entry.source.document,
            entry.source.section,
            entry.source.ref,
            entry.last_checked.isoformat(),
            entry.easy_ja,  # shown with the answer: an edit must reach the index like one to the answer
            # who may see it (issue 17); left out for national entries so existing revisions stay valid
            *([entry.owner] if entry.owner != "national" else []),
        ]
        digest.update(json.dumps(record, ensure_ascii=False).encode())
    return digest.hexdigest()[:16]
