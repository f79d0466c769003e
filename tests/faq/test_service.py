"""The FAQ service over the shipped index: what residents' redacted words do to a search."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration


def test_redaction_placeholders_do_not_steer_the_search(built_service) -> None:
    plain = built_service.search("協力隊の任期は何年ですか", 3)
    redacted = built_service.search("協力隊の任期は何年ですか [電話番号] [メール]", 3)
    assert redacted.hits[0].entry.id == plain.hits[0].entry.id
