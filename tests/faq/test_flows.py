"""The table of flows (faq/data/flows.yml) as its reader gives it, and the rows it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from faq.content.flows import FLOWS_FILE, FlowTable, flow_table, start_menu

pytestmark = pytest.mark.unit

ROW = """
  - form: moving_form
    intent: moving_help
    button: 引っ越しの手続を知りたい
    opening: action_ask_moving_form_town
"""


def table_with(tmp_path: Path, row: str) -> FlowTable:
    """The shipped table with ``row`` appended, as a new flow would be added."""
    path = tmp_path / "flows.yml"
    path.write_text(FLOWS_FILE.read_text(encoding="utf-8") + row, encoding="utf-8")
    return FlowTable.load(path)


def test_the_start_menu_is_browsing_then_each_flow_with_its_one_label() -> None:
    assert start_menu() == [
        {"title": "分野から探す", "payload": "/menu"},
        {"title": "災害で困っている", "payload": "/disaster_help"},
        {"title": "協力隊の対象か確かめる", "payload": "/kyoryokutai_eligibility"},
        {"title": "行政相談の窓口を探す", "payload": "/gyosei_soudan"},
    ]


def test_a_flow_resumes_with_its_start_payload_unless_its_row_says_otherwise(tmp_path: Path) -> None:
    assert flow_table().resume_button_for("gyosei_form") == {
        "title": "さきほどの相談を続ける",
        "payload": "/gyosei_soudan",
    }
    assert flow_table().resume_button_for(None) is None
    assert flow_table().resume_button_for("some_other_form") is None
    table = table_with(tmp_path, ROW + '    resume: "/moving_help{\\"step\\": \\"again\\"}"\n')
    assert table.resume_button_for("moving_form")["payload"] == '/moving_help{"step": "again"}'


def test_a_row_appended_is_a_flow_of_the_table(tmp_path: Path) -> None:
    table = table_with(tmp_path, ROW)
    assert table.forms[-1] == "moving_form" and "moving_help" in table.intents
    assert "action_ask_moving_form_town" in table.openings
    assert table.start_menu()[-1] == {"title": "引っ越しの手続を知りたい", "payload": "/moving_help"}
    assert table.by_intent("moving_help") is table.by_form("moving_form")


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (ROW.replace("moving_help", "gyosei_soudan"), "share the intent 'gyosei_soudan'"),
        (ROW.replace("引っ越しの手続を知りたい", "災害で困っている"), "share the button"),
        (ROW.replace("action_ask_moving_form_town", "utter_ask_town"), "not an action_ask_ question"),
        (ROW.replace("引っ越しの手続を知りたい", "引っ越しの前とあとの手続をひととおり知りたい"), "over 20"),
        (ROW.replace("    opening: action_ask_moving_form_town\n", ""), "'opening' must be"),
        (ROW + "    label: 引っ越し\n", "unknown field 'label'"),
        (ROW + "    resume: moving_help\n", "is not a payload"),
    ],
)
def test_a_bad_row_is_refused_with_its_number_and_reason(tmp_path: Path, row: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason) as refused:
        table_with(tmp_path, row)
    assert "flows.yml" in str(refused.value)


def test_an_unknown_form_is_an_error_that_names_it() -> None:
    with pytest.raises(KeyError, match="moving_form"):
        flow_table().by_form("moving_form")
