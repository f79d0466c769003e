"""The learning loop and the overview are narrowed to what a staff member's organisation may see.

Residents' votes on a municipality's own entry are that municipality's (and the national admin's): another
municipality or national staff do not see them in 改善候補, in the votes chart, or as an entry offered to a
resident, and cannot resolve them. Unanswered questions belong to no organisation and stay shared.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import text

from faq.content.corpus import parse_entry
from faq.content.permissions import Actor
from faq.content.versions import EntryVersions
from faq.residents.feedback import record_vote
from faq.residents.learning import learning_items, record_unanswered
from faq.staff import StaffDirectory
from tests.conftest import made_up_entry
from tests.console.conftest import PASSWORD

pytestmark = pytest.mark.integration
WAJIMA, TONO = "municipality:172049", "municipality:032085"
OWN = "wajima-gomi-bukuro"  # made up: an entry 輪島市 writes for its own residents
OWN_QUESTION = "輪島市の指定ごみ袋はどこで買えますか？"
RISAI = "disaster-guide-01-risai-shomeisho"  # national


@pytest.fixture()
def staff(console_service, accounts) -> dict[str, dict[str, str]]:
    """Bearer headers: 輪島市's and 遠野市's editors, a national editor, and the national admin."""
    directory = StaffDirectory(console_service.store)
    headers = {"national": accounts["editor"].bearer}
    for name, role, org in (
        ("wajima", "editor", WAJIMA),
        ("tono", "editor", TONO),
        ("admin", "admin", "national"),
    ):
        directory.create(f"{name}-staff", PASSWORD, role, org)
        headers[name] = {"Authorization": f"Bearer {directory.issue_token(f'{name}-staff', 'tests')}"}
    return headers


@pytest.fixture()
def votes(console_service, staff) -> dict[str, str]:
    """A vote on 輪島市's own entry, one on a national entry, and a question offered both."""
    store = console_service.store
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM unanswered_questions"))
        connection.execute(text("DELETE FROM faq_feedback"))
    entry, problems = parse_entry(made_up_entry(id=OWN, question=OWN_QUESTION), "test", OWN)
    assert entry is not None, problems
    EntryVersions(store).save_draft(replace(entry, owner=WAJIMA), Actor("setup", "admin"), "準備")
    record_vote(store, OWN, False, "ごみ袋 どこ 売ってる", "resident-1")
    record_vote(store, RISAI, False, "りさい しょうめい どこ", "resident-2")
    record_unanswered(store, "輪島の仮設住宅はいつ入れる", "clarify", [OWN, RISAI], "resident-3")
    return {i.question: str(i.ref) for i in learning_items(store)}


def learning(client, headers) -> dict:
    response = client.get("/api/staff/learning", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def members(data: dict) -> dict[str, dict]:
    return {m["question"]: m for g in data["groups"] for m in g["members"]}


@pytest.mark.parametrize("who", ["wajima", "admin"])
def test_the_owner_and_the_admin_see_the_votes_on_the_own_entry(client, staff, votes, who) -> None:
    data = learning(client, staff[who])
    assert OWN in {f["faq_id"] for f in data["feedback"]} and RISAI in {f["faq_id"] for f in data["feedback"]}
    seen = members(data)
    assert "ごみ袋 どこ 売ってる" in seen
    assert seen["輪島の仮設住宅はいつ入れる"]["entry_ids"] == [OWN, RISAI]


@pytest.mark.parametrize("who", ["tono", "national"])
def test_other_organisations_do_not_see_them(client, staff, votes, who) -> None:
    data = learning(client, staff[who])
    assert OWN not in {f["faq_id"] for f in data["feedback"]} and RISAI in {
        f["faq_id"] for f in data["feedback"]
    }
    seen = members(data)
    assert "ごみ袋 どこ 売ってる" not in seen and "りさい しょうめい どこ" in seen
    assert seen["輪島の仮設住宅はいつ入れる"]["entry_ids"] == [
        RISAI
    ]  # the question stays, the entry is not named


def test_another_organisation_cannot_resolve_them(client, staff, votes, console_service) -> None:
    response = client.post(
        "/api/staff/learning/dismiss", json={"items": [votes["ごみ袋 どこ 売ってる"]]}, headers=staff["tono"]
    )
    assert response.status_code == 200 and response.json()["resolved"] == 0
    assert "ごみ袋 どこ 売ってる" in {i.question for i in learning_items(console_service.store)}
    mine = client.post(
        "/api/staff/learning/dismiss",
        json={"items": [votes["ごみ袋 どこ 売ってる"]]},
        headers=staff["wajima"],
    )
    assert mine.json()["resolved"] == 1


def test_the_overview_charts_leave_them_out(console_service, votes) -> None:
    from bot.web.console.overview_tables import tables

    def entries_in_votes_chart(actor: Actor) -> set[str]:
        return {label for label, _ in tables(console_service, actor, 7)["votes-per-entry"].rows}

    assert OWN_QUESTION[:30] in entries_in_votes_chart(Actor("w", "editor", WAJIMA))
    assert OWN_QUESTION[:30] not in entries_in_votes_chart(Actor("t", "editor", TONO))
    assert OWN_QUESTION[:30] not in entries_in_votes_chart(Actor("n", "editor"))
