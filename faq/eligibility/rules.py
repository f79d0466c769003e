"""The rules the sources state, as data: ``faq/data/rules/*.yml``, read once per process.

Each rule says which kind of condition it is (a moment on the 任期's timeline, years of service, per-month
minimums, a move of the 住民票), its numbers, the rule text residents read, its seed ref, the entries it
decides, and how a question about it sounds (``asks``: patterns; ``names``: the scheme's own names, which
residents sometimes type with one character wrong — 企業派遺型). The files seed the table; staff change a
number or a text in the console, reviewed like the entries (:mod:`faq.content.rule_versions`), and the
published table replaces the files' through :func:`use_published` (at start-up and after each publish).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

RULES_DIR = Path(__file__).resolve().parent.parent / "data" / "rules"
KINDS = ("window", "term", "at_least", "moves")
_FIELDS = frozenset({"id", "title", "entries", "kind", "rule", "ref"})


class RuleError(ValueError):
    """A rules file that cannot be used: a missing field, an unknown kind, a pattern that does not compile."""


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    entries: tuple[str, ...]
    kind: str
    rule: str
    ref: str
    params: dict[str, Any]

    def asked(self, folded: str) -> bool:
        """Whether ``folded`` (NFKC) asks about this rule: one of its patterns, or one of its names with at
        most one character wrong (企業派遺型 for 企業派遣型)."""
        return bool(self._asks().search(folded))

    def named(self, folded: str) -> bool:
        """Whether ``folded`` names the rule's scheme (副業型, 企業派遣型), one character wrong at most."""
        return bool(_asks(self.id, (), tuple(self.params.get("names", ()))).search(folded))

    def _asks(self) -> re.Pattern[str]:
        return _asks(self.id, tuple(self.params.get("asks", ())), tuple(self.params.get("names", ())))


@lru_cache(maxsize=64)
def _asks(rule_id: str, patterns: tuple[str, ...], names: tuple[str, ...]) -> re.Pattern[str]:
    typos = [
        re.escape(name[:i]) + f"[^{re.escape(name[i])}]" + re.escape(name[i + 1 :])
        for name in names
        if len(name) >= 4
        for i in range(1, len(name) - 1)  # the first and last characters are kept: 業派遣型 alone is no name
    ]
    alternatives = [*patterns, *(re.escape(n) for n in names), *typos]
    try:
        return re.compile("|".join(f"(?:{a})" for a in alternatives) or r"(?!)")
    except re.error as exc:
        raise RuleError(f"rule {rule_id!r}: a pattern of 'asks' does not compile ({exc})") from exc


def parse_rule(record: dict[str, Any], origin: str) -> Rule:
    """One rule of the table; :class:`RuleError` naming ``origin`` when it cannot be used."""
    try:
        kind = str(record["kind"])
        rule = Rule(
            id=str(record["id"]),
            title=str(record["title"]),
            entries=tuple(str(e) for e in record["entries"]),
            kind=kind,
            rule=str(record["rule"]),
            ref=str(record["ref"]),
            params={k: v for k, v in record.items() if k not in _FIELDS},
        )
    except (KeyError, TypeError) as exc:
        raise RuleError(f"{origin}: a rule needs id, title, entries, kind, rule and ref ({exc})") from exc
    if kind not in KINDS:
        raise RuleError(f"{origin}: rule {rule.id!r} has kind {kind!r}; known kinds: {', '.join(KINDS)}")
    rule.asked("")  # a pattern that does not compile is refused when the file is read, not in a turn
    return rule


_published: tuple[Rule, ...] | None = None  # the table as staff last published it, once it is known


@lru_cache(maxsize=1)
def rules(folder: Path = RULES_DIR) -> tuple[Rule, ...]:
    """Every rule, in the table's order (the order in which a message's question is matched to a rule):
    the published table once :func:`use_published` has been given it, else the shipped files. Read once;
    again after each :func:`use_published`."""
    if _published is not None and folder == RULES_DIR:
        return _published
    loaded: list[Rule] = []
    for path in sorted(folder.glob("*.yml")):
        loaded += [parse_rule(r, path.name) for r, _ in file_records(path)]
    return tuple(loaded)


def file_records(path: Path) -> list[tuple[dict[str, Any], str]]:
    """The mappings of one rules file with where each comes from (``kyoryokutai.yml``), in order."""
    records = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise RuleError(f"{path.name}: a list of rules is expected")
    return [(r, path.name) for r in records]


def use_published(records: list[dict[str, Any]] | None) -> tuple[Rule, ...]:
    """Make ``records`` (the published table, in order) the rules every verdict reads; ``None`` goes back
    to the shipped files. Every record is checked first: a table that does not parse raises
    :class:`RuleError` and the rules in use stay."""
    global _published
    parsed = None if records is None else tuple(parse_rule(r, "published table") for r in records)
    _published = parsed
    rules.cache_clear()
    return rules()


def rules_for_entry(entry_id: str) -> list[Rule]:
    return [r for r in rules() if entry_id in r.entries]
