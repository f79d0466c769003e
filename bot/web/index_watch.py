"""Keep every worker's search index in step with the database and the index files.

The worker that handles a publish rebuilds its own index at once. The others learn of it here: every
few seconds one cheap query (`FaqStore.change_marker`) says whether the searchable entries changed; if so
the index is rebuilt from the database in a thread and swapped in, while searches go on with the old one.
Index files written by another process (`python -m faq index`, a deploy) are loaded when their manifest
changes; files that do not load are refused and the serving index stays (`FaqService.reload_from_disk`).
The eligibility rules table is followed the same way: a new version of any rule (another worker's publish)
makes this worker's verdicts read the published table again (`FaqService.use_published_rules`).
"""

from __future__ import annotations

import asyncio
import logging

from faq.content.rule_versions import RuleVersions
from faq.search.artefacts import MANIFEST
from faq.service import FaqService

logger = logging.getLogger(__name__)


async def follow_published_entries(service: FaqService, every_seconds: float) -> None:
    """Run until cancelled; a failing check is logged and tried again at the next tick."""
    marker = None
    rules = None
    files = _files_marker(service)
    while True:
        try:
            current_files = _files_marker(service)
            if current_files != files and service.ready:
                await asyncio.to_thread(service.reload_from_disk)
            files = current_files
            current = await asyncio.to_thread(service.store.change_marker)
            if marker is not None and current != marker and service.ready:
                revision = await asyncio.to_thread(service.refresh_index, False)
                logger.info("index follows the database: revision %s", revision)
            marker = current
            current_rules = await asyncio.to_thread(RuleVersions(service.store).change_marker)
            if rules is not None and current_rules != rules:
                in_use = await asyncio.to_thread(service.use_published_rules)
                logger.info("eligibility rules follow the database: %d rules in use", in_use)
            rules = current_rules
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the database restarting must not end the watch
            logger.warning("index watch: %s: %s", type(exc).__name__, exc)
        await asyncio.sleep(every_seconds)


def _files_marker(service: FaqService) -> tuple[int, int] | None:
    """When and how big the manifest on disk is (None when there is none)."""
    try:
        stat = (service.settings.index_dir / MANIFEST).stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size
