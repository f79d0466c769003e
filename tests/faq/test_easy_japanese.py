"""The optional やさしい日本語 version of an answer: validated, stored, and never adding a fact."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from faq.content.corpus import MAX_EASY_JA_CHARS, load_corpus, parse_entry
from faq.content.store import FaqStore
from faq.content.versions import EntryVersions
from faq.settings import get_settings
from tests.conftest import made_up_entry

pytestmark = pytest.mark.unit

ENTRY = made_up_entry(id="test-easy")
# Numbers, phone numbers and URLs: the facts a rewrite could get wrong.
KANJI_DIGITS = str.maketrans("一二三四五六七八九", "123456789")
FACTS = re.compile(r"https?://\S+?(?=[\s）)]|$)|\d[\d,\-:：]*\d|\d")


def test_easy_ja_is_optional_text_of_bounded_length() -> None:
    entry, problems = parse_entry(ENTRY, "t", "t")
    assert problems == [] and entry is not None and entry.easy_ja == ""
    entry, problems = parse_entry({**ENTRY, "easy_ja": " 電話は 0570-090-110 です。\n"}, "t", "t")
    assert problems == [] and entry is not None and entry.easy_ja == "電話は 0570-090-110 です。"
    for bad in (["a list"], "あ" * (MAX_EASY_JA_CHARS + 1)):
        entry, problems = parse_entry({**ENTRY, "easy_ja": bad}, "t", "t")
        assert entry is None and [p[2] for p in problems] == ["easy_ja"]


def test_the_corpus_has_easy_japanese_for_at_least_30_disaster_and_gyosei_entries() -> None:
    entries = load_corpus(get_settings().entries_dir)
    easy = [e for e in entries if e.easy_ja and e.category in ("災害時の生活支援", "行政相談")]
    assert len(easy) >= 30, len(easy)


def test_easy_japanese_adds_no_number_phone_or_address() -> None:
    for entry in load_corpus(get_settings().entries_dir):
        if not entry.easy_ja:
            continue
        answer = entry.answer.translate(KANJI_DIGITS)
        for fact in FACTS.findall(entry.easy_ja):
            assert fact in answer, f"{entry.id}: {fact!r} is not in the answer"


def test_easy_ja_is_stored_and_versioned(tmp_path) -> None:
    store = FaqStore(f"sqlite:///{tmp_path / 'faq.db'}")
    store.migrate()
    entry, _ = parse_entry({**ENTRY, "easy_ja": "電話は 0570-090-110 です。"}, "t", "t")
    assert entry is not None
    versions = EntryVersions(store)
    versions.sync_seed([entry])
    (stored,) = store.published()
    assert stored.easy_ja == "電話は 0570-090-110 です。"
    assert replace(stored, status=entry.status) == entry
    assert versions.working(entry.id).entry.easy_ja == "電話は 0570-090-110 です。"
