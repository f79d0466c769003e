"""API tokens of staff accounts: issue with a lifetime, list, revoke, check.

A token is ``gbt_`` + 32 random bytes; only its SHA-256 is stored. Each has an expiry
(``GOVBOT_TOKEN_LIFETIME_DAYS``, 90 by default; 0 = none). Checking a token only reads the database:
its last-used time is written at most once every few minutes and only if the database takes it, so a
read-only or busy database never turns a valid token away.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from faq.content.store import FaqStore
from faq.settings import get_settings
from faq.staff_records import StaffError, StaffUser, aware, digest, user_of_row, user_row, utc_now
from faq.tables import StaffTokenRow, StaffUserRow

logger = logging.getLogger(__name__)

TOKEN_PREFIX = "gbt_"
# A token used again within this time does not write its last-used time again.
LAST_USED_GRANULARITY = timedelta(minutes=5)


@dataclass(frozen=True)
class TokenInfo:
    """What staff see of a token: never the secret."""

    id: int
    username: str
    name: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked: bool

    def state(self, now: datetime) -> str:
        if self.revoked:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= now:
            return "expired"
        return "active"


class StaffTokens:
    """The API tokens in the FAQ store's database."""

    def __init__(self, store: FaqStore):
        self.store = store

    def issue(self, username: str, name: str, lifetime_days: int | None = None) -> str:
        """A new token for ``username``, shown once. ``lifetime_days`` None: the configured default."""
        import secrets

        days = get_settings().token_lifetime_days if lifetime_days is None else lifetime_days
        if days < 0:
            raise StaffError(f"a token lifetime cannot be negative: {days!r}")
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        now = utc_now()
        with self.store.session() as session, session.begin():
            row = user_row(session, username)
            session.add(
                StaffTokenRow(
                    token_hash=digest(secret),
                    user_id=row.id,
                    name=name[:100],
                    created_at=now,
                    expires_at=now + timedelta(days=days) if days else None,
                    revoked=False,
                )
            )
        return secret

    def list(self, username: str | None = None) -> list[TokenInfo]:
        """Every token (or one account's), oldest first."""
        query = select(StaffTokenRow, StaffUserRow.username).join(
            StaffUserRow, StaffUserRow.id == StaffTokenRow.user_id
        )
        if username is not None:
            query = query.where(StaffUserRow.username == username)
        with self.store.session() as session:
            if username is not None:
                user_row(session, username)  # an unknown name is an error, not an empty list
            rows = session.execute(query.order_by(StaffTokenRow.id)).all()
        return [
            TokenInfo(
                token.id,
                name,
                token.name,
                aware(token.created_at),  # type: ignore[arg-type]
                aware(token.expires_at),
                aware(token.last_used_at),
                bool(token.revoked),
            )
            for token, name in rows
        ]

    def revoke(self, token_id: int) -> None:
        with self.store.session() as session, session.begin():
            row = session.get(StaffTokenRow, token_id)
            if row is None:
                raise StaffError(f"no token with id {token_id!r}")
            row.revoked = True

    def revoke_secret(self, secret: str) -> None:
        with self.store.session() as session, session.begin():
            session.query(StaffTokenRow).filter(StaffTokenRow.token_hash == digest(secret)).update(
                {"revoked": True}
            )

    def user_for(self, secret: str) -> StaffUser | None:
        """The account of a valid token; None for an unknown, revoked or expired one, or a disabled account.

        Only reads: the last-used time is written best-effort (:meth:`_touch`).
        """
        if not secret:
            return None
        now = utc_now()
        with self.store.session() as session:
            found = session.execute(
                select(StaffTokenRow, StaffUserRow)
                .join(StaffUserRow, StaffUserRow.id == StaffTokenRow.user_id)
                .where(StaffTokenRow.token_hash == digest(secret))
            ).first()
            if found is None:
                return None
            token, user = found
            expires_at = aware(token.expires_at)
            if token.revoked or not user.active or (expires_at is not None and expires_at <= now):
                return None
            last_used = aware(token.last_used_at)
            token_id, staff_user = token.id, user_of_row(user)
        if last_used is None or now - last_used >= LAST_USED_GRANULARITY:
            self._touch(token_id, now)
        return staff_user

    def _touch(self, token_id: int, now: datetime) -> None:
        try:
            with self.store.session() as session, session.begin():
                session.query(StaffTokenRow).filter(StaffTokenRow.id == token_id).update(
                    {"last_used_at": now}, synchronize_session=False
                )
        except SQLAlchemyError as error:  # the check succeeded; only the bookkeeping failed
            logger.warning("token %s: last-used time not saved (%s)", token_id, type(error).__name__)
