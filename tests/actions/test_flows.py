from __future__ import annotations

from dataclasses import replace

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.damage import ActionAskDisasterPrefecture
from actions.disaster import ActionAskDisasterNeed, ActionDisasterSupport, ValidateDisasterForm
from actions.gyosei import (
    ActionAskContactMethod,
    ActionAskHandoffConsent,
    ActionGyoseiRouting,
    ValidateGyoseiForm,
)
from actions.kyoryokutai import ActionKyoryokutaiVerdict, ValidateKyoryokutaiForm, yes_no
from actions.services import serving
from faq.content.messages import message
from faq.content.versions import Actor, EntryVersions
from faq.residents.handoff import list_memos
from tests.actions.conftest import all_text, make_tracker, services_for

pytestmark = pytest.mark.integration


# -- 災害時の生活支援 -------------------------------------------------------------------------------------
def test_prefecture_from_free_text_and_need_from_the_same_message(dispatcher) -> None:
    tracker = make_tracker(
        "鹿児島の大雨で被災した。お金の支援は？", "disaster_help", active_loop="disaster_form"
    )
    slots = ValidateDisasterForm().validate_prefecture(
        "鹿児島の大雨で被災した。お金の支援は？", dispatcher, tracker, {}
    )
    assert slots == {"prefecture": "鹿児島県", "need": "お金"}


@pytest.mark.parametrize(("typed", "prefecture"), [("ワジマです", "石川県"), ("ｶｺﾞｼﾏｹﾝです", "鹿児島県")])
def test_a_place_typed_in_katakana_is_understood(dispatcher, typed: str, prefecture: str) -> None:
    # ワジマ is a disaster town (石川県), found only once read back as 輪島.
    tracker = make_tracker(typed, "inform", active_loop="disaster_form")
    slots = ValidateDisasterForm().validate_prefecture(typed, dispatcher, tracker, {})
    assert slots["prefecture"] == prefecture


def test_unknown_prefecture_is_asked_again(dispatcher) -> None:
    tracker = make_tracker("うちの近く", "inform", active_loop="disaster_form")
    assert ValidateDisasterForm().validate_prefecture("うちの近く", dispatcher, tracker, {}) == {
        "prefecture": None
    }
    assert dispatcher.messages[0]["text"] == message("disaster.prefecture_again", example="鹿児島県")


def test_a_question_instead_of_a_prefecture_is_answered_when_the_faq_can(dispatcher) -> None:
    question = "罹災証明書はどこでもらえますか"
    tracker = make_tracker(question, "inform", active_loop="gyosei_form")
    assert ValidateGyoseiForm().validate_prefecture(question, dispatcher, tracker, {}) == {"prefecture": None}
    message = dispatcher.messages[0]
    assert message["custom"]["type"] == "faq_answer" and "罹災証明" in message["text"]


def test_an_out_of_scope_question_instead_of_a_prefecture_is_told_so(dispatcher) -> None:
    tracker = make_tracker("今日の天気は？", "inform", active_loop="gyosei_form")
    assert ValidateGyoseiForm().validate_prefecture("今日の天気は？", dispatcher, tracker, {}) == {
        "prefecture": None
    }
    assert [m["text"] for m in dispatcher.messages] == [
        message("disaster.side_question_unanswered", example="福岡県")
    ]


def test_need_question_names_the_local_centre_and_the_active_disaster(dispatcher) -> None:
    ActionAskDisasterNeed().run(
        dispatcher, make_tracker("鹿児島県です", "inform", {"prefecture": "鹿児島県"}), {}
    )
    text = all_text(dispatcher)
    assert "099-223-1100" in text and "0570-090110" in text  # きくみみ鹿児島 and the guidebook's dial
    assert "台風12号" in text
    assert len(dispatcher.messages[0]["buttons"]) == 8


def test_support_lists_the_guidebook_items_for_money(dispatcher) -> None:
    tracker = make_tracker("お金", "inform", {"prefecture": "鹿児島県", "need": "お金"})
    ActionDisasterSupport().run(dispatcher, tracker, {})
    text = all_text(dispatcher)
    for item in ("生活再建のための支援金の支給", "災害弔慰金", "災害援護資金の貸付", "生活福祉資金の貸付"):
        assert item in text
    assert "0570-090-110" in text and "きくみみ鹿児島" in text
    assert "資料には書かれていません" in text  # no invented amounts


def test_wajima_event_appears_for_ishikawa(dispatcher) -> None:
    ActionDisasterSupport().run(
        dispatcher, make_tracker("住まい", "inform", {"prefecture": "石川県", "need": "住まい"}), {}
    )
    assert "JAのと輪島支店" in all_text(dispatcher)


# -- 地域おこし協力隊 ----------------------------------------------------------------------------------------
def test_staff_skip_the_member_questions(dispatcher) -> None:
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    tracker = make_tracker("役場の担当です", "inform", {"role": "staff"}, active_loop="kyoryokutai_form")
    coroutine = ValidateKyoryokutaiForm().required_slots(
        ["role", "lives_in_city", "will_move", "activity"], dispatcher, tracker, {}
    )
    # In a thread of its own: the browser tests' Playwright keeps an event loop in this one.
    with ThreadPoolExecutor(1) as thread:
        slots = thread.submit(asyncio.run, coroutine).result()
    assert slots == ["role"]


@pytest.mark.parametrize(
    ("typed", "meaning"),
    [
        ("はい", "yes"),
        ("いいえ", "no"),
        ("わからない", "unknown"),
        ("東京に住んでる", "yes"),
        ("yes", "yes"),
        ("えっと", None),
    ],
)
def test_yes_no_understanding(typed: str, meaning: str | None) -> None:
    assert yes_no(typed) == meaning


MEMBER_SLOTS = {"role": "member", "lives_in_city": "yes", "will_move": "yes", "activity": "農業をやりたい"}
REVIEWER = Actor("reviewer1", "reviewer")


def test_member_verdict_quotes_the_rule_and_never_invents_pay(dispatcher, shared_service) -> None:
    ActionKyoryokutaiVerdict().run(dispatcher, make_tracker("農業", "inform", MEMBER_SLOTS), {})
    reply = dispatcher.messages[0]
    assert reply["custom"]["verdict"] == "verdict_fits"
    text = reply["text"]
    assert text.startswith(message("kyoryokutai.verdict_fits"))
    assert message("kyoryokutai.local_industry", activity="農業をやりたい") in text
    assert message("kyoryokutai.next_steps") in text  # salary, age and timing: not in the sources
    # The rule, the term, the caps and the support desk are the entries' own answers, with their source.
    store = shared_service.store
    for entry_id in (
        "kyoryokutai-eligibility",
        "kyoryokutai-term-length",
        "kyoryokutai-kigyo-support-amount",
    ):
        entry = store.get(entry_id)
        assert f"{entry.answer}（出典：{entry.source.citation()}）" in text
    assert "002:L" not in text  # line references are for staff (issue 29, item 4)
    assert "概ね1年以上3年以下" in text and "越前屋ビル" in text
    assert [b["payload"] for b in reply["buttons"]] == [
        '/choose_faq{"faq_id": "kyoryokutai-consult"}',
        '/choose_faq{"faq_id": "kyoryokutai-term-extension-5yr"}',
    ]


def test_a_console_edit_of_the_entries_reaches_the_verdict(dispatcher, isolated_service) -> None:
    # Staff change the support desk's address and the start-up cap in the console (draft → publish): the
    # next verdict says what they published, and no longer the old address or cap.
    with serving(services_for(isolated_service)):
        versions = EntryVersions(isolated_service.store)
        desk = isolated_service.store.get("kyoryokutai-consult")
        moved = desk.answer.replace("東京都中央区京橋1-1-6 越前屋ビル", "東京都千代田区霞が関2-1-2")
        caps = isolated_service.store.get("kyoryokutai-kigyo-support-amount")
        raised = caps.answer.replace("1人100万円を上限", "1人150万円を上限")
        assert moved != desk.answer and raised != caps.answer
        for entry, answer in ((desk, moved), (caps, raised)):
            versions.save_draft(replace(entry, answer=answer), REVIEWER, "住所・上限額の更新")
            versions.publish(entry.id, REVIEWER)
        ActionKyoryokutaiVerdict().run(dispatcher, make_tracker("農業", "inform", MEMBER_SLOTS), {})
        text = dispatcher.messages[0]["text"]
        assert "東京都千代田区霞が関2-1-2" in text and "1人150万円を上限" in text
        assert "越前屋ビル" not in text and "100万円を上限" not in text


def test_a_retired_entry_is_left_out_of_the_verdict_not_quoted(dispatcher, isolated_service) -> None:
    with serving(services_for(isolated_service)):
        startup = isolated_service.store.get("kyoryokutai-kigyo-support-amount")
        EntryVersions(isolated_service.store).retire(startup.id, REVIEWER, "統合")
        ActionKyoryokutaiVerdict().run(dispatcher, make_tracker("農業", "inform", MEMBER_SLOTS), {})
        text = dispatcher.messages[0]["text"]
        assert startup.answer not in text
        assert message("kyoryokutai.next_steps") in text


@pytest.mark.parametrize(
    ("city", "move", "verdict"),
    [
        ("yes", "no", "verdict_will_not_move"),
        ("no", "yes", "verdict_not_city"),
        ("unknown", "yes", "verdict_city_unknown"),
    ],
)
def test_member_verdicts_by_answer(dispatcher, city: str, move: str, verdict: str) -> None:
    slots = {"role": "member", "lives_in_city": city, "will_move": move, "activity": "観光"}
    ActionKyoryokutaiVerdict().run(dispatcher, make_tracker("いいえ", "deny", slots), {})
    reply = dispatcher.messages[0]
    assert reply["custom"]["verdict"] == verdict
    assert reply["text"].startswith(message(f"kyoryokutai.{verdict}"))


def test_staff_get_caps_advisers_and_training(dispatcher) -> None:
    ActionKyoryokutaiVerdict().run(dispatcher, make_tracker("", "inform", {"role": "staff"}), {})
    text = dispatcher.messages[0]["text"]
    assert text.startswith(message("kyoryokutai.staff_lead"))
    assert "特別交付税措置" in text and "アドバイザー" in text and "研修" in text


# -- 行政相談 -----------------------------------------------------------------------------------------------
def test_hokkaido_city_fills_prefecture_and_area(dispatcher) -> None:
    tracker = make_tracker("北海道の函館市です", "inform", active_loop="gyosei_form")
    slots = ValidateGyoseiForm().validate_prefecture("北海道の函館市です", dispatcher, tracker, {})
    assert slots == {"prefecture": "北海道", "hokkaido_place": "函館"}


def test_consent_question_comes_after_the_card(dispatcher) -> None:
    tracker = make_tracker("北海道の函館市です", "inform", {"prefecture": "北海道", "hokkaido_place": "函館"})
    ActionAskHandoffConsent().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["custom"]["phone"] == "0138-27-1100"
    assert "相談メモ" in dispatcher.messages[1]["text"]


def test_handoff_memo_is_stored_redacted_with_a_reference(dispatcher, shared_service) -> None:
    # The opening message was a complaint wish; the memo carries the trouble the resident then described.
    first = {"event": "user", "text": "苦情を言いたい", "parse_data": {"intent": {"name": "gyosei_soudan"}}}
    topic = "年金の手続でたらい回し。090-1234-5678 まで連絡ください"
    tracker = make_tracker(
        "電話",
        "inform",
        {"prefecture": "大阪府", "handoff_consent": "yes", "handoff_topic": topic, "contact_method": "電話"},
        events=[first],
    )
    before = len(list_memos(shared_service.store))  # a scratch copy: test memos stay out of the real inbox
    ActionGyoseiRouting().run(dispatcher, tracker, {})
    memos = list_memos(shared_service.store)
    assert len(memos) == before + 1
    memo = memos[-1]
    assert dispatcher.messages[0]["text"] == message("gyosei.memo_stored", reference=memo.reference)
    assert "090-1234-5678" not in memo.topic and "[電話番号]" in memo.topic
    assert memo.kikumimi == "きくみみ大阪" and memo.status == "new"
    assert memo.topic.startswith("年金の手続でたらい回し") and memo.contact_method == "電話"


@pytest.mark.parametrize(
    "typed", ["電話", "苦情を言いたい", "くじょう いいたいです", "担当者と話したい", "/affirm"]
)
def test_the_contact_method_or_a_wish_to_complain_is_not_the_topic(dispatcher, typed: str) -> None:
    tracker = make_tracker(typed, "inform", {"prefecture": "大阪府", "handoff_consent": "yes"})
    assert ValidateGyoseiForm().validate_handoff_topic(typed, dispatcher, tracker, {}) == {
        "handoff_topic": None
    }
    assert dispatcher.messages[0]["text"] == message("handoff_memo.not_a_topic")


def test_the_trouble_is_taken_and_shown_back_redacted_before_consent(dispatcher) -> None:
    topic = "パスポートの申請が遅れている。連絡は090-1234-5678"
    tracker = make_tracker(topic, "ask_faq", {"prefecture": "大阪府", "handoff_consent": "yes"})
    assert ValidateGyoseiForm().validate_handoff_topic(topic, dispatcher, tracker, {}) == {
        "handoff_topic": topic
    }
    asked = CollectingDispatcher()
    ActionAskContactMethod().run(asked, make_tracker("", "inform", {"handoff_topic": topic}), {})
    shown = all_text(asked)
    assert "パスポートの申請が遅れている" in shown and "[電話番号]" in shown and "090-1234-5678" not in shown
    assert "残さない" in shown  # consent can still be withdrawn


def test_withdrawn_consent_stores_nothing(dispatcher, shared_service) -> None:
    slots = {
        "prefecture": "大阪府",
        "handoff_consent": "yes",
        "handoff_topic": "年金の手続",
        "contact_method": "no",
    }
    before = len(list_memos(shared_service.store))
    ActionGyoseiRouting().run(dispatcher, make_tracker("/deny", "deny", slots), {})
    assert len(list_memos(shared_service.store)) == before
    assert dispatcher.messages[0]["text"] == message("handoff_memo.not_stored")


def _asked_again_after(topic: str, slot: str = "need") -> tuple[CollectingDispatcher, list]:
    """The disaster flow about to ask ``slot`` again in a turn that answered a question of ``topic``."""
    events = [{"event": "action", "name": "action_answer_faq"}]
    tracker = make_tracker(
        "協力隊の任期は？",
        slots={"prefecture": "石川県", "requested_slot": slot, "context_topic": topic},
        active_loop="disaster_form",
    )
    tracker.events.extend(events)
    dispatcher = CollectingDispatcher()
    if slot == "need":
        return dispatcher, ActionAskDisasterNeed().run(dispatcher, tracker, {})
    return dispatcher, ActionAskDisasterPrefecture().run(dispatcher, tracker, {})


@pytest.mark.parametrize("slot", ["need", "prefecture"])
def test_the_disaster_flow_lets_go_when_the_resident_moves_to_another_topic(slot: str) -> None:
    """Issue 26: the flow asked again after each of three unrelated answers; now it lets go (one button)."""
    dispatcher, events = _asked_again_after("地域おこし協力隊", slot)
    assert {"event": "active_loop", "name": None, "timestamp": None} in events
    assert dispatcher.messages[0]["text"] == message("disaster.let_go")
    assert dispatcher.messages[0]["buttons"][0]["payload"] == "/disaster_help"


def test_a_disaster_question_in_the_flow_keeps_it() -> None:
    dispatcher, events = _asked_again_after("災害時の生活支援")
    assert events == [] and "石川県" in dispatcher.messages[0]["text"]
