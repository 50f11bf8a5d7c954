"""`jxc user`: accounts, roles, passwords and PINs (policy: docs/security.md).

Like the other commands, these act as the administrator of the PC that holds the store
key, or as `--user` after a password check (`--password` or JXC_PASSWORD, else asked).
New passwords and PINs are asked for with a hidden prompt, twice, unless given through
JXC_NEW_PASSWORD / JXC_NEW_PIN (for scripts; never put them on the command line).
"""
from __future__ import annotations

import json
from dataclasses import asdict

import click

from app.cli import cli
from app.cli.workflow_cmds import _actor, _as_user, _run
from app.domain.permissions import ROLES
from app.persistence.layout import DataDir

ROLE_CHOICE = click.Choice(sorted(ROLES))


def _new_secret(given: str | None, what: str) -> str:
    if given is not None:
        return given
    return click.prompt(what, hide_input=True, confirmation_prompt=True)


def _new_password_option(f):
    return click.option("--new-password", envvar="JXC_NEW_PASSWORD", show_envvar=True,
                        help="The new password (default: asked, hidden).")(f)


def _act(layout: DataDir, user, password, work):
    """Run work(store, actor) as the CLI administrator or as USER."""
    if user and password is None:
        password = click.prompt(f"{user} password", hide_input=True)
    return _run(layout, lambda store: work(store, _actor(store, user, password)))


def _show(info) -> str:
    state = "active" if info.active else "disabled"
    extra = [f"locked until {info.locked_until} UTC"] if info.locked_until else []
    if info.must_change_password:
        extra.append("must change password")
    return (f"{info.username:<16} {info.role:<15} {state:<8} "
            f"{'PIN' if info.has_pin else '-':<4} {info.display_name}"
            + (f"  ({', '.join(extra)})" if extra else ""))


@cli.group("user")
def user_group() -> None:
    """User accounts: add, list, roles, disable/enable, unlock, passwords and PINs."""


@user_group.command("add")
@click.argument("username")
@click.option("--name", "display_name", required=True, help="Display name, e.g. 张三.")
@click.option("--role", type=ROLE_CHOICE, required=True)
@_new_password_option
@click.option("--with-pin", is_flag=True, help="Also set a 4-6 digit PIN (asked, hidden; "
              "or JXC_NEW_PIN).")
@_as_user
@click.pass_obj
def user_add(layout: DataDir, username, display_name, role, new_password, with_pin, user,
             password) -> None:
    """Add USERNAME with a role and a password."""
    from app.services.users import add_user

    secret = _new_secret(new_password, f"password for {username}")
    pin = _new_secret(_env_pin(), f"PIN for {username}") if with_pin else None
    info = _act(layout, user, password, lambda store, actor: add_user(
        store, actor, username, display_name, role, secret, pin=pin))
    click.echo(f"user added: {_show(info)}")


@user_group.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@_as_user
@click.pass_obj
def user_list(layout: DataDir, fmt, user, password) -> None:
    """The accounts, with role, state, PIN and lockout."""
    from app.services.users import list_users

    rows = _act(layout, user, password, list_users)
    if fmt == "json":
        click.echo(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return
    for r in rows:
        click.echo(_show(r))


def _simple(name: str, doc: str, service: str, verb: str):
    """A command USERNAME that calls users.<service>(store, actor, USERNAME)."""
    @user_group.command(name, help=doc)
    @click.argument("username")
    @_as_user
    @click.pass_obj
    def command(layout: DataDir, username, user, password) -> None:
        from app.services import users

        info = _act(layout, user, password,
                    lambda store, actor: getattr(users, service)(store, actor, username))
        click.echo(f"{verb}: {_show(info)}")
    return command


_simple("disable", "Disable USERNAME (never the last active administrator).", "disable_user",
        "disabled")
_simple("enable", "Enable USERNAME again.", "enable_user", "enabled")
_simple("unlock", "End USERNAME's lockout now.", "unlock_user", "unlocked")


@user_group.command("role")
@click.argument("username")
@click.argument("role", type=ROLE_CHOICE)
@_as_user
@click.pass_obj
def user_role(layout: DataDir, username, role, user, password) -> None:
    """Give USERNAME another ROLE."""
    from app.services.users import change_role

    info = _act(layout, user, password,
                lambda store, actor: change_role(store, actor, username, role))
    click.echo(f"role changed: {_show(info)}")


@user_group.command("reset-password")
@click.argument("username")
@_new_password_option
@_as_user
@click.pass_obj
def user_reset_password(layout: DataDir, username, new_password, user, password) -> None:
    """Give USERNAME a temporary password; they must set their own before signing in."""
    from app.services.users import reset_password

    secret = _new_secret(new_password, f"temporary password for {username}")
    info = _act(layout, user, password,
                lambda store, actor: reset_password(store, actor, username, secret))
    click.echo(f"password reset (must be changed at next sign-in): {_show(info)}")


@user_group.command("passwd")
@click.argument("username")
@click.option("--password", envvar="JXC_PASSWORD", help="The current password (or env "
              "JXC_PASSWORD; asked when missing).")
@_new_password_option
@click.pass_obj
def user_passwd(layout: DataDir, username, password, new_password) -> None:
    """Change USERNAME's own password (proved by the current one)."""
    from app.services.users import change_password

    current = password if password is not None else click.prompt(
        f"current password of {username}", hide_input=True)
    secret = _new_secret(new_password, "new password")
    _run(layout, lambda store: change_password(store, username, current, secret))
    click.echo(f"password of {username} changed")


@user_group.command("pin")
@click.argument("username")
@click.option("--clear", is_flag=True, help="Remove the PIN.")
@_as_user
@click.pass_obj
def user_pin(layout: DataDir, username, clear, user, password) -> None:
    """Set (or --clear) USERNAME's 4-6 digit PIN: your own with --user USERNAME (your
    password confirms it), or as the manager of that account."""
    from app.services.users import set_pin

    if user and password is None:
        password = click.prompt(f"{user} password", hide_input=True)
    pin = None if clear else _new_secret(_env_pin(), f"PIN for {username}")
    _run(layout, lambda store: set_pin(store, _actor(store, user, password), username, pin,
                                       password=password))
    click.echo(f"PIN of {username} {'cleared' if clear else 'set'}")


def _env_pin() -> str | None:
    import os

    return os.environ.get("JXC_NEW_PIN")
