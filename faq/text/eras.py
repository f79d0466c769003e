"""Japanese era years (令和7年, R5, 平成30年) as years of the calendar: one table for every date reader."""

from __future__ import annotations

# the first calendar year of each era, by its name and its one-letter abbreviation
ERA_FIRST_YEAR = {
    "令和": 2019, "R": 2019,
    "平成": 1989, "H": 1989,
    "昭和": 1926, "S": 1926,
}  # fmt: skip


def calendar_year(era: str, year: int) -> int:
    """令和7年 → 2025 (``year`` 1 for 元年)."""
    return ERA_FIRST_YEAR[era] + year - 1
