"""Local answers over Rasa's REST channel (issue 17): the same question gets 輪島市's window with 輪島市's
metadata, 鹿児島市's with 鹿児島市's, and the national answer alone without metadata."""

from __future__ import annotations

import json
import time
import urllib.parse
import urllib.request
import uuid

import pytest

from faq.content.corpus import parse_entry
from faq.content.store import FaqStore
from faq.content.versions import REVIEWER, Actor, EntryVersions
from tests.conftest import made_up_entry

pytestmark = [pytest.mark.integration, pytest.mark.slow]

QUESTION = "応急修理ってどこに申し込むの？"


def described(messages: list[dict], kind: str) -> list[tuple[str, dict]]:
    """(text, custom) of each reply of ``kind``: Rasa's REST channel sends a message's custom payload as
    the next list item, after its text."""
    return [
        (messages[i - 1].get("text", "") if i else "", m["custom"])
        for i, m in enumerate(messages)
        if isinstance(m.get("custom"), dict) and m["custom"].get("type") == kind
    ]


def local_blocks(messages: list[dict]) -> list[tuple[str, dict]]:
    return described(messages, "local_supplement")


def answer_of(messages: list[dict]) -> tuple[str, dict]:
    return described(messages, "faq_answer")[0]


def ask(server, municipality: str | None) -> list[dict]:
    metadata = {"municipality": municipality} if municipality else None
    return server.say("test-" + uuid.uuid4().hex[:10], QUESTION, metadata=metadata)


@pytest.mark.parametrize(
    ("municipality", "code", "window", "other"),
    [
        ("172049", "172049", "石川行政評価事務所", "鹿児島"),
        ("輪島市", "172049", "石川行政評価事務所", "鹿児島"),
        ("462012", "462012", "鹿児島県行政監視行政相談センター", "輪島"),
        ("46201", "462012", "鹿児島県行政監視行政相談センター", "輪島"),
    ],
)
def test_the_page_municipality_gets_its_own_window(server, municipality, code, window, other) -> None:
    messages = ask(server, municipality)
    assert answer_of(messages)[1]["faq_id"] == "disaster-guide-02-oukyu-shuri"
    ((text, custom),) = local_blocks(messages)
    assert custom["municipality"] == code and window in text
    assert "最終確認日" in text and other not in text


def test_without_metadata_the_answer_is_the_national_one(server) -> None:
    national = ask(server, None)
    local = ask(server, "172049")
    assert answer_of(national)[1]["faq_id"] == "disaster-guide-02-oukyu-shuri"
    assert answer_of(national)[0] == answer_of(local)[0]  # the national answer itself is unchanged
    assert local_blocks(national) == []
    assert not any("輪島" in m.get("text", "") or "鹿児島市浜町" in m.get("text", "") for m in national)


# -- a municipality's own entry, published into the running server's database ------------------------------

OWN_ID = "test-wajima-sodai-gomi"
OWN_QUESTION = "粗大ごみってどうやって出すん？"


def search(server, query: str, municipality: str | None = None) -> dict:
    params = {"q": query, "k": "10", **({"municipality": municipality} if municipality else {})}
    with urllib.request.urlopen(f"{server.base}/api/faq/search?{urllib.parse.urlencode(params)}") as r:
        return json.loads(r.read().decode())


@pytest.fixture()
def wajima_own_entry(server):
    """A made-up 輪島市 entry (never shipped), published by a reviewer into the server's own database; the
    server's index follows the database within seconds. Retired afterwards."""
    versions = EntryVersions(FaqStore(f"sqlite:///{server.database}"))
    raw = made_up_entry(
        id=OWN_ID,
        category="地域づくり・地域運営",
        question="粗大ごみの出し方を教えてください",
        alternates=["粗大ごみ どうやって出す", "そだいごみ 出したい"],
        answer="テスト用の輪島市の回答です。",
        owner="municipality:172049",
    )
    entry = parse_entry(raw, "test", OWN_ID)[0]
    reviewer = Actor("test-reviewer", REVIEWER, "municipality:172049")
    versions.save_draft(entry, reviewer, "テスト用の輪島市の項目")
    versions.publish(OWN_ID, reviewer)
    deadline = time.monotonic() + 60
    while OWN_ID not in [h["id"] for h in search(server, "粗大ごみ", "172049")["results"]]:
        assert time.monotonic() < deadline, "the server's index did not follow the published entry"
        time.sleep(1)
    yield OWN_ID
    versions.retire(OWN_ID, reviewer, "テスト終了")
    while OWN_ID in [h["id"] for h in search(server, "粗大ごみ", "172049")["results"]]:
        time.sleep(1)


def test_an_own_entry_reaches_its_municipality_and_nobody_else(server, wajima_own_entry) -> None:
    own = server.say("test-" + uuid.uuid4().hex[:10], OWN_QUESTION, metadata={"municipality": "172049"})
    assert answer_of(own)[1]["faq_id"] == OWN_ID
    for metadata in ({"municipality": "462012"}, {"municipality": "石川県"}, None):
        messages = server.say("test-" + uuid.uuid4().hex[:10], OWN_QUESTION, metadata=metadata)
        assert OWN_ID not in json.dumps(messages, ensure_ascii=False), metadata  # not as answer or choice
        # nor when its button payload is typed on another page
        shown = server.say(
            "test-" + uuid.uuid4().hex[:10], '/choose_faq{"faq_id": "' + OWN_ID + '"}', metadata=metadata
        )
        assert "テスト用の輪島市の回答" not in json.dumps(shown, ensure_ascii=False), metadata
    for municipality in ("462012", "鹿児島市", None):
        for query in (OWN_QUESTION, "粗大ごみ", "そだいごみ 出したい"):
            assert OWN_ID not in [h["id"] for h in search(server, query, municipality)["results"]]


def test_a_follow_up_naming_no_place_is_not_taken_for_the_pages_window(server) -> None:
    """On 輪島市's page, 「そこって何時まで？」 after the 相談会 answer names no place: it asks about that
    answer, not for the page's きくみみ (it got きくみみ石川's card, found walking the assistant). The 予約
    entry it follows states no time; the 相談会's overview entry, its sibling, does (12:30～15:30), and
    answers it (before: 「書かれていません」 with the 予約 entry)."""
    sender = "test-" + uuid.uuid4().hex[:10]
    server.say(sender, "相談会って予約いるがけ？", metadata={"municipality": "172049"})
    follow_up = server.say(sender, "そこって何時まで？", metadata={"municipality": "172049"})
    assert described(follow_up, "kikumimi_card") == []
    said = " ".join(m.get("text", "") for m in follow_up)
    assert "金沢市西念" not in said
    assert "12:30" in said and "15:30" in said, said
    # one question, one answer: the subject it was searched with is no second question (before, the 予約
    # entry followed the overview again, walking the assistant)
    answers = [custom["faq_id"] for _, custom in described(follow_up, "faq_answer")]
    assert answers == ["disaster-wajima-overview"]


@pytest.mark.parametrize(
    ("place", "hours"), [("石川県", None), ("鹿児島県", "9:00～16:45")], ids=["not-in-sources", "kagoshima"]
)
def test_the_hours_of_a_centre_are_what_the_sources_say_not_its_card_again(server, place, hours) -> None:
    """「それ何時まで？」 after a きくみみ card: the card's hours are the national line's, not the centre's.
    The reply says the centre's hours where an entry gives them (きくみみ鹿児島), else that the sources do
    not (before: the same card again)."""
    sender = "test-" + uuid.uuid4().hex[:10]
    server.say(sender, f"{place}の行政相談の窓口は？")
    follow_up = server.say(sender, "それ何時まで？")
    assert described(follow_up, "kikumimi_card") == []
    said = " ".join(m.get("text", "") for m in follow_up)
    assert (hours in said) if hours else ("書かれていません" in said), said
