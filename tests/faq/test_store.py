from __future__ import annotations

from dataclasses import replace

import pytest

from faq.content.store import FaqStore
from faq.content.versions import EntryVersions
from faq.errors import FaqNotFound
from tests.conftest import fresh_postgres_url

pytestmark = pytest.mark.unit


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path) -> FaqStore:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'faq.db'}"
    else:
        url = fresh_postgres_url()
    store = FaqStore(url)
    store.migrate()
    yield store
    store.engine.dispose()


def test_load_is_idempotent_and_round_trips(store: FaqStore, corpus) -> None:
    first = EntryVersions(store).sync_seed(corpus)
    assert first.added == len(corpus)
    again = EntryVersions(store).sync_seed(corpus)
    assert (again.added, again.updated, again.unchanged) == (0, 0, len(corpus))
    entry = corpus[0]
    assert store.get(entry.id) == entry


def test_changed_entry_is_updated_and_drafts_do_not_publish(store: FaqStore, corpus) -> None:
    EntryVersions(store).sync_seed(corpus[:3])
    edited = replace(corpus[0], answer="新しい回答", alternates=("一つ目", "二つ目", "三つ目"))
    drafted = replace(corpus[1], status="retired")
    report = EntryVersions(store).sync_seed([edited, drafted, corpus[2]])
    assert (report.updated, report.unchanged) == (2, 1)
    published = {e.id: e for e in store.published()}
    assert published[edited.id].answer == "新しい回答"
    assert published[edited.id].alternates == ("一つ目", "二つ目", "三つ目")
    assert drafted.id not in published


def test_unknown_id_raises(store: FaqStore) -> None:
    with pytest.raises(FaqNotFound):
        store.get("no-such-entry")


def test_sql_in_text_is_stored_as_text(store: FaqStore, corpus) -> None:
    hostile = replace(corpus[0], answer="'); DROP TABLE faq_entries; --")
    EntryVersions(store).sync_seed([hostile])
    assert store.get(hostile.id).answer == "'); DROP TABLE faq_entries; --"
    assert len(store.published()) == 1
