"""What the entries' console pages and their staff API share: the entries' versions, a step followed by the
index rebuild, and a version as JSON. Both halves call the same functions here, in
:mod:`bot.web.console.review` (the steps and errors every reviewed kind shares) and in
:mod:`faq.content.drafts`."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import Request
from starlette.convertors import StringConvertor, register_url_convertor

from bot.web.auth import Staff
from bot.web.console.review import STEPS, Step, workflow
from bot.web.deps import get_faq_service
from faq.content.corpus import flat_record
from faq.content.permissions import EntryAction, require
from faq.content.versions import EntryVersion, EntryVersions
from faq.service import FaqService

__all__ = [  # the shared steps and their error mapping are imported from here too
    "ENTRY_ID_PATTERN",
    "STEPS",
    "Step",
    "after_publish",
    "faq_service_of",
    "history_for",
    "take_step",
    "version_json",
    "versions_of",
    "workflow",
]

logger = logging.getLogger(__name__)


class EntryIdConvertor(StringConvertor):
    """A path segment that can be an entry id (``faq.content.corpus.ID_PATTERN``) and is not one of the
    collection's own paths, so ``PUT /api/staff/entries/export`` is a 405, not an edit of entry "export"."""

    regex = r"(?!(?:export|import)(?:/|$))[a-z0-9][a-z0-9-]{2,80}"


class StepConvertor(StringConvertor):
    """A workflow step: any other segment (``POST …/diff``) matches no route and is answered 405/404."""

    regex = "submit|publish|retire"


register_url_convertor("entry_id", EntryIdConvertor())
register_url_convertor("step", StepConvertor())
ENTRY_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{2,80}$"  # faq.content.corpus.ID_PATTERN, as OpenAPI states it


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


def history_for(request: Request, entry_id: str, staff: Staff, action: EntryAction = EntryAction.VIEW):
    """The entry's history if ``staff`` may do ``action`` to it (404 for no entry, 403 with the reason)."""
    history = workflow(lambda: versions_of(request).history(entry_id))
    workflow(lambda: require(staff.actor, action, history[0].entry.owner, entry_id))
    return history


def take_step(
    request: Request, entry_id: str, step: Step, staff: Staff, reason: str
) -> tuple[EntryVersion, str]:
    """One workflow step; publish and retire also rebuild the live index (its revision is returned)."""
    default_reason = STEPS[step][0]
    method = getattr(versions_of(request), step.value)
    version = workflow(lambda: method(entry_id, staff.actor, reason.strip() or default_reason))
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
