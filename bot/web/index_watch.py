"""Keep every worker's search index in step with the database.

The worker that handles a publish rebuilds its own index at once. The others learn of it here: every
few seconds one cheap query (`FaqStore.change_marker`) says whether the searchable entries changed; if so
the index is rebuilt from the database in a thread and swapped in, while searches go on with the old one.
"""

from __future__ import annotations

import asyncio
import logging

from faq.service import FaqService

logger = logging.getLogger(__name__)


async def follow_published_entries(service: FaqService, every_seconds: float) -> None:
    """Run until cancelled; a failing check is logged and tried again at the next tick."""
    marker = None
    while True:
        try:
            current = await asyncio.to_thread(service.store.change_marker)
            if marker is not None and current != marker and service.ready:
                revision = await asyncio.to_thread(service.refresh_index, False)
                logger.info("index follows the database: revision %s", revision)
            marker = current
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the database restarting must not end the watch
            logger.warning("index watch: %s: %s", type(exc).__name__, exc)
        await asyncio.sleep(every_seconds)
