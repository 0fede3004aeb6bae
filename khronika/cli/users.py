"""Account commands: ``user add``, ``user list``, ``user disable``, ``token``, ``lock``."""

from __future__ import annotations

import getpass
import os
import sys
from typing import Annotated

import typer

from khronika.cli import app
from khronika.cli.store import DbOption, cli_actor, fail, opened
from khronika.security import accounts

user_app = typer.Typer(help="Accounts and roles (admin, caseworker, analyst, viewer).",
                       no_args_is_help=True)
app.add_typer(user_app, name="user")




def _new_password() -> str:
    value = os.environ.get("KHRONIKA_USER_PASSWORD")
    if value:
        return value
    if not sys.stdin.isatty():
        raise fail("set KHRONIKA_USER_PASSWORD or run on a terminal to be asked")
    first = getpass.getpass("Password for the new user: ")
    if getpass.getpass("Repeat it: ") != first:
        raise fail("the two passwords differ; no user was added")
    return first


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[str, typer.Option(help="admin, caseworker, analyst or viewer.")],
    db: DbOption = None,
) -> None:
    """Add an account (password from $KHRONIKA_USER_PASSWORD or a prompt)."""
    password = _new_password()
    with opened(db) as store:
        try:
            user = accounts.add_user(store, name, role, password, actor=cli_actor())
        except (accounts.AccountError, ValueError) as exc:
            raise fail(str(exc)) from None
    typer.echo(f"user {user.name} added with role {user.role.value}")


@user_app.command("list")
def user_list(db: DbOption = None) -> None:
    """List accounts with their roles."""
    with opened(db) as store:
        for u in accounts.list_users(store):
            typer.echo(f"{u.name}\t{u.role.value}\t{'active' if u.active else 'disabled'}")


@user_app.command("disable")
def user_disable(name: str, db: DbOption = None) -> None:
    """Disable an account and end its sessions."""
    with opened(db) as store:
        try:
            accounts.set_active(store, name, False, actor=cli_actor())
        except accounts.AccountError as exc:
            raise fail(str(exc)) from None
    typer.echo(f"user {name} disabled")


@user_app.command("token")
def user_token(
    name: str,
    label: Annotated[str, typer.Option(help="What the token is for.")] = "api",
    db: DbOption = None,
) -> None:
    """Create an API token for a user; it is printed once and stored only as a hash."""
    with opened(db) as store:
        user = next((u for u in accounts.list_users(store) if u.name == name), None)
        if user is None:
            raise fail(f"no user {name!r}")
        typer.echo(accounts.create_token(store, user, label, actor=cli_actor()))


@app.command()
def lock(db: DbOption = None) -> None:
    """End every web session at once (for when a device may be compromised)."""
    with opened(db) as store:
        n = accounts.end_all_sessions(store, actor=cli_actor())
    typer.echo(f"locked: {n} sessions ended")
