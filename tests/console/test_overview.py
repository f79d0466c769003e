"""概要: question volumes, the share answered, per-disaster numbers, and charts drawn on the server as SVG
images, each with its data as a CSV download."""

from __future__ import annotations

import base64
import csv
import io
import re
import threading
from collections import OrderedDict
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from bot.web.console import charts
from faq.content.disasters import declare
from faq.content.versions import Actor
from faq.residents.learning import UnansweredRow
from faq.residents.question_counts import DISASTER_CATEGORY, count_turn
from tests.console.conftest import sign_in

pytestmark = pytest.mark.integration


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200, response.text
    assert response.content.startswith(b"\xef\xbb\xbf")  # Excel reads the headings
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.fixture()
def recorded(console_service, accounts):
    store = console_service.store
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM unanswered_questions"))
        connection.execute(text("DELETE FROM question_counts"))
    # 23:30 UTC two days ago is 08:30 the next day in Japan: it must count on that day, in the 8時 column.
    late = datetime.now(timezone.utc).replace(hour=23, minute=30, second=0, microsecond=0) - timedelta(days=2)
    for outcome, category in (
        ("answer", "行政相談"),
        ("answer", "行政相談"),
        ("answer", "地域おこし協力隊"),
        ("clarify", "行政相談"),
        ("no_answer", ""),
        ("safety", "緊急・安全"),
    ):
        count_turn(store, outcome, category, at=late)
    with store.session() as session, session.begin():
        session.add(
            UnansweredRow(question="火山の噴火", outcome="no_answer", conversation="c", created_at=late)
        )
    return late


def test_charts_are_drawn_on_their_paced_thread_and_once_per_data(client, recorded, monkeypatch) -> None:
    """Issue 23 (10): a 90-day overview costs about 2.6 s of matplotlib, and the console's rate limit (120
    pages a minute) let one account keep the server's cores busy. Charts are drawn on the console's own
    paced thread (never the routes' pool), and a view of numbers that have not changed draws nothing."""
    drawn_on: list[str] = []
    draw = charts.svg

    def recording(table):  # the real drawing, noting the thread it ran on
        drawn_on.append(threading.current_thread().name)
        return draw(table)

    monkeypatch.setattr(charts, "svg", recording)
    monkeypatch.setattr(charts, "_drawn", OrderedDict(), raising=False)  # nothing drawn before
    sign_in(client, "editor1")
    first = client.get("/console/overview", params={"days": 90})
    assert first.status_code == 200 and drawn_on
    assert all(name.startswith("chart-work") for name in drawn_on), drawn_on
    count = len(drawn_on)
    again = client.get("/console/overview", params={"days": 90})
    assert again.status_code == 200 and len(drawn_on) == count  # the same numbers: nothing drawn again
    images = re.findall(r'<img src="(data:image/svg[^"]+)"', again.text)
    assert images and images == re.findall(r'<img src="(data:image/svg[^"]+)"', first.text)


def test_the_overview_draws_svg_charts_under_the_csp(client, recorded) -> None:
    sign_in(client, "editor1")
    page = client.get("/console/overview", params={"days": 7})
    assert page.status_code == 200
    images = re.findall(r'<img src="data:image/svg\+xml;base64,([^"]+)"', page.text)
    assert len(images) >= 5
    drawn = base64.b64decode(images[0]).decode("utf-8")
    assert drawn.lstrip().startswith("<?xml") and "<svg" in drawn and "候補を提示" in drawn
    assert "<script" not in page.text.lower() and "<script" not in drawn
    assert not re.search(r'(?:href|src)="https?://', drawn)  # nothing fetched from elsewhere (no CDN)
    assert "img-src 'self' data:" in page.headers["content-security-policy"]


def test_the_period_shows_volumes_and_the_share_answered(client, recorded) -> None:
    sign_in(client, "editor1")
    page = client.get("/console/overview", params={"days": 7}).text
    assert 'data-total="questions">6件' in page
    assert 'data-share="answer">60.0%（3件）' in page  # 3 of the 5 the search decided; safety apart
    assert 'data-share="no_answer">20.0%（1件）' in page
    today = client.get("/console/overview", params={"days": 1}).text
    assert 'data-total="questions">0件' in today  # the turns were two days ago


def test_each_chart_downloads_as_csv_in_japan_time(client, recorded) -> None:
    sign_in(client, "editor1")
    japan_day = (recorded + timedelta(hours=9)).strftime("%m/%d")
    per_day = rows_of(client.get("/console/overview/questions-per-day.csv", params={"days": 7}))
    assert per_day[0] == ["日付", "答えた", "候補を提示", "回答なし", "緊急の案内", "案内の流れ"]
    assert [japan_day, "3", "1", "1", "1", "0"] in per_day
    per_hour = rows_of(client.get("/console/overview/questions-per-hour.csv"))
    assert ["8時", "3", "1", "1", "1", "0"] in per_hour
    share = rows_of(client.get("/console/overview/answer-share.csv"))
    assert [japan_day, "60", "20", "20"] in share
    categories = rows_of(client.get("/console/overview/questions-per-category.csv"))
    assert categories[1] == ["行政相談", "2", "1", "0", "0", "0"]  # the most asked first
    groups = rows_of(client.get("/console/overview/unanswered-groups.csv"))
    assert ["火山の噴火", "1"] in groups
    assert client.get("/console/overview/nothing.csv").status_code == 404


def test_a_disaster_has_its_own_numbers_on_the_overview_and_the_disasters_page(
    client, recorded, console_service
) -> None:
    store = console_service.store
    drill = declare(store, {"name": "訓練の大雨", "prefectures": "熊本県"}, Actor("reviewer1", "reviewer"))
    count_turn(store, "flow", DISASTER_CATEGORY, "熊本県")
    count_turn(store, "answer", DISASTER_CATEGORY, "熊本県")
    count_turn(store, "answer", "行政相談", "熊本県")  # not the disaster's question
    sign_in(client, "reviewer1")
    page = client.get("/console/overview", params={"days": 1, "disaster": drill.id}).text
    assert 'data-total="questions">2件' in page
    assert f'data-disaster-questions="{drill.id}">2件' in page
    rows = rows_of(
        client.get("/console/overview/questions-per-day.csv", params={"days": 1, "disaster": drill.id})
    )
    assert rows[1][1:] == ["1", "0", "0", "0", "1"]
    everything = client.get("/console/overview", params={"days": 1}).text
    assert 'data-total="questions">3件' in everything
    disasters = client.get("/console/disasters").text
    assert re.search(rf'data-disaster-questions="{drill.id}">この災害の質問：<strong>2件</strong>', disasters)
    assert "案内の流れ 1件" in disasters
    assert client.get("/console/overview", params={"disaster": "no-such-disaster"}).status_code == 404


def test_each_series_of_a_chart_has_its_own_colour(recorded, console_service) -> None:
    from bot.web.console.charts import svg
    from bot.web.console.overview_tables import tables
    from faq.content.permissions import Actor

    drawn = svg(tables(console_service, Actor("editor1", "editor"), 7)["questions-per-day"])
    fills = set(re.findall(r"fill: ?(#[0-9a-f]{6})", drawn))
    assert {"#1d4f91", "#e0a100", "#b3261e", "#1e6b30", "#7a4fa3"} <= fills  # five outcomes, five colours
