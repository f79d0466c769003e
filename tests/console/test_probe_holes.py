"""Holes a probe of the console found (issue 23), each replayed: they must now fail safely.

- 8: 輪島市's editor could open and publish 地域の窓口 rows onto 鹿児島市's own entry through the page;
- 9: adding a phrasing from 改善候補 answered 200 when another organisation's draft already had it;
- 10: a refused request created organisation rows; a 相談メモ went to a centre named in its topic rather
  than the one the resident was shown.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.gyosei import ActionAskHandoffConsent, ActionGyoseiRouting
from actions.services import ActionServices, serving
from faq.content.corpus import parse_entry
from faq.content.permissions import Actor, PermissionDenied
from faq.content.supplement_versions import SupplementVersions
from faq.content.supplements import LocalSupplement
from faq.content.versions import EntryVersions
from faq.errors import FaqNotFound
from faq.places.directory import KikumimiDirectory
from faq.residents.handoff import list_memos
from faq.residents.learning import add_alternate
from faq.staff import StaffDirectory
from faq.tables import OrganisationRow
from tests.actions.conftest import make_tracker
from tests.conftest import made_up_entry
from tests.console.conftest import PASSWORD, csrf_of, sign_in

pytestmark = pytest.mark.integration
WAJIMA, KAGOSHIMA = "municipality:172049", "municipality:462012"
KAGOSHIMA_OWN = "kagoshima-own-entry"  # made up: an entry 鹿児島市 writes for its own residents
DRAFT_QUESTION = "鹿児島市の桜島の降灰袋はどこでもらえますか？"  # published, then a draft phrasing


@pytest.fixture()
def kagoshima_entry(console_service) -> str:
    entry, problems = parse_entry(
        made_up_entry(id=KAGOSHIMA_OWN, question=DRAFT_QUESTION), "test", KAGOSHIMA_OWN
    )
    assert entry is not None, problems
    versions = EntryVersions(console_service.store)
    versions.save_draft(replace(entry, owner=KAGOSHIMA), Actor("setup", "admin"), "準備")
    versions.publish(KAGOSHIMA_OWN, Actor("setup", "admin"))  # live for 鹿児島市's residents
    return KAGOSHIMA_OWN


@pytest.fixture()
def wajima_staff(console_service, accounts) -> str:
    directory = StaffDirectory(console_service.store)
    directory.create("wajima-editor", PASSWORD, "editor", WAJIMA)
    return "wajima-editor"


def test_a_town_cannot_open_or_write_local_windows_on_another_towns_entry(
    client, console_service, kagoshima_entry, wajima_staff
) -> None:
    sign_in(client, wajima_staff)
    page = client.get(f"/console/supplements/172049/{kagoshima_entry}")
    assert page.status_code == 403
    token = csrf_of(client)
    posted = client.post(
        f"/console/supplements/172049/{kagoshima_entry}",
        data={"csrf_token": token, "window": "偽の窓口", "reason": "test"},
        follow_redirects=False,
    )
    assert posted.status_code == 403
    # the engine refuses every path, not only the page
    versions = SupplementVersions(console_service.store)
    with pytest.raises(PermissionDenied):
        versions.require(Actor(wajima_staff, "editor", WAJIMA), _edit(), kagoshima_entry, "172049")


def _edit():
    from faq.content.permissions import EntryAction

    return EntryAction.EDIT


def test_a_national_entry_still_takes_the_towns_local_window(console_service, wajima_staff) -> None:
    versions = SupplementVersions(console_service.store)
    national = "disaster-guide-01-risai-shomeisho"
    versions.require(Actor(wajima_staff, "editor", WAJIMA), _edit(), national, "172049")
    assert LocalSupplement  # the supplement type the page writes stays the engine's


def test_another_towns_draft_phrasing_is_not_revealed_by_add_alternate(
    console_service, kagoshima_entry
) -> None:
    wajima = Actor("wajima-editor", "editor", WAJIMA)
    with pytest.raises(FaqNotFound):  # the same answer whether or not the phrasing is there
        add_alternate(console_service.store, [], kagoshima_entry, wajima, DRAFT_QUESTION)
    with pytest.raises(FaqNotFound):
        add_alternate(console_service.store, [], kagoshima_entry, wajima, "まったく別の言い方")
    national = Actor("national-editor", "editor", "national")
    with pytest.raises((FaqNotFound, PermissionDenied)):
        add_alternate(console_service.store, [], kagoshima_entry, national, DRAFT_QUESTION)


def test_a_refused_entry_creates_no_organisation(client, console_service, accounts) -> None:
    response = client.post(
        "/api/staff/entries",
        headers=accounts["editor"].bearer,
        json={**_entry_body("refused-owner-entry"), "owner": "municipality:032085"},
    )
    assert response.status_code == 403, response.text
    with console_service.store.session() as session:
        ids = set(session.execute(select(OrganisationRow.id)).scalars())
    assert "municipality:032085" not in ids


def _entry_body(entry_id: str) -> dict:
    entry = made_up_entry(id=entry_id)
    return {
        "id": entry_id,
        "category": entry["category"],
        "question": entry["question"],
        "alternates": entry["alternates"],
        "answer": entry["answer"],
        "audience": entry["audience"],
        "source_document": entry["source"]["document"],
        "source_ref": entry["source"]["ref"],
        "last_checked": entry["last_checked"],
        "reason": "test",
    }


def test_a_memo_goes_to_the_centre_shown_not_a_place_in_its_topic(console_service) -> None:
    """The card showed きくみみ石川; the topic then names 鹿児島 (which fills the prefecture slot)."""
    services = ActionServices(faq=console_service, directory=KikumimiDirectory.default())
    shown = CollectingDispatcher()
    with serving(services):
        tracker = make_tracker("石川県", "inform", {"prefecture": "石川県"})
        events = ActionAskHandoffConsent().run(shown, tracker, {})
    centre_slot = next(e["value"] for e in events if e["name"] == "handoff_centre")
    slots = {
        "prefecture": "鹿児島県",  # from the topic's words
        "handoff_centre": centre_slot,
        "handoff_consent": "yes",
        "handoff_topic": "鹿児島の年金事務所で手続をたらい回しにされた",
        "contact_method": "電話",
    }
    dispatcher = CollectingDispatcher()
    with serving(services):
        ActionGyoseiRouting().run(dispatcher, make_tracker("電話", "inform", slots), {})
    reference = dispatcher.messages[0]["custom"]["reference"]
    memo = next(m for m in list_memos(console_service.store) if m.reference == reference)
    assert memo.kikumimi == KikumimiDirectory.default().for_prefecture("石川県").name
