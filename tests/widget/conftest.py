"""Debian's chromium, headless, driven by Playwright against the shared end-to-end server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from faq.settings import PROJECT_ROOT

CHROMIUM_FLAGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # The machine has no outside network: keep chromium from calling home at every start.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = PROJECT_ROOT / "var" / "test-artifacts"


def chromium_path() -> str:
    path = os.environ.get("GOVBOT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.isfile(path):
        pytest.fail("Debian's chromium is missing; `make test` installs it (scripts/install_browser.sh)")
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


class PageErrors(list):
    """Uncaught script errors of a page; a widget that throws fails its test."""


@pytest.fixture()
def page(browser) -> Iterator:
    context = browser.new_context(locale="ja-JP", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = PageErrors()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    yield page
    context.close()
    assert not errors, f"script errors on the page: {errors}"


@pytest.fixture()
def phone(browser) -> Iterator:
    """A 360-px-wide phone."""
    context = browser.new_context(
        locale="ja-JP",
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    errors = PageErrors()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"script errors on the page: {errors}"
