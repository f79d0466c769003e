"""Local supplements: a municipality's own window under a national answer (国・地方共通).

A supplement belongs to one national entry and one municipality (its 6-digit 全国地方公共団体コード) and says
where a resident of that municipality goes: window, address, phone, hours, URL, note. Every filled field
names the line of the source it comes from (``field_refs``); a field the sources do not give stays empty.
The seed files live in ``faq/data/supplements/*.yml`` (schema in ``faq/data/SCHEMA.md``); staff versions
are kept by :mod:`faq.content.supplement_versions`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from faq.content.messages import message
from faq.content.organisations import six_digit_code
from faq.errors import CorpusError
from faq.model import STATUSES, Source
from faq.text.eras import calendar_year

FIELDS = ("window", "address", "phone", "hours", "url", "note")
MAX_FIELD_CHARS = {"window": 200, "address": 300, "phone": 200, "hours": 300, "url": 500, "note": 1000}
URL_PATTERN = re.compile(r"^https?://[^\s<>\"']+$")
Problem = tuple[str, str, str, str]
# A day in a supplement's hours. With its weekday 「11月16日(日)」 or its year 「令和7年11月16日」 it is one
# day, an event's; without either (「12月29日～1月3日を除く」) it is a date that comes back every year.
EVENT_DAY = re.compile(
    r"(?:(?P<era>令和|平成)(?P<era_year>元|\d{1,2})年|(?P<year>(?:19|20)\d{2})年)?\s*"
    r"(?:(?P<month>\d{1,2})月)?(?P<day>\d{1,2})日\s*"
    r"(?P<weekday>[（(][月火水木金土日](?:曜日?)?(?:・?祝(?:日)?)?[)）])?"
    r"(?P<since>\s*(?:から|以降|より|[～〜~](?!\s*(?:令和|平成|\d))))?"
)
TOKYO = ZoneInfo("Asia/Tokyo")


@dataclass(frozen=True)
class LocalSupplement:
    """One municipality's local window for one national entry."""

    entry_id: str
    municipality: str  # 6-digit 全国地方公共団体コード
    window: str
    source: Source
    last_checked: date
    address: str = ""
    phone: str = ""
    hours: str = ""
    url: str = ""
    note: str = ""
    field_refs: dict[str, str] = field(default_factory=dict, compare=True, hash=False)
    status: str = "draft"

    def filled(self) -> dict[str, str]:
        """The fields that say something, in display order."""
        return {name: getattr(self, name) for name in FIELDS if getattr(self, name)}

    def event_days(self) -> list[date | None]:
        """The days of the one-day events the hours name (「11月16日(日) 12:30～15:30」), in order; None
        for a day whose year is not written. A day that starts a standing window (「令和8年4月1日(水)から」)
        is not an event's. A day without a year or month takes them from an earlier day in the same text."""
        days: list[date | None] = []
        year: int | None = None
        month = 0
        for found in EVENT_DAY.finditer(self.hours):
            if found["era"]:
                era_year = 1 if found["era_year"] == "元" else int(found["era_year"])
                year = calendar_year(found["era"], era_year)
            elif found["year"]:
                year = int(found["year"])
            elif year is not None and found["month"] and int(found["month"]) < month:
                year += 1  # 「令和7年12月27日(土)・1月10日(土)」: the new year
            if not found["month"] and not month:
                continue  # 「30日以内」: a number of days, not a day
            month = int(found["month"] or month)  # 「11月15日(土)・16日(日)」: the same month
            if found["since"] or not (found["weekday"] or found["era"] or found["year"]):
                continue
            try:
                days.append(date(year, month, int(found["day"])) if year else None)
            except ValueError:
                days.append(None)
        return days

    def offered_on(self, today: date | None = None) -> bool:
        """Whether residents are offered this window on ``today`` (Japan's date by default): a standing
        window always; a dated event until its last day; an event whose day has no year never, since it
        cannot be told from one that is over (a flyer's 「11月16日(日)」 is not a window that stays open)."""
        days = self.event_days()
        if not days:
            return True
        if any(day is None for day in days):
            return False
        return (today or datetime.now(TOKYO).date()) <= max(d for d in days if d is not None)

    def content(self) -> tuple:
        """What the supplement says, its status aside (two versions that say the same compare equal)."""
        return (
            *(getattr(self, name) for name in FIELDS),
            tuple(sorted(self.field_refs.items())),
            self.source,
            self.last_checked,
        )


def parse_supplement(raw: Any, municipality: str, where: str) -> tuple[LocalSupplement | None, list[Problem]]:
    """One mapping of a supplements file (or a console form) → a supplement, or every problem in it."""
    problems: list[Problem] = []
    if not isinstance(raw, dict):
        return None, [(where, "-", "-", "a supplement must be a mapping")]
    entry_id = str(raw.get("entry") or "").strip()
    label = f"{municipality}/{entry_id or '?'}"

    def bad(name: str, reason: str) -> None:
        problems.append((where, label, name, reason))

    if not entry_id:
        bad("entry", "names no national entry")
    values = {name: str(raw.get(name) or "").strip() for name in FIELDS}
    if not values["window"]:
        bad("window", "is empty: a supplement names at least its window")
    for name, value in values.items():
        if len(value) > MAX_FIELD_CHARS[name]:
            bad(name, f"is {len(value)} characters long; the limit is {MAX_FIELD_CHARS[name]}")
    if values["url"] and not URL_PATTERN.match(values["url"]):
        bad("url", f"{values['url']!r} is not an http(s) address")
    refs = raw.get("field_refs") or {}
    if not isinstance(refs, dict):
        bad("field_refs", "must map each filled field to its source line")
        refs = {}
    refs = {str(k): str(v).strip() for k, v in refs.items() if str(v or "").strip()}
    for name, value in values.items():
        if value and name not in refs:
            bad("field_refs", f"{name} has no source line: every fact names where it comes from")
    for name in refs:
        if name not in FIELDS:
            bad("field_refs", f"{name!r} is not a field ({', '.join(FIELDS)})")
    source = raw.get("source") or {}
    if not isinstance(source, dict) or not str(source.get("document") or "").strip():
        bad("source", "needs a document")
        source = source if isinstance(source, dict) else {}
    if not str(source.get("ref") or "").strip():
        bad("source", "needs a ref (seed file and line, or the page's address)")
    checked = raw.get("last_checked")
    if isinstance(checked, str):
        try:
            checked = date.fromisoformat(checked)
        except ValueError:
            checked = None
    if not isinstance(checked, date):
        bad("last_checked", "must be a date (YYYY-MM-DD)")
    status = raw.get("status", "published")
    if status not in STATUSES:
        bad("status", f"{status!r} is not one of {', '.join(STATUSES)}")
    if problems:
        return None, problems
    assert isinstance(checked, date)
    supplement = LocalSupplement(
        entry_id=entry_id,
        municipality=municipality,
        source=Source(
            str(source["document"]).strip(), str(source.get("section") or "").strip(), str(source["ref"])
        ),
        last_checked=checked,
        field_refs=refs,
        status=str(status),
        **values,
    )
    return supplement, []


def load_supplements(folder: Path, entry_ids: set[str]) -> list[LocalSupplement]:
    """Every supplement in ``folder/*.yml``; raises :class:`CorpusError` listing all problems, including
    a supplement for an entry the corpus does not have. A missing folder holds none."""
    found: list[LocalSupplement] = []
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for path in sorted(Path(folder).glob("*.yml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            problems.append((path.name, "-", "-", f"not valid YAML: {exc}"))
            continue
        if not isinstance(data, dict) or not isinstance(data.get("supplements"), list):
            problems.append((path.name, "-", "-", "the file must map municipality and a supplements list"))
            continue
        try:
            code = six_digit_code(str(data.get("municipality") or ""))
        except ValueError as exc:
            problems.append((path.name, "-", "municipality", str(exc)))
            continue
        for raw in data["supplements"]:
            supplement, found_problems = parse_supplement(raw, code, path.name)
            problems.extend(found_problems)
            if supplement is None:
                continue
            key = (supplement.entry_id, code)
            if supplement.entry_id not in entry_ids:
                problems.append((path.name, supplement.entry_id, "entry", "no such national entry"))
            elif key in seen:
                problems.append((path.name, supplement.entry_id, "entry", "two supplements for one entry"))
            else:
                seen.add(key)
                found.append(supplement)
    if problems:
        raise CorpusError(problems)
    return found


def local_window_text(supplement: LocalSupplement, place: str) -> str:
    """The block residents of ``place`` read under the national answer, with its own source and date."""
    lines = [message("local.heading", place=place)]
    lines += [message(f"local.{name}", value=value) for name, value in supplement.filled().items()]
    checked = f"{supplement.last_checked:%Y年%-m月%-d日}"
    lines += [message("local.source_line", citation=supplement.source.citation(), checked=checked)]
    return "\n".join(lines)


COMPACT_FIELDS = (
    "window",
    "address",
    "phone",
    "hours",
)  # what a victim needs at once; note and url a tap away


def local_windows_text(labelled: list[tuple[str, LocalSupplement]], place: str) -> str:
    """Several windows of ``place`` in one short block (under a disaster reply): one heading, each entry's
    window, place, phone and hours, a field the entry above already said left out, one line per source."""
    lines = [message("local.heading", place=place)]
    previous: dict[str, str] = {}
    citations: dict[str, str] = {}
    for label, supplement in labelled:
        shown = {name: value for name, value in supplement.filled().items() if name in COMPACT_FIELDS}
        same = [name for name, value in shown.items() if previous.get(name) == value]
        lines.append(message("local.item", label=label))
        lines += [message(f"local.{name}", value=value) for name, value in shown.items() if name not in same]
        if same:
            names = "・".join(message(f"local.{name}", value="").rstrip("：") for name in same)
            lines.append(message("local.same_as_above", fields=names))
        previous = shown
        checked = f"{supplement.last_checked:%Y年%-m月%-d日}"
        citations.setdefault(supplement.source.citation(), checked)
    lines += [message("local.source_line", citation=c, checked=d) for c, d in citations.items()]
    lines.append(message("local.details_by_button"))
    return "\n".join(lines)
