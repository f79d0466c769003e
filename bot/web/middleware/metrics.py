"""Prometheus metrics: chat turns and their latency, FAQ searches, fallbacks, hand-offs, the index.

With several workers, ``PROMETHEUS_MULTIPROC_DIR`` (set by ``python -m bot.web --workers``) makes every
worker write its samples there, and ``/metrics`` adds them up, whichever worker answers the scrape.
"""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

LATENCY_BUCKETS = (0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.0, 2.0, 5.0, 10.0)

TURNS = Counter("govbot_chat_turns_total", "Chat turns answered, by how they ended.", ["result"])
TURN_SECONDS = Histogram("govbot_chat_turn_seconds", "Time to answer one chat turn.", buckets=LATENCY_BUCKETS)
SEARCHES = Counter("govbot_faq_searches_total", "FAQ searches by calibrated outcome.", ["outcome"])
SEARCH_SECONDS = Histogram("govbot_faq_search_seconds", "Time of one FAQ search.", buckets=LATENCY_BUCKETS)
FALLBACKS = Counter(
    "govbot_fallbacks_total", "Chat answers that were not confident (clarify or none).", ["kind"]
)
HANDOFFS = Counter("govbot_handoffs_total", "相談メモ handed off to staff.")
RATE_LIMITED = Counter("govbot_rate_limited_total", "Requests refused by a rate limit.", ["limit"])
INDEX_ENTRIES = Gauge("govbot_index_entries", "Entries in the serving index.", multiprocess_mode="liveall")
INDEX_REVISION = Gauge(
    "govbot_index_revision_info",
    "The serving index's revision (value 1).",
    ["revision"],
    multiprocess_mode="liveall",
)


def record_index(revision: str, entries: int) -> None:
    INDEX_REVISION.clear()
    INDEX_REVISION.labels(revision=revision).set(1)
    INDEX_ENTRIES.set(entries)


def exposition() -> tuple[bytes, str]:
    """The text format of every metric (of all workers in multi-process mode)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST
