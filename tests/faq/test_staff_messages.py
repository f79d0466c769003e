"""Every reason the entry validator gives reaches staff in Japanese."""

from __future__ import annotations

import re

import pytest

from faq.content.corpus import parse_entry
from faq.content.staff_messages import field_label, reason_in_japanese

pytestmark = pytest.mark.unit
BROKEN = [
    {"id": "UPPER CASE"},
    {"question": ""},
    {"answer": None},
    {"category": None},
    {"category": "宇宙"},
    {"alternates": ["一つ"]},
    {"audience": ["宇宙人"]},
    {"status": "review"},
    {"source": {}},
    {"source": {"document": "資料"}},
    {"last_checked": "令和8年1月"},
    {"last_checked": None},
]


@pytest.mark.parametrize("changes", BROKEN)
def test_every_validator_reason_has_a_japanese_wording(entry_record, changes) -> None:
    _, problems = parse_entry(entry_record(**changes), "form", "x")
    assert problems
    for _, _, field, reason in problems:
        shown = reason_in_japanese(reason)
        assert shown != reason, f"untranslated: {reason}"
        assert not re.search(r"[A-Za-z]{3,} [A-Za-z]{2,}", shown.replace("UPPER CASE", "")), shown
        assert field == "id" or re.search(r"[ぁ-んァ-ン一-龥]", field_label(field)), field


def test_the_issue_examples() -> None:
    assert reason_in_japanese("is empty") == "空欄です。"
    assert reason_in_japanese("'令和8年1月' is not a date (YYYY-MM-DD)").startswith(
        "「令和8年1月」は日付として読めません"
    )
    assert field_label("source.ref") == "出典の行・条文・URL"
    assert reason_in_japanese("something new") == "something new"  # never dropped
