"""Accounts: who manages whom, the rules a password and a PIN meet, and the audit."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.domain.permissions import PermissionDenied
from app.persistence.schema import AuditEntry, User
from app.services import auth
from app.services.auth import check_pin, sign_in
from app.services.passwords import BadPinFormat, PasswordTooWeak
from app.services.records import Actor
from app.services.users import (BadAccount, LastAdministrator, ManagesOnly, NoSuchUser,
                                SamePassword, add_user, change_password, change_role,
                                disable_user, enable_user, list_users, reset_password, set_pin)
from helpers import ADMIN_PASSWORD

ADMIN = Actor(None, "cli:test", "admin")
PW = "Good-pass-1"


@pytest.fixture(autouse=True)
def _fresh_ghosts():
    auth.GHOSTS.clear()


@pytest.fixture
def shop(new_store):
    info = add_user(new_store, ADMIN, "boss", "王店长", "store_manager", PW)
    new_store.boss = Actor(info.id, "boss", "store_manager")
    add_user(new_store, ADMIN, "cash1", "收银一", "cashier", PW)
    return new_store


def entries(store):
    with store.engine.connect() as conn:
        return [(a, t, json.loads(d)) for a, t, d in conn.execute(
            select(AuditEntry.action, AuditEntry.target, AuditEntry.detail)
            .where(AuditEntry.action.like("user.%")).order_by(AuditEntry.seq))]


def test_add_and_list_users(shop):
    rows = {u.username: u for u in list_users(shop, ADMIN)}
    assert sorted(rows) == ["admin", "boss", "cash1"]
    cash = rows["cash1"]
    assert (cash.role, cash.display_name, cash.active, cash.has_pin) == ("cashier", "收银一",
                                                                         True, False)
    assert sign_in(shop, "cash1", PW).role == "cashier"
    add, _, detail = entries(shop)[-1]
    assert add == "user.add" and detail["after"]["role"] == "cashier"
    assert detail["by"] == "cli:test" and "password_hash" not in json.dumps(detail)


@pytest.mark.parametrize("username, name, role, why", [
    ("CASH1", "x", "cashier", "exists"), ("has space", "x", "cashier", "user name"),
    ("-dash", "x", "cashier", "user name"), ("ok", "", "cashier", "display name"),
    ("ok", "x", "boss", "no role")])
def test_bad_accounts_are_refused_with_the_reason(shop, username, name, role, why):
    with pytest.raises(BadAccount) as info:
        add_user(shop, ADMIN, username, name, role, PW)
    assert why in info.value.message("en") and "无法保存" in info.value.message("zh_CN")


@pytest.mark.parametrize("password, why", [
    ("Ab1", "fewer than 8"), ("abcdefghij", "only letters"), ("1234567890", "only letters"),
    ("password1", "tried first"), ("aaaa1111", "tried first"), ("xnewbiex9", "user name")])
def test_weak_passwords_are_refused(shop, password, why):
    with pytest.raises(PasswordTooWeak) as info:
        add_user(shop, ADMIN, "newbie", "新人", "cashier", password)
    assert why in info.value.message("en") and "密码太弱" in info.value.message("zh_CN")


@pytest.mark.parametrize("pin", ["123", "1234567", "12a4", "1111", "1234", "9876", "٣٤٥٦"])
def test_pins_are_four_to_six_digits_and_not_trivial(shop, pin):
    with pytest.raises(BadPinFormat):
        add_user(shop, ADMIN, "newbie", "新人", "cashier", PW, pin=pin)


def test_a_store_manager_manages_only_cashiers_and_shift_leads(shop):
    boss = shop.boss
    add_user(shop, boss, "cash2", "收银二", "cashier", PW)
    change_role(shop, boss, "cash2", "shift_lead")
    disable_user(shop, boss, "cash2")
    enable_user(shop, boss, "cash2")
    for attempt in (lambda: add_user(shop, boss, "acct", "会计", "accountant", PW),
                    lambda: change_role(shop, boss, "cash2", "store_manager"),
                    lambda: disable_user(shop, boss, "admin"),
                    lambda: reset_password(shop, boss, "admin", PW),
                    lambda: set_pin(shop, boss, "admin", "2580"),
                    lambda: change_role(shop, boss, "boss", "admin")):
        with pytest.raises(ManagesOnly) as info:
            attempt()
        assert isinstance(info.value, PermissionDenied)
        assert "店长只能管理" in info.value.message("zh_CN")
    clerk = Actor(9, "clerk", "warehouse_clerk")
    with pytest.raises(PermissionDenied):
        add_user(shop, clerk, "cash3", "收银三", "cashier", PW)
    with pytest.raises(PermissionDenied):
        list_users(shop, Actor(5, "cash1", "cashier"))


def test_the_last_active_administrator_stays(shop):
    before = len(entries(shop))
    for attempt in (lambda: disable_user(shop, ADMIN, "admin"),
                    lambda: change_role(shop, ADMIN, "admin", "store_manager")):
        with pytest.raises(LastAdministrator) as info:
            attempt()
        assert "last active administrator" in info.value.message("en")
    assert len(entries(shop)) == before  # a refused change writes nothing
    assert next(u for u in list_users(shop, ADMIN) if u.username == "admin").active
    add_user(shop, ADMIN, "admin2", "二号管理员", "admin", PW)
    disable_user(shop, ADMIN, "admin2")
    with pytest.raises(LastAdministrator):  # a disabled one does not count
        disable_user(shop, ADMIN, "admin")
    enable_user(shop, ADMIN, "admin2")
    change_role(shop, ADMIN, "admin", "store_manager")
    with pytest.raises(LastAdministrator):
        change_role(shop, ADMIN, "admin2", "accountant")


def test_each_change_is_audited_with_before_and_after_and_never_a_secret(shop):
    change_role(shop, ADMIN, "cash1", "shift_lead")
    disable_user(shop, ADMIN, "cash1")
    reset_password(shop, ADMIN, "cash1", "Temp-pass-22")
    set_pin(shop, ADMIN, "cash1", "2580")
    set_pin(shop, ADMIN, "cash1", None)
    got = [(a, t, d["before"], d["after"]) for a, t, d in entries(shop)[-5:]]
    assert got == [
        ("user.role", "cash1", {"role": "cashier"}, {"role": "shift_lead"}),
        ("user.disable", "cash1", {"active": True}, {"active": False}),
        ("user.reset_password", "cash1", {"must_change_password": False},
         {"must_change_password": True}),
        ("user.set_pin", "cash1", {"has_pin": False}, {"has_pin": True}),
        ("user.clear_pin", "cash1", {"has_pin": True}, {"has_pin": False})]
    with shop.engine.connect() as conn:
        texts = [d for (d,) in conn.execute(select(AuditEntry.detail))]
    for secret in ("$argon2", PW, "Temp-pass-22", "2580", ADMIN_PASSWORD):
        assert not any(secret in t for t in texts), secret


def test_own_password_and_pin(shop):
    with pytest.raises(SamePassword):
        change_password(shop, "cash1", PW, PW)
    with pytest.raises(PasswordTooWeak):
        change_password(shop, "cash1", PW, "short")
    change_password(shop, "cash1", PW, "Other-pass-2")
    cash = next(u for u in list_users(shop, ADMIN) if u.username == "cash1")
    me = Actor(cash.id, "cash1", "cashier")
    assert set_pin(shop, me, "cash1", "1357", password="Other-pass-2").has_pin
    assert check_pin(shop, "cash1", "1357") == ("cash1", "cashier")
    with pytest.raises(ManagesOnly):  # a cashier sets only their own PIN
        set_pin(shop, me, "boss", "1357")


def test_unknown_users_are_named(shop):
    with pytest.raises(NoSuchUser) as info:
        disable_user(shop, ADMIN, "ghost")
    assert "ghost" in info.value.message("en") and "jxc user list" in info.value.message("zh")
    with shop.engine.connect() as conn:
        assert conn.execute(select(User.active).where(User.username == "cash1")).scalar()
