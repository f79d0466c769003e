"""対象の規則 in the console (issue 27 item 1 through issue 24 item 3's one workflow): the rules table is
listed with each rule's history; a national editor's draft changes no verdict until a national reviewer
publishes it, and a rollback puts the old numbers back; other organisations' staff only read it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml

from faq.content.rule_versions import RuleVersions
from faq.eligibility import rules as eligibility_rules
from faq.staff import StaffDirectory
from tests.console.conftest import PASSWORD, sign_in
from tests.faq.test_rule_versions import hours_in_use

pytestmark = pytest.mark.integration

PAGE = "/console/rules/fukugyo"


@pytest.fixture()
def seeded(console_service) -> Iterator[RuleVersions]:
    versions = RuleVersions(console_service.store)
    versions.sync_files()
    StaffDirectory(console_service.store).create("wajima-editor", PASSWORD, "editor", "municipality:172049")
    yield versions
    eligibility_rules.use_published(None)  # later tests read the shipped files again


def with_hours(versions: RuleVersions, hours: int) -> str:
    mapping = versions.working("fukugyo").rule.mapping()
    return yaml.safe_dump({**mapping, "minimums": {**mapping["minimums"], "hours_per_month": hours}})


def test_the_list_and_a_rules_history_use_the_review_pattern(client, seeded) -> None:
    sign_in(client, "editor1")
    listing = client.get("/console/rules").text
    assert all(f'href="/console/rules/{rule.id}"' in listing for rule in eligibility_rules.rules())
    assert "公開中" in listing
    page = client.get(PAGE).text
    assert "作業中の版：v1" in page and "002:L1517-1522" in page and 'id="rule-form"' in page


def test_a_draft_changes_no_verdict_until_published_and_a_rollback_restores_it(client, seeded) -> None:
    token = sign_in(client, "editor1")
    saved = client.post(PAGE, data={"csrf_token": token, "record": with_hours(seeded, 30), "reason": "直す"})
    assert saved.status_code == 200 and "下書きを保存しました" in saved.text
    assert client.post(f"{PAGE}/publish", data={"csrf_token": token}).status_code == 403  # an editor
    assert hours_in_use() == 20
    client.post("/console/logout", data={"csrf_token": token})
    token = sign_in(client, "reviewer1")
    published = client.post(f"{PAGE}/publish", data={"csrf_token": token, "reason": "公開"})
    assert published.status_code == 200 and hours_in_use() == 30
    form = {"csrf_token": token, "version": "1", "reason": "資料どおりに戻す"}
    asked = client.post(f"{PAGE}/rollback", data=form)
    assert asked.status_code == 200 and "v1 の内容を公開する" in asked.text and hours_in_use() == 30
    done = client.post(f"{PAGE}/rollback", data={**form, "confirmed": "yes"})
    assert done.status_code == 200 and hours_in_use() == 20
    assert [v.status for v in seeded.history("fukugyo")] == ["published", "published", "draft", "published"]


def test_a_rule_the_reader_cannot_use_is_not_saved(client, seeded) -> None:
    token = sign_in(client, "editor1")
    broken = with_hours(seeded, 30).replace("kind: at_least", "kind: sometimes")
    response = client.post(PAGE, data={"csrf_token": token, "record": broken, "reason": "直す"})
    assert response.status_code == 422 and "sometimes" in response.text
    assert len(seeded.history("fukugyo")) == 1


def test_a_municipalitys_staff_read_the_table_but_do_not_change_it(client, seeded) -> None:
    token = sign_in(client, "wajima-editor")
    page = client.get(PAGE)
    assert page.status_code == 200 and 'id="rule-form"' not in page.text
    response = client.post(PAGE, data={"csrf_token": token, "record": with_hours(seeded, 1), "reason": "x"})
    assert response.status_code == 403 and len(seeded.history("fukugyo")) == 1
