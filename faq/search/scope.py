"""Who may see an entry: the one place that keeps a municipality's own entries to its own residents.

National entries (owner ``national``) and those of other national-level owners (a きくみみ centre) are seen by
everyone. An entry owned by ``municipality:<code>`` is seen only in a conversation whose municipality is that
code — the page's ``metadata.municipality`` or the one municipality the resident named. Every ranking,
candidate list, category list and entry shown by id goes through :func:`visible_to` or :func:`visibility`,
so a caller that passes no municipality sees national entries only: the safe default.

>>> from faq.model import FaqEntry
>>> visible_to(FaqEntry.__new__(FaqEntry), None)            # doctest: +SKIP
True
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from faq.model import FaqEntry

MUNICIPALITY_PREFIX = "municipality:"


def owning_municipality(owner: str) -> str | None:
    """The 6-digit code of a municipality owner (``municipality:172049`` → 172049), else None."""
    return owner[len(MUNICIPALITY_PREFIX) :] if owner.startswith(MUNICIPALITY_PREFIX) else None


def visible_to(entry: FaqEntry, municipality: str | None) -> bool:
    """Whether a conversation in ``municipality`` (6-digit code, or None) may be shown ``entry``."""
    code = owning_municipality(entry.owner or "national")
    return code is None or (municipality is not None and code == municipality)


def visibility(entries: Sequence[FaqEntry], municipality: str | None) -> np.ndarray | None:
    """A 0/1 mask over ``entries`` for ``municipality``; None when every entry is visible (nothing to do)."""
    mask = np.fromiter((visible_to(e, municipality) for e in entries), dtype=np.float32, count=len(entries))
    return None if bool(mask.all()) else mask
