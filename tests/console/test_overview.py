"""概要: charts drawn on the server as SVG images, each with its data as a CSV download."""

from __future__ import annotations

import base64
import csv
import io
import re
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from faq.residents.learning import UnansweredRow
from tests.console.conftest import sign_in

pytestmark = pytest.mark.integration


@pytest.fixture()
def recorded(console_service, accounts):
    store = console_service.store
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM unanswered_questions"))
    # 23:30 UTC on the 27th is 08:30 on the 28th in Japan: it must count on the 28th, in the 8時 column.
    late = datetime.now(timezone.utc).replace(hour=23, minute=30, second=0, microsecond=0) - timedelta(days=2)
    with store.session() as session, session.begin():
        for outcome in ("no_answer", "no_answer", "clarify"):
            session.add(
                UnansweredRow(question="火山の噴火", outcome=outcome, conversation="c", created_at=late)
            )
    return late


def test_the_overview_draws_svg_charts_under_the_csp(client, recorded) -> None:
    sign_in(client, "editor1")
    page = client.get("/console/overview", params={"days": 7})
    assert page.status_code == 200
    images = re.findall(r'<img src="data:image/svg\+xml;base64,([^"]+)"', page.text)
    assert len(images) >= 4
    drawn = base64.b64decode(images[0]).decode("utf-8")
    assert drawn.lstrip().startswith("<?xml") and "<svg" in drawn and "もしかして" in drawn
    assert "<script" not in page.text.lower() and "<script" not in drawn
    assert not re.search(r'(?:href|src)="https?://', drawn)  # nothing fetched from elsewhere (no CDN)
    assert "img-src 'self' data:" in page.headers["content-security-policy"]


def test_each_chart_downloads_as_csv_in_japan_time(client, recorded) -> None:
    sign_in(client, "editor1")
    per_day = client.get("/console/overview/unanswered-per-day.csv", params={"days": 7})
    assert per_day.content.startswith(b"\xef\xbb\xbf")  # Excel reads the headings
    rows = list(csv.reader(io.StringIO(per_day.content.decode("utf-8-sig"))))
    assert rows[0] == ["日付", "もしかして", "答えない"]
    japan_day = (recorded + timedelta(hours=9)).strftime("%m/%d")
    assert [japan_day, "1", "2"] in rows
    per_hour = list(csv.reader(io.StringIO(client.get("/console/overview/unanswered-per-hour.csv").text)))
    assert ["8時", "1", "2"] in per_hour
    assert client.get("/console/overview/nothing.csv").status_code == 404
