"""Train the project's own static sentence encoder on the corpus (offline, CPU, seconds).

No Japanese-capable model can be downloaded here, so the default encoder is learned from the corpus
itself: a sentence-transformers ``StaticEmbedding`` over fugashi lemmas and kana-reading bigrams, trained
with ``MultipleNegativesRankingLoss`` to bring each alternate phrasing close to the other phrasings and
the answer of its own entry. It is deterministic for a given corpus and seed.
"""

from __future__ import annotations

import json
import logging
import random
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from faq.model import FaqEntry
from faq.search.encoder import ENCODER_META, analysed_text
from faq.text import JapaneseAnalyzer

logger = logging.getLogger(__name__)


def _pairs(entries: Sequence[FaqEntry], analyzer: JapaneseAnalyzer) -> list[tuple[int, str, str]]:
    pairs: list[tuple[int, str, str]] = []
    for i, entry in enumerate(entries):
        texts = [analysed_text(analyzer.analyze(p)) for p in entry.phrasings]
        answer = analysed_text(analyzer.analyze(entry.answer))
        for a, anchor in enumerate(texts):
            for b, positive in enumerate(texts):
                if a != b:
                    pairs.append((i, anchor, positive))
            pairs.append((i, anchor, answer))
    return pairs


def train_static_encoder(
    entries: Sequence[FaqEntry],
    out_dir: Path,
    *,
    dimension: int = 256,
    epochs: int = 12,
    batch_size: int = 64,
    seed: int = 13,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Train and save an encoder for ``entries``; returns the model folder."""
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.losses import MultipleNegativesRankingLoss
    from sentence_transformers.sentence_transformer.modules import StaticEmbedding
    from tokenizers import Tokenizer
    from tokenizers.models import WordLevel
    from tokenizers.pre_tokenizers import WhitespaceSplit

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    analyzer = JapaneseAnalyzer()
    pairs = _pairs(entries, analyzer)
    counts = Counter(tok for _, a, p in pairs for tok in (a + " " + p).split())
    vocab = {"[UNK]": 0, "[PAD]": 1}
    for token, _count in sorted(counts.items()):
        vocab.setdefault(token, len(vocab))
    tokenizer = Tokenizer(WordLevel(vocab, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = WhitespaceSplit()
    tokenizer.enable_padding(pad_id=1, pad_token="[PAD]")

    generator = torch.Generator().manual_seed(seed)
    weights = torch.randn(len(vocab), dimension, generator=generator) * 0.1
    weights[0] = 0.0
    module = StaticEmbedding(tokenizer, embedding_weights=weights.numpy())
    model = SentenceTransformer(modules=[module], device="cpu")
    loss = MultipleNegativesRankingLoss(model)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.05)

    model.train()
    steps = 0
    total_steps = epochs * max(1, len(pairs) // batch_size)
    for _epoch in range(epochs):
        random.shuffle(pairs)
        batch: list[tuple[int, str, str]] = []
        owners: set[int] = set()
        for pair in pairs:
            if pair[0] in owners:  # in-batch negatives must belong to other entries
                continue
            batch.append(pair)
            owners.add(pair[0])
            if len(batch) < batch_size:
                continue
            anchors = model.preprocess([a for _, a, _ in batch])
            positives = model.preprocess([p for _, _, p in batch])
            value = loss([anchors, positives], None)
            optimizer.zero_grad()
            value.backward()
            optimizer.step()
            steps += 1
            if progress:
                progress(steps, total_steps)
            batch, owners = [], set()
    model.eval()
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save(str(out_dir))
    meta = {
        "name": "govbot-static-ja",
        "input": "analysed",
        "dimension": dimension,
        "epochs": epochs,
        "seed": seed,
        "pairs": len(pairs),
        "vocabulary": len(vocab),
    }
    (out_dir / ENCODER_META).write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    logger.info("trained static encoder: %d pairs, vocabulary %d, %d steps", len(pairs), len(vocab), steps)
    return out_dir
