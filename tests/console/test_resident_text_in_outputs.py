"""Residents' words reach a chart's SVG, a CSV staff open in Excel, a console page's HTML and XML. Each
format has one sanitiser (faq/text/sanitise.py); arbitrary text through each stays inert (issue 23: two
chats holding 「$x^{$」 made the overview answer 500; a question starting with 「=」 reached a CSV live)."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from bot.web.console.charts import Table, svg
from bot.web.console.rendering import TEMPLATES
from faq.residents.learning import UnansweredRow
from faq.text.sanitise import FORMULA_START, csv_cell, plain_text, xml_text
from tests.console.conftest import sign_in

pytestmark = pytest.mark.integration
# Characters that reorder or hide what staff read, or that XML 1.0 forbids.
INVISIBLE = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\ufeff\u200b")
ANY_TEXT = st.text(st.characters(blacklist_categories=()), max_size=60)


def _bad(out: str) -> set[str]:
    control = {c for c in out if ord(c) < 32 and c not in "\n\t\r"}
    return control | {c for c in out if c in INVISIBLE or 0xD800 <= ord(c) <= 0xDFFF}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(labels=st.lists(ANY_TEXT, min_size=1, max_size=3))
def test_any_label_draws_a_well_formed_svg(labels: list[str]) -> None:
    rows = tuple((label, (float(i + 1),)) for i, label in enumerate(labels))
    drawn = svg(Table("t", "t", "l", ("件数",), rows, kind="barh"))
    ET.fromstring(drawn.encode("utf-8"))  # well-formed XML
    assert not _bad(drawn)


@pytest.mark.parametrize("label", ["$x^{$", "$\\frac{1}{0}$", "a$b$c", "\\$$"])
def test_a_mathtext_formula_is_drawn_as_text(label: str) -> None:
    drawn = svg(Table("t", "t", "l", ("件数",), ((label, (2.0,)), ("ok", (1.0,)))))
    ET.fromstring(drawn.encode("utf-8"))


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_a_csv_cell_never_starts_a_formula_and_reads_back(value: str) -> None:
    cell = csv_cell(value)
    assert not FORMULA_START.match(cell) or cell.startswith("'")
    out = io.StringIO()
    csv.writer(out).writerow([cell])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == [cell]
    assert not _bad(cell)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_xml_text_is_well_formed_as_content_and_attribute(value: str) -> None:
    escaped = xml_text(value)
    ET.fromstring(f'<a t="{escaped}">{escaped}</a>'.encode())


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_html_pages_print_plain_escaped_text(value: str) -> None:
    page = TEMPLATES.env.from_string("<p>{{ v }}</p>").render(v=value)
    assert not _bad(page)
    assert "<" not in page[3:-4] and plain_text(value, keep_line_breaks=True).count("&") <= page.count("&")


def test_the_overview_survives_mathtext_and_formulas_from_residents(
    client, console_service, accounts
) -> None:
    store = console_service.store
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM unanswered_questions"))
    now = datetime.now(timezone.utc)
    with store.session() as session, session.begin():
        for question in ("$x^{$", "$x^{$", '=HYPERLINK("https://evil.example")', "-1+1", "\u202e逆さま\x07"):
            row = UnansweredRow(question=question, outcome="no_answer", conversation="c", created_at=now)
            session.add(row)
    sign_in(client, accounts["editor"].username)
    page = client.get("/console/overview", params={"days": 7})
    assert page.status_code == 200, page.text[:500]
    assert "\u202e" not in page.text and "\x07" not in page.text
    groups = client.get("/console/overview/unanswered-groups.csv", params={"days": 7})
    assert groups.status_code == 200
    cells = [row[0] for row in csv.reader(io.StringIO(groups.content.decode("utf-8-sig")))][1:]
    assert cells and all(not FORMULA_START.match(c) or c.startswith("'") for c in cells), cells
