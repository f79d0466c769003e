"""A 〒 code is redacted, but its municipality is kept, so a resident who gives only the code reaches
the centre of their area (「〒760-0019です」 → きくみみ香川) while the code itself is never stored."""

from __future__ import annotations

import pytest

from faq.places.directory import KikumimiDirectory
from faq.residents.privacy import redact, redact_message

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def directory() -> KikumimiDirectory:
    return KikumimiDirectory.default()


@pytest.mark.parametrize(
    ("message", "code", "centre"),
    [
        ("〒760-0019です。行政相談の電話番号は？", "760-0019", "きくみみ香川"),
        ("郵便番号は０２８－０５２４です", "0280524", "きくみみ岩手"),
        ("〒０６０ー０００１に住んでます", "0600001", "きくみみ北海道"),
        ("〒 1000001", "1000001", "きくみみ東京"),
    ],
)
def test_the_code_goes_and_its_area_stays(directory, message, code, centre) -> None:
    safe = redact(message, directory.postal_area)
    assert "[郵便番号]" in safe
    digits = "".join(ch for ch in code if ch.isdigit())
    assert digits not in "".join(ch for ch in safe if ch.isdigit())
    found = directory.for_text(safe)
    assert found is not None and found.name == centre


def test_an_unknown_code_is_redacted_without_a_place(directory) -> None:
    assert redact("〒999-9999です", directory.postal_area) == "[郵便番号]です"


def test_without_the_directory_only_the_placeholder_is_left() -> None:
    assert redact("〒760-0019です") == "[郵便番号]です"


def test_a_button_payload_keeps_the_area_too(directory) -> None:
    safe = redact_message("〒760-0019", {"inform"}, directory.postal_area)
    assert safe.startswith("[郵便番号]（香川県")
