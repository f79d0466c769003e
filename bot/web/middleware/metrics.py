"""``/metrics``: the text exposition of the counters defined in :mod:`faq.metrics`.

With several workers, ``PROMETHEUS_MULTIPROC_DIR`` (set by ``python -m bot.web --workers``) makes every
worker write its samples there, and ``/metrics`` adds them up, whichever worker answers the scrape.
"""

from __future__ import annotations

import os

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest, multiprocess


def exposition() -> tuple[bytes, str]:
    """The text format of every metric (of all workers in multi-process mode)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST
