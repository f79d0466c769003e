"""Organisations: who owns an entry, who a staff account works for, which centre a 相談メモ goes to.

An organisation has a stable string id, a kind and a display name:

- ``national`` — 総務省, which publishes the national answers; its administrators see everything;
- ``centre:<n>`` — a 行政相談センター「きくみみ」, ``n`` being ``number`` in ``faq/data/kikumimi.yml``;
- ``municipality:<code>`` — a 市区町村 by its 6-digit 全国地方公共団体コード (JIS X 0402, with the check
  digit), named from the gazetteer and created on first use.

>>> parse_org_id("municipality:17204")
OrgId(kind=<OrganisationKind.MUNICIPALITY: 'municipality'>, key='172049')
>>> parse_org_id("centre:7").id
'centre:7'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Union

from faq.errors import FaqError
from faq.model import TextEnum
from faq.places.codes import check_digit

# The corpus reads owners with parse_org_id: importing it must not load the database layer or the places
# system (the analyzer); the registry imports them when it is used.
if TYPE_CHECKING:
    from faq.content.store import FaqStore
    from faq.places.directory import KikumimiDirectory
    from faq.places.gazetteer import Municipality
    from faq.places.resolver import Place, Resolution

NATIONAL = "national"
NATIONAL_NAME = "総務省"
CENTRE_COUNT = 50  # the directory holds 50 centres, numbered 1-50 (KikumimiDirectory checks the count)


class OrganisationKind(TextEnum):
    """What an organisation is; stored as the plain value."""

    NATIONAL = "national"
    CENTRE = "centre"
    MUNICIPALITY = "municipality"


class InvalidOrganisation(FaqError, ValueError):
    """An organisation id that is malformed, or names nothing (no such centre or 市区町村)."""


@dataclass(frozen=True, slots=True)
class OrgId:
    """A parsed organisation id: its kind and, for a centre or municipality, its number or 6-digit code."""

    kind: OrganisationKind
    key: str = ""

    @property
    def id(self) -> str:
        return NATIONAL if self.kind == OrganisationKind.NATIONAL else f"{self.kind.value}:{self.key}"


@dataclass(frozen=True, slots=True)
class Organisation:
    id: str
    kind: OrganisationKind
    name: str


def six_digit_code(code: str) -> str:
    """``code`` (5 or 6 digits) with its check digit; raises InvalidOrganisation on a wrong one."""
    if not re.fullmatch(r"\d{5,6}", code):
        raise InvalidOrganisation(f"a 団体コード has 5 or 6 digits, got {code!r}")
    full = code[:5] + check_digit(code[:5])
    if len(code) == 6 and code != full:
        raise InvalidOrganisation(f"{code!r} has a wrong check digit (expected {full})")
    return full


def parse_org_id(value: str) -> OrgId:
    """Read ``national``, ``centre:<1-50>`` or ``municipality:<5 or 6 digits>`` (stored with 6 digits).

    Only the form is checked here; :meth:`Organisations.ensure` also checks the 市区町村 exists.
    """
    text = str(value or "").strip()
    if text == NATIONAL:
        return OrgId(OrganisationKind.NATIONAL)
    kind, _, key = text.partition(":")
    if kind == OrganisationKind.CENTRE and key.isdigit() and 1 <= int(key) <= CENTRE_COUNT:
        return OrgId(OrganisationKind.CENTRE, str(int(key)))
    if kind == OrganisationKind.MUNICIPALITY and key:
        return OrgId(OrganisationKind.MUNICIPALITY, six_digit_code(key))
    raise InvalidOrganisation(
        f"{text!r} is not an organisation (national, centre:1-{CENTRE_COUNT} or municipality:<団体コード>)"
    )


def centre_id(number: int) -> str:
    return f"{OrganisationKind.CENTRE.value}:{number}"


def municipality_id(code: str) -> str:
    """The organisation of a municipality (``172049`` → ``municipality:172049``): it owns that town's own
    entries and local supplements."""
    return f"{OrganisationKind.MUNICIPALITY.value}:{code}"


# The form parse_org_id reads, for request schemas (the check digit and the gazetteer are checked after).
ORG_ID_PATTERN = r"^(national|centre:[0-9]{1,2}|municipality:[0-9]{5,6})$"


Where = Union["Resolution", "Place", "Municipality", str, None]


class Organisations:
    """The organisations in the FAQ database: list, name, create municipalities on demand, find a centre.

    >>> orgs = Organisations(store, KikumimiDirectory.default())          # doctest: +SKIP
    >>> orgs.ensure("municipality:172049").name                           # doctest: +SKIP
    '石川県輪島市'
    """

    def __init__(self, store: FaqStore, directory: KikumimiDirectory):
        self.store = store
        self.directory = directory

    def all(self, kind: OrganisationKind | None = None) -> list[Organisation]:
        from sqlalchemy import select

        from faq.tables import OrganisationRow

        with self.store.session() as session:
            query = select(OrganisationRow).order_by(OrganisationRow.kind, OrganisationRow.id)
            if kind is not None:
                query = query.where(OrganisationRow.kind == kind.value)
            return [_organisation(r) for r in session.execute(query).scalars()]

    def get(self, org_id: str) -> Organisation | None:
        """The stored organisation, or None when it is not (yet) in the table."""
        from faq.tables import OrganisationRow

        with self.store.session() as session:
            row = session.get(OrganisationRow, parse_org_id(org_id).id)
            return _organisation(row) if row is not None else None

    def name_of(self, org_id: str) -> str:
        """The display name; the id itself for one not in the table, so a page never breaks."""
        try:
            found = self.get(org_id)
        except InvalidOrganisation:
            return str(org_id)
        return found.name if found else str(org_id)

    def ensure(self, org_id: str) -> Organisation:
        """The organisation, creating a municipality's on first use (validated against the gazetteer).

        Raises InvalidOrganisation for a malformed id, an unknown 団体コード or a centre not in the table.
        """
        parsed = parse_org_id(org_id)
        found = self.get(parsed.id)
        if found is not None:
            return found
        if parsed.kind != OrganisationKind.MUNICIPALITY:
            raise InvalidOrganisation(f"{parsed.id!r} is not in the organisations table (run the migrations)")
        place = self.directory.place_of(parsed.key)
        if place is None or place.municipality is None:
            raise InvalidOrganisation(f"no 市区町村 has the 団体コード {parsed.key}")
        organisation = Organisation(parsed.id, parsed.kind, place.municipality.label)
        from faq.tables import OrganisationRow

        with self.store.session() as session, session.begin():
            if session.get(OrganisationRow, parsed.id) is None:
                session.add(
                    OrganisationRow(
                        id=parsed.id,
                        kind=parsed.kind.value,
                        name=organisation.name,
                        created_at=datetime.now(timezone.utc),
                    )
                )
        return organisation

    def place_of(self, org_id: str) -> Place | None:
        """The place a municipality organisation stands for (None for national or a centre)."""
        parsed = parse_org_id(org_id)
        if parsed.kind != OrganisationKind.MUNICIPALITY:
            return None
        return self.directory.place_of(parsed.key)

    def centre_for(self, where: Where) -> Organisation | None:
        """The きくみみ centre organisation serving a place: a resolver's resolution, a place, a municipality,
        a 団体コード or ``municipality:`` id. None when the place is not settled (no place, or a shared name).

        The choice is the directory's (:meth:`KikumimiDirectory.for_place`), the one the resident is shown.
        """
        place = _place(self.directory, where)
        if place is None:
            return None
        centre = self.directory.for_place(place)
        return Organisation(centre_id(centre.number), OrganisationKind.CENTRE, centre.name)


def _place(directory: KikumimiDirectory, where: Where) -> Place | None:
    from faq.places.gazetteer import Municipality
    from faq.places.resolver import Place, Resolution

    if where is None or isinstance(where, Place):
        return where
    if isinstance(where, Resolution):
        return where.place
    if isinstance(where, Municipality):
        return Place(where.prefecture, where.hokkaido_area, where)
    text = where.removeprefix(f"{OrganisationKind.MUNICIPALITY.value}:")
    return directory.place_of(text) if text.strip() else None


def _organisation(row) -> Organisation:
    return Organisation(row.id, OrganisationKind(row.kind), row.name)
