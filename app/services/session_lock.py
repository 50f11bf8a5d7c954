"""The idle lock of the desktop app: after `security.idle_lock_minutes` without input the
window is covered until the same user proves themselves again (password or PIN), or
another user signs in (which signs the first one out).

Locking and unlocking are audited (`session.lock`, `session.unlock`); a wrong password or
PIN at the lock screen is an ordinary failed attempt under the account's lockout
(`auth.attempt`), so guessing at an unattended till locks the account like anywhere else.
"""
from __future__ import annotations

from app.domain.errors import AuthError
from app.domain.permissions import check
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services import settings
from app.services.auth import SignedInUser, attempt
from app.services.records import Actor, Clock, utc_now, write_audit

SETTING = "security.idle_lock_minutes"


def lock_minutes(store: LocalStore, *, actor: Actor) -> int:
    """Minutes without input before the lock (0: never)."""
    check(actor.role, "session_lock.lock_minutes")
    with UnitOfWork(store.engine, write=False) as uow:
        return int(settings.read(uow.session, SETTING))


def lock_session(store: LocalStore, actor: Actor, idle_seconds: int, *,
                 clock: Clock = utc_now) -> None:
    """Record that the screen was locked after `idle_seconds` without input."""
    check(actor.role, "session_lock.lock_session")
    with UnitOfWork(store.engine) as uow:
        write_audit(uow.session, store, actor, clock(), "session.lock", actor.username,
                    {"idle_seconds": int(idle_seconds)})
        uow.commit()


def unlock_session(store: LocalStore, user: SignedInUser, secret: str, kind: str = "password",
                   *, clock: Clock = utc_now) -> SignedInUser:
    """The same user again, proved by `kind` ("password" or "pin") under the lockout;
    raises `AccountLocked` or `AuthError` (audited as failed attempts)."""
    if kind not in ("password", "pin"):
        raise AuthError()
    attempt(store, user.username, secret, kind, clock=clock,
            on_success=lambda _s, _u: {"kind": kind}, action="session.unlock")
    return user
