"""What residents say about an answer, kept for staff (issue 27): a typed 役に立った／役に立たなかった,
a 「違う」 right after an answer, and a question asked again in other words. A 役に立たなかった with the
question the resident asked goes to 改善候補 beside the unanswered questions, with the entry that was
given (:func:`faq.residents.learning.learning_items`)."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import faq_service, latest_text, start_button
from faq.content.messages import message
from faq.residents.feedback import asks_again, record_vote, says_not_helpful

logger = logging.getLogger(__name__)


def question_before(tracker: Tracker) -> str:
    """The resident's message before the latest one (the question an answer was given to), or ""."""
    texts = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
    typed = [t for t in texts[:-1] if t and not t.startswith("/")]
    return typed[-1] if typed else ""


def vote_on_the_answer(tracker: Tracker, helpful: bool) -> bool:
    """Store the resident's verdict on the entry just given (slot ``faq_id``) with the question it was given
    to; False when no entry was given."""
    entry_id = tracker.get_slot("faq_id")
    question = question_before(tracker)
    if not entry_id or not question:
        return False
    record_vote(faq_service().store, entry_id, helpful, question, tracker.sender_id)
    logger.info("vote from the conversation: faq_id=%s helpful=%s", entry_id, helpful)
    return True


def note_a_question_asked_again(tracker: Tracker) -> None:
    """A question asked again right after an answer, in other words: the answer did not meet it."""
    if tracker.get_slot("faq_id") and asks_again(question_before(tracker), latest_text(tracker)):
        vote_on_the_answer(tracker, helpful=False)


class ActionRecordFeedback(Action):
    """A typed remark on the answer (「わかりにくい」「役に立った」): thanked, and stored as a vote on it."""

    def name(self) -> str:
        return "action_record_feedback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        vote_on_the_answer(tracker, helpful=not says_not_helpful(latest_text(tracker)))
        dispatcher.utter_message(text=message("faq.feedback_thanks"))
        return []


class ActionDenyOutsideFlow(Action):
    """「いいえ」「ちがう」 with no question pending. Right after an answer it says the answer was not what
    was asked: stored as 役に立たなかった, with a way to ask again or reach a person."""

    def name(self) -> str:
        return "action_deny_outside_flow"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        voted = vote_on_the_answer(tracker, helpful=False)
        dispatcher.utter_message(
            text=message("faq.answer_was_not_it" if voted else "faq.no_outside_flow"),
            buttons=[
                {"title": message("button.by_category"), "payload": "/menu"},
                start_button("gyosei_form"),
            ],
        )
        return []
