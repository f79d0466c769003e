"""What staff accounts (:mod:`faq.staff`) and their API tokens (:mod:`faq.staff_tokens`) share: the account
as the engine hands it on, the error, an account's row by name, and how secrets and times are kept.

Both import this module and neither reaches into the other: a secret (session cookie, API token) is stored
as its SHA-256 only (:func:`digest`), and every time is UTC (SQLite returns naive ones: :func:`aware`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import select

from faq.content.organisations import NATIONAL
from faq.content.permissions import Actor
from faq.errors import FaqError
from faq.tables import StaffUserRow


class StaffError(FaqError):
    """A staff account operation that cannot be done (weak password, duplicate name...)."""


@dataclass(frozen=True)
class StaffUser:
    id: int
    username: str
    role: str
    organisation: str = NATIONAL

    @property
    def actor(self) -> Actor:
        return Actor(self.username, self.role, self.organisation)


def digest(secret: str) -> str:
    """What the database keeps of a secret: a copy of the database signs no one in."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def aware(moment: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; everything here is UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment


def user_of_row(row: StaffUserRow) -> StaffUser:
    return StaffUser(row.id, row.username, row.role, row.organisation or NATIONAL)


def user_row(session, username: str) -> StaffUserRow:
    """The account's row; :class:`StaffError` for an unknown name."""
    row = session.execute(select(StaffUserRow).where(StaffUserRow.username == username)).scalar_one_or_none()
    if row is None:
        raise StaffError(f"no user named {username!r}")
    return row
