"""A learned safety check beside the patterns: a linear model over character n-grams and fugashi lemmas.

The patterns (``cues.py``) know a few dozen phrasings; residents use thousands. This model is trained on
``faq/data/safety/training.jsonl`` — messages written by people who never saw the code, the way residents
type (dialects, kana only, half-width, emoji), with dangers and their look-alikes — and answers with a
probability per class. Scikit-learn fits it (logistic regression, reproducible: a fixed solver and no
randomness); prediction is a sparse dot product and a softmax in numpy, so a message costs a few
hundred microseconds and no scikit-learn call.

Classes: ``emergency`` (119), ``police_now`` (110), ``police_later`` (the police, not urgent), ``crisis``
(the consultation lines), ``manipulation`` (an attempt to move the assistant off its role or rules, to make it
reveal what it must not or say what the sources do not: a plain refusal), ``none``.

Features of one message: character 1–3-grams of the normalised, folded text, character 2–3-grams of
its katakana reading (so kana-only and kanji spellings meet), and each token's dictionary form.

Every training message is also learned as typed in hiragana (its reading): the dangers were written in
kana far more often than the ordinary questions (the entries' own, in kanji), so hiragana itself had become
a sign of danger — short kana follow-ups 「なんじから なんじまで」 got a possible-119 line. Five-fold
cross-validation on the training file (2026-12-07): dangers without a number out of fold 2 of 864 before
and after; look-alikes with a line 460 → 379 of 1,723.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from faq.settings import PROJECT_ROOT
from faq.text import JapaneseAnalyzer, normalize
from faq.text.normalize import to_hiragana, to_katakana

logger = logging.getLogger(__name__)

CLASSES = ("emergency", "police_now", "police_later", "crisis", "manipulation", "none")
TRAINING_FILE = PROJECT_ROOT / "faq" / "data" / "safety" / "training.jsonl"
MODEL_FILE = PROJECT_ROOT / "var" / "models" / "safety-classifier.json"
_FOLD = str.maketrans("", "", "ー-~〜、,・…。.!！?？「」()（） \u3000")
_REGULARISATION = 8.0  # C of the logistic regression, chosen by cross-validation on the training file
# Manipulation attempts are few beside thousands of ordinary messages: weighted 3× so the class is heard
# (five-fold cross-validation on the training file: 3 and 6 tried; 3 refuses as many at 0.3 with fewer
# ordinary messages refused, and no danger turned into a refusal).
_MANIPULATION_WEIGHT = 3.0
# How the rows become a model, in the data hash: a stored model fitted another way is fitted again.
RECIPE = "rows and their hiragana forms"


def features(text: str, analyzer: JapaneseAnalyzer) -> list[str]:
    """The model's features of one message (a list with repeats removed)."""
    norm = normalize(text, variants=False)
    surface = norm.translate(_FOLD)
    tokens = analyzer.tokenize(norm, normalized=True)
    reading = "".join(to_katakana(t.reading or t.text) for t in tokens).translate(_FOLD)
    found = {surface[i : i + n] for n in (1, 2, 3) for i in range(len(surface) - n + 1)}
    found.update("R:" + reading[i : i + n] for n in (2, 3) for i in range(len(reading) - n + 1))
    found.update("L:" + t.lemma for t in tokens)
    return sorted(found)


@dataclass(frozen=True)
class LinearModel:
    """Weights per feature and class, as numpy: predict without scikit-learn."""

    vocabulary: dict[str, int]
    weights: np.ndarray  # (features, classes)
    bias: np.ndarray  # (classes,)
    data_hash: str

    def probabilities(self, feats: list[str]) -> dict[str, float]:
        rows = [self.vocabulary[f] for f in feats if f in self.vocabulary]
        scores = self.bias.copy()
        if rows:
            scores = scores + self.weights[rows].sum(axis=0) / np.sqrt(len(rows))  # l2-normalised binary
        scores = np.exp(scores - scores.max())
        scores /= scores.sum()
        return dict(zip(CLASSES, (float(p) for p in scores), strict=True))

    def to_json(self) -> dict:
        return {
            "data_hash": self.data_hash,
            "classes": list(CLASSES),
            "vocabulary": list(self.vocabulary),
            "weights": self.weights.round(6).tolist(),
            "bias": self.bias.round(6).tolist(),
        }

    @classmethod
    def from_json(cls, data: dict) -> LinearModel:
        if tuple(data["classes"]) != CLASSES:
            raise ValueError("safety model classes changed")
        vocabulary = {f: i for i, f in enumerate(data["vocabulary"])}
        return cls(vocabulary, np.asarray(data["weights"]), np.asarray(data["bias"]), data["data_hash"])


ENTRIES_DIR = PROJECT_ROOT / "faq" / "data" / "entries"
SAFETY_CATEGORY = "緊急・安全"
# The assistant's own NLU examples of what residents say to it (greetings, はい/いいえ, やめる, a place, a
# flow's answer): ordinary words, read as data (the safety check imports nothing of the bot).
NLU_DIR = PROJECT_ROOT / "bot" / "data" / "nlu"
NOT_ORDINARY_INTENTS = frozenset({"safety_alert", "insult", "manipulation"})


def training_rows(path: Path = TRAINING_FILE, entries_dir: Path = ENTRIES_DIR) -> list[dict]:
    """The labelled messages, and as ``none`` every FAQ question and phrasing (the safety entries' own
    excepted) and every NLU example of an ordinary intent: what residents ordinarily say must not look like
    a danger — a short 「やめる」 or 「さようなら」 has too few features to decide by itself."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    ordinary = _ordinary_questions(entries_dir) + _ordinary_nlu_examples()
    return rows + [{"text": text, "label": "none"} for text in ordinary]


def _ordinary_nlu_examples(folder: Path = NLU_DIR) -> list[str]:
    import yaml

    found: list[str] = []
    for file in sorted(folder.glob("*.yml")) if folder.is_dir() else ():
        for block in (yaml.safe_load(file.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            if "intent" not in block or block["intent"] in NOT_ORDINARY_INTENTS:
                continue
            for line in str(block.get("examples") or "").splitlines():
                text = line.strip().removeprefix("- ").strip()
                if text and not text.startswith("/"):
                    found.append(_without_entity_marks(text))
    return found


def _without_entity_marks(text: str) -> str:
    """「[輪島市](prefecture)です」 → 「輪島市です」: Rasa's entity annotation is not what residents type."""
    import re

    marked = r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}"
    return re.sub(marked, lambda m: m.group(1) or m.group(2) or "", text)


def _ordinary_questions(entries_dir: Path) -> list[str]:
    import yaml

    found: list[str] = []
    for file in sorted(entries_dir.glob("*.yml")):
        for entry in yaml.safe_load(file.read_text(encoding="utf-8")) or []:
            if entry.get("category") != SAFETY_CATEGORY:
                found += [entry["question"], *entry.get("alternates", [])]
    return found


def label_of(row: dict) -> str:
    """The training file's label as a class (look-alikes are ``none``)."""
    return row["label"] if row["label"] in CLASSES else "none"


def in_hiragana(text: str, analyzer: JapaneseAnalyzer) -> str:
    """``text`` as typed in hiragana: each token's reading (its text where it has none: digits, Latin)."""
    return "".join(to_hiragana(token.reading or token.text) for token in analyzer.tokenize(text))


def with_hiragana_forms(rows: list[dict], analyzer: JapaneseAnalyzer) -> list[dict]:
    """``rows`` and, for each whose hiragana form differs, that form with the same label (module)."""
    forms = [{"text": in_hiragana(r["text"], analyzer), "label": r["label"]} for r in rows]
    return rows + [form for form, row in zip(forms, rows, strict=True) if form["text"] != row["text"]]


def data_hash(path: Path = TRAINING_FILE, entries_dir: Path = ENTRIES_DIR) -> str:
    """What the model was fitted on: the training file and the files its ordinary examples come from (the
    entries and the NLU data), hashed as bytes — a few milliseconds at each start, where parsing them took
    0.65 s. A change of formatting only refits the model too, which costs a second or two."""
    digest = hashlib.sha256(path.read_bytes())
    digest.update(RECIPE.encode("utf-8"))
    for source in sorted(entries_dir.glob("*.yml")) + sorted(NLU_DIR.glob("*.yml")):
        digest.update(source.name.encode("utf-8"))
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def fit(rows: list[dict], analyzer: JapaneseAnalyzer, digest: str = "") -> LinearModel:
    """Fit the model on labelled rows (``text``, ``label``), each also in its hiragana form."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    rows = with_hiragana_forms(rows, analyzer)
    vocabulary: dict[str, int] = {}
    counts: dict[str, int] = {}
    row_features = [features(r["text"], analyzer) for r in rows]
    for feats in row_features:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    for f in sorted(counts):
        if counts[f] >= 2:
            vocabulary[f] = len(vocabulary)
    indptr, indices, values = [0], [], []
    for feats in row_features:
        ids = [vocabulary[f] for f in feats if f in vocabulary]
        indices += ids
        values += [1 / np.sqrt(len(ids))] * len(ids) if ids else []
        indptr.append(len(indices))
    matrix = csr_matrix((values, indices, indptr), shape=(len(rows), len(vocabulary)))
    labels = [CLASSES.index(label_of(r)) for r in rows]
    weighted = {CLASSES.index("manipulation"): _MANIPULATION_WEIGHT}
    model = LogisticRegression(C=_REGULARISATION, max_iter=3000, solver="lbfgs", class_weight=weighted)
    model.fit(matrix, labels)
    weights = np.zeros((len(vocabulary), len(CLASSES)))
    bias = np.zeros(len(CLASSES))
    for column, class_index in enumerate(model.classes_):
        weights[:, class_index] = model.coef_[column]
        bias[class_index] = model.intercept_[column]
    missing = set(range(len(CLASSES))) - set(model.classes_)
    for class_index in missing:  # a class without rows never wins
        bias[class_index] = -30.0
    return LinearModel(vocabulary, weights, bias, digest)


def train(path: Path = TRAINING_FILE, out: Path = MODEL_FILE) -> LinearModel:
    """Fit on the training file and store the weights (JSON: no pickle to trust)."""
    model = fit(training_rows(path), JapaneseAnalyzer(), data_hash(path))
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f"{out.name}.{os.getpid()}.tmp")  # several workers may fit at once
    partial.write_text(json.dumps(model.to_json(), ensure_ascii=False), encoding="utf-8")
    partial.replace(out)
    return model


_lock = threading.Lock()
_loaded: dict[str, LinearModel] = {}


def load(path: Path = TRAINING_FILE, stored: Path = MODEL_FILE) -> LinearModel:
    """The model for the current training file: the stored weights when they were fitted on it, else a
    fit now (a second or two), stored for the next start."""
    digest = data_hash(path)
    with _lock:
        if digest in _loaded:
            return _loaded[digest]
        model = None
        if stored.is_file():
            try:
                candidate = LinearModel.from_json(json.loads(stored.read_text(encoding="utf-8")))
                model = candidate if candidate.data_hash == digest else None
            except (ValueError, KeyError, OSError):
                model = None
        if model is None:
            logger.info("fitting the safety classifier on %s", path.name)
            try:
                model = train(path, stored)
            except OSError:  # a read-only checkout: fit in memory only
                model = fit(training_rows(path), JapaneseAnalyzer(), digest)
        _loaded[digest] = model
        return model
