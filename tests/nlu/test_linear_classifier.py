"""LinearIntentClassifier trained and called directly, on features from the real tokenizer and featurizers.

No model archive, no server: the components as the pipeline chains them (rasa-nlu-examples tests its
components this way), on a dozen examples.
"""

from __future__ import annotations

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, METADATA, METADATA_INTENT, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import coo_matrix

from nlu.linear_classifier import LinearIntentClassifier
from nlu.tokenizer import FugashiTokenizer

pytestmark = pytest.mark.unit
CONTEXT = ExecutionContext(graph_schema=None, model_id="test")  # type: ignore[arg-type]
TRAINING = [
    ("こんにちは", "greet"),
    ("こんにちは、はじめまして", "greet"),
    ("おはようございます", "greet"),
    ("ありがとうございました", "thanks"),
    ("どうもありがとう", "thanks"),
    ("助かりました、ありがとう", "thanks"),
    ("協力隊の任期は何年？", "ask_faq"),
    ("住民票はコンビニで取れる？", "ask_faq"),
    ("罹災証明はどこで出してもらえる？", "ask_faq"),
    ("地震で家が壊れて困っています", "disaster_help"),
    ("台風で被災しました、助けて", "disaster_help"),
    ("大雨で家が浸水しました", "disaster_help"),
]


def node_context(name: str) -> ExecutionContext:
    """A graph node's context: its name becomes the origin of the features it makes."""
    return ExecutionContext(graph_schema=None, model_id="test", node_name=name)  # type: ignore[arg-type]


class Featurizers:
    """The tokenizer and two count-vector featurizers (words, characters), trained on the examples."""

    def __init__(self, storage: LocalModelStorage) -> None:
        self.tokenizer = FugashiTokenizer(FugashiTokenizer.get_default_config())
        words = {**CountVectorsFeaturizer.get_default_config()}
        chars = {**words, "analyzer": "char_wb", "min_ngram": 1, "max_ngram": 3}
        self.featurizers = [
            CountVectorsFeaturizer.create(config, storage, Resource(name), node_context(f"run_{name}"))
            for name, config in (("words", words), ("chars", chars))
        ]

    def train(self, data: TrainingData) -> TrainingData:
        self.tokenizer.process_training_data(data)
        for featurizer in self.featurizers:
            featurizer.train(data)
            featurizer.process_training_data(data)
        return data

    def message(self, text: str) -> Message:
        message = Message(data={TEXT: text})
        self.tokenizer.process([message])
        for featurizer in self.featurizers:
            featurizer.process([message])
        return message


@pytest.fixture(scope="module")
def storage(tmp_path_factory) -> LocalModelStorage:
    return LocalModelStorage(tmp_path_factory.mktemp("linear"))


@pytest.fixture(scope="module")
def features(storage) -> Featurizers:
    featurizers = Featurizers(storage)
    featurizers.data = featurizers.train(  # type: ignore[attr-defined]
        TrainingData([Message(data={TEXT: text, INTENT: intent}) for text, intent in TRAINING])
    )
    return featurizers


def trained(storage: LocalModelStorage, features: Featurizers, name: str) -> LinearIntentClassifier:
    classifier = LinearIntentClassifier.create({}, storage, Resource(name), CONTEXT)
    classifier.train(features.data)  # type: ignore[attr-defined]
    return classifier


@pytest.fixture(scope="module")
def classifier(storage, features) -> LinearIntentClassifier:
    trained(storage, features, "classifier")
    return LinearIntentClassifier.load({}, storage, Resource("classifier"), CONTEXT)  # as a served model


def classify(classifier: LinearIntentClassifier, features: Featurizers, text: str) -> Message:
    return classifier.process([features.message(text)])[0]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("こんにちは！", "greet"),
        ("本当にありがとうございました", "thanks"),
        ("協力隊の任期を知りたい", "ask_faq"),
        ("台風で家が壊れました", "disaster_help"),
    ],
)
def test_a_message_gets_the_intent_of_the_examples_it_resembles(classifier, features, text, intent) -> None:
    assert classify(classifier, features, text).get(INTENT)["name"] == intent


def test_the_ranking_is_a_probability_distribution_best_first(classifier, features) -> None:
    message = classify(classifier, features, "ありがとう")
    ranking = message.get(INTENT_RANKING_KEY)
    confidences = [r["confidence"] for r in ranking]
    assert sorted(r["name"] for r in ranking) == ["ask_faq", "disaster_help", "greet", "thanks"]
    assert confidences == sorted(confidences, reverse=True)
    assert sum(confidences) == pytest.approx(1.0)
    assert message.get(INTENT) == ranking[0]


def test_the_prediction_is_scikit_learns_logistic_regression(classifier, features) -> None:
    """The dot product and softmax give the probabilities scikit-learn's own predict_proba gives."""
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    rows = [classifier.columns(m) for m in features.data.intent_examples]  # type: ignore[attr-defined]
    matrix = np.zeros((len(rows), classifier.weights.shape[0]))
    for i, (cols, values) in enumerate(rows):
        np.add.at(matrix[i], cols, values)
    labels = [m.get(INTENT) for m in features.data.intent_examples]  # type: ignore[attr-defined]
    reference = make_pipeline(
        TfidfTransformer(norm=None), LogisticRegression(C=3.0, max_iter=1000, random_state=13)
    ).fit(matrix, labels)
    message = features.message("協力隊で被災したら任期はどうなる")
    cols, values = classifier.columns(message)
    row = np.zeros((1, matrix.shape[1]))
    np.add.at(row[0], cols, values)
    assert list(reference.classes_) == classifier.intents
    assert classifier.config["C"] == 3.0 and classifier.config["idf"]
    assert classifier.probabilities(message) == pytest.approx(reference.predict_proba(row)[0], abs=1e-4)


def test_training_again_gives_the_same_weights_and_the_saved_model_the_same_answers(
    classifier, storage, features
) -> None:
    again = trained(storage, features, "again")
    assert np.array_equal(again.weights, classifier.weights) and np.array_equal(again.bias, classifier.bias)
    message = features.message("住民票とれる？")
    assert np.array_equal(again.probabilities(message), classifier.probabilities(message))


def test_the_saved_model_is_arrays_and_json_not_pickle(storage, classifier) -> None:
    with storage.read_from(Resource("classifier")) as folder:
        assert sorted(p.name for p in folder.iterdir()) == ["bias.npy", "layout.json", "weights.npy"]
        assert np.load(folder / "weights.npy", allow_pickle=False).dtype == np.float64


def test_features_it_was_not_trained_on_are_refused(classifier, features) -> None:
    message = features.message("こんにちは")
    wider = Features(coo_matrix(np.ones((1, 3))), "sentence", TEXT, "run_SomeOtherFeaturizer9")
    message.add_features(wider)
    with pytest.raises(ValueError, match="SomeOtherFeaturizer"):
        classifier.process([message])
    (name, _, width) = classifier.layout[0]
    narrow = Message(data={TEXT: "x"})
    narrow.add_features(Features(coo_matrix(np.ones((1, width - 1))), "sentence", TEXT, name))
    with pytest.raises(ValueError, match=f"trained on {width}"):
        classifier.process([narrow])


def test_a_message_without_features_gets_the_prior_not_an_error(classifier) -> None:
    message = classifier.process([Message(data={TEXT: ""})])[0]
    assert message.get(INTENT)["name"] in classifier.intents


def test_bad_settings_and_too_few_intents_are_refused(storage) -> None:
    with pytest.raises(ValueError, match="C must be positive"):
        LinearIntentClassifier.create({"C": 0}, storage, Resource("bad"), CONTEXT)
    one_intent = Featurizers(storage).train(TrainingData([Message(data={TEXT: "はい", INTENT: "affirm"})]))
    with pytest.raises(ValueError, match="at least two intents"):
        LinearIntentClassifier.create({}, storage, Resource("one"), CONTEXT).train(one_intent)


def test_payload_only_intents_are_never_given_to_typed_words(tmp_path) -> None:
    """The safety intents arrive only as payloads; their placeholder examples are English words, so a
    message in romaji (or the placeholder itself) must not be read as one of them."""
    payload_only = {METADATA_INTENT: {"payload_only": True}}
    data = TrainingData(
        [Message(data={TEXT: text, INTENT: intent}) for text, intent in TRAINING]
        + [
            Message(data={TEXT: word, INTENT: "insult", METADATA: payload_only})
            for word in ("insult", "abuse")
        ]
    )
    storage = LocalModelStorage(tmp_path)
    features = Featurizers(storage)
    features.train(data)
    classifier = LinearIntentClassifier.create({}, storage, Resource("payload"), CONTEXT)
    classifier.train(data)
    assert "insult" not in classifier.intents
    assert classify(classifier, features, "insult").get(INTENT)["name"] != "insult"
