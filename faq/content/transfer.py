"""FAQ entries to and from CSV and YAML files, for bulk edits in a spreadsheet or a text editor.

Framework-free: bytes in, entries and problems out. Every entry is validated by
:func:`faq.content.corpus.parse_entry`, the one validator of an entry's fields, so a file is accepted
exactly when the same entries in ``faq/data/entries/*.yml`` would be.

Decisions, so that files made by staff tools come through:

- Encoding: UTF-8 with or without a BOM; otherwise cp932 (Excel in Japan saves plain "CSV" as Shift_JIS).
  A file that is neither, or that holds NUL bytes (UTF-16, a spreadsheet saved as .xlsx), is refused.
  Exports are UTF-8 with a BOM for CSV (without it Excel shows Japanese as mojibake) and plain UTF-8 YAML.
  Staff are told to save as 「CSV UTF-8」, never Shift_JIS: cp932 cannot carry characters such as — or ²
  (20 shipped entries use them), and Excel writes ``?`` in their place. A cp932 file is still read, but
  :mod:`faq.content.cp932` refuses it where a stored entry's character was lost, and lists the entries
  that would lose characters, for the export page.
- Problems are reported in Japanese (:mod:`faq.content.staff_messages`), with the row (行) and the item (項目)
  by its column (CSV) or key (YAML) name, which pages show beside its Japanese label.
- CSV multi-valued cells (alternates, audience): one value per line inside the cell, which is how Excel
  shows Alt+Enter. A cell without any line break may separate values with ``|`` instead, for hand-written
  files. Exports always use line breaks; an entry has at least two alternates, so an exported alternates
  cell always contains one, and ``|`` inside a phrasing survives the round trip.
- Dates: ``YYYY-MM-DD``, and also ``YYYY/M/D``, which Excel writes when it saves a date cell again.
- Spreadsheet formula injection: an exported cell that would start with ``=``, ``+``, ``-``, ``@``, a tab
  or a carriage return (possibly after apostrophes) gets one leading ``'``, and parsing removes exactly
  one ``'`` from such cells. The mapping is a bijection, so export → import changes nothing, and a cell
  typed as ``'=…`` in Excel (where the apostrophe only means "text") reads as ``=…`` too.
- The ``status`` column is informational: an import makes drafts, or published versions when a reviewer
  asks (see :meth:`faq.content.versions.EntryVersions.import_entries`). The file format knows draft,
  published and retired only, so an entry waiting for review is exported as ``draft``.
- YAML is read with the safe loader. Aliases are allowed (PyYAML writes them for repeated values), but a
  file whose aliases expand far beyond what 5 MB could hold (an "alias bomb") is refused.
- Row numbers: for CSV the record number with the header as row 1 (a cell with line breaks is still one
  row, as in the spreadsheet); for YAML the 1-based position in the list. Row 0 means the whole file.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable
from datetime import date
from itertools import zip_longest
from typing import Any, NamedTuple

import yaml

from faq.content.corpus import FLAT_FIELDS, flat_record, nested_record, parse_entry
from faq.content.staff_messages import reason_in_japanese
from faq.model import FaqEntry
from faq.text.sanitise import ADDED_QUOTE, defuse_formula

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
WHOLE_FILE = 0
# A YAML file with its aliases expanded: generous for 5,000 entries sharing their source by alias.
MAX_EXPANDED_NODES = 1_000_000
MAX_EXPANDED_CHARS = 4 * MAX_BYTES
CSV_COLUMNS = (*FLAT_FIELDS, "status")
OPTIONAL_COLUMNS = frozenset({"audience", "source_section", "status", "easy_ja", "owner"})
# Nesting deeper than any entry needs is refused before it is loaded (libyaml's loader crashes the
# process past a depth of about 40,000; entries nest three deep).
MAX_YAML_DEPTH = 32
LINE_BREAK = re.compile(r"\r\n|\r|\n")
SLASHED_DATE = re.compile(r"^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$")
# yaml.safe_load's loader and safe_dump's dumper, in their C build when installed (3x faster or more).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
# parse_entry names nested fields after the YAML layout; staff looking at a CSV need the column.
CSV_FIELD_OF = {"source": "source_document", "source.ref": "source_ref"}


class Problem(NamedTuple):
    """Why a file cannot be imported: where (row), which column or key (field), and what is wrong."""

    row: int
    field: str
    reason: str


class ParseResult(NamedTuple):
    """All problems found, and the entries only if there are none: a file is imported whole or not."""

    entries: list[FaqEntry]
    problems: list[Problem]


# -- reading ---------------------------------------------------------------------------------------------
def parse_csv(data: bytes) -> ParseResult:
    """Entries from a CSV file with a header row naming the columns (any order; see ``CSV_COLUMNS``)."""
    text, problem = _decode(data)
    if problem:
        return ParseResult([], [problem])
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(rows, None)
    except csv.Error as exc:
        return ParseResult([], [Problem(1, "-", f"CSV として読めません: {exc}")])
    if header is None:
        return ParseResult([], [Problem(WHOLE_FILE, "-", "ファイルが空です")])
    columns = [cell.strip().lower() for cell in header]
    problems = _check_header(columns)
    if problems:
        return ParseResult([], problems)
    found: list[tuple[int, dict[str, Any]]] = []
    row_number, data_rows = 1, 0
    try:
        for cells in rows:
            row_number += 1
            if not any(cell.strip() for cell in cells):
                continue  # spreadsheets leave empty rows behind
            data_rows += 1
            if data_rows > MAX_ROWS:
                return ParseResult([], [Problem(WHOLE_FILE, "-", f"{MAX_ROWS:,}行を超えています")])
            if any(cell.strip() and not name for name, cell in zip_longest(columns, cells, fillvalue="")):
                problems.append(Problem(row_number, "-", "見出しのない列に値があります"))
                continue
            values = {
                name: _unguard(cell).strip()
                for name, cell in zip_longest(columns, cells, fillvalue="")
                if name  # a short row (trailing empty cells dropped) reads as empty cells
            }
            found.append((row_number, _raw_from_csv(values)))
    except csv.Error as exc:
        problems.append(Problem(row_number, "-", f"CSV として読めません: {exc}"))
        return ParseResult([], problems)
    return _validate(found, problems, kind="列", unit="行目")


def parse_yaml(data: bytes) -> ParseResult:
    """Entries from a YAML file laid out like ``faq/data/entries/*.yml``: a list of mappings."""
    text, problem = _decode(data)
    if problem:
        return ParseResult([], [problem])
    try:
        if _nesting_depth_over(text, MAX_YAML_DEPTH):
            too_deep = Problem(WHOLE_FILE, "-", f"入れ子が深すぎます（{MAX_YAML_DEPTH}段まで）")
            return ParseResult([], [too_deep])
        document = yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f"{where.line + 1}行目: " if where is not None else ""
        what = getattr(exc, "problem", None) or str(exc)
        return ParseResult([], [Problem(WHOLE_FILE, "-", f"YAML として読めません（{line}{what}）")])
    if not _expands_within_limits(document):
        return ParseResult([], [Problem(WHOLE_FILE, "-", "エイリアス（*名前）を展開すると大きすぎます")])
    if document is None:
        document = []
    if not isinstance(document, list):
        return ParseResult(
            [], [Problem(WHOLE_FILE, "-", "エントリのリスト（各行が「- id: …」）にしてください")]
        )
    if len(document) > MAX_ROWS:
        return ParseResult([], [Problem(WHOLE_FILE, "-", f"{MAX_ROWS:,}件を超えています")])
    return _validate(list(enumerate(document, start=1)), [], kind="キー", unit="件目")


def _nesting_depth_over(text: str, limit: int) -> bool:
    """Whether the YAML nests deeper than ``limit``, read as events: no recursion, stops early."""
    depth = 0
    for event in yaml.parse(text, Loader=SAFE_LOADER):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > limit:
                return True
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return False


def _expands_within_limits(document: Any) -> bool:
    """Whether the document, with aliases expanded, stays about as big as a file within the limit could be.

    safe_load shares an aliased value instead of copying it, but validation copies it into text once per
    use: a few nested aliases (a "billion laughs") turn a small file into gigabytes. Aliases themselves
    stay allowed, since PyYAML-written files alias any value they repeat.
    """
    nodes, chars = 0, 0
    pending = [document]
    while pending:
        value = pending.pop()
        nodes += 1
        if isinstance(value, str):
            chars += len(value)
        elif isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        if nodes > MAX_EXPANDED_NODES or chars > MAX_EXPANDED_CHARS:
            return False
    return True


def _decode(data: bytes) -> tuple[str, Problem | None]:
    """Text of the file, or the problem that stops it being read at all."""
    if len(data) > MAX_BYTES:
        return "", Problem(WHOLE_FILE, "-", f"ファイルが大きすぎます（上限 {MAX_BYTES // (1024 * 1024)} MB）")
    if b"\x00" in data:
        return "", Problem(
            WHOLE_FILE, "-", "テキストファイルではありません（Excel では「CSV UTF-8（コンマ区切り）」で保存）"
        )
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding), None
        except UnicodeDecodeError:
            continue
    return "", Problem(
        WHOLE_FILE,
        "-",
        "文字コードを読み取れません（Excel では「CSV UTF-8（コンマ区切り）」で保存してください）",
    )


def _check_header(columns: list[str]) -> list[Problem]:
    problems = []
    unknown = [c for c in columns if c and c not in CSV_COLUMNS][:20]  # blank: Excel's trailing commas
    if unknown:
        problems.append(
            Problem(1, ", ".join(unknown), "知らない列です（列名: " + ", ".join(CSV_COLUMNS) + "）")
        )
    missing = [c for c in CSV_COLUMNS if c not in columns and c not in OPTIONAL_COLUMNS]
    if missing:
        problems.append(Problem(1, ", ".join(missing), "必須の列がありません"))
    repeated = sorted(c for c, n in Counter(columns).items() if c and n > 1)  # linear: 30,000 columns
    if repeated:
        problems.append(Problem(1, ", ".join(repeated), "同じ名前の列が複数あります"))
    return problems


def _raw_from_csv(values: dict[str, str]) -> dict[str, Any]:
    """One CSV row as the mapping :func:`parse_entry` reads from YAML."""
    flat: dict[str, Any] = {name: values.get(name, "") for name in (*FLAT_FIELDS, "status")}
    flat["alternates"] = _split_values(flat["alternates"])
    flat["audience"] = _split_values(flat["audience"])
    flat["last_checked"] = _as_date(flat["last_checked"])
    return nested_record(flat)  # an empty status is left out: informational only, parse_entry defaults it


def _split_values(cell: str) -> list[str]:
    """Line-separated values; ``|``-separated when the cell has no line break (typed by hand)."""
    parts = LINE_BREAK.split(cell) if LINE_BREAK.search(cell) else cell.split("|")
    return [part.strip() for part in parts if part.strip()]


def _as_date(cell: str) -> date | str:
    """A date from ``YYYY-MM-DD`` or Excel's ``YYYY/M/D``; anything else is left for parse_entry to report."""
    found = SLASHED_DATE.match(cell)
    if found:
        try:
            return date(*(int(part) for part in found.groups()))
        except ValueError:
            pass
    return cell


def _validate(found: Iterable[tuple[int, Any]], problems: list[Problem], kind: str, unit: str) -> ParseResult:
    """Run every raw entry through parse_entry; ids must be unique within the file."""
    entries: list[FaqEntry] = []
    first_row_of: dict[str, int] = {}
    for row, raw in found:
        entry, found_problems = parse_entry(raw, "", str(row))
        for _, _, field, reason in found_problems:
            name = CSV_FIELD_OF.get(field, field) if kind == "列" else field
            problems.append(Problem(row, name, reason_in_japanese(reason)))
        if entry is None:
            continue
        if entry.id in first_row_of:
            first = first_row_of[entry.id]
            problems.append(Problem(row, "id", f"{entry.id} は {first}{unit}と重複しています"))
            continue
        first_row_of[entry.id] = row
        entries.append(entry)
    if not entries and not problems:
        problems.append(Problem(WHOLE_FILE, "-", "エントリが1件もありません"))
    return ParseResult([] if problems else entries, problems)


# -- writing ---------------------------------------------------------------------------------------------
def export_csv(entries: Iterable[FaqEntry]) -> bytes:
    """A CSV that Excel opens with the Japanese intact and that cannot run formulas when opened."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)  # excel dialect: quotes cells with commas, quotes or line breaks; CRLF rows
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        record = flat_record(entry)
        cells = ["\n".join(v) if isinstance(v, list) else v for v in (record[name] for name in FLAT_FIELDS)]
        writer.writerow([defuse_formula(cell) for cell in (*cells, _file_status(entry.status))])
    return out.getvalue().encode("utf-8-sig")


def export_yaml(entries: Iterable[FaqEntry]) -> bytes:
    """The layout of ``faq/data/entries/*.yml``: the file can be dropped there and loaded as it is."""
    records = [
        {
            "id": entry.id,
            "category": entry.category,
            "audience": list(entry.audience),
            "question": entry.question,
            "alternates": list(entry.alternates),
            "answer": entry.answer,
            "source": {
                "document": entry.source.document,
                "section": entry.source.section,
                "ref": entry.source.ref,
            },
            "last_checked": entry.last_checked,
            "status": _file_status(entry.status),
            **({"easy_ja": entry.easy_ja} if entry.easy_ja else {}),
            **({"owner": entry.owner} if entry.owner != "national" else {}),
        }
        for entry in entries
    ]
    text = yaml.dump(
        records,
        Dumper=_ReadableDumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
    return text.encode("utf-8")


def _unguard(cell: str) -> str:
    return cell[1:] if ADDED_QUOTE.match(cell) else cell


def _file_status(status: str) -> str:
    return "draft" if status == "review" else status


class _ReadableDumper(SAFE_DUMPER):  # type: ignore[misc,valid-type]  # chosen at import time
    """safe_dump's dumper, writing multi-line text as a ``|`` block and never using anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_ReadableDumper.add_representer(str, _represent_text)
