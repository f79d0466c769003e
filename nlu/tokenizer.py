"""Rasa tokenizer for Japanese: fugashi + unidic-lite through the FAQ engine's analyzer."""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

from faq.text import JapaneseAnalyzer


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class FugashiTokenizer(Tokenizer):
    """Splits Japanese with the same analyzer the FAQ index uses, so both see the same words.

    Token text and offsets are those of the message as typed (entity spans stay right even for
    half-width katakana); the lemma is normalised (NFKC, case, 表記ゆれ: 協力体 → 協力隊), and the
    featurizers use lemmas by default.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            # Split intent names into tokens (Rasa's own option; unused for Japanese intents).
            "intent_tokenization_flag": False,
            # Symbol intents would be split on when the flag above is set.
            "intent_split_symbol": "_",
            # Optional regex that further splits each token (Rasa's own option; none needed here).
            "token_pattern": None,
            # Symbol on which prefixed intents/actions are split (Rasa's own option).
            "prefix_separator_symbol": None,
        }

    @staticmethod
    def supported_languages() -> list[str] | None:
        return ["ja"]

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__(config)
        self.analyzer = JapaneseAnalyzer()

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        text = message.get(attribute) or ""
        tokens = [
            Token(t.text, t.start, t.start + len(t.text), lemma=t.lemma)
            for t in self.analyzer.tokenize_original(text)
            if t.text.strip() and t.pos not in ("補助記号", "空白")
        ]
        if not tokens and text.strip():
            tokens = [Token(text, 0, len(text), lemma=text)]  # symbols only: one token, never none
        return self._apply_token_pattern(tokens)
