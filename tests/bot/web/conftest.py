"""Fixtures shared by the web tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from bot.web.settings import get_settings as get_web_settings
from faq.settings import get_settings as get_engine_settings


def clear_settings() -> None:
    """Both caches: the engine reads its own settings, the app its switches and limits from the web ones."""
    get_engine_settings.cache_clear()
    get_web_settings.cache_clear()


@pytest.fixture()
def govbot_env(monkeypatch) -> Iterator[Callable[..., None]]:
    """``govbot_env(OPEN_METRICS="true")`` sets ``GOVBOT_*`` variables for one test and re-reads the
    settings; the index poller is off, and the settings are read afresh after the test."""

    def set_env(**values: str) -> None:
        for name, value in values.items():
            monkeypatch.setenv(f"GOVBOT_{name}", value)
        clear_settings()

    set_env(INDEX_POLL_SECONDS="0")
    yield set_env
    clear_settings()
