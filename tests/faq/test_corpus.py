from __future__ import annotations

import re
from pathlib import Path

import pytest

from faq.content.corpus import corpus_revision, load_corpus
from faq.errors import CorpusError
from faq.model import AUDIENCES, CATEGORIES

pytestmark = pytest.mark.unit


def test_corpus_is_large_enough_and_published(corpus) -> None:
    published = [e for e in corpus if e.status == "published"]
    assert len(published) >= 200


def test_every_category_has_entries(corpus) -> None:
    present = {e.category for e in corpus}
    assert present == set(CATEGORIES)


def test_every_audience_is_served(corpus) -> None:
    assert {a for e in corpus for a in e.audience} == set(AUDIENCES)


def test_entries_carry_alternates_source_and_date(corpus) -> None:
    for entry in corpus:
        assert len(entry.alternates) >= 2, entry.id
        assert entry.source.document and entry.source.ref, entry.id
        assert entry.last_checked.year >= 2026, entry.id


def test_each_of_the_31_guidebook_items_has_an_entry(corpus) -> None:
    cited_lines = set()
    for entry in corpus:
        if entry.category == "災害時の生活支援":
            cited_lines.update(int(n) for n in re.findall(r"002:L(\d+)", entry.source.ref))
    # The table of contents lines of the 鹿児島県版 guidebook (seed 002).
    toc_lines = [
        5444,
        5445,
        5446,
        *range(5450, 5458),
        *range(5461, 5468),
        5471,
        5472,
        5473,
        5477,
        5481,
        5482,
        5486,
        5490,
        5491,
        5492,
        5493,
        5494,
        5496,
    ]
    assert len(toc_lines) == 31
    missing = [line for line in toc_lines if line not in cited_lines]
    assert not missing, f"guidebook items without an entry: {missing}"


def test_yen_caps_for_programmes_say_who_receives_them(corpus) -> None:
    """協力隊・起業人 figures are caps on 特別交付税措置 to municipalities, not pay to people."""
    for entry in corpus:
        if entry.category in ("地域おこし協力隊", "地域活性化起業人") and re.search(r"\d+万円", entry.answer):
            assert re.search(r"自治体|特別交付税|国は|市町村", entry.answer), entry.id


def test_silent_topics_say_so_and_route(corpus) -> None:
    """Salary and age are not in the sources: the answer must say so, not invent a number."""
    by_id = {e.id: e for e in corpus}
    silent = [
        e for e in by_id.values() if e.category == "地域おこし協力隊" and re.search(r"給与|年齢", e.question)
    ]
    assert silent
    for entry in silent:
        assert "記載がありません" in entry.answer or "記載はありません" in entry.answer, entry.id
        assert re.search(r"募集要項|サポートデスク|自治体", entry.answer), entry.id


def test_revision_changes_when_an_answer_changes(corpus) -> None:
    from dataclasses import replace

    changed = [replace(corpus[0], answer=corpus[0].answer + "。"), *corpus[1:]]
    assert corpus_revision(corpus) != corpus_revision(changed)
    assert corpus_revision(corpus) == corpus_revision(list(reversed(corpus)))


def _write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "broken.yml").write_text(text, encoding="utf-8")
    return folder


def test_a_bad_file_is_reported_field_by_field(tmp_path) -> None:
    folder = _write(
        tmp_path / "entries",
        """
- id: Bad Id
  category: 天気
  question: ""
  alternates: [one]
  answer: ok
  source: {document: d}
  last_checked: yesterday
  audience: [宇宙人]
""",
    )
    with pytest.raises(CorpusError) as caught:
        load_corpus(folder)
    fields = {problem[2] for problem in caught.value.problems}
    assert {"id", "category", "question", "alternates", "source.ref", "last_checked", "audience"} <= fields


def test_duplicate_ids_and_broken_yaml_are_refused(tmp_path) -> None:
    entry = """
- id: same-id
  category: 行政相談
  question: q
  alternates: [a, b]
  answer: x
  source: {document: d, ref: r}
  last_checked: 2026-11-22
"""
    folder = _write(tmp_path / "dup", entry + entry[1:])
    with pytest.raises(CorpusError, match="duplicate"):
        load_corpus(folder)
    folder = _write(tmp_path / "yaml", "- id: [unclosed")
    with pytest.raises(CorpusError, match="not valid YAML"):
        load_corpus(folder)
