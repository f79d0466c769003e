"""SmallTalkGuard.process() on messages as the classifier left them (no model, no server)."""

from __future__ import annotations

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, METADATA, METADATA_INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.small_talk_guard import SmallTalkGuard

pytestmark = pytest.mark.unit

TRAINING = [
    ("ありがとうございました、助かりました", "thanks", False),
    ("どうもありがとう", "thanks", False),
    ("こんにちは、はじめて使います", "greet", False),
    ("さようなら", "goodbye", False),
    ("はい", "affirm", False),
    ("はい、お願いします", "affirm", False),
    ("いいえ", "deny", False),
    ("違います", "deny", False),
    ("この案内はもういいです", "stop", False),
    ("住民票も移します", "affirm", True),  # a yes/no answer in words: its topic is not small talk
    ("協力隊の任期は？", "ask_faq", False),
]


def example(text: str, intent: str, form_answer: bool) -> Message:
    data = {TEXT: text, INTENT: intent}
    if form_answer:
        data[METADATA] = {METADATA_INTENT: {"form_answer": True}}
    return Message(data=data)


@pytest.fixture(scope="module")
def guard(tmp_path_factory) -> SmallTalkGuard:
    storage = LocalModelStorage(tmp_path_factory.mktemp("guard"))
    resource = Resource("small_talk_guard")
    context = ExecutionContext(graph_schema=None, model_id="test")  # type: ignore[arg-type]
    trained = SmallTalkGuard.create({}, storage, resource, context)
    trained.train(TrainingData([example(*row) for row in TRAINING]))
    return SmallTalkGuard.load({}, storage, resource, context)  # as a served model loads it


def classified(text: str, intent: str, confidence: float = 0.9) -> Message:
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": intent, "confidence": confidence})
    message.set(INTENT_RANKING_KEY, [{"name": intent, "confidence": confidence}])
    return message


def routed(guard: SmallTalkGuard, text: str, intent: str) -> str:
    return guard.process([classified(text, intent)])[0].get(INTENT)["name"]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("住民票", "affirm"),  # DIET said affirm 0.99 before (a form answer taught it 住民票)
        ("住民票コンビニで取れる？", "thanks"),
        ("じゃあ福岡は？", "goodbye"),
        ("協力隊になるには住民票を移さないといけない？", "deny"),
        ("じゅうみんひょう うつさないと だめ", "deny"),
        ("住民票は移すのでいい？", "affirm"),
        ("おうきゅうしゅうり おかね でる", "greet"),
        ("ありがとう、あと応急修理のことも知りたい", "thanks"),
        ("手続きの仕方を聞きたい", "stop"),
        ("いいえ、そうじゃなくて集落支援員のことが聞きたい", "deny"),  # a request, not an answer
    ],
)
def test_a_message_that_carries_a_topic_goes_to_the_faq(guard, text, intent) -> None:
    assert routed(guard, text, intent) == "ask_faq"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("ありがとうございました！", "thanks"),
        ("こんにちは", "greet"),
        ("さようなら〜", "goodbye"),
        ("はい", "affirm"),
        ("いいえ、違います", "deny"),
        ("この案内はもういいです", "stop"),
        # A flow's yes/no question answered in words is still an answer, not a question.
        ("住民票は移さない予定です", "deny"),
        ("はい、移すつもりです", "affirm"),
    ],
)
def test_small_talk_that_is_only_small_talk_keeps_its_intent(guard, text, intent) -> None:
    assert routed(guard, text, intent) == intent


def test_other_intents_and_button_payloads_are_left_alone(guard) -> None:
    assert routed(guard, "協力隊の任期は？", "kyoryokutai_eligibility") == "kyoryokutai_eligibility"
    assert routed(guard, '/inform{"role": "member"}', "affirm") == "affirm"


def test_the_classifier_choice_stays_in_the_ranking(guard) -> None:
    message = guard.process([classified("住民票コンビニで取れる？", "thanks", 0.92)])[0]
    assert message.get(INTENT) == {"name": "ask_faq", "confidence": 0.92}
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)] == ["ask_faq", "thanks"]


def test_form_answers_do_not_teach_the_lexicon(guard) -> None:
    assert "住民" not in guard.lexicon and "移す" not in guard.lexicon
    assert "案内" in guard.lexicon


@pytest.mark.parametrize(
    "text",
    [
        "被災したら税金待ってもらえる？",
        "被災したら役所に届けを出さないといけないの？",
        "被災者向けの住宅の支援について伺えますか",
    ],
)
def test_one_question_about_a_disaster_goes_to_the_faq_not_the_flow(guard, text) -> None:
    assert routed(guard, text, "disaster_help") == "ask_faq"


@pytest.mark.parametrize(
    "text",
    [
        "被災して困っています",
        "台風で家が浸水しました。どうしたらいいですか",
        "水害にあいました。助けてほしい",
        "地震で被災しました",
    ],
)
def test_a_plea_for_help_keeps_the_disaster_flow(guard, text) -> None:
    assert routed(guard, text, "disaster_help") == "disaster_help"
