"""What the entries' console pages and their staff API share: the workflow steps and how a domain error
becomes an HTTP one. Both halves call the same functions here and in :mod:`faq.content.drafts`."""

from __future__ import annotations

import logging
from enum import Enum
from typing import Any

from fastapi import HTTPException, Request

from bot.web.auth import Staff
from bot.web.deps import get_faq_service
from faq.content.corpus import flat_record
from faq.content.permissions import EntryAction, require
from faq.content.versions import EntryVersion, EntryVersions, PermissionDenied, WorkflowError
from faq.errors import FaqNotFound
from faq.service import FaqService

logger = logging.getLogger(__name__)


def faq_service_of(request: Request) -> FaqService:
    return get_faq_service(request)


def versions_of(request: Request) -> EntryVersions:
    return EntryVersions(faq_service_of(request).store)


def after_publish(request: Request, version: EntryVersion) -> str:
    revision = faq_service_of(request).follow_published()
    logger.info(
        "entry %s v%d %s; index revision %s", version.entry.id, version.number, version.status, revision
    )
    return revision


def workflow(call):
    """Run a workflow step, turning domain errors into HTTP ones."""
    try:
        return call()
    except FaqNotFound as exc:
        raise HTTPException(404, f"no entry {exc}") from exc
    except PermissionDenied as exc:
        raise HTTPException(403, str(exc)) from exc
    except WorkflowError as exc:
        raise HTTPException(409, str(exc)) from exc


def history_for(request: Request, entry_id: str, staff: Staff, action: EntryAction = EntryAction.VIEW):
    """The entry's history if ``staff`` may do ``action`` to it (404 for no entry, 403 with the reason)."""
    history = workflow(lambda: versions_of(request).history(entry_id))
    workflow(lambda: require(staff.actor, action, history[0].entry.owner, entry_id))
    return history


class Step(str, Enum):
    submit = "submit"
    publish = "publish"
    retire = "retire"


# step → (workflow method, default reason, flash key, permission). The workflow itself checks the role
# and the organisation; the permission lets a page refuse before it asks for a confirmation.
STEPS = {
    Step.submit: (EntryVersions.submit, "レビュー依頼", "submitted", EntryAction.EDIT),
    Step.publish: (EntryVersions.publish, "公開", "published", EntryAction.PUBLISH),
    Step.retire: (EntryVersions.retire, "公開終了", "retired", EntryAction.RETIRE),
}


def take_step(
    request: Request, entry_id: str, step: Step, staff: Staff, reason: str
) -> tuple[EntryVersion, str]:
    """One workflow step; publish and retire also rebuild the live index (its revision is returned)."""
    method, default_reason, _, _ = STEPS[step]
    versions = versions_of(request)
    version = workflow(lambda: method(versions, entry_id, staff.actor, reason.strip() or default_reason))
    revision = after_publish(request, version) if step != Step.submit else ""
    return version, revision


def version_json(version: EntryVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "status": version.status,
        "author": version.author,
        "reason": version.reason,
        "created_at": version.created_at.isoformat(),
        "entry": flat_record(version.entry),
        "owner": version.entry.owner,
    }
