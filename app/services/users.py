"""User accounts: add, list, change role, disable and enable, unlock, reset and change
passwords, set PINs.

Who manages whom (docs/security.md): administrators manage every account; a store manager
manages the cashier and shift-lead accounts of the store (adding, changing between those two
roles, disabling, enabling, unlocking, resetting); nobody else manages accounts. Everyone
changes their own password (proved by the current one) and sets their own PIN (proved by
the password). The last active administrator can be neither disabled nor demoted. Each
change is one transaction with its audit entry, which records the account's fields before
and after, never a password, a PIN or a hash.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.errors import DomainError
from app.domain.permissions import MANAGER_MANAGES, ROLES, PermissionDenied, check
from app.persistence.schema import User
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.auth import attempt
from app.services.passwords import (check_password_strength, check_pin_format, hash_secret,
                                    verify_secret)
from app.services.records import Actor, Clock, utc_now, write_audit

_NAME = re.compile(r"[^\W_][\w.\-@]{0,63}")


class BadAccount(DomainError):
    code = "bad_account"
    zh = "账户“{username}”无法保存：{why_zh}"
    en = "Account '{username}' cannot be saved: {why_en}"


class NoSuchUser(DomainError):
    code = "no_such_user"
    zh = "没有用户“{username}”。用 jxc user list 查看现有用户。"
    en = "There is no user '{username}'. See `jxc user list` for the users."


class LastAdministrator(DomainError):
    code = "last_administrator"
    zh = "“{username}”是最后一个启用中的管理员，不能停用或改为其他角色。请先启用或新增另一位管理员。"
    en = ("'{username}' is the last active administrator and cannot be disabled or given "
          "another role. Enable or add another administrator first.")


class ManagesOnly(PermissionDenied):
    code = "permission_denied"
    zh = "店长只能管理收银员和值班主管的账户（“{username}”：{role}）。请让管理员操作。"
    en = ("A store manager manages only cashier and shift-lead accounts ('{username}': "
          "{role}). Ask an administrator.")


class SamePassword(DomainError):
    code = "same_password"
    zh = "新密码不能与当前密码相同。"
    en = "The new password must differ from the current one."


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    role: str
    active: bool
    has_pin: bool
    must_change_password: bool
    failed_logins: int
    locked_until: str | None  # ISO, UTC
    created_at: str


def add_user(store: LocalStore, actor: Actor, username: str, display_name: str, role: str,
             password: str, *, pin: str | None = None, clock: Clock = utc_now) -> UserInfo:
    check(actor.role, "users.add_user")
    username, display_name = (username or "").strip(), (display_name or "").strip()
    _check_fields(username, display_name, role)
    _may_manage(actor, username, role, role)
    check_password_strength(password, username)
    if pin:
        check_pin_format(pin)
    with UnitOfWork(store.engine) as uow:
        s, now = uow.session, clock()
        taken = s.scalar(select(User.id).where(func.lower(User.username) == username.lower()))
        if taken is not None:
            raise BadAccount(username=username, why_zh="用户名已存在。",
                             why_en="that user name exists already.")
        user = User(username=username, display_name=display_name, role=role,
                    password_hash=hash_secret(password), pin_hash=hash_secret(pin) if pin else None,
                    active=True, created_at=now, failed_logins=0, must_change_password=False)
        s.add(user)
        s.flush()
        write_audit(s, store, actor, now, "user.add", username, {"after": _public(user)})
        uow.commit()
        return _info(user)


def list_users(store: LocalStore, actor: Actor) -> list[UserInfo]:
    check(actor.role, "users.list_users")
    with UnitOfWork(store.engine, write=False) as uow:
        return [_info(u) for u in uow.session.scalars(select(User).order_by(User.username))]


def change_role(store: LocalStore, actor: Actor, username: str, role: str, *,
                clock: Clock = utc_now) -> UserInfo:
    check(actor.role, "users.change_role")
    _check_role(username, role)

    def change(s: Session, user: User) -> None:
        _may_manage(actor, user.username, user.role, role)
        if user.role == "admin" and role != "admin":
            _keep_an_administrator(s, user)
        user.role = role
    return _update(store, actor, username, "user.role", change, clock)


def disable_user(store: LocalStore, actor: Actor, username: str, *,
                 clock: Clock = utc_now) -> UserInfo:
    check(actor.role, "users.disable_user")

    def change(s: Session, user: User) -> None:
        _may_manage(actor, user.username, user.role, user.role)
        if user.role == "admin":
            _keep_an_administrator(s, user)
        user.active = False
    return _update(store, actor, username, "user.disable", change, clock)


def enable_user(store: LocalStore, actor: Actor, username: str, *,
                clock: Clock = utc_now) -> UserInfo:
    check(actor.role, "users.enable_user")

    def change(_s: Session, user: User) -> None:
        _may_manage(actor, user.username, user.role, user.role)
        user.active = True
    return _update(store, actor, username, "user.enable", change, clock)


def unlock_user(store: LocalStore, actor: Actor, username: str, *,
                clock: Clock = utc_now) -> UserInfo:
    """End a lockout now and forget the failures (audited as `auth.unlock`)."""
    check(actor.role, "users.unlock_user")

    def change(_s: Session, user: User) -> None:
        _may_manage(actor, user.username, user.role, user.role)
        user.failed_logins, user.locked_until = 0, None
    return _update(store, actor, username, "auth.unlock", change, clock)


def reset_password(store: LocalStore, actor: Actor, username: str, new_password: str, *,
                   clock: Clock = utc_now) -> UserInfo:
    """Give the account a temporary password; its owner must set a new one before the next
    sign-in. Also ends a lockout."""
    check(actor.role, "users.reset_password")

    def change(_s: Session, user: User) -> None:
        _may_manage(actor, user.username, user.role, user.role)
        check_password_strength(new_password, user.username)
        user.password_hash = hash_secret(new_password)
        user.must_change_password = True
        user.failed_logins, user.locked_until = 0, None
    return _update(store, actor, username, "user.reset_password", change, clock)


def change_password(store: LocalStore, username: str, old_password: str, new_password: str,
                    *, clock: Clock = utc_now) -> None:
    """The user sets a new password, proved by the current one (under the lockout). Needs
    no sign-in, so a user whose password was reset can set one."""
    check_password_strength(new_password, (username or "").strip())

    def store_new(_s: Session, user: User) -> dict:
        if verify_secret(user.password_hash, new_password):
            raise SamePassword()
        before = user.must_change_password
        user.password_hash = hash_secret(new_password)
        user.must_change_password = False
        return {"before": {"must_change_password": before},
                "after": {"must_change_password": False}}
    attempt(store, username, old_password, "password", clock=clock, on_success=store_new,
            action="user.password_change")


def set_pin(store: LocalStore, actor: Actor, username: str, pin: str | None, *,
            password: str | None = None, clock: Clock = utc_now) -> UserInfo:
    """Set (or with `pin=None` clear) the PIN of `username`: one's own, proved by the
    password, or as the manager of that account."""
    check(actor.role, "users.set_pin")
    if pin is not None:
        check_pin_format(pin)
    name = (username or "").strip()
    if actor.user_id is not None and name == actor.username:
        return _set_own_pin(store, actor, name, pin, password or "", clock)

    def change(_s: Session, user: User) -> None:
        _may_manage(actor, user.username, user.role, user.role)
        user.pin_hash = hash_secret(pin) if pin is not None else None
    return _update(store, actor, name, "user.clear_pin" if pin is None else "user.set_pin",
                   change, clock)


def _set_own_pin(store: LocalStore, actor: Actor, name: str, pin: str | None, password: str,
                 clock: Clock) -> UserInfo:
    result: list[UserInfo] = []

    def store_pin(_s: Session, user: User) -> dict:
        before = _public(user)
        user.pin_hash = hash_secret(pin) if pin is not None else None
        result.append(_info(user))
        return {"before": before, "after": _public(user)}
    attempt(store, name, password, "password", clock=clock, on_success=store_pin,
            action="user.set_pin" if pin is not None else "user.clear_pin")
    return result[0]


def _update(store: LocalStore, actor: Actor, username: str, action: str, change,
            clock: Clock) -> UserInfo:
    with UnitOfWork(store.engine) as uow:
        s, now = uow.session, clock()
        user = s.scalars(select(User).where(User.username == (username or "").strip())).first()
        if user is None:
            raise NoSuchUser(username=username)
        before = _public(user)
        change(s, user)
        after = _public(user)
        write_audit(s, store, actor, now, action, user.username,
                    {"before": {k: v for k, v in before.items() if after[k] != v},
                     "after": {k: v for k, v in after.items() if before[k] != v}})
        uow.commit()
        return _info(user)


def _check_fields(username: str, display_name: str, role: str) -> None:
    def bad(zh: str, en: str) -> BadAccount:
        return BadAccount(username=username, why_zh=zh, why_en=en)
    if not _NAME.fullmatch(username):
        raise bad("用户名为 1-64 个字母、数字、汉字或 . _ - @，不能有空格，不能以符号开头。",
                  "a user name is 1-64 letters, digits, Chinese characters or . _ - @, "
                  "without spaces, starting with a letter or digit.")
    if not display_name or len(display_name) > 100:
        raise bad("需要 1-100 个字符的姓名。", "it needs a display name of 1-100 characters.")
    _check_role(username, role)


def _check_role(username: str, role: str) -> None:
    if role not in ROLES:
        names = ", ".join(sorted(ROLES))
        raise BadAccount(username=username, why_zh=f"没有角色“{role}”；可用：{names}。",
                         why_en=f"there is no role '{role}'; use one of {names}.")


def _may_manage(actor: Actor, username: str, role_before: str, role_after: str) -> None:
    if actor.role == "admin":
        return
    if actor.role == "store_manager" and {role_before, role_after} <= MANAGER_MANAGES:
        return
    raise ManagesOnly(username=username, role=role_before if role_before not in
                      MANAGER_MANAGES else role_after)


def _keep_an_administrator(s: Session, leaving: User) -> None:
    others = s.scalar(select(func.count()).select_from(User).where(
        User.role == "admin", User.active.is_(True), User.id != leaving.id))
    if leaving.active and not others:
        raise LastAdministrator(username=leaving.username)


def _public(user: User) -> dict:
    """What an audit entry may show of an account: no hash, only whether a PIN exists."""
    return {"username": user.username, "display_name": user.display_name, "role": user.role,
            "active": bool(user.active), "has_pin": user.pin_hash is not None,
            "must_change_password": bool(user.must_change_password),
            "failed_logins": user.failed_logins or 0,
            "locked_until": user.locked_until.isoformat() if user.locked_until else None}


def _info(user: User) -> UserInfo:
    p = _public(user)
    return UserInfo(user.id, p["username"], p["display_name"], p["role"], p["active"],
                    p["has_pin"], p["must_change_password"], p["failed_logins"],
                    p["locked_until"], user.created_at.isoformat())
