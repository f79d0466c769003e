"""Rasa's REST messages rendered for LINE: within LINE's limits, and nothing of the reply lost."""

from __future__ import annotations

import json

import pytest

from bot.web.channels.line.render import MAX_TEXT, PostbackSigner, render, split_text
from faq.content.messages import message
from tests.bot.line.fake_line import message_problem, texts_of

pytestmark = pytest.mark.unit
SIGNER = PostbackSigner(b"secret")


def rendered(replies: list[dict]) -> list[dict]:
    messages = render(replies, SIGNER)
    assert message_problem(messages) == ""  # what the fake platform (as LINE) would refuse
    return messages


def test_many_messages_fit_in_five_and_keep_every_word() -> None:
    replies = [{"text": f"段落{n}です。"} for n in range(9)]
    messages = rendered(replies)
    assert len(messages) <= 5
    assert all(f"段落{n}です。" in texts_of({"messages": messages}) for n in range(9))


def test_a_long_text_is_split_at_5000_characters_on_a_line_break() -> None:
    text = "\n".join("あ" * 99 for _ in range(120))  # 11,999 characters
    parts = split_text(text)
    assert len(parts) == 3 and all(len(p) <= MAX_TEXT for p in parts)
    assert "\n".join(parts) == text
    assert len(rendered([{"text": text}])) == 3
    assert [len(p) for p in split_text("い" * 12_000)] == [5000, 5000, 2000]


def test_buttons_become_at_most_13_quick_replies_with_short_labels_and_signed_data() -> None:
    buttons = [
        {
            "title": f"とても長い質問のタイトルです、その{n}番目はこちら",
            "payload": f'/choose_faq{{"faq_id": "e{n}"}}',
        }
        for n in range(20)
    ]
    (last,) = rendered([{"text": "どれですか？", "buttons": buttons}])
    items = last["quickReply"]["items"]
    assert len(items) == 13
    first = items[0]["action"]
    assert first["type"] == "postback" and len(first["label"]) <= 20 and first["label"].endswith("…")
    assert first["displayText"] == buttons[0]["title"]  # the chat shows the whole title
    assert SIGNER.verify(first["data"]) == buttons[0]["payload"]


def test_postback_data_verifies_only_when_the_bot_signed_it() -> None:
    data = SIGNER.sign('/inform{"need": "お金"}')
    assert SIGNER.verify(data) == '/inform{"need": "お金"}'
    assert SIGNER.verify(data.replace("お金", "住まい")) is None
    assert SIGNER.verify("/menu") is None and PostbackSigner(b"other").verify(data) is None
    assert SIGNER.sign("/" + "x" * 300) is None  # over LINE's 300 characters: a message action instead
    (m,) = rendered([{"text": "？", "buttons": [{"title": "長い", "payload": "/" + "x" * 300}]}])
    assert m["quickReply"]["items"][0]["action"] == {"type": "message", "label": "長い", "text": "長い"}


EMERGENCY = [
    {
        "text": "すぐに 119 番に電話してください。\n\n出典：総務省消防庁",
        "buttons": [{"title": "ほかのことを相談する", "payload": "/menu"}],
    },
    {
        "custom": {
            "type": "emergency",
            "kind": "emergency",
            "calls": [{"phone": "119", "tel": "tel:119", "label": ""}],
        }
    },
]


def test_the_emergency_is_a_flex_bubble_with_a_tel_button_and_alt_text() -> None:
    (bubble,) = rendered(EMERGENCY)
    assert bubble["type"] == "flex" and bubble["altText"].startswith("すぐに 119 番")
    buttons = bubble["contents"]["footer"]["contents"]
    assert [b["action"]["uri"] for b in buttons] == ["tel:119"]
    assert "出典：総務省消防庁" in texts_of({"messages": [bubble]})
    assert bubble["quickReply"]["items"][0]["action"]["displayText"] == "ほかのことを相談する"


def test_the_kikumimi_card_is_a_bubble_calling_the_centre_and_the_complaint_line() -> None:
    card = {
        "type": "kikumimi_card",
        "name": "きくみみ石川",
        "address": "金沢市西念3-4-1",
        "phone": "076-264-1100",
        "tel": "tel:0762641100",
        "complaint_line": {"phone": "0570-090-110", "hours": "平日"},
        "web_form": "https://www.soumu.go.jp/form/hyouka/gyousei-form.html",
    }
    text = "きくみみ石川（総務省 行政相談センター）\n住所：金沢市西念3-4-1\n電話：076-264-1100\nインターネット受付：https://www.soumu.go.jp/form/hyouka/gyousei-form.html"
    (bubble,) = rendered([{"text": text}, {"custom": card}])
    uris = [b["action"]["uri"] for b in bubble["contents"]["footer"]["contents"]]
    assert uris == ["tel:0762641100", "tel:0570090110"]
    web = [c for c in bubble["contents"]["body"]["contents"] if "action" in c]
    assert web[0]["action"]["uri"] == card["web_form"]  # the web form's line opens it
    assert all(line in texts_of({"messages": [bubble]}) for line in text.split("\n"))


def test_an_answers_source_is_a_short_line() -> None:
    custom = {
        "type": "faq_answer",
        "source": {
            "document": "総務省「施策説明会」資料",
            "section": "地域おこし協力隊について",
            "ref": "002:L1",
        },
        "last_checked": "2026-11-22",
    }
    long = message(
        "source_line", citation="総務省「施策説明会」資料 地域おこし協力隊について", checked="2026年11月22日"
    )
    (m,) = rendered([{"text": f"Q. 任期は？\n概ね1年以上3年以下です。\n\n{long}"}, {"custom": custom}])
    assert m["text"].endswith(
        message("source_line", citation="総務省「施策説明会」資料", checked="2026年11月22日")
    )
    assert "地域おこし協力隊について" not in m["text"]


def test_every_rendering_passes_the_platforms_checks() -> None:
    """The shapes the assistant answers with, as the REST channel gives them, all within LINE's limits."""
    line = [
        {"text": "いま危険な状態なら 119（火事・急病・けが）へ電話してください。"},
        {"custom": {"type": "safety_line", "calls": [{"phone": "119", "tel": "tel:119"}]}},
        {"text": "都道府県を教えてください。"},
    ]
    needs = [
        {
            "text": "何が必要ですか？",
            "buttons": [
                {"title": t, "payload": f'/inform{{"need": "{t}"}}'}
                for t in ("住まい", "お金", "役所の手続・公共料金")
            ],
        }
    ]
    for replies in (
        line,
        needs,
        EMERGENCY,
        [{"custom": {"type": "kikumimi_card", "name": "きくみみ", "tel": "tel:1"}}],
    ):
        messages = rendered(json.loads(json.dumps(replies)))
        assert 1 <= len(messages) <= 5
