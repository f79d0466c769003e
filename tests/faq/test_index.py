from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from faq.content.versions import EntryVersions
from faq.errors import IndexMismatch, IndexNotReady
from faq.search.artefacts import MANIFEST
from faq.search.decision import search
from faq.search.index import SearchIndex
from faq.search.query_signals import query_signals
from faq.service import FaqService

pytestmark = pytest.mark.integration


def test_index_round_trips_through_disk(tmp_path, lexical_index: SearchIndex, analyzer) -> None:
    lexical_index.save(tmp_path / "index")
    loaded = SearchIndex.load(tmp_path / "index", analyzer, None)
    query = "協力隊サミットはいつ？"
    assert [h.entry.id for h in search(loaded, query).hits] == [
        h.entry.id for h in search(lexical_index, query).hits
    ]
    assert not list(tmp_path.glob("index.staging-*")) and not list(tmp_path.glob("index.old-*"))


def test_manifest_mismatch_is_refused(tmp_path, lexical_index: SearchIndex, analyzer) -> None:
    folder = tmp_path / "index"
    lexical_index.save(folder)
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest["analyzer_version"] = "0"
    (folder / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(IndexMismatch, match="analyzer"):
        SearchIndex.load(folder, analyzer, None)

    class OtherEncoder:
        name, fingerprint, dimension = "other", "ffff", 8

    lexical_index.save(folder)
    with pytest.raises(IndexMismatch, match="encoder"):
        SearchIndex.load(folder, analyzer, OtherEncoder())  # type: ignore[arg-type]


def test_corrupt_or_missing_files_are_refused(tmp_path, lexical_index: SearchIndex, analyzer) -> None:
    with pytest.raises(IndexNotReady, match="no index"):
        SearchIndex.load(tmp_path / "nothing", analyzer, None)
    folder = tmp_path / "index"
    lexical_index.save(folder)
    (folder / "entries.json").write_text("{not json")
    with pytest.raises(IndexNotReady):
        SearchIndex.load(folder, analyzer, None)
    lexical_index.save(folder)
    (folder / MANIFEST).write_text("garbage")
    with pytest.raises(IndexNotReady, match="manifest"):
        SearchIndex.load(folder, analyzer, None)


def test_edited_entries_do_not_match_an_old_manifest(tmp_path, lexical_index: SearchIndex, analyzer) -> None:
    folder = tmp_path / "index"
    lexical_index.save(folder)
    entries = json.loads((folder / "entries.json").read_text())
    entries[0]["answer"] = "書き換えられた回答"
    (folder / "entries.json").write_text(json.dumps(entries, ensure_ascii=False))
    with pytest.raises(IndexMismatch, match="revision"):
        SearchIndex.load(folder, analyzer, None)


def test_rebuild_happens_only_when_the_corpus_changes(tmp_settings, corpus) -> None:
    service = FaqService(tmp_settings)
    service.store.migrate()
    EntryVersions(service.store).sync_seed(corpus[:40])
    assert service.build_index() is not None
    assert service.build_index() is None  # unchanged: nothing to do
    EntryVersions(service.store).sync_seed([replace(corpus[0], answer=corpus[0].answer + "（更新）")])
    manifest = service.build_index()
    assert manifest is not None and manifest.entry_count == 40
    fresh = FaqService(tmp_settings)
    fresh.warm_up()
    assert fresh.index.entries[[e.id for e in fresh.index.entries].index(corpus[0].id)].answer.endswith(
        "（更新）"
    )


def test_dense_scores_are_cosines(built_service) -> None:
    index = built_service.index
    assert index.dense is not None
    norms = np.linalg.norm(index.dense.vectors, axis=1)
    # Unit length, or zero for a text with no known token (it then matches nothing).
    assert np.all(np.isclose(norms, 1.0, atol=1e-3) | np.isclose(norms, 0.0))
    assert np.isclose(norms, 1.0, atol=1e-3).mean() > 0.99
    signals = query_signals(index, "協力隊の任期")
    assert signals.dense is not None and 0.0 <= float(signals.dense.max()) <= 1.0001
