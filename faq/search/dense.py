"""Dense retrieval: phrasing and answer vectors in a faiss inner-product index."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import faiss
import numpy as np

from faq.model import FaqEntry
from faq.search.encoder import Encoder

PHRASING, ANSWER = 0, 1


class DenseIndex:
    """Entry similarity = max cosine over its phrasings, and its answer scaled by ``answer_weight``."""

    def __init__(self) -> None:
        self.vectors = np.zeros((0, 0), dtype=np.float32)
        self.owners = np.zeros(0, dtype=np.int32)  # entry position of each vector
        self.kinds = np.zeros(0, dtype=np.int8)  # PHRASING or ANSWER
        self.size = 0
        self._faiss: faiss.IndexFlatIP | None = None

    def build(self, entries: Sequence[FaqEntry], encoder: Encoder, batch: int = 512) -> None:
        texts: list[str] = []
        owners: list[int] = []
        kinds: list[int] = []
        for i, entry in enumerate(entries):
            for phrasing in entry.phrasings:
                texts.append(phrasing)
                owners.append(i)
                kinds.append(PHRASING)
            texts.append(entry.answer)
            owners.append(i)
            kinds.append(ANSWER)
        chunks = [encoder.encode_documents(texts[s : s + batch]) for s in range(0, len(texts), batch)]
        self.vectors = np.vstack(chunks) if chunks else np.zeros((0, encoder.dimension), dtype=np.float32)
        self.owners = np.asarray(owners, dtype=np.int32)
        self.kinds = np.asarray(kinds, dtype=np.int8)
        self.size = len(entries)
        self._make_faiss()

    def _make_faiss(self) -> None:
        index = faiss.IndexFlatIP(self.vectors.shape[1])
        index.add(self.vectors)
        self._faiss = index

    def scores(self, query_vector: np.ndarray, answer_weight: float, candidates: int = 200) -> np.ndarray:
        """Similarity of every entry to the query; entries outside the top vectors get 0."""
        assert self._faiss is not None
        out = np.zeros(self.size, dtype=np.float32)
        found = min(candidates, self._faiss.ntotal)
        if found == 0:
            return out
        sims, ids = self._faiss.search(query_vector.reshape(1, -1), found)
        sims, ids = sims[0], ids[0]
        valid = ids >= 0
        sims, ids = sims[valid], ids[valid]
        sims = np.where(self.kinds[ids] == ANSWER, sims * answer_weight, sims).astype(np.float32)
        np.maximum.at(out, self.owners[ids], np.clip(sims, 0.0, None))
        return out

    def exact_scores(
        self, query_vector: np.ndarray, positions: np.ndarray, answer_weight: float
    ) -> np.ndarray:
        """Exact similarity for chosen entries (used for candidates faiss' top list did not cover)."""
        # Vectors are stored entry by entry, so each entry's rows are one contiguous run.
        starts = np.searchsorted(self.owners, positions, side="left")
        ends = np.searchsorted(self.owners, positions, side="right")
        out = np.zeros(len(positions), dtype=np.float32)
        for slot, (start, end) in enumerate(zip(starts, ends, strict=True)):
            if end > start:
                sims = self.vectors[start:end] @ query_vector
                sims = np.where(self.kinds[start:end] == ANSWER, sims * answer_weight, sims)
                out[slot] = max(float(sims.max()), 0.0)
        return out

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        np.save(folder / "vectors.npy", self.vectors, allow_pickle=False)
        np.save(folder / "owners.npy", self.owners, allow_pickle=False)
        np.save(folder / "kinds.npy", self.kinds, allow_pickle=False)

    def load(self, folder: Path, size: int) -> None:
        self.vectors = np.load(folder / "vectors.npy", allow_pickle=False)
        self.owners = np.load(folder / "owners.npy", allow_pickle=False)
        self.kinds = np.load(folder / "kinds.npy", allow_pickle=False)
        self.size = size
        self._make_faiss()
