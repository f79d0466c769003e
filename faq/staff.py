"""Staff accounts: argon2 password hashes, console sessions with a CSRF token, API tokens.

Secrets (session cookies, API tokens) are random; only their SHA-256 is stored, so a copy of the
database does not sign anyone in. There is no default account: the first one is made with
``python -m faq staff create NAME --role admin`` (the national administrator). Each account belongs to one
organisation (``--org municipality:172049``; national by default), which decides the entries it may change
(:mod:`faq.content.permissions`).
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from faq.content.organisations import NATIONAL, InvalidOrganisation, Organisations
from faq.content.permissions import ADMIN, ROLES
from faq.content.store import FaqStore
from faq.staff_records import StaffError, StaffUser, aware, digest, user_of_row, user_row, utc_now
from faq.staff_tokens import StaffTokens
from faq.tables import StaffSessionRow, StaffTokenRow, StaffUserRow

SESSION_HOURS = 8
MIN_PASSWORD_CHARS = 12
# Wrong passwords in a row from one source (address) before each further one makes that source wait for
# the account: 5 s, then doubling, at most a minute. The wait binds the source that failed, never the
# account: an attacker who knows a name must not keep staff out on a disaster day (issue 23: one wrong
# password a minute kept an account-wide wait armed forever). The per-address sign-in limit slows the
# guessing itself.
MAX_FAILED_LOGINS = 5
FIRST_DELAY_SECONDS = 5
MAX_DELAY_SECONDS = 60
# A source's count of wrong passwords is forgotten this long after its last one.
FORGET_AFTER = timedelta(minutes=15)
_hasher = PasswordHasher()  # argon2id with the library's recommended parameters
# The clock of accounts, sessions and sign-ins (a test replaces faq.staff._now with a fake one).
_now = utc_now


@cache
def _dummy_hash() -> str:
    """Verifying against this keeps a sign-in with an unknown name as slow as one with a wrong password.
    Made on first need, not at import (an argon2 hash: 0.15 s and 64 MiB in every process)."""
    return _hasher.hash(secrets.token_urlsafe(16))


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


class SourceDelays:
    """Wrong passwords in a row per (account, source) and until when that source waits, in memory.

    One per process (the web app holds one; several workers each count their own, the per-address
    sign-in limit is shared). Bounded: the oldest sources are forgotten first, and any after
    :data:`FORGET_AFTER` without a wrong password. A source of ``None`` (a script, a test) is no address:
    it waits while any source of the account does, as the account's stored ``locked_until`` says.
    """

    def __init__(self, capacity: int = 10_000):
        self.capacity = capacity
        self._sources: OrderedDict[tuple[int, str], tuple[int, datetime]] = OrderedDict()
        self._lock = threading.Lock()

    def waiting(self, user_id: int, source: str | None, now: datetime) -> bool:
        """Whether ``source`` must wait (the caller has checked that some source of the account does)."""
        if source is None:
            return True
        with self._lock:
            found = self._sources.get((user_id, source))
        return found is not None and found[1] + timedelta(seconds=login_delay(found[0])) > now

    def failed(
        self, user_id: int, source: str | None, now: datetime, account_failures: int, reset: bool
    ) -> int:
        """Count a wrong password from ``source``; the seconds it now waits. ``reset``: the account's
        waits were ended (a right password, ``staff unlock``) since, so an old run of failures is over."""
        if source is None:
            return login_delay(account_failures)
        key = (user_id, source)
        with self._lock:
            count, last = self._sources.pop(key, (0, now))
            if now - last > FORGET_AFTER or (reset and count >= MAX_FAILED_LOGINS):
                count = 0
            self._sources[key] = (count + 1, now)
            while len(self._sources) > self.capacity:
                self._sources.popitem(last=False)
        return login_delay(count + 1)

    def forget(self, user_id: int, source: str | None = None) -> None:
        """A right password from ``source`` (or, without one, an unlock): its count starts again."""
        with self._lock:
            for key in [k for k in self._sources if k[0] == user_id and source in (None, k[1])]:
                del self._sources[key]


def _sign_out_everywhere(session, user_id: int) -> None:
    """End every console session and revoke every API token of one account (password change, disable)."""
    session.query(StaffSessionRow).filter(StaffSessionRow.user_id == user_id).delete()
    session.query(StaffTokenRow).filter(
        StaffTokenRow.user_id == user_id, StaffTokenRow.revoked.is_(False)
    ).update({"revoked": True}, synchronize_session=False)


class StaffDirectory:
    """Accounts, sessions and tokens in the FAQ store's database."""

    def __init__(
        self,
        store: FaqStore,
        delays: SourceDelays | None = None,
        clock: Callable[[], datetime] | None = None,
    ):
        self.store = store
        self.delays = delays if delays is not None else SourceDelays()
        self.clock = clock or _now

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
            return user_of_row(row)

    def set_organisation(self, username: str, organisation: str) -> StaffUser:
        """Move an account to another organisation (its sessions and tokens end: its rights changed)."""
        with self.store.session() as session, session.begin():
            row = user_row(session, username)
            row.organisation = self._organisation(organisation, row.role)
            _sign_out_everywhere(session, row.id)
            return user_of_row(row)

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
            row = user_row(session, username)
            row.password_hash = _hasher.hash(password)
            row.failed_logins = 0
            row.locked_until = None
            _sign_out_everywhere(session, row.id)

    def disable(self, username: str) -> None:
        """Refuse the account from now on: its sessions end and its API tokens are revoked."""
        with self.store.session() as session, session.begin():
            row = user_row(session, username)
            row.active = False
            _sign_out_everywhere(session, row.id)

    def enable(self, username: str) -> None:
        """Let a disabled account sign in again (its old tokens stay revoked)."""
        with self.store.session() as session, session.begin():
            user_row(session, username).active = True

    def unlock(self, username: str) -> None:
        """End every sign-in wait of the account at once (in every process: the stored ``locked_until``
        goes) and forget the wrong passwords counted so far."""
        with self.store.session() as session, session.begin():
            row = user_row(session, username)
            row.failed_logins = 0
            row.locked_until = None
            self.delays.forget(row.id)

    def users(self) -> list[StaffUser]:
        with self.store.session() as session:
            return [
                user_of_row(r)
                for r in session.execute(select(StaffUserRow).order_by(StaffUserRow.id)).scalars()
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

    # -- signing in -------------------------------------------------------------------------------
    def authenticate(self, username: str, password: str, source: str | None = None) -> StaffUser | None:
        """The user, or None for a wrong name or password, an inactive account or a waiting source.

        ``source`` is where the password came from (the client's address). From its MAX_FAILED_LOGINS-th
        wrong password in a row, that source waits a little longer after each one (:func:`login_delay`)
        before the account takes a password from it again; a password from another source is checked as
        usual, so whoever guesses cannot keep the account's owner out. While a source waits its
        passwords are not checked and not counted (they neither extend the wait nor guess). The
        account's ``locked_until`` is the latest wait of any of its sources: ``staff unlock`` clearing it
        ends every wait. A right password ends the waits' count.
        """
        now = self.clock()
        with self.store.session() as session, session.begin():
            row = session.execute(
                select(StaffUserRow).where(StaffUserRow.username == username.strip())
            ).scalar_one_or_none()
            if row is None or not row.active:
                self._verify(_dummy_hash(), password)
                return None
            locked_until = aware(row.locked_until)
            if locked_until is not None and locked_until > now and self.delays.waiting(row.id, source, now):
                self._verify(_dummy_hash(), password)
                return None
            if not self._verify(row.password_hash, password):
                row.failed_logins = (row.failed_logins or 0) + 1
                delay = self.delays.failed(row.id, source, now, row.failed_logins, reset=locked_until is None)
                if delay:
                    until = now + timedelta(seconds=delay)
                    row.locked_until = until if locked_until is None else max(until, locked_until)
                return None
            if _hasher.check_needs_rehash(row.password_hash):
                row.password_hash = _hasher.hash(password)
            row.failed_logins = 0
            row.locked_until = None
            row.last_login_at = now
            self.delays.forget(row.id, source)
            return user_of_row(row)

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
                    token_hash=digest(secret),
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
                .where(StaffSessionRow.token_hash == digest(secret))
            ).first()
        if found is None:
            return None
        row, user = found
        expires = aware(row.expires_at)
        if not user.active or expires is None or expires <= _now():
            return None
        return Session(user_of_row(user), row.csrf_token, expires)

    def close_session(self, secret: str) -> None:
        with self.store.session() as session, session.begin():
            session.query(StaffSessionRow).filter(StaffSessionRow.token_hash == digest(secret)).delete()

    # -- API tokens (faq/staff_tokens.py) ----------------------------------------------------------
    def issue_token(self, username: str, name: str, lifetime_days: int | None = None) -> str:
        """A new API token for ``username`` (shown once; only its hash is kept)."""
        return StaffTokens(self.store).issue(username, name, lifetime_days)

    def user_for_token(self, secret: str) -> StaffUser | None:
        return StaffTokens(self.store).user_for(secret)
