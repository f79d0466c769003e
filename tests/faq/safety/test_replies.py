"""The safety replies are laid out from the shipped 緊急・安全 entries: number first, a call button each."""

from __future__ import annotations

import pytest

from faq.content.flows import flow_table
from faq.safety import SafetyKind, SafetyVerdict
from faq.safety.replies import ENTRY_IDS, calls_in, danger_reply, find_entry, payload_for

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("kind", "first"),
    [(SafetyKind.EMERGENCY, "119"), (SafetyKind.POLICE, "110"), (SafetyKind.CRISIS, "0570-064-556")],
)
def test_each_danger_has_a_published_entry_whose_first_number_is_the_right_one(corpus, kind, first) -> None:
    entry = find_entry(corpus, kind)
    assert entry is not None and entry.category == "緊急・安全" and entry.source.ref
    assert first in entry.answer.splitlines()[0]  # the number is on the first line
    reply = danger_reply(entry, kind, flow_table().resume_button_for("disaster_form"))
    assert reply["custom"]["calls"][0]["phone"] == first
    assert reply["text"].startswith(entry.answer) and "最終確認日" in reply["text"]
    assert reply["buttons"][0] == {"title": "さきほどの相談を続ける", "payload": "/disaster_help"}
    assert [b["payload"] for b in danger_reply(entry, kind)["buttons"]] == ["/menu"]  # no flow to go back to


def test_numbers_are_found_line_by_line_with_their_names() -> None:
    calls = calls_in(
        "こころの健康相談統一ダイヤル 0570-064-556 で話せます。\nよりそいホットライン 0120-279-338（24時間）"
    )
    assert [(c["phone"], c["tel"]) for c in calls] == [
        ("0570-064-556", "tel:0570064556"),
        ("0120-279-338", "tel:0120279338"),
    ]
    assert calls[0]["label"] == "こころの健康相談統一ダイヤル"


def test_payloads_name_the_intent_and_kind() -> None:
    assert payload_for(SafetyVerdict(SafetyKind.POLICE)) == '/safety_alert{"safety_kind": "police"}'
    assert payload_for(SafetyVerdict(SafetyKind.INSULT)) == "/insult"
    with pytest.raises(ValueError):
        payload_for(SafetyVerdict(SafetyKind.NONE))
    assert set(ENTRY_IDS) == {k for k in SafetyKind if k.danger} | {SafetyKind.POLICE_LATER}
