"""Who may void a line or a sale, override a price or give a large discount, and the audit.

A cashier whose role allows the action does it; otherwise a store manager or shift lead
standing at the till authorises it with their user name and PIN (Argon2 hash in
`users.pin_hash`). Either way the action is audited in its own unit of work before the
cart changes, naming who did it and who authorised it; a refused PIN is audited too.
PINs share the account lockout of `app/services/auth.py`: five wrong PINs or passwords
lock the supervisor's account, and a locked account's PIN is not checked.
"""
from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import AuthError
from app.domain.permissions import check
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.auth import AccountLocked, attempt, check_pin
from app.services.counter.config import CounterConfig
from app.services.counter.errors import AuthorisationNeeded, WrongPin
from app.services.passwords import check_pin_format, hash_secret
from app.services.records import Actor, Clock, utc_now, write_audit

SUPERVISORS = frozenset({"shift_lead", "store_manager", "admin"})


@dataclass(frozen=True)
class Action:
    key: str  # void_line | void_sale | price_override | discount
    zh: str
    en: str


ACTIONS = {a.key: a for a in (
    Action("void_line", "删除商品行", "void a line"),
    Action("void_sale", "取消整单", "cancel the whole sale"),
    Action("price_override", "改价", "override a price"),
    Action("discount", "超出权限的折扣", "a discount above your limit"),
)}


@dataclass(frozen=True)
class Approval:
    approver: str  # user name of whoever allowed it (the cashier themselves if entitled)
    audited_seq: int


def may(role: str, action: str, config: CounterConfig, discount_bp: int = 0) -> bool:
    """Whether `role` may do `action` alone (a discount: up to the role's limit)."""
    if action == "discount":
        return discount_bp <= config.limit_bp(role)
    return role in SUPERVISORS


def approve(store: LocalStore, actor: Actor, action: str, sale_id: str, detail: dict,
            config: CounterConfig, *, discount_bp: int = 0, approver: str = "",
            pin: str = "", clock: Clock = utc_now) -> Approval:
    """Audit `action` on the sale if the cashier may do it, or if `approver`'s PIN is right
    and their role may; else `AuthorisationNeeded` (no PIN given) or `WrongPin`."""
    check(actor.role, "counter.authorise.approve")
    what = ACTIONS[action]
    if may(actor.role, action, config, discount_bp):
        return _audit(store, actor, f"counter.{action}", sale_id, {**detail,
                      "approved_by": actor.username}, clock)
    if not approver or not pin:
        raise AuthorisationNeeded(action_zh=what.zh, action_en=what.en)
    try:
        user = check_pin(store, approver, pin, clock=clock)
    except AccountLocked:
        _audit(store, actor, "counter.authorisation_refused", sale_id,
               {"action": action, "approver": approver, "locked": True}, clock)
        raise
    if user is None or not may(user[1], action, config, discount_bp):
        _audit(store, actor, "counter.authorisation_refused", sale_id,
               {"action": action, "approver": approver}, clock)
        raise WrongPin(action_zh=what.zh, action_en=what.en)
    return _audit(store, actor, f"counter.{action}", sale_id,
                  {**detail, "approved_by": user[0]}, clock)


def _audit(store: LocalStore, actor: Actor, action: str, target: str, detail: dict,
           clock: Clock) -> Approval:
    with UnitOfWork(store.engine) as uow:
        entry = write_audit(uow.session, store, actor, clock(), action, target, detail)
        uow.commit()
        return Approval(detail.get("approved_by", ""), entry.seq)


def set_pin(store: LocalStore, actor: Actor, password: str, pin: str,
            clock: Clock = utc_now) -> None:
    """A user sets their own authorisation PIN, confirming it with their password (under
    the account lockout; the PIN is stored and audited in the same transaction)."""
    check(actor.role, "counter.authorise.set_pin")
    check_pin_format(pin)  # the same rule as `jxc user pin`: 4-6 digits, not 1111 or 1234
    if actor.user_id is None:
        raise AuthError()

    def store_pin(_session, user) -> dict:
        user.pin_hash = hash_secret(pin)
        return {}

    attempt(store, actor.username, password, "password", clock=clock, on_success=store_pin,
            action="user.set_pin")
