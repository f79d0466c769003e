"""The learning loop's functions over a real SQLite store and real indexes (lexical and dense)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from faq.content.store import FaqStore
from faq.content.versions import Actor, EntryVersions
from faq.errors import FaqNotFound
from faq.residents.feedback import conversation_key, record_vote
from faq.residents.learning import (
    FEEDBACK,
    UNANSWERED,
    ItemRef,
    LearningError,
    UnansweredRow,
    add_alternate,
    group_similar,
    learning_items,
    parse_refs,
    record_unanswered,
    resolve,
    similarity_method,
)
from faq.service import FaqService
from faq.settings import Settings

EDITOR = Actor("editor1", "editor")
RISAI = "disaster-guide-01-risai-shomeisho"


@pytest.fixture()
def store(tmp_path) -> FaqStore:
    store = FaqStore(f"sqlite:///{tmp_path / 'learning.db'}")
    store.migrate()
    yield store
    store.engine.dispose()


@pytest.fixture(scope="module")
def lexical_service(tmp_path_factory) -> FaqService:
    """The shipped corpus in a scratch database, indexed without an encoder (untuned: no labelled file)."""
    folder = tmp_path_factory.mktemp("lexical")
    service = FaqService(
        Settings(database_url=f"sqlite:///{folder / 'faq.db'}", index_dir=folder / "index", encoder_path="")
    )
    service.load_corpus()
    service.build_index(labelled=folder / "no-labelled-queries.jsonl")
    return service


@pytest.fixture(params=["lexical", "dense"])
def service(request, lexical_service, built_service) -> FaqService:
    chosen = lexical_service if request.param == "lexical" else built_service
    assert similarity_method(chosen) == request.param
    return chosen


def stored_questions(store: FaqStore) -> list[UnansweredRow]:
    with store.session() as session:
        return list(session.execute(select(UnansweredRow)).scalars())


@pytest.mark.unit
def test_personal_data_is_redacted_before_it_is_stored(store) -> None:
    record_unanswered(
        store, "罹災証明書はどこ？090-1234-5678 か sato@example.jp に連絡を", "no_answer", [], "sender-42"
    )
    (row,) = stored_questions(store)
    assert "[電話番号]" in row.question and "[メール]" in row.question
    assert "1234" not in row.question and "example.jp" not in row.question
    assert row.conversation == conversation_key("sender-42") and "sender-42" not in row.conversation
    assert row.outcome == "no_answer" and row.resolved_at is None


@pytest.mark.unit
def test_candidates_are_kept_and_empty_or_unknown_outcomes_are_refused(store) -> None:
    record_unanswered(store, "協力隊の任期", "clarify", ["a", "b", "c"], "s")
    assert record_unanswered(store, "   ", "no_answer", [], "s") is None
    with pytest.raises(ValueError):
        record_unanswered(store, "質問", "answer", [], "s")
    (row,) = stored_questions(store)
    assert json.loads(row.candidates) == ["a", "b", "c"]
    (item,) = learning_items(store)
    assert item.entry_ids == ("a", "b", "c") and item.outcome == "clarify"


@pytest.mark.integration
def test_similar_questions_share_a_group_and_others_do_not(store, service) -> None:
    for question in ("罹災証明書はどこ", "協力隊の給料", "りさいしょうめいしょ どこでもらう"):
        record_unanswered(store, question, "no_answer", [], "s")
    groups = group_similar(learning_items(store), service)
    assert sorted(sorted(m.question for m in g.members) for g in groups) == [
        ["りさいしょうめいしょ どこでもらう", "罹災証明書はどこ"],
        ["協力隊の給料"],
    ]
    risai, salary = groups  # the larger group first
    assert risai.count == 2 and salary.count == 1
    assert risai.suggestion is not None and risai.suggestion.entry_id == RISAI
    assert salary.suggestion is not None and salary.suggestion.entry_id == "kyoryokutai-salary"


@pytest.mark.integration
def test_identical_questions_always_group_and_the_common_one_represents(store, lexical_service) -> None:
    for question in ("あああ", "罹災証明書はどこ", "あああ"):
        record_unanswered(store, question, "no_answer", [], "s")
    groups = group_similar(learning_items(store), lexical_service, threshold=1.01)
    assert [(g.representative, g.count) for g in groups] == [("あああ", 2), ("罹災証明書はどこ", 1)]


@pytest.mark.unit
def test_open_items_are_unanswered_questions_and_unhelpful_votes_with_a_question(store, corpus) -> None:
    first = record_unanswered(store, "罹災証明書はどこ", "no_answer", [], "s1")
    record_unanswered(store, "協力隊の給料", "clarify", ["kyoryokutai-salary"], "s2")
    record_vote(store, RISAI, False, "りさいしょうめいしょ どこでもらう", "s3")
    record_vote(store, RISAI, True, "罹災証明書", "s4")  # helpful: nothing to learn
    record_vote(store, RISAI, False, "", "s5")  # no question: only counted
    items = learning_items(store)
    assert sorted(i.ref.kind for i in items) == [FEEDBACK, UNANSWERED, UNANSWERED]
    vote = next(i for i in items if i.ref.kind == FEEDBACK)
    assert vote.entry_ids == (RISAI,) and vote.outcome == "not_helpful"

    assert resolve(store, [ItemRef(UNANSWERED, first), vote.ref], "dismissed by test") == 2
    assert [i.question for i in learning_items(store)] == ["協力隊の給料"]
    assert resolve(store, [vote.ref], "again") == 0  # already handled


@pytest.mark.unit
def test_adding_an_alternate_writes_a_draft_and_resolves(store, corpus) -> None:
    EntryVersions(store).sync_seed(corpus)
    before = EntryVersions(store).working(RISAI)
    ids = [
        record_unanswered(store, q, "no_answer", [], "s")
        for q in ("りさいしょうめいしょ どこ", "罹災証明 どこ")
    ]
    refs = [ItemRef(UNANSWERED, i) for i in ids if i is not None]

    result = add_alternate(store, refs, RISAI, EDITOR)
    working = EntryVersions(store).working(RISAI)
    assert result.added and result.resolved == 2 and result.version == working.number == before.number + 1
    assert working.status == "draft" and working.author == "editor1"
    assert working.entry.alternates == (*before.entry.alternates, "りさいしょうめいしょ どこ")
    assert "りさいしょうめいしょ どこ" not in store.get(RISAI).alternates  # not live until published
    assert learning_items(store) == []

    again = add_alternate(
        store, refs, RISAI, EDITOR, question="りさいしょうめいしょ　どこ"
    )  # same once normalised
    assert not again.added and again.version == working.number and again.resolved == 0


@pytest.mark.unit
def test_adding_needs_a_known_entry_and_some_text(store, corpus) -> None:
    EntryVersions(store).sync_seed(corpus[:1])
    ref = ItemRef(UNANSWERED, record_unanswered(store, "罹災証明書はどこ", "no_answer", [], "s") or 0)
    with pytest.raises(FaqNotFound):
        add_alternate(store, [ref], "no-such-entry", EDITOR)
    with pytest.raises(LearningError):
        add_alternate(store, [ref], corpus[0].id, EDITOR, question="  ")
    assert len(learning_items(store)) == 1  # nothing was resolved


@pytest.mark.unit
def test_item_references_are_checked() -> None:
    assert parse_refs(["unanswered:3", "feedback:7", "unanswered:3"]) == [
        ItemRef(UNANSWERED, 3),
        ItemRef(FEEDBACK, 7),
    ]
    assert str(ItemRef(FEEDBACK, 7)) == "feedback:7"
    for bad in ("handoff:1", "unanswered:x", "unanswered:-1", "unanswered"):
        with pytest.raises(LearningError):
            parse_refs([bad])
