"""Local supplements: the shipped files are valid and cited, and staff versions follow the entries' workflow
and the organisations' permissions (issue 17)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
import yaml

from faq.content.corpus import parse_entry
from faq.content.permissions import PermissionDenied
from faq.content.store import FaqStore
from faq.content.supplement_versions import SupplementVersions
from faq.content.supplements import load_supplements, local_window_text, parse_supplement
from faq.content.versions import EDITOR, REVIEWER, Actor, EntryVersions, WorkflowError
from faq.errors import CorpusError
from faq.settings import get_settings
from tests.conftest import made_up_entry

pytestmark = pytest.mark.unit

WAJIMA = "172049"
ENTRY = "disaster-guide-02-oukyu-shuri"
WAJIMA_EDITOR = Actor("wajima-editor", EDITOR, f"municipality:{WAJIMA}")
WAJIMA_REVIEWER = Actor("wajima-reviewer", REVIEWER, f"municipality:{WAJIMA}")
KAGOSHIMA_REVIEWER = Actor("kagoshima-reviewer", REVIEWER, "municipality:462012")
NATIONAL_REVIEWER = Actor("soumu-reviewer", REVIEWER)


def raw(**changes) -> dict:
    return {
        "entry": ENTRY,
        "window": "テスト窓口",
        "field_refs": {"window": "test:L1"},
        "source": {"document": "テスト用の資料", "ref": "test:L1"},
        "last_checked": "2026-11-29",
        **changes,
    }


@pytest.fixture()
def versions(tmp_path) -> SupplementVersions:
    """An empty database holding the national entry the supplements add to (a supplement needs its entry)."""
    store = FaqStore(f"sqlite:///{tmp_path / 'db.sqlite'}")
    store.migrate()
    entry, problems = parse_entry(made_up_entry(id=ENTRY), "test", ENTRY)
    assert entry is not None, problems
    EntryVersions(store).save_draft(entry, Actor("setup", "admin"), "準備")
    EntryVersions(store).publish(ENTRY, Actor("setup", "admin"))
    return SupplementVersions(store)


def test_the_shipped_supplements_load_and_every_fact_names_its_seed_line(corpus) -> None:
    shipped = load_supplements(get_settings().supplements_dir, {e.id for e in corpus})
    assert {(s.municipality, s.entry_id) for s in shipped} >= {
        (code, entry)
        for code in ("172049", "462012")
        for entry in ("disaster-guide-01-risai-shomeisho", ENTRY, "gyosei-what-is")
    }
    for supplement in shipped:
        assert set(supplement.filled()) == set(supplement.field_refs), supplement.entry_id
        assert all(ref.startswith("002:L") for ref in supplement.field_refs.values())
        assert supplement.source.ref.startswith("002:L") and supplement.last_checked == date(2026, 11, 29)


def test_a_fact_without_its_source_line_is_refused() -> None:
    supplement, problems = parse_supplement(raw(phone="0768-00-0000"), WAJIMA, "t.yml")
    assert supplement is None and any("phone has no source line" in p[3] for p in problems)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"window": ""}, "window"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"last_checked": "昨日"}, "last_checked"),
    ],
)
def test_bad_supplements_are_reported(changes, field) -> None:
    supplement, problems = parse_supplement(raw(**changes), WAJIMA, "t.yml")
    assert supplement is None and field in {p[2] for p in problems}


def test_a_supplement_for_an_unknown_entry_or_a_bad_code_is_refused(tmp_path) -> None:
    (tmp_path / "a.yml").write_text(
        yaml.safe_dump({"municipality": "172049", "supplements": [raw()]}), "utf-8"
    )
    with pytest.raises(CorpusError, match="no such national entry"):
        load_supplements(tmp_path, {"another-entry"})
    (tmp_path / "a.yml").write_text(
        yaml.safe_dump({"municipality": "172048", "supplements": [raw()]}), "utf-8"
    )
    with pytest.raises(CorpusError, match="172048"):
        load_supplements(tmp_path, {ENTRY})


def test_the_block_shows_only_filled_fields_with_its_own_source_and_date() -> None:
    supplement, _ = parse_supplement(raw(), WAJIMA, "t.yml")
    assert supplement is not None
    text = local_window_text(supplement, "輪島市")
    assert "輪島市" in text and "窓口：テスト窓口" in text and "最終確認日：2026年11月29日" in text
    assert not any(label in text for label in ("場所：", "電話：", "受付：", "ウェブ："))


def test_draft_review_publish_rollback_retire(versions) -> None:
    first, _ = parse_supplement(raw(), WAJIMA, "t.yml")
    assert first is not None
    versions.save_draft(first, WAJIMA_EDITOR, "新規")
    assert versions.live(ENTRY, WAJIMA) is None  # a draft changes nothing for residents
    versions.submit(ENTRY, WAJIMA, WAJIMA_EDITOR)
    versions.publish(ENTRY, WAJIMA, WAJIMA_REVIEWER)
    assert versions.live(ENTRY, WAJIMA).window == "テスト窓口"
    versions.save_draft(replace(first, window="新しい窓口"), WAJIMA_EDITOR, "窓口の変更")
    assert versions.live(ENTRY, WAJIMA).window == "テスト窓口"  # still the published one
    versions.publish(ENTRY, WAJIMA, WAJIMA_REVIEWER)
    assert versions.live(ENTRY, WAJIMA).window == "新しい窓口"
    versions.rollback(ENTRY, WAJIMA, 1, WAJIMA_REVIEWER, "元に戻す")
    assert versions.live(ENTRY, WAJIMA).window == "テスト窓口"
    versions.retire(ENTRY, WAJIMA, WAJIMA_REVIEWER, "終了")
    assert versions.live(ENTRY, WAJIMA) is None
    history = versions.history(ENTRY, WAJIMA)
    assert [v.status for v in history][:2] == ["retired", "published"] and len(history) == 7
    with pytest.raises(WorkflowError):
        versions.save_draft(history[0].supplement, WAJIMA_EDITOR, "同じ内容")


@pytest.mark.parametrize("actor", [KAGOSHIMA_REVIEWER, NATIONAL_REVIEWER, WAJIMA_EDITOR])
def test_only_the_municipalitys_reviewers_publish(versions, actor) -> None:
    first, _ = parse_supplement(raw(), WAJIMA, "t.yml")
    assert first is not None
    versions.save_draft(first, WAJIMA_EDITOR, "新規")
    with pytest.raises(PermissionDenied):
        versions.publish(ENTRY, WAJIMA, actor)
    assert versions.live(ENTRY, WAJIMA) is None and len(versions.history(ENTRY, WAJIMA)) == 1


@pytest.mark.parametrize("actor", [KAGOSHIMA_REVIEWER, NATIONAL_REVIEWER])
def test_another_organisation_cannot_write_a_municipalitys_supplement(versions, actor) -> None:
    first, _ = parse_supplement(raw(), WAJIMA, "t.yml")
    assert first is not None
    with pytest.raises(PermissionDenied):
        versions.save_draft(first, actor, "他の組織から")
    assert versions.working_for(WAJIMA) == []


def test_faq_load_keeps_a_staff_edit(versions) -> None:
    seed, _ = parse_supplement(raw(status="published"), WAJIMA, "t.yml")
    assert seed is not None
    assert versions.sync_seed([seed]).added == 1
    versions.save_draft(replace(seed, window="職員が直した窓口"), WAJIMA_EDITOR, "修正")
    report = versions.sync_seed([replace(seed, window="YAMLの新しい窓口")])
    assert (
        report.kept_staff_edit == 1
        and versions.working(ENTRY, WAJIMA).supplement.window == "職員が直した窓口"
    )
