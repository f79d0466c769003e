"""Imports an editor (or a stolen editor token) can send cannot crash the process or burn its CPU."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from faq.content.transfer import CSV_COLUMNS, export_csv, parse_csv, parse_yaml
from tests.faq.test_transfer import cells_of, entry

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "document",
    ["[" * 97_000, "{a: " * 30_000, "- " * 40_000],
    ids=["flow-sequences", "flow-mappings", "block-sequences"],
)
def test_deeply_nested_yaml_is_refused_without_crashing(document: str) -> None:
    """libyaml's loader segfaults past ~40,000 levels: parsed in a child, so a crash fails the test."""
    code = (
        "import sys; from faq.content.transfer import parse_yaml\n"
        "result = parse_yaml(sys.stdin.buffer.read())\n"
        "print(result.entries == [], result.problems[0][-1])\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", code], input=document.encode(), capture_output=True, cwd=ROOT, timeout=120
    )
    assert child.returncode == 0, child.stderr.decode()[-500:]
    assert child.stdout.decode().startswith("True 入れ子が深すぎます")


def test_ordinary_nesting_still_imports() -> None:
    data = (ROOT / "faq" / "data" / "entries" / "kyoryokutai.yml").read_bytes()
    entries, problems = parse_yaml(data)
    assert problems == [] and len(entries) > 5


def _csv_of(columns: int) -> bytes:
    return (",".join([*CSV_COLUMNS, *(f"x{i % 50}" for i in range(columns))]) + "\r\n").encode()


def test_the_csv_header_check_is_linear_in_the_number_of_columns() -> None:
    """30,000 columns cost 16 s of CPU with the quadratic check; 8x the columns ≈ 8x the time, not 64x."""
    small, large = _csv_of(2_500), _csv_of(20_000)
    small_times, large_times = [], []
    for _ in range(5):  # interleaved, so a busy machine slows both alike
        for data, times in ((small, small_times), (large, large_times)):
            started = time.perf_counter()
            _, problems = parse_csv(data)
            times.append(time.perf_counter() - started)
            assert problems  # unknown and repeated columns are reported
    ratio = statistics.median(large_times) / max(statistics.median(small_times), 1e-6)
    assert ratio < 24, f"8x the columns took {ratio:.1f}x the time"


@pytest.mark.parametrize("start", ["＝", "＋", "－", "＠", "﹦", "﹢", "﹣", "﹫"])
def test_full_width_and_small_formula_signs_are_guarded_and_round_trip(start: str) -> None:
    hostile = entry("test-wide", question=f'{start}HYPERLINK("http://evil")', answer=f"{start}1+1")
    data = export_csv([hostile])
    header, row = cells_of(data)
    by_column = dict(zip(header, row, strict=True))
    assert by_column["question"].startswith("'" + start) and by_column["answer"] == f"'{start}1+1"
    entries, problems = parse_csv(data)
    assert problems == [] and entries == [hostile]
