"""What every reviewed kind's console pages share (entries, 地域の窓口): the workflow's steps as buttons,
how a domain error becomes an HTTP one, the rollback form's checks and the page context of a history.

The workflow itself is :mod:`faq.content.workflow`; each kind's page module adds only what is its own (the
form of its content, the confirmation texts, what happens after a publish). The HTML half is the macros of
``templates/console/review.html``; the status labels come from
:data:`faq.content.staff_messages.VERSION_STATUS_LABELS`, spelled once.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar

from fastapi import HTTPException

from faq.content.permissions import EntryAction, PermissionDenied
from faq.content.staff_messages import VERSION_STATUS_LABELS
from faq.content.workflow import Version, Workflow, WorkflowError
from faq.errors import FaqNotFound

T = TypeVar("T")
V = TypeVar("V", bound=Version[Any])


class Step(str, Enum):
    """A workflow step a page's button (or the staff API) asks for."""

    submit = "submit"
    publish = "publish"
    retire = "retire"


# step → (default reason, flash key, permission). The workflow itself checks the role and the organisation;
# the permission lets a page refuse before it asks for a confirmation.
STEPS: dict[Step, tuple[str, str, EntryAction]] = {
    Step.submit: ("レビュー依頼", "submitted", EntryAction.EDIT),
    Step.publish: ("公開", "published", EntryAction.PUBLISH),
    Step.retire: ("公開終了", "retired", EntryAction.RETIRE),
}


def workflow(call: Callable[[], T]) -> T:
    """Run a workflow step, turning domain errors into HTTP ones (404, 403, 409)."""
    try:
        return call()
    except FaqNotFound as exc:
        raise HTTPException(404, f"no entry {exc}") from exc
    except PermissionDenied as exc:
        raise HTTPException(403, str(exc)) from exc
    except WorkflowError as exc:
        raise HTTPException(409, str(exc)) from exc


def rollback_target(form: Any, history: list[V], name: str) -> V:
    """The version a rollback form names: 422 for a number that is not one, 404 for one the line of
    ``name`` lacks."""
    try:
        number = int(str(form.get("version")))
    except ValueError as exc:
        raise HTTPException(422, "版の番号を数字で指定してください") from exc
    target = next((v for v in history if v.number == number), None)
    if target is None:
        raise HTTPException(404, f"{name} に v{number} はありません")
    return target


def history_context(history: list[V], can: set[str]) -> dict[str, Any]:
    """What the review macros need about a line: its versions, the working and live ones, the labels."""
    return {
        "history": history,
        "live": Workflow.live_of(history) if history else None,
        "live_before": Workflow.live_before(history) if history else None,
        "labels": VERSION_STATUS_LABELS,
        "can": can,
    }
