"""The chat route gives the safety number even when the dialogue engine cannot answer.

No Rasa model is loaded here (as when it is missing, still loading, or failing): an ordinary question gets
the apology, an emergency still gets its entry with the tap-to-call number.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from bot.web.app import create_app

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def client(built_service) -> TestClient:
    with TestClient(create_app(built_service)) as client:
        yield client


def say(client: TestClient, message: str) -> list[dict]:
    response = client.post("/webhooks/rest/webhook", json={"sender": "safety-route", "message": message})
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize(
    ("message", "tel"),
    [("ｲｷｼﾃﾅｲ！", "tel:119"), ("知らない男が家の中にいる", "tel:110"), ("しにたい", "tel:0570064556")],
)
def test_danger_gets_its_number_without_the_dialogue_engine(client, message, tel) -> None:
    reply = say(client, message)
    custom = reply[-1]["custom"]
    assert custom["type"] == "emergency" and custom["calls"][0]["tel"] == tel
    assert "出典" in reply[0]["text"]


def test_other_messages_still_get_the_apology(client) -> None:
    assert say(client, "協力隊の任期は？")[0]["custom"]["type"] == "apology"
    assert say(client, "バカ")[0]["custom"]["type"] == "apology"


def test_a_message_over_the_length_limit_still_gets_its_number(client) -> None:
    # A long, emotional message: the danger is at its end, past the length limit.
    long_message = "避難所の生活のことで相談があります。" * 60 + "いま隣の人が倒れて息をしていません"
    reply = say(client, long_message)
    assert reply[-1]["custom"]["type"] == "emergency"
    assert reply[-1]["custom"]["calls"][0]["tel"] == "tel:119"
    assert "長すぎます" in say(client, "避難所の生活のことで相談があります。" * 60)[0]["text"]


def test_a_damage_report_naming_several_needs_is_not_taken_for_an_emergency(client) -> None:
    # Things swept away are damage to get support for (found by hand: this got 119 after the merge).
    message = "地震で家が半壊して、車も流されて、通帳もハンコもない。仕事もなくなって収入がない。どうすれば"
    assert say(client, message)[0]["custom"]["type"] == "apology"  # no engine here: not the 119 reply
