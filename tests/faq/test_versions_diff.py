"""The side-by-side diff marks exactly the characters that changed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from faq.content.diffs import side_by_side
from tests.faq.test_transfer import entry

pytestmark = pytest.mark.unit


def changed_pieces(segments) -> list[str]:
    return [text for text, changed in segments if changed]


def test_one_changed_word_is_marked_on_both_sides_and_the_rest_is_not() -> None:
    old = entry(answer="受付は平日9時から17時までです。\n電話でも受け付けます。")
    new = replace(old, answer="受付は平日8時30分から17時までです。\n電話でも受け付けます。")
    rows = side_by_side(old, new)
    changed = [r for r in rows if r.kind != "same"]
    assert len(changed) == 1 and changed[0].kind == "changed"
    assert changed_pieces(changed[0].old) == ["9"]
    assert changed_pieces(changed[0].new) == ["8", "30分"]
    assert "".join(t for t, _ in changed[0].new) == "受付は平日8時30分から17時までです。"
    assert all(r.old == r.new for r in rows if r.kind == "same")


def test_added_and_removed_lines_stand_alone() -> None:
    old = entry(alternates=("行政相談 窓口", "ぎょうせいそうだん どこ"))
    new = replace(old, alternates=("行政相談 窓口", "ぎょうせいそうだん どこ", "相談したい 国の手続"))
    rows = side_by_side(old, new)
    assert [r.kind for r in rows if r.kind != "same"] == ["added"]
    assert [r.new for r in rows if r.kind == "added"] == [(("言い換え: 相談したい 国の手続", True),)]
    back = side_by_side(new, old)
    assert [r.kind for r in back if r.kind != "same"] == ["removed"]


def test_identical_versions_have_no_marks() -> None:
    assert all(r.kind == "same" for r in side_by_side(entry(), entry()))
