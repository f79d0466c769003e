from __future__ import annotations

import numpy as np
import pytest

from faq.search.lexical import FIELDS

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "query", ["協力隊の任期", "りさいしょうめい どこ", "ｷｸﾐﾐ 大阪 大阪", "存在しない語彙ばかり"]
)
def test_fast_scoring_equals_bm25s(lexical_index, analyzer, query: str) -> None:
    """Our single-pass sum must give exactly what bm25s' own scorer gives."""
    analysis = analyzer.analyze(query)
    ours = lexical_index.lexical.field_scores(analysis)
    for field in FIELDS:
        retriever = lexical_index.lexical.retrievers[field.name]
        known = [t for t in field.view(analysis) if t in retriever.vocab_dict]
        reference = retriever.get_scores(known) if known else np.zeros(lexical_index.lexical.size)
        assert np.allclose(ours[field.name], reference, atol=1e-5), field.name


def test_unknown_words_weigh_like_the_rarest(lexical_index, analyzer) -> None:
    weights = lexical_index.lexical.word_weights(analyzer.analyze("パスポートの申請").words)
    assert weights["パスポート"][1] is False
    assert weights["パスポート"][0] >= max(w for w, known in weights.values() if known)
