"""`python -m faq staff ...`: staff accounts, their sign-in delays and their API tokens."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from datetime import datetime

import typer

staff_app = typer.Typer(
    help="Staff accounts of the console (there is no default account).", no_args_is_help=True
)


def _staff_directory():
    from faq.service import FaqService
    from faq.staff import StaffDirectory

    service = FaqService()
    service.store.migrate()
    return StaffDirectory(service.store)


@contextmanager
def _staff_errors():
    """A refused staff operation ends the command with its reason and exit status 1."""
    from faq.staff import StaffError

    try:
        yield
    except StaffError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return typer.prompt("password", hide_input=True, confirmation_prompt=True)


@staff_app.command("create")
def staff_create(
    username: str = typer.Argument(..., help="Sign-in name."),
    role: str = typer.Option(
        "editor",
        help="editor (drafts), reviewer (also publishes) or admin (the national administrator: all).",
    ),
    org: str = typer.Option(
        "national", "--org", help="Organisation: national, centre:<n> or municipality:<団体コード>."
    ),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from stdin."),
) -> None:
    """Create a staff account; asks for the password (12 characters or more)."""
    with _staff_errors():
        user = _staff_directory().create(username, _read_password(password_stdin), role, org)
    typer.echo(f"created {user.username} ({user.role}, {user.organisation})")


@staff_app.command("org")
def staff_org(
    username: str = typer.Argument(...),
    org: str = typer.Argument(..., help="national, centre:<n> or municipality:<団体コード>."),
) -> None:
    """Move an account to another organisation (signs it out everywhere: its rights change)."""
    with _staff_errors():
        user = _staff_directory().set_organisation(username, org)
    typer.echo(f"{user.username} now belongs to {user.organisation}")


@staff_app.command("password")
def staff_password(
    username: str = typer.Argument(...),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from stdin."),
) -> None:
    """Set a new password (signs the user out everywhere)."""
    with _staff_errors():
        _staff_directory().set_password(username, _read_password(password_stdin))
    typer.echo(f"password changed for {username}")


@staff_app.command("token")
def staff_token(
    username: str = typer.Argument(...),
    name: str = typer.Option("api", help="What the token is for."),
    days: int = typer.Option(
        None, help="Days until it expires (default GOVBOT_TOKEN_LIFETIME_DAYS, 90; 0 = never)."
    ),
) -> None:
    """Issue an API token (Authorization: Bearer …); it is shown once."""
    with _staff_errors():
        typer.echo(_staff_directory().issue_token(username, name, days))


@staff_app.command("unlock")
def staff_unlock(username: str = typer.Argument(...)) -> None:
    """End a sign-in delay after wrong passwords at once."""
    with _staff_errors():
        _staff_directory().unlock(username)
    typer.echo(f"unlocked {username}")


@staff_app.command("list")
def staff_list() -> None:
    """The staff accounts, their roles and organisations."""
    for user in _staff_directory().users():
        typer.echo(f"{user.username}\t{user.role}\t{user.organisation}")


@staff_app.command("disable")
def staff_disable(username: str = typer.Argument(...)) -> None:
    """Refuse an account from now on: its sessions end and its API tokens are revoked."""
    with _staff_errors():
        _staff_directory().disable(username)
    typer.echo(f"disabled {username}; its sessions ended and its tokens were revoked")


@staff_app.command("enable")
def staff_enable(username: str = typer.Argument(...)) -> None:
    """Let a disabled account sign in again (old tokens stay revoked: issue new ones)."""
    with _staff_errors():
        _staff_directory().enable(username)
    typer.echo(f"enabled {username}")


@staff_app.command("tokens")
def staff_tokens(username: str = typer.Argument(None, help="Only this account's tokens.")) -> None:
    """API tokens: id, account, name, state (active / expired / revoked), expiry, last use. No secrets."""
    from faq.staff import _now
    from faq.staff_tokens import StaffTokens

    with _staff_errors():
        tokens = StaffTokens(_staff_directory().store).list(username)
    now = _now()
    for token in tokens:
        typer.echo(
            "\t".join(
                [
                    str(token.id),
                    token.username,
                    token.name,
                    token.state(now),
                    "expires " + _when(token.expires_at) if token.expires_at else "no expiry",
                    "last used " + _when(token.last_used_at) if token.last_used_at else "never used",
                ]
            )
        )


@staff_app.command("revoke-token")
def staff_revoke_token(
    token_id: int = typer.Argument(None, help="The id shown by `staff tokens`."),
    user: str = typer.Option(None, "--user", help="Revoke every token of this account instead."),
) -> None:
    """Revoke one API token by id, or all of one account's tokens with --user."""
    from faq.staff_tokens import StaffTokens

    if (token_id is None) == (user is None):
        typer.echo("error: give a token id or --user NAME", err=True)
        raise typer.Exit(2)
    with _staff_errors():
        tokens = StaffTokens(_staff_directory().store)
        ids = [token_id] if user is None else [t.id for t in tokens.list(user) if not t.revoked]
        for one in ids:
            tokens.revoke(one)
    typer.echo(f"revoked {len(ids)} token(s)")


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")
