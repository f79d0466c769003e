"""One review workflow for every kind staff curate (issue 24 item 3): an entry and a town's local supplement
go through the same steps, keep the same history and refuse the same changes with the same words, because
both are adapters (faq.content.versions.EntryKind, faq.content.supplement_versions.SupplementKind) of
faq.content.workflow.Workflow."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import pytest

from faq.content.corpus import parse_entry
from faq.content.staff_messages import reason_in_japanese
from faq.content.store import FaqStore
from faq.content.supplement_versions import SupplementVersions
from faq.content.supplements import parse_supplement
from faq.content.versions import EDITOR, REVIEWER, Actor, EntryVersions, WorkflowError
from faq.content.workflow import Workflow
from tests.conftest import made_up_entry

pytestmark = pytest.mark.unit

WAJIMA = "172049"
ENTRY = "test-workflow-entry"
EDITS = Actor("wajima-editor", EDITOR, f"municipality:{WAJIMA}")
REVIEWS = Actor("wajima-reviewer", REVIEWER, f"municipality:{WAJIMA}")


@dataclass
class Line:
    """One line of versions of one kind, driven through its own public names."""

    draft: Callable[[str], Any]  # save a draft whose content says the text given
    step: Callable[..., Any]  # step(name, actor, *args)
    history: Callable[[], list[Any]]


def fresh(tmp_path, name: str) -> FaqStore:
    """An empty database of its own for one line."""
    store = FaqStore(f"sqlite:///{tmp_path / f'{name}.sqlite'}")
    store.migrate()
    return store


def entry_line(store: FaqStore) -> Line:
    versions = EntryVersions(store)
    entry, problems = parse_entry(made_up_entry(id=ENTRY), "test", ENTRY)
    assert entry is not None, problems
    entry = replace(entry, owner=f"municipality:{WAJIMA}")
    return Line(
        draft=lambda text: versions.save_draft(replace(entry, answer=text), EDITS, "編集"),
        step=lambda name, actor, *args: getattr(versions, name)(ENTRY, *args[:-1], actor, args[-1]),
        history=lambda: versions.history(ENTRY),
    )


def supplement_line(store: FaqStore) -> Line:
    entry, _ = parse_entry(made_up_entry(id=ENTRY), "test", ENTRY)
    assert entry is not None
    EntryVersions(store).save_draft(entry, Actor("setup", "admin"), "準備")
    EntryVersions(store).publish(ENTRY, Actor("setup", "admin"))
    versions = SupplementVersions(store)

    def draft(text: str):
        raw = {
            "entry": ENTRY,
            "window": text,
            "field_refs": {"window": "test:L1"},
            "source": {"document": "テスト用の資料", "ref": "test:L1"},
            "last_checked": "2026-11-29",
        }
        supplement, problems = parse_supplement(raw, WAJIMA, "test")
        assert supplement is not None, problems
        return versions.save_draft(supplement, EDITS, "編集")

    return Line(
        draft=draft,
        step=lambda name, actor, *args: getattr(versions, name)(ENTRY, WAJIMA, *args[:-1], actor, args[-1]),
        history=lambda: versions.history(ENTRY, WAJIMA),
    )


KINDS = {"entry": entry_line, "supplement": supplement_line}


def walk(line: Line) -> list[tuple[int, str, str]]:
    """Draft, submit, publish, a second draft published, retire, roll back to v3: the history it leaves."""
    line.draft("はじめの内容")
    line.step("submit", EDITS, "依頼")
    line.step("publish", REVIEWS, "公開")
    line.draft("直した内容")
    line.step("publish", REVIEWS, "公開")
    line.step("retire", REVIEWS, "終了")
    line.step("rollback", REVIEWS, 3, "戻す")
    return [(v.number, v.status, v.author) for v in reversed(line.history())]


def refusals(line: Line) -> list[str]:
    """The workflow's refusals on a published line, as staff read them."""
    line.draft("はじめの内容")
    line.step("publish", REVIEWS, "公開")
    said = []
    for attempt in (
        lambda: line.step("submit", EDITS, "依頼"),
        lambda: line.step("publish", REVIEWS, "公開"),
        lambda: line.draft("はじめの内容"),
        lambda: line.step("retire", REVIEWS, " "),
    ):
        with pytest.raises(WorkflowError) as refused:
            attempt()
        said.append(reason_in_japanese(str(refused.value)).replace(ENTRY, "ID").replace(f"ID/{WAJIMA}", "ID"))
    return said


def test_both_kinds_leave_the_same_history(tmp_path) -> None:
    histories = {name: walk(make(fresh(tmp_path, name))) for name, make in KINDS.items()}
    assert histories["entry"] == histories["supplement"]
    assert [status for _, status, _ in histories["entry"]] == [
        "draft",
        "review",
        "published",
        "draft",
        "published",
        "retired",
        "published",
    ]


def test_both_kinds_refuse_with_the_same_words(tmp_path) -> None:
    said = {name: refusals(make(fresh(tmp_path, name))) for name, make in KINDS.items()}
    assert said["supplement"] == said["entry"], said
    assert said["entry"][0] == "ID v2 is published, only a draft can be submitted"


def test_both_kinds_are_adapters_of_the_one_workflow(tmp_path) -> None:
    store = fresh(tmp_path, "both")
    assert isinstance(EntryVersions(store), Workflow)
    assert isinstance(SupplementVersions(store).workflow, Workflow)
