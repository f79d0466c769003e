"""What every console page shares: templates, rendering, flash messages and the sign-in redirect."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from bot.web.auth import SignInRequired, Staff, sign_in_url
from faq.content.staff_messages import field_label
from faq.text.sanitise import html_text

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parent.parent / "templates"))
TOKYO = ZoneInfo("Asia/Tokyo")


def shown_time(moment: datetime | None) -> str:
    """Japan time for staff (SQLite hands stored UTC times back without a zone)."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return f"{moment.astimezone(TOKYO):%Y-%m-%d %H:%M}"


def today_in_japan() -> date:
    """The date in Japan (the server's own clock may run on UTC)."""
    return datetime.now(TOKYO).date()


# Every {{ value }} a page prints: autoescape makes it text; html_text takes out control and bidi characters.
TEMPLATES.env.finalize = html_text
TEMPLATES.env.globals["shown_time"] = shown_time
TEMPLATES.env.globals["item_label"] = field_label
# Outcomes a page may announce after a redirect (?flash=key): fixed texts, never echoed input.
FLASH = {
    "saved": "下書きを保存しました。",
    "submitted": "レビューを依頼しました。",
    "published": "公開しました。検索に反映されています。",
    "retired": "公開を終了しました。",
    "rolled_back": "以前の版に戻して公開しました。",
    "imported": "取り込みました。",
    "declared": "災害モードを有効にしました。",
    "updated": "更新しました。",
    "ended": "災害モードを終了し、記録に移しました。「終了した災害」の一覧から再開できます。",
    "reopened": "災害モードを再開しました。住民への案内が再び表示されています。",
    "undone": "直前に公開していた版に戻しました。",
    "republished": "公開を再開しました。",
    "resolved": "対応済みにしました。",
    "signed_out": "サインアウトしました。",
}


def render(request: Request, template: str, staff: Staff | None, status_code: int = 200, **context: Any):
    """A console page. Jinja2 autoescapes every value, so entry and resident text stays text."""
    flash = FLASH.get(request.query_params.get("flash", ""), "")
    return TEMPLATES.TemplateResponse(
        request,
        f"console/{template}",
        {"staff": staff, "flash": flash, "title": context.pop("title", "職員コンソール"), **context},
        status_code=status_code,
    )


def confirmed(form: Any) -> bool:
    """Whether a dangerous form was sent from its confirmation page (the console has no script)."""
    return str(form.get("confirmed") or "") == "yes"


def confirm_page(
    request: Request,
    staff: Staff,
    *,
    heading: str,
    effects: list[str],
    undo: str,
    action: str,
    confirm_label: str,
    back: str,
    hidden: dict[str, str] | None = None,
    danger: bool = True,
    **context: Any,
):
    """The step between a dangerous button and its effect: what residents will notice, and how to undo it.

    Posting the page's form sends ``confirmed=yes`` with the same fields (``hidden``) to ``action``.
    """
    return render(
        request,
        "confirm.html",
        staff,
        title=heading,
        heading=heading,
        effects=effects,
        undo=undo,
        action=action,
        confirm_label=confirm_label,
        back=back,
        hidden=hidden or {},
        danger=danger,
        **context,
    )


def redirect(path: str, flash: str | None = None) -> RedirectResponse:
    """303 after a POST, so a reload does not send the form again."""
    target = f"{path}{'&' if '?' in path else '?'}flash={flash}" if flash else path
    return RedirectResponse(target, status_code=303)


async def sign_in_redirect(request: Request, exc: Exception) -> RedirectResponse | HTMLResponse:
    assert isinstance(exc, SignInRequired)
    return RedirectResponse(sign_in_url(exc.next_path), status_code=303)
