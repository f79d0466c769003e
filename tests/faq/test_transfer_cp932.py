"""Excel's round trip: a file saved as Shift_JIS (cp932) loses — and ²; the import says where instead of
saving the damage, and the export page can list the entries at risk."""

from __future__ import annotations

from dataclasses import replace

import pytest

from faq.content.cp932 import cp932_damage, cp932_unsafe
from faq.content.transfer import export_csv, parse_csv
from tests.faq.test_transfer import entry

pytestmark = pytest.mark.unit
DASHED = entry("test-dashed", answer="支給額は最大300万円—ただし世帯の被害の程度によります。面積は50m²まで。")
PLAIN = entry("test-plain")


def saved_by_excel_as_shift_jis(data: bytes) -> bytes:
    """What Excel does with 「CSV（コンマ区切り）」: cp932, with ? for what cp932 cannot hold."""
    return data.decode("utf-8-sig").encode("cp932", errors="replace")


def test_an_untouched_utf8_export_comes_back_unchanged_and_undamaged() -> None:
    data = export_csv([PLAIN, DASHED])
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to open it as UTF-8
    entries, problems = parse_csv(data)
    assert problems == [] and entries == [PLAIN, DASHED]
    assert cp932_damage(data, entries, {e.id: e for e in (PLAIN, DASHED)}) == []


def test_a_shift_jis_save_is_reported_with_its_row_column_and_characters() -> None:
    data = saved_by_excel_as_shift_jis(export_csv([PLAIN, DASHED]))
    entries, problems = parse_csv(data)
    assert problems == []  # the file itself reads; only comparing with what is stored shows the loss
    damaged = next(e for e in entries if e.id == "test-dashed")
    assert "?" in damaged.answer and "—" not in damaged.answer
    found = cp932_damage(data, entries, {e.id: e for e in (PLAIN, DASHED)})
    assert [(p.row, p.field) for p in found] == [(3, "answer")]
    assert "「—」「²」" in found[0].reason and "CSV UTF-8" in found[0].reason


def test_a_shift_jis_file_that_lost_nothing_is_accepted() -> None:
    data = saved_by_excel_as_shift_jis(export_csv([PLAIN]))
    entries, problems = parse_csv(data)
    assert problems == [] and cp932_damage(data, entries, {PLAIN.id: PLAIN}) == []


def test_a_deliberate_edit_of_a_safe_field_is_not_flagged() -> None:
    edited = replace(DASHED, question="支援金はいくら？")
    data = saved_by_excel_as_shift_jis(export_csv([edited]))
    entries, _ = parse_csv(data)
    found = cp932_damage(data, entries, {DASHED.id: DASHED})
    assert [p.field for p in found] == ["answer"]  # the question changed on purpose; the answer was damaged


def test_the_export_page_lists_the_cells_at_risk() -> None:
    assert cp932_unsafe([PLAIN, DASHED]) == [("test-dashed", "answer", ["—", "²"])]


def test_the_shipped_entries_at_risk_are_found(corpus) -> None:
    at_risk = {entry_id for entry_id, _, _ in cp932_unsafe(corpus)}
    assert len(at_risk) >= 10  # the issue counted 20 shipped entries using — or ²
