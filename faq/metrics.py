"""The service's Prometheus counters: chat turns, FAQ searches, fallbacks, hand-offs, the index.

Defined here, framework-free, so that both the web app and the actions count into them without either
importing the other. ``bot/web/middleware/metrics.py`` serves them at ``/metrics``.
"""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

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
