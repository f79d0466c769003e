"""A local window that is a dated event (issue 29, item 5): it carries its date and is offered until then; a
date without a year is not shown as current; a standing window is always offered."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from faq.content.supplements import LocalSupplement, load_supplements
from faq.model import Source
from faq.settings import PROJECT_ROOT

pytestmark = pytest.mark.unit

DAY = date(2025, 11, 16)
AFTER = date(2025, 11, 17)


def window(hours: str) -> LocalSupplement:
    return LocalSupplement(
        "disaster-guide-01-risai-shomeisho",
        "172049",
        "相談会",
        Source("資料", "", "002:L1"),
        DAY,
        hours=hours,
    )


@pytest.mark.parametrize(
    ("hours", "days", "on_the_day", "after"),
    [
        # The 輪島市 flyer gives no year: never shown as a current window.
        ("11月16日(日) 12:30～15:30（チラシに開催年の記載なし）。予約不要", [None], False, False),
        ("相談会は11月16日(日) 12:30～15:30。電話は平日 8時30分～17時15分", [None], False, False),
        # With its year: offered until the day, not after.
        ("令和7年11月16日(日) 12:30～15:30", [DAY], True, False),
        ("2025年11月16日（日・祝）", [DAY], True, False),
        # Several days: until the last; a day without a year follows the year written before it.
        ("令和7年11月15日(土)・16日(日)", [date(2025, 11, 15), DAY], True, False),
        ("令和7年12月27日(土)・1月10日(土)", [date(2025, 12, 27), date(2026, 1, 10)], True, True),
        ("令和7年11月1日(土)～11月16日(日)", [date(2025, 11, 1), DAY], True, False),
        # Standing windows: no day of their own, or the day they open.
        ("平日 8時30分～17時15分", [], True, True),
        ("平日 9時～17時（12月29日～1月3日を除く）", [], True, True),
        ("令和7年11月1日(土)から 平日 9時～17時", [], True, True),
        ("令和7年11月1日(土)～ 平日 9時～17時", [], True, True),
        # A day that does not exist is no day a resident can go.
        ("2月30日(月)", [None], False, False),
    ],
)
def test_event_days_and_when_a_window_is_offered(hours, days, on_the_day, after) -> None:
    supplement = window(hours)
    assert supplement.event_days() == days
    assert supplement.offered_on(DAY) is on_the_day
    assert supplement.offered_on(AFTER) is after


def test_the_seed_windows_are_standing_windows() -> None:
    """輪島市's 罹災証明書 and 応急修理 windows were the one-day 相談会 of a flyer without a year; they are
    now the standing window the flyer names (its 問合せ先); no seed window names a day without its year."""
    folder = PROJECT_ROOT / "faq" / "data" / "supplements"
    supplements = load_supplements(folder, _entry_ids(folder))
    assert supplements and all(s.event_days() == [] and s.offered_on(DAY) for s in supplements)
    wajima = {s.entry_id: s for s in supplements if s.municipality == "172049"}
    risai = wajima["disaster-guide-01-risai-shomeisho"]
    assert "JAのと輪島支店" not in risai.address and risai.phone == "076-222-5232"
    assert "11月16日" not in risai.hours + risai.note


def _entry_ids(folder: Path) -> set[str]:
    import yaml

    return {
        str(s["entry"])
        for f in folder.glob("*.yml")
        for s in yaml.safe_load(f.read_text("utf-8"))["supplements"]
    }
