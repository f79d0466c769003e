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


AXE_SCRIPT = PROJECT_ROOT / "tests" / "widget" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0-2.2 A and AA rules plus axe's best practices: what a public office's page must meet.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

SIZES = {
    "phone": {
        "viewport": {"width": 360, "height": 740},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    # 400 % browser zoom of a 1280×1024 screen: 320 CSS px wide (WCAG 1.4.10's reference).
    "zoom400": {"viewport": {"width": 320, "height": 256}, "device_scale_factor": 4},
    # 200 % browser zoom on a laptop.
    "zoom200": {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2},
}


@pytest.fixture()
def open_page(browser) -> Iterator:
    """A factory: a fresh page of a given size (see SIZES). CSP is bypassed so axe-core can be injected."""
    contexts = []
    errors = PageErrors()

    def make(size: str = "phone"):
        context = browser.new_context(locale="ja-JP", bypass_csp=True, **SIZES[size])
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, f"script errors on the page: {errors}"


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page as ``rule (impact): target`` lines; [] when it is clean."""
    if not AXE_SCRIPT.is_file():
        pytest.fail("axe-core is missing; `make test` installs it (scripts/install_browser.sh, npm ci)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {', '.join(str(n['target']) for n in v['nodes'][:3])}"
        for v in result["violations"]
    ]


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 5_000
