"""Characters a Shift_JIS (cp932) file cannot carry: which entries an export would damage, and where an
imported cp932 file has already lost them (Excel writes ``?`` for — or ²). See :mod:`faq.content.transfer`
for why cp932 files are read at all."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from faq.content.corpus import flat_record
from faq.content.transfer import WHOLE_FILE, Problem
from faq.model import FaqEntry


def _unsavable(text: str) -> list[str]:
    """Characters of ``text`` that a cp932 (Shift_JIS) file cannot hold, each once, in order."""
    found: list[str] = []
    for char in text:
        if char not in found:
            try:
                char.encode("cp932")
            except UnicodeEncodeError:
                found.append(char)
    return found


def _texts(entry: FaqEntry) -> dict[str, str]:
    record = flat_record(entry)
    return {
        name: "\n".join(v) if isinstance(v, list) else str(v) for name, v in record.items() if name != "id"
    }


def cp932_unsafe(entries: Iterable[FaqEntry]) -> list[tuple[str, str, list[str]]]:
    """(entry id, column, characters) for every cell a Shift_JIS file would corrupt."""
    found = []
    for entry in entries:
        for column, text in _texts(entry).items():
            chars = _unsavable(text)
            if chars:
                found.append((entry.id, column, chars))
    return found


def cp932_damage(data: bytes, entries: list[FaqEntry], stored: dict[str, FaqEntry]) -> list[Problem]:
    """Where a file saved as Shift_JIS lost characters a stored entry has (— and ² become ``?``).

    Empty for a UTF-8 file. Rows are found again by id (CSV: the record number; YAML: the position).
    """
    try:
        data.decode("utf-8-sig")
        return []
    except UnicodeDecodeError:
        pass
    rows = _rows_by_id(data.decode("cp932", errors="replace"), [e.id for e in entries])
    problems = []
    for entry in entries:
        before = stored.get(entry.id)
        if before is None:
            continue
        now = _texts(entry)
        for column, text in _texts(before).items():
            chars = _unsavable(text)
            if chars and now.get(column) != text:
                shown = "」「".join(chars)
                problems.append(
                    Problem(
                        rows.get(entry.id, WHOLE_FILE),
                        column,
                        f"「{shown}」は Shift_JIS で保存できないため、"
                        "このファイルでは別の文字に置き換わっています。"
                        "Excel で「CSV UTF-8（コンマ区切り）」を選んで保存し直してください。",
                    )
                )
    return problems


def _rows_by_id(text: str, ids: list[str]) -> dict[str, int]:
    """Each id's CSV record number (header = 1), or its position in a YAML list."""
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        return {}
    header = [cell.strip().lower() for cell in records[0]] if records else []
    if "id" not in header:
        return {entry_id: number for number, entry_id in enumerate(ids, start=1)}
    column = header.index("id")
    return {
        cells[column].strip(): number
        for number, cells in enumerate(records, start=1)
        if number > 1 and len(cells) > column
    }
