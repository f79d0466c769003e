"""Who is calling the staff console and its API, and what they may do.

Two ways in:
- the console: a session cookie (HttpOnly, SameSite=Strict, Secure unless configured off) set at sign-in;
  every state-changing request must carry the session's CSRF token (form field ``csrf_token`` or header
  ``X-CSRF-Token``); the sign-in form itself, before there is a session, carries the token of a cookie
  its page set (the same field, the same comparison), so another site cannot post it;
- the JSON API: ``Authorization: Bearer gbt_…`` (tokens from ``python -m faq staff token``); no cookie,
  so no CSRF token is needed.

Roles: ``editor`` writes drafts; ``reviewer`` also publishes, retires, rolls back and declares disasters;
``admin`` (the national administrator) does all of it for every organisation. Which entries, memos and
disasters an account may touch follows its organisation (faq/content/permissions.py).
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request, status
from starlette.concurrency import run_in_threadpool

from bot.web.deps import get_faq_service
from bot.web.settings import get_settings
from faq.content.permissions import EDITOR, REVIEWER, ROLE_NAMES, Actor
from faq.staff import SourceDelays, StaffDirectory, StaffUser

SESSION_COOKIE = "govbot_staff"
# The sign-in form's CSRF token before there is a session: its page sets it, the form repeats it.
SIGN_IN_CSRF_COOKIE = "govbot_sign_in"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


@dataclass(frozen=True)
class Staff:
    """The signed-in staff member of a request."""

    user: StaffUser
    via: str  # session | token
    csrf_token: str = ""

    @property
    def actor(self) -> Actor:
        return self.user.actor

    @property
    def is_reviewer(self) -> bool:
        """Reviewer work (publishing, disasters): a reviewer or the national administrator."""
        return self.actor.may_review

    @property
    def role_label(self) -> str:
        return ROLE_NAMES.get(self.user.role, self.user.role)


class SignInRequired(Exception):
    """Raised by console pages; the app answers with a redirect to the sign-in page."""

    def __init__(self, next_path: str):
        self.next_path = next_path


_delays_lock = threading.Lock()


def sign_in_delays(app) -> SourceDelays:
    """The app's one count of wrong passwords per (account, address), made on first need."""
    with _delays_lock:
        delays = getattr(app.state, "sign_in_delays", None)
        if delays is None:
            delays = app.state.sign_in_delays = SourceDelays()
        return delays


def staff_directory(request: Request) -> StaffDirectory:
    return StaffDirectory(get_faq_service(request).store, sign_in_delays(request.app))


def _identify(request: Request) -> Staff | None:
    directory = staff_directory(request)
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        user = directory.user_for_token(header[7:].strip())
        return Staff(user, "token") if user else None
    session = directory.session_for(request.cookies.get(SESSION_COOKIE, ""))
    return Staff(session.user, "session", session.csrf_token) if session else None


def check_csrf_token(sent: str, expected: str) -> None:
    """403 unless ``sent`` is the expected token (compared in constant time): the one CSRF check."""
    if not sent or not expected or not secrets.compare_digest(sent.encode(), expected.encode()):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "CSRF token missing or wrong; reload the page")


def sign_in_csrf_token(request: Request) -> str:
    """The sign-in form's token: the one its cookie holds, or a new one (set by keep_sign_in_csrf)."""
    return request.cookies.get(SIGN_IN_CSRF_COOKIE) or secrets.token_urlsafe(32)


def keep_sign_in_csrf(response, token: str) -> None:
    response.set_cookie(
        SIGN_IN_CSRF_COOKIE,
        token,
        httponly=True,
        secure=cookie_secure(),
        samesite="strict",  # a post from another site does not carry it
        path="/console/login",
    )


def check_sign_in_csrf(request: Request, sent: str) -> None:
    check_csrf_token(sent, request.cookies.get(SIGN_IN_CSRF_COOKIE, ""))


async def _check_csrf(request: Request, staff: Staff) -> None:
    if staff.via != "session" or request.method in SAFE_METHODS:
        return
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        sent = str((await request.form()).get(CSRF_FIELD, ""))
    check_csrf_token(sent, staff.csrf_token)


def _require(role: str, page: bool):
    async def dependency(request: Request) -> Staff:
        staff = await run_in_threadpool(_identify, request)  # a database query: off the event loop
        if staff is None:
            if page:
                raise SignInRequired(request.scope["path"])  # the routed path, not one built from Host
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED,
                "sign in to the console or send Authorization: Bearer <token>",
                headers={"WWW-Authenticate": "Bearer"},
            )
        await _check_csrf(request, staff)
        if role == REVIEWER and not staff.is_reviewer:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "レビュー担当の権限が必要です。")
        return staff

    return dependency


# API routes: 401 without credentials.
editor_api = Depends(_require(EDITOR, page=False))
reviewer_api = Depends(_require(REVIEWER, page=False))
# Console pages: a redirect to the sign-in page without a session.
editor_page = Depends(_require(EDITOR, page=True))
reviewer_page = Depends(_require(REVIEWER, page=True))


def safe_next(path: str) -> str:
    """Only a path inside the console: no open redirect to another site."""
    return path if path.startswith("/console") and "//" not in path and "\\" not in path else "/console/"


def sign_in_url(next_path: str) -> str:
    return f"/console/login?next={quote(safe_next(next_path))}"


def cookie_secure() -> bool:
    return get_settings().cookie_secure
