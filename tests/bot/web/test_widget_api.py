"""The widget's HTTP surface: votes, the disaster banner, headers, CORS and the static files."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from bot.web.app import create_app
from bot.web.deps import get_flows
from faq.content.flows import flow_table, start_menu
from faq.content.messages import texts
from faq.residents.feedback import feedback_counts, votes
from faq.service import FaqService
from faq.settings import PROJECT_ROOT, Settings
from tests.bot.flow_rules import table_with_new_flow
from tests.databases import copy_database

pytestmark = pytest.mark.integration
EMBEDDER = "https://www.city.example.lg.jp"
EVIL = "https://evil.example"
ENTRY = "kyoryokutai-eligibility"
WIDGET_JS = (PROJECT_ROOT / "bot" / "web" / "static" / "widget.js").read_text(encoding="utf-8")


@pytest.fixture()
def service(tmp_path, built_service) -> FaqService:
    """The shipped index over a copy of the database, so votes land in a scratch store."""
    database = tmp_path / "govbot.db"
    copy_database(built_service.store.database_url, database)
    settings = Settings(database_url=f"sqlite:///{database}", index_dir=built_service.settings.index_dir)
    return FaqService(settings)


@pytest.fixture()
def client(service, govbot_env) -> TestClient:
    govbot_env(ALLOWED_ORIGINS=EMBEDDER + "/")
    with TestClient(create_app(service)) as client:
        yield client


def vote(client: TestClient, **fields) -> dict:
    body = {"sender": "widget-1", "faq_id": ENTRY, "helpful": False, "question": "任期は？"}
    return client.post("/api/feedback", json={**body, **fields})


def test_a_vote_is_stored_with_the_question_redacted(client: TestClient, service) -> None:
    response = vote(client, question="任期は？ 090-1234-5678 に電話ください")
    assert response.status_code == 201, response.text
    assert response.json() == {"faq_id": "kyoryokutai-eligibility", "helpful": False, "replaced": False}
    (stored,) = votes(service.store)
    assert "090-1234-5678" not in stored.question and "[電話番号]" in stored.question
    assert "widget-1" not in stored.conversation  # only a one-way key of the sender is kept


def test_a_second_vote_in_a_conversation_replaces_the_first(client: TestClient, service) -> None:
    vote(client, helpful=False)
    assert vote(client, helpful=True).json()["replaced"] is True
    vote(client, sender="widget-2", helpful=False)
    (count,) = feedback_counts(service.store)
    assert (count.faq_id, count.helpful, count.not_helpful) == ("kyoryokutai-eligibility", 1, 1)


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({"faq_id": "no-such-entry"}, 404),
        ({"helpful": "maybe"}, 422),
        ({"sender": ""}, 422),
        ({"question": "長" * 2001}, 422),
    ],
)
def test_a_bad_vote_gets_a_reason(client: TestClient, service, fields: dict, status: int) -> None:
    response = vote(client, **fields)
    assert response.status_code == status
    assert response.json()["detail"]
    assert votes(service.store) == []


def test_the_banner_lists_active_disasters_for_the_region(client: TestClient) -> None:
    (noto,) = client.get("/api/disasters/active", params={"region": "いしかわ"}).json()
    assert noto["id"] == "r6-noto-earthquake"
    assert noto["contact"]["phone"] == "076-264-1100" and noto["contact"]["tel"] == "tel:0762641100"
    assert noto["payload"] == '/disaster_help{"prefecture": "石川県"}'
    assert client.get("/api/disasters/active", params={"region": "東京都"}).json() == []
    everywhere = client.get("/api/disasters/active").json()
    assert {"r6-noto-earthquake", "r7-august-heavy-rain"} <= {d["id"] for d in everywhere}
    # A disaster over two prefectures calls the embedding region's centre.
    (rain,) = client.get("/api/disasters/active", params={"region": "鹿児島県"}).json()
    assert rain["contact"]["phone"] == "099-223-1100" and "鹿児島県" in rain["payload"]


def test_the_widget_is_served_its_start_menu_from_the_table_of_flows(client: TestClient) -> None:
    served = client.get("/api/widget", headers={"Origin": EMBEDDER})
    assert served.status_code == 200 and served.headers["access-control-allow-origin"] == EMBEDDER
    assert served.json() == {"start_menu": start_menu(), "texts": texts("widget")}
    # The script itself names no flow: its labels and payloads are only what the server sends.
    for flow in flow_table().flows:
        assert flow.button not in WIDGET_JS and flow.payload not in WIDGET_JS


def test_the_widget_says_only_words_it_is_served() -> None:
    """widget.js holds no Japanese outside its comments, and every text it asks for is in messages.yml."""
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", WIDGET_JS, flags=re.S)
    assert re.findall(r"[\u3040-\u30ff\u4e00-\u9fff]+", code) == []
    used = set(re.findall(r'\bt\(\s*"([a-z_]+)"', code))
    assert len(used) > 40  # the scan found the calls
    assert used <= set(texts("widget")), used - set(texts("widget"))


def test_a_new_flow_reaches_the_widget_by_its_row_alone(client: TestClient, tmp_path) -> None:
    """The made-up flow of tests/data/new_flow: its row is the widget's new start button, no script edit."""
    table = table_with_new_flow(tmp_path)
    client.app.dependency_overrides[get_flows] = lambda: table
    served = client.get("/api/widget").json()["start_menu"]
    assert served[-1] == {"title": "引っ越しの手続を知りたい", "payload": "/moving_help"}
    assert served[:-1] == start_menu()


def test_an_unknown_region_is_a_422(client: TestClient) -> None:
    response = client.get("/api/disasters/active", params={"region": "アトランティス"})
    assert response.status_code == 422 and "not a prefecture" in response.json()["detail"]


def test_pages_and_answers_carry_security_headers(client: TestClient) -> None:
    page = client.get("/")
    assert page.headers["content-security-policy"].startswith("default-src 'self'; script-src 'self'")
    api = client.get("/healthz")
    assert api.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
    for response in (page, api):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
    assert (
        client.get("/static/widget.js")
        .headers["content-type"]
        .startswith(("application/javascript", "text/javascript"))
    )


def test_cors_allows_only_configured_origins(client: TestClient) -> None:
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    allowed = client.options("/webhooks/rest/webhook", headers={"Origin": EMBEDDER, **preflight})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == EMBEDDER
    refused = client.options("/webhooks/rest/webhook", headers={"Origin": EVIL, **preflight})
    assert refused.status_code == 400 and "access-control-allow-origin" not in refused.headers
    plain = client.get("/api/disasters/active", headers={"Origin": EVIL})
    assert "access-control-allow-origin" not in plain.headers
    # The widget's words and start menu are public: any page may read them, none may chat.
    assert client.get("/api/widget", headers={"Origin": EVIL}).headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize(
    "path", ["/static/../app.py", "/static/..%2fapp.py", "/static/%2e%2e/routes/chat.py", "/static/nope.js"]
)
def test_static_files_do_not_leave_their_folder(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "def create_app" not in response.text and "APIRouter" not in response.text
