"""The REST channel end to end: a real server, the trained model, in-process actions."""

from __future__ import annotations

import http.client
import json
import time
import urllib.error
import urllib.request

import pytest

from tests.server import text_of

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_free_question_is_answered_with_source(server) -> None:
    (reply,) = server.conversation("協力隊サミットっていつ？お金かかる？")
    text = text_of(reply)
    assert "2月1日" in text and "無料" in text and "出典" in text
    assert all(set(m) >= {"recipient_id"} for m in reply)


def test_disaster_flow_over_rest(server) -> None:
    first, second, third = server.conversation(
        "被災して困っています", "鹿児島県です", '/inform{"need": "お金"}'
    )
    assert "都道府県" in text_of(first)
    assert "099-223-1100" in text_of(second) and "住まい" in text_of(second)
    assert "生活再建のための支援金" in text_of(third) and "0570-090-110" in text_of(third)


def test_gyosei_flow_with_hokkaido_and_handoff(server) -> None:
    replies = server.conversation(
        "行政相談の窓口を知りたい",
        "北海道の函館市です",
        "/affirm",
        "電話",  # the contact method is not the trouble: asked again
        "年金の手続で窓口をたらい回しにされた",
        '/inform{"contact_method": "電話"}',
    )
    assert "都道府県" in text_of(replies[0])
    assert "0138-27-1100" in text_of(replies[1]) and "相談メモ" in text_of(replies[1])
    assert "困っている内容" in text_of(replies[3])
    assert "年金の手続で窓口をたらい回しにされた" in text_of(replies[4])  # shown back before consent
    assert "受付番号" in text_of(replies[5])


def test_kyoryokutai_flow_for_a_member(server) -> None:
    replies = server.conversation(
        "協力隊に応募できるか知りたい",
        '/inform{"role": "member"}',
        "/affirm",
        "/affirm",
        "伝統工芸を継ぎたい",
    )
    assert "住民票" in text_of(replies[0])
    verdict = text_of(replies[-1])
    assert "要件" in verdict and "最大5年" in verdict and "サポートデスク" in verdict


def test_question_in_the_middle_of_a_flow_then_the_flow_resumes(server) -> None:
    replies = server.conversation("被災して困っています", "罹災証明書ってなに？", "熊本県です")
    middle = text_of(replies[1])
    assert "罹災証明書" in middle and "都道府県" in middle  # answered, then asked again
    assert "096-326-1100" in text_of(replies[2])


def test_another_flow_asked_for_mid_flow_switches_and_stop_ends_it(server) -> None:
    replies = server.conversation(
        "協力隊に応募できるか知りたい", "行政相談の窓口を知りたい", "福岡県です", "やめる", "北海道です"
    )
    assert "都道府県" in text_of(replies[1])  # the 行政相談 flow asks where, not the 協力隊 question again
    assert "092-473-1100" in text_of(replies[2])  # きくみみ福岡
    assert "終わります" in text_of(replies[3])
    assert "相談メモ" not in text_of(replies[4])  # no flow left asking for consent


def test_scenario_menu(server) -> None:
    menu, category = server.conversation("分野から探す", '/choose_category{"category": "行政相談"}')
    assert "地域おこし協力隊" in text_of(menu)
    assert len(category[0]["buttons"]) >= 5


def test_prefecture_inside_the_question_routes_straight(server) -> None:
    (reply,) = server.conversation("福岡で行政相談したい")
    assert "092-473-1100" in text_of(reply) or "都道府県" not in text_of(reply)


@pytest.mark.parametrize(
    "message",
    [
        "",
        "   ",
        "？？？！！",
        "あsdふぁsdふぁ",
        "あ" * 10_000,
        "<script>alert('x')</script>",
        "<img src=x onerror=alert(1)>協力隊",
        "'; DROP TABLE faq_entries; --",
        "😀😀😀",
    ],
)
def test_bad_input_gets_a_polite_reply(server, message: str) -> None:
    (reply,) = server.conversation(message)
    assert reply and any((m.get("text") or "").strip() for m in reply)


def test_personal_data_reaches_no_log_and_no_stored_record(server) -> None:
    import sqlite3

    server.conversation(
        "行政相談の窓口を知りたい",
        "大阪府です。電話は090-9876-5432、メールは hanako@example.jp、マイナンバーは1234 5678 9012",
        "/affirm",
        "電話で。番号は06-1234-5678、住所は大阪市中央区大手前4丁目1-67",
    )
    log = server.log.read_text(encoding="utf-8", errors="replace")
    secrets = ("090-9876-5432", "hanako@example.jp", "1234 5678 9012", "06-1234-5678", "大手前4丁目1-67")
    assert not [s for s in secrets if s in log]
    stored = []
    for path in (server.tracker_db, server.database):
        with sqlite3.connect(path) as db:
            for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'"):
                stored += [str(value) for row in db.execute(f'SELECT * FROM "{table}"') for value in row]
    dump = "\n".join(stored)
    # The conversation was stored (Rasa writes JSON with \\u escapes) — with placeholders, not the data.
    assert json.dumps("[電話番号]")[1:-1] in dump and json.dumps("[メール]")[1:-1] in dump
    assert not [s for s in secrets if s in dump]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"{not json", 422),
        (b'{"message": "hi"}', 422),
        (b'{"sender": "", "message": "hi"}', 422),
        (json.dumps({"sender": "x" * 500, "message": "hi"}).encode(), 422),
    ],
)
def test_malformed_requests_get_4xx(server, body: bytes, status: int) -> None:
    request = urllib.request.Request(
        server.base + "/webhooks/rest/webhook", body, {"Content-Type": "application/json"}
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == status


def test_action_webhook_refuses_callers_without_the_token(server) -> None:
    call = json.dumps({"next_action": "action_gyosei_routing", "tracker": {}, "domain": {}}).encode()
    for query in ("", "?token=wrong"):
        request = urllib.request.Request(
            server.base + "/actions/webhook" + query, call, {"Content-Type": "application/json"}
        )
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(request, timeout=10)
        assert caught.value.code == 403


def test_json_without_a_json_content_type_is_accepted(server) -> None:
    """`curl -d '{...}'` sends form encoding; Rasa's own REST channel reads the JSON anyway, so do we."""
    body = json.dumps({"sender": "curl-user", "message": "こんにちは"}).encode()
    request = urllib.request.Request(
        server.base + "/webhooks/rest/webhook", body, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        reply = json.loads(response.read())
    assert reply and reply[0]["recipient_id"] == "curl-user"


def test_no_resident_text_in_the_info_log(server) -> None:
    """Not only personal data: nothing a resident typed is written to the log at INFO."""
    import urllib.parse
    import urllib.request

    phrase = "うちの猫のタマが迷子になりました"
    server.conversation(phrase, "タマを探す窓口はどこですか")
    with urllib.request.urlopen(server.base + "/api/faq/search?" + urllib.parse.urlencode({"q": phrase})):
        pass
    log = server.log.read_text(encoding="utf-8", errors="replace")
    assert "タマ" not in log and "迷子" not in log


def test_a_kept_alive_connection_outlives_a_resident_pausing_to_type(server) -> None:
    """A resident's widget (or httpx, whose pool reuses a connection idle up to 5 s) sends the next turn on
    the connection of the last one. A server that closes idle connections no later than the client stops
    reusing them races the client: the 200-resident soak lost a turn to a connection closed under it.
    The server now keeps idle connections longer than its clients reuse them (75 s)."""
    host, port = server.base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        for pause in (0.0, 6.0):  # 6 s: past the old 5 s keep-alive and httpx's 5 s idle reuse
            time.sleep(pause)
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            response.read()
            assert response.status == 200
    finally:
        connection.close()
