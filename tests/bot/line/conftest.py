"""Fixtures of the LINE tests: the fake LINE platform, and the app configured to talk to it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.web.settings import get_settings as get_web_settings
from faq.settings import get_settings as get_engine_settings
from tests.bot.line.fake_line import FakeLine

SECRET = "line-test-channel-secret"
TOKEN = "line-test-access-token"


def clear_settings() -> None:
    get_engine_settings.cache_clear()
    get_web_settings.cache_clear()


@pytest.fixture()
def fake_line() -> Iterator[FakeLine]:
    fake = FakeLine(SECRET, TOKEN)
    fake.start()
    yield fake
    fake.stop()


@pytest.fixture()
def line_env(monkeypatch, fake_line) -> Iterator[dict[str, str]]:
    """GOVBOT_LINE_* pointing at the fake platform, for apps built in this test."""
    env = {
        "GOVBOT_LINE_CHANNEL_SECRET": SECRET,
        "GOVBOT_LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
        "GOVBOT_LINE_API_BASE": fake_line.base,
        "GOVBOT_INDEX_POLL_SECONDS": "0",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    clear_settings()
    yield env
    clear_settings()
