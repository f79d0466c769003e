"""What the eligibility tests share: the place resolver, and a case's outcome under one rule."""

from __future__ import annotations

import pytest

from faq.eligibility.rules import rules
from faq.eligibility.verdicts import verdict_among


@pytest.fixture(scope="module")
def places():
    from faq.places.directory import KikumimiDirectory

    return KikumimiDirectory.default().resolver


def outcome_under(text: str, rule: str, places) -> str:
    """The outcome ``text`` gets under ``rule`` (read against any of its entries), the rule found first."""
    entry = next(r for r in rules() if r.id == rule).entries[0]
    found = verdict_among(text, [entry], places)
    assert found is not None and found[1].rule.id == rule, found
    return found[1].outcome
