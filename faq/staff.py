"""Staff accounts: argon2 password hashes, console sessions with a CSRF token, API tokens.

Secrets (session cookies, API tokens) are random; only their SHA-256 is stored, so a copy of the
database does not sign anyone in. There is no default account: the first one is made with
``python -m faq staff create NAME --role admin`` (the national administrator). Each account belongs to one
organisation (``--org municipality:172049``; national by default), which decides the entries it may change
(:mod:`faq.content.permissions`).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from faq.content.organisations import NATIONAL, InvalidOrganisation, Organisations
from faq.content.permissions import ADMIN, ROLES, Actor
from faq.content.store import FaqStore
from faq.errors import FaqError
from faq.tables import StaffSessionRow, StaffTokenRow, StaffUserRow

SESSION_HOURS = 8
MIN_PASSWORD_CHARS = 12
# Wrong passwords before each further one makes the account wait: 5 s, then doubling, at most a minute.
# Never a long lock: an attacker who knows a name must not keep staff out on a disaster day (the
# per-address sign-in limit slows the guessing itself).
MAX_FAILED_LOGINS = 5
FIRST_DELAY_SECONDS = 5
MAX_DELAY_SECONDS = 60
_hasher = PasswordHasher()  # argon2id with the library's recommended parameters


@cache
def _dummy_hash() -> str:
    """Verifying against this keeps a sign-in with an unknown name as slow as one with a wrong password.
    Made on first need, not at import (an argon2 hash: 0.15 s and 64 MiB in every process)."""
    return _hasher.hash(secrets.token_urlsafe(16))


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


@dataclass(frozen=True)
class Session:
    user: StaffUser
    csrf_token: str
    expires_at: datetime


def login_delay(failed_logins: int) -> int:
    """Seconds an account waits after its ``failed_logins``-th wrong password in a row.

    >>> [login_delay(n) for n in (4, 5, 6, 7, 9)]
    [0, 5, 10, 20, 60]
    """
    if failed_logins < MAX_FAILED_LOGINS:
        return 0
    return min(FIRST_DELAY_SECONDS * 2 ** (failed_logins - MAX_FAILED_LOGINS), MAX_DELAY_SECONDS)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; everything here is UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment


def _user(row: StaffUserRow) -> StaffUser:
    return StaffUser(row.id, row.username, row.role, row.organisation or NATIONAL)


def _sign_out_everywhere(session, user_id: int) -> None:
    """End every console session and revoke every API token of one account (password change, disable)."""
    session.query(StaffSessionRow).filter(StaffSessionRow.user_id == user_id).delete()
    session.query(StaffTokenRow).filter(
        StaffTokenRow.user_id == user_id, StaffTokenRow.revoked.is_(False)
    ).update({"revoked": True}, synchronize_session=False)


class StaffDirectory:
    """Accounts, sessions and tokens in the FAQ store's database."""

    def __init__(self, store: FaqStore):
        self.store = store

    # -- accounts ---------------------------------------------------------------------------------
    def create(self, username: str, password: str, role: str, organisation: str = NATIONAL) -> StaffUser:
        username = username.strip()
        if not username or len(username) > 64 or not username.isprintable():
            raise StaffError("the user name must be 1-64 printable characters")
        if role not in ROLES:
            raise StaffError(f"role must be one of {', '.join(ROLES)}")
        organisation = self._organisation(organisation, role)
        self._check_password(password)
        with self.store.session() as session, session.begin():
            if session.execute(select(StaffUserRow).where(StaffUserRow.username == username)).first():
                raise StaffError(f"a user named {username!r} exists")
            row = StaffUserRow(
                username=username,
                password_hash=_hasher.hash(password),
                role=role,
                organisation=organisation,
                active=True,
                failed_logins=0,
                created_at=_now(),
            )
            session.add(row)
            session.flush()
            return _user(row)

    def set_organisation(self, username: str, organisation: str) -> StaffUser:
        """Move an account to another organisation (its sessions and tokens end: its rights changed)."""
        with self.store.session() as session, session.begin():
            row = self._row(session, username)
            row.organisation = self._organisation(organisation, row.role)
            _sign_out_everywhere(session, row.id)
            return _user(row)

    def _organisation(self, organisation: str, role: str) -> str:
        """The stored id of an existing (or, for a municipality, valid) organisation; an admin is national."""
        from faq.places.directory import KikumimiDirectory

        try:
            found = Organisations(self.store, KikumimiDirectory.default()).ensure(organisation)
        except InvalidOrganisation as error:
            raise StaffError(str(error)) from error
        if role == ADMIN and found.id != NATIONAL:
            raise StaffError("the admin role (national administrator) belongs to national only")
        return found.id

    def set_password(self, username: str, password: str) -> None:
        self._check_password(password)
        with self.store.session() as session, session.begin():
            row = self._row(session, username)
            row.password_hash = _hasher.hash(password)
            row.failed_logins = 0
            row.locked_until = None
            _sign_out_everywhere(session, row.id)

    def disable(self, username: str) -> None:
        """Refuse the account from now on: its sessions end and its API tokens are revoked."""
        with self.store.session() as session, session.begin():
            row = self._row(session, username)
            row.active = False
            _sign_out_everywhere(session, row.id)

    def enable(self, username: str) -> None:
        """Let a disabled account sign in again (its old tokens stay revoked)."""
        with self.store.session() as session, session.begin():
            self._row(session, username).active = True

    def unlock(self, username: str) -> None:
        """End a sign-in delay at once and forget the wrong passwords counted so far."""
        with self.store.session() as session, session.begin():
            row = self._row(session, username)
            row.failed_logins = 0
            row.locked_until = None

    def users(self) -> list[StaffUser]:
        with self.store.session() as session:
            return [
                _user(r) for r in session.execute(select(StaffUserRow).order_by(StaffUserRow.id)).scalars()
            ]

    def disabled_names(self) -> set[str]:
        with self.store.session() as session:
            return set(
                session.execute(select(StaffUserRow.username).where(StaffUserRow.active.is_(False))).scalars()
            )

    @staticmethod
    def _check_password(password: str) -> None:
        if len(password) < MIN_PASSWORD_CHARS:
            raise StaffError(f"the password must be at least {MIN_PASSWORD_CHARS} characters")

    @staticmethod
    def _row(session, username: str) -> StaffUserRow:
        row = session.execute(
            select(StaffUserRow).where(StaffUserRow.username == username)
        ).scalar_one_or_none()
        if row is None:
            raise StaffError(f"no user named {username!r}")
        return row

    # -- signing in -------------------------------------------------------------------------------
    def authenticate(self, username: str, password: str) -> StaffUser | None:
        """The user, or None for a wrong name or password, an inactive or a locked account.

        From the MAX_FAILED_LOGINS-th wrong password on, the account waits a little longer after each one
        (:func:`login_delay`); a right password ends the wait's count.
        """
        now = _now()
        with self.store.session() as session, session.begin():
            row = session.execute(
                select(StaffUserRow).where(StaffUserRow.username == username.strip())
            ).scalar_one_or_none()
            if row is None or not row.active:
                self._verify(_dummy_hash(), password)
                return None
            locked_until = _aware(row.locked_until)
            if locked_until is not None and locked_until > now:
                self._verify(_dummy_hash(), password)
                return None
            if not self._verify(row.password_hash, password):
                row.failed_logins = (row.failed_logins or 0) + 1
                delay = login_delay(row.failed_logins)
                row.locked_until = now + timedelta(seconds=delay) if delay else None
                return None
            if _hasher.check_needs_rehash(row.password_hash):
                row.password_hash = _hasher.hash(password)
            row.failed_logins = 0
            row.locked_until = None
            row.last_login_at = now
            return _user(row)

    @staticmethod
    def _verify(hashed: str, password: str) -> bool:
        try:
            return _hasher.verify(hashed, password)
        except (VerificationError, InvalidHashError):
            return False

    # -- console sessions -------------------------------------------------------------------------
    def open_session(self, user: StaffUser) -> tuple[str, Session]:
        """A new session: the cookie value (returned once, stored hashed) and the session."""
        secret = secrets.token_urlsafe(32)
        expires = _now() + timedelta(hours=SESSION_HOURS)
        csrf = secrets.token_urlsafe(32)
        with self.store.session() as session, session.begin():
            session.add(
                StaffSessionRow(
                    token_hash=_digest(secret),
                    user_id=user.id,
                    csrf_token=csrf,
                    created_at=_now(),
                    expires_at=expires,
                )
            )
        return secret, Session(user, csrf, expires)

    def session_for(self, secret: str) -> Session | None:
        if not secret:
            return None
        with self.store.session() as session:
            found = session.execute(
                select(StaffSessionRow, StaffUserRow)
                .join(StaffUserRow, StaffUserRow.id == StaffSessionRow.user_id)
                .where(StaffSessionRow.token_hash == _digest(secret))
            ).first()
        if found is None:
            return None
        row, user = found
        expires = _aware(row.expires_at)
        if not user.active or expires is None or expires <= _now():
            return None
        return Session(_user(user), row.csrf_token, expires)

    def close_session(self, secret: str) -> None:
        with self.store.session() as session, session.begin():
            session.query(StaffSessionRow).filter(StaffSessionRow.token_hash == _digest(secret)).delete()

    # -- API tokens (faq/staff_tokens.py) ----------------------------------------------------------
    def issue_token(self, username: str, name: str, lifetime_days: int | None = None) -> str:
        """A new API token for ``username`` (shown once; only its hash is kept)."""
        from faq.staff_tokens import StaffTokens

        return StaffTokens(self.store).issue(username, name, lifetime_days)

    def user_for_token(self, secret: str) -> StaffUser | None:
        from faq.staff_tokens import StaffTokens

        return StaffTokens(self.store).user_for(secret)
