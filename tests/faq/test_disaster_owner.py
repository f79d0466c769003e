"""A disaster belongs to the organisation that declared it (issue 23, item 2).

The probe: 輪島市's reviewer declared a disaster naming 鹿児島県 and 東京都, with a made-up 専用ダイヤル
and an outside guidebook URL. The area was fixed to 輪島市, but residents were chosen by prefecture only,
so a 金沢市 resident was told the made-up number; and since the national 能登半島地震 entry's area is
exactly 輪島市, the same reviewer could rename and end it. Here a municipality's disaster reaches only its own
residents, and only its owner's reviewers (a national one: national staff) or the national admin change it.
"""

from __future__ import annotations

import pytest

from faq.content.disasters import (
    active_disasters,
    declare,
    end,
    get_disaster,
    in_disaster_mode,
    reopen,
    seed_disasters,
    update,
)
from faq.content.permissions import Actor, PermissionDenied, may_switch_disaster
from faq.content.store import FaqStore
from faq.residents.question_counts import DISASTER_CATEGORY, count_turn

pytestmark = pytest.mark.unit

WAJIMA, KANAZAWA = "172049", "172014"  # 全国地方公共団体コード of 輪島市 and 金沢市
NOTO = "r6-noto-earthquake"  # the seed's national disaster, whose area is exactly 輪島市
W_REVIEWER = Actor("w-rv", "reviewer", f"municipality:{WAJIMA}")
W_EDITOR = Actor("w-ed", "editor", f"municipality:{WAJIMA}")
K_REVIEWER = Actor("k-rv", "reviewer", f"municipality:{KANAZAWA}")
N_REVIEWER = Actor("n-rv", "reviewer")
ADMIN = Actor("kanri", "admin")
# The probe's request, made up for the test: a fake number and an outside address.
PROBE = {
    "name": "訓練用の災害（テスト）",
    "prefectures": ["鹿児島県", "東京都"],
    "municipalities": {"霧島市": "鹿児島県", "新宿区": "東京都"},
    "guidebook_url": "https://evil.example/",
    "dial": {"name": "偽の専用ダイヤル", "phone": "03-1234-5678", "hours": "24時間"},
}


@pytest.fixture()
def store(tmp_settings) -> FaqStore:
    store = FaqStore(tmp_settings.database_url)
    store.migrate()
    seed_disasters(store)
    yield store
    store.engine.dispose()


def test_the_seed_is_national_and_a_municipalitys_declaration_is_its_own(store) -> None:
    assert {d.owner for d in in_disaster_mode(store)} == {"national"}
    declared = declare(store, PROBE, W_REVIEWER)
    assert declared.owner == f"municipality:{WAJIMA}"
    assert declared.prefectures == ("石川県",) and declared.municipalities == {"輪島市": "石川県"}
    assert declare(store, {**PROBE, "name": "訓練（国）"}, N_REVIEWER).owner == "national"
    assert declare(store, {**PROBE, "name": "訓練（管理者）"}, ADMIN).owner == "national"
    with pytest.raises(PermissionDenied, match="きくみみ"):
        declare(store, PROBE, Actor("c", "reviewer", "centre:7"))


def test_a_municipalitys_disaster_reaches_its_own_residents_only(store) -> None:
    declared = declare(store, PROBE, W_REVIEWER)

    def shown(prefecture, municipality=None) -> list[str]:
        return [d.id for d in active_disasters(store, prefecture, municipality)]

    assert shown("石川県", WAJIMA) == [declared.id, NOTO]
    assert shown("石川県", KANAZAWA) == [NOTO]  # 金沢市: the national disaster, never 輪島市's number
    assert shown("石川県") == [NOTO]  # the municipality is not known: not 輪島市's either
    assert declared.id not in shown(None) and declared.id not in shown(None, KANAZAWA)
    assert shown("鹿児島県", WAJIMA) == ["r7-august-heavy-rain"] and shown("東京都", WAJIMA) == []
    # staff and the counts still see every disaster in disaster mode
    assert declared.id in {d.id for d in in_disaster_mode(store)}
    assert count_turn(store, "flow", DISASTER_CATEGORY, "石川県") == declared.id


def test_a_municipality_cannot_rename_end_or_reopen_a_national_disaster(store) -> None:
    with pytest.raises(PermissionDenied, match="自分の市区町村"):
        update(store, NOTO, {"name": "乗っ取り", "dial": PROBE["dial"]}, W_REVIEWER)
    with pytest.raises(PermissionDenied):
        end(store, NOTO, W_REVIEWER)
    noto = get_disaster(store, NOTO)
    assert noto.active and noto.name.startswith("令和6年能登半島地震") and noto.dial == {}
    end(store, NOTO, N_REVIEWER)  # national staff may
    with pytest.raises(PermissionDenied):
        reopen(store, NOTO, W_REVIEWER)
    assert reopen(store, NOTO, N_REVIEWER).active
    renamed = update(store, NOTO, {"name": "令和6年能登半島地震（訓練の編集）"}, N_REVIEWER)
    assert renamed.name == "令和6年能登半島地震（訓練の編集）" and renamed.owner == "national"


def test_only_the_owner_and_the_admin_change_a_municipalitys_disaster(store) -> None:
    declared = declare(store, PROBE, W_REVIEWER)
    for outsider in (K_REVIEWER, N_REVIEWER, W_EDITOR):
        with pytest.raises(PermissionDenied):
            update(store, declared.id, {"name": "乗っ取り"}, outsider)
        with pytest.raises(PermissionDenied):
            end(store, declared.id, outsider)
    moved = update(store, declared.id, {"prefectures": ["東京都"], "guidebook_url": ""}, W_REVIEWER)
    assert moved.prefectures == ("石川県",) and moved.municipalities == {"輪島市": "石川県"}
    by_admin = update(store, declared.id, {"name": "訓練（管理者が修正）", "prefectures": "東京都"}, ADMIN)
    assert by_admin.prefectures == ("石川県",) and by_admin.owner == f"municipality:{WAJIMA}"
    assert end(store, declared.id, ADMIN).status == "ended"
    assert reopen(store, declared.id, W_REVIEWER).active


def test_the_rule_itself() -> None:
    national, wajima = "national", f"municipality:{WAJIMA}"
    assert may_switch_disaster(N_REVIEWER, national) and may_switch_disaster(ADMIN, wajima)
    assert may_switch_disaster(W_REVIEWER, wajima)
    assert not may_switch_disaster(W_REVIEWER, national)  # its area being 輪島市 decides nothing
    assert not may_switch_disaster(K_REVIEWER, wajima) and not may_switch_disaster(N_REVIEWER, wajima)
    assert not may_switch_disaster(W_EDITOR, wajima)
    assert not may_switch_disaster(Actor("e", "editor"), national)
