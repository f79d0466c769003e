"""FAQ engine: Japanese text processing, the entry store, hybrid retrieval and the きくみみ directory.

Framework-free: nothing here imports rasa or fastapi. There is no process-wide service: whoever hosts the
engine (the web app, the CLI, a test) builds one and hands it to what needs it::

    from faq.service import FaqService
    service = FaqService()
    service.warm_up()
    result = service.search("協力隊の任期ってなんねん？", k=3)
    result.outcome, result.hits[0].entry.answer
"""

from __future__ import annotations

from faq.model import FaqEntry, Hit, Outcome, SearchResult, Source

__all__ = ["FaqEntry", "Hit", "Outcome", "SearchResult", "Source"]
