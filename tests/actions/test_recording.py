"""Turns the assistant could not answer confidently are kept (redacted) for the staff's learning loop."""

from __future__ import annotations

import logging
import shutil

import pytest
from sqlalchemy import text

from actions.answering import ActionAnswerFaq
from actions.services import serving
from faq.residents.feedback import conversation_key
from faq.residents.learning import learning_items
from faq.search.evaluation import load_labelled
from faq.service import LABELLED_QUERIES, FaqService
from faq.settings import Settings
from tests.actions.conftest import all_text, make_tracker, services_for

pytestmark = pytest.mark.integration
NONSENSE = "あsdふぁsdふぁsdf 090-1234-5678"


@pytest.fixture()
def recording_service(shared_service, tmp_path) -> FaqService:
    """The shipped index over a copy of the database, so recording never touches var/govbot.db."""
    database = tmp_path / "govbot.db"
    shutil.copy(shared_service.store.database_url.removeprefix("sqlite:///"), database)
    service = FaqService(
        Settings(
            database_url=f"sqlite:///{database}",
            index_dir=shared_service.settings.index_dir,
            encoder_path=shared_service.settings.encoder_path,
        )
    )
    service.warm_up()
    with service.store.engine.begin() as connection:  # start empty whatever other tests left behind
        connection.execute(text("DELETE FROM unanswered_questions"))
        connection.execute(text("DELETE FROM faq_feedback"))  # 役に立たなかった votes are learning items too
    with serving(services_for(service)):
        yield service
    service.store.engine.dispose()


def test_a_no_answer_turn_records_the_redacted_question(dispatcher, recording_service) -> None:
    ActionAnswerFaq().run(dispatcher, make_tracker(NONSENSE), {})
    assert "見つかりませんでした" in all_text(dispatcher)
    (item,) = learning_items(recording_service.store)
    assert item.outcome == "no_answer" and item.entry_ids == ()
    assert "[電話番号]" in item.question and "1234" not in item.question
    with recording_service.store.session() as session:
        (conversation,) = session.execute(text("SELECT conversation FROM unanswered_questions")).scalars()
    assert conversation == conversation_key("test-resident")


def test_a_clarify_turn_records_the_choices_offered(dispatcher, recording_service) -> None:
    query = next(
        q.query
        for q in load_labelled(LABELLED_QUERIES)
        if q.in_scope and recording_service.search(q.query, 5).outcome.value == "clarify"
    )
    ActionAnswerFaq().run(dispatcher, make_tracker(query), {})
    (item,) = learning_items(recording_service.store)
    assert item.outcome == "clarify"
    assert list(item.entry_ids) == dispatcher.messages[0]["custom"]["choices"]


def test_an_answered_turn_records_nothing(dispatcher, recording_service) -> None:
    ActionAnswerFaq().run(dispatcher, make_tracker("地域おこし協力隊サミットの参加費はいくら"), {})
    assert dispatcher.messages[0]["custom"]["type"] == "faq_answer"
    assert learning_items(recording_service.store) == []


def test_a_database_failure_does_not_break_the_turn_or_leak_the_text(
    dispatcher, recording_service, caplog
) -> None:
    with recording_service.store.engine.begin() as connection:
        connection.execute(text("DROP TABLE unanswered_questions"))
    with caplog.at_level(logging.INFO):
        ActionAnswerFaq().run(dispatcher, make_tracker(NONSENSE), {})
    assert "見つかりませんでした" in all_text(dispatcher)
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings and "unanswered question" in warnings[0].getMessage()
    assert not any("あsdふぁ" in r.getMessage() or "1234" in r.getMessage() for r in caplog.records)


def test_every_faq_turn_is_counted_with_its_outcome_and_no_words(dispatcher, recording_service) -> None:
    from datetime import datetime, timedelta, timezone

    from faq.residents.question_counts import counts_between

    with recording_service.store.engine.begin() as connection:
        connection.execute(text("DELETE FROM question_counts"))
    ActionAnswerFaq().run(dispatcher, make_tracker("協力隊の任期は何年ですか"), {})
    ActionAnswerFaq().run(dispatcher, make_tracker(NONSENSE), {})
    rows = counts_between(recording_service.store, datetime.now(timezone.utc) - timedelta(hours=1))
    assert sorted((r.outcome, r.category, r.count) for r in rows) == [
        ("answer", "地域おこし協力隊", 1),
        ("no_answer", "", 1),
    ]
