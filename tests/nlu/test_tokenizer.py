"""FugashiTokenizer built as the pipeline in config.yml builds it, and process() called on Messages.

No model, no training: the component alone, as rasa-nlu-examples tests its tokenizers. Offsets are those
of the text as typed (entity spans depend on them); lemmas are normalised for the featurizers.
"""

from __future__ import annotations

import pytest
import yaml
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from faq.settings import PROJECT_ROOT
from nlu.tokenizer import FugashiTokenizer

pytestmark = pytest.mark.unit


def pipeline_config() -> dict:
    """The tokenizer's entry of config.yml over its defaults, as Rasa's graph builder merges them."""
    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))
    (entry,) = [c for c in config["pipeline"] if c["name"] == "nlu.tokenizer.FugashiTokenizer"]
    options = {k: v for k, v in entry.items() if k != "name"}
    return {**FugashiTokenizer.get_default_config(), **options}


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory) -> FugashiTokenizer:
    storage = LocalModelStorage(tmp_path_factory.mktemp("tokenizer"))
    context = ExecutionContext(graph_schema=None, model_id="test")  # type: ignore[arg-type]
    return FugashiTokenizer.create(pipeline_config(), storage, Resource("tokenizer"), context)


def tokens(tokenizer: FugashiTokenizer, text: str) -> list[tuple[str, int, int, str]]:
    message = Message(data={TEXT: text})
    tokenizer.process([message])
    return [(t.text, t.start, t.end, t.lemma) for t in message.get(TOKENS_NAMES[TEXT])]


def test_config_yml_names_this_component_for_japanese() -> None:
    assert "ja" in (FugashiTokenizer.supported_languages() or [])
    assert pipeline_config()["intent_tokenization_flag"] is False


def test_half_width_katakana_keeps_the_offsets_typed_and_a_normalised_lemma(tokenizer) -> None:
    text = "協力隊の任期ってﾅﾝﾈﾝ？"
    got = tokens(tokenizer, text)
    assert "任期" in [t[0] for t in got]
    assert ("ﾅﾝ", 8, 10, "ナン") in got  # as typed, lemma in full-width kana (NFKC)
    assert all(text[start:end] == surface for surface, start, end, _ in got)
    assert "？" not in [t[0] for t in got]  # punctuation is not a token


def test_a_full_width_space_is_skipped_and_verbs_get_their_dictionary_form(tokenizer) -> None:
    got = tokens(tokenizer, "大阪府　高槻市に住んでます")
    assert [t[0] for t in got][:4] == ["大阪", "府", "高槻", "市"]
    assert got[2][1:3] == (4, 6)  # after the full-width space, which is no token
    assert ("住ん", 8, 10, "住む") in got


def test_a_message_of_symbols_only_still_gets_one_token(tokenizer) -> None:
    assert tokens(tokenizer, "！？") == [("！？", 0, 2, "！？")]


def test_an_empty_message_gets_no_token(tokenizer) -> None:
    assert tokens(tokenizer, "") == []
