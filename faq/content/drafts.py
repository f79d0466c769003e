"""Writing entries: the rules a staff draft must pass, from the console's form or the staff API alike.

The console page and the API both call these functions, so an entry is checked and created the same way
whichever way staff write it:

>>> create_entry(EntryVersions(store), fields, "kikumimi-hours", today, actor, "新規作成")
... # EntryProblems listing every broken rule, or EntryExists if the id is taken
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from faq.content.corpus import nested_record, parse_entry
from faq.content.organisations import NATIONAL, InvalidOrganisation, Organisations, parse_org_id
from faq.content.permissions import owner_for_edit, owner_for_new
from faq.content.staff_messages import field_label, reason_in_japanese
from faq.content.versions import Actor, EntryVersion, EntryVersions
from faq.errors import FaqError, FaqNotFound
from faq.model import FaqEntry

# Ids the console's own addresses use: /console/entries/new, /api/staff/entries/export|import.
RESERVED_IDS = frozenset({"new", "export", "import"})


class EntryProblems(FaqError):
    """A draft that breaks the corpus's rules; ``problems`` lists every one, as staff and the API read them.

    Each problem is ``{"field": name, "item": Japanese label, "reason": Japanese reason}``.
    """

    def __init__(self, problems: list[dict[str, str]]):
        super().__init__(f"{len(problems)} problem(s) in the entry")
        self.problems = problems


class EntryExists(FaqError):
    """A new entry whose id an existing entry already has."""

    def __init__(self, entry_id: str):
        super().__init__(entry_id)
        self.entry_id = entry_id


def problem(field: str, reason: str) -> dict[str, str]:
    """A problem as the API names it (``field``) and as staff read it (``item``, ``reason`` in Japanese)."""
    return {"field": field, "item": field_label(field), "reason": reason_in_japanese(reason)}


def lines(value: Any) -> list[str]:
    """A list as typed: one item a line in a text area, or a JSON list; blanks dropped."""
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [line.strip() for line in str(value or "").splitlines() if line.strip()]


def entry_from_fields(fields: dict[str, Any], entry_id: str, today: date) -> FaqEntry:
    """Validate submitted fields with the corpus's own rules; raises :class:`EntryProblems` listing them
    all. A missing last-checked date is ``today`` (the caller's day in Japan)."""
    raw = nested_record(
        {
            **fields,
            "id": entry_id,
            "alternates": lines(fields.get("alternates")),
            "audience": fields.get("audience") or [],
            "last_checked": fields.get("last_checked") or today.isoformat(),
            "status": "draft",
        }
    )
    entry, problems = parse_entry(raw, "form", entry_id or "-")
    if entry_id in RESERVED_IDS:
        problems.append(("form", entry_id, "id", f"{entry_id!r} is reserved by the console's addresses"))
        entry = None
    if entry is None:
        raise EntryProblems([problem(field, reason) for _, _, field, reason in problems])
    return entry


def create_entry(
    versions: EntryVersions, fields: dict[str, Any], entry_id: str, today: date, actor: Actor, reason: str
) -> EntryVersion:
    """A new entry from submitted fields, saved as its first draft: :class:`EntryProblems` when the fields
    break the rules, :class:`EntryExists` when an entry has the id already."""
    entry = entry_from_fields(fields, entry_id, today)
    try:
        versions.working(entry.id)
    except FaqNotFound:
        owner = owner_for_new(actor, _requested_owner(versions, fields))
        _record_owner(versions, owner)
        return versions.save_draft(replace(entry, owner=owner), actor, reason)
    raise EntryExists(entry.id)


def edit_entry(
    versions: EntryVersions, fields: dict[str, Any], entry_id: str, today: date, actor: Actor, reason: str
) -> EntryVersion:
    """A new draft version of an existing entry: :class:`FaqNotFound` when there is none (checked first),
    :class:`EntryProblems` when the fields break the rules. The live version keeps answering until the
    draft is published."""
    current = versions.working(entry_id).entry.owner
    owner = owner_for_edit(actor, current, _requested_owner(versions, fields))
    _record_owner(versions, owner)
    entry = replace(entry_from_fields(fields, entry_id, today), owner=owner)
    return versions.save_draft(entry, actor, reason)


def _requested_owner(versions: EntryVersions, fields: dict[str, Any]) -> str | None:
    """The owner a form or API call asks for (only the national admin may give one), in its stored form:
    an organisation that exists or a municipality the gazetteer knows. A malformed or unknown one is a
    problem of the 担当組織 field. Nothing is written here: a refused request creates no organisation."""
    requested = str(fields.get("owner") or "").strip()
    if not requested:
        return None
    try:
        parsed = parse_org_id(requested)
        if parsed.id == NATIONAL:
            return parsed.id
        organisations = _organisations(versions)
        if organisations.get(parsed.id) is None and organisations.place_of(parsed.id) is None:
            raise InvalidOrganisation(f"no 市区町村 has the 団体コード {parsed.key}")
        return parsed.id
    except InvalidOrganisation as error:
        raise EntryProblems([problem("owner", str(error))]) from error


def _organisations(versions: EntryVersions) -> Organisations:
    from faq.places.directory import KikumimiDirectory  # the gazetteer, only when an owner is named

    return Organisations(versions.store, KikumimiDirectory.default())


def _record_owner(versions: EntryVersions, owner: str) -> None:
    """After the permission check: a municipality's organisation row is created on its first entry."""
    if owner != NATIONAL:
        _organisations(versions).ensure(owner)
