"""What changed between two versions of an entry: the unified diff of the staff API and the console's
side-by-side view with the changed characters marked."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from faq.content.versions import EntryVersion
from faq.model import FaqEntry


def render(entry: FaqEntry) -> list[str]:
    """An entry as lines of text, for diffs."""
    return [
        f"カテゴリ: {entry.category}",
        f"質問: {entry.question}",
        *[f"言い換え: {a}" for a in entry.alternates],
        "回答:",
        *entry.answer.splitlines(),
        f"対象: {'、'.join(entry.audience)}",
        f"出典: {entry.source.document} / {entry.source.section} / {entry.source.ref}",
        f"最終確認日: {entry.last_checked.isoformat()}",
    ]


Segment = tuple[str, bool]  # a piece of a line and whether it changed


@dataclass(frozen=True)
class DiffRow:
    """One row of a side-by-side diff: ``kind`` is same | changed | added | removed."""

    kind: str
    old: tuple[Segment, ...]
    new: tuple[Segment, ...]


def side_by_side(old: FaqEntry, new: FaqEntry) -> list[DiffRow]:
    """The two versions' lines next to each other, with the changed characters marked.

    >>> [r.kind for r in side_by_side(a, b)]          # doctest: +SKIP
    ['same', 'changed', ...]
    """
    left, right = render(old), render(new)
    rows: list[DiffRow] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, left, right, autojunk=False).get_opcodes():
        if tag == "equal":
            rows.extend(DiffRow("same", ((line, False),), ((line, False),)) for line in left[i1:i2])
            continue
        olds, news = left[i1:i2], right[j1:j2]
        for index in range(max(len(olds), len(news))):
            a = olds[index] if index < len(olds) else None
            b = news[index] if index < len(news) else None
            if a is not None and b is not None:
                rows.append(DiffRow("changed", *_marked(a, b)))
            elif a is not None:
                rows.append(DiffRow("removed", ((a, True),), ()))
            else:
                rows.append(DiffRow("added", (), ((b or "", True),)))
    return rows


def _marked(a: str, b: str) -> tuple[tuple[Segment, ...], tuple[Segment, ...]]:
    """Both lines cut into unchanged and changed pieces, character by character."""
    old: list[Segment] = []
    new: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if a[i1:i2]:
            old.append((a[i1:i2], tag != "equal"))
        if b[j1:j2]:
            new.append((b[j1:j2], tag != "equal"))
    return tuple(old), tuple(new)


def diff(old: EntryVersion, new: EntryVersion) -> list[str]:
    """Unified diff of two versions' content."""
    return list(
        difflib.unified_diff(
            render(old.entry), render(new.entry), f"v{old.number}", f"v{new.number}", lineterm="", n=2
        )
    )
