"""Places over the REST channel: towns, wards, islands, postal codes, romaji and half-width readings reach
the right centre's card, a shared name is asked about, and no reply carries another centre's number."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid

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
        # オホーツク: no published page says which centre serves it — the 管区局, with an honest note
        ("北見市に住んでるけど行政相談ってどこでできる？", "きくみみ北海道"),
        ("札幌市中央区です。行政相談の窓口を教えて", "きくみみ北海道"),
        ("八丈島に住んでます。行政相談の窓口は？", "きくみみ東京"),
        ("〒760-0019です", "きくみみ香川"),
        ("Sapporo ni sunde imasu", "きくみみ北海道"),
        ("ｸｼﾛｼ ﾆ ｽﾝﾃﾞﾏｽ", "きくみみ釧路"),
        ("長野県の池田町です。行政相談の電話番号は？", "きくみみ長野"),
        ("宮古島に住んでるさー。行政相談の窓口は？", "きくみみ沖縄"),
        ("京都市伏見区在住です。行政相談の窓口を教えてください", "きくみみ京都"),
        ("横浜市港北区です", "きくみみ神奈川"),
        ("北広島町に住んどるんじゃけど、行政相談はどこ？", "きくみみ広島"),
        ("佐賀関に住んでます。行政相談の窓口", "きくみみ大分"),
        ("〒100-8926 の近くです。行政相談はどこですか", "きくみみ東京"),
        ("Obihiro-shi ni sunde imasu. gyousei soudan no madoguchi", "きくみみ釧路"),
        ("ﾄｵﾉｼ ﾆ ｽﾝﾃﾞﾏｽ。ｷﾞｮｳｾｲｿｳﾀﾞﾝ ﾉ ﾃﾞﾝﾜ", "きくみみ岩手"),
        ("大阪市に住んでるけど京都府のほうが近いねん。行政相談の窓口どこ？", "きくみみ大阪"),
        ("川崎市に住んでるけど東京都のほうが近い。行政相談はどこ？", "きくみみ神奈川"),
        ("余市町に住んでます。行政相談の窓口を教えて", "きくみみ函館"),
    ],
)
def test_place_reaches_its_centre_and_no_other(server, message: str, centre: str) -> None:
    (reply,) = server.conversation(message)
    text = text_of(reply)
    assert PHONES[centre] in text, text
    others = [name for name, phone in PHONES.items() if name != centre and phone in text]
    assert others == [], text
    assert ("確認できていません" in text) == message.startswith("北見市"), text


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


def test_a_town_said_after_a_kikumimi_question_gets_its_centre_and_keeps_it(server) -> None:
    """Conversations (tuning, w2-c36): after 北海道's four きくみみ, 「函館住みなんだけど」 got the
    no-answer and 「場所は」 then gave きくみみ北海道's address."""
    _, lives, where = server.conversation("行政相談の窓口って北海道にある？", "函館住みなんだけど", "場所は")
    assert PHONES["きくみみ函館"] in text_of(lives) and PHONES["きくみみ北海道"] not in text_of(lives)
    assert "新川町" in text_of(where) and PHONES["きくみみ北海道"] not in text_of(where), text_of(where)


def test_a_stations_exit_is_not_asked_about_as_a_town_elsewhere(server) -> None:
    """Conversations (tuning, w6-c029): 金沢駅の西口 asked 奈良県桜井市 (a 町域 西口) or 金沢市."""
    (reply,) = server.conversation("金沢駅の西口の方に行政相談センターがあるって聞きました。住所と電話を")
    titles = [b["title"] for m in reply for b in m.get("buttons") or []]
    assert "奈良県桜井市" not in titles and "石川県金沢市" in titles, titles


# -- metadata.municipality: the widget's page names the resident's place ---------------------------


def say(server, message: str, metadata: dict | None) -> list[dict]:
    return server.say("test-muni-" + uuid.uuid4().hex[:8], message, metadata=metadata)


@pytest.mark.parametrize(
    ("municipality", "centre"),
    [
        ("172049", "きくみみ石川"),
        ("輪島市", "きくみみ石川"),
        ("北海道函館市", "きくみみ函館"),
        ("03208", "きくみみ岩手"),
    ],
)
def test_the_pages_municipality_is_the_place_when_the_message_names_none(
    server, municipality: str, centre: str
) -> None:
    text = text_of(say(server, "行政相談の窓口の電話番号を教えて", {"municipality": municipality}))
    assert PHONES[centre] in text, text
    assert [name for name, phone in PHONES.items() if name != centre and phone in text] == [], text


def test_without_the_municipality_the_reply_is_as_before(server) -> None:
    text = text_of(say(server, "行政相談の窓口の電話番号を教えて", None))
    assert PHONES["きくみみ石川"] not in text


def test_a_place_in_the_message_wins_over_the_pages_municipality(server) -> None:
    text = text_of(
        say(server, "遠野市に住んでいます。行政相談の電話番号を教えて", {"municipality": "172049"})
    )
    assert PHONES["きくみみ岩手"] in text and PHONES["きくみみ石川"] not in text, text


def test_the_gyosei_flow_takes_the_pages_municipality_without_asking(server) -> None:
    sender = "test-muni-" + uuid.uuid4().hex[:8]
    first = server.say(sender, "行政相談の窓口を知りたい", metadata={"municipality": "輪島市"})
    assert PHONES["きくみみ石川"] in text_of(first) and "都道府県" not in text_of(first)


@pytest.mark.parametrize("municipality", ["伊達市", "99999", "", 17204, "x" * 41])
def test_a_municipality_naming_no_single_place_is_refused_with_a_reason(server, municipality) -> None:
    request = urllib.request.Request(
        server.base + "/webhooks/rest/webhook",
        json.dumps(
            {"sender": "t", "message": "窓口は？", "metadata": {"municipality": municipality}}
        ).encode(),
        {"Content-Type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=30)
    assert caught.value.code == 422
    assert "municipality" in caught.value.read().decode()
