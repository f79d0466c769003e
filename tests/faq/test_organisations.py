"""Organisations: ids, the registry the migration seeds, municipalities on demand, the centre for a place,
and an entry's owner carried through YAML, the store, versions and transfer files."""

from __future__ import annotations

from dataclasses import replace

import pytest
import sqlalchemy as sa

from faq.content.corpus import parse_entry
from faq.content.organisations import (
    InvalidOrganisation,
    OrganisationKind,
    Organisations,
    parse_org_id,
)
from faq.content.store import FaqStore
from faq.content.transfer import export_csv, export_yaml, parse_csv, parse_yaml
from faq.content.versions import SEED, EntryVersions
from faq.places.codes import check_digit
from faq.places.directory import KikumimiDirectory
from tests.conftest import made_up_entry

pytestmark = pytest.mark.unit


@pytest.fixture()
def store(tmp_path) -> FaqStore:
    store = FaqStore(f"sqlite:///{tmp_path / 'faq.db'}")
    store.migrate()
    yield store
    store.engine.dispose()


@pytest.fixture()
def orgs(store) -> Organisations:
    return Organisations(store, KikumimiDirectory.default())


@pytest.mark.parametrize(
    ("code5", "digit"),
    [
        ("17204", "9"),
        ("03208", "5"),
        ("13101", "6"),
        ("01100", "2"),
        ("27100", "4"),
        ("13104", "1"),
        ("28100", "0"),
    ],
)
def test_check_digit_of_real_codes(code5: str, digit: str) -> None:
    # 輪島市 172049, 遠野市 032085, 千代田区 131016, 札幌市 011002, 大阪市 271004, 新宿区 131041
    # (remainder 0 gives 1), 神戸市 281000 (remainder 1 gives 0)
    assert check_digit(code5) == digit


def test_org_ids_are_read_and_normalised() -> None:
    assert parse_org_id("national").kind == OrganisationKind.NATIONAL
    assert parse_org_id("centre:07").id == "centre:7"
    assert parse_org_id("municipality:17204").id == "municipality:172049"
    assert parse_org_id(" municipality:172049 ").key == "172049"


@pytest.mark.parametrize(
    "bad",
    ["", "総務省", "centre:0", "centre:51", "centre:x", "municipality:172048", "municipality:1720", "city:1"],
)
def test_malformed_org_ids_are_refused(bad: str) -> None:
    with pytest.raises(InvalidOrganisation):
        parse_org_id(bad)


def test_migration_seeds_national_and_the_fifty_centres(orgs: Organisations) -> None:
    assert [o.name for o in orgs.all(OrganisationKind.NATIONAL)] == ["総務省"]
    centres = orgs.all(OrganisationKind.CENTRE)
    assert len(centres) == 50
    assert orgs.name_of("centre:7") == "きくみみ岩手"
    assert orgs.all(OrganisationKind.MUNICIPALITY) == []


def test_a_municipality_is_created_on_demand_from_the_gazetteer(orgs: Organisations) -> None:
    wajima = orgs.ensure("municipality:17204")
    assert (wajima.id, wajima.kind, wajima.name) == ("municipality:172049", "municipality", "石川県輪島市")
    assert orgs.ensure("municipality:172049") == wajima  # stored once
    assert [o.id for o in orgs.all(OrganisationKind.MUNICIPALITY)] == ["municipality:172049"]


def test_an_unknown_code_is_refused(orgs: Organisations) -> None:
    with pytest.raises(InvalidOrganisation, match="99999"):
        orgs.ensure("municipality:99999")
    assert orgs.all(OrganisationKind.MUNICIPALITY) == []


def test_the_centre_for_a_place_is_the_directorys(orgs: Organisations) -> None:
    directory = orgs.directory
    assert orgs.centre_for(directory.resolve("遠野市に住んでいます")).id == "centre:7"  # type: ignore[union-attr]
    assert orgs.centre_for("municipality:172049").name == "きくみみ石川"  # type: ignore[union-attr]
    assert orgs.centre_for(directory.place_of("函館市")).name == "きくみみ函館"  # type: ignore[union-attr]
    assert orgs.centre_for(directory.resolve("伊達市")) is None  # 北海道 or 福島県: not settled
    assert orgs.centre_for(None) is None


def test_an_entry_file_may_name_its_owner() -> None:
    entry, problems = parse_entry(made_up_entry(owner="municipality:17204"), "t.yml", "x")
    assert problems == [] and entry is not None and entry.owner == "municipality:172049"
    default, _ = parse_entry(made_up_entry(), "t.yml", "x")
    assert default is not None and default.owner == "national"
    _, problems = parse_entry(made_up_entry(owner="輪島市"), "t.yml", "x")
    assert [p[2] for p in problems] == ["owner"]


def test_owner_survives_store_versions_and_transfer(store: FaqStore) -> None:
    entry, _ = parse_entry(made_up_entry(owner="centre:7"), "t.yml", "x")
    assert entry is not None
    versions = EntryVersions(store)
    versions.sync_seed([entry])
    assert store.get(entry.id).owner == "centre:7"
    assert versions.working(entry.id).entry.owner == "centre:7"
    with store.engine.connect() as connection:
        stored = connection.execute(sa.text("SELECT owner FROM faq_entry_versions")).scalars().all()
    assert stored == ["centre:7"]
    assert [e.owner for e in parse_yaml(export_yaml([entry])).entries] == ["centre:7"]
    assert [e.owner for e in parse_csv(export_csv([entry])).entries] == ["centre:7"]
    national = replace(entry, owner="national")
    assert [e.owner for e in parse_csv(export_csv([national])).entries] == ["national"]
    assert SEED.username == "seed"


def test_upgrading_makes_existing_rows_national_and_routes_old_memos(tmp_path) -> None:
    from alembic import command
    from alembic.config import Config

    from faq.content.store import MIGRATIONS_DIR

    store = FaqStore(f"sqlite:///{tmp_path / 'old.db'}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0008")
        connection.execute(
            sa.text(
                "INSERT INTO staff_users (username, password_hash, role, active, failed_logins, created_at) "
                "VALUES ('sato', 'x', 'editor', 1, 0, '2026-11-01')"
            )
        )
        for reference, kikumimi in (("GS-1", "きくみみ岩手"), ("GS-2", "")):
            connection.execute(
                sa.text(
                    "INSERT INTO handoff_memos (reference, topic, prefecture, kikumimi, contact_method,"
                    " status, created_at) VALUES (:r, '年金', '', :k, '電話', 'new', '2026-11-01')"
                ),
                {"r": reference, "k": kikumimi},
            )
        connection.execute(
            sa.text(
                "INSERT INTO faq_entries (id, category, question, answer, audience, source_document,"
                " source_section, source_ref, last_checked, status, easy_ja, updated_at) VALUES"
                " ('old', '行政相談', 'q', 'a', '[]', 'd', '', 'r', '2026-11-01', 'published', '',"
                " '2026-11-01')"
            )
        )
        connection.execute(
            sa.text(
                "INSERT INTO faq_entry_versions (entry_id, number, status, category, question, answer,"
                " alternates, audience, easy_ja, source_document, source_section, source_ref, last_checked,"
                " author, reason, created_at) VALUES ('old', 1, 'published', '行政相談', 'q', 'a', '[]',"
                " '[]', '', 'd', '', 'r', '2026-11-01', 'seed', 'r', '2026-11-01')"
            )
        )
    store.migrate()
    with store.engine.connect() as connection:
        assert connection.execute(sa.text("SELECT organisation FROM staff_users")).scalar() == "national"
        assert connection.execute(sa.text("SELECT owner FROM faq_entries")).scalar() == "national"
        assert connection.execute(sa.text("SELECT owner FROM faq_entry_versions")).scalar() == "national"
        memos = dict(connection.execute(sa.text("SELECT reference, centre FROM handoff_memos")).all())
    assert memos == {"GS-1": "centre:7", "GS-2": ""}
    store.engine.dispose()
