"""Places in the actions: the FAQ answer, both flows' prefecture slot and the hand-off card."""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.answering import ActionAnswerFaq
from actions.disaster import ValidateDisasterForm
from actions.faq_actions import ActionShowFaq
from actions.gyosei import ActionAskHandoffConsent, ValidateGyoseiForm
from tests.actions.conftest import all_text, make_tracker

pytestmark = pytest.mark.integration


def test_faq_action_gives_the_towns_centre_not_the_neighbours(dispatcher: CollectingDispatcher) -> None:
    ActionAnswerFaq().run(
        dispatcher, make_tracker("町田市に住んでます。神奈川のほうが近いけど行政相談はどこ？"), {}
    )
    (card,) = dispatcher.messages
    assert card["custom"]["name"] == "きくみみ東京" and "045-681-1100" not in card["text"]


@pytest.mark.parametrize(
    ("text", "centre"),
    [
        ("広島の窓口はどこ", "きくみみ広島"),
        ("ほいで今の広島の窓口はどこなん", "きくみみ広島"),
        ("あと山形の人はどこにかけるの", "きくみみ山形"),
    ],
)
def test_a_question_about_nothing_but_a_place_gets_its_window(
    dispatcher: CollectingDispatcher, text: str, centre: str
) -> None:
    """Written by a writer who never saw the code (conversations, tuning): these got the no-answer."""
    ActionAnswerFaq().run(dispatcher, make_tracker(text), {})
    customs = [m.get("custom") or {} for m in dispatcher.messages]
    assert [c["name"] for c in customs if c.get("type") == "kikumimi_card"] == [centre], all_text(dispatcher)


def test_faq_action_asks_which_shared_name(dispatcher: CollectingDispatcher) -> None:
    ActionAnswerFaq().run(dispatcher, make_tracker("伊達市に住んでいます。行政相談の電話番号を教えて"), {})
    (question,) = dispatcher.messages
    assert question["custom"]["type"] == "place_choice"
    assert [b["payload"] for b in question["buttons"]] == ["北海道伊達市", "福島県伊達市"]
    assert "1100" not in question["text"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("札幌市中央区です。行政相談の窓口を教えて", {"prefecture": "北海道"}),
        ("〒760-0019の者ですが被災しました", {"prefecture": "香川県"}),
        ("被災して困っています", {}),
    ],
)
def test_a_flow_opened_with_a_place_takes_its_prefecture(text: str, expected: dict) -> None:
    for form, area in ((ValidateGyoseiForm(), {"hokkaido_place": "札幌"}), (ValidateDisasterForm(), {})):
        dispatcher = CollectingDispatcher()
        found = asyncio.run(form.extract_prefecture(dispatcher, make_tracker(text, "gyosei_soudan"), {}))
        # the 行政相談 flow keeps the Hokkaido centre's area too, so it does not ask for it again
        assert found == {**expected, **(area if expected.get("prefecture") == "北海道" else {})}
        assert dispatcher.messages == []


def test_the_widget_pages_municipality_fills_the_flow_when_the_message_names_no_place() -> None:
    tracker = make_tracker("行政相談の窓口を知りたい", "gyosei_soudan")
    tracker.latest_message["metadata"] = {"municipality": "北海道函館市"}
    found = asyncio.run(ValidateGyoseiForm().extract_prefecture(CollectingDispatcher(), tracker, {}))
    assert found == {"prefecture": "北海道", "hokkaido_place": "函館"}
    tracker = make_tracker("遠野市です。行政相談の窓口を知りたい", "gyosei_soudan")
    tracker.latest_message["metadata"] = {"municipality": "北海道函館市"}  # the message's own place wins
    found = asyncio.run(ValidateGyoseiForm().extract_prefecture(CollectingDispatcher(), tracker, {}))
    assert found == {"prefecture": "岩手県"}


def test_a_flow_asked_for_the_prefecture_offers_buttons_for_a_shared_name() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        "府中市です", "inform", {"requested_slot": "prefecture"}, active_loop="gyosei_form"
    )
    slots = ValidateGyoseiForm().validate_prefecture("府中市です", dispatcher, tracker, {})
    assert slots == {"prefecture": None}
    assert [b["title"] for b in dispatcher.messages[0]["buttons"]] == ["広島県府中市", "東京都府中市"]


def test_the_gyosei_flow_takes_the_hokkaido_area_from_the_town() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        "稚内市です", "inform", {"requested_slot": "prefecture"}, active_loop="gyosei_form"
    )
    slots = ValidateGyoseiForm().validate_prefecture("稚内市です", dispatcher, tracker, {})
    assert slots == {"prefecture": "北海道", "hokkaido_place": "旭川"}
    card = CollectingDispatcher()
    ActionAskHandoffConsent().run(card, make_tracker("", "inform", slots), {})
    assert card.messages[0]["custom"]["name"] == "きくみみ旭川"
    assert "area_note" not in card.messages[0]["custom"]


@pytest.mark.parametrize("town", ["北見市です", "小樽市に住んでます"])
def test_an_unconfirmed_hokkaido_area_gets_the_main_office_and_says_so(town: str) -> None:
    """オホーツク and 小樽市: no published page says which centre serves them — never a guessed centre."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(town, "inform", {"requested_slot": "prefecture"}, active_loop="gyosei_form")
    slots = ValidateGyoseiForm().validate_prefecture(town, dispatcher, tracker, {})
    assert slots["prefecture"] == "北海道" and slots["hokkaido_place"].startswith("北海道")
    card = CollectingDispatcher()
    ActionAskHandoffConsent().run(card, make_tracker("", "inform", slots), {})
    custom, text = card.messages[0]["custom"], card.messages[0]["text"]
    assert custom["name"] == "きくみみ北海道" and "確認できていません" in custom["area_note"]
    assert "0570-090-110" in text and "0166-39-1100" not in text  # not 旭川's number as if confirmed


def test_the_hokkaido_area_buttons_reach_their_centre() -> None:
    for payload_value, centre, noted in [
        ("函館", "きくみみ函館", False),
        ("旭川", "きくみみ旭川", False),
        ("オホーツク", "きくみみ北海道", True),
    ]:
        dispatcher = CollectingDispatcher()
        tracker = make_tracker("", "inform", {"prefecture": "北海道"}, active_loop="gyosei_form")
        slots = ValidateGyoseiForm().validate_hokkaido_place(payload_value, dispatcher, tracker, {})
        card = CollectingDispatcher()
        ActionAskHandoffConsent().run(card, make_tracker("", "inform", {"prefecture": "北海道", **slots}), {})
        assert card.messages[0]["custom"]["name"] == centre
        assert ("area_note" in card.messages[0]["custom"]) is noted


def test_faq_action_for_a_shiribeshi_town_gives_hakodate(dispatcher: CollectingDispatcher) -> None:
    ActionAnswerFaq().run(dispatcher, make_tracker("余市町に住んでます。行政相談の窓口はどこ？"), {})
    (card,) = dispatcher.messages
    assert card["custom"]["name"] == "きくみみ函館" and "011-709-1100" not in card["text"]


def test_romaji_read_as_a_button_still_gets_the_card(dispatcher: CollectingDispatcher) -> None:
    # Rasa's NLU reads 「Sapporo ni sunde imasu」 as choose_faq (no faq_id): it is answered as typed.
    ActionShowFaq().run(dispatcher, make_tracker("Sapporo ni sunde imasu", "choose_faq"), {})
    assert dispatcher.messages[0]["custom"]["name"] == "きくみみ北海道"


def test_a_romaji_question_for_the_window_gets_the_card(dispatcher: CollectingDispatcher) -> None:
    text = "Sapporo ni sunde imasu. gyousei soudan no denwa bangou"
    ActionShowFaq().run(dispatcher, make_tracker(text, "choose_faq"), {})
    assert dispatcher.messages[0]["custom"]["name"] == "きくみみ北海道"


@pytest.mark.parametrize(
    ("text", "centre"),
    [
        ("ﾄｵﾉｼ ﾆ ｽﾝﾃﾞﾏｽ。ｷﾞｮｳｾｲｿｳﾀﾞﾝ ﾉ ﾃﾞﾝﾜ", "きくみみ岩手"),
        ("とおのしにすんでます。ぎょうせいそうだんのでんわ", "きくみみ岩手"),
    ],
)
def test_a_window_asked_for_in_kana_gets_the_card(
    dispatcher: CollectingDispatcher, text: str, centre: str
) -> None:
    ActionAnswerFaq().run(dispatcher, make_tracker(text), {})
    assert dispatcher.messages[0]["custom"].get("name") == centre


def test_a_neighbour_named_in_passing_does_not_become_the_residents_prefecture(dispatcher) -> None:
    # NLU fills `prefecture` from 「神奈川」; the resolver reads where the resident lives (町田市 → 東京都),
    # and the flows that follow must use that, or a disaster message next gets きくみみ神奈川.
    text = "町田市に住んでます。神奈川のほうが近いけど行政相談はどこ？"
    tracker = make_tracker(text, slots={"prefecture": "神奈川県"})
    events = ActionAnswerFaq().run(dispatcher, tracker, {})
    assert "きくみみ東京" in all_text(dispatcher)
    assert {"event": "slot", "name": "prefecture", "value": "東京都", "timestamp": None} in events


def test_a_message_naming_no_place_leaves_the_prefecture_alone(dispatcher) -> None:
    tracker = make_tracker("協力隊の任期は？", slots={"prefecture": "福岡県"})
    events = ActionAnswerFaq().run(dispatcher, tracker, {})
    assert not [e for e in events if e.get("name") == "prefecture"]


def test_a_shared_name_is_asked_about_without_a_prefecture_the_message_does_not_say() -> None:
    """The slot's value is the understanding's guess (an entity from this turn's words); 「伊達市です」 names
    two places, and the question lists those two — not 「東京都・伊達市」 from the guess."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        "伊達市です", "inform", {"requested_slot": "prefecture"}, active_loop="disaster_form"
    )
    slots = ValidateDisasterForm().validate_prefecture("東京都", dispatcher, tracker, {})
    assert slots == {"prefecture": None}
    question = dispatcher.messages[0]
    assert [b["payload"] for b in question["buttons"]] == ["北海道伊達市", "福島県伊達市"]
    assert "東京" not in question["text"]


def test_a_town_area_named_with_its_town_gets_the_towns_centre(dispatcher: CollectingDispatcher) -> None:
    """倉敷の真備町: 倉敷 alone is an everyday word to the dictionary and 真備町 a former town (no entry knows
    it); the whole message got no answer before the names below the municipality were places."""
    ActionAnswerFaq().run(dispatcher, make_tracker("倉敷の真備町に住んでます。行政相談の窓口は？"), {})
    (card,) = dispatcher.messages
    assert card["custom"]["name"] == "きくみみ岡山"


@pytest.mark.parametrize(
    ("text", "centre"), [("函館住みなんだけど", "きくみみ函館"), ("倉敷に住んでるんやけど", "きくみみ岡山")]
)
def test_where_one_lives_said_with_an_ending_gets_the_card(
    dispatcher: CollectingDispatcher, text: str, centre: str
) -> None:
    """Conversations (tuning): 「函館住みなんだけど」 answering 北海道's four きくみみ got the no-answer; an
    ending that says a name as the answer to 'where?' (なんだけど, やけど) says nothing more."""
    ActionAnswerFaq().run(dispatcher, make_tracker(text), {})
    customs = [m.get("custom") or {} for m in dispatcher.messages]
    assert [c.get("name") for c in customs if c.get("type") == "kikumimi_card"] == [centre], all_text(
        dispatcher
    )


def test_a_place_word_never_costs_a_question_its_answer(dispatcher: CollectingDispatcher) -> None:
    """Searched whole, 「真備町箭田に住んでます。協力隊の任期は？」 found nothing (no entry knows 真備町箭田);
    searched again without the place words, it is answered or offered (もしかして), never refused."""
    ActionAnswerFaq().run(dispatcher, make_tracker("真備町箭田に住んでます。協力隊の任期は？"), {})
    assert dispatcher.messages[0]["custom"]["type"] != "no_answer", dispatcher.messages[0]


def test_a_name_below_the_municipality_alone_is_confirmed_with_buttons(
    dispatcher: CollectingDispatcher,
) -> None:
    """Issue 26: never a centre the resident did not ask for. 真備町 alone is a 町域 prefix: confirmed with a
    button for its town (the place-choice payload, which gives the card) and 「ちがう」 (the 行政相談 flow,
    which asks for the prefecture); no centre's number before the resident says which."""
    ActionAnswerFaq().run(dispatcher, make_tracker("真備町に住んでます。行政相談の窓口は？"), {})
    (question,) = dispatcher.messages
    assert question["custom"]["type"] == "place_choice" and question["custom"]["confirm"]
    assert question["text"] == "倉敷市（岡山県）の真備町のことですか？"
    assert [(b["title"], b["payload"]) for b in question["buttons"]] == [
        ("岡山県倉敷市", "岡山県倉敷市"),
        ("ちがう", "/gyosei_soudan"),
    ]
    assert "1100" not in question["text"]
    chosen = CollectingDispatcher()
    ActionAnswerFaq().run(chosen, make_tracker(question["buttons"][0]["payload"], "inform"), {})
    (card,) = chosen.messages
    assert card["custom"]["name"] == "きくみみ岡山"


def test_a_flow_asking_the_prefecture_confirms_a_station_and_asks_again_on_no() -> None:
    for form in (ValidateGyoseiForm(), ValidateDisasterForm()):
        dispatcher = CollectingDispatcher()
        tracker = make_tracker(
            "博多駅の近くです", "inform", {"requested_slot": "prefecture"}, active_loop="f"
        )
        assert form.validate_prefecture("博多駅の近くです", dispatcher, tracker, {}) == {"prefecture": None}
        (question,) = dispatcher.messages
        assert [b["payload"] for b in question["buttons"]] == ["福岡県福岡市博多区", "ちがう"]
        no = CollectingDispatcher()
        tracker = make_tracker("ちがう", "deny", {"requested_slot": "prefecture"}, active_loop="f")
        assert form.validate_prefecture("ちがう", no, tracker, {}) == {"prefecture": None}
        assert no.messages == []  # the flow asks for the prefecture in its own words
