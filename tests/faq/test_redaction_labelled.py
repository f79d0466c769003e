"""Redaction measured on personal data written the way residents type it (issue 23).

``tests/data/redaction``: messages by five writers who never saw the code, each with the personal data it
holds (``pii``) and look-alikes that must survive (``keep``: event dates, amounts, 団体コード, public
numbers). ``tuning`` is what the detectors were built against; ``heldout`` was never looked at row by row —
its figures are the ones reported (README, personal data). A value counts as redacted when its text
(NFKC) no longer appears in the redacted message.

Measured 2026-12-07 (issue 23, item 6): tuning 100 % of 475 values redacted, 100 % of 276 look-alikes
kept; held-out 96.6 % of 268 values (259), 99.0 % of 104 look-alikes (103). Before item 6: tuning
96.6 % / 99.6 %, held-out 93.3 % / 99.0 %. The held-out misses are known by kind only (the scorer's
message): an address, a bank account, an e-mail, two names, two phones, two 〒 codes, one look-alike.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from faq.residents.privacy import redact

pytestmark = pytest.mark.unit
DATA = Path(__file__).resolve().parents[1] / "data" / "redaction"


def _rows(split: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()]


def _score(split: str) -> tuple[float, float, list[str]]:
    """(share of personal values redacted, share of look-alikes kept, the kinds of the misses)."""
    values = leaked = kept_total = lost = 0
    missed: list[str] = []
    for row in _rows(split):
        out = redact(row["text"])
        for value in row["pii"]:
            values += 1
            if unicodedata.normalize("NFKC", value).replace("\u200b", "") in out:
                leaked += 1
                missed.append(row["kind"])
        for value in row.get("keep", []):
            kept_total += 1
            if unicodedata.normalize("NFKC", value) not in out:
                lost += 1
                missed.append("keep:" + row["kind"])
    return (values - leaked) / values, (kept_total - lost) / kept_total, missed


def test_the_sets_are_large_and_cover_every_kind() -> None:
    rows = _rows("tuning") + _rows("heldout")
    assert sum(len(r["pii"]) for r in rows) >= 300
    kinds = {r["kind"] for r in rows}
    wanted = {"phone", "mynumber", "email", "address", "postcode", "card", "name", "birthdate"}
    wanted.add("bank_account")
    assert wanted <= kinds


def test_every_labelled_value_stands_in_its_message() -> None:
    """A value that is not in its text would count as redacted whatever the redactor did."""
    tuning, heldout = _rows("tuning"), _rows("heldout")
    for row in tuning + heldout:
        for value in row["pii"] + row.get("keep", []):
            assert value in row["text"], (value, row["text"])
    assert not {r["text"] for r in tuning} & {r["text"] for r in heldout}


@pytest.mark.parametrize(
    "split, recall_at_least, kept_at_least", [("tuning", 1.0, 1.0), ("heldout", 0.966, 0.99)]
)
def test_personal_data_is_redacted_and_look_alikes_survive(
    split: str, recall_at_least: float, kept_at_least: float
) -> None:
    """Floors at the figures measured 2026-12-07 (tuning 100 % of values and of look-alikes kept;
    held-out 96.6 % of values, 99.0 % of look-alikes): a change that loses ground fails here. The
    redactor before issue 23 redacted 58 %."""
    recall, kept, missed = _score(split)
    assert recall >= recall_at_least, (recall, sorted(missed))
    assert kept >= kept_at_least, (kept, sorted(missed))
