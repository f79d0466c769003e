"""Local answers over Rasa's REST channel (issue 17): the same question gets 輪島市's window with 輪島市's
metadata, 鹿児島市's with 鹿児島市's, and the national answer alone without metadata."""

from __future__ import annotations

import uuid

import pytest

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
        ("172049", "172049", "JAのと輪島支店", "鹿児島"),
        ("輪島市", "172049", "JAのと輪島支店", "鹿児島"),
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
