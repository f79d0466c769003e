"""Errors of the FAQ domain. HTTP status codes are chosen in the web routes, not here."""

from __future__ import annotations


class FaqError(Exception):
    """Base of every error this package raises on purpose."""


class CorpusError(FaqError):
    """An entry file is malformed; ``problems`` lists (file, entry id or index, field, reason)."""

    def __init__(self, problems: list[tuple[str, str, str, str]]):
        self.problems = problems
        lines = "; ".join(f"{f} [{e}] {field}: {why}" for f, e, field, why in problems[:10])
        more = f" (+{len(problems) - 10} more)" if len(problems) > 10 else ""
        super().__init__(f"{len(problems)} problem(s) in the FAQ corpus: {lines}{more}")


class FaqNotFound(FaqError):
    """No entry has the requested id."""


class IndexNotReady(FaqError):
    """The search index has not been built, or does not match the corpus or the encoder."""


class IndexMismatch(IndexNotReady):
    """The index on disk was built for another corpus revision, encoder or dictionary."""
