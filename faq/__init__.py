"""FAQ engine: Japanese text processing, the entry store, hybrid retrieval and the きくみみ directory.

Framework-free: nothing here imports rasa or fastapi. The main entry point::

    import faq
    result = faq.search("協力隊の任期ってなんねん？", k=3)
    result.outcome, result.hits[0].entry.answer
"""

from __future__ import annotations

from faq.model import FaqEntry, Hit, Outcome, SearchResult, Source

__all__ = [
    "FaqEntry",
    "Hit",
    "Outcome",
    "SearchResult",
    "Source",
    "default_service",
    "search",
    "set_default_service",
]

_default = None


def default_service():
    """The process-wide :class:`faq.service.FaqService`, warmed up on first use."""
    global _default
    if _default is None:
        from faq.service import FaqService

        service = FaqService()
        service.warm_up()
        _default = service
    return _default


def set_default_service(service) -> None:
    """Make ``service`` the process-wide one (the web app shares its own with the actions)."""
    global _default
    _default = service


def search(query: str, k: int = 5) -> SearchResult:
    """Search the published FAQ entries with the default settings."""
    return default_service().search(query, k)
