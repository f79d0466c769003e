"""An elliptical follow-up read with the entry last answered (issue 26 item 1): a message that asks only a
fact that entry carries (「何時まで？」 after the 問い合わせ entry, 「上限はいくら？」 after an entry stating
its 上限) is answered by that entry, not by a neighbour of the subject nor another topic's 上限."""

from __future__ import annotations

import pytest

from tests.actions.context_play import play_turn

pytestmark = pytest.mark.integration


def _last(turns: list[str]) -> tuple[str | None, str]:
    slots: dict = {}
    messages: list[dict] = []
    for text in turns:
        messages = play_turn({"say": text}, slots)
    customs = [m.get("custom") or {} for m in messages]
    said = "\n".join(m.get("text") or "" for m in messages)
    return next((c.get("faq_id") for c in customs if c.get("type") == "faq_answer"), None), said


def test_the_hours_of_the_line_just_given() -> None:
    first = "相談会のこと問い合わせたいげんけど、どこに電話すりゃいいがやろ"  # a tuning row (w5-c005)
    assert _last([first])[0] == "disaster-wajima-contact"
    faq_id, said = _last([first, "何時まで？"])
    assert faq_id == "disaster-wajima-contact" and "17時15分" in said


def test_the_cap_of_the_entry_just_given() -> None:
    first = "外部の専門家を町に呼べる制度ってありますか"
    assert _last([first])[0] == "chiikiryoku-advisor-what-is"
    assert _last(["上限はいくら？"])[0] != "chiikiryoku-advisor-what-is"  # alone: another topic's 上限
    faq_id, said = _last([first, "上限はいくら？"])
    assert faq_id == "chiikiryoku-advisor-what-is" and "610万円" in said


def test_a_confident_sibling_of_the_subject_still_answers() -> None:
    """The ふるさと住民登録 overview names a date too; 「いつから？」 asks its 開始時期 entry's question."""
    assert _last(["ふるさと住民登録ってなに", "いつから？"])[0] == "furusato-touroku-start-date"
