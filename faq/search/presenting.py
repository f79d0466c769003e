"""The public JSON shape of search results, shared by the CLI and the web API."""

from __future__ import annotations

from faq.model import SearchResult


def search_payload(result: SearchResult) -> dict:
    """``{"results": [{"id","question","answer","category","score","source"}], ...}``."""
    return {
        "query": result.query,
        "outcome": result.outcome.value,
        "confidence": round(result.confidence, 4),
        "revision": result.revision,
        "not_covered": [fact.label for fact in result.uncovered],
        "results": [
            {
                "id": hit.entry.id,
                "question": hit.entry.question,
                "answer": hit.entry.answer,
                "category": hit.entry.category,
                "score": round(hit.score, 4),
                "source": {
                    "document": hit.entry.source.document,
                    "section": hit.entry.source.section,
                    "ref": hit.entry.source.ref,
                    "last_checked": hit.entry.last_checked.isoformat(),
                },
            }
            for hit in result.hits
        ],
    }
