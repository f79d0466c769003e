from __future__ import annotations

import pytest

from faq.model import Outcome
from faq.search.context import (
    DISASTER,
    KIKUMIMI,
    ConversationContext,
    names_own_subject,
    read_message,
)
from faq.search.siblings import asks_only_of_the_entry, carried_by_the_entry, from_a_sibling

pytestmark = pytest.mark.unit
TERM = ConversationContext(
    faq_id="kyoryokutai-term-length", question="地域おこし協力隊の任期はどのくらいですか？"
)


@pytest.mark.parametrize("typed", ["じゃあ福岡は？", "福岡は", "ほな福岡は？", "ふくおかは？"])
def test_another_place_after_a_card(typed: str) -> None:
    reading = read_message(typed, ConversationContext(place="大阪府", topic=KIKUMIMI))
    assert (reading.kind, reading.place) == ("place", "福岡県")


def test_a_facet_of_the_card() -> None:
    reading = read_message("電話番号は？", ConversationContext(place="大阪府", topic=KIKUMIMI))
    assert (reading.kind, reading.place) == ("facet", "大阪府")


@pytest.mark.parametrize("typed", ["延長できる？", "それって延長できる？", "のばせるの？"])
def test_a_fragment_after_an_answer_is_searched_with_its_subject(typed: str) -> None:
    reading = read_message(typed, TERM)
    assert reading.kind == "follow_up" and "任期" in reading.query and "協力" in reading.query


@pytest.mark.parametrize("typed", ["お金のことも", "お金のことも知りたい", "仕事は？"])
def test_a_need_after_the_disaster_list_keeps_the_place(typed: str) -> None:
    reading = read_message(typed, ConversationContext(place="石川県", topic=DISASTER, need="住まい"))
    assert reading.kind == "disaster_need" and reading.place == "石川県"


@pytest.mark.parametrize(
    "typed", ["罹災証明書はどこでもらえますか", "きくみみって何ですか", "協力隊の任期は延長できる？"]
)
def test_a_complete_question_is_new(typed: str) -> None:
    assert read_message(typed, TERM).kind == "new"


def test_nothing_to_go_on_means_new() -> None:
    assert read_message("延長できる？", ConversationContext()).kind == "new"


@pytest.mark.parametrize(
    ("typed", "own"), [("きくみみって何ですか", True), ("住民票は？", False), ("給料もらってるの？", False)]
)
def test_names_own_subject(typed: str, own: bool) -> None:
    assert names_own_subject(typed) is own


ADVISOR = ConversationContext(
    faq_id="chiikiryoku-advisor-what-is",
    question="地域力創造アドバイザー（外部専門家）制度とは何ですか？",
    answer="上限は1市町村当たり民間専門家610万円/年、先進自治体職員240万円/年で、最大3年間です。",
    topic="地域づくり・地域運営",
)


def test_a_topic_the_last_entry_speaks_of_is_no_subject_of_its_own() -> None:
    """「上限はいくら？」 alone is a complete question (another entry's 上限); after an entry that states its
    上限 it asks about that entry."""
    assert names_own_subject("上限はいくら？")
    assert not names_own_subject("上限はいくら？", ADVISOR.answer)
    assert read_message("上限はいくら？", ADVISOR).kind == "follow_up"
    assert read_message("起業人の上限はいくら？", ADVISOR).kind == "new"


CONTACT = ConversationContext(
    faq_id="disaster-wajima-contact",
    question="輪島市の災害合同相談所の問い合わせ先を教えてください。",
    answer="問い合わせは総務省 石川行政評価事務所 076-222-5232（平日8時30分～17時15分）です。",
    topic="災害時の生活支援",
)


@pytest.mark.parametrize(
    ("typed", "context", "of_the_entry"),
    [
        ("何時まで？", CONTACT, True),
        ("上限はいくら？", ADVISOR, True),
        ("申請はいつまで？", CONTACT, False),  # the 申請: a side the entry says nothing of
        ("土曜は休み？", CONTACT, False),
    ],
)
def test_a_message_asking_only_of_the_entry(
    typed: str, context: ConversationContext, of_the_entry: bool
) -> None:
    assert asks_only_of_the_entry(typed, context) is of_the_entry


def test_a_fact_the_entry_carries() -> None:
    assert carried_by_the_entry("何時まで？", CONTACT)
    assert not carried_by_the_entry("いくら？", CONTACT)  # no amount in it
    assert not carried_by_the_entry("住所は？", CONTACT)  # asks no kind of fact
    assert not carried_by_the_entry("何時まで？", ConversationContext(subject="輪島 相談"))


TRAINING = ConversationContext(
    faq_id="kyoryokutai-training-shoninsha",
    question="初任者研修の日程と場所を教えてください。",
    answer="R8.4.13～4.15（全国市町村国際文化研修所、滋賀県大津市）、R8.5.11～5.13（千葉県千葉市）",
    topic="地域おこし協力隊",
)


@pytest.mark.parametrize("typed", ["滋賀のほうの電話番号は", "千葉のは？"])
def test_a_place_the_last_entry_names_asks_about_the_entry(typed: str) -> None:
    assert read_message(typed, TRAINING).kind != "place"


def test_a_place_the_last_entry_does_not_name_is_another_place() -> None:
    assert read_message("福岡のは？", TRAINING).kind == "place"


@pytest.mark.parametrize("typed", ["その前の年は？", "いつまで？", "何時から？"])
def test_a_follow_up_without_a_word_of_its_own_is_searched_with_the_subject_only(typed: str) -> None:
    reading = read_message(typed, TERM)
    assert reading.kind == "follow_up" and reading.alternative is None


@pytest.mark.parametrize(("typed", "alone"), [("給料は？", "給料は?"), ("のばせるの？", "のばせるの?")])
def test_a_follow_up_with_a_word_or_a_doing_of_its_own_is_searched_alone_too(typed: str, alone: str) -> None:
    assert read_message(typed, TERM).alternative == alone  # normalised: ? for ？


@pytest.mark.parametrize("typed", ["何時から？", "車で行っても停めるとこあるがけ"])
def test_after_a_clarification_the_last_answered_subject_still_reads_the_follow_up(typed: str) -> None:
    """A もしかして clears the current entry (a vote must not reach it), not what the conversation is about:
    the subject and category of the last entry answered (輪島's 相談所) still complete a follow-up."""
    after_clarify = ConversationContext(subject="輪島 災害 合同 相談 所", topic="災害時の生活支援")
    reading = read_message(typed, after_clarify)
    searched = reading.in_context if reading.kind == "new" else reading
    assert searched is not None and searched.query.startswith("輪島 災害 合同 相談 所")


def test_after_a_card_an_older_subject_does_not_come_back() -> None:
    """After a きくみみ card the conversation is about that centre, not an entry answered before it."""
    after_card = ConversationContext(place="大阪府", topic=KIKUMIMI, subject="輪島 災害 合同 相談 所")
    reading = read_message("協力隊の任期は延長できる？", after_card)
    assert reading.kind == "new" and reading.in_context is None


@pytest.mark.integration
def test_a_fact_the_entry_lacks_is_taken_from_a_sibling_that_has_it(built_service) -> None:
    """「何時まで？」 after the 輪島 相談会's 予約 entry: that entry states no time, the overview of the same
    相談会 does (12:30～15:30), and the subject's search ranks it just below."""
    searched = built_service.search("輪島 相談 予約 何時まで？", 5)
    assert searched.hits[0].entry.id == "disaster-wajima-reservation" and searched.uncovered
    answered = from_a_sibling(searched, built_service.index)
    assert answered.outcome is Outcome.ANSWER and answered.hits[0].entry.id == "disaster-wajima-overview"
    assert "12:30" in answered.hits[0].entry.answer
