"""団体コード with a wrong check digit name no place; a prefecture that has no town of the name asks."""

from __future__ import annotations

import pytest

from faq.places.codes import check_digit, municipality_key
from faq.places.directory import KikumimiDirectory

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def directory() -> KikumimiDirectory:
    return KikumimiDirectory.default()


def test_a_wrong_check_digit_names_no_place(directory) -> None:
    assert directory.place_of("172049").municipality.name == "輪島市"
    assert directory.place_of("17204").municipality.name == "輪島市"
    assert directory.place_of("172048") is None
    assert directory.municipality("172048") is None
    assert municipality_key("172048") is None and check_digit("17204") == "9"


def test_a_town_under_the_wrong_prefecture_is_asked_about_never_guessed(directory) -> None:
    mixed = directory.resolve("石川県鹿児島市")
    assert mixed.place is None
    assert {c.label for c in mixed.choices} == {"石川県", "鹿児島県鹿児島市"}
    assert directory.place_of("石川県鹿児島市") is None
    assert directory.resolve("鹿児島県鹿児島市").place.municipality.name == "鹿児島市"
    assert directory.resolve("石川県輪島市").place.municipality.name == "輪島市"
