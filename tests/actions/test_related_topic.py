"""Related questions under an answer come from the answer's own topic (category)."""

from __future__ import annotations

import json

import pytest

from faq.content.store import FaqStore

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.mark.parametrize(
    "question",
    [
        "罹災証明書はどこでもらえますか",
        "災害専用ダイヤルって何？",
        "協力隊の任期は何年ですか",
        "きくみみって何",
    ],
)
def test_related_questions_share_the_answers_category(server, question: str) -> None:
    store = FaqStore(f"sqlite:///{server.database}")
    (reply,) = server.conversation(question)
    # Rasa's REST channel sends the text with its buttons, then the custom payload that describes it.
    answers = [
        (text, m["custom"])
        for text, m in zip(reply, reply[1:], strict=False)
        if (m.get("custom") or {}).get("type") == "faq_answer"
    ]
    assert answers, reply
    for text, custom in answers:
        for button in text.get("buttons") or []:
            faq_id = json.loads(button["payload"].removeprefix("/choose_faq"))["faq_id"]
            assert store.get(faq_id).category == custom["category"], button["title"]
        assert "002:L" not in text["text"]  # the line reference is for staff...
        assert custom["source"]["ref"]  # ...and stays in custom
