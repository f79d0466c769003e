"""The trained model run node by node gives what dask's scheduler gives: the same parse, the same action."""

from __future__ import annotations

import asyncio
import time

import pytest
from rasa.core.agent import load_agent
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.shared.core.events import UserUttered

from bot.web.assistant import DEFAULT_MODEL
from bot.web.graph_runner import SequentialGraphRunner, run_without_dask
from tests.nlu.routing import load_conversations

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture(scope="module")
def agent():
    if not DEFAULT_MODEL.is_file():
        pytest.skip("no trained model (make models/govbot.tar.gz)")
    return asyncio.run(load_agent(model_path=str(DEFAULT_MODEL)))


def _as(runner, kind: type) -> None:
    runner.__class__ = kind


def _parse_and_predict(agent, text: str) -> tuple:
    parsed = asyncio.run(agent.parse_message(text))
    tracker = asyncio.run(agent.tracker_store.get_or_create_tracker(f"runner-{time.monotonic_ns()}"))
    tracker.update(UserUttered(text, parsed["intent"], parsed["entities"], parse_data=parsed))
    prediction = agent.processor.predict_next_with_tracker(tracker)  # its "tracker" dump has this run's ids
    return parsed, (prediction["scores"], prediction["policy"], prediction["confidence"])


def test_every_labelled_message_parses_and_predicts_the_same(agent) -> None:
    runner = agent.processor.graph_runner
    messages = [turn["text"] for row in load_conversations() for turn in row["turns"]][::4]
    assert len(messages) >= 100
    try:
        _as(runner, DaskGraphRunner)
        stock = [_parse_and_predict(agent, text) for text in messages]
        run_without_dask(runner)
        assert type(runner) is SequentialGraphRunner
        ours = [_parse_and_predict(agent, text) for text in messages]
    finally:
        _as(runner, DaskGraphRunner)
    assert [p for p, _ in ours] == [p for p, _ in stock]
    assert [p for _, p in ours] == [p for _, p in stock]


def test_a_node_that_fails_raises_what_it_raised_under_dask(agent) -> None:
    runner = agent.processor.graph_runner
    target = agent.processor.model_metadata.nlu_target
    inputs = {"__message__": ["not a message"], "__tracker__": None}
    raised = []
    try:
        for kind in (DaskGraphRunner, SequentialGraphRunner):
            _as(runner, kind)
            with pytest.raises(Exception) as error:
                runner.run(inputs=inputs, targets=[target])
            raised.append(type(error.value))
    finally:
        _as(runner, DaskGraphRunner)
    assert raised[0] is raised[1]
