"""Per-account lockout with a growing delay, for passwords and for supervisor PINs."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from app.domain.errors import AuthError
from app.persistence.schema import AuditEntry, User
from app.services import auth
from app.services.auth import AccountLocked, lock_duration, local_time_text, sign_in
from app.services.counter import approve, load_config
from app.services.counter.errors import WrongPin
from app.services.records import Actor
from app.services.users import add_user, reset_password, unlock_user

ADMIN = Actor(None, "cli:test", "admin")
T0 = datetime(2026, 6, 1, 2, 0, 0)  # naive UTC, as stored
PASSWORD = "Right-pass-1"


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kw) -> None:
        self.now += timedelta(**kw)


@pytest.fixture(autouse=True)
def _fresh_ghosts():
    auth.GHOSTS.clear()
    yield
    auth.GHOSTS.clear()


@pytest.fixture
def clerk(new_store):
    add_user(new_store, ADMIN, "clerk", "库管", "warehouse_clerk", PASSWORD)
    return new_store


def account(store, name="clerk"):
    with store.engine.connect() as conn:
        return conn.execute(select(User.failed_logins, User.locked_until)
                            .where(User.username == name)).first()


def actions(store, target="clerk"):
    with store.engine.connect() as conn:
        rows = conn.execute(select(AuditEntry.action, AuditEntry.target, AuditEntry.detail)
                            .where(AuditEntry.action.like("auth.%")).order_by(AuditEntry.seq))
        return [(a, json.loads(d)) for a, t, d in rows if t == target]


def fail(store, clock, name="clerk", times=1):
    errors = []
    for _ in range(times):
        with pytest.raises(AuthError) as info:
            sign_in(store, name, "wrong-password", clock=clock)
        errors.append(info.value)
    return errors


def test_the_delay_doubles_from_one_minute_to_an_hour():
    assert [lock_duration(n) for n in range(5)] == [None] * 5
    minutes = [lock_duration(n) / timedelta(minutes=1) for n in (5, 6, 7, 8, 9, 10, 11, 12, 500)]
    assert minutes == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_five_failures_lock_for_a_minute_and_the_password_is_not_checked(clerk, monkeypatch):
    clock = Clock()
    errors = fail(clerk, clock, times=5)
    assert [type(e) for e in errors] == [AuthError] * 4 + [AccountLocked]
    assert account(clerk) == (5, T0 + timedelta(minutes=1))
    until = local_time_text(T0 + timedelta(minutes=1), T0)
    assert f"锁定到 {until}" in errors[-1].message("zh_CN")
    assert f"locked until {until}" in errors[-1].message("en")
    checked = []
    monkeypatch.setattr(auth, "verify_secret", lambda *a: checked.append(a) or True)
    clock.advance(seconds=59)
    with pytest.raises(AccountLocked):
        sign_in(clerk, "clerk", PASSWORD, clock=clock)  # the right password, still locked
    assert checked == [] and account(clerk) == (5, T0 + timedelta(minutes=1))


def test_each_further_failure_doubles_the_lock_and_a_success_resets(clerk):
    clock = Clock()
    fail(clerk, clock, times=5)
    for failures, minutes in ((6, 2), (7, 4)):
        clock.now = account(clerk).locked_until + timedelta(seconds=1)
        [error] = fail(clerk, clock)
        assert isinstance(error, AccountLocked)
        assert account(clerk) == (failures, clock.now + timedelta(minutes=minutes))
    clock.now = account(clerk).locked_until + timedelta(seconds=1)
    assert sign_in(clerk, "clerk", PASSWORD, clock=clock).username == "clerk"
    assert account(clerk) == (0, None)
    [error] = fail(clerk, clock)  # counting starts again
    assert type(error) is AuthError and account(clerk) == (1, None)
    kinds = [a for a, _ in actions(clerk)]
    assert kinds == ["auth.failed"] * 4 + ["auth.lockout"] * 3 + ["auth.sign_in", "auth.failed"]
    assert actions(clerk)[-2][1]["failed_before"] == 7
    lockouts = [d for a, d in actions(clerk) if a == "auth.lockout"]
    assert [d["minutes"] for d in lockouts] == [1, 2, 4] and "locked_until" in lockouts[0]


def test_attempts_while_locked_are_audited_and_an_administrator_unlocks(clerk):
    clock = Clock()
    fail(clerk, clock, times=6)
    assert [a for a, _ in actions(clerk)][-2:] == ["auth.lockout", "auth.refused_locked"]
    unlock_user(clerk, ADMIN, "clerk", clock=clock)
    assert account(clerk) == (0, None)
    assert sign_in(clerk, "clerk", PASSWORD, clock=clock).role == "warehouse_clerk"
    unlocked = [d for a, d in actions(clerk) if a == "auth.unlock"]
    assert unlocked == [{"by": "cli:test", "host": unlocked[0]["host"],
                         "address": unlocked[0]["address"],
                         "before": {"failed_logins": 5, "locked_until": unlocked[0]["before"]
                                    ["locked_until"]},
                         "after": {"failed_logins": 0, "locked_until": None}}]


def test_a_password_reset_ends_a_lockout(clerk):
    clock = Clock()
    fail(clerk, clock, times=5)
    reset_password(clerk, ADMIN, "clerk", "Temp-pass-22", clock=clock)
    assert account(clerk) == (0, None)


def test_unknown_names_lock_the_same_way(clerk):
    clock = Clock()
    known = fail(clerk, clock, "clerk", times=5)
    unknown = fail(clerk, clock, "nobody", times=5)
    shape = [(type(e), e.message("en")) for e in known]
    assert [(type(e), e.message("en")) for e in unknown] == shape
    with pytest.raises(AccountLocked):
        sign_in(clerk, "nobody", PASSWORD, clock=clock)
    clock.advance(minutes=1, seconds=1)
    [again] = fail(clerk, clock, "nobody")
    assert isinstance(again, AccountLocked) and "until" in again.message("en")


def test_a_disabled_account_reads_like_an_unknown_name(clerk):
    from app.services.users import disable_user

    disable_user(clerk, ADMIN, "clerk")
    clock = Clock()
    errors = fail(clerk, clock, "clerk", times=5) + fail(clerk, clock, "ghost", times=5)
    assert [type(e) for e in errors] == ([AuthError] * 4 + [AccountLocked]) * 2
    entries = actions(clerk)
    assert entries[0][1]["reason"] == "disabled" and entries[0][1]["known"] is True


def test_supervisor_pins_share_the_lockout_and_overrides_are_audited(new_store):
    add_user(new_store, ADMIN, "boss", "店长", "store_manager", PASSWORD, pin="2580")
    cashier = Actor(None, "till", "cashier")
    config = load_config(new_store)
    clock = Clock()

    def void(pin):
        return approve(new_store, cashier, "void_line", "sale-1", {"sku": "COLA"}, config,
                       approver="boss", pin=pin, clock=clock)
    for _ in range(4):
        with pytest.raises(WrongPin):
            void("1111")
    with pytest.raises(AccountLocked):
        void("1111")
    with pytest.raises(AccountLocked):
        void("2580")  # the right PIN, refused unchecked
    with pytest.raises(AccountLocked):
        sign_in(new_store, "boss", PASSWORD, clock=clock)  # one account, one lockout
    clock.advance(minutes=1, seconds=1)
    assert void("2580").approver == "boss"
    assert account(new_store, "boss") == (0, None)
    boss = [a for a, _ in actions(new_store, "boss")]
    assert boss == ["auth.failed"] * 4 + ["auth.lockout", "auth.refused_locked",
                                          "auth.refused_locked", "auth.pin_accepted"]
    with new_store.engine.connect() as conn:
        counter = [(a, json.loads(d)) for a, d in conn.execute(
            select(AuditEntry.action, AuditEntry.detail)
            .where(AuditEntry.action.like("counter.%")).order_by(AuditEntry.seq))]
    assert [a for a, _ in counter] == ["counter.authorisation_refused"] * 6 + ["counter.void_line"]
    assert [d.get("locked") for _, d in counter[4:6]] == [True, True]
    assert counter[-1][1]["approved_by"] == "boss"


def test_the_lock_time_is_shown_in_local_time_with_the_date_when_not_today():
    local = T0.replace(tzinfo=timezone.utc).astimezone()
    assert local_time_text(T0, T0) == f"{local:%H:%M:%S}"
    later = T0 + timedelta(days=1)
    assert local_time_text(later, T0) == f"{later.replace(tzinfo=timezone.utc).astimezone():%Y-%m-%d %H:%M:%S}"
