"""Importing and exporting entries through the console and the JSON API, over a scratch copy of the DB."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from datetime import date

import pytest

from faq.content.transfer import CSV_COLUMNS, MAX_BYTES, export_csv, export_yaml
from faq.content.versions import EntryVersions
from faq.model import FaqEntry, Source
from tests.console.conftest import sign_in

pytestmark = pytest.mark.integration

PENGUIN_QUESTION = "庁舎の屋上でペンギンを飼う許可はどこで申請しますか？"
PENGUIN = FaqEntry(
    id="test-penguin-permit",
    category="行政相談",
    question=PENGUIN_QUESTION,
    answer="ペンギンの飼育許可は、お住まいの自治体の担当窓口にお問い合わせください（テスト用のエントリです）。",
    source=Source("テスト資料", "ペンギン", "test:L1"),
    last_checked=date(2026, 11, 22),
    alternates=("屋上でペンギンを飼ってもいい？", "ペンギン 飼育 許可 申請 窓口"),
    audience=("住民",),
    status="draft",
)


def state_of(service) -> tuple[list, list]:
    """Everything an import could change: each entry's working version and what search reads."""
    summaries = [(s.id, s.status, s.live_status, s.version) for s in EntryVersions(service.store).summaries()]
    return summaries, sorted(service.store.published(), key=lambda e: e.id)


def with_bad_row(good: list[FaqEntry]) -> bytes:
    """``good`` as CSV, then one row whose category does not exist."""
    out = io.StringIO(newline="")
    bad = dict(zip(CSV_COLUMNS, csv_rows(export_csv([replace(PENGUIN, id="test-bad-row")]))[1], strict=True))
    bad["category"] = "宇宙開発"
    csv.DictWriter(out, fieldnames=list(CSV_COLUMNS)).writerow(bad)
    return export_csv(good) + out.getvalue().encode("utf-8")


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def upload(
    client, csrf: str, data: bytes, name: str = "entries.csv", media_type: str = "text/csv", **form: str
):
    return client.post(
        "/console/transfer/import",
        data={"csrf_token": csrf, "reason": "一括更新のテスト", **form},
        files={"file": (name, data, media_type)},
        follow_redirects=False,
    )


def ids_found_by(service, query: str) -> list[str]:
    return [hit.entry.id for hit in service.search(query, k=10).hits]


# -- all or nothing --------------------------------------------------------------------------------------
def test_one_bad_row_among_good_ones_changes_nothing(client, console_service) -> None:
    existing = console_service.store.published()[0]
    changed = replace(existing, answer=existing.answer + "（更新）")
    data = with_bad_row([PENGUIN, changed])
    before = state_of(console_service)
    csrf = sign_in(client, "reviewer1")

    page = upload(client, csrf, data, publish="true")

    assert page.status_code == 422
    assert "何も書き込んでいません" in page.text
    assert '<th scope="col">行</th>' in page.text and '<th scope="col">理由</th>' in page.text
    assert "<td>4</td>" in page.text and "宇宙開発" in page.text  # row 4: header, two good rows, the bad one
    assert state_of(console_service) == before
    assert PENGUIN.id not in ids_found_by(console_service, PENGUIN_QUESTION)


def test_the_api_reports_each_problem_and_writes_nothing(client, console_service, accounts) -> None:
    before = state_of(console_service)
    response = client.post(
        "/api/staff/entries/import",
        params={"format": "csv", "reason": "テスト"},
        content=with_bad_row([PENGUIN]),
        headers={**accounts["reviewer"].bearer, "Content-Type": "text/csv"},
    )
    assert response.status_code == 422
    (problem,) = response.json()["problems"]
    assert problem["row"] == 3 and problem["field"] == "category" and "宇宙開発" in problem["reason"]
    assert state_of(console_service) == before


def test_an_import_needs_a_reason(client, console_service, accounts) -> None:
    before = state_of(console_service)
    response = client.post(
        "/api/staff/entries/import?format=csv",
        content=export_csv([PENGUIN]),
        headers=accounts["editor"].bearer,
    )
    assert response.status_code == 422
    assert response.json()["problems"][0]["field"] == "reason"
    assert state_of(console_service) == before


# -- drafts and publishing -------------------------------------------------------------------------------
def test_an_editors_import_makes_drafts_that_search_does_not_find(client, console_service, accounts) -> None:
    published_before = state_of(console_service)[1]
    response = client.post(
        "/api/staff/entries/import",
        params={"format": "csv", "reason": "ペンギンの質問を追加"},
        content=export_csv([PENGUIN]),
        headers={**accounts["editor"].bearer, "Content-Type": "text/csv"},
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"added": 1, "changed": 0, "unchanged": 0}
    working = EntryVersions(console_service.store).working(PENGUIN.id)
    assert (
        working.status == "draft" and working.author == "editor1" and working.reason == "ペンギンの質問を追加"
    )
    assert state_of(console_service)[1] == published_before
    assert PENGUIN.id not in ids_found_by(console_service, PENGUIN_QUESTION)


def test_a_reviewers_published_console_import_answers_at_once(client, console_service) -> None:
    assert PENGUIN.id not in ids_found_by(console_service, PENGUIN_QUESTION)
    csrf = sign_in(client, "reviewer1")

    asked = upload(client, csrf, export_csv([PENGUIN]), publish="true")
    # Publishing asks first, saying what residents get; nothing is written yet.
    assert asked.status_code == 200 and "1 件のエントリを追加し、0 件の回答を書き換えて" in asked.text
    assert PENGUIN.id not in ids_found_by(console_service, PENGUIN_QUESTION)
    hidden = dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', asked.text))
    assert hidden["confirmed"] == "yes" and hidden["staged_format"] == "csv"
    response = client.post("/console/transfer/import", data=hidden, follow_redirects=False)

    assert response.status_code == 303
    assert response.headers["location"] == "/console/transfer?added=1&changed=0&unchanged=0&flash=imported"
    page = client.get(response.headers["location"])
    assert "取り込みました。" in page.text and "<td>1 件</td>" in page.text
    assert EntryVersions(console_service.store).working(PENGUIN.id).status == "published"
    assert ids_found_by(console_service, PENGUIN_QUESTION)[0] == PENGUIN.id


def test_a_yaml_body_is_recognised_by_its_content_type(client, console_service, accounts) -> None:
    response = client.post(
        "/api/staff/entries/import",
        params={"reason": "YAML で追加", "publish": "true"},
        content=export_yaml([PENGUIN]),
        headers={**accounts["reviewer"].bearer, "Content-Type": "application/yaml"},
    )
    assert response.status_code == 200 and response.json()["added"] == 1
    assert ids_found_by(console_service, PENGUIN_QUESTION)[0] == PENGUIN.id


def test_an_untouched_export_imports_as_unchanged(client, console_service, accounts) -> None:
    before = state_of(console_service)
    sign_in(client, "editor1")
    for file_format in ("csv", "yaml"):
        exported = client.get(f"/console/transfer/export.{file_format}")
        assert exported.status_code == 200
        response = client.post(
            "/api/staff/entries/import",
            params={"format": file_format, "reason": "そのまま戻す"},
            content=exported.content,
            headers=accounts["editor"].bearer,
        )
        assert response.json() == {"added": 0, "changed": 0, "unchanged": len(before[0])}
    assert state_of(console_service) == before


# -- export ----------------------------------------------------------------------------------------------
def test_the_console_export_is_an_attachment_with_guarded_cells(client, console_service, accounts) -> None:
    hostile = replace(PENGUIN, question='=HYPERLINK("http://evil")', alternates=("@SUM(1)", "+1 なぜ"))
    imported = client.post(
        "/api/staff/entries/import?format=csv&reason=test",
        content=export_csv([hostile]),
        headers=accounts["editor"].bearer,
    )
    assert imported.status_code == 200
    sign_in(client, "editor1")

    response = client.get("/console/transfer/export.csv")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = csv_rows(response.content)
    assert rows[0] == list(CSV_COLUMNS)
    assert len(rows) == 1 + len(EntryVersions(console_service.store).summaries())
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    penguin = next(dict(zip(rows[0], row, strict=True)) for row in rows if row[0] == PENGUIN.id)
    assert penguin["question"] == '\'=HYPERLINK("http://evil")'
    assert penguin["alternates"] == "'@SUM(1)\n+1 なぜ"
    assert penguin["status"] == "draft", "the working version, not only what is published"


def test_the_yaml_export_is_an_attachment(client) -> None:
    sign_in(client, "editor1")
    response = client.get("/console/transfer/export.yaml")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/yaml")
    assert response.headers["content-disposition"].endswith('.yaml"')
    assert response.text.startswith("- id: ")


def test_the_api_export_returns_the_working_versions_as_a_file(client, console_service, accounts) -> None:
    count = len(EntryVersions(console_service.store).summaries())
    response = client.get("/api/staff/entries/export", headers=accounts["editor"].bearer)  # CSV by default
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    assert len(csv_rows(response.content)) == 1 + count
    response = client.get("/api/staff/entries/export?format=yaml", headers=accounts["editor"].bearer)
    assert response.headers["content-type"].startswith("application/yaml")
    assert response.text.count("\n- id: ") == count - 1


# -- who may do what -------------------------------------------------------------------------------------
def test_anonymous_callers_get_401_from_the_api_and_a_redirect_from_the_console(client) -> None:
    assert client.post("/api/staff/entries/import?format=csv&reason=x", content=b"id").status_code == 401
    assert client.get("/api/staff/entries/export").status_code == 401
    for path in ("/console/transfer", "/console/transfer/export.csv", "/console/transfer/export.yaml"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/console/login")


def test_an_editor_may_not_publish_an_import(client, console_service, accounts) -> None:
    before = state_of(console_service)
    response = client.post(
        "/api/staff/entries/import",
        params={"format": "csv", "reason": "公開したい", "publish": "true"},
        content=export_csv([PENGUIN]),
        headers=accounts["editor"].bearer,
    )
    assert response.status_code == 403
    csrf = sign_in(client, "editor1")
    assert upload(client, csrf, export_csv([PENGUIN]), publish="true").status_code == 403
    assert state_of(console_service) == before


def test_only_reviewers_see_the_publish_checkbox(client) -> None:
    sign_in(client, "editor1")
    assert 'name="publish"' not in client.get("/console/transfer").text
    sign_in(client, "reviewer1")
    page = client.get("/console/transfer")
    assert 'name="publish"' in page.text and "公開する" in page.text
    assert "style=" not in page.text and "<script" not in page.text


def test_a_console_import_without_the_csrf_token_is_refused(client, console_service) -> None:
    sign_in(client, "reviewer1")
    before = state_of(console_service)
    response = client.post(
        "/console/transfer/import",
        data={"reason": "CSRF なし"},
        files={"file": ("entries.csv", export_csv([PENGUIN]), "text/csv")},
    )
    assert response.status_code == 403
    assert state_of(console_service) == before


def test_an_api_body_over_5_mb_is_refused_with_413(client, console_service, accounts) -> None:
    before = state_of(console_service)
    response = client.post(
        "/api/staff/entries/import?format=csv&reason=big",
        content=b"x" * (MAX_BYTES + 1),
        headers=accounts["editor"].bearer,
    )
    assert response.status_code == 413
    chunked = client.post(  # no Content-Length: the limit is enforced while the body streams in
        "/api/staff/entries/import?format=csv&reason=big",
        content=iter([b"x" * MAX_BYTES, b"x"]),
        headers=accounts["editor"].bearer,
    )
    assert chunked.status_code == 413
    assert state_of(console_service) == before


def test_a_missing_file_a_wrong_kind_of_file_and_a_missing_reason_are_reported(
    client, console_service
) -> None:
    before = state_of(console_service)
    csrf = sign_in(client, "editor1")
    no_file = client.post(
        "/console/transfer/import",
        data={"csrf_token": csrf, "reason": "テスト"},
        files={"file": ("", b"", "application/octet-stream")},  # what a browser sends when none is chosen
    )
    assert no_file.status_code == 422 and "取り込むファイルを選んでください" in no_file.text
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    spreadsheet = upload(client, csrf, b"PK\x03\x04", name="entries.xlsx", media_type=xlsx)
    assert spreadsheet.status_code == 422 and ".csv / .yml / .yaml" in spreadsheet.text
    no_reason = upload(client, csrf, export_csv([PENGUIN]), reason=" ")
    assert no_reason.status_code == 422 and "取り込みの理由を入力してください" in no_reason.text
    assert state_of(console_service) == before


def test_problem_text_from_the_file_is_escaped_on_the_report_page(client) -> None:
    csrf = sign_in(client, "editor1")
    data = with_bad_row([]).replace("宇宙開発".encode(), b"<img src=x onerror=alert(1)>")
    page = upload(client, csrf, data)
    assert page.status_code == 422
    assert "<img src=x" not in page.text and "&lt;img src=x onerror=alert(1)&gt;" in page.text
