"""The eligibility rules table is loaded, reviewed and versioned like the entries (issue 27 item 1, issue 24
item 3): `faq load` seeds it from faq/data/rules, a change is a draft until a national reviewer publishes
it, the history keeps every version, and the verdicts read the published table."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from faq.content.permissions import PermissionDenied
from faq.content.rule_versions import RuleRecord, RuleVersions
from faq.content.store import FaqStore
from faq.content.versions import EDITOR, REVIEWER, Actor
from faq.eligibility import rules as eligibility_rules
from faq.eligibility.rules import RULES_DIR, RuleError, file_records

pytestmark = pytest.mark.unit

EDITS = Actor("rules-editor", EDITOR)
REVIEWS = Actor("rules-reviewer", REVIEWER)
TOWN = Actor("wajima-editor", EDITOR, "municipality:172049")


@pytest.fixture()
def versions(tmp_path) -> Iterator[RuleVersions]:
    store = FaqStore(f"sqlite:///{tmp_path / 'db.sqlite'}")
    store.migrate()
    versions = RuleVersions(store)
    versions.sync_files()
    yield versions
    eligibility_rules.use_published(None)  # later tests read the shipped files again


def shipped() -> list[dict]:
    return [m for path in sorted(RULES_DIR.glob("*.yml")) for m, _ in file_records(path)]


def with_hours(versions: RuleVersions, hours: int) -> RuleRecord:
    mapping = next(m for m in shipped() if m["id"] == "fukugyo")
    minimums = {**mapping["minimums"], "hours_per_month": hours}
    return RuleRecord.of({**mapping, "minimums": minimums}, versions.working("fukugyo").rule.position)


def hours_in_use() -> int:
    """The 副業型's monthly hours the verdicts use now."""
    fukugyo = next(r for r in eligibility_rules.rules() if r.id == "fukugyo")
    return fukugyo.params["minimums"]["hours_per_month"]


def test_load_publishes_the_shipped_rules_in_their_order_and_keeps_staff_edits(versions) -> None:
    assert versions.published_records() == shipped()
    versions.save_draft(with_hours(versions, 30), EDITS, "時間を直す")
    report = versions.sync_files()
    assert (report.added, report.unchanged, report.kept_staff_edit) == (0, len(shipped()) - 1, 1)


def test_a_change_reaches_the_verdicts_only_once_published_and_rolls_back(versions) -> None:
    eligibility_rules.use_published(versions.published_records())
    assert hours_in_use() == 20
    versions.save_draft(with_hours(versions, 30), EDITS, "時間を直す")
    versions.submit("fukugyo", EDITS, "確認してください")
    assert eligibility_rules.use_published(versions.published_records()) and hours_in_use() == 20  # a draft
    versions.publish("fukugyo", REVIEWS, "公開")
    eligibility_rules.use_published(versions.published_records())
    assert hours_in_use() == 30
    versions.rollback("fukugyo", 1, REVIEWS, "元の資料どおり")
    eligibility_rules.use_published(versions.published_records())
    assert hours_in_use() == 20
    assert [v.status for v in versions.history("fukugyo")] == [
        "published",
        "published",
        "review",
        "draft",
        "published",
    ]


def test_the_table_is_national(versions) -> None:
    with pytest.raises(PermissionDenied):
        versions.save_draft(with_hours(versions, 30), TOWN, "町の都合")
    versions.save_draft(with_hours(versions, 30), EDITS, "下書き")
    with pytest.raises(PermissionDenied):
        versions.publish("fukugyo", EDITS, "公開")  # an editor writes; a reviewer publishes


def test_a_rule_the_reader_cannot_use_is_refused_before_it_is_saved(versions) -> None:
    mapping = {**next(m for m in shipped() if m["id"] == "haken"), "kind": "sometimes"}
    with pytest.raises(RuleError):
        RuleRecord.of(mapping, 2)


def test_upgrading_from_the_previous_head_adds_the_table(tmp_path) -> None:
    from alembic import command
    from alembic.config import Config

    from faq.content.store import MIGRATIONS_DIR

    store = FaqStore(f"sqlite:///{tmp_path / 'old.db'}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0012_line")
        assert "eligibility_rule_versions" not in sa.inspect(connection).get_table_names()
        command.upgrade(config, "head")
        assert "eligibility_rule_versions" in sa.inspect(connection).get_table_names()
    assert RuleVersions(store).sync_files().added == len(shipped())
