"""Each status and outcome the console shows has one label, in one home (faq/content/staff_messages.py).

The console's modules and templates take a label from there (a template gets the mapping) and never spell
one: the same value read もしかして in the question counts and 候補を提示 on the learning page when each
module had its own words. These tests fail on a label, or a mapping of a status or outcome to words,
written anywhere else.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from faq.content import staff_messages
from faq.content.staff_messages import (
    ITEM_OUTCOME_LABELS,
    MEMO_STATUS_LABELS,
    SEARCH_OUTCOME_LABELS,
    TURN_OUTCOME_LABELS,
    VERSION_STATUS_LABELS,
    VOTE_LABELS,
)
from faq.model import Outcome, VersionStatus
from faq.residents.handoff import STATUSES as MEMO_STATUSES
from faq.residents.learning import NOT_HELPFUL
from faq.residents.question_counts import OUTCOMES as TURN_OUTCOMES
from faq.settings import PROJECT_ROOT

pytestmark = pytest.mark.unit

HOME = Path(staff_messages.__file__).resolve()
MAPPINGS = {
    "VERSION_STATUS_LABELS": VERSION_STATUS_LABELS,
    "SEARCH_OUTCOME_LABELS": SEARCH_OUTCOME_LABELS,
    "TURN_OUTCOME_LABELS": TURN_OUTCOME_LABELS,
    "ITEM_OUTCOME_LABELS": ITEM_OUTCOME_LABELS,
    "VOTE_LABELS": VOTE_LABELS,
    "MEMO_STATUS_LABELS": MEMO_STATUS_LABELS,
}
LABELS = {label for mapping in MAPPINGS.values() for label in mapping.values()}
VALUES = {str(value) for mapping in MAPPINGS.values() for value in mapping}
# How code names a value: "draft", VersionStatus.DRAFT, NO_ANSWER, MemoStatus.CLOSED.
VALUE_NAMES = {value.upper() for value in VALUES}
# A label may also be a word of another kind: 公開終了 is the retire step's name as well as the status
# it leaves (faq.content.permissions.ACTION_NAMES, the workflow's default reason, 公開・公開終了・版の復元).
ACTION_WORDS = {"公開終了"}
CONSOLE_TEMPLATES = PROJECT_ROOT / "bot" / "web" / "templates" / "console"


def python_files(*packages: str) -> list[Path]:
    return [
        path
        for package in packages
        for path in sorted((PROJECT_ROOT / package).rglob("*.py"))
        if path.resolve() != HOME
    ]


def names_a_value(node: ast.AST | None) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and node.value in VALUES
    if isinstance(node, ast.Attribute):
        return node.attr in VALUE_NAMES
    return isinstance(node, ast.Name) and node.id in VALUE_NAMES


def is_words(node: ast.AST) -> bool:
    """A short Japanese text, as a label is (a sentence ending in 。 is a message, not a label)."""
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and not node.value.isascii()
        and not node.value.endswith("。")
    )


def mappings_to_words(source: str) -> list[str]:
    """Dict entries mapping a status or outcome value to Japanese words: a second home of labels."""
    return [
        f"line {node.lineno}: {ast.unparse(key)} → {ast.unparse(value)}"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Dict)
        for key, value in zip(node.keys, node.values, strict=True)
        if names_a_value(key) and is_words(value)
    ]


def labels_spelled(source: str) -> list[str]:
    """String constants that are exactly a label (a sentence that uses the word is not a label)."""
    return [
        f"line {node.lineno}: {node.value}"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and node.value in LABELS - ACTION_WORDS
    ]


def labels_in_template(text: str) -> list[str]:
    """A label a template spells: quoted ("公開中"), an element's whole text (>公開中<) or an item of a
    list in prose (（答えた・候補を提示・回答なし）)."""
    found = []
    for label in sorted(LABELS - ACTION_WORDS):
        pattern = rf"""["'>（・]{re.escape(label)}["'<・）]"""
        for match in re.finditer(pattern, text):
            found.append(f"line {text.count(chr(10), 0, match.start()) + 1}: {label}")
    return found


def test_each_mapping_labels_every_value_of_its_enum_and_nothing_else() -> None:
    assert set(VERSION_STATUS_LABELS) == set(VersionStatus)
    assert set(SEARCH_OUTCOME_LABELS) == set(Outcome)
    assert set(TURN_OUTCOME_LABELS) == set(TURN_OUTCOMES)
    assert set(ITEM_OUTCOME_LABELS) == {Outcome.CLARIFY, Outcome.NO_ANSWER, NOT_HELPFUL}
    assert set(MEMO_STATUS_LABELS) == set(MEMO_STATUSES)
    assert set(VOTE_LABELS) == {"helpful", NOT_HELPFUL}


def test_a_value_reads_the_same_wherever_staff_see_it() -> None:
    words: dict[str, set[str]] = {}
    for mapping in MAPPINGS.values():
        for value, label in mapping.items():
            words.setdefault(str(value), set()).add(label)
    assert {value: labels for value, labels in words.items() if len(labels) > 1} == {}
    for mapping in MAPPINGS.values():  # and two values of one enum never read alike
        assert len(set(mapping.values())) == len(mapping)


def test_no_module_maps_a_status_or_outcome_to_words_outside_the_home() -> None:
    found = {
        str(path.relative_to(PROJECT_ROOT)): problems
        for path in python_files("bot", "faq", "actions")
        for problems in [mappings_to_words(path.read_text(encoding="utf-8"))]
        if problems
    }
    assert found == {}


def test_no_console_module_spells_a_label() -> None:
    found = {
        str(path.relative_to(PROJECT_ROOT)): problems
        for path in python_files("bot/web")
        for problems in [labels_spelled(path.read_text(encoding="utf-8"))]
        if problems
    }
    assert found == {}


def test_no_console_template_spells_a_label() -> None:
    found = {
        path.name: problems
        for path in sorted(CONSOLE_TEMPLATES.glob("*.html"))
        for problems in [labels_in_template(path.read_text(encoding="utf-8"))]
        if problems
    }
    assert found == {}


@pytest.mark.parametrize(
    ("check", "text"),
    [
        (mappings_to_words, 'LABELS = {"clarify": "もしかして"}'),
        (mappings_to_words, 'LABELS = {VersionStatus.DRAFT: "下書き"}'),
        (mappings_to_words, 'LABELS = {NO_ANSWER: "答えない"}'),
        (labels_spelled, 'LIVE = ("公開中", "公開していない")'),
        (labels_in_template, '{% for s, label in [("published","公開中")] %}'),
        (labels_in_template, "<th>役に立った</th>"),
        (labels_in_template, "質問（答えた・もしかして・答えない）"),
    ],
)
def test_the_checks_see_a_label_spelled_again(check, text: str) -> None:
    assert check(text)


@pytest.mark.parametrize(
    ("check", "text"),
    [
        (mappings_to_words, '{"published": "公開しました。検索に反映されています。"}'),
        (labels_spelled, 'f"いま公開中の v{n} から"'),
        (labels_in_template, "<button>下書きとして保存</button>"),
    ],
)
def test_the_checks_let_a_sentence_use_the_word(check, text: str) -> None:
    assert not check(text)
