"""Rasa intent classifier: a linear model over the featurizers' sparse sentence features.

Prediction is one sparse dot product and a softmax in numpy: the message's non-zero features pick rows of
the weight matrix. Rasa's own ``LogisticRegressionClassifier`` is the same kind of model but spends most
of its time in scikit-learn's per-call checks and scipy's ``hstack``/``vstack`` on a one-row input; DIET
spends it in TensorFlow. Training is scikit-learn's ``LogisticRegression`` (lbfgs, deterministic, seeded) on
idf-weighted features, and the model is saved as ``.npy`` arrays and JSON, loaded without pickle.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import numpy as np
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.featurizers.featurizer import Featurizer
from rasa.shared.nlu.constants import (
    FEATURE_TYPE_SENTENCE,
    INTENT,
    INTENT_RANKING_KEY,
    METADATA,
    METADATA_INTENT,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression

logger = logging.getLogger(__name__)
WEIGHTS_FILE, BIAS_FILE, LAYOUT_FILE = "weights.npy", "bias.npy", "layout.json"
PAYLOAD_ONLY = "payload_only"  # intent metadata: sent only as a payload, never learnt from words


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(GraphComponent, IntentClassifier):
    """Multinomial logistic regression on the sentence features of every sparse featurizer.

    The layout (which featurizer's columns come where, and how wide each is) is learnt at training; a
    message whose features do not fit it is refused with a ``ValueError`` rather than misread. Intents whose
    block is marked ``metadata: {payload_only: true}`` are not learnt: they arrive only as ``/intent``
    payloads (Rasa's RegexMessageHandler sets them), and typed words must never be given to them.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            # Inverse regularisation strength: larger trusts the training examples more (chosen by
            # 5-fold cross-validation on bot/data/nlu: 3 had the lowest log-loss with idf).
            "C": 3.0,
            # Scale each feature by its inverse document frequency over the training examples before
            # fitting (scikit-learn's smooth idf), folded into the saved weights: a character or word
            # found in every intent weighs less than one that tells intents apart.
            "idf": True,
            # None weighs every example alike; "balanced" up-weighs small intents.
            "class_weight": None,
            # lbfgs iterations; training stops earlier once it has converged.
            "max_iter": 1000,
            # Seed handed to scikit-learn, so that retraining gives the same weights.
            "random_state": 13,
            # How many intents the ranking keeps (0: all).
            "ranking_length": 10,
        }

    @classmethod
    def required_components(cls) -> list[type]:
        return [Featurizer]

    def __init__(self, config: dict[str, Any], model_storage: ModelStorage, resource: Resource) -> None:
        self.config = {**self.get_default_config(), **config}
        if float(self.config["C"]) <= 0:
            raise ValueError(f"C must be positive, got {self.config['C']!r}")
        self._model_storage = model_storage
        self._resource = resource
        self.intents: list[str] = []
        self.layout: list[tuple[str, int, int]] = []  # (featurizer, first column, width)
        self.weights = np.zeros((0, 0))  # features × intents, so a message's columns are rows
        self.bias = np.zeros(0)

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LinearIntentClassifier:
        return cls(config, model_storage, resource)

    @classmethod
    def load(cls, *args: Any, **kwargs: Any) -> LinearIntentClassifier:
        """The trained classifier: made by :meth:`create` (Rasa's default ``load``), then its arrays read."""
        model = super().load(*args, **kwargs)
        with model._model_storage.read_from(model._resource) as folder:
            layout = json.loads((folder / LAYOUT_FILE).read_text(encoding="utf-8"))
            model.intents = layout["intents"]
            model.layout = [(name, start, width) for name, start, width in layout["featurizers"]]
            model.weights = np.load(folder / WEIGHTS_FILE, allow_pickle=False)
            model.bias = np.load(folder / BIAS_FILE, allow_pickle=False)
        return model

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if self.learnt(e)]
        labels = [e.get(INTENT) for e in examples]
        if len(set(labels)) < 2:
            raise ValueError(f"need examples of at least two intents, got {sorted(set(labels))!r}")
        self.layout, start = [], 0
        for feature in self.sentence_features(examples[0]):
            self.layout.append((str(feature.origin), start, feature.features.shape[-1]))
            start += feature.features.shape[-1]
        if len({name for name, _, _ in self.layout}) < len(self.layout):
            raise ValueError(f"two featurizers with one name cannot be told apart: {self.layout!r}")
        rows = [self.columns(e) for e in examples]
        matrix = scipy.sparse.csr_matrix(
            (
                np.concatenate([values for _, values in rows]),
                np.concatenate([cols for cols, _ in rows]),
                np.cumsum([0] + [len(cols) for cols, _ in rows]),
            ),
            shape=(len(rows), start),
        )
        idf = np.ones(start)
        if self.config["idf"]:
            idf = TfidfTransformer(norm=None, smooth_idf=True).fit(matrix).idf_
        model = LogisticRegression(
            C=float(self.config["C"]),
            class_weight=self.config["class_weight"],
            max_iter=int(self.config["max_iter"]),
            random_state=self.config["random_state"],
        ).fit(matrix @ scipy.sparse.diags(idf), labels)
        coef, intercept = model.coef_ * idf, model.intercept_  # weights for the features as they come
        if coef.shape[0] == 1:  # two intents: scikit-learn keeps one side; softmax needs both
            coef, intercept = np.vstack([np.zeros_like(coef), coef]), np.concatenate([[0.0], intercept])
        self.intents = [str(c) for c in model.classes_]
        self.weights, self.bias = np.ascontiguousarray(coef.T), intercept
        with self._model_storage.write_to(self._resource) as folder:
            layout = {"intents": self.intents, "featurizers": self.layout}
            (folder / LAYOUT_FILE).write_text(json.dumps(layout, ensure_ascii=False), encoding="utf-8")
            np.save(folder / WEIGHTS_FILE, self.weights, allow_pickle=False)
            np.save(folder / BIAS_FILE, self.bias, allow_pickle=False)
        logger.debug("trained on %s examples, %s features, %s intents", *matrix.shape, len(self.intents))
        return self._resource

    @staticmethod
    def learnt(example: Message) -> bool:
        """Whether a training example teaches the classifier: it has words and an intent not payload-only."""
        intent_metadata = (example.get(METADATA) or {}).get(METADATA_INTENT) or {}
        return bool(example.get(INTENT) and example.get(TEXT)) and not intent_metadata.get(PAYLOAD_ONLY)

    @staticmethod
    def sentence_features(message: Message) -> list[Any]:
        """The message's sparse sentence features for its text, one per featurizer, in pipeline order."""
        return [
            f
            for f in message.features
            if f.attribute == TEXT and f.type == FEATURE_TYPE_SENTENCE and f.is_sparse()
        ]

    def columns(self, message: Message) -> tuple[np.ndarray, np.ndarray]:
        """The message's non-zero feature columns in the trained layout, and their values.

        A featurizer that gave the message nothing (an empty text) adds no column; one the model was not
        trained on, or a width it was not trained on, is refused."""
        by_origin = {str(f.origin): f.features for f in self.sentence_features(message)}
        unknown = set(by_origin) - {name for name, _, _ in self.layout}
        if unknown:
            raise ValueError(f"features from {sorted(unknown)!r}, trained on {self.layout!r}")
        cols, values = [np.zeros(0, np.int64)], [np.zeros(0)]
        for name, start, width in self.layout:
            block = by_origin.get(name)
            if block is None:
                continue
            if block.shape[-1] != width:
                raise ValueError(f"{name} gives {block.shape[-1]} features, trained on {width}")
            block = block.tocoo()
            cols.append(block.col + start)
            values.append(block.data)
        return np.concatenate(cols).astype(np.int64), np.concatenate(values).astype(np.float64)

    def probabilities(self, message: Message) -> np.ndarray:
        """Softmax of the bias plus the weights of the message's features, one probability per intent."""
        cols, values = self.columns(message)
        logits = self.bias + values @ self.weights[cols]
        exp = np.exp(logits - logits.max())
        return exp / exp.sum()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if not self.intents:  # untrained (no intent examples): leave the message as it is
                continue
            probabilities = self.probabilities(message)
            order = np.argsort(-probabilities, kind="stable")
            if self.config["ranking_length"] > 0:
                order = order[: self.config["ranking_length"]]
            ranking = [{"name": self.intents[i], "confidence": float(probabilities[i])} for i in order]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
