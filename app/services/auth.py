"""Who is at the keyboard: password sign-in, supervisor PINs, and the per-account lockout.

After `LOCK_AFTER` consecutive failures (passwords and PINs count together) an account is
locked for a minute, twice as long after each further failure, at most an hour; a success
resets the count. While locked, the secret is not even checked. Unknown, disabled and
PIN-less names go through the same steps against a dummy hash and an in-memory lockout of
their own, so neither the message nor the time taken tells whether a name exists. Every
attempt writes one audit entry in its own transaction (never the secret, nor a hash, nor
an unknown name: it may be a password typed into the wrong field).
"""
from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Callable, NoReturn

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.errors import AuthError, DomainError
from app.persistence.schema import User
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.passwords import hash_secret, needs_rehash, verify_secret
from app.services.records import Actor, Clock, utc_now, write_audit

log = logging.getLogger(__name__)
LOCK_AFTER = 5
FIRST_LOCK = timedelta(minutes=1)
MAX_LOCK = timedelta(hours=1)
# Verifying against this when the name is unknown keeps every failure equally slow.
_DUMMY_HASH = hash_secret("not-a-real-password")


class AccountLocked(AuthError):
    code = "account_locked"
    zh = "连续输错次数过多，账户已锁定到 {until}。请到时再试，或请管理员解锁。"
    en = ("Too many wrong attempts: the account is locked until {until}. Try again then, or "
          "ask an administrator to unlock it.")


class PasswordChangeRequired(DomainError):
    code = "password_change_required"
    zh = "您的密码已被重置：请先设置新密码，再登录。"
    en = "Your password was reset: set a new password before you sign in."


@dataclass(frozen=True)
class SignedInUser:
    user_id: int
    username: str
    display_name: str
    role: str

    @property
    def actor(self) -> Actor:
        """Who the services see acting for this user."""
        return Actor(self.user_id, self.username, self.role)


@dataclass(frozen=True)
class _Account:
    id: int
    username: str
    display_name: str
    role: str
    active: bool
    secret_hash: str | None
    locked_until: datetime | None
    must_change_password: bool


def lock_duration(failures: int) -> timedelta | None:
    """How long `failures` consecutive failures lock an account (None: not locked)."""
    if failures < LOCK_AFTER:
        return None
    return min(FIRST_LOCK * 2 ** min(failures - LOCK_AFTER, 7), MAX_LOCK)


def local_time_text(utc: datetime, now: datetime) -> str:
    """A naive-UTC time as the user reads it: local clock time, with the date if not today."""
    local = utc.replace(tzinfo=timezone.utc).astimezone()
    today = now.replace(tzinfo=timezone.utc).astimezone().date()
    return f"{local:%H:%M:%S}" if local.date() == today else f"{local:%Y-%m-%d %H:%M:%S}"


class _Ghosts:
    """Lockout counts of names that are not active accounts, for this process only."""

    def __init__(self, size: int = 1024) -> None:
        self._lock = threading.Lock()
        self._rows: OrderedDict[tuple[str, ...], tuple[int, datetime | None]] = OrderedDict()
        self._size = size

    def locked_until(self, key: tuple[str, ...], now: datetime) -> datetime | None:
        with self._lock:
            until = self._rows.get(key, (0, None))[1]
        return until if until is not None and until > now else None

    def fail(self, key: tuple[str, ...], now: datetime) -> tuple[int, datetime | None]:
        with self._lock:
            failures = self._rows.pop(key, (0, None))[0] + 1
            lock = lock_duration(failures)
            row = (failures, now + lock if lock else None)
            self._rows[key] = row
            while len(self._rows) > self._size:
                self._rows.popitem(last=False)
        return row

    def clear(self) -> None:
        with self._lock:
            self._rows.clear()


GHOSTS = _Ghosts()
SUCCESS_ACTION = {"password": "auth.sign_in", "pin": "auth.pin_accepted"}
OnSuccess = Callable[[Session, User], dict]


def sign_in(store: LocalStore, username: str, password: str, *,
            clock: Clock = utc_now) -> SignedInUser:
    """The user, if the password is right and the account neither locked nor due a new
    password (`PasswordChangeRequired`: set one with `users.change_password`)."""
    account = attempt(store, username, password, "password", clock=clock,
                      on_success=_note_password_change)
    if account.must_change_password:
        raise PasswordChangeRequired()
    log.info("user %s signed in", account.username)
    return SignedInUser(account.id, account.username, account.display_name, account.role)


def _note_password_change(_s: Session, user: User) -> dict:
    """A right password that must be replaced first: audited as such, not as a session."""
    return {"refused": "must_change_password"} if user.must_change_password else {}


def check_pin(store: LocalStore, username: str, pin: str, *,
              clock: Clock = utc_now) -> tuple[str, str] | None:
    """(user name, role) when the PIN is that active user's; None when wrong. A locked
    account raises `AccountLocked` without the PIN being checked."""
    try:
        account = attempt(store, username, pin, "pin", clock=clock)
    except AccountLocked:
        raise
    except AuthError:
        return None
    return account.username, account.role


def attempt(store: LocalStore, username: str, secret: str, kind: str, *,
            clock: Clock = utc_now, on_success: OnSuccess | None = None,
            action: str | None = None) -> _Account:
    """Check `secret` (a password or a PIN) of `username` under the lockout; on success run
    `on_success(session, user)` in the same transaction as the audit entry `action`.
    Raises `AccountLocked`, or `AuthError` for any other failure."""
    name, now = (username or "").strip(), clock()
    account = _load(store, name, kind)
    if account is None or not account.active or not account.secret_hash:
        _ghost_attempt(store, name, secret or "", kind, now, account)
    if account.locked_until is not None and account.locked_until > now:
        _audit(store, _actor(account), now, "auth.refused_locked", account.username,
               {"kind": kind, "locked_until": account.locked_until.isoformat()})
        raise AccountLocked(until=local_time_text(account.locked_until, now))
    ok = verify_secret(account.secret_hash, secret or "")
    with UnitOfWork(store.engine) as uow:
        user = uow.session.get(User, account.id)
        if ok:
            detail = _success(uow.session, user, secret, kind, on_success)
            done = action or SUCCESS_ACTION[kind]
        else:
            detail = _failure(user, kind, now)
            done = detail.pop("action")
        write_audit(uow.session, store, _actor(account), now, done, account.username, detail)
        locked_until = user.locked_until
        uow.commit()
    if ok:
        return account
    log.info("%s refused for user %s", kind, account.username)
    if locked_until is not None and locked_until > now:
        raise AccountLocked(until=local_time_text(locked_until, now))
    raise AuthError()


def _load(store: LocalStore, name: str, kind: str) -> _Account | None:
    with UnitOfWork(store.engine, write=False) as uow:
        u = uow.session.scalars(select(User).where(User.username == name)).first()
        if u is None:
            return None
        return _Account(u.id, u.username, u.display_name, u.role, bool(u.active),
                        u.password_hash if kind == "password" else u.pin_hash,
                        u.locked_until, bool(u.must_change_password))


def _success(s: Session, user: User, secret: str, kind: str,
             on_success: OnSuccess | None) -> dict:
    detail = {"failed_before": user.failed_logins or 0} if user.failed_logins else {}
    user.failed_logins, user.locked_until = 0, None
    field = "password_hash" if kind == "password" else "pin_hash"
    if needs_rehash(getattr(user, field)):
        setattr(user, field, hash_secret(secret))
        detail["rehashed"] = True
    if on_success is not None:
        detail.update(on_success(s, user))
    return detail


def _failure(user: User, kind: str, now: datetime) -> dict:
    user.failed_logins = (user.failed_logins or 0) + 1
    lock = lock_duration(user.failed_logins)
    detail = {"kind": kind, "failures": user.failed_logins, "action": "auth.failed"}
    if lock is not None:
        user.locked_until = now + lock
        detail.update(action="auth.lockout", locked_until=user.locked_until.isoformat(),
                      minutes=int(lock.total_seconds() // 60))
    return detail


def _ghost_attempt(store: LocalStore, name: str, secret: str, kind: str, now: datetime,
                   account: _Account | None) -> NoReturn:
    """The same steps as for a real account, then the same refusal."""
    key = (store.identity.store_uuid, kind, name)
    target = account.username if account is not None else ""
    actor = _actor(account) if account is not None else Actor(None, "", "")
    facts = {"known": account is not None, "name_length": len(name)}
    if account is not None:
        facts["reason"] = "disabled" if not account.active else f"no {kind}"
    until = GHOSTS.locked_until(key, now)
    if until is not None:
        _audit(store, actor, now, "auth.refused_locked", target,
               {**facts, "kind": kind, "locked_until": until.isoformat()})
        raise AccountLocked(until=local_time_text(until, now))
    verify_secret(_DUMMY_HASH, secret)
    failures, until = GHOSTS.fail(key, now)
    action = "auth.lockout" if until else "auth.failed"
    _audit(store, actor, now, action, target, {**facts, "failures": failures, "kind": kind})
    log.info("%s refused for a user name of length %d", kind, len(name))
    if until is not None:
        raise AccountLocked(until=local_time_text(until, now))
    raise AuthError()


def _actor(account: _Account) -> Actor:
    return Actor(account.id, account.username, account.role)


def _audit(store: LocalStore, actor: Actor, now: datetime, action: str, target: str,
           detail: dict) -> None:
    with UnitOfWork(store.engine) as uow:
        write_audit(uow.session, store, actor, now, action, target, detail)
        uow.commit()
