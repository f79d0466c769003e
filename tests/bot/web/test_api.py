from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from bot.web.app import create_app
from faq.service import FaqService

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def client(built_service) -> TestClient:
    with TestClient(create_app(built_service)) as client:
        yield client


def test_healthz_is_ok_once_the_index_is_loaded(client: TestClient, built_service) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "revision": built_service.index.revision,
        "entries": len(built_service.index.entries),
        "problem": "",
    }


def test_healthz_is_503_before_the_index_exists(tmp_settings) -> None:
    with TestClient(create_app(FaqService(tmp_settings))) as client:
        assert client.get("/healthz").status_code == 503
        response = client.get("/api/faq/search", params={"q": "協力隊"})
        assert response.status_code == 503
        assert "not ready" in response.json()["detail"]


def test_search_contract(client: TestClient) -> None:
    response = client.get("/api/faq/search", params={"q": "きくみみって何？", "k": 3})
    assert response.status_code == 200
    body = response.json()
    assert body["outcome"] in {"answer", "clarify", "no_answer"}
    assert 1 <= len(body["results"]) <= 3
    first = body["results"][0]
    assert set(first) == {"id", "question", "answer", "category", "score", "source"}
    assert set(first["source"]) == {"document", "section", "ref", "last_checked"}
    assert "きくみみ" in first["question"] + first["answer"]


@pytest.mark.parametrize(
    ("params", "status", "reason"),
    [
        ({"q": ""}, 422, "empty"),
        ({"q": "   \u3000 "}, 422, "empty"),
        ({"q": "a" * 10_000}, 422, "limit"),
        ({"q": "あ" * 2_000}, 422, "limit"),
        ({"q": "協力隊", "k": 0}, 422, "k"),
        ({"q": "協力隊", "k": 51}, 422, "k"),
        ({"q": "協力隊", "k": "many"}, 422, "k"),
        ({}, 422, "q"),
    ],
)
def test_bad_input_gets_a_4xx_with_a_reason(
    client: TestClient, params: dict, status: int, reason: str
) -> None:
    response = client.get("/api/faq/search", params=params)
    assert response.status_code == status
    assert reason in str(response.json()["detail"])


@pytest.mark.parametrize(
    "query",
    [
        "😀😀😀",
        "\u0000\u0001\u0002",
        "'; DROP TABLE faq_entries; --",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)> 協力隊",
        "%00%27 OR 1=1",
        "ｱｲｳｴｵ" * 100,
        "\ud7ff\ufffd",
    ],
)
def test_odd_input_never_breaks_search(client: TestClient, query: str) -> None:
    response = client.get("/api/faq/search", params={"q": query, "k": 5})
    assert response.status_code == 200
    body = response.json()
    assert body["query"] == query  # echoed as data in JSON, never interpreted
    assert len(body["results"]) <= 5


def test_store_survives_sql_in_queries(client: TestClient, built_service) -> None:
    client.get("/api/faq/search", params={"q": "'; DROP TABLE faq_entries; --"})
    assert len(built_service.store.published()) == len(built_service.index.entries)


# -- municipality= (the page's municipality, issue 17's contract) -----------------------------------


def test_search_without_municipality_is_as_before(client: TestClient) -> None:
    body = client.get("/api/faq/search", params={"q": "行政相談の窓口"}).json()
    assert "place" not in body


@pytest.mark.parametrize(
    ("municipality", "label", "centre"),
    [
        ("172049", "石川県輪島市", "きくみみ石川"),  # 団体コード with its check digit
        ("17204", "石川県輪島市", "きくみみ石川"),
        ("輪島市", "石川県輪島市", "きくみみ石川"),
        ("北海道伊達市", "北海道伊達市", "きくみみ北海道"),
        ("余市町", "北海道余市郡余市町", "きくみみ函館"),
        ("17", "石川県", "きくみみ石川"),
    ],
)
def test_search_with_municipality_names_its_place_and_centre(
    client: TestClient, municipality: str, label: str, centre: str
) -> None:
    response = client.get("/api/faq/search", params={"q": "行政相談の窓口", "municipality": municipality})
    assert response.status_code == 200, response.text
    place = response.json()["place"]
    assert place["label"] == label and place["kikumimi"]["name"] == centre
    assert response.json()["results"]  # the search itself is unchanged


def test_search_with_an_unconfirmed_hokkaido_town_says_so(client: TestClient) -> None:
    place = client.get("/api/faq/search", params={"q": "窓口", "municipality": "01208"}).json()["place"]
    assert place["label"] == "北海道北見市" and place["kikumimi"]["name"] == "きくみみ北海道"
    assert "確認できていません" in place["kikumimi"]["note"]


@pytest.mark.parametrize("municipality", ["伊達市", "99999", "存在しない町", " ", "x" * 41])
def test_search_with_a_municipality_naming_no_single_place_is_422(
    client: TestClient, municipality: str
) -> None:
    response = client.get("/api/faq/search", params={"q": "窓口", "municipality": municipality})
    assert response.status_code == 422


def test_the_app_holds_one_warmed_directory_for_every_route(client: TestClient) -> None:
    from faq.places.directory import KikumimiDirectory

    directory = client.app.state.directory
    assert directory is KikumimiDirectory.default()  # the in-process actions read this same object
    assert directory._resolver is not None  # the gazetteer was indexed at start-up, not in a turn
