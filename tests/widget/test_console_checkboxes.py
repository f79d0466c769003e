"""Issue 29, item 8: at 360 px the console's checkboxes floated on their own lines between the labels (an
entry's 対象, the learning page, the import form), so staff could tick the wrong one. Each checkbox now sits
on one line with its own label, and the whole label is a 44-px target."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.widget.conftest import ARTIFACTS, axe_violations
from tests.widget.test_console_browser import fits, sign_in, staff_account

pytestmark = [pytest.mark.integration, pytest.mark.slow]

# For every visible checkbox: its label's box, the first line of the label's own text, and the checkbox.
CHECKS = """() => [...document.querySelectorAll('input[type=checkbox]')]
  .filter(box => box.getClientRects().length)
  .map(box => {
    const label = box.closest('label');
    const range = document.createRange();
    const text = label ? [...label.childNodes].find(n => n.nodeType === 3 && n.textContent.trim()) : null;
    if (text) range.selectNodeContents(text);
    const line = text ? range.getClientRects()[0] : null;
    const r = e => {
      const b = e.getBoundingClientRect();
      return {top: b.top, bottom: b.bottom, left: b.left, right: b.right, w: b.width, h: b.height};
    };
    return {name: box.name, value: box.value.slice(0, 20), box: r(box), label: label ? r(label) : null,
            line: line ? {top: line.top, bottom: line.bottom, left: line.left} : null};
  })"""

PAGES = {
    "entry": "/console/entries/kikumimi-what-is",
    "learning": "/console/learning",
    "transfer": "/console/transfer",
}


@pytest.fixture(scope="module")
def reviewer(server) -> str:
    staff_account(server, "check-reviewer", "reviewer")
    for n, question in enumerate(("ペットの名前を決めたい", "猫の名前はどうやって決める？")):
        server.say(f"checkbox-{n}", question)  # unanswered: the learning page lists them with checkboxes
    return "check-reviewer"


def assert_each_checkbox_on_the_line_of_its_label(checks: list[dict], page: str) -> None:
    assert checks, f"{page}: no checkbox found"
    for check in checks:
        box, label, line = check["box"], check["label"], check["line"]
        assert label and line, (page, check)  # every checkbox is inside a label with text
        middle = (box["top"] + box["bottom"]) / 2
        assert line["top"] <= middle <= line["bottom"], (
            page,
            "the checkbox is not on its text's line",
            check,
        )
        assert box["right"] <= line["left"] + 1, (page, "the checkbox is not before its text", check)
        assert label["h"] >= 44 and label["w"] >= 44, (page, "the label is under 44 px", check)
    labels = [c["label"] for c in checks]
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            overlap = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            side = min(a["right"], b["right"]) - max(a["left"], b["left"])
            assert overlap <= 0.5 or side <= 0.5, (page, "two labels overlap", a, b)


@pytest.mark.parametrize("text", ["100%", "200%"])
def test_checkboxes_sit_with_their_labels_at_360_px(open_page, server, reviewer: str, text: str) -> None:
    page = open_page("phone")
    sign_in(page, server.base, reviewer)
    for name, path in PAGES.items():
        page.goto(server.base + path)
        page.evaluate(f"document.documentElement.style.fontSize = '{text}'")
        if name == "learning":
            page.locator("details.card summary").first.click()  # まとめて「対応不要」にする
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_each_checkbox_on_the_line_of_its_label(page.evaluate(CHECKS), name)
        fits(page)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=str(ARTIFACTS / f"console-checkboxes-{name}-{text[:-1]}-360.png"), full_page=True
        )
        assert axe_violations(page) == [], name


def test_tapping_a_label_ticks_its_own_checkbox(open_page, server, reviewer: str) -> None:
    page = open_page("phone")
    sign_in(page, server.base, reviewer)
    page.goto(server.base + PAGES["entry"])
    for audience in ("住民", "被災者", "協力隊志望者", "自治体職員"):
        box = page.get_by_role("checkbox", name=audience, exact=True)
        before = box.is_checked()
        page.locator("label", has=box).get_by_text(audience, exact=True).tap()
        assert box.is_checked() is not before, audience
