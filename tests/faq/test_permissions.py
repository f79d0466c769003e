"""The permission rules themselves, and each check the workflow makes with them (every write path of the
console and the API goes through these; tests/console/test_entry_permissions.py covers the routes)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from faq.content.corpus import parse_entry
from faq.content.permissions import (
    Actor,
    EntryAction,
    PermissionDenied,
    disaster_area,
    may,
    memo_centres,
    owner_for_edit,
    owner_for_new,
)
from faq.content.store import FaqStore
from faq.content.versions import EntryVersions
from faq.places.directory import KikumimiDirectory
from tests.conftest import made_up_entry

pytestmark = pytest.mark.unit

WAJIMA, TONO = "municipality:172049", "municipality:032085"
ADMIN = Actor("kanri", "admin")
W_EDITOR, W_REVIEWER = Actor("w-ed", "editor", WAJIMA), Actor("w-rv", "reviewer", WAJIMA)
N_REVIEWER = Actor("n-rv", "reviewer")


@pytest.fixture()
def versions(tmp_path) -> EntryVersions:
    store = FaqStore(f"sqlite:///{tmp_path / 'faq.db'}")
    store.migrate()
    yield EntryVersions(store)
    store.engine.dispose()


def entry(entry_id: str, owner: str, **changes):
    made, _ = parse_entry(made_up_entry(id=entry_id), "t", entry_id)
    assert made is not None
    return replace(made, owner=owner, **changes)


@pytest.mark.parametrize(
    ("actor", "action", "owner", "expected"),
    [
        (W_EDITOR, EntryAction.EDIT, WAJIMA, True),
        (W_EDITOR, EntryAction.EDIT, "national", False),
        (W_EDITOR, EntryAction.VIEW, "national", True),
        (W_EDITOR, EntryAction.VIEW, TONO, False),
        (W_EDITOR, EntryAction.EXPORT, TONO, False),
        (W_EDITOR, EntryAction.PUBLISH, WAJIMA, False),
        (W_REVIEWER, EntryAction.PUBLISH, WAJIMA, True),
        (W_REVIEWER, EntryAction.RETIRE, TONO, False),
        (N_REVIEWER, EntryAction.ROLLBACK, "national", True),
        (N_REVIEWER, EntryAction.ROLLBACK, WAJIMA, False),
        (ADMIN, EntryAction.RETIRE, TONO, True),
        (Actor("odd", "admin", WAJIMA), EntryAction.EDIT, TONO, False),  # admin means national admin
    ],
)
def test_may(actor: Actor, action: EntryAction, owner: str, expected: bool) -> None:
    assert may(actor, action, owner) is expected


def test_only_the_admin_chooses_or_changes_an_owner() -> None:
    assert owner_for_new(W_EDITOR, None) == WAJIMA
    assert owner_for_new(ADMIN, TONO) == TONO
    with pytest.raises(PermissionDenied, match="全国管理者"):
        owner_for_new(W_EDITOR, TONO)
    assert owner_for_edit(W_EDITOR, WAJIMA, None) == WAJIMA
    with pytest.raises(PermissionDenied):
        owner_for_edit(W_REVIEWER, WAJIMA, "national")


def test_drafts_of_another_organisation_are_refused(versions: EntryVersions) -> None:
    with pytest.raises(PermissionDenied, match="担当組織"):
        versions.save_draft(entry("tono-new", TONO), W_EDITOR, "作成")  # a new entry for another org
    versions.save_draft(entry("tono-one", TONO), ADMIN, "作成")
    with pytest.raises(PermissionDenied):  # taking it over by writing it as one's own
        versions.save_draft(entry("tono-one", WAJIMA), W_EDITOR, "乗っ取り")
    with pytest.raises(PermissionDenied):
        versions.submit("tono-one", W_EDITOR)
    versions.save_draft(entry("wajima-one", WAJIMA), W_EDITOR, "作成")
    versions.submit("wajima-one", W_EDITOR)
    assert versions.working("wajima-one").entry.owner == WAJIMA


def test_publishing_retiring_and_rolling_back_need_the_owner_and_the_reviewer(
    versions: EntryVersions,
) -> None:
    versions.save_draft(entry("wajima-w", WAJIMA), W_EDITOR, "作成")
    with pytest.raises(PermissionDenied, match="レビュー担当"):
        versions.publish("wajima-w", W_EDITOR)
    with pytest.raises(PermissionDenied, match="担当組織"):
        versions.publish("wajima-w", N_REVIEWER)
    versions.publish("wajima-w", W_REVIEWER)
    versions.save_draft(entry("wajima-w", WAJIMA, answer="二つ目の回答です。"), W_EDITOR, "更新")
    versions.publish("wajima-w", W_REVIEWER)
    with pytest.raises(PermissionDenied):
        versions.rollback("wajima-w", 1, N_REVIEWER, "戻す")
    with pytest.raises(PermissionDenied):
        versions.retire("wajima-w", N_REVIEWER, "終了")
    versions.rollback("wajima-w", 1, W_REVIEWER, "戻す")
    versions.retire("wajima-w", W_REVIEWER, "終了")
    assert versions.working("wajima-w").status == "retired"


def test_a_rollback_cannot_bring_back_a_version_of_another_owner(versions: EntryVersions) -> None:
    versions.save_draft(entry("moved", TONO), ADMIN, "作成")
    versions.publish("moved", ADMIN)
    versions.save_draft(entry("moved", WAJIMA), ADMIN, "輪島市に移管")  # the admin moves it
    versions.publish("moved", ADMIN)
    with pytest.raises(PermissionDenied):
        versions.rollback("moved", 2, W_REVIEWER, "遠野市の版に戻す")
    assert versions.working("moved").entry.owner == WAJIMA
    versions.save_draft(entry("moved", TONO, answer="遠野市に戻した回答です。"), ADMIN, "遠野市に戻す")
    versions.publish("moved", ADMIN)
    with pytest.raises(PermissionDenied):  # Wajima's own old version, but the entry is now Tono's
        versions.rollback("moved", 4, W_REVIEWER, "輪島市の版に戻す")
    assert versions.working("moved").entry.owner == TONO


def test_an_import_is_refused_whole_for_an_entry_of_another_owner(versions: EntryVersions) -> None:
    versions.save_draft(entry("national-one", "national"), ADMIN, "作成")
    with pytest.raises(PermissionDenied):
        versions.import_entries([entry("w-new", WAJIMA), entry("t-new", TONO)], W_EDITOR, "取込", False)
    with pytest.raises(PermissionDenied):  # own owner in the file, but the entry is national's
        versions.import_entries([entry("national-one", WAJIMA)], W_EDITOR, "取込", False)
    assert [s.id for s in versions.summaries()] == ["national-one"]  # nothing written
    assert versions.import_entries([entry("w-new", WAJIMA)], W_EDITOR, "取込", False)["added"] == 1


def test_memo_inboxes() -> None:
    assert memo_centres(ADMIN) is None
    assert memo_centres(N_REVIEWER) == {""}
    assert memo_centres(Actor("c", "editor", "centre:7")) == {"centre:7"}
    assert memo_centres(W_EDITOR) == frozenset()


def test_a_municipality_declares_for_its_own_area_only() -> None:
    wajima = KikumimiDirectory.default().place_of("172049").municipality  # type: ignore[union-attr]
    assert disaster_area(N_REVIEWER, None) is None
    assert disaster_area(W_REVIEWER, wajima) == {
        "prefectures": ["石川県"],
        "municipalities": {"輪島市": "石川県"},
    }
    with pytest.raises(PermissionDenied):
        disaster_area(Actor("c", "reviewer", "centre:7"), None)
