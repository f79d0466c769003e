"""Signing in and out of the staff console, and its front page."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from bot.web.auth import (
    SESSION_COOKIE,
    Staff,
    check_sign_in_csrf,
    cookie_secure,
    editor_page,
    keep_sign_in_csrf,
    safe_next,
    sign_in_csrf_token,
    staff_directory,
)
from bot.web.console.rendering import redirect, render
from bot.web.deps import get_faq_service
from bot.web.middleware.limits import client_address
from faq.content.staff_messages import VERSION_STATUS_LABELS
from faq.content.versions import EntryVersions
from faq.staff import SESSION_HOURS

logger = logging.getLogger(__name__)
pages = APIRouter(prefix="/console", include_in_schema=False)


def _sign_in_page(request: Request, next_path: str, status_code: int = 200, **context):
    """The sign-in form with its CSRF token (the cookie its post must come back with)."""
    token = sign_in_csrf_token(request)
    response = render(
        request,
        "login.html",
        None,
        status_code=status_code,
        title="サインイン",
        next_path=safe_next(next_path),
        csrf_token=token,
        **context,
    )
    keep_sign_in_csrf(response, token)
    return response


@pages.get("/login")
def login_page(request: Request, next: str = "/console/"):  # noqa: A002 - the query parameter's name
    return _sign_in_page(request, next)


@pages.post("/login")
def login(
    request: Request,
    username: str = Form(..., max_length=64),
    password: str = Form(..., max_length=256),
    next: str = Form("/console/"),  # noqa: A002
    csrf_token: str = Form("", max_length=128),
):
    check_sign_in_csrf(request, csrf_token)  # before any password is checked or counted
    address = client_address(request.scope)
    directory = staff_directory(request)
    user = directory.authenticate(username, password, source=address)
    if user is None:
        logger.warning("console sign-in failed user=%s address=%s", username.strip()[:64], address)
        return _sign_in_page(
            request,
            next,
            status_code=401,
            error="ユーザー名またはパスワードが違います（続けて間違えると、少し待ってからでないとサインインできません）。",
            username=username,
        )
    secret, _ = directory.open_session(user)
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        max_age=SESSION_HOURS * 3600,
        httponly=True,
        secure=cookie_secure(),
        samesite="strict",
        path="/",
    )
    logger.info("console sign-in user=%s role=%s", user.username, user.role)
    return response


@pages.post("/logout")
def logout(request: Request, staff: Staff = editor_page):
    staff_directory(request).close_session(request.cookies.get(SESSION_COOKIE, ""))
    response = redirect("/console/login", "signed_out")
    # Cleared with the flags it was set with, so every browser drops the same cookie.
    response.delete_cookie(SESSION_COOKIE, path="/", secure=cookie_secure(), httponly=True, samesite="strict")
    return response


@pages.get("/")
def dashboard(request: Request, staff: Staff = editor_page):
    counts = EntryVersions(get_faq_service(request).store).counts_by_status()
    service = get_faq_service(request)
    revision = service.index.revision if service.ready else ""
    return render(
        request,
        "dashboard.html",
        staff,
        title="ホーム",
        counts=counts,
        revision=revision,
        index_problem=service.index_problem,
        labels=VERSION_STATUS_LABELS,
    )
