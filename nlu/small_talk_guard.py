"""Rasa component: small talk takes a message only when the message is small talk and nothing more."""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, METADATA, METADATA_INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from faq.text import JapaneseAnalyzer

logger = logging.getLogger(__name__)
LEXICON_FILE = "small_talk_lexicon.json"
# Parts of speech that say what a message is about (a noun, a verb, an adjective): "topic words".
TOPIC_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞"})
# The message asks something: a question mark, asking what one must / may do, or a request
# (「…が聞きたい」「教えて」).
ASKS = re.compile(
    r"[?？]|ないと\s*(いけ|いか|だめ|ダメ|あか|まず)|なければ|なきゃ|なくちゃ|ねば|でいい|でええ|てもいい|ていい"
    r"|教えて|おしえて|ほしい|(たい|たいです|たいんですが)[。！!]*$|(かな|かね|の|か)$"
)

# A plea for help in general (「どうしたらいい」「何から」「助けて」): what a flow is for, not one question.
PLEA = re.compile(
    r"どう(しよ|したら|すれば|すりゃ)|どないしよ|どげんし|何から|なにから|助けて|たすけて|困って|こまって"
)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class SmallTalkGuard(GraphComponent, IntentClassifier):
    """Gives a small-talk intent's message to the FAQ when the message carries a topic, and a plea flow's
    message to the FAQ when it asks one question and is no plea.

    At training it learns the small-talk lexicon: every word of the small-talk intents' examples, except
    examples whose intent block is marked ``metadata: {form_answer: true}`` (yes/no answers to a flow's
    question such as 「住民票も移します」, whose topic words must not become small talk). At inference, a
    message classified as small talk keeps its intent only when all its topic words are in that lexicon;
    a yes/no intent also keeps a plain statement with a verb (a form's yes/no question answered in
    words), never a question. Otherwise the intent becomes ``fallback_intent`` and the classifier's
    choice stays in the ranking.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            # Intents that only make conversation; nothing else is ever changed.
            "small_talk_intents": ["greet", "thanks", "goodbye", "affirm", "deny", "stop"],
            # Of those, the ones that answer a flow's yes/no question (kept for a statement with a verb).
            "yes_no_intents": ["affirm", "deny"],
            # Where a small-talk message that carries a topic goes instead (the rules send it to the FAQ).
            "fallback_intent": "ask_faq",
            # Flow intents for a plea for help: a message that asks one question, and is no plea, goes to
            # the FAQ instead (「被災したら税金待ってもらえる？」 asks about taxes).
            "plea_intents": ["disaster_help"],
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        lexicon: set[str] | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.lexicon = lexicon or set()
        self.analyzer = JapaneseAnalyzer()

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SmallTalkGuard:
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, *args: Any, **kwargs: Any) -> SmallTalkGuard:
        """The trained guard: made by :meth:`create` (Rasa's default ``load``), then its lexicon read back."""
        guard = super().load(*args, **kwargs)
        with guard._model_storage.read_from(guard._resource) as folder:
            guard.lexicon = set(json.loads((folder / LEXICON_FILE).read_text(encoding="utf-8")))
        return guard

    def train(self, training_data: TrainingData) -> Resource:
        small_talk = set(self.config["small_talk_intents"])
        for example in training_data.intent_examples:
            intent_metadata = (example.get(METADATA) or {}).get(METADATA_INTENT) or {}
            if example.get(INTENT) in small_talk and not intent_metadata.get("form_answer"):
                self.lexicon.update(self.topic_words(example.get(TEXT) or ""))
        with self._model_storage.write_to(self._resource) as folder:
            (folder / LEXICON_FILE).write_text(json.dumps(sorted(self.lexicon), ensure_ascii=False))
        return self._resource

    def topic_words(self, text: str) -> set[str]:
        return {t.lemma for t in self.analyzer.tokenize_original(text) if t.content and t.pos in TOPIC_POS}

    def keeps(self, intent: str, text: str) -> bool:
        """Whether a message the classifier called ``intent`` (small talk) is that and nothing more."""
        if not (self.topic_words(text) - self.lexicon):
            return True
        if intent not in self.config["yes_no_intents"] or ASKS.search(text.strip()):
            return False
        return any(t.pos == "動詞" for t in self.analyzer.tokenize_original(text))

    def asks_one_question(self, intent: str, text: str) -> bool:
        """Whether a message the classifier gave to a plea's flow asks a question and is no plea."""
        stripped = text.strip()
        plea_intent = intent in self.config["plea_intents"]
        return plea_intent and bool(ASKS.search(stripped)) and not PLEA.search(stripped)

    def process(self, messages: list[Message]) -> list[Message]:
        small_talk = set(self.config["small_talk_intents"])
        for message in messages:
            intent = (message.get(INTENT) or {}).get("name")
            text = message.get(TEXT) or ""
            if text.startswith("/"):
                continue
            if intent in small_talk and not self.keeps(intent, text):
                self.demote(message, intent)
            elif self.asks_one_question(intent, text):
                self.demote(message, intent)
        return messages

    def demote(self, message: Message, intent: str) -> None:
        """Give ``message`` to the fallback intent, the classifier's choice kept in the ranking."""
        confidence = float(message.get(INTENT).get("confidence") or 0.0)
        demoted = {"name": self.config["fallback_intent"], "confidence": confidence}
        ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != demoted["name"]]
        message.set(INTENT, demoted, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [demoted, *ranking], add_to_output=True)
        logger.debug("%s is not what the message asks for: sent to %s", intent, demoted["name"])
