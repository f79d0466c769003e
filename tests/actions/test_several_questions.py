"""Messages that ask several things (issue 26 item 2): each question answered on its own, with the words of
its siblings where it leaves them out, and never a centre for a place nobody asked about."""

from __future__ import annotations

import pytest

from actions.answering import ActionAnswerFaq
from tests.actions.conftest import answers_given, make_tracker

pytestmark = pytest.mark.integration


def test_an_event_named_after_the_window_is_no_request_for_a_card(dispatcher) -> None:
    """特別行政相談所 is a disaster's event: its name holds 行政相談, but a resident asking whether it opened
    in their town asks about the event, not for the prefecture's きくみみ (it gave きくみみ東京)."""
    text = "特別行政相談所って八丈町でも開いてましたか"
    ActionAnswerFaq().run(dispatcher, make_tracker(text), {})
    assert not [g for g in answers_given(dispatcher) if g.startswith("card:")]


@pytest.mark.parametrize(
    ("text", "second"),
    [
        # a question that leaves out its subject: the one before is its conversation; searched with it, the
        # sibling's entry comes first again, and the next one, which 「期間は」 alone ranks first, answers
        ("起業人の対象企業ってどこの会社？ 期間は？ 国の上限ってなんぼ", "entry:kigyojin-period"),
    ],
)
def test_a_question_that_leaves_out_its_subject_takes_its_siblings(
    dispatcher, text: str, second: str
) -> None:
    ActionAnswerFaq().run(dispatcher, make_tracker(text), {})
    given = answers_given(dispatcher)
    assert second in given, given


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a want to be told said politely asks (it was taken as telling, and nothing was answered)
        ("協力隊の任期は何年かと、報酬がいくらか教えてほしいです", {"entry:kyoryokutai-salary"}),
        # 〜て、 after a question word ends a question of its own
        (
            "協力隊の給料は誰が払ってて、何年つとめられるの？",
            {"entry:kyoryokutai-salary", "entry:kyoryokutai-term-length"},
        ),
    ],
)
def test_every_question_of_a_message_is_read(dispatcher, text: str, expected: set[str]) -> None:
    ActionAnswerFaq().run(dispatcher, make_tracker(text), {})
    given = set(answers_given(dispatcher))
    assert expected <= given, given


def test_a_question_naming_a_need_of_a_damage_message_gets_its_own_entry(dispatcher) -> None:
    """A damage message keeps its list; a question of it answered with confidence by an entry written for
    one of its needs (県税 for 役所の手続) gets that entry under its heading, and so does a disaster entry
    beside it (奨学金) — the list alone answered neither."""
    text = (
        "豪雨で家が半壊し、いまは親戚の家にいます。奨学金の返還を延ばしてもらえる制度はありますか。"
        "それと、被災した家庭向けの県税の減免はありますか。"
    )
    ActionAnswerFaq().run(dispatcher, make_tracker(text), {})
    given = answers_given(dispatcher)
    assert {"entry:disaster-guide-22-shogakukin", "entry:disaster-guide-13-kenzei"} <= set(given), given
    assert any((m.get("custom") or {}).get("type") == "disaster_support" for m in dispatcher.messages)


def test_a_need_answered_by_its_own_entry_still_puts_the_list_first(dispatcher) -> None:
    """The one part that names a need (お金) is answered with the entry written for it; the message still
    tells of damage, so its list of support comes first and names that need too (the story's sentences
    name none of their own here)."""
    text = (
        "賃貸アパートに住んでいます。地震で建物が危険と判定され、大家さんから退去してほしいと言われました。"
        "次の部屋の敷金や引っ越し代を出す余裕がありません。みなし仮設という制度は、賃貸に住んでいた人も対象に"
        "なるのでしょうか。家財もほとんど壊れてしまったので、生活を立て直すためのお金の支援があれば知りたいです。"
    )
    ActionAnswerFaq().run(dispatcher, make_tracker(text), {})
    first = dispatcher.messages[0].get("custom") or {}
    assert first.get("type") == "disaster_support", first
    assert "お金" in first["needs"], first
