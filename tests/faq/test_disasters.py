"""Disaster mode in the database: seeded once from faq/data/disasters.yml, then declared, edited and ended."""

from __future__ import annotations

import pytest
import yaml

from faq.content.disaster_fields import DisasterInvalid
from faq.content.disasters import (
    DISASTERS_FILE,
    active_disasters,
    declare,
    end,
    get_disaster,
    load_disasters,
    seed_disasters,
    update,
)
from faq.content.store import FaqStore
from faq.content.versions import Actor, PermissionDenied, WorkflowError
from faq.places.directory import KikumimiDirectory

pytestmark = pytest.mark.unit  # a temporary SQLite store: no index, no model, no server

REVIEWER = Actor("reviewer1", "reviewer")
EDITOR = Actor("editor1", "editor")
# A drill: every value here is made up for the test, none is presented as a real disaster.
DRILL = {
    "name": "訓練用の災害（テスト）",
    "prefectures": "東京、神奈川県",
    "start_date": "2025-11-16",
    "guidebook_url": "https://www.example.lg.jp/guidebook.pdf",
    "dial": {"name": "訓練用ダイヤル", "phone": "03-0000-0000", "hours": "平日 9:00～17:00"},
    "events": [{"time": "11月16日(日) 12:30～15:30", "place": "訓練会場", "specialists": "弁護士、税理士"}],
}


@pytest.fixture()
def store(tmp_settings) -> FaqStore:
    store = FaqStore(tmp_settings.database_url)
    store.migrate()
    return store


@pytest.fixture()
def seeded(store) -> FaqStore:
    seed_disasters(store)
    return store


def test_the_table_is_seeded_from_the_yaml_once(store) -> None:
    shipped = yaml.safe_load(DISASTERS_FILE.read_text(encoding="utf-8"))["disasters"]
    assert seed_disasters(store) == len(shipped)
    assert seed_disasters(store) == 0
    disasters = {d.id: d for d in load_disasters(store)}
    assert set(disasters) == {d["id"] for d in shipped}
    for raw in shipped:
        disaster = disasters[raw["id"]]
        assert disaster.name == raw["name"] and disaster.active == raw["active"]
        assert disaster.updated_by == "seed" and disaster.ended_at is None
    noto = disasters["r6-noto-earthquake"]
    assert noto.municipalities == {"輪島市": "石川県"}
    assert noto.events[0]["time"].startswith("11月16日(日) 12:30～15:30")
    assert "JAのと輪島支店" in noto.events[0]["place"] and noto.events[0]["contact"]
    assert "0570-090110" in disasters["r7-august-heavy-rain"].guidebook["dial"]
    assert disasters["r7-august-heavy-rain"].dial == {}  # the banner calls each prefecture's centre


def test_staff_changes_survive_a_second_seeding(seeded) -> None:
    end(seeded, "r6-noto-earthquake", REVIEWER)
    assert seed_disasters(seeded) == 0
    assert get_disaster(seeded, "r6-noto-earthquake").status == "ended"


def test_load_corpus_seeds_disaster_mode(tmp_settings) -> None:
    from faq.service import FaqService

    service = FaqService(tmp_settings)
    service.load_corpus()
    assert [d.id for d in active_disasters(service.store, "石川県")] == ["r6-noto-earthquake"]


def test_a_disaster_town_named_alone_finds_its_prefecture_through_the_one_resolver(seeded) -> None:
    """The towns of the seeded disasters are found by the gazetteer's resolver, like any other town: no
    second matcher over disaster.municipalities."""
    directory = KikumimiDirectory.default()
    for disaster in load_disasters(seeded):
        for town, prefecture in disaster.municipalities.items():
            assert directory.find_prefecture(f"{town}で被災しました") == prefecture, town
    assert directory.find_prefecture("輪島で被災しました") == "石川県"
    assert directory.find_prefecture("うちの近く") is None


def test_a_declared_disaster_is_active_at_once_with_prefectures_by_full_name(store) -> None:
    disaster = declare(store, DRILL, REVIEWER)
    assert disaster.prefectures == ("東京都", "神奈川県")
    assert disaster.active and disaster.special_consultation  # an event means a 特別行政相談所
    assert disaster.dial["phone"] == "03-0000-0000" and disaster.updated_by == "reviewer1"
    assert str(disaster.start_date) == "2025-11-16"
    assert [d.id for d in active_disasters(store, "神奈川県")] == [disaster.id]
    assert active_disasters(store, "大阪府") == []


def test_prefectures_may_come_as_a_list_or_one_text(store) -> None:
    listed = declare(store, {**DRILL, "prefectures": ["熊本県、鹿児島", "くまもと"]}, REVIEWER)
    assert listed.prefectures == ("熊本県", "鹿児島県")


def test_events_may_be_typed_one_per_line(store) -> None:
    lines = "11月16日(日) 12:30～15:30｜訓練会場｜弁護士\n\n11月17日(月) 10:00～12:00 | 第二会場 | 司法書士\n"
    disaster = declare(store, {**DRILL, "events": lines}, REVIEWER)
    assert [e["place"] for e in disaster.events] == ["訓練会場", "第二会場"]
    assert disaster.events[1] == {
        "time": "11月17日(月) 10:00～12:00",
        "place": "第二会場",
        "specialists": "司法書士",
    }


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"name": "  "}, "name", "名称"),
        ({"prefectures": ""}, "prefectures", "1つ以上"),
        ({"prefectures": "東京都、アトランティス"}, "prefectures", "アトランティス"),
        ({"dial": {"name": "訓練用ダイヤル", "phone": "03-0000-ABCD"}}, "dial", "数字とハイフン"),
        ({"dial": {"name": "訓練用ダイヤル", "phone": "(03)0000-0000"}}, "dial", "数字とハイフン"),
        ({"dial": {"name": "", "phone": "03-0000-0000"}}, "dial", "名称"),
        ({"guidebook_url": "http://www.example.lg.jp/"}, "guidebook_url", "https://"),
        ({"guidebook_url": "javascript:alert(1)"}, "guidebook_url", "https://"),
        ({"guidebook_url": "https://[::1"}, "guidebook_url", "https://"),
        ({"guidebook_url": "https://user@evil.example/"}, "guidebook_url", "https://"),
        ({"events": [{"time": "11月16日", "place": "訓練会場", "specialists": ""}]}, "events", "1件目"),
        ({"events": "11月16日｜訓練会場"}, "events", "1行目"),
        ({"start_date": "11月16日"}, "start_date", "年月日"),
    ],
)
def test_declaring_checks_every_field(store, change: dict, field: str, words: str) -> None:
    with pytest.raises(DisasterInvalid) as raised:
        declare(store, {**DRILL, **change}, REVIEWER)
    assert [p["field"] for p in raised.value.problems] == [field]
    assert words in raised.value.problems[0]["reason"]
    assert load_disasters(store) == ()


def test_every_problem_is_reported_at_once(store) -> None:
    with pytest.raises(DisasterInvalid) as raised:
        declare(store, {"name": "", "prefectures": "どこか", "guidebook_url": "ftp://x"}, REVIEWER)
    assert {p["field"] for p in raised.value.problems} == {"name", "prefectures", "guidebook_url"}


def test_only_reviewers_declare_edit_and_end(seeded) -> None:
    with pytest.raises(PermissionDenied):
        declare(seeded, DRILL, EDITOR)
    with pytest.raises(PermissionDenied):
        update(seeded, "r6-noto-earthquake", {"name": "x"}, EDITOR)
    with pytest.raises(PermissionDenied):
        end(seeded, "r6-noto-earthquake", EDITOR)
    assert get_disaster(seeded, "r6-noto-earthquake").active


def test_ending_archives_the_disaster(store) -> None:
    disaster = declare(store, DRILL, REVIEWER)
    ended = end(store, disaster.id, REVIEWER)
    assert ended.status == "ended" and not ended.active and ended.ended_at is not None
    assert active_disasters(store, "東京都") == []
    assert [d.id for d in load_disasters(store)] == [disaster.id]  # still listed, as ended
    with pytest.raises(WorkflowError):
        end(store, disaster.id, REVIEWER)
    with pytest.raises(WorkflowError):
        update(store, disaster.id, {"name": "変更"}, REVIEWER)


def test_an_edit_changes_only_what_was_sent_and_keeps_the_seed_details(seeded) -> None:
    before = get_disaster(seeded, "r6-noto-earthquake")
    event = before.events[0]
    typed = {"time": event["time"], "place": event["place"], "specialists": event["specialists"]}
    after = update(
        seeded,
        before.id,
        {"dial": {"name": "訓練用ダイヤル", "phone": "03-0000-0000", "hours": ""}, "events": [typed]},
        REVIEWER,
    )
    assert after.name == before.name and after.relief_act_applied == before.relief_act_applied
    assert after.events == before.events  # name, reservation and contact kept for the unchanged event
    assert after.dial == {"name": "訓練用ダイヤル", "phone": "03-0000-0000", "hours": ""}
    assert after.updated_by == "reviewer1" and after.municipalities == {"輪島市": "石川県"}
    with pytest.raises(DisasterInvalid):
        update(seeded, before.id, {"guidebook_url": "http://example.com"}, REVIEWER)


def test_disaster_towns_are_read_by_name_or_code_through_the_resolver(store) -> None:
    towns = {"17204": "", "伊達市": "北海道", "珠洲市": "石川県"}  # 輪島市 by 団体コード; 伊達市 settled
    disaster = declare(store, {**DRILL, "prefectures": "石川県、北海道", "municipalities": towns}, REVIEWER)
    assert disaster.municipalities == {"輪島市": "石川県", "伊達市": "北海道", "珠洲市": "石川県"}
    with pytest.raises(DisasterInvalid) as caught:
        declare(store, {**DRILL, "prefectures": "石川県", "municipalities": {"存在しない市": ""}}, REVIEWER)
    assert "存在しない市" in str(caught.value.problems)
