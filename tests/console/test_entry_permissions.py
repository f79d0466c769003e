"""Every permission boundary on entries: editor/reviewer (and the national admin) × own/other organisation ×
staff API/console page × create/edit/publish/rollback/retire/import/export.

Each case prepares its own entry (owned by the target organisation) through the domain as the national
admin, then acts as the account under test. Allowed acts succeed; refused ones answer 403 with a Japanese
reason (the page and the API alike), and change nothing.
"""

from __future__ import annotations

import itertools
import shutil
from dataclasses import dataclass, replace

import pytest
import yaml
from fastapi.testclient import TestClient

from bot.web.app import create_app
from bot.web.auth import SESSION_COOKIE
from faq.content.corpus import parse_entry
from faq.content.permissions import Actor
from faq.content.versions import EntryVersions
from faq.errors import FaqNotFound
from faq.service import FaqService
from faq.settings import Settings
from faq.staff import StaffDirectory
from tests.conftest import made_up_entry
from tests.databases import copy_database

pytestmark = pytest.mark.integration

PASSWORD = "correct horse battery staple"
WAJIMA, TONO = "municipality:172049", "municipality:032085"
ADMIN = Actor("admin-setup", "admin")
ACTIONS = ("create", "edit", "publish", "rollback", "retire", "import", "export")
REVIEWER_ONLY = {"publish", "rollback", "retire"}


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    organisation: str
    other: str  # an organisation that is not this account's (and not national)
    token: str
    session: str
    csrf: str

    @property
    def bearer(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class World:
    service: FaqService
    client: TestClient
    accounts: dict[str, Account]
    counter: itertools.count


@pytest.fixture(scope="module")
def world(tmp_path_factory, built_service):
    folder = tmp_path_factory.mktemp("permissions")
    database = folder / "govbot.db"
    copy_database(built_service.store.database_url, database)
    shutil.copytree(built_service.settings.index_dir, folder / "index")
    service = FaqService(
        Settings(
            database_url=f"sqlite:///{database}",
            index_dir=folder / "index",
            encoder_path=built_service.settings.encoder_path,
        )
    )
    service.store.migrate()
    directory = StaffDirectory(service.store)
    accounts = {}
    for key, role, org, other in (
        ("muni-editor", "editor", WAJIMA, TONO),
        ("muni-reviewer", "reviewer", WAJIMA, TONO),
        ("national-editor", "editor", "national", WAJIMA),
        ("national-reviewer", "reviewer", "national", WAJIMA),
        ("admin", "admin", "national", WAJIMA),
    ):
        user = directory.create(key, PASSWORD, role, org)
        secret, session = directory.open_session(user)  # no sign-in form: its per-address limit stays out
        token = directory.issue_token(key, "tests")
        accounts[key] = Account(key, role, user.organisation, other, token, secret, session.csrf_token)
    with TestClient(create_app(service), base_url="https://testserver") as client:
        yield World(service, client, accounts, itertools.count(1))


def allowed(account: Account, target: str, action: str) -> bool:
    """The rule under test, written out independently of faq.content.permissions."""
    if account.role == "admin":
        return True
    if action in REVIEWER_ONLY and account.role != "reviewer":
        return False
    return target == "own"


def _entry(entry_id: str, owner: str):
    entry, problems = parse_entry(made_up_entry(id=entry_id), "test", entry_id)
    assert entry is not None, problems
    return replace(entry, owner=owner)


def _prepare(world: World, entry_id: str, owner: str, action: str) -> None:
    """The entry the action needs: a draft to publish or edit, a published one to retire or roll back."""
    if action in ("create", "import"):
        return
    versions = EntryVersions(world.service.store)
    versions.save_draft(_entry(entry_id, owner), ADMIN, "準備")
    if action in ("rollback", "retire", "export"):
        versions.publish(entry_id, ADMIN, "準備")
    if action == "rollback":  # v3 live with other content, so going back to v1 changes something
        versions.save_draft(replace(_entry(entry_id, owner), answer="別の回答です。"), ADMIN, "準備")
        versions.publish(entry_id, ADMIN, "準備")


def _body(entry_id: str, **extra) -> dict:
    return {
        "id": entry_id,
        "category": "行政相談",
        "question": f"{entry_id} の質問は？",
        "alternates": ["言い換えその一", "言い換えその二"],
        "answer": "書き換えた回答です。",
        "source_document": "テスト用の資料",
        "source_ref": "test:L1",
        "last_checked": "2026-11-22",
        "reason": "権限のテスト",
        **extra,
    }


def _import_file(entry_id: str, owner: str) -> bytes:
    record = made_up_entry(id=entry_id, owner=owner, status="draft")
    return yaml.safe_dump([record], allow_unicode=True).encode()


def _act_api(world: World, account: Account, action: str, entry_id: str, owner: str):
    client, headers = world.client, account.bearer
    if action == "create":
        body = _body(entry_id, **({} if owner == account.organisation else {"owner": owner}))
        return client.post("/api/staff/entries", json=body, headers=headers)
    if action == "edit":
        body = _body(entry_id)
        body.pop("id")
        return client.put(f"/api/staff/entries/{entry_id}", json=body, headers=headers)
    if action in ("publish", "retire"):
        return client.post(f"/api/staff/entries/{entry_id}/{action}", json={}, headers=headers)
    if action == "rollback":
        return client.post(f"/api/staff/entries/{entry_id}/rollback", json={"version": 1}, headers=headers)
    if action == "import":
        return client.post(
            "/api/staff/entries/import",
            params={"format": "yaml", "reason": "権限のテスト"},
            content=_import_file(entry_id, owner),
            headers=headers,
        )
    return client.get("/api/staff/entries/export", params={"format": "yaml"}, headers=headers)


def _act_page(world: World, account: Account, action: str, entry_id: str, owner: str):
    client = world.client
    client.cookies.set(SESSION_COOKIE, account.session)
    form = {"csrf_token": account.csrf}
    try:
        if action == "create":
            fields = {k: v for k, v in _body(entry_id).items() if k != "alternates"}
            fields["alternates"] = "言い換えその一\n言い換えその二"
            if owner != account.organisation:
                fields["owner"] = owner  # only the admin's form offers it; others may still send it
            return client.post("/console/entries/new", data={**form, **fields}, follow_redirects=False)
        if action == "edit":
            fields = {k: v for k, v in _body(entry_id).items() if k not in ("id", "alternates")}
            fields["alternates"] = "言い換えその一\n言い換えその二"
            return client.post(
                f"/console/entries/{entry_id}", data={**form, **fields}, follow_redirects=False
            )
        if action in ("publish", "retire"):
            data = {**form, "confirmed": "yes"}
            return client.post(f"/console/entries/{entry_id}/{action}", data=data, follow_redirects=False)
        if action == "rollback":
            data = {**form, "version": "1", "confirmed": "yes"}
            return client.post(f"/console/entries/{entry_id}/rollback", data=data, follow_redirects=False)
        if action == "import":
            return client.post(
                "/console/transfer/import",
                data={**form, "reason": "権限のテスト"},
                files={"file": ("entries.yaml", _import_file(entry_id, owner), "application/yaml")},
                follow_redirects=False,
            )
        return client.get("/console/transfer/export.yaml")
    finally:
        client.cookies.clear()


def _working_owner_and_count(world: World, entry_id: str) -> tuple[str, int] | None:
    try:
        history = EntryVersions(world.service.store).history(entry_id)
    except FaqNotFound:
        return None
    return history[0].entry.owner, len(history)


CASES = [
    (channel, key, target, action)
    for channel in ("api", "page")
    for key in ("muni-editor", "muni-reviewer", "national-editor", "national-reviewer", "admin")
    for target in ("own", "other")
    for action in ACTIONS
    if not (key == "admin" and target == "own")  # the admin's own is national: the national cases cover it
]


@pytest.mark.parametrize(("channel", "key", "target", "action"), CASES)
def test_permission_boundary(world: World, channel: str, key: str, target: str, action: str) -> None:
    account = world.accounts[key]
    owner = account.organisation if target == "own" else account.other
    entry_id = f"perm-{channel}-{action}-{next(world.counter)}"
    _prepare(world, entry_id, owner, action)
    before = _working_owner_and_count(world, entry_id)
    act = _act_api if channel == "api" else _act_page
    response = act(world, account, action, entry_id, owner)
    expected = allowed(account, target, action)
    if action == "export":
        assert response.status_code == 200
        assert (f"id: {entry_id}" in response.text) is expected, "export shows only what the account may see"
        return
    if expected:
        assert response.status_code in (200, 201, 303), response.text[:500]
        after = _working_owner_and_count(world, entry_id)
        assert after is not None and after != before and after[0] == owner  # written, owner kept
    else:
        assert response.status_code == 403, response.text[:500]
        text = response.json()["detail"] if channel == "api" else response.text
        assert any(word in text for word in ("担当組織", "レビュー担当", "全国管理者")), text[:500]
        assert _working_owner_and_count(world, entry_id) == before  # nothing written


def test_the_list_shows_owners_and_only_what_each_account_may_do(world: World) -> None:
    _prepare(world, "perm-list-wajima", WAJIMA, "retire")
    _prepare(world, "perm-list-tono", TONO, "retire")
    rows = world.client.get("/api/staff/entries", headers=world.accounts["muni-editor"].bearer).json()
    by_id = {r["id"]: r for r in rows}
    assert "perm-list-tono" not in by_id  # another municipality's entries are out of sight
    assert by_id["perm-list-wajima"]["owner"] == WAJIMA
    assert by_id["perm-list-wajima"]["actions"] == ["edit", "export", "import", "view"]
    assert by_id["kikumimi-what-is"]["owner"] == "national"
    assert by_id["kikumimi-what-is"]["actions"] == ["export", "view"]
    admin = world.client.get("/api/staff/entries", headers=world.accounts["admin"].bearer).json()
    assert {"perm-list-wajima", "perm-list-tono"} <= {r["id"] for r in admin}

    world.client.cookies.set(SESSION_COOKIE, world.accounts["muni-reviewer"].session)
    try:
        listing = world.client.get("/console/entries", params={"q": "perm-list"}).text
        national = world.client.get("/console/entries/kikumimi-what-is").text
        own = world.client.get("/console/entries/perm-list-wajima").text
        hidden = world.client.get("/console/entries/perm-list-tono")
    finally:
        world.client.cookies.clear()
    assert "石川県輪島市" in listing and "perm-list-tono" not in listing
    assert "下書きとして保存" not in national and "公開を終了する" not in national and "総務省" in national
    assert "下書きとして保存" in own and "公開を終了する" in own
    assert hidden.status_code == 403


def test_only_the_admin_chooses_the_owner_of_a_new_entry(world: World) -> None:
    response = world.client.post(
        "/api/staff/entries",
        json=_body("perm-admin-chooses", owner="municipality:17204"),
        headers=world.accounts["admin"].bearer,
    )
    assert response.status_code == 201, response.text
    assert response.json()["owner"] == WAJIMA  # the 5-digit code, stored with its check digit
    refused = world.client.post(
        "/api/staff/entries",
        json=_body("perm-bad-owner", owner="municipality:172048"),
        headers=world.accounts["admin"].bearer,
    )
    assert refused.status_code == 422 and "検査数字" in refused.text


def test_the_learning_loop_and_the_try_page_keep_the_boundary(world: World) -> None:
    _prepare(world, "perm-try-tono", TONO, "edit")
    editor = world.accounts["muni-editor"]
    body = {"items": ["unanswered:999999"], "entry_id": "kikumimi-what-is", "question": "新しい言い換えです"}
    refused = world.client.post("/api/staff/learning/alternate", json=body, headers=editor.bearer)
    assert refused.status_code == 403 and "担当組織" in refused.json()["detail"]
    assert (
        "新しい言い換えです"
        not in EntryVersions(world.service.store).working("kikumimi-what-is").entry.alternates
    )
    world.client.cookies.set(SESSION_COOKIE, editor.session)
    try:
        hidden = world.client.get("/console/try", params={"q": "質問", "entry": "perm-try-tono"})
    finally:
        world.client.cookies.clear()
    assert hidden.status_code == 403


def test_an_owner_that_names_no_municipality_is_a_problem_not_a_crash(world: World) -> None:
    # 99999 with its check digit: well formed, but no 市区町村 has it
    response = world.client.post(
        "/api/staff/entries",
        json=_body("perm-unknown-owner", owner="municipality:999997"),
        headers=world.accounts["admin"].bearer,
    )
    assert response.status_code == 422 and "99999" in response.text, response.text
    assert _working_owner_and_count(world, "perm-unknown-owner") is None
