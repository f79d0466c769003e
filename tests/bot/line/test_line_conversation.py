"""A whole conversation over LINE — the real server and model, the fake LINE platform — answered as the
REST channel answers it: the greeting's start menu, a FAQ answer with its source, a follow-up in context,
an emergency, a flow with quick replies, a place card. A tampered body stores nothing; a redelivered event
is answered once; 16 users at once lose no event."""

from __future__ import annotations

import json
import sqlite3
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from faq.settings import PROJECT_ROOT, get_settings
from tests.bot.line.conftest import SECRET, TOKEN
from tests.bot.line.fake_line import FakeLine, texts_of
from tests.databases import copy_database
from tests.server import launch, stop

pytestmark = [pytest.mark.integration, pytest.mark.slow]


class LineServer:
    def __init__(self, base: str, fake: FakeLine, folder):
        self.base = base
        self.fake = fake
        self.webhook = base + "/webhooks/line/webhook"
        self.tracker_db = folder / "tracker.db"
        self.database = folder / "govbot.db"
        self.log = folder / "server.log"

    def rest(self, sender: str, text: str) -> list[dict]:
        import urllib.request

        body = json.dumps({"sender": sender, "message": text}).encode()
        request = urllib.request.Request(
            self.base + "/webhooks/rest/webhook", body, {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def say(self, user: str, event: dict) -> dict:
        """Deliver one event and return what the platform got back for it."""
        count = len(self.fake.to(user))
        assert self.fake.deliver(self.webhook, [event]) == 200
        return self.fake.wait_for(user, count + 1, timeout=30)[count]

    def rows(self, database, query: str) -> list[tuple]:
        with sqlite3.connect(database) as db:
            return db.execute(query).fetchall()


@pytest.fixture(scope="module")
def line_server(tmp_path_factory):
    if not (PROJECT_ROOT / "models" / "govbot.tar.gz").is_file():
        pytest.fail("no trained Rasa model; run the tests through `make test`, which trains it")
    fake = FakeLine(SECRET, TOKEN)
    fake.start()
    folder = tmp_path_factory.mktemp("line-server")
    copy_database(get_settings().database_url, folder / "govbot.db")
    env = {
        "GOVBOT_DATABASE_URL": f"sqlite:///{folder / 'govbot.db'}",
        "GOVBOT_TRACKER_STORE_URL": f"sqlite:///{folder / 'tracker.db'}",
        "GOVBOT_LINE_CHANNEL_SECRET": SECRET,
        "GOVBOT_LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
        "GOVBOT_LINE_API_BASE": fake.base,
        "GOVBOT_RATE_LIMIT_NEW_CONVERSATIONS_PER_ADDRESS": "1000000/minute",
    }
    process, base = launch(env, folder / "server.log")
    yield LineServer(base, fake, folder)
    stop(process)
    fake.stop()


def quick_replies(delivery: dict) -> list[dict]:
    return [item["action"] for item in delivery["messages"][-1].get("quickReply", {}).get("items", [])]


def tel_uris(delivery: dict) -> list[str]:
    found = []
    for m in delivery["messages"]:
        if m["type"] == "flex":
            found += [b["action"]["uri"] for b in m["contents"].get("footer", {}).get("contents", [])]
    return found


def assert_same_answer(rest: list[dict], delivery: dict) -> None:
    """Every line the REST channel answered is on LINE (the source line shortened to its document), every
    button is a quick reply, every number to call a tel: button."""
    shown = texts_of(delivery)
    for reply in rest:
        for line in (reply.get("text") or "").split("\n"):
            if line.startswith("出典："):
                continue
            assert line.strip() in shown, (line, shown)
        for button in reply.get("buttons") or []:
            assert button["title"] in [a.get("displayText") or a.get("text") for a in quick_replies(delivery)]
        custom = reply.get("custom") or {}
        if custom.get("type") == "faq_answer":
            assert "出典：" + custom["source"]["document"] + "／最終確認日：" in shown
        for tel in [custom.get("tel")] + [c["tel"] for c in custom.get("calls") or []]:
            assert tel is None or tel in tel_uris(delivery)


def test_a_whole_conversation_over_line_answers_as_the_rest_channel(line_server) -> None:
    fake, user, rest_sender = line_server.fake, "U" + uuid.uuid4().hex, "rest-" + uuid.uuid4().hex
    greeting = line_server.say(user, fake.event(user, "follow"))
    assert_same_answer(line_server.rest(rest_sender, "/greet"), greeting)
    assert len(quick_replies(greeting)) == 4  # the start menu

    # A place card: a shared location names 輪島市; its きくみみ, with the number to tap.
    delivery = line_server.say(
        user, fake.location(user, "〒928-0001 石川県輪島市河井町2部287番地1", "輪島市役所")
    )
    rest = line_server.rest(rest_sender, "石川県輪島市")
    assert_same_answer(rest, delivery)
    assert "tel:0762641100" in tel_uris(delivery)

    steps = [
        ("協力隊の任期は何年ですか", "協力隊の任期は何年ですか"),  # a FAQ answer with its source
        ("それって延長できる？", "それって延長できる？"),  # a follow-up, in context
        ("家が燃えてる！", "家が燃えてる！"),  # an emergency
    ]
    for line_text, rest_text in steps:
        delivery = line_server.say(user, fake.text(user, line_text))
        assert_same_answer(line_server.rest(rest_sender, rest_text), delivery)
    assert "tel:119" in tel_uris(delivery)

    # A flow with quick replies: the greeting's 災害で困っている, a prefecture, then a need by its button.
    disaster = next(a for a in quick_replies(greeting) if a["displayText"] == "災害で困っている")
    delivery = line_server.say(user, fake.postback(user, disaster["data"]))
    assert_same_answer(line_server.rest(rest_sender, "/disaster_help"), delivery)
    delivery = line_server.say(user, fake.text(user, "石川県です"))
    assert_same_answer(line_server.rest(rest_sender, "石川県です"), delivery)
    money = next(a for a in quick_replies(delivery) if a["displayText"] == "お金")
    delivery = line_server.say(user, fake.postback(user, money["data"]))
    assert_same_answer(line_server.rest(rest_sender, '/inform{"need": "お金"}'), delivery)

    # Rasa recorded the turns as LINE's (the door names its channel), and the userId is nowhere.
    channels = {
        json.loads(data).get("input_channel")
        for (data,) in line_server.rows(
            line_server.tracker_db, "SELECT data FROM events WHERE type_name = 'user'"
        )
    }
    assert {"line", "rest"} <= channels
    databases = (line_server.tracker_db, line_server.database)
    write_ahead_logs = [db.with_name(db.name + "-wal") for db in databases]  # the latest commits are there
    for path in (*databases, *[w for w in write_ahead_logs if w.exists()], line_server.log):
        assert user.encode() not in path.read_bytes()


def test_a_tampered_body_is_refused_and_nothing_is_stored(line_server) -> None:
    fake, user = line_server.fake, "U" + uuid.uuid4().hex
    event = fake.text(user, "協力隊の任期は？")
    signed = json.dumps({"destination": "Ufakebot", "events": [event]}, ensure_ascii=False).encode()
    tampered = signed.replace("協力隊の任期は？".encode(), "家が燃えてる".encode())
    turns_before = line_server.rows(line_server.tracker_db, "SELECT count(*) FROM events")
    assert fake.deliver(line_server.webhook, [event], signature=fake.sign(signed), body=tampered) == 401
    assert fake.deliver(line_server.webhook, [event], signature=None) == 401
    import time

    time.sleep(1.5)
    assert fake.to(user) == []
    assert (
        line_server.rows(
            line_server.database,
            f"SELECT * FROM line_webhook_events WHERE event_id = '{event['webhookEventId']}'",
        )
        == []
    )
    assert line_server.rows(line_server.tracker_db, "SELECT count(*) FROM events") == turns_before


def test_a_redelivered_event_is_answered_once(line_server) -> None:
    fake, user = line_server.fake, "U" + uuid.uuid4().hex
    event = fake.text(user, "罹災証明書はどこでもらえますか")
    users_before = line_server.rows(
        line_server.tracker_db, "SELECT count(*) FROM events WHERE type_name = 'user'"
    )[0][0]
    line_server.say(user, event)
    assert fake.deliver(line_server.webhook, [event], redelivery=True) == 200
    import time

    time.sleep(2)
    assert len(fake.to(user)) == 1
    users_after = line_server.rows(
        line_server.tracker_db, "SELECT count(*) FROM events WHERE type_name = 'user'"
    )[0][0]
    assert users_after == users_before + 1


def test_16_users_at_once_lose_no_event(line_server) -> None:
    fake = line_server.fake
    users = ["U" + uuid.uuid4().hex for _ in range(16)]
    words = ["協力隊の任期は何年ですか", "罹災証明書はどこでもらえますか", "行政相談の窓口を知りたい"]

    def converse(user: str) -> None:
        for text in words:
            assert fake.deliver(line_server.webhook, [fake.text(user, text)]) == 200

    with ThreadPoolExecutor(16) as pool:
        list(pool.map(converse, users))
    for user in users:
        assert len(fake.wait_for(user, len(words), timeout=60)) == len(words)
