"""Places over the REST channel: towns, wards, islands, postal codes, romaji and half-width readings reach
the right centre's card, a shared name is asked about, and no reply carries another centre's number."""

from __future__ import annotations

import pytest

from faq.places.directory import KikumimiDirectory
from tests.server import text_of

pytestmark = [pytest.mark.integration, pytest.mark.slow]

PHONES = {c.name: c.phone for c in KikumimiDirectory.default().centres}


@pytest.mark.parametrize(
    ("message", "centre"),
    [
        ("遠野市に住んでいます。行政相談の電話番号を教えて", "きくみみ岩手"),
        ("美作市から。行政相談の窓口はどこ？", "きくみみ岡山"),
        ("町田市に住んでます。神奈川のほうが近いけど行政相談はどこ？", "きくみみ東京"),
        ("北見市に住んでるけど行政相談ってどこでできる？", "きくみみ旭川"),
        ("札幌市中央区です。行政相談の窓口を教えて", "きくみみ北海道"),
        ("八丈島に住んでます。行政相談の窓口は？", "きくみみ東京"),
        ("〒760-0019です", "きくみみ香川"),
        ("Sapporo ni sunde imasu", "きくみみ北海道"),
        ("ｸｼﾛｼ ﾆ ｽﾝﾃﾞﾏｽ", "きくみみ釧路"),
        ("長野県の池田町です。行政相談の電話番号は？", "きくみみ長野"),
    ],
)
def test_place_reaches_its_centre_and_no_other(server, message: str, centre: str) -> None:
    (reply,) = server.conversation(message)
    text = text_of(reply)
    assert PHONES[centre] in text, text
    others = [name for name, phone in PHONES.items() if name != centre and phone in text]
    assert others == [], text


@pytest.mark.parametrize(
    ("message", "choices"),
    [
        ("伊達市に住んでいます。行政相談はどこ？", ["北海道伊達市", "福島県伊達市"]),
        ("府中市です", ["広島県府中市", "東京都府中市"]),
    ],
)
def test_a_shared_name_is_asked_with_buttons(server, message: str, choices: list[str]) -> None:
    first, second = server.conversation(message, choices[1])
    titles = [b["title"] for m in first for b in m.get("buttons") or []]
    assert titles[: len(choices)] == choices
    assert not any(phone in text_of(first) for phone in PHONES.values())
    prefecture = choices[1][:3] if choices[1][2] in "都道府県" else choices[1][:4]
    centre = KikumimiDirectory.default().for_prefecture(prefecture)
    assert centre.phone in text_of(second)
