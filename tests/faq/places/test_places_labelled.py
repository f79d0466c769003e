"""The place resolver on the labelled place phrasings of two writers who never saw the code (stations,
former towns, 町域, areas, landmarks, look-alikes; kanji, kana and half-width forms): tuning rows built the
rules, held-out rows only measure them. Floors at the figures measured when the areas came in (2026-12-07).

Run ``python -m tests.faq.places.test_places_labelled`` for the figures by split and kind."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from faq.places.directory import KikumimiDirectory

pytestmark = pytest.mark.unit
DATA = Path(__file__).parents[2] / "data" / "places"
# (right at least, wrong centres at most); main's resolver before the areas: tuning 39 (12), held-out 55 (9)
FLOORS = {"tuning": (70, 2), "heldout": (94, 17)}


def rows(split: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()]


def verdict(directory: KikumimiDirectory, row: dict) -> str:
    """right, wrong_centre (a centre other than the one meant, or one where none or a choice was meant) or
    miss (no place, or a choice where one place was meant)."""
    found = directory.resolve(row["text"])
    got = directory.for_place(found.place).name if found.place else None
    if row["expected"] == "place":
        meant = directory.place_of(row["prefecture"] + row["municipality"]) or directory.place_of(
            row["prefecture"]
        )
        assert meant is not None, row
        town = found.place.municipality if found.place else None
        names = (town.name, town.parent, town.name[len(town.parent) :]) if town else ()
        same_town = town is None or not row["municipality"] or row["municipality"] in names
        if got == directory.for_place(meant).name and same_town:
            return "right"
        return "wrong_centre" if got is not None and got != directory.for_place(meant).name else "miss"
    if row["expected"] == "ask":
        return "right" if found.needs_choice else ("wrong_centre" if got else "miss")
    return "right" if got is None and not found.needs_choice else ("wrong_centre" if got else "miss")


def tally(split: str) -> Counter:
    directory = KikumimiDirectory.default()
    counts: Counter = Counter()
    for row in rows(split):
        result = verdict(directory, row)
        counts[result] += 1
        counts[f"{row['kind']}:{result}"] += 1
    return counts


@pytest.mark.parametrize("split", ["tuning", "heldout"])
def test_labelled_places_stay_at_their_measured_figures(split: str) -> None:
    counts = tally(split)
    right, wrong = FLOORS[split]
    assert counts["right"] >= right, counts
    assert counts["wrong_centre"] <= wrong, counts


def test_the_split_keeps_every_form_of_a_message_on_one_side() -> None:
    sides = {split: {(r["writer"], r["group"]) for r in rows(split)} for split in ("tuning", "heldout")}
    assert sides["tuning"] and sides["heldout"] and not sides["tuning"] & sides["heldout"]


if __name__ == "__main__":
    for split in ("tuning", "heldout"):
        counts = tally(split)
        total = len(rows(split))
        print(
            f"{split}: right {counts['right']}/{total} ({100 * counts['right'] / total:.1f} %),"
            f" wrong centre {counts['wrong_centre']}, miss {counts['miss']}"
        )
        print("  ", ", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if ":" in k))
